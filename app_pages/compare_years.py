"""The compare years page."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.common import (
    Filters,
    bar,
    leader_href,
    linked,
    ordered,
    param,
    remember,
    run,
    table,
    with_links,
    years_of,
)
from app_pages.i18n import tr
from graph import views

KEYS = ("year_old", "year_new")


def render(f: Filters) -> None:
    st.header(f"{tr('Compare years')} · {f.region}")
    region, hz = f.region, f.horizon
    ys = years_of(region)
    if len(ys) < 2:
        have = tr("documents for {year} only").format(year=ys[0]) if ys else tr("no documents")
        st.info(
            tr(
                "{region} has {have}: comparing years needs two. Load another year's notice or report for "
                "{region}, or pick a region with several years in the sidebar."
            ).format(region=region, have=have)
        )
        return
    cols = st.columns(2)
    with cols[0]:
        earlier = param("year_old", ys[0])
        old = st.selectbox(
            tr("Earlier year"), ys, index=ys.index(earlier) if earlier in ys else 0, key="year_old"
        )
    with cols[1]:
        later = f.year if f.year in ys else param("year_new", ys[-1])
        new = st.selectbox(
            tr("Later year"), ys, index=ys.index(later) if later in ys else len(ys) - 1, key="year_new"
        )
    remember(year_old=old, year_new=new)
    if hz:
        st.caption(tr("Tasks of the {horizon} horizon only (sidebar filter).").format(horizon=tr(hz)))
    if old >= new:
        st.info(
            tr(
                "The earlier year ({old}) must come before the later one ({new}): pick two years of {region}."
            ).format(old=old, new=new, region=region)
        )
        return
    st.subheader(tr("Tasks continued, new and dropped"))
    changes = run("task_changes", region=region, year_new=new, year_old=old, horizon=hz)
    c1, c2 = st.columns([1, 2])
    with c1:
        table(changes, "task-changes")
    with c2:
        bar(changes, "status", "tasks", height=220)
    st.subheader(tr("{new} tasks that continue {old} tasks").format(new=new, old=old))
    continuity = run("task_continuity", region=region, year_new=new, year_old=old, horizon=hz)
    table(
        ordered(continuity, ["similarity", "new_number", "new_task", "old_number", "old_task"]), "continuity"
    )
    st.subheader(tr("Lead units, renamed units followed"))
    st.caption(
        tr(
            "A unit renamed or merged in between (e.g. 市经信委 → 市经信局 in 2019) is counted under its successor."
        )
    )
    lead = run("lead_units_with_succession", region=region, year_a=old, year_b=new, horizon=hz)
    table(linked(views.lead_units_wide(lead, new), region), "lead-units-years")
    bar(lead.sort_values("tasks", ascending=False).head(30), "unit", "tasks", color="year")
    st.subheader(tr("Leaders"))
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(f"**{old}**")
        _leaders(region, old)
    with c2:
        st.markdown(f"**{new}**")
        _leaders(region, new)
    st.subheader(tr("Targets side by side"))
    a = run("region_targets", region=region, year=old)
    b = run("region_targets", region=region, year=new)
    table(views.targets_side_by_side(a, b, old, new), "targets-years")
    st.subheader(tr("Every year on file: each function's share of the lead tasks"))
    shares = views.function_shares(run("function_workload", year=0, regions=[region]))
    if shares.empty:
        st.info(tr("No lead tasks with a known unit function in this region."))
        return
    shares = shares.assign(name=shares["function"].map(tr))
    chart = (
        alt.Chart(shares)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "year:Q",
                axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False),
                title=tr("year"),
            ),
            y=alt.Y("share:Q", axis=alt.Axis(format="%"), title=tr("share of the year's lead tasks")),
            color=alt.Color("name:N", title=tr("function")),
            tooltip=["year", "name", "lead_tasks", "share"],
        )
    )
    st.altair_chart(chart.properties(height=300), width="stretch")
    table(shares.drop(columns=["name"]), "function-shares")


def linked_leaders(df: pd.DataFrame, region: str) -> pd.DataFrame:
    return with_links(df, [leader_href(region, str(n)) for n in df["leader"]])


def _leaders(region: str, year: int) -> None:
    found = run("leaders", region=region, year=year)
    if found.empty:
        st.info(
            tr(
                "No document of {year} names a leader for its tasks (a work report or a key-work list often "
                "does not)."
            ).format(year=year)
        )
        return
    table(linked_leaders(found, region), f"leaders-{year}")
