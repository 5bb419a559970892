"""The national region table and the region a document comes from.

``data/regions/china.csv`` (built by ``python -m govkg.build_regions`` from cpca's adcode
table) holds every province-, prefecture- and county-level division with its code, short name,
level, parent and path; ``data/regions/abbreviations.csv`` the abbreviations a 文号 uses that are
not a character of the short name (宁 for 南京, 甬 for 宁波, 皖 for 安徽 …).

``resolve`` weighs every mention of a division in a document: the issuer, title, signature and
metadata fields weigh most, names in the body less, short names (嵊泗, 桐乡) less than full ones.
A mention supports the division itself and, less, its ancestors and descendants, so
江苏省南京市鼓楼区 and 南京市 … 鼓楼区 both single out Nanjing's 鼓楼区 among the four, and
districts named in a city report support their city. The level the document speaks at
(省政府, 市政府, 区政府, 全县 …) and the 文号 prefix (鼓政, 京兴政办发) add weight. A tie between
unrelated divisions is not broken by guessing: the region is left open with a warning naming the
candidates.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from govkg.resources import data_dir

from .model import Region
from .patterns import config_errors

DATA = data_dir() / "regions"
LEVEL_RANK = {"province": 1, "prefecture": 2, "county": 3}
_ANCESTORS: dict[str, tuple[Division, ...]] = {}  # code → ancestors: the table never changes


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    short: str
    level: str  # province / prefecture / county
    parent: str | None
    path: str  # 江苏省/南京市/鼓楼区
    pinyin: str = ""  # of the short name, as file names write it: gulou

    def ancestors(self) -> tuple[Division, ...]:
        """Its parent, the parent's parent …, nearest first (worked out once per division)."""
        found = _ANCESTORS.get(self.code)
        if found is None:
            out: list[Division] = []
            p = self.parent
            table = divisions()
            while p:
                d = table[p]
                out.append(d)
                p = d.parent
            found = _ANCESTORS[self.code] = tuple(out)
        return found

    @property
    def naming_level(self) -> str:
        """The level units are named at (市财政局, 县财政局, 区财政局, 省财政厅): a prefecture or
        county-level city names its units 市…, a district 区…, a county or banner 县…."""
        if self.level == "province":
            return "province"
        if self.level == "prefecture" or self.name.endswith("市"):
            return "city"
        return "district" if self.name.endswith("区") else "county"

    @property
    def label(self) -> str:
        """The name where it is unique in China (湖州市, 长兴县), else the parent's name before it
        (南京市鼓楼区 and 福州市鼓楼区; 北京市朝阳区 and 长春市朝阳区)."""
        if len(name_index().full.get(self.name, ())) <= 1 or not self.parent:
            return self.name
        return divisions()[self.parent].name + self.name

    @property
    def former_names(self) -> list[str]:
        """The names it had before, with their years (吴江县 1980–1991, 吴江市 1992–2011)."""
        return [f"{n} {a}–{b}" for n, a, b in history().get(self.code, []) if n != self.name]

    def model(self) -> Region:
        parent = divisions()[self.parent].model() if self.parent else None
        return Region(
            name=self.name,
            level=self.naming_level,
            parent=parent,
            code=self.code,
            path=self.path,
            label=self.label,
            former_names=self.former_names,
        )


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    path = DATA / "china.csv"
    with config_errors(path), path.open(encoding="utf-8") as f:
        return {
            r["code"]: Division(
                r["code"], r["name"], r["short"], r["level"], r["parent"] or None, r["path"], r["pinyin"]
            )
            for r in csv.DictReader(f)
        }


@lru_cache(maxsize=1)
def history() -> dict[str, list[tuple[str, int, int | None]]]:
    """code → every name the division had: (name, first year, last year or None for the current)."""
    out: dict[str, list[tuple[str, int, int | None]]] = defaultdict(list)
    path = DATA / "history.csv"
    with config_errors(path), path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[r["code"]].append((r["name"], int(r["from"]), int(r["to"]) if r["to"] else None))
    return dict(out)


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, list[str]]:
    """code → the 文号 abbreviations of that division beyond the characters of its short name."""
    out: dict[str, list[str]] = defaultdict(list)
    path = DATA / "abbreviations.csv"
    with config_errors(path), path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[r["code"]].append(r["abbr"])
    return dict(out)


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    full: dict[str, list[Division]] = defaultdict(list)
    short: dict[str, list[Division]] = defaultdict(list)
    for d in divisions().values():
        full[d.name].append(d)
        if len(d.short) >= 2 and d.short != d.name:
            short[d.short].append(d)
    former: dict[str, list[Division]] = defaultdict(list)
    table = divisions()
    for code, names in history().items():
        for n, _, _ in names:
            if len(n) == 2 and n.endswith("区"):
                continue  # 一区, 市区, 南区: once a division's name, now an ordinary word
            if n not in full and code in table and table[code] not in former[n]:
                former[n].append(table[code])  # 吴江市 → 吴江区 (320509)
    by_bigram: dict[str, list[str]] = defaultdict(list)
    for w in sorted({*full, *short, *former}, key=len, reverse=True):
        by_bigram[w[:2]].append(w)  # longest first
    by_char: dict[str, list[Division]] = defaultdict(list)
    for d in divisions().values():
        for ch in set(d.short + "".join(abbreviations().get(d.code, []))):
            by_char[ch].append(d)
    pinyin: dict[str, list[Division]] = defaultdict(list)
    for d in divisions().values():
        if len(d.pinyin) >= 4:
            pinyin[d.pinyin].append(d)
    firsts = "".join(sorted({w[0] for w in by_bigram}))
    seconds = "".join(sorted({w[1] for w in by_bigram}))
    starts = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
    bigram_slots = np.zeros(1 << _HASH_BITS, dtype=bool)
    for w in by_bigram:
        bigram_slots[_bigram_hash(ord(w[0]), ord(w[1]))] = True
    return NameIndex(
        dict(full),
        dict(short),
        dict(by_bigram),
        dict(by_char),
        dict(former),
        dict(pinyin),
        starts,
        bigram_slots,
    )


_HASH_BITS = 20
_HASH_MASK = (1 << _HASH_BITS) - 1
_HASH_MUL = 40503
_LONG_TEXT = 200  # from here on the bigrams of a text are hashed in numpy, all at once


def _bigram_hash(a: int, b: int) -> int:
    """The bigram's slot in the table: its code points mixed, the low 20 bits kept (computed on
    uint32 arrays in ``NameIndex.find``, where the product wraps: its low bits are the same)."""
    return ((a * _HASH_MUL) ^ b) & _HASH_MASK


@dataclass(frozen=True, slots=True)
class NameIndex:
    full: dict[str, list[Division]]  # full name → divisions
    short: dict[str, list[Division]]  # short name (two characters or more) → divisions
    by_bigram: dict[str, list[str]]  # the first two characters → every full and short name, longest first
    by_char: dict[str, list[Division]]  # a character of a short name or abbreviation → divisions
    former: dict[str, list[Division]]  # a name no division has now → the divisions that had it
    pinyin: dict[str, list[Division]]  # the pinyin of a short name (four letters or more) → divisions
    starts: re.Pattern[str]  # a character that begins a name before one that can follow it
    bigrams: Any  # numpy bool array: True at the hash slot of every name's first two characters

    def find(self, text: str) -> list[str]:
        """Every name in ``text``, leftmost and longest first, not overlapping. Every name has two
        characters or more, so only the places where a name's first two characters stand need
        comparing: in a short text a regex over the first and second characters of every name
        finds them; in a long one (a body) numpy hashes every bigram of the text at once and keeps
        those whose slot a name's bigram holds. Either way the names of the bigram are then
        compared there, longest first."""
        index = self.by_bigram
        out: list[str] = []
        end = 0
        for i in self._starts(text):
            if i < end:
                continue
            for w in index.get(text[i : i + 2], ()):
                if text.startswith(w, i):
                    out.append(w)
                    end = i + len(w)
                    break
        return out

    def _starts(self, text: str) -> Iterable[int]:
        if len(text) < _LONG_TEXT:
            return (m.start() for m in self.starts.finditer(text))
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        slots = ((points[:-1] * np.uint32(_HASH_MUL)) ^ points[1:]) & np.uint32(_HASH_MASK)
        starts: list[int] = np.flatnonzero(self.bigrams[slots]).tolist()
        return starts


def by_name(name: str) -> list[Division]:
    idx = name_index()
    return idx.full.get(name) or idx.former.get(name) or idx.short.get(name) or []


def division(code: str) -> Division | None:
    return divisions().get(code)


@dataclass(slots=True)
class Evidence:
    """Where the region of a document can be read, strongest first."""

    strong: list[str] = field(default_factory=list)  # issuer, title, signature, metadata fields
    body: str = ""
    doc_no: str | None = None
    level: str | None = None  # the level the issuer speaks at, when the text says so
    file_name: str = ""  # the last resort: 鼓楼区2025.txt, gulou_nanjing_2025.txt


@dataclass(slots=True)
class Resolution:
    division: Division | None
    basis: str
    candidates: list[str] = field(default_factory=list)  # paths, when the text leaves a tie
    candidate_codes: list[str] = field(default_factory=list)
    weak: bool = False  # read from names in the body alone: no issuer, title, signature or 文号
    body_named: list[str] = field(default_factory=list)  # codes of the divisions the body names


_W_STRONG_FULL, _W_STRONG_SHORT = 3.0, 2.0
_W_BODY_FULL, _W_BODY_SHORT = 1.0, 0.25
_W_DOC_NO = 2.5
_UP, _DOWN = 0.6, 0.4  # support given to ancestors / descendants of a mentioned division
_LEVEL_BONUS = 1.6


def _mentions(text: str, full_w: float, short_w: float) -> list[tuple[list[Division], float]]:
    idx = name_index()
    full, short, former = idx.full, idx.short, idx.former
    out = []
    for w in idx.find(text):
        if w in full:
            out.append((full[w], full_w))
        elif w in former:
            out.append((former[w], full_w))
        else:
            # a short name glued to a following suffix character is the full name written
            # differently (嵊泗县 is full); a short name inside a longer word is weak evidence
            out.append((short[w], short_w))
    return out


def _doc_no_abbr(doc_no: str) -> str:
    m = re.match(r"^([\u4e00-\u9fff]+?)(?:人民)?(?:政府|政|府|办|委)", doc_no)
    return m.group(1) if m else ""


def _matches_abbr(d: Division, abbr: str) -> bool:
    """The 文号 abbreviation's characters occur, in order, in the short names (and abbreviations)
    along the division's path, the last one in the division's own."""
    if not abbr:
        return False
    own, pool = _abbr_pool(d)
    if abbr[-1] not in own:
        return False
    i = 0
    for ch in abbr:
        j = pool.find(ch, i)
        if j < 0:
            return False
        i = j + 1
    return True


_ABBR_POOLS: dict[str, tuple[str, str]] = {}


def _abbr_pool(d: Division) -> tuple[str, str]:
    """(its own short name and abbreviations, those of its whole path from the province down),
    worked out once per division."""
    found = _ABBR_POOLS.get(d.code)
    if found is None:
        abbrs = abbreviations()
        chain = [*reversed(d.ancestors()), d]
        own = d.short + "".join(abbrs.get(d.code, []))
        pool = "".join(x.short + "".join(abbrs.get(x.code, [])) for x in chain)
        found = _ABBR_POOLS[d.code] = (own, pool)
    return found


def resolve(ev: Evidence) -> Resolution:
    """The division the evidence singles out. The file name is read only when the text names no
    region or leaves a tie, and the basis then says so."""
    res = _resolve_text(ev)
    if res.division is None and ev.file_name:
        return _by_file_name(ev, res) or res
    if res.division is not None and res.weak and ev.file_name:
        # a report that names its province and its city as often (考察安徽…合肥篇章): the file
        # name picks, among the places the body names, the one inside the choice
        inside = [
            c
            for c in file_name_divisions(ev.file_name)
            if c in res.body_named and c != res.division.code and res.division in divisions()[c].ancestors()
        ]
        if len(inside) == 1:
            d = divisions()[inside[0]]
            return Resolution(
                d, f"from the file name (the text names {res.division.name} and {d.name} alike)"
            )
    return res


def file_name_divisions(name: str) -> set[str]:
    """Codes of the divisions a file name names, in characters (湖州市2017.txt) or in the pinyin
    of their short names, one word each (gulou_nanjing_2025.txt)."""
    stem = Path(name).stem
    idx = name_index()
    codes = {d.code for w in idx.find(stem) for d in by_name(w)}
    for word in re.split(r"[^a-z]+", stem.lower()):
        codes.update(d.code for d in idx.pinyin.get(word, []))
    return codes


def _by_file_name(ev: Evidence, res: Resolution) -> Resolution | None:
    named = file_name_divisions(ev.file_name)
    if not named:
        return None
    table = divisions()
    pool = res.candidate_codes or sorted(named)

    def score(code: str) -> int:
        d = table[code]
        return (code in named) + sum(a.code in named for a in d.ancestors())

    ranked = sorted(((score(c), c) for c in pool), reverse=True)
    if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    best = table[ranked[0][1]]
    said = (
        "the text leaves it between " + "; ".join(res.candidates) if res.candidates else "the text names none"
    )
    return Resolution(best, f"from the file name ({said})")


def _resolve_text(ev: Evidence) -> Resolution:
    support: dict[str, float] = defaultdict(float)  # own mentions
    mentioned: dict[str, float] = defaultdict(float)
    table = divisions()
    groups = [_mentions(t, _W_STRONG_FULL, _W_STRONG_SHORT) for t in ev.strong]
    strong = any(groups)
    body_group = _mentions(ev.body, _W_BODY_FULL, _W_BODY_SHORT)
    groups.append(body_group)
    for group in groups:
        for cands, w in group:
            for d in cands:
                mentioned[d.code] += w
    for code, w in mentioned.items():
        d = table[code]
        support[code] += w
        for a in d.ancestors():
            support[a.code] += w * _DOWN
    # the 文号's abbreviation supports the divisions it can stand for, not their ancestors: 长
    # is a character of a hundred counties' names, which say nothing of their provinces
    abbr = _doc_no_abbr(ev.doc_no) if ev.doc_no else ""
    if abbr:
        for d in name_index().by_char.get(abbr[-1], []):
            if (ev.level is None or _level_ok(d, ev.level)) and _matches_abbr(d, abbr):
                mentioned[d.code] += _W_DOC_NO
                support[d.code] += _W_DOC_NO
                strong = True
    if not mentioned:
        return Resolution(None, "no region named")
    scores: dict[str, float] = {}
    for code in mentioned:
        d = table[code]
        s = support[code] + sum(mentioned.get(a.code, 0.0) * _UP for a in d.ancestors())
        if ev.level and _level_ok(d, ev.level):
            s *= _LEVEL_BONUS
        scores[code] = s
    # ancestors that were not mentioned themselves but are supported by several descendants
    for code, s in support.items():
        if code not in scores:
            d = table[code]
            bonus = _LEVEL_BONUS if ev.level and _level_ok(d, ev.level) else 1.0
            scores[code] = s * bonus * 0.9
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -LEVEL_RANK[table[kv[0]].level]))
    best_code, best = ranked[0]
    ties = [c for c, s in ranked[1:] if abs(s - best) < 1e-9]
    rivals = [c for c in ties if not _related(table[c], table[best_code])]
    if rivals:
        codes = [best_code, *rivals]
        return Resolution(None, "ambiguous", [table[c].path for c in codes], codes)
    best_div = table[best_code]
    said = " ".join([*ev.strong, ev.body])
    if best_code in mentioned and best_div.name not in said:
        then = next((n for n, _, _ in history().get(best_code, []) if n != best_div.name and n in said), None)
        if then is not None:  # 吴江市人民政府 in 2010: the division now called 吴江区
            return Resolution(best_div, f"named by its former name {then}")
    return Resolution(
        best_div,
        "named" if best_code in mentioned else "inferred from places named",
        weak=not strong,
        body_named=[d.code for cands, _ in body_group for d in cands],
    )


def _related(a: Division, b: Division) -> bool:
    return a.code in {x.code for x in b.ancestors()} or b.code in {x.code for x in a.ancestors()}


def _level_ok(d: Division, level: str) -> bool:
    if level == "province":
        return d.level == "province"
    if (
        level == "city"
    ):  # 市政府, 州政府: a prefecture (自治州, 地区, 盟 too), a county-level city, a municipality
        return d.name.endswith("市") or d.level == "prefecture"
    if level == "district":  # 区政府, 全区: a district, or an autonomous region (广西全区)
        return d.name.endswith("区") and d.level != "prefecture"

    if level == "county":
        return d.level == "county" and not d.name.endswith("区")
    return True
