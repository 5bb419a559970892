"""govkg — a Streamlit front end for cross-year and cross-city comparison.

Start it with `govkg app` (binds to 127.0.0.1:8501). Every page is a small
function over library calls; every question is a named query from queries/;
the store comes from `st.cache_resource`. The Cypher console is read-only
unless the app was started with GOVKG_APP_ALLOW_WRITES=1.
"""

from __future__ import annotations

import hmac
import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from govkg.errors import GovkgError
from govkg.pages import PAGE_NAMES
from govkg.pipeline import open_current
from graph import analytics, queries
from graph.store import QueryResult, Store

ALLOW_WRITES = os.environ.get("GOVKG_APP_ALLOW_WRITES") == "1"
st.set_page_config(page_title="govkg", page_icon="🏛", layout="wide")


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


def table(df: pd.DataFrame, key: str, **kw: Any) -> None:
    st.dataframe(df, width="stretch", hide_index=True, **kw)
    st.download_button(
        "Download CSV", df.to_csv(index=False).encode("utf-8"), f"{key}.csv", "text/csv", key=f"dl-{key}"
    )


def bar(df: pd.DataFrame, x: str, y: str, color: str | None = None, height: int = 320) -> None:
    if df.empty:
        st.info("Nothing to chart.")
        return
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:N", sort="-y", title=x),
        "y": alt.Y(f"{y}:Q", title=y),
        "tooltip": list(df.columns),
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N")
        enc["xOffset"] = alt.XOffset(f"{color}:N")
    st.altair_chart(alt.Chart(df).mark_bar().encode(**enc).properties(height=height), width="stretch")


def header_chart(df: pd.DataFrame, nq: queries.NamedQuery | None) -> None:
    """The chart a named query's header asks for (``view: bar|line``, ``x``, ``y``, ``color``); for
    other results, the first label column against the first numeric one."""
    if nq is not None and nq.view in ("bar", "line") and nq.x in df.columns and nq.y in df.columns:
        color = nq.color if nq.color in df.columns else None
        if nq.view == "bar":
            bar(df, str(nq.x), str(nq.y), color)
            return
        enc: dict[str, Any] = {"x": alt.X(f"{nq.x}:O"), "y": alt.Y(f"{nq.y}:Q"), "tooltip": list(df.columns)}
        if color:
            enc["color"] = alt.Color(f"{color}:N")
        st.altair_chart(alt.Chart(df).mark_line(point=True).encode(**enc), width="stretch")
        return
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    other = [c for c in df.columns if c not in numeric]
    if numeric and other:
        bar(df, other[0], numeric[0])
    else:
        st.info("A chart needs one label column and one numeric column.")


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
    st.sidebar.subheader("Filters")
    paths = region_paths()
    regions = sorted(paths, key=lambda r: paths[r]) or ["湖州市"]  # grouped by province, then city
    cur = param("region", "湖州市")
    region = st.sidebar.selectbox(
        "Region",
        regions,
        index=regions.index(cur) if cur in regions else 0,
        key="region",
        format_func=lambda r: paths.get(r, r),
    )
    years = ["all", *(str(y) for y in years_of(str(region)))]
    cur_year = str(st.query_params.get("year", "all"))
    # no widget key: when the region changes, its years are a new list and the choice resets
    year = st.sidebar.selectbox("Year", years, index=years.index(cur_year) if cur_year in years else 0)
    cur_h = str(st.query_params.get("horizon", ""))
    horizon = st.sidebar.selectbox(
        "Horizon",
        HORIZONS,
        index=HORIZONS.index(cur_h) if cur_h in HORIZONS else 0,
        format_func=lambda h: h or "all",
        key="horizon",
    )
    remember(region=region, year=year, horizon=horizon)
    return Filters(str(region), None if year == "all" else int(year), str(horizon))


# --------------------------------------------------------------------------- graph view
PALETTE = {
    "Unit": "#4C8BF5",
    "Task": "#F5A623",
    "Leader": "#7ED321",
    "Document": "#9013FE",
    "Target": "#D0021B",
    "Region": "#50E3C2",
    "Year": "#B8E986",
    "Milestone": "#BD10E0",
}


def graph_view(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], height: int = 520) -> None:
    """Render with neo4j-viz: nodes coloured by label, Chinese captions."""
    import neo4j_viz

    Node: Any = neo4j_viz.Node
    Relationship: Any = neo4j_viz.Relationship
    VisualizationGraph: Any = neo4j_viz.VisualizationGraph

    if not nodes:
        st.info("No nodes to draw.")
        return
    vn = [
        Node(
            id=n["id"],
            caption=str(n.get("caption", n["id"]))[:24],
            color=PALETTE.get(n.get("label", ""), "#888888"),
            size=n.get("size", 12),
            properties={k: str(v)[:80] for k, v in n.items() if k not in ("id",)},
        )
        for n in nodes
    ]
    vr = [
        Relationship(source=e["source"], target=e["target"], caption=e.get("caption"), width=e.get("width"))
        for e in edges
    ]
    html_obj = VisualizationGraph(nodes=vn, relationships=vr).render(width="100%", height=f"{height}px")
    st.iframe(html_obj.data, height=height + 20)  # the neo4j-viz page; node data are JSON-encoded in it


def result_graph(res: QueryResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes: dict[Any, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []

    def visit(v: Any) -> None:
        if isinstance(v, dict) and "_labels" in v:
            label = v["_labels"][0] if v["_labels"] else ""
            caption = v.get("name") or v.get("number") or v.get("indicator") or v.get("title") or v.get("key")
            nodes[v["_id"]] = {"id": v["_id"], "label": label, "caption": caption}
        elif isinstance(v, dict) and "_type" in v:
            edges.append({"source": v["_src"], "target": v["_dst"], "caption": v["_type"]})
        elif isinstance(v, dict) and "_nodes" in v:
            for x in v["_nodes"] + v["_edges"]:
                visit(x)
        elif isinstance(v, list):
            for x in v:
                visit(x)

    for row in res.rows:
        for v in row:
            visit(v)
    edges = [e for e in edges if e["source"] in nodes and e["target"] in nodes]
    return list(nodes.values()), edges


# --------------------------------------------------------------------------- pages
def page_overview(f: Filters) -> None:
    st.header("Overview")
    docs = run("documents")
    if docs.empty:
        st.warning("The store is empty: load notices with `govkg load data/notices`.")
        return
    c = st.columns(5)
    c[0].metric("Documents", len(docs))
    c[1].metric("Regions", docs["region"].nunique())
    c[2].metric("Tasks", int(docs["tasks"].sum()))
    c[3].metric("Targets", int(docs["targets"].sum()))
    c[4].metric("Lines not understood", int(docs["lines_not_understood"].fillna(0).sum()))
    st.subheader("Documents")
    table(docs.drop(columns=["key"]), "documents")
    st.subheader("Data quality")
    st.caption(
        "Inferred lead units: the document stated no rule, or its lead mark was lost (标者为牵头). "
        "Generic leaders: 市政府相关领导 and the like, kept as a note, not as a person."
    )
    table(
        docs[
            [
                "region",
                "year",
                "kind",
                "lead_rule",
                "inferred_leads",
                "generic_leaders",
                "lines_not_understood",
            ]
        ],
        "data-quality",
    )


def page_compare_years(f: Filters) -> None:
    st.header(f"Compare years · {f.region}")
    region, hz = f.region, f.horizon
    ys = years_of(region)
    cols = st.columns(2)
    with cols[0]:
        earlier = param("year_old", ys[0])
        old = st.selectbox(
            "Earlier year", ys, index=ys.index(earlier) if earlier in ys else 0, key="year_old"
        )
    with cols[1]:
        later = f.year if f.year in ys else param("year_new", ys[-1])
        new = st.selectbox(
            "Later year", ys, index=ys.index(later) if later in ys else len(ys) - 1, key="year_new"
        )
    remember(year_old=old, year_new=new)
    if hz:
        st.caption(f"Tasks of the {hz} horizon only (sidebar filter).")
    if old >= new:
        st.info("Pick an earlier and a later year.")
        return
    st.subheader("Tasks continued, new and dropped")
    changes = run("task_changes", region=region, year_new=new, year_old=old, horizon=hz)
    c1, c2 = st.columns([1, 2])
    with c1:
        table(changes, "task-changes")
    with c2:
        bar(changes, "status", "tasks", height=220)
    st.subheader(f"{new} tasks that continue {old} tasks")
    table(run("task_continuity", region=region, year_new=new, year_old=old, horizon=hz), "continuity")
    st.subheader("Lead units, renamed units followed")
    st.caption(
        "A unit renamed or merged in between (e.g. 市经信委 → 市经信局 in 2019) is counted under its successor."
    )
    lead = run("lead_units_with_succession", region=region, year_a=old, year_b=new)
    wide = lead.pivot_table(index="unit", columns="year", values="tasks", fill_value=0).reset_index()
    wide.columns = [str(c) for c in wide.columns]
    if str(new) in wide:
        wide = wide.sort_values(str(new), ascending=False)
    table(wide, "lead-units-years")
    bar(lead.sort_values("tasks", ascending=False).head(30), "unit", "tasks", color="year")
    st.subheader("Leaders")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(f"**{old}**")
        table(run("leaders", region=region, year=old), f"leaders-{old}")
    with c2:
        st.markdown(f"**{new}**")
        table(run("leaders", region=region, year=new), f"leaders-{new}")
    st.subheader("Targets side by side")
    a = run("region_targets", region=region, year=old)
    b = run("region_targets", region=region, year=new)
    keys = ["indicator", "metric", "kind", "qualifier"]
    both = pd.merge(
        a[[*keys, "value", "unit"]].drop_duplicates(keys),
        b[[*keys, "value"]].drop_duplicates(keys),
        on=keys,
        how="inner",
        suffixes=(f"_{old}", f"_{new}"),
    )
    both["change"] = both[f"value_{new}"] - both[f"value_{old}"]
    table(both, "targets-years")


def page_compare_regions(f: Filters) -> None:
    st.header("Compare regions")
    regions = sorted(choices()["region"].dropna().unique().tolist())  # documents with no region left out
    default = [r for r in ("湖州市", "衢州市") if r in regions] or regions[:2]
    chosen = st.multiselect("Regions", regions, default=default, key="regions")
    if not chosen:
        st.info("Choose one or more regions to compare.")
        return
    profile = run("region_profile", regions=chosen, year=0)
    st.subheader("Tasks per leader, units per task, share led by development and reform")
    table(profile, "region-profile")
    st.subheader("Lead tasks per unit function")
    fw = run("function_workload", year=0, regions=chosen)
    fw["region_year"] = fw["region"] + " " + fw["year"].astype(str)
    top = fw.groupby("function")["lead_tasks"].sum().sort_values(ascending=False).head(15).index
    bar(fw[fw["function"].isin(top)], "function", "lead_tasks", color="region_year")
    st.subheader("One indicator across regions")
    ind = run("indicators")
    options = [f"{r.indicator} / {r.metric}" for r in ind.itertuples()]
    default_ind = options.index("gdp / growth_rate") if "gdp / growth_rate" in options else 0
    sel = st.selectbox("Indicator", options, index=default_ind, key="indicator_regions") if options else None
    if sel:
        indicator, metric = sel.split(" / ")
        traj = run("target_trajectory", indicator=indicator, metric=metric, regions=chosen)
        table(traj.drop(columns=["series"]), "indicator-regions")
    st.subheader("Co-responsibility density")
    rows = []
    for r in profile.itertuples():
        units, pairs, dens = network_density(r.region, int(r.year))
        rows.append(
            {"region": r.region, "year": int(r.year), "units": units, "pairs": pairs, "density": dens}
        )
    table(pd.DataFrame(rows), "density")


def page_leaders(f: Filters) -> None:
    st.header("Leaders")
    cols = st.columns(2)
    defaults = [("湖州市", "洪湖鹏"), ("长兴县", "朱伟")]
    for i, col in enumerate(cols):
        with col:
            region = pick_region("Region", f"leader_region_{i}", defaults[i][0])
            leaders = run("region_leaders", region=region)
            names = leaders["leader"].tolist()
            if not names:
                st.info("No leaders in this region.")
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
            st.markdown("Units on these tasks")
            table(run("leader_units", region=region, leader=name), f"leader-units-{i}")


def page_units(f: Filters) -> None:
    region = f.region
    st.header(f"Units · {region}")
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
    st.subheader("Tasks")
    table(run("unit_tasks", region=region, unit=name, horizon=f.horizon), "unit-tasks")
    years = sorted(row["years"])
    year = st.selectbox("Partners in year", years, index=len(years) - 1, key="unit_year")
    st.subheader("Partners (co-responsibility)")
    table(run("unit_partners", region=region, unit=name, year=int(year)), "unit-partners")
    st.subheader("Succession")
    succ = run("unit_succession", region=region)
    table(
        succ[(succ["predecessor"] == name) | (succ["successor"] == name)] if name else succ, "unit-succession"
    )
    with st.expander("All succession chains of the region"):
        table(succ, "succession-all")


def page_network(f: Filters) -> None:
    region = f.region
    ys = years_of(region)
    year = f.year if f.year is not None else ys[-1]
    st.header(f"Network · {region} {year}")
    if f.year is None:
        st.caption("Every year is selected in the sidebar: showing the latest year of the region.")
    summary, gml, edges = network(region, year)
    c = st.columns(3)
    c[0].metric("Units", summary.nodes)
    c[1].metric("Co-responsible pairs", summary.edges)
    c[2].metric("Density", summary.density)
    st.subheader("Units that co-work most")
    table(pd.DataFrame(summary.strongest), "strongest-pairs")
    st.subheader("Centrality and communities")
    table(pd.DataFrame(summary.centrality), "centrality")
    st.download_button(
        "Download GraphML", gml, f"co-responsibility-{region}-{year}.graphml", "application/xml"
    )
    st.subheader("The network (pairs sharing at least two tasks)")
    strong = [e for e in edges if e[2] >= 2]
    names = {n for e in strong for n in e[:2]}
    weights = {r["unit"]: r["weighted_degree"] for r in summary.centrality}
    graph_view(
        [{"id": n, "label": "Unit", "caption": n, "size": 8 + min(30, weights.get(n, 0))} for n in names],
        [{"source": a, "target": b, "caption": str(w), "width": float(w)} for a, b, w in strong],
    )


def page_targets(f: Filters) -> None:
    st.header("Targets")
    ind = run("indicators")
    options = [f"{r.indicator} / {r.metric}" for r in ind.itertuples()]
    if not options:
        st.info("No targets.")
        return
    default = options.index("gdp / growth_rate") if "gdp / growth_rate" in options else 0
    sel = st.selectbox("Indicator / metric", options, index=default, key="indicator")
    indicator, metric = sel.split(" / ")
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


def highlight(text: str) -> str:
    """displacy's entity view over Chinese text: units and targets marked, characters intact."""
    from spacy import displacy

    from loaders.nlp import extract_targets, unit_mentions

    ents: list[dict[str, Any]] = [{"start": a, "end": b, "label": "UNIT"} for a, b, _ in unit_mentions(text)]
    taken: list[tuple[int, int]] = [(e["start"], e["end"]) for e in ents]
    for t in extract_targets(text):
        if not any(a < t.end and t.start < b for a, b in taken):
            ents.append({"start": t.start, "end": t.end, "label": "TARGET"})
            taken.append((t.start, t.end))
    ents.sort(key=lambda e: e["start"])
    return str(
        displacy.render(
            {"text": text, "ents": ents, "title": None},
            style="ent",
            manual=True,
            options={"colors": {"UNIT": "#cfe2ff", "TARGET": "#ffe0b3"}},
            jupyter=False,
        )
    )


def page_documents(f: Filters) -> None:
    st.header("Documents")
    docs = run("documents")
    if docs.empty:
        st.info("No documents.")
        return
    labels = [f"{r.region} {r.year} · {r.kind} · {r.source}" for r in docs.itertuples()]
    # start on the sidebar's region (and year) when the user has not picked a document yet
    match = docs.index[(docs["region"] == f.region) & ((f.year is None) | (docs["year"] == f.year))].tolist()
    i = st.selectbox(
        "Document",
        range(len(labels)),
        index=docs.index.get_loc(match[0]) if match else 0,
        format_func=lambda k: labels[k],
        key="document",
    )
    detail = run("document_detail", key=docs.iloc[i]["key"]).iloc[0]
    st.markdown(f"**{detail['title']}** ({detail['source']})")
    tasks = pd.DataFrame([t for t in detail["tasks"] if t.get("seq") is not None])
    st.subheader("Tasks and their source lines")
    if not tasks.empty:
        table(tasks[["seq", "number", "line", "text"]], "document-tasks")
    st.subheader("Lines not understood")
    unknown = detail["unknown_lines"] or []
    st.write(unknown if unknown else "None: every line was read as structure or boilerplate.")
    st.subheader("Text, units and targets highlighted")
    lines = [ln for ln in (detail["text"] or "").split("\n") if ln.strip()]
    first = st.number_input("From line", 1, max(1, len(lines)), 1, step=50, key="doc_from")
    shown = "\n".join(lines[int(first) - 1 : int(first) + 79])
    st.markdown(highlight(shown).replace("\n", "<br>"), unsafe_allow_html=True)


def page_console(f: Filters) -> None:
    st.header("Cypher console")
    st.caption(
        "Read-only: the engine refuses writes (FalkorDB GRAPH.RO_QUERY, Neo4j READ access) and every query "
        "has a time limit." + (" Writes are allowed in this session." if ALLOW_WRITES else "")
    )
    reg = queries.registry()
    start = st.selectbox("Start from a named query", ["(blank)", *reg], key="console_named")
    if start != "(blank)" and st.session_state.get("console_loaded") != start:
        nq = reg[start]
        st.session_state["console_cypher"] = nq.cypher
        st.session_state["console_params"] = json.dumps(
            {p.name: p.default for p in nq.params}, ensure_ascii=False
        )
        st.session_state["console_loaded"] = start
    st.session_state.setdefault("console_cypher", "MATCH (d:Document) RETURN d.region, d.year, d.kind")
    st.session_state.setdefault("console_params", "{}")
    cypher = st.text_area("Cypher", key="console_cypher", height=180)
    params_raw = st.text_input("Parameters (JSON object)", key="console_params")
    write = st.checkbox("Allow writes", value=False, disabled=not ALLOW_WRITES, key="console_write")
    timeout = st.number_input("Time limit (ms)", 100, 120_000, 10_000, step=1000, key="console_timeout")
    history: list[str] = st.session_state.setdefault("console_history", [])
    if st.button("Run", type="primary", key="console_run"):
        try:
            params = json.loads(params_raw or "{}")
            if not isinstance(params, dict):
                raise ValueError("parameters must be a JSON object")
        except ValueError as e:
            st.error(f"Parameters: {e}")
            return
        try:
            res = store().query(cypher, params, write=write and ALLOW_WRITES, timeout_ms=int(timeout))
        except GovkgError as e:
            st.error(str(e))
            return
        history.insert(0, cypher)
        del history[20:]
        st.session_state["console_result"] = res
    shown: QueryResult | None = st.session_state.get("console_result")
    if shown is not None:
        res = shown
        df = pd.DataFrame(
            [
                [json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for v in r]
                for r in res.rows
            ],
            columns=res.columns,
        )
        st.success(f"{len(res.rows)} row(s)")
        # a named query run as written is drawn the way its header says (view, x, y, color)
        loaded = reg.get(str(st.session_state.get("console_loaded") or ""))
        named = loaded if loaded is not None and loaded.cypher.strip() == cypher.strip() else None
        order = {"bar": "Chart", "line": "Chart", "graph": "Graph"}.get(
            named.view if named else "table", "Table"
        )
        names = [order, *[t for t in ("Table", "Graph", "Chart", "JSON") if t != order]]
        tabs = dict(zip(names, st.tabs(names), strict=True))
        with tabs["Table"]:
            table(df, "console")
        with tabs["Graph"]:
            nodes, edges = result_graph(res)
            graph_view(nodes, edges) if nodes else st.info("Return nodes or relationships to see a graph.")
        with tabs["Chart"]:
            header_chart(df, named)
        with tabs["JSON"]:
            st.code(
                json.dumps(res.records(), ensure_ascii=False, indent=1, default=str)[:20000], language="json"
            )
    if history:
        with st.expander("History"):
            for h in history:
                st.code(h, language="cypher")


PAGES: dict[str, Callable[[Filters], None]] = dict(
    zip(
        PAGE_NAMES,
        (
            page_overview,
            page_compare_years,
            page_compare_regions,
            page_leaders,
            page_units,
            page_network,
            page_targets,
            page_documents,
            page_console,
        ),
        strict=True,
    )
)


def authorized() -> bool:
    """With GOVKG_APP_TOKEN set (govkg app --token), nothing is shown until the token is given,
    in the page's token box or as ?token= in the link. Compared in constant time; remembered for
    the browser session, never put into the URL by the app."""
    token = os.environ.get("GOVKG_APP_TOKEN", "")
    if not token:
        return True
    given = st.session_state.get("_token") or st.query_params.get("token", "")
    if not given:
        given = st.text_input("Access token", type="password", key="_token_input")
    if given and hmac.compare_digest(str(given).encode(), token.encode()):
        st.session_state["_token"] = given
        return True
    if given:
        st.error("That token is not the one this app was started with.")
    st.info("This govkg app was started with a token (govkg app --token): enter it to continue.")
    return False


def main() -> None:
    if not authorized():
        return
    st.sidebar.title("govkg")
    st.sidebar.caption("Who is responsible for what in Chinese local government work reports.")
    names = list(PAGES)
    current = st.query_params.get("page", names[0])
    page = st.sidebar.radio("Page", names, index=names.index(current) if current in names else 0, key="page")
    st.query_params["page"] = page
    try:
        st.sidebar.caption(f"Store: {store().backend} · {html.escape(store().location)}")
        PAGES[page](filters())
    except GovkgError as e:
        st.error(str(e))


main()
