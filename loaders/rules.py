"""The body rules: a registry of small functions, each of which reads one kind of line (a
leader section, a unit group, a field line, a numbered item, a section heading …) into the
document the parser is building, or declines it. The parser offers a line to the rules its first
character allows (a rule says which characters its lines can begin with), in the order they are
registered here; a line none of them takes is recorded as not understood."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .fields import inline_fields, parse_leaders
from .lines import (
    CN_ITEM,
    CN_NUM,
    CN_SUB,
    COLLECTIVE_SECTION,
    DECIMAL_START,
    GROUP_HEAD,
    KW_ROW,
    LEADER_SECTION,
    SCHEDULE_LINE,
    SENTENCE_END,
    SUB_HEADER,
    TASK_LINE,
    Line,
    clean_text,
)
from .model import LeaderRef, LineClass, PartKind, Section, Task
from .patterns import patterns

if TYPE_CHECKING:
    from .parse import Parser


@dataclass(slots=True)
class UnitGroup:
    """A group heading that names the lead unit of the tasks under it ((一)省编办牵头的工作)."""

    number: str
    unit: str
    line: Line
    offset: int
    tasks: list[Task] = field(default_factory=list)
    pending: list[Task] = field(default_factory=list)  # tasks not yet given a 协同单位 line


# --------------------------------------------------------------------------- body rules
Rule = Callable[["Parser", Line], bool]
Starts = Callable[[str], bool]  # whether a line that begins with this character may be the rule's


@dataclass(frozen=True)
class BodyRule:
    read: Rule
    starts: Starts | None  # None: a line of any beginning


BODY_RULES: list[BodyRule] = []


def body_rule(starts: Starts | None = None) -> Callable[[Rule], Rule]:
    """Register a rule; ``starts`` says which first characters its lines can have (every line is
    stripped and not empty), so a line is offered only to the rules that may take it, still in
    the order they are registered."""

    def register(fn: Rule) -> Rule:
        BODY_RULES.append(BodyRule(fn, starts))
        return fn

    return register


@lru_cache(maxsize=4096)
def rules_for(first: str) -> tuple[Rule, ...]:
    """The rules, in order, that may take a line beginning with ``first``."""
    return tuple(r.read for r in BODY_RULES if r.starts is None or r.starts(first))


def _one_of(chars: str) -> Starts:
    return lambda ch: ch in chars


def _numbered(ch: str) -> bool:
    """1. 1、 (一) 一、: a digit (``\\d``: any decimal digit), a parenthesis or a Chinese numeral."""
    return ch.isdecimal() or ch == "(" or ch in CN_NUM


def _labelled(ch: str) -> bool:
    """A unit or leader label (data/patterns/lines.json) begins the line."""
    return ch in _label_starts()


@lru_cache(maxsize=1)
def _label_starts() -> frozenset[str]:
    p = patterns()
    return frozenset(label[0] for label in [*p.unit_roles, *p.leader_labels] if label)


def _open_section(p: Parser, sec: Section, ln: Line, role: str) -> bool:
    """A new section of the current part: the tasks, unit group and 说明 before it end here."""
    p._part().sections.append(sec)
    p.section, p.task, p.group, p.in_notes = sec, None, None, False
    p.mark(ln, LineClass.structure, role)
    return True


@body_rule(_one_of(CN_NUM))
def leader_section(p: Parser, ln: Line) -> bool:
    m = LEADER_SECTION.match(ln.text)
    if not m or (p._part().kind is PartKind.livelihood and not re.search(r"长|领导", m.group("who"))):
        return False
    who = m.group("who")
    lp = parse_leaders(who)
    if m.group("assist"):  # 一、于幼军省长负责的工作(李政文秘书长、刘俊谦省长助理协助)
        extra = parse_leaders(m.group("assist"))
        lp.leaders.extend(extra.leaders)
    sec = Section(title=clean_text(ln.text), number=m.group("num"), prov=ln.prov(), note=lp.note)
    a = ln.text.find(who)
    for name, title, written in lp.leaders:
        sec.leaders.append(
            LeaderRef(name=name, title=title, as_written=written, prov=ln.prov(a, a + len(who)))
        )
    return _open_section(p, sec, ln, "leader_section")


@body_rule(_one_of("("))
def group_heading(p: Parser, ln: Line) -> bool:
    """(一)省监察厅牵头的工作: the lead unit of the items under it."""
    m = GROUP_HEAD.match(ln.text)
    if not m:
        return False
    p.group = UnitGroup(m.group("num"), m.group("unit"), ln, m.start("unit"))
    p.task = None
    p.mark(ln, LineClass.structure, "unit_group")
    return True


@body_rule(_one_of(CN_NUM))
def collective_section(p: Parser, ln: Line) -> bool:
    m = COLLECTIVE_SECTION.match(ln.text)
    if not m:
        return False
    sec = Section(
        title=clean_text(ln.text), number=m.group("num"), prov=ln.prov(), note="共同落实:" + m.group("who")
    )
    return _open_section(p, sec, ln, "collective_section")


@body_rule(_labelled)
def field_line(p: Parser, ln: Line) -> bool:
    """A labelled line: 责任单位:…, 牵头负责领导:…, or several fields on one line
    (责任领导:…;责任单位:…;配合单位:…). Its units go to the task before it, or, under a group
    heading, to every item of the group not yet given them ((三)省编办牵头的工作 › 1. › 2. ›
    协同单位:…)."""
    pat = patterns()
    is_units = pat.unit_line.match(ln.text) is not None
    if not (is_units or pat.leader_line.match(ln.text)):
        return False
    if p.task is None:
        p.mark(ln, LineClass.unknown, f"{'units' if is_units else 'leader'} line with no task before it")
        return True
    segments = p.fields_of(ln.text)
    group = p.group
    if group is not None and group.pending:
        units = [s for s in segments if s.role in ("lead", "support", "responsible")]
        if units:
            targets = list(group.pending)
            group.pending.clear()
            for task in targets:
                p._apply_segments(task, segments if task is p.task else units, ln, 0)
        else:
            p._apply_segments(p.task, segments, ln, 0)
    else:
        p._apply_segments(p.task, segments, ln, 0)
    only_leaders = bool(segments) and all(s.role == "leader" for s in segments)
    p.mark(ln, LineClass.structure, "leaders" if only_leaders else "units")
    return True


@body_rule()
def schedule_line(p: Parser, ln: Line) -> bool:
    """When a task is due: a labelled line (完成时限:2021年12月31日) after any task, and in a
    key-work list a line that begins with its time (全年, 6月底前, 年内 …)."""
    if p.task is None:
        return False
    labelled = patterns().schedule_line.match(ln.text) is not None
    if not labelled and not (p._part().kind is PartKind.key_work_list and SCHEDULE_LINE.match(ln.text)):
        return False
    p._add_milestones(p.task, ln)
    p.mark(ln, LineClass.structure, "schedule")
    return True


@body_rule()
def key_work_row(p: Parser, ln: Line) -> bool:
    if p._part().kind is not PartKind.key_work_list:
        return False
    t = ln.text
    if p.pending_kw is not None:
        num, p.pending_kw = p.pending_kw, None
        if not TASK_LINE.match(t):
            p._kw_row(num, t, ln, 0)
            return True
    m = KW_ROW.match(t)
    if not m:
        return False
    if m.group("rest") is None:
        p.pending_kw = m.group("num")
        p.mark(ln, LineClass.structure, "key_work_number")
        return True
    p._kw_row(m.group("num"), m.group("rest"), ln, m.start("rest"))
    return True


@body_rule()
def measure_line(p: Parser, ln: Line) -> bool:
    if p._part().kind is not PartKind.key_work_list or p.key_work is None:
        return False
    m = TASK_LINE.match(ln.text)
    if not m:
        return False
    p._new_task(
        f"{p.key_work.number}.{m.group('num')}", m.group("text"), ln, m.start("text"), parent=p.key_work
    )
    p.mark(ln, LineClass.structure, "measure")
    return True


NOTES_HEAD = re.compile(r"^(?:有关|编制|填表|分解)?说明[::]?$")


@body_rule(_one_of("有编填分说"))
def notes_heading(p: Parser, ln: Line) -> bool:
    """说明: the numbered items under it explain the document; they are not tasks."""
    if not NOTES_HEAD.match(ln.text):
        return False
    p.in_notes, p.task = True, None
    p.mark(ln, LineClass.structure, "notes_heading")
    return True


@body_rule()
def notes_item(p: Parser, ln: Line) -> bool:
    if not p.in_notes or not TASK_LINE.match(ln.text):
        return False
    p.mark(ln, LineClass.structure, "notice_item")
    return True


@body_rule(_numbered)
def numbered_task(p: Parser, ln: Line) -> bool:
    m = TASK_LINE.match(ln.text) or _expected_decimal_start(p, ln.text)
    number = m.group("num") if m else ""
    if not m:  # (一)地区生产总值增长11%左右。(省发改委负责): an item numbered like a heading
        m = CN_SUB.match(ln.text) or CN_ITEM.match(ln.text)
        f = inline_fields(m.group("text")) if m else None
        if m is None or f is None or not f.units:
            return False
        number = f"({m.group('num')})" if ln.text.startswith("(") else m.group("num")
    task = p._new_task(number, m.group("text"), ln, m.start("text"))
    if p.group is not None:
        p.group.pending.append(task)
    p.mark(ln, LineClass.structure, "task")
    return True


def _expected_decimal_start(p: Parser, t: str) -> re.Match[str] | None:
    """ "16.10亿元以上…" is task 16 when the previous task of the section was 15."""
    m = DECIMAL_START.match(t)
    if not m or p.section is None or not p.section.tasks:
        return None
    last = p.section.tasks[-1].number
    return m if last.isdigit() and int(last) + 1 == int(m.group("num")) else None


@body_rule(_one_of(CN_NUM))
def livelihood_item(p: Parser, ln: Line) -> bool:
    m = CN_ITEM.match(ln.text)
    if not m or p._part().kind is not PartKind.livelihood:
        return False
    p._new_task(m.group("num"), m.group("text"), ln, m.start("text"))
    p.mark(ln, LineClass.structure, "livelihood_task")
    return True


@body_rule(_one_of(CN_NUM + "("))
def plain_section(p: Parser, ln: Line) -> bool:
    m = CN_ITEM.match(ln.text) or CN_SUB.match(ln.text)
    if not m or len(ln.text) > 40 or ln.text[-1] in SENTENCE_END:
        return False
    sec = Section(title=clean_text(ln.text), number=m.group("num"), prov=ln.prov())
    return _open_section(p, sec, ln, "section")


@body_rule(_one_of("—▲"))
def sub_header(p: Parser, ln: Line) -> bool:
    """——做精老城区 under a section, ▲增加值… under an item: structure that names no one."""
    if not SUB_HEADER.match(ln.text):
        return False
    if ln.text.startswith("▲") and p.task is not None:
        p.task.text = clean_text(p.task.text + ln.text)  # the item's own detail: its targets count
    p.mark(ln, LineClass.structure, "sub_header")
    return True


@body_rule()
def leaders_continued(p: Parser, ln: Line) -> bool:
    """牵头领导:张三 / 李四: a line of names alone right after a leader field goes on with it."""
    prev = p.cov.get(ln.no - 1)
    if p.task is None or prev is None or prev[1] != "leaders":
        return False
    names = re.split(r"[、,\s]+", ln.text.strip().rstrip("。"))
    if not names or not all(re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", n) for n in names):
        return False
    p._add_leaders(p.task, ln.text, ln, 0)
    p.mark(ln, LineClass.structure, "leaders")
    return True


@body_rule()
def field_paragraph(p: Parser, ln: Line) -> bool:
    """An unnumbered paragraph that ends in a unit field (…推进城市更新。(市住建局牵头)) is a task."""
    if p.group is not None or len(ln.text) < 10 or ln.text[-1] not in ")]】":
        return False
    f = inline_fields(ln.text)
    if f is None or not f.units or f.start < 6:
        return False
    p._new_task(str(p.seq + 1), ln.text, ln, 0)
    p.mark(ln, LineClass.structure, "task")
    return True


@body_rule()
def group_paragraph(p: Parser, ln: Line) -> bool:
    """The one unnumbered item of a group ((一)省监察厅牵头的工作 › 加强行政监察工作…)."""
    g = p.group
    if g is None or g.tasks or len(ln.text) < 8:
        return False
    task = p._new_task(f"({g.number})", ln.text, ln, 0)
    g.pending.append(task)
    p.mark(ln, LineClass.structure, "task")
    return True


@body_rule()
def planned_paragraph(p: Parser, ln: Line) -> bool:
    if not p._planned_paragraph(ln):
        return False
    p.mark(ln, LineClass.structure, "planned_targets")
    return True
