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

from .patterns import patterns

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
def grammar() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    p = patterns()
    labels = sorted([*p.unit_roles, *p.leader_labels], key=len, reverse=True)
    label_rx = re.compile(r"^\s*(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*:\s*")
    verbs = p.field_verbs
    verb_rx = re.compile(
        r"(?:等)?(?P<verb>" + "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) + r")[。.]?\s*$"
    )
    return label_rx, verb_rx, verbs


def _segments(text: str, base: int) -> list[tuple[str, int]]:
    """Pieces of ``text`` between ; and , at depth 0 (offsets relative to ``base``)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0 and ch in ";,":
            out.append((text[start:i], base + start))
            start = i + 1
    out.append((text[start:], base + start))
    return [(s, b) for s, b in out if s.strip()]


def read_fields(text: str, base: int = 0) -> list[Segment]:
    """Segments of a field text; a segment that is neither labelled nor ends in a role verb is a
    note (a time limit, a leader's title), unless it follows a labelled one, which it continues
    (…责任单位:市财政局,市教育局)."""
    label_rx, verb_rx, verbs = grammar()
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
        v = verb_rx.search(seg)
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


def _groups(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the depth-0 bracket groups of ``text``."""
    groups, depth, start = [], 0, -1
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth:
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
