"""A document's text with its units and targets marked, for reading beside the graph.

Marks are found line by line (the lines provenance points to: ``Task.line``, ``RESPONSIBLE.line``),
longest first and never overlapping, and drawn inline: one line of text per source line, its
number before it. A unit named after its place (湖州市人民政府办公室) is marked whole, not as 湖州 and a
marked 市人民政府办公室.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

COLORS = {"UNIT": "#cfe2ff", "TARGET": "#ffe0b3"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    label: str  # UNIT or TARGET
    note: str = ""  # the unit's function, the target's indicator


def _place_before(text: str, a: int) -> int:
    """Where a division's name written right before ``a`` begins (``a`` when there is none)."""
    from loaders.regions import name_index

    idx = name_index()
    for n in range(min(a, 12), 1, -1):
        word = text[a - n : a]
        if word in idx.full or word in idx.short or word in idx.former:
            return a - n
    return a


def marks(text: str) -> list[Mark]:
    """Units and targets in one line of text, longest first, none overlapping, in order."""
    from loaders.nlp import extract_targets, unit_mentions

    found = [Mark(_place_before(text, a), b, "UNIT", func) for a, b, func in unit_mentions(text)]
    found += [Mark(t.start, t.end, "TARGET", t.indicator_norm) for t in extract_targets(text)]
    kept: list[Mark] = []
    for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _line_html(text: str) -> str:
    out, at = [], 0
    for m in marks(text):
        out.append(html.escape(text[at : m.start]))
        title = html.escape(f"{m.label} {m.note}".strip(), quote=True)
        out.append(
            f'<mark style="background:{COLORS[m.label]};padding:0 1px;border-radius:2px" title="{title}">'
            f"{html.escape(text[m.start : m.end])}</mark>"
        )
        at = m.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def numbered_lines(text: str, first: int = 1, count: int = 80) -> list[tuple[int, str]]:
    """(source line number, text) of up to ``count`` non-blank lines from line ``first`` on."""
    out = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if no >= first and raw.strip():
            out.append((no, raw.strip()))
            if len(out) >= count:
                break
    return out


def html_lines(text: str, first: int = 1, count: int = 80) -> str:
    """The lines as HTML: each on its own row, its source line number before it, marks inline."""
    rows = [
        f'<div style="display:flex;gap:.8em;line-height:1.7"><span style="color:#888;min-width:3.5em;'
        f'text-align:right;user-select:none">{no}</span><span>{_line_html(line)}</span></div>'
        for no, line in numbered_lines(text, first, count)
    ]
    return "\n".join(rows)
