"""The targets page."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app_pages.common import Filters, run, table


def render(f: Filters) -> None:
    st.header("Targets")
    ind = run("indicators")
    options = [f"{r.indicator} / {r.metric}" for r in ind.itertuples()]
    if not options:
        st.info("No targets.")
        return
    default = options.index("gdp / growth_rate") if "gdp / growth_rate" in options else 0
    sel = st.selectbox("Indicator / metric", options, index=default, key="indicator")
    indicator, metric = sel.split(" / ")
    st.caption(
        "Every region's targets for this indicator, so regions can be compared; the sidebar's region does not "
        "narrow this page."
    )
    traj = run("target_trajectory", indicator=indicator, metric=metric, regions=[])
    if not traj.empty:
        chart = (
            alt.Chart(traj)
            .mark_line(point=True)
            .encode(
                x=alt.X("year:O"),
                y=alt.Y("value:Q"),
                color="series:N",
                strokeDash=alt.condition(alt.datum.qualifier == "力争", alt.value([4, 3]), alt.value([1, 0])),
                tooltip=["region", "year", "kind", "qualifier", "comparator", "value", "unit", "text"],
            )
        )
        st.altair_chart(chart.properties(height=340), width="stretch")
        st.caption("Stretch targets (力争) are dashed and marked '(stretch)'.")
    table(traj.drop(columns=["series"]), "trajectory")
    st.subheader("Planned vs achieved")
    table(run("planned_vs_achieved", region=""), "planned-achieved")
