"""The field grammar: who is named responsible, in whatever form a notice writes it.

One grammar serves labelled lines (``牵头单位:…``), inline groups at the end of a task
(``(牵头单位:X;责任单位:Y)``, ``[…]``, ``【…】``, ``(X主办,Y协办)``, ``(X牵头,Y配合)``,
``(X负责)``, ``(A、B分别负责)``, ``(A、B按职责分工负责)``), several fields on one line
(``责任领导:…;责任单位:…;配合单位:…``) and table cells. A field is split into segments at
``;`` and ``,`` outside parentheses; each segment is a label and its body, or a body and the
verb that ends it; the label or verb gives the role (data/patterns/lines.json:
``unit_labels``, ``leader_labels``, ``field_verbs``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .patterns import patterns, per_written_form

OPEN, CLOSE = "([【", ")]】"


@dataclass(slots=True)
class Segment:
    role: str  # lead / support / responsible / leader / note
    body: str
    start: int  # offset of the body in the text the grammar was given
    labelled: bool = False  # 责任单位:… (a list that may go on after a comma)


@dataclass(slots=True)
class Fields:
    start: int  # where the field group begins (the task text ends here)
    end: int
    segments: list[Segment] = field(default_factory=list)
    closed: bool = True  # False when the text ends inside the group (a page cut short)

    @property
    def units(self) -> list[Segment]:
        return [s for s in self.segments if s.role in ("lead", "support", "responsible")]


@lru_cache(maxsize=1)
def grammar() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], tuple[str, ...]]:
    p = patterns()
    labels = sorted([*p.unit_roles, *p.leader_labels], key=len, reverse=True)
    label_rx = re.compile(r"^\s*(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*:\s*")
    verbs = p.field_verbs
    verb_rx = re.compile(
        r"(?:等)?(?P<verb>" + "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) + r")[。.]?\s*$"
    )
    return label_rx, verb_rx, verbs, tuple(verbs)


def _ends_in_verb(seg: str, verb_words: tuple[str, ...]) -> bool:
    """Whether a segment can end in a role verb (what ``verb_rx`` looks for: the verb, then perhaps
    a full stop and white space), tested with str.endswith before the regex searches it."""
    t = seg.rstrip()
    if t[-1:] in ("。", "."):
        t = t[:-1]
    return t.endswith(verb_words)


_SEGMENT_MARKS = re.compile(r"[();,]")


def _segments(text: str, base: int) -> list[tuple[str, int]]:
    """Pieces of ``text`` between ; and , at depth 0 (offsets relative to ``base``). Only the
    marks are visited (a regex finds them), not every character."""
    if _SEGMENT_MARKS.search(text) is None:  # 责任单位:市财政局、市教育局: one segment
        return [(text, base)] if text.strip() else []
    out, depth, start = [], 0, 0
    for m in _SEGMENT_MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
        elif depth == 0:
            out.append((text[start:i], base + start))
            start = i + 1
    out.append((text[start:], base + start))
    return [(s, b) for s, b in out if s.strip()]


def read_fields(text: str, base: int = 0) -> list[Segment]:
    """Segments of a field text; a segment that is neither labelled nor ends in a role verb is a
    note (a time limit, a leader's title), unless it follows a labelled one, which it continues
    (…责任单位:市财政局,市教育局)."""
    label_rx, verb_rx, verbs, verb_words = grammar()
    p = patterns()
    out: list[Segment] = []
    for seg, off in _segments(text, base):
        lead_ws = len(seg) - len(seg.lstrip())
        m = label_rx.match(seg)
        if m:
            label = m.group("label")
            role = p.unit_roles.get(label, "leader" if label in p.leader_labels else "note")
            if role == "fields":  # 部门分工:X牵头,各地、各部门配合: the label heads verb fields
                out.extend(read_fields(seg[m.end() :], off + m.end()))
                continue
            out.append(Segment(role, seg[m.end() :].strip(), off + m.end(), labelled=True))
            continue
        v = verb_rx.search(seg) if _ends_in_verb(seg, verb_words) else None
        body = seg[: v.start()].strip() if v else seg.strip()
        if v and body:
            role = verbs[v.group("verb")]
            if p.generic_leader.search(body) or p.leader_title.match(body.split("、")[0]):
                role = "leader"  # 分管副省长、协管副秘书长负责
            out.append(Segment(role, body, off + lead_ws))
        elif out and out[-1].labelled and not v:
            prev = out[-1]
            body = text[prev.start - base : off - base + len(seg)].strip()
            out[-1] = Segment(prev.role, body, prev.start, labelled=True)
        else:
            out.append(Segment("note", seg.strip(), off + lead_ws))
    return out


_BRACKETS = re.compile(r"[(\[【)\]】]")


def _groups(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the depth-0 bracket groups of ``text``."""
    groups, depth, start = [], 0, -1
    for m in _BRACKETS.finditer(text):
        ch, i = m.group(), m.start()
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1, True))
    if depth and start >= 0:
        groups.append((start, len(text), False))
    return groups


def inline_fields(text: str) -> Fields | None:
    """The unit field a task line ends with (or, on a page cut short, breaks off in): the last
    bracket group that names at least one responsible unit."""
    for a, b, closed in reversed(_groups(text)):
        inner = text[a + 1 : b - 1 if closed else b]
        segs = read_fields(inner, a + 1)
        if any(s.role in ("lead", "support", "responsible") for s in segs):
            tail = text[b:].strip(" 。.;")
            if tail and closed and len(tail) > 4:
                continue  # a parenthesis inside the task's own sentence
            return Fields(a, b, segs, closed)
    return None


# --------------------------------------------------------------------------- units (the bodies of unit fields)
@dataclass(slots=True)
class UnitPiece:
    name: str
    as_written: str
    aliases: tuple[str, ...]
    notes: tuple[str, ...]
    collective: bool
    a: int
    b: int


_UNIT_SUFFIX = re.compile(r"(办|局|委|部|厅|室|中心|队|会|院|所|组|站|处|科|司|集团|公司|行|馆|社|联|政府)$")
_ANNOTATION = re.compile(r"牵头|汇总|下同|列第一|标者|排名")


_PARENS = re.compile(r"[()]")


def _paren_groups(s: str) -> list[tuple[int, int]]:
    """(start, end) of depth-0 parenthesised groups, end exclusive."""
    groups, depth, start = [], 0, -1
    for m in _PARENS.finditer(s):
        i = m.start()
        if m.group() == "(":
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1))
    return groups


_SUB_OFFICE = re.compile(
    r"^(?![省市县区])[\u4e00-\u9fff]{1,3}(办|科|处|室|股)$"
)  # 铁办, 安委办 (市政务办 is a name)
_TRAILING_LEAD = re.compile(r"(分别|共同)?牵头[。.]?\s*$")
_LEAD_SUFFIX = re.compile(r"(分别|共同)?牵头$")
_ALIAS = re.compile(r"^(?P<name>.+?)\((?P<alias>[^()]+)\)$")
LEVEL_STARTS = ("省", "市", "县", "区", "各", "镇", "乡")  # a unit's name begins with its level
_UNIT_SEP = re.compile(r"[、,;]")
_UNIT_MARKS = re.compile(r"[()、,;]")


def _unit_bounds(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces between separators outside parentheses."""
    if "(" not in masked:
        bounds, start = [], 0
        for m in _UNIT_SEP.finditer(masked):
            bounds.append((start, m.start()))
            start = m.end()
        bounds.append((start, len(masked)))
        return bounds
    depth, start = 0, 0
    bounds = []
    for m in _UNIT_MARKS.finditer(masked):
        ch, i = m.group(), m.start()
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
        elif depth == 0:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(masked)))
    return bounds


def split_units(body: str) -> tuple[tuple[UnitPiece, ...], tuple[str, ...]]:
    """Split a units list; return the units and the annotations stripped from it (as tuples: a
    parser may remember a split and hand the same pieces out again)."""
    notes: list[str] = []
    masked = body
    if "(" in body:
        kept: list[str] = []  # the body with each annotation's parentheses blanked out, same length
        last = 0
        for a, b in _paren_groups(body):
            inner = body[a + 1 : b - 1]
            if _ANNOTATION.search(inner):
                notes.append(inner)
                kept += (body[last:a], "\0" * (b - a))
                last = b
        if kept:
            masked = "".join(kept) + body[last:]
    if "牵头" in masked:
        m = _TRAILING_LEAD.search(masked.replace("\0", ""))
        if m and m.group(1) == "分别":
            notes.append("分别牵头")
    pieces: list[UnitPiece] = []
    for a, b in _collective_groups(masked, _unit_bounds(masked)):
        read = _read_piece(masked[a:b].replace("\0", ""))
        if read is None:
            continue
        skip, name, base, aliases, piece_notes, collective, etc = read
        if etc:
            notes.append("等")
        pieces.append(UnitPiece(base, name, aliases, piece_notes, collective, a + skip, a + skip + len(name)))
    _expand_written_once(pieces)
    return tuple(pieces), tuple(notes)


_PieceRead = tuple[int, str, str, tuple[str, ...], tuple[str, ...], bool, bool]


@per_written_form(16384)
def _read_piece(text: str) -> _PieceRead | None:
    """One unit as a list writes it, wherever it stands (a notice names the same units again and
    again, so each written form is read once): (characters before the name, the name as written,
    the unit's name, its aliases, its notes, whether it is a collective group, whether a 等 was
    dropped after it)."""
    # a conjunction left at the head of a piece (…、和市财政局) goes, but not the first character of a
    # name (和平镇, 及第村): only before a level word that starts a unit's name
    head = len(text) - len(text.lstrip(" "))
    if text[head : head + 1] in ("和", "及") and text[head + 1 : head + 2] in LEVEL_STARTS:
        head += 1
    name = text[head:].rstrip(" 和及。. ")
    if name.endswith("牵头"):
        name = _LEAD_SUFFIX.sub("", name)
    etc = name.endswith("等") and len(name) > 2
    if etc:
        name = name[:-1]
    name = name.strip()
    mark = name[:1] in "★*▲☆" and len(name) > 1
    if mark:
        name = name.lstrip("★*▲☆")
        head += 1
    if not name:
        return None
    aliases: tuple[str, ...] = ()
    piece_notes: tuple[str, ...] = ("lead_mark",) if mark else ()
    base = name
    if name.endswith(")"):
        am = _ALIAS.match(name)
        if am and _SUB_OFFICE.match(am.group("alias")):
            # 市发改委(铁办): an office inside the unit, neither its alias nor another unit's
            piece_notes += ("sub-office:" + am.group("alias"),)
            base = am.group("name")
        elif am and _UNIT_SUFFIX.search(am.group("alias")):
            aliases = (am.group("alias"),)
            base = am.group("name")
    return head, name, base, aliases, piece_notes, patterns().collective_unit.search(base), etc


_GROUP_OPEN = re.compile(r"各[市县区乡镇]{1,3}$|、[市县区乡镇]{1,2}$")  # 各县 | 、市
_GROUP_GOES_ON = re.compile(r"^[市县区乡镇]{1,3}(?:人民政府|政府|党委)?$")  # 市 | 区政府 | 县人民政府


def _collective_groups(masked: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of a collective group the separators cut apart joined again: 各县、市、区政府 and
    …和各市、县人民政府 are one unit each, not 各县 + 市 + 区政府."""
    out: list[tuple[int, int]] = []
    for a, b in bounds:
        piece = masked[a:b].strip() if out else ""
        if (
            0 < len(piece) <= 7  # what _GROUP_GOES_ON can match: 市 | 区政府 | 县人民政府
            and _GROUP_GOES_ON.match(piece)
            and _GROUP_OPEN.search(masked[out[-1][0] : out[-1][1]].strip())
        ):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_PLACE_TAIL = re.compile(
    r"^(?P<place>.+?(?:区|县|市|镇|乡|街道))(?P<tail>人民政府|政府|管委会|办事处|党工委)$"
)
_PLACE_TAILS = ("人民政府", "政府", "管委会", "办事处", "党工委")  # the tails _PLACE_TAIL names
_DEPT = re.compile(r"(厅|局|委|办|中心)$")


def _expand_written_once(pieces: list[UnitPiece]) -> None:
    """What a list writes once for several units goes into each unit's name (its written form
    stays as printed): a shared tail (黄埔区、南沙区政府 → 黄埔区政府, 南沙区政府) and a level
    prefix (省财政厅、地税局 → 省财政厅, 省地税局; a unit naming a place of its own, 合肥海关, keeps
    its name)."""
    if len(pieces) < 2:
        return
    last = pieces[-1].name
    tail = _PLACE_TAIL.match(last) if last.endswith(_PLACE_TAILS) else None
    if tail:
        for pc in pieces[:-1]:
            if pc.name.endswith(("区", "县", "市", "镇", "乡", "街道")) and not pc.collective:
                pc.name += tail.group("tail")
    first = pieces[0].name
    prefix = first[0] if first[:1] in ("省", "市", "县", "区") and _DEPT.search(first) else ""
    if not prefix:
        return
    for pc in pieces[1:]:
        n = pc.name
        if n[:1] in ("省", "市", "县", "区", "各") or pc.collective or not _DEPT.search(n):
            continue
        if _names_a_place(n):
            continue  # 合肥海关, 吴江海关: named after a place, not the list's level
        pc.name = prefix + n


def _names_a_place(name: str) -> bool:
    from .regions import name_index

    return bool(name_index().find(name))


# --------------------------------------------------------------------------- leaders
@dataclass(slots=True)
class LeaderParse:
    leaders: list[tuple[str, str | None, str]] = field(default_factory=list)  # name, title, as written
    note: str | None = None


SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]) (?=[\u4e00-\u9fff]{1,2}(?![\u4e00-\u9fff]))")


_LEADER_SEP = re.compile(r"[、,;\s]+")
_BARE_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_BARE_TITLE = re.compile(r"(常务)?副?(市|县|区)长")


def parse_leaders(body: str) -> LeaderParse:
    p = patterns()
    out = LeaderParse()
    body = SPACED_NAME.sub(r"\1", body.strip().rstrip("。."))  # 王 东: a name spaced to align
    if not body:
        return out
    if p.generic_leader.search(body):
        out.note = body
        return out
    m = p.leader_title.match(body)
    if m:
        out.leaders.append((m.group("name"), m.group("title"), body))
        return out
    for piece in _LEADER_SEP.split(body):
        if not piece:
            continue
        m = p.leader_title.match(piece)
        if m:
            out.leaders.append((m.group("name"), m.group("title"), piece))
        elif _BARE_NAME.fullmatch(piece):
            out.leaders.append((piece, None, piece))
        elif out.leaders and _BARE_TITLE.fullmatch(piece):
            name, title, written = out.leaders[-1]
            out.leaders[-1] = (name, (title + "、" if title else "") + piece, written + "、" + piece)
        else:
            out.note = (out.note + "、" if out.note else "") + piece
    return out
