"""The console page."""

from __future__ import annotations

import json
import time

import pandas as pd
import streamlit as st

from app_pages.common import (
    ALLOW_WRITES,
    Filters,
    graph_view,
    header_chart,
    result_graph,
    scope,
    store,
    table,
)
from app_pages.i18n import column_labels, tr
from govkg.errors import GovkgError
from graph import browse, queries
from graph.store import QueryResult

KEYS = ("cypher", "params")


@st.cache_data(ttl=600, show_spinner=False)
def schema_rows() -> pd.DataFrame:
    return pd.DataFrame(browse.rows(store()))


def queries_table(reg: dict[str, queries.NamedQuery], look: str) -> pd.DataFrame:
    """The named queries whose name, title or description holds ``look``."""
    rows = [
        {"name": n, "title": q.title, "description": q.description,
         "parameters": ", ".join(f"{p.name}: {p.type}" for p in q.params)}
        for n, q in reg.items()
    ]  # fmt: skip
    needle = look.strip().lower()
    if needle:
        rows = [r for r in rows if any(needle in str(r[k]).lower() for k in ("name", "title", "description"))]
    return pd.DataFrame(rows, columns=["name", "title", "description", "parameters"])


def render(f: Filters) -> None:
    st.header(tr("Cypher console"))
    scope((), "a query says what it reads; give the region or year as a parameter.")
    st.caption(
        tr(
            "Read-only: the engine refuses writes (FalkorDB GRAPH.RO_QUERY, Neo4j READ access) and every query "
            "has a time limit."
        )
        + (" " + tr("Writes are allowed in this session.") if ALLOW_WRITES else "")
    )
    reg = queries.registry()
    shared = st.query_params.get("cypher")
    if shared and st.session_state.get("console_shared") != shared:  # a link to a query: open it as sent
        st.session_state["console_cypher"] = shared
        st.session_state["console_params"] = st.query_params.get("params", "{}")
        st.session_state["console_shared"] = shared
    with st.expander(tr("Named queries")):
        look = st.text_input(tr("Find a named query (name, title or description)"), key="console_find")
        st.dataframe(
            queries_table(reg, look), hide_index=True, width="stretch",
            column_config=column_labels(["name", "title", "description", "parameters"]),
        )  # fmt: skip
    if st.toggle(tr("Schema: labels, relationships and properties, with examples"), key="console_schema"):
        st.dataframe(
            schema_rows(), hide_index=True, width="stretch",
            column_config=column_labels(["kind", "name", "count", "property", "meaning", "example"]),
        )  # fmt: skip
    start = st.selectbox(tr("Start from a named query"), ["(blank)", *reg], key="console_named")
    if start != "(blank)" and st.session_state.get("console_loaded") != start:
        nq = reg[start]
        st.session_state["console_cypher"] = nq.cypher
        st.session_state["console_params"] = json.dumps(
            {p.name: p.default for p in nq.params}, ensure_ascii=False
        )
        st.session_state["console_loaded"] = start
    st.session_state.setdefault("console_cypher", "MATCH (d:Document) RETURN d.region, d.year, d.kind")
    st.session_state.setdefault("console_params", "{}")
    cypher = st.text_area(tr("Cypher"), key="console_cypher", height=180)
    params_raw = st.text_input(tr("Parameters (JSON object)"), key="console_params")
    write = st.checkbox(tr("Allow writes"), value=False, disabled=not ALLOW_WRITES, key="console_write")
    timeout = st.number_input(tr("Time limit (ms)"), 100, 120_000, 10_000, step=1000, key="console_timeout")
    history: list[str] = st.session_state.setdefault("console_history", [])
    if st.button(tr("Run"), type="primary", key="console_run"):
        try:
            params = json.loads(params_raw or "{}")
            if not isinstance(params, dict):
                raise ValueError("parameters must be a JSON object")
        except ValueError as e:
            st.error(f"Parameters: {e}")
            return
        missing = sorted(set(queries.parameters_of(cypher)) - set(params))
        if missing:
            st.error(
                f"Missing parameters: {', '.join(missing)}. Give each a value in the JSON object, "
                f'e.g. {{"{missing[0]}": …}}.'
            )
            return
        started = time.perf_counter()
        try:
            with st.spinner("Running the query…"):
                res = store().query(cypher, params, write=write and ALLOW_WRITES, timeout_ms=int(timeout))
        except GovkgError as e:
            st.error(f"{e} (after {time.perf_counter() - started:.1f} s)")
            return
        history.insert(0, cypher)
        del history[20:]
        st.query_params["cypher"] = cypher  # the address bar now links to this query
        st.query_params["params"] = params_raw or "{}"
        st.session_state["console_shared"] = cypher
        st.session_state["console_result"] = res
        st.session_state["console_elapsed"] = time.perf_counter() - started
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
        st.success(f"{len(res.rows)} row(s) in {st.session_state.get('console_elapsed', 0.0) * 1000:.0f} ms")
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
            nodes, edges, legend = result_graph(res)
            if nodes:
                graph_view(nodes, edges, legend)
            else:
                st.info(tr("Return nodes or relationships to see a graph."))
        with tabs["Chart"]:
            header_chart(df, named)
        with tabs["JSON"]:
            st.code(
                json.dumps(res.records(), ensure_ascii=False, indent=1, default=str)[:20000], language="json"
            )
    if history:
        with st.expander(tr("History")):
            for h in history:
                st.code(h, language="cypher")
