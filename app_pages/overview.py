"""The overview page."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Filters, ordered, run, scope, store, table
from app_pages.i18n import tr
from graph.tables import export_zip


def render(f: Filters) -> None:
    st.header(tr("Overview"))
    scope((), "this page shows the whole store, every region and year, so you can see what is loaded.")
    docs = run("documents")
    if docs.empty:
        st.warning(tr("The store is empty: load notices with `govkg load data/notices`."))
        return
    c = st.columns(5)
    c[0].metric(tr("Documents"), len(docs))
    c[1].metric(tr("Regions"), docs["region"].nunique())
    c[2].metric(tr("Tasks"), int(docs["tasks"].sum()))
    c[3].metric(tr("Targets"), int(docs["targets"].sum()))
    c[4].metric(tr("Lines not understood"), int(docs["lines_not_understood"].fillna(0).sum()))
    st.subheader(tr("Documents"))
    first = ["region", "year", "kind", "tasks", "targets", "lines_not_understood", "title", "source"]
    table(ordered(docs.drop(columns=["key"]), first), "documents")
    st.subheader(tr("Data quality"))
    st.caption(
        tr(
            "Inferred lead units: the document stated no rule, or its lead mark was lost (标者为牵头). "
            "Generic leaders: 市政府相关领导 and the like, kept as a note, not as a person."
        )
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
    st.subheader(tr("Research dataset"))
    st.caption(
        tr(
            "Every document, task, assignment (task × unit, with role and basis), leader, target, milestone and "
            "region as tidy tables (CSV in UTF-8 with a byte-order mark, and Parquet) with codebook.md, for R, "
            "Stata or pandas; the same as `govkg export DIR --format tables`."
        )
    )
    if st.button(tr("Prepare the dataset"), key="dataset_prepare"):
        with st.spinner(tr("Writing the tables…")):
            st.session_state["dataset_zip"] = export_zip(store())
    made = st.session_state.get("dataset_zip")
    if made is not None:
        data, counts = made
        st.caption(", ".join(f"{name}: {n:,}" for name, n in counts.items()))
        st.download_button(tr("Download the dataset (.zip)"), data, "govkg-dataset.zip", "application/zip")
