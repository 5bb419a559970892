"""A unit's page: its tasks in every year on file (following the units it replaced and those
that replaced it), its lead share per year, its partners and its succession. Every link to a
unit in the app opens this page (``?page=Units&region=…&unit=…``)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.common import Filters, linked, run, table, task_href, unit_href, with_links
from app_pages.i18n import tr

KEYS = ("unit", "unit_year", "follow")


def render(f: Filters) -> None:
    region = f.region
    st.header(f"{tr('Units')} · {region}")
    units = run("region_units", region=region)
    names = units["unit"].tolist()
    if not names:
        st.info(tr("No document of this region lists units."))
        return
    asked = st.query_params.get("unit")
    if asked and asked not in names:
        st.warning(f"{asked}: {tr('not a unit of')} {region}.")
    default = asked if asked in names else ("市发展改革委" if "市发展改革委" in names else names[0])
    if st.session_state.get("unit") not in names:
        st.session_state.pop("unit", None)
    name = st.selectbox(tr("Unit"), names, index=names.index(default), key="unit")
    st.query_params["unit"] = name
    row = units[units["unit"] == name].iloc[0]
    succ = run("unit_succession", region=region)
    before = succ[succ["successor"] == name]
    after = succ[succ["predecessor"] == name]
    facts = [
        f"**{name}**",
        f"{tr('function')}: {tr(str(row['function'])) if row['function'] else '—'}",
        f"{tr('written as')} {'、'.join(row['written_forms'])}",
        f"{row['tasks']} {tr('tasks')}, {tr('leads')} {row['leads']}",
    ]
    st.markdown(" · ".join(facts))
    for _, s in before.iterrows():
        st.markdown(
            f"{tr('Replaced')} [{s['predecessor']}]({unit_href(region, s['predecessor'])}) "
            f"({tr('in')} {s['year']}): {s['predecessor']} → {name}"
        )
    for _, s in after.iterrows():
        st.markdown(
            f"{tr('Replaced by')} [{s['successor']}]({unit_href(region, s['successor'])}) "
            f"({tr('in')} {s['year']}): {name} → {s['successor']}"
        )
    follow = st.checkbox(
        tr("Follow the units it replaced and that replaced it"),
        value=st.query_params.get("follow", "1") == "1",
        key="follow",
    )
    st.query_params["follow"] = "1" if follow else "0"
    tasks = run("unit_tasks", region=region, unit=name, horizon=f.horizon, follow=follow)
    if f.year is not None:
        tasks = tasks[tasks["year"] == f.year]
    st.subheader(tr("Tasks in every year"))
    if tasks.empty:
        st.info(tr("No task of this unit matches the filters."))
    else:
        per_year = (
            tasks.assign(lead=tasks["lead_basis"].notna())
            .groupby(["year", "listed_as"], as_index=False)
            .agg(tasks=("task", "size"), leads=("lead", "sum"))
        )
        per_year["lead_share"] = (per_year["leads"] / per_year["tasks"]).round(2)
        _timeline(per_year)
        table(per_year, "unit-years")
        shown = with_links(tasks.drop(columns=["task_key"]), [task_href(k) for k in tasks["task_key"]])
        table(
            shown,
            "unit-tasks",
            column_config={"task": st.column_config.TextColumn(width="large")},
        )
    years = sorted(int(y) for y in row["years"])
    year = st.selectbox(tr("Partners in year"), years, index=len(years) - 1, key="unit_year")
    st.subheader(tr("Partners (co-responsibility)"))
    groups = st.checkbox(
        tr("Include collective entries (各县区政府, 市级其他有关单位 …)"),
        value=False,
        key="unit_partner_groups",
    )
    partners = run("unit_partners", region=region, unit=name, year=int(year), groups=groups)
    table(linked(partners, region, "partner"), "unit-partners")
    with st.expander(tr("All succession chains of the region")):
        table(succ, "succession-all")


def _timeline(per_year: pd.DataFrame) -> None:
    """Tasks per year as bars (coloured by the name the unit was listed under), its lead share as
    a line: a unit's weight in the region over every year on file."""
    base = alt.Chart(per_year).encode(
        x=alt.X("year:Q", axis=alt.Axis(format="d", tickMinStep=1), title=tr("year"))
    )
    bars = base.mark_bar(size=18).encode(
        y=alt.Y("tasks:Q", title=tr("tasks")),
        color=alt.Color("listed_as:N", title=tr("listed as")),
        tooltip=list(per_year.columns),
    )
    share = base.mark_line(point=True, color="#333").encode(
        y=alt.Y("lead_share:Q", title=tr("lead share"), scale=alt.Scale(domain=[0, 1]))
    )
    st.altair_chart(
        alt.layer(bars, share).resolve_scale(y="independent").properties(height=240), width="stretch"
    )
