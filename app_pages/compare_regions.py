"""The compare regions page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import Filters, bar, choices, network_density, run, scope, table
from app_pages.i18n import tr
from graph import views


def render(f: Filters) -> None:
    st.header(tr("Compare regions"))
    scope((), "the regions are picked here, and each is compared over all its documents and horizons.")
    regions = sorted(choices()["region"].dropna().unique().tolist())  # documents with no region left out
    default = [r for r in ("湖州市", "衢州市") if r in regions] or regions[:2]
    chosen = st.multiselect(tr("Regions"), regions, default=default, key="regions")
    if not chosen:
        st.info(tr("Choose one or more regions to compare."))
        return
    profile = run("region_profile", regions=chosen, year=0)
    st.subheader(tr("Tasks per leader, units per task, share led by development and reform"))
    st.caption(
        tr(
            "Leads are counted only where the document states them (a 牵头 field, a ★, or a rule such as "
            "列第一位者为牵头单位); tasks whose lead is only inferred — the first of several units where the "
            "document states no rule — are counted apart. Tasks per leader is n/a where the documents name no leader."
        )
    )
    docs = run("documents")
    idle = docs[docs["region"].isin(chosen) & (docs["tasks"].fillna(0) == 0)]
    if not idle.empty:
        st.caption(
            tr("Left out, as they assign no tasks: {docs}.").format(
                docs="、".join(f"{r.region} {r.year} ({tr(str(r.kind))})" for r in idle.itertuples())
            )
        )
    shown = profile.copy()
    shown["tasks_per_leader"] = shown["tasks_per_leader"].map(lambda v: "n/a" if pd.isna(v) else f"{v:g}")
    table(shown, "region-profile")
    st.subheader(tr("Lead tasks per unit function"))
    fw = run("function_workload", year=0, regions=chosen)
    bar(views.top_functions(fw), "function", "lead_tasks", color="region_year")
    st.subheader(tr("One indicator across regions"))
    ind = run("indicators")
    options = [f"{r.indicator} / {r.metric}" for r in ind.itertuples()]
    default_ind = options.index("gdp / growth_rate") if "gdp / growth_rate" in options else 0
    sel = (
        st.selectbox(tr("Indicator"), options, index=default_ind, key="indicator_regions")
        if options
        else None
    )
    if sel:
        indicator, metric = sel.split(" / ")
        traj = run("target_trajectory", indicator=indicator, metric=metric, regions=chosen)
        table(traj.drop(columns=["series", "doc"]), "indicator-regions")
    st.subheader(tr("Co-responsibility density"))
    rows = []
    for r in profile.itertuples():
        units, pairs, dens = network_density(r.region, int(r.year))
        rows.append(
            {"region": r.region, "year": int(r.year), "units": units, "pairs": pairs, "density": dens}
        )
    table(pd.DataFrame(rows), "density")
