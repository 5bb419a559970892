"""The leaders page."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Filters, linked, pick_region, run, table
from app_pages.i18n import tr

KEYS = ("leader_region_1",)


def render(f: Filters) -> None:
    st.header(tr("Leaders"))
    if f.year is not None:
        st.caption(f"{tr('Tasks of')} {f.year} {tr('only (sidebar filter).')}")
    cols = st.columns(2)
    others = [r for r in ("长兴县", "湖州市", "衢州市") if r != f.region]
    for i, col in enumerate(cols):
        with col:
            if i == 0:  # the sidebar's region, beside one picked here
                region = f.region
                st.markdown(f"**{region}** ({tr('the sidebar region')})")
            else:
                region = pick_region(tr("Compare with"), "leader_region_1", others[0])
            leaders = run("region_leaders", region=region)
            names = leaders["leader"].tolist()
            if not names:
                st.info(
                    f"{region}: "
                    + tr(
                        "no document names a leader for its tasks (a key-work list or a work report often "
                        "does not): nothing to show here."
                    )
                )
                continue
            want = "洪湖鹏" if region == "湖州市" else ("朱伟" if region == "长兴县" else names[0])
            name = st.selectbox(
                tr("Leader"),
                names,
                index=names.index(want) if want in names else 0,
                key=f"leader_{i}_{region}",
            )
            row = leaders[leaders["leader"] == name].iloc[0]
            st.markdown(
                f"**{name}** — {'、'.join(row['titles'])} · {tr('years')} "
                f"{', '.join(map(str, sorted(row['years'])))} · {row['tasks']} {tr('tasks')}"
            )
            portfolio = run("leader_portfolio", region=region, leader=name, horizon=f.horizon)
            if f.year is not None:
                portfolio = portfolio[portfolio["year"] == f.year]
            if portfolio.empty:
                st.info(tr("No task of this leader matches the filters."))
            else:
                table(portfolio.drop(columns=["seq"]), f"portfolio-{i}")
            st.markdown(tr("Units on these tasks"))
            table(linked(run("leader_units", region=region, leader=name), region), f"leader-units-{i}")
