"""The schema as a user of the console reads it: every label and relationship type of
``graph.schema`` with how many the store holds, each property with what it means and a value
taken from the store as an example."""

from __future__ import annotations

from typing import Any

from . import schema
from .store import Store


def _example(store: Store, pattern: str, var: str) -> dict[str, Any]:
    """The properties of one node or relationship matching ``pattern`` (a pattern of our own
    schema's names, never user input)."""
    res = store.query(f"MATCH {pattern} RETURN properties({var}) AS p LIMIT 1")
    value = res.scalar()
    return dict(value) if isinstance(value, dict) else {}


def _edge_counts(store: Store) -> dict[tuple[str, str, str], int]:
    """(source label, type, target label) → relationships in the store, in one pass."""
    res = store.query(
        "MATCH (a)-[r]->(b) RETURN labels(a)[0] AS a, type(r) AS t, labels(b)[0] AS b, count(r) AS n"
    )
    return {(str(a), str(t), str(b)): int(n) for a, t, b, n in res.rows}


def _shown(v: Any) -> str:
    if v is None:
        return ""
    text = "、".join(map(str, v)) if isinstance(v, list) else str(v)
    return text if len(text) <= 60 else text[:59] + "…"


def rows(store: Store) -> list[dict[str, Any]]:
    """One row per property of every label and relationship type: kind, name, count in the store,
    property, meaning, example."""
    out: list[dict[str, Any]] = []
    nodes = dict(store.label_counts())
    edges = _edge_counts(store)
    for node in schema.NODES:
        pattern = f"(n:{node.label})"
        n, ex = nodes.get(node.label, 0), _example(store, pattern, "n")
        for prop, meaning in node.props:
            out.append(
                {"kind": "node", "name": node.label, "count": n, "property": prop,
                 "meaning": meaning, "example": _shown(ex.get(prop))}
            )  # fmt: skip
    for edge in schema.EDGES:
        pattern = f"(:{edge.source})-[r:{edge.type}]->(:{edge.target})"
        n = edges.get((edge.source, edge.type, edge.target), 0)
        ex = _example(store, pattern, "r") if n else {}
        name = f"({edge.source})-[:{edge.type}]->({edge.target})"
        for prop, meaning in edge.props or (("", edge.note),):
            out.append(
                {"kind": "relationship", "name": name, "count": n, "property": prop,
                 "meaning": meaning or edge.note, "example": _shown(ex.get(prop)) if prop else ""}
            )  # fmt: skip
    return out
