"""The network page: units that share tasks in one region and year."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages.common import (
    Filters,
    graph_view,
    linked,
    network,
    scope,
    table,
    unit_href,
    unit_label,
    with_links,
    years_of,
)
from app_pages.drawing import DrawEdge, DrawNode
from app_pages.i18n import tr

KEYS = ("min_shared",)


def render(f: Filters) -> None:
    region = f.region
    ys = years_of(region)
    if not ys:
        st.info(tr("No document of this region is in the store."))
        return
    year = f.year if f.year is not None else ys[-1]
    st.header(f"{tr('Network')} · {region} {year}")
    if f.year is None:
        st.caption(tr("Every year is selected in the sidebar: showing the latest year of the region."))
    scope(("region", "year"), "a network is of every task of the year.")
    st.caption(tr("Collective entries (各县区政府, 市级其他有关单位 …) are left out: they name no one unit."))
    summary, gml, edges = network(region, year)
    c = st.columns(3)
    c[0].metric(tr("Units"), summary.nodes)
    c[1].metric(tr("Co-responsible pairs"), summary.edges)
    c[2].metric(tr("Density"), summary.density)
    least = int(
        st.number_input(
            tr("Draw pairs sharing at least this many tasks"),
            1,
            20,
            int(st.query_params.get("min_shared", 2)),
        )
    )
    st.query_params["min_shared"] = str(least)
    st.subheader(tr("The network"))
    strong = [e for e in edges if e[2] >= least]
    names = sorted({n for e in strong for n in e[:2]})
    rows = {r["unit"]: r for r in summary.centrality}
    comms = sorted({rows[n]["community"] for n in names})
    legend = [(str(c), f"{tr('Community')} {c}: {_head(rows, c, names)}") for c in comms]
    nodes = [
        DrawNode(
            id=n,
            label=unit_label(n),
            title=f"{n} · {rows[n]['tasks']} {tr('tasks')} · {tr('Community')} {rows[n]['community']}",
            group=str(rows[n]["community"]),
            size=6 + min(16, rows[n]["weighted_degree"] / 3),
            href=unit_href(region, n),
        )
        for n in names
    ]
    graph_view(nodes, [DrawEdge(a, b, float(w), f"{a} — {b}: {w}") for a, b, w in strong], legend)
    st.caption(
        tr(
            "Each line joins two units listed on the same tasks; its width is the number of tasks they share. "
            "Colours are communities (groups of units that work together most). Click a unit to open its page."
        )
    )
    st.subheader(tr("Units that co-work most"))
    pairs = pd.DataFrame(summary.strongest)
    if not pairs.empty:
        pairs = with_links(pairs, [unit_href(region, u) for u in pairs["unit_a"]], "open_a", 0)
        pairs = with_links(pairs, [unit_href(region, u) for u in pairs["unit_b"]], "open_b", 2)
    table(pairs, "strongest-pairs")
    st.subheader(tr("Centrality and communities"))
    table(linked(pd.DataFrame(summary.centrality), region), "centrality")
    st.download_button(
        tr("Download GraphML"), gml, f"co-responsibility-{region}-{year}.graphml", "application/xml"
    )


def _head(rows: dict[str, dict[str, Any]], c: int, drawn: list[str]) -> str:
    """A community named by its drawn unit with the most shared tasks."""
    members = [n for n in drawn if rows[n]["community"] == c]
    return max(members, key=lambda n: (rows[n]["weighted_degree"], n)) if members else ""
