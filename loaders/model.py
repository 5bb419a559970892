"""The typed document model every loader produces and the graph stores.

Document → Parts → Sections → Tasks (→ sub-tasks) → Leaders, Units, Targets,
Milestones. Every element that comes from the text carries a ``Provenance``:
the 1-based source line and the character span of the element in the
document's text (offsets into ``Document.text``).

The classes are slotted dataclasses: a notice of 300 tasks builds tens of
thousands of them, and a slotted instance is one object to allocate, pickle
(parse workers send documents to the writer) and track for the garbage
collector. ``Document.check()`` validates the invariants the graph relies on;
``to_json`` gives the JSON form (`govkg parse --format json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any, Protocol

from govkg.errors import InvalidDocumentError


class DocKind(StrEnum):
    decomposition = "decomposition"
    key_work_list = "key_work_list"
    work_report = "work_report"


class PartKind(StrEnum):
    five_year = "five_year"
    annual = "annual"
    livelihood = "livelihood"
    key_work_list = "key_work_list"
    report = "report"


class Horizon(StrEnum):
    annual = "annual"
    five_year = "five_year"
    livelihood = "livelihood"


class LeadRule(StrEnum):
    """How a document says which listed units lead."""

    first_listed = "first_listed"  # 列第一位者为…牵头单位
    all_listed = "all_listed"  # 清单中明确的责任单位为…牵头部门
    lead_lines = "lead_lines"  # only explicit 牵头单位 lines
    respectively = "respectively"  # 分别牵头
    lost_mark = "lost_mark"  # 标者为牵头单位: the mark did not survive
    responsible_leads = "responsible_leads"  # 无牵头单位的,责任单位即为牵头单位
    none = "none"  # no rule stated


class LeadBasis(StrEnum):
    stated_first_listed = "stated_first_listed"
    stated_all_listed = "stated_all_listed"
    lead_line = "lead_line"
    respectively = "respectively"
    inferred_first_listed = "inferred_first_listed"
    sole_unit = "sole_unit"  # the only unit named for the task
    mark = "mark"  # marked (★, *) as the lead in the document

    @property
    def stated(self) -> bool:
        """Whether the document itself says this unit leads (not an inference of govkg's)."""
        return self is not LeadBasis.inferred_first_listed


class LineClass(StrEnum):
    structure = "structure"
    boilerplate = "boilerplate"
    unknown = "unknown"


class Comparator(StrEnum):
    ge = ">="
    le = "<="
    approx = "~"
    eq = "="
    range = "range"  # value to value_high (5.0%—5.5%)


class TargetKind(StrEnum):
    planned = "planned"
    achieved = "achieved"


@dataclass(slots=True, kw_only=True)
class Provenance:
    line: int  # 1-based line in the source text
    start: int  # start offset in Document.text
    end: int  # end offset (exclusive) in Document.text


class _Located(Protocol):
    @property
    def prov(self) -> Provenance | None: ...


@dataclass(slots=True, kw_only=True)
class Region:
    name: str
    level: str | None = None  # province / prefecture / county (the national table's levels)
    parent: Region | None = None
    code: str | None = None  # 6-digit administrative code (data/regions/china.csv)
    path: str | None = None  # names from the province down: 江苏省/南京市/鼓楼区
    label: str | None = None  # the name, or parent + name where the name alone is ambiguous (南京市鼓楼区)
    former_names: list[str] = field(default_factory=list)  # 吴江县 1980–1991, 吴江市 1992–2011

    @property
    def display(self) -> str:
        """How the region is named in the graph's ``region`` properties and the app."""
        return self.label or self.name


@dataclass(slots=True, kw_only=True)
class LeaderRef:
    name: str
    title: str | None = None
    as_written: str
    prov: Provenance


@dataclass(slots=True, kw_only=True)
class UnitRef:
    name: str  # cleaned written form, annotations stripped
    as_written: str
    position: int  # ≥ 1
    aliases: tuple[str, ...] = ()  # parenthetical second names
    collective: bool = False
    lead: bool = False
    lead_basis: LeadBasis | None = None
    role: str = "responsible"  # responsible / lead / support (配合单位)
    notes: tuple[str, ...] = ()  # what stripped annotations said
    canonical: str | None = None  # set by resolution
    function: str | None = None  # set by resolution
    prov: Provenance


@dataclass(slots=True, kw_only=True)
class Target:
    indicator: str
    indicator_norm: str
    metric: str  # growth_rate / level / cap / pp_change / count / share
    value: float
    unit: str
    comparator: Comparator
    value_high: float | None = None  # the top of a range
    qualifier: str | None = None  # 确保 / 力争
    kind: TargetKind
    year: int | None = None
    text: str
    prov: Provenance


@dataclass(slots=True, kw_only=True)
class Milestone:
    due: dt.date | None
    text: str
    prov: Provenance


@dataclass(slots=True, kw_only=True)
class Task:
    seq: int  # ≥ 1
    number: str
    text: str
    horizon: Horizon
    part: int  # index of the part in the document
    section: str | None = None
    leaders: list[LeaderRef] = field(default_factory=list)
    leader_note: str | None = None
    units: list[UnitRef] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    subtasks: list[Task] = field(default_factory=list)
    truncated: bool = False  # the source's text ends inside this task
    prov: Provenance


@dataclass(slots=True, kw_only=True)
class Section:
    title: str
    number: str | None = None
    leaders: list[LeaderRef] = field(default_factory=list)
    note: str | None = None  # e.g. collective sections with no leader
    tasks: list[Task] = field(default_factory=list)
    prov: Provenance | None = None


@dataclass(slots=True, kw_only=True)
class Part:
    index: int  # ≥ 1
    kind: PartKind
    title: str
    sections: list[Section] = field(default_factory=list)
    prov: Provenance | None = None


@dataclass(slots=True, kw_only=True)
class CoverageLine:
    line: int
    cls: LineClass
    role: str  # what the line was read as: task, units, leader, boilerplate:…, unknown
    text: str


@dataclass(slots=True, kw_only=True)
class Coverage:
    lines: list[CoverageLine] = field(default_factory=list)

    def count(self, cls: LineClass) -> int:
        return sum(1 for ln in self.lines if ln.cls is cls)

    @property
    def unknown(self) -> list[CoverageLine]:
        return [ln for ln in self.lines if ln.cls is LineClass.unknown]

    def summary(self) -> dict[str, int]:
        return {c.value: self.count(c) for c in LineClass}


@dataclass(slots=True, kw_only=True)
class Document:
    title: str | None
    doc_no: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    year: int | None = None
    region: Region | None = None
    kind: DocKind
    source: str
    sha256: str
    encoding: str
    format: str = "txt"
    lead_rule: LeadRule = LeadRule.none
    lead_rule_text: str | None = None
    region_basis: str | None = None  # how the region was decided (see loaders.regions)
    date_basis: str | None = None  # signature / field / page date (when the signature was garbled)
    warnings: list[str] = field(default_factory=list)  # loaded, but something is missing or unsure
    truncated: bool = False  # the text ends inside a task (a page cut short by its source)
    normalization: list[str] = field(default_factory=list)  # steps of loaders.normalize applied
    parts: list[Part] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # targets outside tasks (reports)
    coverage: Coverage = field(default_factory=Coverage)
    text: str = field(default="", repr=False)  # the normalized text every offset points into
    source_text: str = field(default="", repr=False)  # the text as found

    def iter_tasks(self) -> list[Task]:
        """Every task in document order, sub-tasks right after their parent."""
        out: list[Task] = []

        def walk(ts: list[Task]) -> None:
            for t in ts:
                out.append(t)
                if t.subtasks:
                    walk(t.subtasks)

        for p in self.parts:
            for s in p.sections:
                walk(s.tasks)
        return out

    def all_targets(self) -> list[Target]:
        ts = list(self.targets)
        for t in self.iter_tasks():
            ts.extend(t.targets)
        return ts

    def check(self) -> None:
        """Raise InvalidDocumentError unless every invariant the graph relies on holds: provenance
        inside the text and on a real line, task sequence numbers 1, 2, … in document order, parts
        numbered from 1, unit positions from 1."""

        def bad(what: str) -> InvalidDocumentError:
            return InvalidDocumentError(self.source, what)

        n = len(self.text)

        def prov(p: Provenance | None, what: str, seq: int | None = None) -> None:
            if p is not None and not (p.line >= 1 and 0 <= p.start <= p.end <= n):
                where = f" of task {seq}" if seq is not None else ""
                raise bad(f"{what}{where} has provenance {p.line}:{p.start}-{p.end} outside the text")

        for i, part in enumerate(self.parts, 1):
            if part.index != i:
                raise bad(f"part {part.index} is the {i}th part")
            prov(part.prov, f"part {i}")
            for s in part.sections:
                located: list[_Located] = [s, *s.leaders]
                for x in located:
                    prov(x.prov, f"{type(x).__name__} of section {s.title}")
        for seq, t in enumerate(self.iter_tasks(), 1):
            if t.seq != seq or not 1 <= t.part <= len(self.parts):
                raise bad(f"task {t.number} has seq {t.seq} in part {t.part}; expected seq {seq}")
            if any(u.position < 1 for u in t.units):
                raise bad(f"a unit of task {seq} has a position below 1")
            prov(t.prov, "the text", seq)
            groups: tuple[Sequence[_Located], ...] = (t.leaders, t.units, t.targets, t.milestones)
            for items in groups:
                for y in items:
                    p = y.prov
                    if p is not None and not (p.line >= 1 and 0 <= p.start <= p.end <= n):
                        prov(p, type(y).__name__, seq)  # raises: the test inline, the message once
        for tg in self.targets:
            prov(tg.prov, "Target")


_SAME_AS_NAME = frozenset({"as_written", "canonical"})
_NESTED = frozenset({"section", "part"})  # a task's section and part: the ones it is written inside
_PLAIN = (str, int, float)
_SCALARS = frozenset({str, int, float, bool, type(None)})
_CONTAINERS = frozenset({list, tuple, dict, str})
_NO_DEFAULT = object()
# per class: (field name, default or _NO_DEFAULT), computed once (reflection per object was half the
# cost of `govkg parse --format json`)
_PLANS: dict[type, list[tuple[str, Any]]] = {}


def _plan(cls: type) -> list[tuple[str, Any]]:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = [(f.name, f.default if f.default is not MISSING else _NO_DEFAULT) for f in fields(cls)]
        _PLANS[cls] = plan
    return plan


def to_json(obj: Any, exclude: frozenset[str] = frozenset(), compact: bool = False) -> Any:
    """The JSON form of a model object (dates ISO 8601, enums as their values); ``exclude``
    names top-level fields to leave out. ``compact`` (what `govkg parse --format json` prints)
    leaves out empty and false fields and those at their default, a task's section and part (it
    is written inside them), writes provenance as ``[line, start, end]``, gives a unit's written
    form and canonical name only where they differ from its name, and a coverage line without its
    text (the input's own line)."""
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, _PLAIN) or obj is None:
        return obj
    if isinstance(obj, list | tuple):
        return [to_json(x, compact=compact) for x in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if is_dataclass(obj) and not isinstance(obj, type):
        if compact and isinstance(obj, Provenance):
            return [obj.line, obj.start, obj.end]
        out = {}
        name = getattr(obj, "name", None)
        is_task, is_line = isinstance(obj, Task), isinstance(obj, CoverageLine)
        for key, default in _plan(type(obj)):
            if key in exclude:
                continue
            v = getattr(obj, key)
            if compact and (
                v is None
                or v is False
                or (v.__class__ in _CONTAINERS and not v)
                or (default is not _NO_DEFAULT and v == default)
                or (key in _SAME_AS_NAME and v == name)
                or (is_task and key in _NESTED)
                or (is_line and key == "text")
            ):
                continue
            out[key] = v if v.__class__ in _SCALARS else to_json(v, compact=compact)
        return out
    return obj
