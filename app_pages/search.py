"""The search page: tasks whose text holds some words, across every region and year, with facets."""

from __future__ import annotations

import streamlit as st

from app_pages.common import HORIZONS, Filters, param, remember, run, scope, table, task_href, with_links
from app_pages.i18n import lang, tr
from graph import views

KEYS = ("q",)


def render(f: Filters) -> None:
    st.header(tr("Search"))
    scope(("year", "horizon"), "a search covers every region; narrow it with the region facet below.")
    q = st.text_input(
        tr("Words in the task text (exact, in Chinese)"), value=str(param("q", "营商环境")), key="search_q"
    )
    remember(q=q)
    if not q.strip():
        st.info(tr("Type words to find, e.g. 营商环境, 对口支援, 高速公路."))
        return
    found = run("search_tasks", q=q.strip(), region="", year=0, horizon="", limit=2000)
    if found.empty:
        st.info(tr("No task of any region or year contains “{q}”.").format(q=q))
        return
    # the facets start from the sidebar's filters (where the words occur there) and may be widened;
    # keyed by the sidebar's value, so a new choice in the sidebar starts them again
    c1, c2, c3 = st.columns(3)
    regions = ["all", *sorted({str(r) for r in found["region"].dropna()})]
    region = c1.selectbox(tr("Region"), regions, key="search_region", format_func=tr)
    years = ["all", *sorted({str(int(y)) for y in found["year"].dropna()})]
    year = c2.selectbox(
        tr("Year"), years, index=_at(years, str(f.year)), key=f"search_year_{f.year}", format_func=tr
    )
    horizon = c3.selectbox(
        tr("Horizon"),
        HORIZONS,
        index=_at(HORIZONS, f.horizon),
        format_func=lambda h: tr(h) if h else tr("all"),
        key=f"search_horizon_{f.horizon}_{lang()}",
    )
    if year != str(f.year or "all") or horizon != f.horizon:
        st.caption(
            tr(
                "The facets differ from the sidebar's filters where the words do not occur there, or where you widened them."
            )
        )
    shown = found
    if region != "all":
        shown = shown[shown["region"] == region]
    if year != "all":
        shown = shown[shown["year"] == int(year)]
    if horizon:
        shown = shown[shown["horizon"] == horizon]
    by = views.hits_by_region_year(found)
    where = ", ".join(f"{r.region} {int(r.year)} ({r.tasks})" for r in by.itertuples())
    st.caption(
        tr("{n} of {total} tasks contain “{q}”, in {where}. Open one by its link.").format(
            n=len(shown), total=len(found), q=q, where=where
        )
    )
    out = shown[["region", "year", "number", "text", "leads", "horizon", "line", "source"]]
    table(with_links(out, [task_href(str(t)) for t in shown["task"]]), "search")


def _at(options: list[str], value: str) -> int:
    return options.index(value) if value in options else 0
