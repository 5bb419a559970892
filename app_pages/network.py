"""The network page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import Filters, graph_view, network, table, years_of
from app_pages.i18n import tr


def render(f: Filters) -> None:
    region = f.region
    ys = years_of(region)
    year = f.year if f.year is not None else ys[-1]
    st.header(f"{tr('Network')} · {region} {year}")
    if f.year is None:
        st.caption("Every year is selected in the sidebar: showing the latest year of the region.")
    summary, gml, edges = network(region, year)
    c = st.columns(3)
    c[0].metric("Units", summary.nodes)
    c[1].metric("Co-responsible pairs", summary.edges)
    c[2].metric("Density", summary.density)
    st.subheader(tr("Units that co-work most"))
    table(pd.DataFrame(summary.strongest), "strongest-pairs")
    st.subheader(tr("Centrality and communities"))
    table(pd.DataFrame(summary.centrality), "centrality")
    st.download_button(
        "Download GraphML", gml, f"co-responsibility-{region}-{year}.graphml", "application/xml"
    )
    st.subheader(tr("The network (pairs sharing at least two tasks)"))
    strong = [e for e in edges if e[2] >= 2]
    names = {n for e in strong for n in e[:2]}
    weights = {r["unit"]: r["weighted_degree"] for r in summary.centrality}
    graph_view(
        [{"id": n, "label": "Unit", "caption": n, "size": 8 + min(30, weights.get(n, 0))} for n in names],
        [{"source": a, "target": b, "caption": str(w), "width": float(w)} for a, b, w in strong],
    )
