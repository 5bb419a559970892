"""What every page shares: the store (``st.cache_resource``), named queries as DataFrames
(``st.cache_data``), the sidebar filters kept in the URL, tables with their CSV download, charts
and the graph view."""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.drawing import DrawEdge, DrawNode, short, svg
from app_pages.i18n import column_labels, lang, shown, tr
from govkg.pipeline import open_current
from graph import analytics, queries
from graph.store import QueryResult, Store

ALLOW_WRITES = os.environ.get("GOVKG_APP_ALLOW_WRITES") == "1"


# --------------------------------------------------------------------------- data access
@st.cache_resource
def store() -> Store:
    return open_current()


def run(name: str, **params: Any) -> pd.DataFrame:
    return _run_cached(name, json.dumps(params, ensure_ascii=False, sort_keys=True))


@st.cache_data(ttl=30, show_spinner=False)
def _run_cached(name: str, params_json: str) -> pd.DataFrame:
    res = queries.get(name).run(store(), json.loads(params_json))
    return pd.DataFrame(res.rows, columns=res.columns)


@st.cache_data(ttl=30, show_spinner=False)
def network(region: str, year: int) -> tuple[analytics.NetworkSummary, bytes, list[tuple[str, str, int]]]:
    g = analytics.co_responsibility_graph(store(), region, year)
    edges = [(a, b, int(d["weight"])) for a, b, d in g.edges(data=True)]
    return analytics.summarize(g), analytics.graphml(g), edges


@st.cache_data(ttl=30, show_spinner=False)
def network_density(region: str, year: int) -> tuple[int, int, float]:
    return analytics.density(analytics.co_responsibility_graph(store(), region, year))


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """A table as a researcher downloads it: lists joined with 、, whole numbers as integers (18,
    not 18.0), other numbers rounded to what was printed (1.2, not 1.2000000000000002)."""
    out = whole_numbers(df)
    for c in out.columns:
        col = out[c]
        if col.dtype == object and col.map(lambda v: isinstance(v, list)).any():
            out[c] = col.map(lambda v: "、".join(str(x) for x in v) if isinstance(v, list) else v)
    return out


def whole_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns that hold whole numbers as integers (a count of 8 shows as 8, not 8.0);
    others rounded to what was printed."""
    out = df.copy()
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_float_dtype(col):
            whole = col.dropna()
            out[c] = col.astype("Int64") if (whole == whole.round()).all() else col.round(6)
    return out


def download_name(key: str) -> str:
    """湖州市-2022-lead-units: what the table is and for where and when."""
    region = str(st.query_params.get("region", "") or "")
    year = str(st.query_params.get("year", "") or "")
    return "-".join(x for x in (region, "" if year == "all" else year, key) if x)


def ordered(df: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    """``df`` with the columns the page is about first (those it has), the rest after."""
    head = [c for c in first if c in df.columns]
    return df[head + [c for c in df.columns if c not in head]]


LONG_TEXT = ("task", "text", "new_task", "old_task", "title")


def with_links(df: pd.DataFrame, hrefs: list[str], name: str = "open", at: int = 0) -> pd.DataFrame:
    """``df`` with a column of links (``table`` draws ``open…`` columns as links), at position ``at``."""
    out = df.copy()
    if not out.empty:
        out.insert(at, name, hrefs)
    return out


def linked(df: pd.DataFrame, region: str, column: str = "unit") -> pd.DataFrame:
    """``df`` with an ``open`` column first: the link of the unit page of each row's ``column``."""
    if column not in df.columns:
        return df
    return with_links(df, [unit_href(region, str(u)) for u in df[column]])


def reset_on_change(state: str, value: object, params: tuple[str, ...]) -> None:
    """Drop a page's ``params`` from the URL when ``value`` (a sidebar filter) differs from the one the
    page last ran with: a linked document or leader belongs to the filters it was opened under."""
    seen = st.session_state.get(state)
    if seen is not None and seen != value:
        for k in params:
            if k in st.query_params:
                del st.query_params[k]
    st.session_state[state] = value


def table(df: pd.DataFrame, key: str, **kw: Any) -> None:
    """A table with its column headings in the app's language, ``open`` columns as links to the
    row's pages, and its CSV and Excel downloads (without the links)."""
    labels: dict[str, Any] = {**column_labels(list(df.columns)), **kw.pop("column_config", {})}
    for c in LONG_TEXT:  # long text gets room
        if c in df.columns and isinstance(labels.get(c), str):
            labels[c] = st.column_config.TextColumn(labels[c], width="large")
    links = [c for c in map(str, df.columns) if c == "open" or c.startswith("open_")]
    for c in links:  # open, open_a …: the page of the row's unit, task, document or leader
        head = tr("open") if c == "open" else f"{tr('open')} {c[5:]}"
        labels[c] = st.column_config.LinkColumn(head, display_text=tr("open ›"), width="small")
    st.dataframe(shown(whole_numbers(df)), width="stretch", hide_index=True, column_config=labels, **kw)
    df = df.drop(columns=links)
    clean, name = tidy(df), download_name(key)
    left, right = st.columns([1, 1], gap="small", width=320)
    # UTF-8 with a byte-order mark: Excel on Chinese Windows garbles CSV without one
    left.download_button(
        "CSV", clean.to_csv(index=False).encode("utf-8-sig"), f"{name}.csv", "text/csv", key=f"dl-{key}"
    )
    buf = io.BytesIO()
    clean.to_excel(buf, index=False, sheet_name=key[:31])
    right.download_button(
        "Excel (.xlsx)",
        buf.getvalue(),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xl-{key}",
    )


def bar(df: pd.DataFrame, x: str, y: str, color: str | None = None, height: int = 320) -> None:
    """Bars laid horizontally: the ``x`` column's names (long Chinese names among them) read level
    on the left, whole, and the ``y`` column's values run to the right; a code reads as its word."""
    if df.empty:
        st.info(tr("Nothing to chart."))
        return
    data = df.assign(**{x: df[x].map(lambda v: tr(str(v)))})
    n = data[x].nunique() * (data[color].nunique() if color else 1)
    labels = column_labels([x, y, *([color] if color else [])])
    enc: dict[str, Any] = {
        "y": alt.Y(f"{x}:N", sort="-x", title=labels[x], axis=alt.Axis(labelLimit=320)),
        "x": alt.X(f"{y}:Q", title=labels[y]),
        "tooltip": list(data.columns),
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=labels[color])
        enc["yOffset"] = alt.YOffset(f"{color}:N")
    chart = alt.Chart(data).mark_bar().encode(**enc).properties(height=max(height, min(1600, 18 * n)))
    st.altair_chart(chart, width="stretch")


def header_chart(df: pd.DataFrame, nq: queries.NamedQuery | None) -> None:
    """The chart a named query's header asks for (``view: bar|line``, ``x``, ``y``, ``color``), and
    for any other result none: a chart of the first columns would sum what should not be summed."""
    if nq is not None and nq.view in ("bar", "line") and nq.x in df.columns and nq.y in df.columns:
        color = nq.color if nq.color in df.columns else None
        if nq.view == "bar":
            bar(df, str(nq.x), str(nq.y), color)
            return
        x = alt.X(f"{nq.x}:Q", axis=alt.Axis(format="d")) if nq.x == "year" else alt.X(f"{nq.x}:O")
        enc: dict[str, Any] = {"x": x, "y": alt.Y(f"{nq.y}:Q"), "tooltip": list(df.columns)}
        if color:
            enc["color"] = alt.Color(f"{color}:N")
        st.altair_chart(alt.Chart(df).mark_line(point=True).encode(**enc), width="stretch")
        return
    st.info(
        tr(
            "A chart is drawn for a named query whose header asks for one (view: bar or line, with x and y); "
            "this result does not, so nothing is summed or guessed."
        )
    )


# --------------------------------------------------------------------------- filters in the URL
def choices() -> pd.DataFrame:
    return run("region_years")


def region_paths() -> dict[str, str]:
    """region label → its place in the hierarchy (浙江省 › 湖州市 › 长兴县), for the pickers."""
    df = choices()
    return {
        str(r): (str(p).replace("/", " › ") if isinstance(p, str) and p else str(r))
        for r, p in zip(df["region"], df.get("path", df["region"]), strict=True)
        if isinstance(r, str)
    }


def years_of(region: str) -> list[int]:
    """The years with a document of ``region``, ascending."""
    return sorted(int(y) for y in choices().query("region == @region")["year"].unique())


def param(key: str, default: Any) -> Any:
    qp = st.query_params
    if key in st.session_state:
        return st.session_state[key]
    if key in qp:
        raw = qp[key]
        return type(default)(raw) if default is not None and not isinstance(default, list) else raw
    return default


def remember(**values: Any) -> None:
    for k, v in values.items():
        st.query_params[k] = str(v)


def pick_region(label: str, key: str, default: str) -> str:
    regions = sorted(choices()["region"].dropna().unique().tolist()) or [default]
    current = param(key, default)
    idx = regions.index(current) if current in regions else 0
    value = st.selectbox(label, regions, index=idx, key=key)
    remember(**{key: value})
    return str(value)


HORIZONS = ["", "annual", "five_year", "livelihood"]


@dataclass(frozen=True)
class Filters:
    """The sidebar's region, year and horizon: shared by every page and kept in the URL."""

    region: str
    year: int | None  # None: every year
    horizon: str  # "": every horizon


def filters() -> Filters:
    st.sidebar.subheader(tr("Filters"))
    paths = region_paths()
    regions = sorted(paths, key=lambda r: paths[r]) or ["湖州市"]  # grouped by province, then city
    cur = param("region", "湖州市")
    asked = st.query_params.get("region")
    if asked and asked not in regions:
        st.sidebar.warning(f"{asked} is not in this store; showing {regions[0]} instead.")
    region = st.sidebar.selectbox(
        tr("Region"),
        regions,
        index=regions.index(cur) if cur in regions else 0,
        key="region",
        format_func=lambda r: paths.get(r, r),
    )
    years = ["all", *(str(y) for y in years_of(str(region)))]
    cur_year = str(st.query_params.get("year", "all"))
    if cur_year not in years:
        st.sidebar.warning(f"{region} has no document for {cur_year}; showing every year.")
    # no widget key: when the region changes, its years are a new list and the choice resets
    year = st.sidebar.selectbox(
        tr("Year"), years, index=years.index(cur_year) if cur_year in years else 0, format_func=tr
    )
    cur_h = str(st.query_params.get("horizon", ""))
    horizon = st.sidebar.selectbox(
        tr("Horizon"),
        HORIZONS,
        index=HORIZONS.index(cur_h) if cur_h in HORIZONS else 0,
        format_func=lambda h: tr(h) if h else tr("all"),
        key="horizon",
    )
    remember(region=region, year=year, horizon=horizon)
    return Filters(str(region), None if year == "all" else int(year), str(horizon))


FILTER_NAMES = ("region", "year", "horizon")


def scope(honoured: tuple[str, ...], why: str) -> None:
    """Say on the page which of the sidebar's filters it does not apply, and why."""
    left_out = [tr(n) for n in FILTER_NAMES if n not in honoured]
    if left_out:
        st.caption(f"{tr('Not applied on this page')}: {'、'.join(left_out)} — {tr(why)}")


# --------------------------------------------------------------------------- graph view
def page_href(page: str, **params: str) -> str:
    """The shareable link of a page with its own state, in the app's language."""
    return "./?" + urlencode({"page": page, **params, "lang": lang()})


def unit_href(region: str, unit: str) -> str:
    """A unit's page."""
    return page_href("Units", region=region, unit=unit)


def leader_href(region: str, leader: str) -> str:
    """A leader's page (the Leaders page, that region and leader first)."""
    return page_href("Leaders", region=region, leader=leader)


def doc_href(doc: str) -> str:
    """A document's page."""
    return page_href("Documents", doc=doc)


def task_href(task: str) -> str:
    """A task's page, in its document's (a task's key is its document's key + ``:task:<seq>``)."""
    return page_href("Documents", doc=task.split(":task:")[0], task=task)


def unit_label(name: str) -> str:
    """A unit's short name beside its node: the level prefix dropped (市发展改革委 → 发展改革委)."""
    rest = name[1:] if name[:1] in "省市县区" and len(name) > 3 else name
    return short(rest)


def graph_view(
    nodes: list[DrawNode],
    edges: list[DrawEdge],
    legend: list[tuple[str, str]] | None = None,
    height: int = 600,
) -> None:
    """The graph drawn in the page as SVG: every node labelled, a legend, fitted to its box."""
    if not nodes:
        st.info(tr("No nodes to draw."))
        return
    # markdown's raw HTML, not st.html: st.html's sanitizer drops SVG; every text in the SVG is escaped
    st.markdown(svg(nodes, edges, legend, height=height), unsafe_allow_html=True)


def _caption(v: dict[str, Any], label: str) -> str:
    for k in ("name", "number", "indicator", "title", "key"):
        if v.get(k) not in (None, ""):
            return str(v[k])
    return label or "?"


def result_graph(res: QueryResult) -> tuple[list[DrawNode], list[DrawEdge], list[tuple[str, str]]]:
    """The nodes and relationships a console result returns, coloured by label."""
    nodes: dict[Any, DrawNode] = {}
    edges: list[DrawEdge] = []

    def visit(v: Any) -> None:
        if isinstance(v, dict) and "_labels" in v:
            label = v["_labels"][0] if v["_labels"] else ""
            caption = _caption(v, label)
            facts = " · ".join(f"{k}: {str(x)[:60]}" for k, x in v.items() if not k.startswith("_"))
            href = unit_href(str(v["region"]), caption) if label == "Unit" and v.get("region") else None
            nodes[v["_id"]] = DrawNode(
                id=str(v["_id"]), label=short(caption, 10), title=f"{label} · {facts}", group=label, href=href
            )
        elif isinstance(v, dict) and "_type" in v:
            edges.append(DrawEdge(str(v["_src"]), str(v["_dst"]), label=v["_type"], directed=True))
        elif isinstance(v, dict) and "_nodes" in v:
            for x in v["_nodes"] + v["_edges"]:
                visit(x)
        elif isinstance(v, list):
            for x in v:
                visit(x)

    for row in res.rows:
        for v in row:
            visit(v)
    ids = {n.id for n in nodes.values()}
    edges = [e for e in edges if e.a in ids and e.b in ids]
    labels = sorted({n.group for n in nodes.values()})
    return list(nodes.values()), edges, [(g, g or "?") for g in labels]
