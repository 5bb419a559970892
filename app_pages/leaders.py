"""The leaders page."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Filters, linked, pick_region, run, table
from app_pages.i18n import tr

KEYS = ("leader_region_0", "leader_region_1", "leader_0", "leader_1")


def render(f: Filters) -> None:
    st.header(tr("Leaders"))
    cols = st.columns(2)
    defaults = [("湖州市", "洪湖鹏"), ("长兴县", "朱伟")]
    for i, col in enumerate(cols):
        with col:
            region = pick_region("Region", f"leader_region_{i}", defaults[i][0])
            leaders = run("region_leaders", region=region)
            names = leaders["leader"].tolist()
            if not names:
                st.info(
                    f"No document of {region} names a leader for its tasks (a key-work list or a work report "
                    "often does not): nothing to show here."
                )
                continue
            want = defaults[i][1] if region == defaults[i][0] else names[0]
            name = st.selectbox(
                "Leader", names, index=names.index(want) if want in names else 0, key=f"leader_{i}"
            )
            row = leaders[leaders["leader"] == name].iloc[0]
            st.markdown(
                f"**{name}** — {', '.join(row['titles'])} · years {', '.join(map(str, sorted(row['years'])))} · "
                f"{row['tasks']} tasks"
            )
            portfolio = run("leader_portfolio", region=region, leader=name, horizon=f.horizon)
            table(portfolio.drop(columns=["seq"]), f"portfolio-{i}")
            st.markdown(tr("Units on these tasks"))
            table(linked(run("leader_units", region=region, leader=name), region), f"leader-units-{i}")
