"""The leaders page."""

from __future__ import annotations

import streamlit as st

from app_pages.common import (
    Filters,
    leader_href,
    linked,
    ordered,
    pick_region,
    reset_on_change,
    run,
    table,
    task_href,
    with_links,
)
from app_pages.i18n import tr

KEYS = ("leader_region_1", "leader")


def render(f: Filters) -> None:
    st.header(tr("Leaders"))
    if f.year is not None:
        st.caption(f"{tr('Tasks of')} {f.year} {tr('only (sidebar filter).')}")
    reset_on_change("leaders_region", f.region, ("leader",))  # another region: its leaders are others
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
            asked = st.query_params.get("leader") if i == 0 else None
            if asked and asked not in names:
                st.warning(f"{asked}: {tr('no task of this region is led by that name.')}")
            default = "洪湖鹏" if region == "湖州市" else ("朱伟" if region == "长兴县" else names[0])
            want = asked if asked in names else default
            name = st.selectbox(
                tr("Leader"),
                names,
                index=names.index(want) if want in names else 0,
                key=f"leader_{i}_{region}_{asked or ''}",
            )
            if i == 0:
                st.query_params["leader"] = name
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
                first = ["open", "year", "number", "task", "lead_units", "title"]
                shown = with_links(portfolio, [task_href(k) for k in portfolio["task_key"]])
                table(ordered(shown.drop(columns=["seq", "task_key", "doc"]), first), f"portfolio-{i}")
            st.markdown(tr("Units on these tasks"))
            table(linked(run("leader_units", region=region, leader=name), region), f"leader-units-{i}")
    careers = run("leader_careers", leader="")
    st.subheader(tr("Possible careers across regions"))
    st.caption(
        tr(
            "A name heading tasks in several regions may be one person moving from post to post, or two people "
            "of one name: the graph keeps one leader per region and never merges them. The evidence is below."
        )
    )
    if careers.empty:
        st.info(tr("No name heads tasks in more than one region of this store."))
    else:
        careers["years"] = careers["years"].map(lambda ys: sorted(int(y) for y in ys))
        links = [leader_href(r, n) for r, n in zip(careers["region"], careers["leader"], strict=True)]
        table(with_links(careers, links), "leader-careers")
