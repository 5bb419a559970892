"""Document metadata: title, 文号, issuer, signing date, year, region, kind.

Read from the head of the document (the first lines, metadata blocks of every portal form —
``标 题: | …``, ``【发文字号】…``, ``- 備注/文號:…`` —, the signature) with the label
vocabulary of ``data/patterns/meta.json``. Each field records how it was found where that can
be unsure: ``date_basis`` (signature, a metadata field, a garbled signature read with the page's
date) and ``region_basis`` (see ``loaders.regions``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from govkg.resources import data_dir

from .lines import Line
from .model import DocKind, Region
from .patterns import config_errors, read_json
from .regions import Evidence, resolve

DATA = data_dir() / "patterns" / "meta.json"
CN_DIGIT = {"〇": 0, "○": 0, "O": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9}  # fmt: skip

DOC_NO = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,10})\s*(?P<open>[〔\[(【])\s*(?P<y>\d{4})\s*[〕\])】]\s*(?P<n>\d{1,4})\s*[号號]"
)
SIGN_DATE = re.compile(r"^\(?(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\)?$")
CN_DATE = re.compile(
    r"^\(?(?P<y>[二一][〇○O零一二三四五六七八九]{3})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日\)?$"
)
GARBLED_DATE = re.compile(r"^(?P<y>20\d{2})年?(?P<rest>\d{2,4})日?$")
ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{2,16}(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅)$"
)
REPORT_TITLE = re.compile(r"^(?P<t>.{0,30}政府工作报告(?:全文|\(摘登\))?)$")
ADDRESSEES = re.compile(r"^各.{2,80}:$")
REPORT_DATE = re.compile(r"^——\s*(?P<y>\d{4})年\d{1,2}月\d{1,2}日在")
PAGE_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})[-./年](?P<m>\d{1,2})[-./月](?P<d>\d{1,2})|(?P<d2>\d{2})\.(?P<m2>\d{2})\.(?P<y2>20\d{2})"
)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
FILE_YEAR = re.compile(r"(?<!\d)((?:19[5-9]|20\d)\d)(?!\d)")
LEVEL_WORDS = {
    "省": "province",
    "市": "city",
    "区": "district",
    "县": "county",
    "旗": "county",
    "州": "city",
    "盟": "city",
}


@dataclass(frozen=True)
class MetaVocab:
    title: re.Pattern[str]
    title_label: re.Pattern[str]
    field_date: re.Pattern[str]
    doc_no_field: re.Pattern[str]
    issuer_field: re.Pattern[str]
    report_words: re.Pattern[str]
    report_signs: re.Pattern[str]
    notice_signs: re.Pattern[str]
    congress: re.Pattern[str]
    congress_base: dict[str, int]
    level_hint: re.Pattern[str]
    planned_intro: re.Pattern[str]
    planned_intro_words: tuple[str, ...]  # one of them is in every planned_intro (a cheap test first)
    planned_intro_reach: tuple[int, int]  # how far a match reaches before and after those words
    self_level: re.Pattern[str]
    reporter_level: re.Pattern[str]
    target_year: re.Pattern[str]


@lru_cache(maxsize=1)
def vocab() -> MetaVocab:
    with config_errors(DATA):
        raw = read_json(DATA)
        return MetaVocab(
            title=re.compile(raw["title"]),
            title_label=re.compile(raw["title_label"]),
            field_date=re.compile(raw["field_date"]),
            doc_no_field=re.compile(raw["doc_no_field"]),
            issuer_field=re.compile(raw["issuer_field"]),
            report_words=re.compile(raw["report_words"]),
            report_signs=re.compile(raw["report_signs"]),
            notice_signs=re.compile(raw["notice_signs"]),
            congress=re.compile(raw["congress"]),
            congress_base={k: int(v) for k, v in raw["congress_base"].items()},
            level_hint=re.compile(raw["level_hint"]),
            planned_intro=re.compile(raw["planned_intro"]),
            planned_intro_words=tuple(raw["planned_intro_words"]),
            planned_intro_reach=(int(raw["planned_intro_reach"][0]), int(raw["planned_intro_reach"][1])),
            self_level=re.compile(raw["self_level"]),
            reporter_level=re.compile(raw["reporter_level"]),
            target_year=re.compile(raw["target_year"]),
        )


@dataclass
class Meta:
    title: str | None = None
    doc_no: str | None = None
    issuer: str | None = None
    date: date | None = None
    date_basis: str | None = None
    year: int | None = None
    region: Region | None = None
    region_basis: str | None = None
    kind: DocKind = DocKind.decomposition
    roles: dict[int, str] = field(default_factory=dict)  # line number → role
    line_index_roles: set[int] = field(default_factory=set)  # indices into the line list
    signature_index: int | None = None
    warnings: list[str] = field(default_factory=list)


def _safe_date(y: int, m: int, d: int) -> date | None:
    if y < 1980:  # 1970-01-01 and its kin: an empty date field in a portal's database
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def cn_number(s: str) -> int:
    """二十四 → 24, 十一 → 11, 二〇〇七 → 2007 (digit by digit when there is no 十)."""
    if "十" not in s:
        return int("".join(str(CN_DIGIT[c]) for c in s))
    a, _, b = s.partition("十")
    return (CN_DIGIT[a] if a else 1) * 10 + (CN_DIGIT[b] if b else 0)


_BULLETS = re.compile(r"^[\s•·\-]+")


def _strip_field(text: str) -> str:
    """The value of a metadata cell: labels, pipes and bullets removed."""
    t = _BULLETS.sub("", text)
    t = vocab().title_label.sub("", t)
    return t.strip(" |")


def _title_candidates(lines: Sequence[Line]) -> Iterator[tuple[int, int, str]]:
    """(first index, number of lines, text) of every line or run of up to four short lines that
    reads as a title (a title wrapped over lines is joined), made as the reader asks for them."""
    for i, ln in enumerate(lines):
        yield (i, 1, _strip_field(ln.text))
        joined = ln.text
        for k in range(1, 4):
            if i + k >= len(lines):
                break
            prev, nxt = lines[i + k - 1].text, lines[i + k].text
            if len(prev) > 40 or prev[-1] in "。;:,!?" or len(nxt) > 40:
                break
            joined += nxt
            yield (i, k + 1, _strip_field(joined))


def _find_title(lines: Sequence[Line]) -> tuple[str, int, int] | None:
    """The first title: a line, or a run of up to four short lines, that reads as one. A run
    counts only when the title begins on its first line and needs its last one."""
    rx = vocab().title
    best: tuple[str, int, int] | None = None
    for i, n, text in _title_candidates(lines):
        if len(text) > 120 or text.endswith(("。", "同意,")):
            continue
        m = rx.search(text)
        if not m:
            continue
        first = len(_strip_field(lines[i].text))
        if n > 1 and m.start() >= first and not ISSUER_LINE.match(lines[i].text):
            continue  # a run begins with its title, or with the issuer's line before it
        if n > 1 and m.end() <= len(text) - len(lines[i + n - 1].text):
            continue  # the title is complete before the last line
        t = m.group(0)
        start = text.rfind("《", 0, m.start())
        prefix = text[: m.start()] if start < 0 else text[start + 1 : m.start()]
        prefix = DOC_NO.sub("", prefix)
        pm = re.search(r"[\u4e00-\u9fff]{0,24}$", prefix)  # the issuer written before 关于/印发
        t = ((pm.group(0) if pm else "") + t).strip()
        t = re.sub(r"\s+", "", t) if re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", t) else t
        if best is None or (i == best[1] and n > best[2]):
            best = (t, i, n)
        elif i > best[1] + 3:
            break
    return best


def _doc_no(lines: Sequence[Line]) -> tuple[str, int, bool] | None:
    """The document's own 文号 (not one it cites): in a metadata field, on a line of its own or
    beside the title. The 〔〕 form is preferred where the page prints it more than one way."""
    found: list[tuple[str, int, bool]] = []
    for i, ln in enumerate(lines):
        if "号" not in ln.text and "號" not in ln.text:
            continue  # every 文号 ends in 号: the pattern, costly at every character, is not tried
        for m in DOC_NO.finditer(ln.text):
            before = ln.text[: m.start("prefix")]
            if before.endswith(("》(", "》", "〉(", "的通知(")) and len(before) > 12:
                continue  # a document cited in a sentence
            if len(ln.text) > 160 and not before.strip(" (【") == "":
                continue
            prefix = vocab().doc_no_field.sub("", m.group("prefix"))
            text = prefix + m.group(0)[len(m.group("prefix")) :]
            alone = ln.text.strip(" ()|").replace(" ", "") == text.replace(" ", "")
            found.append((text, i, alone))
    if not found:
        return None
    official = [f for f in found if "〔" in f[0]]
    return (official or found)[0]


def _page_date(lines: Sequence[Line]) -> date | None:
    for ln in lines[:40]:
        for m in PAGE_DATE.finditer(ln.text):
            if m.group("y"):
                d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            else:
                d = _safe_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
            if d is not None:
                return d
    return None


def _garbled(m: re.Match[str], page: date | None) -> date | None:
    """2022121日 / 2024115: the signature with its 年/月 lost. Every split of the digits into a
    month and a day is a candidate; the page's own date decides (the latest one not after it)."""
    y, rest = int(m.group("y")), m.group("rest")
    cands = []
    for k in (1, 2):
        if k < len(rest):
            d = _safe_date(y, int(rest[:k]), int(rest[k:]))
            if d is not None:
                cands.append(d)
    if page is not None:
        cands = [d for d in cands if d <= page]
        return max(cands) if cands else None
    return cands[0] if len(cands) == 1 else None


def _signature(lines: Sequence[Line], meta: Meta, role: _Role) -> None:
    page = None
    for i, ln in enumerate(lines[:200]):
        t = ln.text.strip()
        d: date | None = None
        basis = "signature"
        m = SIGN_DATE.match(t)
        if m:
            d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        elif (c := CN_DATE.match(t)) is not None:
            d = _safe_date(cn_number(c.group("y")), cn_number(c.group("m")), cn_number(c.group("d")))
        elif (g := GARBLED_DATE.match(t)) is not None and i > 0:
            page = page or _page_date(lines)
            d = _garbled(g, page)
            basis = "garbled signature read with the page's date"
            if d is None:
                meta.warnings.append(f"signature date {t!r} is garbled and could not be read")
                role(i, "signing_date (garbled)")
                continue
        else:
            continue
        if d is None:
            continue
        meta.date, meta.date_basis, meta.signature_index = d, basis, i
        role(i, "signing_date")
        if basis != "signature":
            meta.warnings.append(f"signature date {t!r} read as {d.isoformat()} with the page's date")
        if i > 0 and ISSUER_LINE.match(lines[i - 1].text):
            meta.issuer = lines[i - 1].text
            role(i - 1, "issuer")
        return


def planned_intro(text: str) -> re.Match[str] | None:
    """…主要预期目标是: the words that open a year's planned targets. The pattern begins with a
    run of any characters, costly to try at every character of a long text; it is tried only
    around the places where one of its words occurs (data/patterns/meta.json gives the words and
    how far before and after them a match can reach)."""
    v = vocab()
    before, after = v.planned_intro_reach
    spots = sorted(m.start() for w in v.planned_intro_words for m in re.finditer(re.escape(w), text))
    for i in spots:
        found = v.planned_intro.search(text, max(0, i - before), min(len(text), i + after))
        if found:
            return found
    return None


class _Role(Protocol):
    def __call__(self, i: int, r: str) -> None: ...


def _year(meta: Meta, lines: Sequence[Line], text: str) -> int | None:
    v = vocab()
    if meta.title and (ym := YEAR.search(meta.title)):
        return int(ym.group(1))
    head = text[:6000]
    if meta.kind is DocKind.work_report:
        m = planned_intro(head)
        if m and (ym := re.search(r"((?:19|20)\d{2})年", m.group(0))):
            return int(ym.group(1))
        for ln in lines[:20]:
            if (rm := REPORT_DATE.match(ln.text)) is not None:
                return int(rm.group("y"))
        planned = [int(y) for y in v.target_year.findall(head)]
        if planned:
            return max(planned)
        years = [
            int(y) for ln in lines for y in re.findall(r"^[一二三四五六七八九十]+、\s*(\d{4})年", ln.text)
        ]
        if years:
            return max(years)
    # the year of the report the notice decomposes: 2021年《政府工作报告》, 《2020年政府工作报告…》
    m = re.search(
        r"((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:市|县|区|省)?\s*[《<]?\s*(?:政府工作报告|重点工作)", head
    )
    if m:
        return int(m.group(1))
    m = re.search(r"《((?:19|20)\d{2})年[^》]{2,40}》", head)
    if m:
        return int(m.group(1))
    if meta.date is not None:
        return meta.date.year
    cm = v.congress.search(head)
    if cm and cm.group("term") in v.congress_base:
        return v.congress_base[cm.group("term")] + cn_number(cm.group("session")) - 1
    counted = Counter(int(y) for y in YEAR.findall(head) if 1990 <= int(y) <= 2100)
    if counted:
        return int(counted.most_common(1)[0][0])
    page = _page_date(lines)
    return page.year if page else None


def _kind(title: str, text: str) -> DocKind:
    v = vocab()
    if "清单" in title or re.search(r"重点工作任务(?:$|\()", title):
        return DocKind.key_work_list
    if re.search(r"印发.{0,6}政府工作报告的通知$", title):
        return DocKind.work_report
    if any(w in title for w in ("分解", "分工", "任务", "目标", "落实")):
        return DocKind.decomposition
    if "工作报告" in title:
        return DocKind.work_report
    if not title and v.report_words.search(text[:6000]) and not v.notice_signs.search(text[:6000]):
        return DocKind.work_report
    return DocKind.decomposition


def looks_like_notice_or_report(text: str, meta: Meta) -> bool:
    """Whether the text is (part of) a notice or a work report even without tasks or targets: it
    has a notice's parts (a title, a 文号, a signature, addressees) or a report's (its planned
    targets, 向大会报告工作, a review of the year). A news story that only mentions 责任分解 has
    neither."""
    v = vocab()
    if meta.title or meta.doc_no or meta.date is not None or "addressees" in meta.roles.values():
        return True
    return bool(v.planned_intro.search(text) or v.report_signs.search(text))


def _level(meta: Meta, text: str) -> str | None:
    """The level the document speaks at: from its title or issuer (区政府关于…), else the level
    the text speaks of itself at most (全市, 我市, 市委, 市政府 … against 全省, 省委 …)."""
    v = vocab()
    for src in (meta.title or "", meta.issuer or ""):
        m = v.level_hint.search(src)
        if m:
            return LEVEL_WORDS[m.group("lvl")]
    rm = v.reporter_level.search(text[:6000])  # 代区长邓辉作政府工作报告, 代主席蓝天立向大会
    if rm:
        return "province" if rm.group("chair") else LEVEL_WORDS[rm.group("lvl") or rm.group("lvl2")]
    counts = Counter(m.group(1) or m.group(2) for m in v.self_level.finditer(text[:6000]))
    if not counts:
        return None
    top = max(counts.values())
    tied = [w for w, n in counts.items() if n == top]
    if len(tied) == 1:
        return LEVEL_WORDS[tied[0]]
    if "省" in tied and len(tied) == 2:
        # 按照省委、市委部署: a city or county cites the province's bodies beside its own; a
        # province does not speak of a 市委 as one body of its own
        return LEVEL_WORDS[next(w for w in tied if w != "省")]
    return None


def extract(lines: Sequence[Line], text: str = "", source: str = "") -> Meta:
    """The metadata of a document; ``source`` (its file name) is the last evidence of its region."""
    meta = Meta()
    head = lines[:60]
    v = vocab()

    def role(i: int, r: str) -> None:
        meta.roles.setdefault(lines[i].no, r)
        meta.line_index_roles.add(i)

    found = _find_title(head)
    report = next(((i, m) for i, ln in enumerate(head) if (m := REPORT_TITLE.match(ln.text))), None)
    if report is not None and (found is None or report[0] < found[1]):
        meta.title = report[1].group("t")  # a report's own title line comes first
        role(report[0], "title")
    elif found:
        meta.title = found[0]
        for k in range(found[2]):
            role(found[1] + k, "title")
    dn = _doc_no(head)
    if dn:
        meta.doc_no = dn[0]
        if dn[2] or v.doc_no_field.match(lines[dn[1]].text.lstrip(" •-【")):
            role(dn[1], "doc_no")
    _signature(lines, meta, role)
    if meta.issuer is None:
        for i, ln in enumerate(head):
            if ISSUER_LINE.match(ln.text):
                meta.issuer = ln.text
                role(i, "issuer")
                break
    if meta.date is None:
        for ln in head:
            fm = v.field_date.search(ln.text)
            if fm:
                meta.date = _safe_date(int(fm.group("y")), int(fm.group("m")), int(fm.group("d")))
                if meta.date:
                    meta.date_basis = "metadata field"
                    break
    for i, ln in enumerate(head):
        if ADDRESSEES.match(ln.text) and len(ln.text) < 120:
            role(i, "addressees")
            break
    body = text or "\n".join(ln.text for ln in lines)
    meta.kind = _kind(meta.title or "", body)
    meta.year = _year(meta, lines, body)
    if meta.year is None and source:
        fm = FILE_YEAR.search(Path(source).stem)
        if fm:  # a page cut to its targets: the file name is all that says the year
            meta.year = int(fm.group(1))
            meta.warnings.append(f"year {meta.year} read from the file name: the text prints none")
    _region(meta, head, body, source)
    return meta


def _region(meta: Meta, head: Sequence[Line], body: str, source: str) -> None:
    v = vocab()
    strong = [s for s in (meta.title, meta.issuer) if s]
    for ln in head:
        if v.issuer_field.search(ln.text):
            strong.append(v.issuer_field.sub("", ln.text))
    ev = Evidence(
        strong=strong,
        body=body[:6000],
        doc_no=meta.doc_no,
        level=_level(meta, body),
        file_name=Path(source).name if source else "",
    )
    res = resolve(ev)
    meta.region_basis = res.basis
    if res.division is not None:
        meta.region = res.division.model()
        if res.basis.startswith("from the file name"):
            meta.warnings.append(f"region {res.division.path} read {res.basis}")
    elif res.candidates:
        meta.warnings.append("region ambiguous between " + "; ".join(res.candidates[:4]))
    else:
        meta.warnings.append("no region could be read from this text")
