"""The units page."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Filters, run, table
from app_pages.i18n import tr


def render(f: Filters) -> None:
    region = f.region
    st.header(f"{tr('Units')} · {region}")
    units = run("region_units", region=region)
    names = units["unit"].tolist()
    if not names:
        st.info("No units.")
        return
    default = "市发展改革委" if "市发展改革委" in names else names[0]
    name = st.selectbox("Unit", names, index=names.index(default), key="unit")
    row = units[units["unit"] == name].iloc[0]
    st.markdown(
        f"**{name}** — function `{row['function']}` · written as {', '.join(row['written_forms'])} · "
        f"years {', '.join(map(str, sorted(row['years'])))} · {row['tasks']} tasks, leads {row['leads']}"
    )
    st.subheader(tr("Tasks"))
    table(run("unit_tasks", region=region, unit=name, horizon=f.horizon), "unit-tasks")
    years = sorted(row["years"])
    year = st.selectbox("Partners in year", years, index=len(years) - 1, key="unit_year")
    st.subheader(tr("Partners (co-responsibility)"))
    groups = st.checkbox(
        "Include collective entries (各县区政府, 市级其他有关单位 …)", value=False, key="unit_partner_groups"
    )
    table(run("unit_partners", region=region, unit=name, year=int(year), groups=groups), "unit-partners")
    st.subheader(tr("Succession"))
    succ = run("unit_succession", region=region)
    table(
        succ[(succ["predecessor"] == name) | (succ["successor"] == name)] if name else succ, "unit-succession"
    )
    with st.expander("All succession chains of the region"):
        table(succ, "succession-all")
