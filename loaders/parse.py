"""Parse the text of a notice, key-work list or work report into a ``Document``.

The parse is a pipeline of stages, each its own module:

1. ``loaders.normalize`` — the text as found → the text the grammars read (script, pinyin
   glosses, flattened pages, glued items), with the printed characters kept beside it;
2. ``loaders.lines`` — numbered lines with their offsets and the numbering patterns;
3. ``loaders.meta`` — title, 文号, dates, year, kind and the region (``loaders.regions``);
4. the walk below, which reads the body line by line: a table where a header starts
   (``loaders.tables``), a report's sections and targets, and otherwise the registry of body
   rules (``loaders.rules``) for leader sections, unit groups, field lines, numbered items …;
5. ``loaders.fields`` — one grammar for unit and leader fields, shared by field lines, inline
   groups and table cells, and the splitting of unit lists;
6. the finish: the document's own numbered paragraphs dropped as tasks, a cut last task
   flagged, leads assigned by the rule the document states, targets attached
   (``loaders.targets`` through ``loaders.nlp``), and the model's invariants checked.

A line no stage takes is recorded as not understood. Vocabulary comes from ``data/`` (see
``loaders.patterns``).
"""

from __future__ import annotations

import calendar
import gc
import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from govkg.errors import NotANoticeError

from . import meta as meta_mod
from .fields import LeaderParse, Segment, UnitPiece, inline_fields, parse_leaders, read_fields, split_units
from .lines import (
    ATTACHMENT_LABEL,
    ATTACHMENT_LIST,
    CN_ITEM,
    CN_NUM,
    CN_SUB,
    LEADER_SECTION,
    MEASURE_SPLIT,
    MILESTONE_START,
    REPORT_HEADING,
    SENTENCE_END,
    TASK_LINE,
    Line,
    clean_text,
    split_lines,
)
from .model import (
    Comparator,
    Coverage,
    CoverageLine,
    DocKind,
    Document,
    Horizon,
    LeadBasis,
    LeaderRef,
    LeadRule,
    LineClass,
    Milestone,
    Part,
    PartKind,
    Provenance,
    Section,
    Target,
    TargetKind,
    Task,
    UnitRef,
)
from .nlp import extract_targets_many, has_percent_target
from .normalize import normalize
from .patterns import patterns
from .rules import NOTES_HEAD, UnitGroup, rules_for
from .tables import Cell, cells_of, header_at, header_in_line, may_hold_header, may_start_header, read_rows
from .targets import RawTarget, indicator_name

log = logging.getLogger(__name__)

CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")  # 钱 宇: a name spaced to align
SPACE_SEP = re.compile(r"(?<=[^\s、,;])\s+(?=[^\s、,;])")  # units in one cell apart by spaces
PART_TITLE_MAX = 40  # a part's title (附件 2025年重点工作责任分解) is no longer, on one line or two
TITLE_CONTINUATIONS = ("重点工作", "责任分解", "民生实事", "工作责任", "任务分解", "重点任务")
CLUTTER_TAIL = re.compile(r"。(?P<tail>[^。,;:、“”()]{2,12})$")
GLUED_SUBSECTION = re.compile(rf"。(?P<head>\([{CN_NUM}]+\)[^。]{{2,30}})$")


def ln_is_meta(t: str) -> bool:
    return bool(meta_mod.SIGN_DATE.match(t) or meta_mod.ISSUER_LINE.match(t))


def end_of(year: int, month: int, q: str | None) -> date | None:
    if not 1 <= month <= 12:
        return None
    if q == "上旬":
        return date(year, month, 10)
    if q == "中旬":
        return date(year, month, 20)
    return date(year, month, calendar.monthrange(year, month)[1])


HORIZON_OF = {PartKind.five_year: Horizon.five_year, PartKind.livelihood: Horizon.livelihood}  # else annual
_COMPARATORS = {c.value: c for c in Comparator}  # the grammar's comparators, by value (no enum lookup each)


def target_of(rt: RawTarget, kind: TargetKind, year: int | None, prov: Provenance) -> Target:
    """The model's Target for what the target grammar found."""
    return Target(
        indicator=indicator_name(rt.indicator, rt.indicator_norm),
        indicator_norm=rt.indicator_norm,
        metric=rt.metric,
        value=rt.value,
        unit=rt.unit,
        comparator=_COMPARATORS[rt.comparator],
        value_high=rt.value_high,
        qualifier=rt.qualifier,
        kind=kind,
        year=year,
        text=rt.text,
        prov=prov,
    )


# --------------------------------------------------------------------------- parser
class Parser:
    def __init__(self, text: str, source: str, encoding: str, fmt: str) -> None:
        norm = normalize(text)
        self.source_text = text
        self.text = norm.text
        self.printed = norm.printed
        self.normalization = norm.steps
        self.in_notes = False  # under a 说明 heading: numbered items are the notice's own text
        self.group: UnitGroup | None = None  # (一)省编办牵头的工作: the group the next tasks belong to
        self.truncated_task: Task | None = None
        self.warnings: list[str] = []
        self.source = source
        self.encoding = encoding
        self.fmt = fmt
        self.lines = split_lines(self.text)
        self.index = {ln.no: i for i, ln in enumerate(self.lines)}
        self.cov: dict[int, tuple[LineClass, str]] = {}
        self.parts: list[Part] = []
        self.section: Section | None = None
        self.task: Task | None = None  # the task unit/leader lines attach to
        self.key_work: Task | None = None
        self.pending_kw: str | None = None
        self.pending_attachment = False
        self.pending_attachment_list = False
        self.seq = 0
        self.task_notes: dict[int, list[str]] = {}
        # a notice writes the same field line, unit list and leader task after task: each is read once
        self.unit_splits: dict[str, tuple[tuple[UnitPiece, ...], tuple[str, ...]]] = {}
        self.field_reads: dict[str, list[Segment]] = {}
        self.leader_reads: dict[str, LeaderParse] = {}
        self.lead_rule = LeadRule.none
        self.lead_rule_text: str | None = None
        self.meta = meta_mod.Meta()
        self.targets: list[Target] = []
        self.target_lines: set[int] = set()  # lines read for targets (a paragraph is read once)
        self.pending_targets: list[tuple[str, Line, TargetKind, int | None, int]] = []
        self.report_ctx: tuple[TargetKind, int | None] | None = None

    # -- coverage ------------------------------------------------------------
    def mark(self, ln: Line, cls: LineClass, role: str) -> None:
        self.cov[ln.no] = (cls, role)

    # -- entry point ---------------------------------------------------------
    def parse(self) -> Document:
        self.meta = meta_mod.extract(self.lines, self.text, self.source)
        if self.meta.doc_no and self.printed is not self.text:  # the 文号 as printed (獅政辦〔2025〕1號)
            at = self.text.find(self.meta.doc_no)
            if at >= 0:
                self.meta.doc_no = self.printed[at : at + len(self.meta.doc_no)]
        for no, role in self.meta.roles.items():
            self.cov[no] = (LineClass.structure, role)
        body_start = self._body_start()
        for ln in self.lines[:body_start]:
            self._preamble_line(ln)
        body = self.lines[body_start:]
        if self.meta.kind is DocKind.work_report:
            self._parse_report(body)
        else:
            self._parse_body(body)
        self._flush_targets()
        self._drop_notice_paragraphs()
        doc = self._document()
        self._flag_truncated(doc)
        self._assign_leads(doc)
        self._attach_targets(doc)
        self._check(doc)
        doc.check()
        return doc

    def _body_start(self) -> int:
        if self.meta.kind is DocKind.work_report:
            for i, ln in enumerate(self.lines):
                if i in self.meta.line_index_roles:
                    continue
                if (CN_ITEM.match(ln.text) and len(ln.text) <= 40) or REPORT_HEADING.match(ln.text):
                    return i
            return len(self.lines)
        after_signature = self.meta.signature_index if self.meta.signature_index is not None else -1
        for i, ln in enumerate(self.lines):
            t = ln.text
            if ln.no in self.meta.roles:
                continue
            if ATTACHMENT_LABEL.match(t) or self._part_title_at(i) or LEADER_SECTION.match(t):
                return i
            if self._table_header(t):
                return i
            if may_start_header(t) and header_at(cells_of(self.lines[i : i + 16]), 0):
                return i
            if i > after_signature >= 0 and TASK_LINE.match(t):
                return i
            if (TASK_LINE.match(t) or CN_ITEM.match(t) or CN_SUB.match(t)) and self._fields_near(i):
                return i  # no signature on the page (a repost, a news story): the first item with fields
        return len(self.lines)

    def _fields_near(self, i: int) -> bool:
        """Whether a unit or leader field follows within the next lines (the body has begun)."""
        p = patterns()
        for ln in self.lines[i : i + 5]:
            t = ln.text
            if p.unit_line.match(t) or p.leader_line.match(t):
                return True
            if TASK_LINE.match(t) or CN_SUB.match(t):
                f = inline_fields(t)
                if f is not None and f.units:
                    return True
        return False

    def _preamble_line(self, ln: Line) -> None:
        if ln.no in self.cov:
            return
        t = ln.text
        if patterns().boilerplate.search(t):
            self.mark(ln, LineClass.boilerplate, "boilerplate")
            return
        self._detect_lead_rule(t)
        if NOTES_HEAD.match(t):
            self.in_notes = True  # the numbered items after it, in the body too, explain the notice
            self.mark(ln, LineClass.structure, "notes_heading")
        elif self._planned_paragraph(ln):
            self.mark(ln, LineClass.structure, "planned_targets")
        elif ATTACHMENT_LIST.match(t):
            self.pending_attachment_list = True
            self.mark(ln, LineClass.structure, "attachment_list")
        elif TASK_LINE.match(t) and self.pending_attachment_list and len(t) < 60:
            self.mark(ln, LineClass.structure, "attachment_list")
        else:
            self.mark(ln, LineClass.structure, "preamble")

    def _detect_lead_rule(self, t: str) -> None:
        if self.lead_rule is not LeadRule.none:
            return
        p = patterns()
        if not p.any_lead_rule.search(t):
            return
        for rule, pat in p.lead_rules:
            if rule == "respectively":
                continue
            m = pat.search(t)
            if m:
                self.lead_rule = LeadRule(rule)
                self.lead_rule_text = m.group(0)
                return

    # -- parts ---------------------------------------------------------------
    def _part_title_at(self, i: int) -> tuple[str, int] | None:
        ln = self.lines[i]
        t = ln.text
        if self._is_part_title(t):
            return clean_text(t), 1
        if (
            i + 1 < len(self.lines)
            and len(t) <= 24
            and self.lines[i + 1].text.startswith(TITLE_CONTINUATIONS)
            and t[-1] not in SENTENCE_END + ",:"
            and not TASK_LINE.match(t)
        ):
            nxt = self.lines[i + 1].text
            if self._is_part_title(t + nxt):
                return clean_text(t + nxt), 2
        return None

    def _is_part_title(self, t: str) -> bool:
        if len(t) > PART_TITLE_MAX or "《" in t or "》" in t or "关于" in t or "通知" in t:
            return False
        if not patterns().part_title.search(t):  # the rarest condition first
            return False
        return not (TASK_LINE.match(t) or ATTACHMENT_LIST.match(t) or CN_ITEM.match(t) or ln_is_meta(t))

    def _part_kind(self, title: str) -> PartKind:
        for word, kind in patterns().part_kinds:
            if word in title:
                return PartKind(kind)
        if self.meta.kind is DocKind.key_work_list:
            return PartKind.key_work_list
        return PartKind.annual

    def _new_part(self, title: str, ln: Line | None) -> Part:
        if ln is not None:
            self.in_notes = False  # a part begun by its title ends the notes; a part made on demand does not
        part = Part(
            index=len(self.parts) + 1,
            kind=self._part_kind(title),
            title=title,
            prov=ln.prov() if ln else None,
        )
        self.parts.append(part)
        self.section = None
        self.task = None
        self.key_work = None
        self.pending_kw = None
        return part

    def _part(self) -> Part:
        if not self.parts:
            title = self.meta.title or self.source
            kind = PartKind.key_work_list if self.meta.kind is DocKind.key_work_list else None
            part = self._new_part(title, None)
            if kind:
                part.kind = kind
        return self.parts[-1]

    def _section(self) -> Section:
        part = self._part()
        if self.section is None or not part.sections or part.sections[-1] is not self.section:
            self.section = Section(title=part.title)
            part.sections.append(self.section)
        return self.section

    def _new_task(self, number: str, text: str, ln: Line, a: int, parent: Task | None = None) -> Task:
        self.seq += 1
        section = self._section()
        part = self.parts[-1]  # the section's (made by _section if there was none)
        found = inline_fields(text)
        body = text[: found.start].rstrip() if found else text
        task = Task(
            seq=self.seq,
            number=number,
            text=clean_text(body),
            horizon=HORIZON_OF.get(part.kind, Horizon.annual),
            part=part.index,
            section=section.title,
            prov=ln.prov(a),
        )
        if parent is None:
            task.leaders.extend(section.leaders)  # a leader reference is a value: the section's are shared
            section.tasks.append(task)
            if self.group is not None:
                self.group.tasks.append(task)
                self._add_units(task, "lead", self.group.unit, self.group.line, self.group.offset)
        else:
            parent.subtasks.append(task)
        self.task = task
        if found is not None:
            if not found.closed:
                self.truncated_task = task
            self._apply_segments(task, found.segments, ln, a)
        return task

    def _apply_segments(self, task: Task, segments: list[Segment], ln: Line, a: int) -> None:
        for seg in segments:
            if seg.role in ("lead", "support", "responsible"):
                self._add_units(task, seg.role, seg.body, ln, a + seg.start)
            elif seg.role == "leader":
                self._add_leaders(task, seg.body, ln, a + seg.start)

    def _add_units(self, task: Task, role: str, body: str, ln: Line, offset: int) -> None:
        split = self.unit_splits.get(body)
        if split is None:
            split = self.unit_splits[body] = split_units(body)
        pieces, notes = split
        if notes:
            self.task_notes.setdefault(task.seq, []).extend(notes)
            for n in notes:
                self._detect_lead_rule(n)
        pos = len(task.units)
        last = len(pieces)
        no, start, text = ln.no, ln.start + offset, ln.text
        printed = None if self.printed is self.text else self.printed  # the source's script, where it differs
        for i, pc in enumerate(pieces, start=1):
            a, b = pc.a, pc.b
            # as written: the source's own characters for the span (traditional script as printed)
            written = printed[start + a : start + b] if printed is not None else text[offset + a : offset + b]
            task.units.append(
                UnitRef(
                    name=pc.name,
                    as_written=written or pc.as_written,
                    position=pos + i,
                    aliases=pc.aliases,
                    collective=pc.collective,
                    role=role,
                    notes=(*pc.notes, *notes) if i == last else pc.notes,
                    prov=Provenance(line=no, start=start + a, end=start + b),
                )
            )

    def fields_of(self, text: str) -> list[Segment]:
        """The segments of a labelled line (read_fields), read once per notice."""
        segments = self.field_reads.get(text)
        if segments is None:
            segments = self.field_reads[text] = read_fields(text)
        return segments

    def _add_leaders(self, task: Task, body: str, ln: Line, offset: int) -> None:
        lp = self.leader_reads.get(body)
        if lp is None:
            lp = self.leader_reads[body] = parse_leaders(body)
        for name, title, written in lp.leaders:
            a = ln.text.find(written)
            task.leaders.append(
                LeaderRef(
                    name=name,
                    title=title,
                    as_written=written,
                    prov=ln.prov(max(a, 0), max(a, 0) + len(written)),
                )
            )
        if lp.note:
            task.leader_note = lp.note if not task.leader_note else task.leader_note + "、" + lp.note

    # -- body ----------------------------------------------------------------
    def _parse_body(self, body: list[Line]) -> None:
        is_boilerplate = patterns().boilerplate.search
        cov = self.cov
        skip = 0
        for idx, ln in enumerate(body):
            if skip:
                skip -= 1
                continue
            if ln.no in cov:
                continue
            t = ln.text
            if is_boilerplate(t):
                self.mark(ln, LineClass.boilerplate, "boilerplate")
                continue
            if self.lead_rule is LeadRule.none:
                self._detect_lead_rule(t)  # a rule may be stated in a 说明 or a note in the body too
            if t[0] == "附":  # 附件2 / 附件:…
                if ATTACHMENT_LABEL.match(t):
                    self.pending_attachment = True
                    self.mark(ln, LineClass.structure, "attachment_label")
                    continue
                if ATTACHMENT_LIST.match(t):
                    self.mark(ln, LineClass.structure, "attachment_reference")
                    continue
            pt = self._part_title_at(self.index[ln.no]) if len(t) <= PART_TITLE_MAX else None
            if pt or (
                self.pending_attachment and len(t) <= 40 and not TASK_LINE.match(t) and not CN_ITEM.match(t)
            ):
                gi = self.index[ln.no]
                title, n = pt or (clean_text(t), 1)
                self._new_part(title, ln)
                for k in range(n):
                    self.mark(self.lines[gi + k], LineClass.structure, "part_title")
                skip = n - 1
                self.pending_attachment = False
                continue
            if may_hold_header(t):
                n = self._table_at(body, idx)
                if n:
                    skip = n - 1
                    continue
                if self._header_cells_line(ln):
                    continue
            for rule in rules_for(t[0]):
                if rule(self, ln):
                    break
            else:
                self.mark(ln, LineClass.unknown, "not understood")

    # tables (loaders.tables) -----------------------------------------------------
    def _table_end(self, body: list[Line], idx: int) -> int:
        end = idx + 1
        while end < len(body):
            t = body[end].text
            if ATTACHMENT_LABEL.match(t) or self._is_part_title(t) or LEADER_SECTION.match(t):
                break
            end += 1
        return end

    def _table_at(self, body: list[Line], idx: int) -> int:
        """Read the table whose header starts at ``body[idx]``; return the lines it spans (0 when
        no table starts here)."""
        first = body[idx].text
        spaced = header_in_line(first)  # 序号 工作任务 牵头单位 配合单位, then one cell per line
        if spaced is not None:
            kw = self._table_header(first)
            if (kw is not None and "measure" in kw) or self._part().kind is PartKind.key_work_list:
                return 0  # a key-work list: read by its own rules
            roles, n_head = spaced, 0
        elif not may_start_header(first):
            return 0
        else:
            head = cells_of(body[idx : idx + 16])
            found = header_at(head, 0)
            if found is None or head[0].index != 0:
                return 0
            roles, n_head = found
        end = self._table_end(body, idx)
        lines = body[idx:end]
        cells = cells_of(lines[1:] if spaced is not None else lines)
        if spaced is not None:
            self.mark(body[idx], LineClass.structure, "table_header")
        for c in cells[:n_head]:
            self.mark(c.line, LineClass.structure, "table_header")
        section_cell: Cell | None = None
        used: set[int] = set()
        for row in read_rows(roles, cells[n_head:]):
            if row.section is not None and row.section is not section_cell:
                section_cell = row.section
                head_line = row.section.line
                sec = Section(title=clean_text(row.section.text), prov=head_line.prov())
                lm = LEADER_SECTION.match(row.section.text)  # 一、张三副市长牵头的工作 as a row of the table
                if lm:
                    lp = parse_leaders(lm.group("who"))
                    at = row.section.start + row.section.text.find(lm.group("who"))
                    sec.leaders = [
                        LeaderRef(
                            name=n, title=t, as_written=w, prov=head_line.prov(at, at + len(lm.group("who")))
                        )
                        for n, t, w in lp.leaders
                    ]
                    sec.note = lp.note
                self._part().sections.append(sec)
                self.section = sec
                self.mark(head_line, LineClass.structure, "table_section")
            cell = row.text
            task = self._new_task(row.number or str(self.seq + 1), cell.text, cell.line, cell.start)
            used.add(cell.index)
            for c in row.leaders:
                self._add_leaders(task, CJK_GAP.sub("", c.text), c.line, c.start)
                used.add(c.index)
            for role, c in row.units:
                unit_role = {"lead": "lead", "support": "support"}.get(role, "responsible")
                body_text = SPACE_SEP.sub("、", c.text)
                self._add_units(task, unit_role, body_text, c.line, c.start)
                used.add(c.index)
            for c in row.schedule:
                self._add_milestones(task, c.line)
                used.add(c.index)
        for i, ln in enumerate(lines):
            if ln.no not in self.cov:
                self.mark(ln, LineClass.structure, "table_cell" if i in used else "table_section")
        return end - idx

    # one-cell-per-line tables ------------------------------------------------
    def _table_header(self, t: str) -> list[str] | None:
        cells = t.split()
        heads = patterns().table_headers
        if len(cells) >= 3 and all(c in heads for c in cells):
            return [heads[c] for c in cells]
        return None

    def _header_cells_line(self, ln: Line) -> bool:
        """A key-work list's header on one line (序号 重点工作 工作举措 …): its rows are read by the
        key-work rules."""
        row = self._table_header(ln.text)
        if row is None or not ("measure" in row or self._part().kind is PartKind.key_work_list):
            return False
        self.mark(ln, LineClass.structure, "table_header")
        self._part().kind = PartKind.key_work_list
        return True

    # key-work lists ------------------------------------------------------------
    def _kw_row(self, num: str, rest: str, ln: Line, a: int) -> None:
        sm = MEASURE_SPLIT.search(rest)
        kw_text = rest[: sm.start()] if sm else rest
        kw_clean = clean_text(kw_text)
        cur = self.key_work
        if (
            cur is not None
            and cur.number == num
            and (cur.text == kw_clean or kw_clean.startswith(cur.text[:20]))
        ):
            role = "key_work (repeated cell)"
        else:
            cur = self._new_task(num, kw_text, ln, a)
            self.key_work = cur
            role = "key_work"
        self.task = cur
        if sm:
            m_num = sm.group("num")
            self._new_task(f"{num}.{m_num}", rest[sm.end() :], ln, a + sm.end(), parent=cur)
            role += "+measure"
        self.mark(ln, LineClass.structure, role)

    def _add_milestones(self, task: Task, ln: Line) -> None:
        year = self.meta.year or (self.meta.date.year if self.meta.date else None)
        t = ln.text
        starts = [m for m in MILESTONE_START.finditer(t)]
        if not starts:
            due = date(year, 12, 31) if year and t.startswith(("全年", "年内", "年底")) else None
            task.milestones.append(Milestone(due=due, text=t, prov=ln.prov()))
            return
        if starts[0].start() > 0 and t[: starts[0].start()].strip():
            task.milestones.append(
                Milestone(due=None, text=t[: starts[0].start()].strip(), prov=ln.prov(0, starts[0].start()))
            )
        for i, m in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(t)
            y = int(m.group("y")) if m.group("y") else year
            due = end_of(y, int(m.group("m")), m.group("q")) if y else None
            seg = t[m.start() : end].strip()
            task.milestones.append(Milestone(due=due, text=seg, prov=ln.prov(m.start(), end)))

    # -- reports ---------------------------------------------------------------
    def _parse_report(self, body: list[Line]) -> None:
        p = patterns()
        part = self._new_part(self.meta.title or "政府工作报告", None)
        part.kind = PartKind.report
        for ln in body:
            if ln.no in self.cov:
                continue
            t = ln.text
            if p.boilerplate.search(t):
                self.mark(ln, LineClass.boilerplate, "boilerplate")
                continue
            m = CN_ITEM.match(t)
            if m and len(t) <= 40 and t[-1] not in "。;":
                self.section = Section(title=clean_text(t), number=m.group("num"), prov=ln.prov())
                part.sections.append(self.section)
                self.report_ctx = self._report_context(t)
                self.mark(ln, LineClass.structure, "report_section")
                continue
            if REPORT_HEADING.match(t):  # 2024年工作回顾: a heading printed without its number
                self.section = Section(title=clean_text(t), prov=ln.prov())
                part.sections.append(self.section)
                self.report_ctx = self._report_context(t)
                self.mark(ln, LineClass.structure, "report_section")
                continue
            m = CN_SUB.match(t)
            if m and len(t) <= 40:
                self._report_subsection(t, ln, 0)
                self.mark(ln, LineClass.structure, "report_subsection")
                continue
            if self._planned_paragraph(ln):
                self.mark(ln, LineClass.structure, "report_planned_targets")
                continue
            text = t
            role = "report_text"
            g = GLUED_SUBSECTION.search(text)
            if g:
                self._report_subsection(g.group("head"), ln, g.start("head"))
                text = text[: g.start("head")]
                role += "+subsection"
            c = CLUTTER_TAIL.search(text)
            if c:
                text = text[: c.start("tail")]
                role += "+clutter:" + c.group("tail")
            self._report_targets(text, ln)
            self.mark(ln, LineClass.structure, role)

    def _report_subsection(self, title: str, ln: Line, a: int) -> None:
        parent = self.section.title if self.section else None  # the enclosing 一、二、… section
        sec = Section(title=clean_text(title), number=None, note=parent, prov=ln.prov(a, a + len(title)))
        self.parts[-1].sections.append(sec)

    def _report_context(self, title: str) -> tuple[TargetKind, int | None]:
        years = [int(y) for y in re.findall(r"(\d{4})年", title)]
        y = years[0] if years else None
        if re.search(r"主要工作|工作回顾|回顾|过去", title):
            return TargetKind.achieved, y if y else (self.meta.year - 1 if self.meta.year else None)
        return TargetKind.planned, y if y else self.meta.year

    def _planned_paragraph(self, ln: Line) -> bool:
        """A paragraph that states the year's planned targets (…主要预期目标是:地区生产总值增长…)
        wherever it stands: in a report without numbered headings, a news story on a report, or the
        preamble of a notice. Its targets are the document's, planned for the year it names or the
        document's year."""
        m = meta_mod.planned_intro(ln.text)
        if not m or ln.no in self.target_lines:
            return False
        ym = re.search(r"((?:19|20)\d{2})年", m.group(0))
        year = int(ym.group(1)) if ym else self.meta.year
        self._report_targets(ln.text[m.end() :], ln, (TargetKind.planned, year), m.end())
        return True

    def _report_targets(
        self, text: str, ln: Line, ctx: tuple[TargetKind, int | None] | None = None, offset: int = 0
    ) -> None:
        ctx = ctx or self.report_ctx
        if ctx is None:
            return
        kind, year = ctx
        self.target_lines.add(ln.no)
        self.pending_targets.append((text, ln, kind, year, offset))

    def _flush_targets(self) -> None:
        """The targets of the paragraphs read for them, marked in one pass of the pipeline."""
        pending, self.pending_targets = self.pending_targets, []
        found = extract_targets_many(
            [p[0] for p in pending], achieved=[p[2] is TargetKind.achieved for p in pending]
        )
        for (_, ln, kind, year, offset), rts in zip(pending, found, strict=True):
            for rt in rts:
                self.targets.append(target_of(rt, kind, year, ln.prov(offset + rt.start, offset + rt.end)))

    # -- finishing -------------------------------------------------------------
    def _document(self) -> Document:
        read = self.cov.get
        unread = (LineClass.unknown, "not understood")
        lines = []
        for ln in self.lines:
            cls, role = read(ln.no, unread)
            lines.append(CoverageLine(line=ln.no, cls=cls, role=role, text=ln.text))
        content = "\n".join(ln.text for ln in self.lines)
        return Document(
            title=self.meta.title,
            doc_no=self.meta.doc_no,
            issuer=self.meta.issuer,
            date=self.meta.date,
            year=self.meta.year,
            region=self.meta.region,
            region_basis=self.meta.region_basis,
            date_basis=self.meta.date_basis,
            warnings=[*self.meta.warnings, *self.warnings],
            normalization=self.normalization,
            source_text=self.source_text,
            kind=self.meta.kind,
            source=self.source,
            sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
            encoding=self.encoding,
            format=self.fmt,
            lead_rule=self.lead_rule,
            lead_rule_text=self.lead_rule_text,
            parts=self.parts,
            targets=self.targets,
            coverage=Coverage(lines=lines),
            text=self.text,
        )

    def _drop_notice_paragraphs(self) -> None:
        """A part none of whose items names a unit or a leader (not even a generic one) nor states a
        percentage target is the notice's own numbered text (its 说明, its requirements), not a
        list of tasks cut before their fields: its items are dropped as tasks, their lines
        recorded as notice items, and the remaining tasks renumbered 1, 2, …"""

        def assigned(t: Task) -> bool:
            return bool(t.units or t.leaders or t.leader_note) or has_percent_target(t.text)

        def walk(ts: list[Task]) -> list[Task]:
            return [x for t in ts for x in (t, *walk(t.subtasks))]

        if self.meta.kind is DocKind.work_report:
            return
        renumber: dict[int, int] = {}
        seq = 0
        for part in self.parts:
            tasks = [t for s in part.sections for t in walk(s.tasks)]
            if tasks and part.kind is not PartKind.livelihood and not any(assigned(t) for t in tasks):
                for t in tasks:
                    self.cov[t.prov.line] = (LineClass.structure, "notice_item")
                for s in part.sections:
                    s.tasks = []
                continue
            for t in tasks:
                seq += 1
                renumber[t.seq] = seq
        if len(renumber) == self.seq:
            return
        for part in self.parts:
            for t in (t for s in part.sections for t in walk(s.tasks)):
                t.seq = renumber[t.seq]
        self.task_notes = {renumber[k]: v for k, v in self.task_notes.items() if k in renumber}
        self.seq = seq
        if self.truncated_task is not None and self.truncated_task.seq not in renumber.values():
            self.truncated_task = None

    def _flag_truncated(self, doc: Document) -> None:
        """A page cut short by its source ends inside its last task: the task is kept (its text and
        whatever fields it has) and flagged, and so is the document. The signs: an inline field
        left open, or the text's last line belonging to the task and breaking off (an item without
        its closing punctuation, a field label with nothing after it)."""
        tasks = doc.iter_tasks()
        if not tasks or not self.lines:
            return
        cut = self.truncated_task
        last = self.lines[-1]
        role = self.cov.get(last.no, (LineClass.unknown, ""))[1]
        t = last.text
        if cut is None and role in ("task", "units", "leaders", "table_cell"):
            empty_field = t.endswith(":") and (
                patterns().unit_line.match(t) or patterns().leader_line.match(t)
            )
            open_item = role in ("task", "table_cell") and t[-1] not in "。;!?)]】|%”"
            if empty_field or open_item:
                cut = tasks[-1]
        if cut is not None:
            cut.truncated = True
            doc.truncated = True
            doc.warnings.append(
                f"the text ends inside task {cut.number} (line {last.no}): kept and flagged truncated"
            )
            if cut is self.truncated_task:  # the text ends inside its open unit group: (牵头单位:…、市财
                self._drop_cut_unit(cut, last, doc)

    def _drop_cut_unit(self, task: Task, last: Line, doc: Document) -> None:
        """The unit a cut list ends with is a name cut short (民 for 民政厅, 市人力资源社会保): it is
        left out of the task, and a warning says so."""
        end = last.start + len(last.text)
        if not task.units or task.units[-1].prov.end != end or task.units[-1].prov.line != last.no:
            return
        gone = task.units.pop()
        doc.warnings.append(
            f"the unit list of task {task.number} breaks off at the end of the text: "
            f"the last name, {gone.as_written}, may be cut short and is left out"
        )

    def _assign_leads(self, doc: Document) -> None:
        """Which units lead, by what the document states: a 牵头/主办 field or a lead mark; a rule
        (列第一位者为牵头, 无牵头单位的责任单位即为牵头单位 …); the only unit named. Where several
        units are listed and nothing says which leads, the first is marked as an inferred lead
        (``inferred_first_listed``), which is never counted as a stated one."""
        rule = doc.lead_rule
        for task in doc.iter_tasks():
            if not task.units:
                continue
            leads = [u for u in task.units if u.role == "lead"]
            if leads:
                for u in leads:
                    u.lead, u.lead_basis = True, LeadBasis.lead_line
                continue
            marked = [u for u in task.units if "lead_mark" in u.notes]
            if marked:
                for u in marked:
                    u.lead, u.lead_basis = True, LeadBasis.mark
                continue
            listed = [u for u in task.units if u.role != "support"]
            if not listed:
                continue
            notes = self.task_notes.get(task.seq, [])
            if "分别牵头" in notes:
                for u in listed:
                    u.lead, u.lead_basis = True, LeadBasis.respectively
            elif rule in (LeadRule.all_listed, LeadRule.responsible_leads):
                for u in listed:
                    u.lead, u.lead_basis = True, LeadBasis.stated_all_listed
            elif rule is LeadRule.first_listed:
                listed[0].lead, listed[0].lead_basis = True, LeadBasis.stated_first_listed
            elif len(listed) == 1 and rule is not LeadRule.lost_mark:
                listed[0].lead, listed[0].lead_basis = True, LeadBasis.sole_unit
            else:
                listed[0].lead, listed[0].lead_basis = True, LeadBasis.inferred_first_listed

    def _attach_targets(self, doc: Document) -> None:
        year = doc.year
        tasks = doc.iter_tasks()
        for task, found in zip(tasks, extract_targets_many([t.text for t in tasks]), strict=True):
            if not found:
                continue
            src = self._source_offsets(doc.text, task)
            for rt in found:
                prov = Provenance(line=task.prov.line, start=src(rt.start), end=src(rt.end - 1) + 1)
                task.targets.append(target_of(rt, TargetKind.planned, year, prov))

    @staticmethod
    def _source_offsets(text: str, task: Task) -> Callable[[int], int]:
        """Offset in the task's cleaned text → offset in the document text."""
        a = task.prov.start
        if text.startswith(task.text, a):
            return lambda i: a + i  # nothing was cleaned: the usual case
        clean_pos = [i for i, c in enumerate(task.text) if not c.isspace()]
        src_pos: list[int] = []
        i = a
        while len(src_pos) < len(clean_pos) and i < len(text):
            if not text[i].isspace():
                src_pos.append(i)
            i += 1
        rank = {p: k for k, p in enumerate(clean_pos)}
        return lambda i: src_pos[min(rank.get(i, 0), len(src_pos) - 1)] if src_pos else a + i

    def _check(self, doc: Document) -> None:
        """A real notice or report is loaded even when this text holds none of its tasks (a cover
        notice without its attachment, a news story on a report); only text with no sign of either
        is refused."""
        if doc.kind is DocKind.work_report:
            if not doc.targets and len(doc.parts[0].sections if doc.parts else []) < 2:
                if not meta_mod.looks_like_notice_or_report(self.text, self.meta):
                    raise NotANoticeError(self.source, "no report sections or targets found")
                doc.warnings.append("no targets or report sections found in this text")
            return
        if not doc.iter_tasks():
            if not meta_mod.looks_like_notice_or_report(self.text, self.meta):
                what = "mentions 责任分解 but lists no tasks" if "责任分解" in self.text else "no tasks found"
                raise NotANoticeError(self.source, what)
            doc.warnings.append("no tasks: the attachment is not in this file")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing one notice allocates some 100,000 objects and frees nearly all of them by reference
    counting; the cyclic collector, run every 700 allocations, would traverse every live object
    (including documents the caller still holds) again and again for nothing. It is paused for
    one document at a time, so its work is deferred, not skipped."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def parse_text(text: str, source: str, encoding: str = "utf-8", fmt: str = "txt") -> Document:
    """Parse decoded text into a Document (raises NotANoticeError when it is none)."""
    with _gc_paused():
        return Parser(text, source, encoding, fmt).parse()
