"""The documents page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import Filters, run, scope, table
from app_pages.i18n import tr
from govkg.highlight import html_lines


def render(f: Filters) -> None:
    st.header(tr("Documents"))
    scope(("region", "year"), "a document is shown whole, with the tasks of every horizon.")
    docs = run("documents")
    if docs.empty:
        st.info(tr("No documents."))
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
    st.subheader(tr("Tasks and their source lines"))
    if not tasks.empty:
        table(tasks[["seq", "number", "line", "text"]], "document-tasks")
    st.subheader(tr("Lines not understood"))
    unknown = detail["unknown_lines"] or []
    st.write(unknown if unknown else "None: every line was read as structure or boilerplate.")
    st.subheader(tr("Text, units and targets highlighted"))
    text = detail["text"] or ""
    st.caption(
        "Line numbers are the source lines each task, unit and target points to. Units in blue, targets in orange."
    )
    first = st.number_input(tr("From line"), 1, max(1, text.count("\n") + 1), 1, step=50, key="doc_from")
    st.markdown(html_lines(text, int(first), 80), unsafe_allow_html=True)
