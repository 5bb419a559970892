"""Graphs drawn as SVG in the page itself: every node labelled (a short name, the full one on
hover), edges weighted, colours from a legend, the drawing fitted to its box, and a node that
names a unit a link to that unit's page.

Pure functions (no Streamlit): the layout is networkx's spring layout with a fixed seed, so the
same graph is drawn the same way each time. Every text is escaped: names come from loaded
documents, web pages among them.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import networkx as nx

COLOURS = (
    "#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2",
    "#B279A2", "#FF9DA6", "#9D755D", "#EECA3B", "#BAB0AC",
)  # fmt: skip


@dataclass(frozen=True)
class DrawNode:
    id: str
    label: str  # drawn beside the node
    title: str  # shown on hover: the full name and what the node is
    group: str  # its colour and legend entry (a community, a label)
    size: float = 8.0
    href: str | None = None  # a click opens this page


@dataclass(frozen=True)
class DrawEdge:
    a: str
    b: str
    weight: float = 1.0
    label: str | None = None
    directed: bool = False


def short(name: str, limit: int = 8) -> str:
    """A label that fits beside a node: the name itself when short, else its head and an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def group_colours(groups: list[str]) -> dict[str, str]:
    """One stable colour per group, in the order given (the legend's order)."""
    return {g: COLOURS[i % len(COLOURS)] for i, g in enumerate(groups)}


def layout(nodes: list[DrawNode], edges: list[DrawEdge], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in a unit square. Each connected part is laid out on its own (Kamada–Kawai, which
    spreads a dense cluster better than springs) and the parts are packed in rows, largest first,
    each given room by its size, so a pair off on its own does not squeeze the main cluster."""
    g = nx.Graph()
    g.add_nodes_from(n.id for n in nodes)
    for e in edges:
        if e.a != e.b:
            g.add_edge(e.a, e.b, weight=e.weight)
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    boxes: list[tuple[list[str], float]] = [(c, math.sqrt(len(c))) for c in parts]  # side of each part's box
    row_width = max(sum(side for _, side in boxes) / 2.2, boxes[0][1] if boxes else 1.0)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for members, side in boxes:
        if x > 0 and x + side > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        sub = g.subgraph(members)
        if len(members) == 1:
            local = {members[0]: (0.5, 0.5)}
        else:
            raw = (
                nx.kamada_kawai_layout(sub, weight=None)
                if len(members) <= 150
                else nx.spring_layout(sub, seed=seed, weight="weight")
            )
            xs = [p[0] for p in raw.values()]
            ys = [p[1] for p in raw.values()]
            wx, wy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
            local = {str(n): ((px - min(xs)) / wx, (py - min(ys)) / wy) for n, (px, py) in raw.items()}
        inner = side * 0.8
        for n, (px, py) in local.items():
            pos[str(n)] = (x + side * 0.1 + px * inner, y + side * 0.1 + py * inner)
        x += side
        row_h = max(row_h, side)
    return pos


def svg(
    nodes: list[DrawNode],
    edges: list[DrawEdge],
    legend: list[tuple[str, str]] | None = None,
    width: int = 960,
    height: int = 600,
) -> str:
    """The graph as one ``<svg>`` element, scaled to fit ``width`` × ``height`` with room for the
    labels; ``legend`` is (group, text) in the order to show."""
    pos = layout(nodes, edges)
    groups = [g for g, _ in legend] if legend else sorted({n.group for n in nodes})
    colour = group_colours(groups)
    legend_h = 22 * math.ceil(len(groups) / 4) + 8 if groups else 0
    pad = 60
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx = (width - 2 * pad) / (x1 - x0) if x1 > x0 else 1.0
    sy = (height - legend_h - 2 * pad) / (y1 - y0) if y1 > y0 else 1.0

    def at(i: str) -> tuple[float, float]:
        x, y = pos[i]
        cx = width / 2 if x1 == x0 else pad + (x - x0) * sx
        cy = legend_h + (height - legend_h) / 2 if y1 == y0 else legend_h + pad + (y - y0) * sy
        return round(cx, 1), round(cy, 1)

    top = max((e.weight for e in edges), default=1.0) or 1.0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="graph" data-nodes="{len(nodes)}" data-edges="{len(edges)}" '
        "style=\"max-width:100%;height:auto;font-family:'Noto Sans CJK SC',sans-serif\">",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#999"/></marker></defs>',
    ]
    for i, g in enumerate(groups):  # the legend, four entries a row
        lx, ly = 10 + (i % 4) * (width // 4), 16 + 22 * (i // 4)
        text = dict(legend or []).get(g, g)
        out.append(
            f'<g class="legend"><circle cx="{lx + 6}" cy="{ly - 4}" r="6" fill="{colour[g]}"/>'
            f'<text x="{lx + 18}" y="{ly}" font-size="13">{html.escape(text)}</text></g>'
        )
    for e in edges:
        if e.a not in pos or e.b not in pos:
            continue
        (ax, ay), (bx, by) = at(e.a), at(e.b)
        w = round(0.8 + 4.2 * e.weight / top, 2)
        arrow = ' marker-end="url(#arrow)"' if e.directed else ""
        tip = html.escape(e.label if e.label is not None else f"{e.weight:g}")
        out.append(
            f'<line class="edge" x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" stroke="#9aa" '
            f'stroke-opacity="0.7" stroke-width="{w}"{arrow}><title>{tip}</title></line>'
        )
    for n in nodes:
        cx, cy = at(n.id)
        r = round(min(22.0, max(5.0, n.size)), 1)
        body = (
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour.get(n.group, "#888")}" stroke="#fff"/>'
            f'<text class="label" x="{cx}" y="{round(cy + r + 13, 1)}" font-size="12" '
            f'text-anchor="middle">{html.escape(n.label)}</text>'
            f"<title>{html.escape(n.title)}</title>"
        )
        if n.href:
            body = (
                f'<a href="{html.escape(n.href, quote=True)}" target="_self" '
                f'style="text-decoration:none;cursor:pointer">{body}</a>'
            )
        out.append(f'<g class="node">{body}</g>')
    out.append("</svg>")
    return "".join(out)
