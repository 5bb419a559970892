"""The compare years page."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Filters, bar, linked, param, remember, run, table, years_of
from app_pages.i18n import tr
from graph import views

KEYS = ("year_old", "year_new")


def render(f: Filters) -> None:
    st.header(f"{tr('Compare years')} · {f.region}")
    region, hz = f.region, f.horizon
    ys = years_of(region)
    if len(ys) < 2:
        have = f"documents for {ys[0]} only" if ys else "no documents"
        st.info(
            f"{region} has {have}: comparing years needs two. Load another year's notice or report for "
            f"{region}, or pick a region with several years in the sidebar."
        )
        return
    cols = st.columns(2)
    with cols[0]:
        earlier = param("year_old", ys[0])
        old = st.selectbox(
            "Earlier year", ys, index=ys.index(earlier) if earlier in ys else 0, key="year_old"
        )
    with cols[1]:
        later = f.year if f.year in ys else param("year_new", ys[-1])
        new = st.selectbox(
            "Later year", ys, index=ys.index(later) if later in ys else len(ys) - 1, key="year_new"
        )
    remember(year_old=old, year_new=new)
    if hz:
        st.caption(f"Tasks of the {hz} horizon only (sidebar filter).")
    if old >= new:
        st.info(
            f"The earlier year ({old}) must come before the later one ({new}): pick two years of {region}."
        )
        return
    st.subheader(tr("Tasks continued, new and dropped"))
    changes = run("task_changes", region=region, year_new=new, year_old=old, horizon=hz)
    c1, c2 = st.columns([1, 2])
    with c1:
        table(changes, "task-changes")
    with c2:
        bar(changes, "status", "tasks", height=220)
    st.subheader(f"{new} tasks that continue {old} tasks")
    table(run("task_continuity", region=region, year_new=new, year_old=old, horizon=hz), "continuity")
    st.subheader(tr("Lead units, renamed units followed"))
    st.caption(
        "A unit renamed or merged in between (e.g. 市经信委 → 市经信局 in 2019) is counted under its successor."
    )
    lead = run("lead_units_with_succession", region=region, year_a=old, year_b=new, horizon=hz)
    table(linked(views.lead_units_wide(lead, new), region), "lead-units-years")
    bar(lead.sort_values("tasks", ascending=False).head(30), "unit", "tasks", color="year")
    st.subheader(tr("Leaders"))
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(f"**{old}**")
        table(run("leaders", region=region, year=old), f"leaders-{old}")
    with c2:
        st.markdown(f"**{new}**")
        table(run("leaders", region=region, year=new), f"leaders-{new}")
    st.subheader(tr("Targets side by side"))
    a = run("region_targets", region=region, year=old)
    b = run("region_targets", region=region, year=new)
    table(views.targets_side_by_side(a, b, old, new), "targets-years")
