"""The targets page."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app_pages.common import Filters, doc_href, run, scope, table, with_links
from app_pages.i18n import indicator_label, lang, tr

KEYS = ("indicator",)


def render(f: Filters) -> None:
    st.header(tr("Targets"))
    ind = run("indicators")
    options = [f"{r.indicator}/{r.metric}" for r in ind.itertuples()]
    if not options:
        st.info(tr("No targets in the store."))
        return
    asked = str(st.query_params.get("indicator", "gdp/growth_rate"))
    default = options.index(asked) if asked in options else 0
    sel = st.selectbox(
        tr("Indicator"), options, index=default, key=f"indicator_{lang()}", format_func=indicator_label
    )
    st.query_params["indicator"] = sel
    indicator, metric = sel.split("/", 1)
    scope((), "every region's targets for this indicator in every year, so they can be compared.")
    traj = run("target_trajectory", indicator=indicator, metric=metric, regions=[])
    if not traj.empty:
        regions = sorted({str(r) for r in traj["region"].dropna()})
        plot = traj.assign(
            line=traj["kind"] + traj["qualifier"].map(lambda q: " (stretch)" if q == "力争" else "")
        )
        chart = (
            alt.Chart(plot)
            .mark_line(point=True)
            .encode(
                # years as numbers: 2018 → 2022 is four years apart, not one step
                x=alt.X("year:Q", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False)),
                y=alt.Y("value:Q"),
                # one colour per region, the same whatever the indicator
                color=alt.Color(
                    "region:N", scale=alt.Scale(domain=regions), legend=alt.Legend(title="region")
                ),
                strokeDash=alt.StrokeDash(
                    "line:N",
                    scale=alt.Scale(
                        domain=["planned", "planned (stretch)", "achieved"], range=[[1, 0], [6, 3], [2, 2]]
                    ),
                    legend=alt.Legend(
                        title="kind", symbolType="stroke", symbolStrokeColor="#555", symbolStrokeWidth=2
                    ),
                ),
                detail="series:N",
                tooltip=["region", "year", "kind", "qualifier", "comparator", "value", "unit", "text"],
            )
        )
        st.altair_chart(chart.properties(height=340), width="stretch")
        st.caption(
            tr(
                "Each region has one colour; planned targets are solid, stretch (力争) dashed, results dotted."
            )
        )
    rows = with_links(traj.drop(columns=["series", "doc"]), [doc_href(str(d)) for d in traj["doc"]])
    table(rows, "trajectory")
    st.subheader(tr("Planned vs achieved"))
    table(run("planned_vs_achieved", region=""), "planned-achieved")
