"""The typed document model every loader produces and the graph stores.

Document → Parts → Sections → Tasks (→ sub-tasks) → Leaders, Units, Targets,
Milestones. Every element that comes from the text carries a ``Provenance``:
the 1-based source line and the character span of the element in the
document's text (offsets into ``Document.text``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
    none = "none"  # no rule stated


class LeadBasis(StrEnum):
    stated_first_listed = "stated_first_listed"
    stated_all_listed = "stated_all_listed"
    lead_line = "lead_line"
    respectively = "respectively"
    inferred_first_listed = "inferred_first_listed"


class LineClass(StrEnum):
    structure = "structure"
    boilerplate = "boilerplate"
    unknown = "unknown"


class Comparator(StrEnum):
    ge = ">="
    le = "<="
    approx = "~"
    eq = "="


class TargetKind(StrEnum):
    planned = "planned"
    achieved = "achieved"


class Provenance(_Model):
    line: int = Field(ge=1, description="1-based line in the source text")
    start: int = Field(ge=0, description="start offset in Document.text")
    end: int = Field(ge=0, description="end offset (exclusive) in Document.text")


class Region(_Model):
    name: str
    level: str | None = None  # province / city / county / district
    parent: Region | None = None


class LeaderRef(_Model):
    name: str
    title: str | None = None
    as_written: str
    prov: Provenance


class UnitRef(_Model):
    name: str  # cleaned written form, annotations stripped
    as_written: str
    position: int = Field(ge=1)
    aliases: list[str] = Field(default_factory=list)  # parenthetical second names
    collective: bool = False
    lead: bool = False
    lead_basis: LeadBasis | None = None
    role: str = "responsible"  # responsible / lead / support (配合单位)
    notes: list[str] = Field(default_factory=list)  # what stripped annotations said
    canonical: str | None = None  # set by resolution
    function: str | None = None  # set by resolution
    prov: Provenance


class Target(_Model):
    indicator: str
    indicator_norm: str
    metric: str  # growth_rate / level / cap / pp_change / count / share
    value: float
    unit: str
    comparator: Comparator
    qualifier: str | None = None  # 确保 / 力争
    kind: TargetKind
    year: int | None = None
    text: str
    prov: Provenance


class Milestone(_Model):
    due: dt.date | None
    text: str
    prov: Provenance


class Task(_Model):
    seq: int = Field(ge=1)
    number: str
    text: str
    horizon: Horizon
    part: int = Field(ge=1, description="index of the part in the document")
    section: str | None = None
    leaders: list[LeaderRef] = Field(default_factory=list)
    leader_note: str | None = None
    units: list[UnitRef] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    subtasks: list[Task] = Field(default_factory=list)
    prov: Provenance


class Section(_Model):
    title: str
    number: str | None = None
    leaders: list[LeaderRef] = Field(default_factory=list)
    note: str | None = None  # e.g. collective sections with no leader
    tasks: list[Task] = Field(default_factory=list)
    prov: Provenance | None = None


class Part(_Model):
    index: int = Field(ge=1)
    kind: PartKind
    title: str
    sections: list[Section] = Field(default_factory=list)
    prov: Provenance | None = None


class CoverageLine(_Model):
    line: int
    cls: LineClass
    role: str  # what the line was read as: task, units, leader, boilerplate:…, unknown
    text: str


class Coverage(_Model):
    lines: list[CoverageLine] = Field(default_factory=list)

    def count(self, cls: LineClass) -> int:
        return sum(1 for ln in self.lines if ln.cls is cls)

    @property
    def unknown(self) -> list[CoverageLine]:
        return [ln for ln in self.lines if ln.cls is LineClass.unknown]

    def summary(self) -> dict[str, int]:
        return {c.value: self.count(c) for c in LineClass}


class Document(_Model):
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
    parts: list[Part] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)  # targets outside tasks (reports)
    coverage: Coverage = Field(default_factory=Coverage)
    text: str = Field(default="", repr=False)

    def iter_tasks(self) -> list[Task]:
        """Every task in document order, sub-tasks right after their parent."""
        out: list[Task] = []

        def walk(ts: list[Task]) -> None:
            for t in ts:
                out.append(t)
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
