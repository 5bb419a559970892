"""The table grammar: responsibility tables flattened into text, in every form found.

A table arrives as one cell per line (``序号`` / ``主要工作任务`` / ``牵头单位`` …), as cells
between ``|`` lines, as cells ending in `` |``, or as pipe rows (``(1) | 地区生产总值增长6%以上。 |
市发展改革委 | 各县市区政府、 开发区管委会 |``). Merged cells leave no trace, so a row's cells are
not mapped by position: the header names the columns (in any order, by the words of
``data/patterns/tables.json``), and each cell is read by what it is — an item number, a numbered
item, the text of an item, a leader's name or title, a list of units — and goes to the column
of its kind, unit cells to the unit columns in the header's order. A value missing from a row
(a merged cell) is not copied from the row above.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from govkg.resources import data_dir

from .lines import WS_RUN, Line
from .patterns import config_errors, patterns, read_json

DATA = data_dir() / "patterns" / "tables.json"
CN_NUM = "一二三四五六七八九十"
NUMBER = re.compile(r"^\(?(?P<n>\d{1,3})\)?$")
NUMBERED = re.compile(r"^(?:\((?P<p>\d{1,3})\)|(?P<d>\d{1,3})[.、](?!\d))\s*(?P<text>\S.*)$")
HEADER_CELL = re.compile(r"^(?:\d{4}年)?[\u4e00-\u9fff()《》]{2,14}$")
SECTION = re.compile(rf"^(?:[{CN_NUM}]+、|\([{CN_NUM}]+\)|第[{CN_NUM}]+部分)")


@dataclass(frozen=True)
class TableVocab:
    columns: list[tuple[str, re.Pattern[str]]]  # role, header words
    unit_suffix: re.Pattern[str]
    collective: re.Pattern[str]


@lru_cache(maxsize=1)
def vocab() -> TableVocab:
    with config_errors(DATA):
        raw = read_json(DATA)
        return TableVocab(
            columns=[(role, re.compile(rx)) for role, rx in raw["columns"]],
            unit_suffix=re.compile(raw["unit_suffix"]),
            collective=re.compile(raw["collective"]),
        )


@dataclass(slots=True)
class Cell:
    text: str
    line: Line
    start: int  # offset of the cell in its line
    index: int  # position of its line in the line list given to the grammar


@dataclass(slots=True)
class Row:
    """One item of the table, with its cells by column."""

    number: str
    text: Cell
    leaders: list[Cell] = field(default_factory=list)
    units: list[tuple[str, Cell]] = field(default_factory=list)  # (role, cell)
    schedule: list[Cell] = field(default_factory=list)
    section: Cell | None = None  # the section or group heading the row stands under
    numbered: bool = False  # the item's number was printed with its text


def header_role(cell: str) -> str | None:
    t = WS_RUN.sub("", cell).strip("|")
    if not HEADER_CELL.match(t):  # a header names a column: words only, no field or item
        return None
    for role, rx in vocab().columns:
        if rx.search(t):
            return role
    return None


def header_in_line(text: str) -> list[str] | None:
    """The column roles of a header written on one line with its cells apart by spaces."""
    if "|" in text:
        return None
    pieces = text.split()
    if len(pieces) < 3:
        return None
    roles = [header_role(p) for p in pieces]
    if None in roles or "task" not in roles:
        return None
    return [r for r in roles if r is not None]


def may_hold_header(text: str) -> bool:
    """Whether a line can hold a header at all, before any cell is looked at: its first cell, up
    to a pipe (``may_start_header``) or to white space (``header_in_line``, a key-work list's
    one-line header), is short and made of the characters a column's name is written in
    (``HEADER_CELL``, with the white space that may space its characters apart)."""
    return _HEADER_START.match(text) is not None


_FIRST_CELL_MAX = 20
_HEADER_START = re.compile(rf"^[\d年\u4e00-\u9fff()《》\s]{{1,{_FIRST_CELL_MAX}}}(?:[|\s]|$)")


def may_start_header(text: str) -> bool:
    """Whether a line's first cell is a column header (a cheap test before a table is read)."""
    first = text.split("|", 1)[0]
    return len(first) <= _FIRST_CELL_MAX and header_role(first) is not None


def cells_of(lines: Sequence[Line]) -> list[Cell]:
    out: list[Cell] = []
    for i, ln in enumerate(lines):
        t = ln.text
        if "|" not in t:
            out.append(Cell(t.strip(), ln, 0, i))
            continue
        pos = 0
        for piece in t.split("|"):
            s = piece.strip()
            if s:
                out.append(Cell(s, ln, pos + piece.index(s), i))
            pos += len(piece) + 1
    return out


def header_at(cells: list[Cell], i: int) -> tuple[list[str], int] | None:
    """The column roles of a header starting at cell ``i`` and the number of cells it spans; a
    header names at least three columns, among them the item and a unit or leader column."""
    roles: list[str] = []
    k = i
    while k < len(cells):
        c = cells[k].text
        role = header_role(c)
        if role is None and k + 1 < len(cells):  # 区政府 / 分管领导: a header cell over two lines
            role = header_role(c + cells[k + 1].text)
            if role is not None:
                k += 1
        if role is None:
            break
        roles.append(role)
        k += 1
    if (
        len(roles) >= 3
        and "task" in roles
        and any(r in roles for r in ("units", "lead", "support", "leader"))
    ):
        return roles, k - i
    return None


def is_unit_list(text: str) -> bool:
    v = vocab()
    t = text.lstrip("★*▲")
    if "。" in t or len(t) > 200:
        return False
    pieces = [p for p in re.split(r"[、,;\s]+", re.sub(r"\([^()]*\)", "", t)) if p]
    return bool(pieces) and all(
        v.unit_suffix.search(p.lstrip("★*▲").rstrip("等")) or v.collective.search(p) for p in pieces
    )


def is_leader(text: str) -> bool:
    p = patterns()
    t = text.strip()
    if p.generic_leader.search(t) or p.leader_title.match(t):
        return True
    names = [n for n in re.split(r"[、,\n]|\s{2,}", t) if n.strip()]
    return bool(names) and all(
        re.fullmatch(r"[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}", n.strip()) for n in names
    )


def read_rows(roles: list[str], cells: list[Cell]) -> list[Row]:
    """The items of a table body, by cell content."""
    unit_cols = [r for r in roles if r in ("lead", "units", "support")] or ["units"]
    numbered_items = any(NUMBERED.match(c.text) and not is_unit_list(c.text) for c in cells)
    rows: list[Row] = []
    section: Cell | None = None
    pending_number: str | None = None
    cur: Row | None = None

    def close() -> None:
        nonlocal cur, section
        if cur is not None:
            if not cur.numbered and not cur.units and not cur.leaders:
                section = cur.text  # a heading written as an item (1 | 大力提振消费。): not an item
            else:
                rows.append(cur)
        cur = None

    for c in cells:
        t = c.text
        m = NUMBERED.match(t)
        if SECTION.match(t):
            close()
            section, pending_number = c, None
        elif NUMBER.match(t):
            close()
            pending_number = t
        elif m and not is_unit_list(t):
            close()
            number = f"({m.group('p')})" if m.group("p") else m.group("d")
            cur = Row(number, c, section=section, numbered=True)
            cur.text = Cell(m.group("text"), c.line, c.start + m.start("text"), c.index)
            pending_number = None
        elif cur is not None and is_unit_list(t):
            n_cells = len({cell.index * 10000 + cell.start for _, cell in cur.units})
            role = unit_cols[min(n_cells, len(unit_cols) - 1)]
            cur.units.append((role, c))
        elif cur is not None and is_leader(t) and "leader" in roles:
            cur.leaders.append(c)
        elif cur is not None and re.match(r"^(?:\d{4}年)?\d{1,2}月|^(?:全年|年底|年内)", t):
            cur.schedule.append(c)
        elif pending_number is not None and not numbered_items:
            close()
            cur = Row(pending_number, c, section=section)
            pending_number = None
        elif pending_number is not None:
            pending_number = None  # 1 | 主要预期目标: a group of numbered items
            section = c
        elif cur is not None and cur.number and not (cur.units or cur.leaders or cur.schedule):
            # the item's text cell wrapped over several lines before its units: one cell
            cur.text = Cell(cur.text.text + t, cur.text.line, cur.text.start, cur.text.index)
        else:
            close()  # text that opens no row yet: an item if leaders or units follow, else a heading
            cur = Row("", c, section=section)
    close()
    return rows
