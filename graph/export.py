"""Export the graph: JSON lines, GraphML, plain CSV, or the node and
relationship CSVs ``neo4j-admin database import full`` reads.

Reads page through labels and relationship types in batches, so memory stays
bounded by one page."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govkg.errors import ConfigError

from .dialect import KEYED_LABELS
from .store import Store

PAGE = 5000
REL_TYPES = (
    "PART_OF", "IN_YEAR", "IN_REGION", "CONTAINS", "SUBTASK_OF", "LEADS", "RESPONSIBLE", "PRIMARY_RESPONSIBLE",
    "STATES", "HAS_TARGET", "HAS_MILESTONE", "SUPERSEDES", "OUTCOME_OF",
)  # fmt: skip
R_NODES = (
    "MATCH (n:{label}) RETURN n.key AS key, properties(n) AS props ORDER BY n.key SKIP $skip LIMIT $limit"
)
R_EDGES = (
    "MATCH (a)-[r:{type}]->(b) RETURN a.key AS src, b.key AS dst, properties(r) AS props "
    "ORDER BY src, dst SKIP $skip LIMIT $limit"
)


def iter_nodes(store: Store, label: str) -> Iterator[dict[str, Any]]:
    skip = 0
    while True:
        res = store.query(R_NODES.format(label=label), {"skip": skip, "limit": PAGE}, timeout_ms=120_000)
        for key, props in res.rows:
            yield {"key": key, **(props or {})}
        if len(res.rows) < PAGE:
            return
        skip += PAGE


def iter_edges(store: Store, rtype: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    skip = 0
    while True:
        res = store.query(R_EDGES.format(type=rtype), {"skip": skip, "limit": PAGE}, timeout_ms=120_000)
        for src, dst, props in res.rows:
            yield src, dst, dict(props or {})
        if len(res.rows) < PAGE:
            return
        skip += PAGE


def export_graph(store: Store, out: Path, fmt: str) -> dict[str, int]:
    writers = {"jsonl": _jsonl, "graphml": _graphml, "csv": _csv, "neo4j-admin": _neo4j_admin}
    if fmt not in writers:
        raise ConfigError(f"unknown export format {fmt!r}: one of {', '.join(writers)}")
    return writers[fmt](store, out)


def _jsonl(store: Store, out: Path) -> dict[str, int]:
    n = e = 0
    with out.open("w", encoding="utf-8") as f:
        for label in KEYED_LABELS:
            for node in iter_nodes(store, label):
                f.write(json.dumps({"type": "node", "label": label, **node}, ensure_ascii=False) + "\n")
                n += 1
        for rtype in REL_TYPES:
            for src, dst, props in iter_edges(store, rtype):
                f.write(
                    json.dumps(
                        {"type": "edge", "rel": rtype, "src": src, "dst": dst, **props}, ensure_ascii=False
                    )
                    + "\n"
                )
                e += 1
    return {"nodes": n, "edges": e}


def _graphml(store: Store, out: Path) -> dict[str, int]:
    import networkx as nx

    g = nx.MultiDiGraph()
    for label in KEYED_LABELS:
        for node in iter_nodes(store, label):
            g.add_node(
                node["key"],
                label=label,
                **{k: _scalar(v) for k, v in node.items() if k not in ("key", "text")},
            )
    for rtype in REL_TYPES:
        for src, dst, props in iter_edges(store, rtype):
            g.add_edge(src, dst, type=rtype, **{k: _scalar(v) for k, v in props.items()})
    nx.write_graphml(g, out)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _scalar(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    return v


def _csv(store: Store, out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    n = e = 0
    with (out / "nodes.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key", "label", "properties"])
        for label in KEYED_LABELS:
            for node in iter_nodes(store, label):
                w.writerow(
                    [
                        node["key"],
                        label,
                        json.dumps({k: v for k, v in node.items() if k != "key"}, ensure_ascii=False),
                    ]
                )
                n += 1
    with (out / "edges.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["src", "type", "dst", "properties"])
        for rtype in REL_TYPES:
            for src, dst, props in iter_edges(store, rtype):
                w.writerow([src, rtype, dst, json.dumps(props, ensure_ascii=False)])
                e += 1
    return {"nodes": n, "edges": e}


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, list):
        return "list"
    return "str"


def _neo4j_type(kinds: set[str]) -> str:
    """The neo4j-admin column type for a property that took values of these kinds."""
    if not kinds:
        return "string"
    if kinds == {"bool"}:
        return "boolean"
    if kinds == {"int"}:
        return "long"
    if kinds <= {"int", "float"}:
        return "double"
    if kinds == {"list"}:
        return "string[]"
    return "string"


def _cell(v: Any, typ: str) -> str:
    if v is None:
        return ""
    if typ == "string[]":
        return ";".join(str(x) for x in v)
    if typ == "boolean":
        return "true" if v else "false"
    return str(v)


def _neo4j_admin(store: Store, out: Path) -> dict[str, int]:
    """Files for `neo4j-admin database import full --nodes=… --relationships=… --multiline-fields=true
    --array-delimiter=';'`. Node IDs are the govkg keys (unique across labels).

    Streams: each label or type is paged to a temporary JSON-lines file while its columns
    and their types are collected, then written as CSV, so memory stays one page."""
    out.mkdir(parents=True, exist_ok=True)
    n = e = 0
    for label in KEYED_LABELS:
        n += _admin_file(
            out / f"nodes_{label}.csv",
            (
                [[node["key"]], {k: v for k, v in node.items() if k != "key"}]
                for node in iter_nodes(store, label)
            ),
            ("key:ID", [":LABEL"]),
            label,
        )
    for rtype in REL_TYPES:
        e += _admin_file(
            out / f"rels_{rtype}.csv",
            ([[src, dst], props] for src, dst, props in iter_edges(store, rtype)),
            (":START_ID", [":END_ID", ":TYPE"]),
            rtype,
        )
    return {"nodes": n, "edges": e}


def _admin_file(
    path: Path,
    items: Iterator[list[Any]],
    columns: tuple[str, list[str]],
    tag: str,
) -> int:
    """One CSV: the first id, the properties, the other ids (the end node) and the label or type."""
    first, last = columns
    kinds: dict[str, set[str]] = {}
    spool = path.with_suffix(".jsonl.tmp")
    count = 0
    try:
        with spool.open("w", encoding="utf-8") as f:
            for ids, props in items:
                for k, v in props.items():
                    ks = kinds.setdefault(k, set())
                    if v is not None:
                        ks.add(_kind(v))
                f.write(json.dumps([ids, props], ensure_ascii=False) + "\n")
                count += 1
        props_order = sorted(kinds)
        types = {p: _neo4j_type(kinds[p]) for p in props_order}
        with spool.open(encoding="utf-8") as src, path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([first, *[f"{p}:{types[p]}" for p in props_order], *last])
            for line in src:
                ids, props = json.loads(line)
                w.writerow([ids[0], *[_cell(props.get(p), types[p]) for p in props_order], *ids[1:], tag])
    finally:
        spool.unlink(missing_ok=True)
    return count
