"""The target grammar: quantitative goals and results in Chinese policy text.

``find_targets(text)`` returns ``RawTarget`` records with character spans
relative to ``text``. It understands compound indicators
("城镇、农村居民人均可支配收入分别增长8%以上和8.5%以上" → two targets),
shared values ("财政总收入和地方财政收入均增长8%以上"), stretch targets
("增长7.5%以上,力争8%以上"), clauses that continue the previous indicator
("地区生产总值达到2476.1亿元,增长8.5%"), caps ("控制在3.5%以内") and counts.

It is plain Python so it can run inside the spaCy target component
(``loaders.nlp``) and be tested on its own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from govkg.resources import data_dir

from .patterns import config_errors, per_written_form, read_json

DATA = data_dir()

with config_errors(DATA / "patterns" / "targets.json"):
    VOCAB = read_json(DATA / "patterns" / "targets.json")


def _words(key: str) -> str:
    """The words of one vocabulary list as a regex alternation, in the file's order."""
    return "|".join(re.escape(w) for w in VOCAB[key])


UNITS: list[str] = VOCAB["units"]
UNIT_ALTERNATIVES = _words("units")
CMP_SUFFIX = _words("comparators")
NUM = re.compile(
    rf"(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{UNIT_ALTERNATIVES})?(?P<cmp>{CMP_SUFFIX})?"
)
# 5.0%—5.5%, 7.5%—8%, 5%~6%: one target with a low and a high value
RANGE = re.compile(
    rf"(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)\s*%?\s*(?:[—~－\-]{{1,2}}|至)\s*(?P<high>\d+(?:\.\d+)?)\s*"
    rf"(?P<unit>{UNIT_ALTERNATIVES})?(?P<cmp>{CMP_SUFFIX})?"
)
_RANGE_MARKS = re.compile(r"[—~－\-]|至")  # what every RANGE has between its numbers
# 每立方米25微克 → 25 微克/立方米
PER_M3 = re.compile(r"每立方米?(?P<num>\d+(?:\.\d+)?)微克(?P<cmp>以内|以下|左右)?")
# numbers that are not values: years, dates, ordinals, ranges, names such as 5G or "4210"
NOT_VALUE_AFTER = re.compile(rf"(?:{_words('not_value_after')})")  # matched where a number ends
_VERB_ADVERB_RE = re.compile(rf"({_words('verbs')})({_words('adverbs')})*$")
LEAD_QUALIFIERS = re.compile(rf"^({_words('qualifiers')})")
LEAD_NOISE = re.compile(rf"^({_words('noise')})+")
TRAILING_NOISE = re.compile(rf"({_words('trailing_noise')})$")
MARKS: str = VOCAB["marks"]
_INDICATOR_EDGES = " “”\"'()()、" + MARKS
ACTION_PREFIX = re.compile(rf"^({_words('action_prefixes')})")
COUNT_VERBS = tuple(VOCAB["count_verbs"])
ADVERB = re.compile(rf"({_words('adverbs')})+$")


def _word_tuple(*keys: str) -> tuple[str, ...]:
    """The words of vocabulary lists for str.startswith / str.endswith: a pattern anchored at one
    end of a text can match only where the text begins or ends with one of its words, so that
    test comes first and the regex runs only where it passes."""
    return tuple(w for key in keys for w in VOCAB[key])


NOT_VALUE_BEFORE = _word_tuple("not_value_before")  # words a value never follows
VERB_ENDINGS = _word_tuple("verbs")
VERB_OR_ADVERB_ENDINGS = _word_tuple("verbs", "adverbs")  # _VERB_ADVERB_RE
ADVERB_ENDINGS = _word_tuple("adverbs")  # ADVERB
TRAILING_ENDINGS = _word_tuple("trailing_noise")  # TRAILING_NOISE
QUALIFIER_STARTS = _word_tuple("qualifiers")  # LEAD_QUALIFIERS
NOISE_STARTS = _word_tuple("noise")  # LEAD_NOISE
SENTENCE = re.compile(r"[^。;;!?!?\n]+")
CLAUSE = re.compile(r"[^,,::]+")
STRETCH_AFTER = re.compile(rf"、(?={_words('stretch_words')})")  # 7%以上、力争达到8%: a stretch follows
GROWTH_VERBS = tuple(VOCAB["growth_verbs"])
DECLINE_VERBS = tuple(VOCAB["decline_verbs"])


@dataclass(slots=True)
class RawTarget:
    indicator: str
    indicator_norm: str
    metric: str
    value: float
    unit: str
    comparator: str
    qualifier: str | None
    start: int
    end: int
    text: str
    value_high: float | None = None  # the top of a range (5.0%—5.5%)


@dataclass(slots=True)
class _Ctx:
    indicators: list[str] = field(default_factory=list)  # of the previous clause
    history: list[str] = field(default_factory=list)  # every indicator of the sentence, in order
    verb: str = ""

    def inherit(self, n: int) -> list[str]:
        if len(self.indicators) == n:
            return self.indicators
        if n > 1 and len(self.history) >= n:
            return self.history[-n:]
        return self.indicators[-1:]

    def remember(self, indicators: list[str], verb: str) -> None:
        self.indicators = indicators
        for ind in indicators:
            if ind in self.history:
                self.history.remove(ind)
            self.history.append(ind)
        self.verb = verb or self.verb


@lru_cache(maxsize=1)
def indicator_table() -> dict[str, str]:
    """alias → code, from data/indicators.csv."""
    table: dict[str, str] = {}
    with (DATA / "indicators.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for alias in row["aliases"].split("|"):
                table[alias.strip()] = row["code"]
    return table


@lru_cache(maxsize=1)
def indicator_names() -> dict[str, str]:
    """code → the indicator's canonical name (地区生产总值 for gdp)."""
    with (DATA / "indicators.csv").open(encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


def indicator_name(written: str, code: str) -> str:
    """The name a target is stored under: the canonical name of a known indicator (经济增长,
    全省生产总值 and 地区生产总值 are one), else the indicator as written."""
    return indicator_names().get(code, written)


_NORM_STRIP = re.compile(rf"^({_words('indicator_prefixes')})+")


@per_written_form(8192)
def normalize_indicator(ind: str) -> str:
    table = indicator_table()
    s = ind.strip()
    if s in table:
        return table[s]
    bare = _NORM_STRIP.sub("", s)  # 全市地区生产总值 → 地区生产总值
    if bare in table:
        return table[bare]
    acted = ACTION_PREFIX.sub("", bare)
    if acted in table:
        return table[acted]
    return bare or s


def _split_compound(ind: str, n: int) -> list[str]:
    """Split "城镇、农村居民人均可支配收入" (n=2) into two full indicator names."""
    if n <= 1:
        return [ind]
    if ind.startswith("城乡") and n == 2:
        head = ind[2:]
        return ["城镇" + head, "农村" + head]
    parts = [p for p in re.split(r"、|和|及|与", ind) if p]
    if len(parts) != n:
        return [ind] * n
    last = parts[-1]
    out = []
    for p in parts[:-1]:
        if len(p) <= 3 and len(last) > len(p) + 1:
            out.append(p + last[len(p) :])  # 城镇 + (农村)居民人均可支配收入
        else:
            out.append(p)
    out.append(last)
    return out


@per_written_form(8192)
def _clean_indicator(raw: str) -> tuple[str, str | None, bool]:
    """Return (indicator, qualifier, is_count) from the words before a value."""
    s = raw.strip(_INDICATOR_EDGES)
    if len(s) > 2 and s.endswith(TRAILING_ENDINGS) and (tm := TRAILING_NOISE.search(s)) and tm.start() >= 2:
        s = s[: tm.start()]  # 增加值可比(增长): at comparable prices, not part of the name
    qualifier = None
    changed = True
    while changed:
        changed = False
        m = LEAD_QUALIFIERS.match(s) if s.startswith(QUALIFIER_STARTS) else None
        if m:
            qualifier = qualifier or m.group(1)
            s = s[m.end() :]
            changed = True
        m = LEAD_NOISE.match(s) if s.startswith(NOISE_STARTS) else None
        if m and m.end() < len(s):
            s = s[m.end() :]
            changed = True
    is_count = s.startswith(COUNT_VERBS)
    s = s.strip(' “”"、')
    if s.endswith("的"):
        s = s[:-1]
    if len(s) > 30:
        cut = max(s.rfind("的"), s.rfind("、"), s.rfind("”"))
        s = s[cut + 1 :] if cut >= 0 else s[-30:]
    return s, qualifier, is_count


@per_written_form(4096)
def _metric(verb: str, unit: str, cmp: str, is_count: bool, indicator: str) -> str:
    if unit == "个百分点":
        return "pp_change"
    if cmp in ("以内", "以下") or verb in (
        "控制在",
        "下降到",
        "降至",
        "降到",
        "缩小到",
        "缩小至",
        "不高于",
        "不超过",
    ):
        return "cap"
    if (
        unit == "%"
        and verb in GROWTH_VERBS
        and not indicator.endswith(("率", "比重", "占比", "比例", "强度", "覆盖率"))
    ):
        return "growth_rate"
    if unit == "%" and verb in DECLINE_VERBS:
        return "decline_rate"
    if is_count or verb == "新增":
        return "count"
    return "level"


def _comparator(verb: str, cmp: str, achieved: bool) -> str:
    if cmp == "以上":
        return ">="
    if cmp in ("以内", "以下"):
        return "<="
    if cmp == "左右":
        return "~"
    if verb in ("控制在", "不高于", "不超过"):
        return "<="
    if not achieved and verb in ("突破", "超过", "超", "达到", "不低于", "不少于", "达"):
        return ">="
    return "="


def _values(clause: str, offset: int) -> list[tuple[re.Match[str], int]]:
    """Value matches in a clause that are real values, joined by 和/、/及."""
    out: list[tuple[re.Match[str], int]] = []
    if "立方" in clause:
        for m in PER_M3.finditer(clause):
            out.append((m, offset))
        if out:
            return out
    ranges = list(RANGE.finditer(clause)) if _RANGE_MARKS.search(clause) else []
    for m in NUM.finditer(clause):
        r = next((r for r in ranges if r.start() <= m.start() < r.end()), None) if ranges else None
        if r is not None:
            if r.start() == m.start():
                m = r  # the range stands for both its numbers
            else:
                continue
        unit = m.group("unit")
        if not unit and NOT_VALUE_AFTER.match(clause, m.end()):
            continue  # (a value with its unit is one whatever follows)
        before = clause[: m.start()]
        if before.endswith(NOT_VALUE_BEFORE):
            continue
        if not unit and not m.group("cmp"):
            # a bare number is a value only right after a verb (倍差缩小到1.6以内 has cmp)
            if not before.endswith(VERB_ENDINGS):
                continue
        if out:
            prev = out[-1][0]
            between = clause[prev.end() : m.start()]
            if between not in ("和", "、", "及", "与", ",", "和比上年", ""):
                break
        out.append((m, offset))
    return out


def _any_unit(vals: list[tuple[re.Match[str], int]]) -> bool:
    """Whether a value has a unit (a value per cubic metre has its own)."""
    for m, _ in vals:
        if m.re is PER_M3 or m.group("unit"):
            return True
    return False


def _any_unknown_short(indicators: list[str], known: dict[str, str]) -> bool:
    """Whether an indicator is two characters or fewer and not a known one (紧盯26件: a verb)."""
    for i in indicators:
        if len(i) <= 2 and i not in known:
            return True
    return False


DIGIT = re.compile(r"\d")
_AND = re.compile(r"和|及")


def find_targets(
    text: str, achieved: bool = False, offset: int = 0, hint: re.Pattern[str] | None = None
) -> list[RawTarget]:
    """Every target in ``text``; spans are offsets into ``text``, plus ``offset`` (where ``text``
    sits in a longer one). With ``hint``, a sentence it is not found in is not read (a cheap test
    that a value can be there)."""
    results: list[RawTarget] = []
    if not DIGIT.search(text) or (hint is not None and not hint.search(text)):
        return results  # (a sentence holds a hint only where the text does)
    known = indicator_table()
    for sm in SENTENCE.finditer(text):
        sentence = sm.group()
        if not DIGIT.search(sentence) or (hint is not None and not hint.search(sentence)):
            continue
        s0 = sm.start()
        ctx = _Ctx()
        for cm in CLAUSE.finditer(STRETCH_AFTER.sub(",", sentence) if "、" in sentence else sentence):
            clause = cm.group()
            if not DIGIT.search(clause):
                continue  # every value has a digit: a clause without one holds none
            base = s0 + cm.start()
            vals = _values(clause, base)
            if not vals:
                continue
            first = vals[0][0]
            prefix = clause[: first.start()]
            respectively = "分别" in prefix or "均" in prefix
            verb = ""
            vm = _VERB_ADVERB_RE.search(prefix) if prefix.endswith(VERB_OR_ADVERB_ENDINGS) else None
            if vm:
                verb = vm.group(1)
                prefix = prefix[: vm.start()]
            if prefix.endswith(ADVERB_ENDINGS):
                prefix = ADVERB.sub("", prefix)
            indicator, qualifier, is_count = _clean_indicator(prefix)
            if verb in COUNT_VERBS:
                is_count = True
            if not verb and ctx.verb and not indicator:
                verb = ctx.verb
            if not indicator:
                if not ctx.indicators:
                    continue
                indicators = ctx.inherit(len(vals))
            else:
                if not verb and not _any_unit(vals):
                    continue
                if len(vals) > 1:
                    indicators = _split_compound(indicator, len(vals))
                elif respectively and re.search(r"和|及|、", indicator):
                    indicators = [p for p in re.split(r"和|及|、", indicator) if p]
                else:
                    parts = (
                        [p for p in _AND.split(indicator) if p]
                        if "和" in indicator or "及" in indicator
                        else []
                    )
                    indicators = parts if len(parts) > 1 and all(len(p) >= 4 for p in parts) else [indicator]
            if _any_unknown_short(indicators, known):
                continue  # "紧盯26件重大事项": a verb, not an indicator
            if len(indicators) == 1 and len(vals) > 1:
                vals = vals[:1]
            if len(vals) == 1 and len(indicators) > 1:
                vals = vals * len(indicators)
            several = len(vals) > 1
            trailing_cmp = (vals[-1][0].group("cmp") or "") if several and vals[-1][0].re is NUM else ""
            for ind, (m, off) in zip(indicators, vals, strict=False):
                if m.re is PER_M3:
                    unit = "微克/立方米"
                    cmp = m.group("cmp") or ""
                else:
                    unit = m.group("unit") or ""
                    cmp = m.group("cmp") or trailing_cmp
                if not unit and not cmp and not verb:
                    continue
                start = base
                end = off + m.end()
                results.append(
                    RawTarget(
                        indicator=ind,
                        indicator_norm=normalize_indicator(ind),
                        metric=_metric(verb, unit, cmp, is_count, ind),
                        value=float(m.group("num")),
                        unit=unit,
                        comparator="range" if m.re is RANGE else _comparator(verb, cmp, achieved),
                        qualifier=qualifier,
                        start=start + offset,
                        end=end + offset,
                        text=text[start:end],
                        value_high=float(m.group("high")) if m.re is RANGE else None,
                    )
                )
            ctx.remember(indicators, verb)
    return results
