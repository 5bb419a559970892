"""A document's page, and a task's within it: the text with units and targets marked, its
tasks with their source lines, and one task whole (its units and their lead basis, leaders,
targets, milestones, the tasks of other years it continues). Links: ``?page=Documents&doc=…``
and ``&task=…``."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages.common import Filters, linked, reset_on_change, run, scope, table, task_href, with_links
from app_pages.i18n import tr
from govkg.highlight import html_lines

KEYS = ("doc", "task")


def render(f: Filters) -> None:
    st.header(tr("Documents"))
    scope(("region", "year"), "a document is shown whole, with the tasks of every horizon.")
    docs = run("documents")
    if docs.empty:
        st.info(tr("No documents."))
        return
    labels = [f"{r.region} {r.year} · {tr(str(r.kind))} · {r.source}" for r in docs.itertuples()]
    keys = docs["key"].tolist()
    reset_on_change("doc_filters", (f.region, f.year), KEYS)  # the sidebar moved on: so does the page
    asked = st.query_params.get("doc")
    if asked and asked not in keys:
        st.warning(f"{asked}: {tr('no such document in this store.')}")
    # a linked document first; else the sidebar's region (and year)
    match = docs.index[(docs["region"] == f.region) & ((f.year is None) | (docs["year"] == f.year))].tolist()
    start = keys.index(asked) if asked in keys else (docs.index.get_loc(match[0]) if match else 0)
    i = st.selectbox(
        tr("Document"),
        range(len(labels)),
        index=start,
        format_func=lambda k: labels[k],
        key=f"document_{asked or ''}_{f.region}_{f.year}",
    )
    key = keys[i]
    st.query_params["doc"] = key
    detail = run("document_detail", key=key).iloc[0]
    st.markdown(f"**{detail['title']}** ({detail['source']})")
    tasks = pd.DataFrame([t for t in detail["tasks"] if t.get("seq") is not None])
    task_key = st.query_params.get("task")
    if task_key and task_key.startswith(key + ":"):
        _task(task_key, f)
    elif "task" in st.query_params:
        del st.query_params["task"]
    st.subheader(tr("Tasks and their source lines"))
    if not tasks.empty:
        shown = tasks[["seq", "number", "line", "text"]]
        table(with_links(shown, [task_href(f"{key}:task:{s}") for s in shown["seq"]]), "document-tasks")
    st.subheader(tr("Lines not understood"))
    unknown = detail["unknown_lines"] or []
    st.write(unknown if unknown else tr("None: every line was read as structure or boilerplate."))
    st.subheader(tr("Text, units and targets highlighted"))
    text = detail["text"] or ""
    st.caption(
        tr(
            "Line numbers are the source lines each task, unit and target points to. Units in blue, "
            "targets in orange."
        )
    )
    first = st.number_input(tr("From line"), 1, max(1, text.count("\n") + 1), 1, step=50, key="doc_from")
    st.markdown(html_lines(text, int(first), 80), unsafe_allow_html=True)


def _task(key: str, f: Filters) -> None:
    found = run("task_detail", key=key)
    if found.empty:
        st.warning(f"{key}: {tr('no such task in this store.')}")
        return
    t: dict[str, Any] = found.iloc[0].to_dict()
    st.subheader(f"{tr('Task')} {t['number']} · {t['region']} {t['year']}")
    st.markdown(f"> {t['text']}")
    facts = [f"{tr('source line')} {t['line']}", tr(str(t["horizon"])), str(t["section"] or "")]
    if t.get("leader_note"):
        facts.append(f"{tr('leader')}: {t['leader_note']}")
    if t.get("truncated"):
        facts.append(tr("cut short by the end of the page"))
    st.caption(" · ".join(x for x in facts if x))
    leaders = [x for x in t["leaders"] if x]
    if leaders:
        st.markdown(
            f"**{tr('Leaders')}**: " + "、".join(f"{x['leader']}({x['title'] or '—'})" for x in leaders)
        )
    units = pd.DataFrame([x for x in t["units"] if x])
    if not units.empty:
        table(linked(units, str(t["region"])), "task-units")
    targets = pd.DataFrame([x for x in t["targets"] if x])
    if not targets.empty:
        table(targets, "task-targets")
    milestones = pd.DataFrame([x for x in t["milestones"] if x])
    if not milestones.empty:
        table(milestones, "task-milestones")
    for label, rows in (("Continues", t["continues"]), ("Continued by", t["continued_by"])):
        kin = [x for x in rows if x]
        if kin:
            st.markdown(f"**{tr(label)}**")
            other = pd.DataFrame(kin)
            links = [task_href(str(k)) for k in other["key"]]
            table(with_links(other.drop(columns=["key"]), links), f"task-{label.lower().replace(' ', '-')}")
