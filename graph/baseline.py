"""Baselines for `make bench`: how a first loader would write, and the engine's own limit.

They live here, beside the real writer, because they are Cypher; the benchmark
compares `govkg load` with them in the same run.
"""

from __future__ import annotations

from .rows import DocumentRows, replace_statements
from .store import Store


def naive_write(store: Store, rows: list[DocumentRows]) -> None:
    """One statement per node and per edge: the baseline a first loader would be."""
    q = store.query
    for r in rows:
        for reg in r.regions:
            q(
                "MERGE (n:Region {key: $key}) SET n.name = $name, n.label = $label, n.level = $level, "
                "n.code = $code, n.path = $path",
                reg,
                write=True,
            )
        for y in r.years:
            q("MERGE (y:Year {key: $key}) SET y.value = $value", y, write=True)
        q("CREATE (d:Document) SET d = $props", {"props": r.document}, write=True)
        if r.region_key:
            q(
                "MATCH (d:Document {key: $k}), (g:Region {key: $r}) CREATE (d)-[:IN_REGION]->(g)",
                {"k": r.key, "r": r.region_key},
                write=True,
            )
        for t in r.tasks:
            q("CREATE (t:Task) SET t = $props", {"props": t["props"]}, write=True)
            q(
                "MATCH (d:Document {key: $d}), (t:Task {key: $t}) CREATE (d)-[:CONTAINS {doc: $d, line: $l}]->(t)",
                {"d": r.key, "t": t["key"], "l": t["props"]["line"]},
                write=True,
            )
        for s in r.subtasks:
            q(
                "MATCH (c:Task {key: $c}), (p:Task {key: $p}) CREATE (c)-[:SUBTASK_OF]->(p)",
                {"c": s["child"], "p": s["parent"]},
                write=True,
            )
        for ldr in r.leaders:
            q("MERGE (l:Leader {key: $key}) SET l.name = $name, l.region = $region", ldr, write=True)
        for e in r.leads:
            q(
                "MATCH (l:Leader {key: $leader}), (t:Task {key: $task}) CREATE (l)-[:LEADS {title: $title}]->(t)",
                {"leader": e["leader"], "task": e["task"], "title": e["title"]},
                write=True,
            )
        for u in r.units:
            q(
                "MERGE (u:Unit {key: $key}) SET u.name = $name, u.region = $region, u.function = $function",
                {k: u[k] for k in ("key", "name", "region", "function")},
                write=True,
            )
        for e in r.responsible:
            q(
                "MATCH (u:Unit {key: $unit}), (t:Task {key: $task}) CREATE (u)-[:RESPONSIBLE {position: $p}]->(t)",
                {"unit": e["unit"], "task": e["task"], "p": e["position"]},
                write=True,
            )
        for e in r.primary:
            q(
                "MATCH (u:Unit {key: $unit}), (t:Task {key: $task}) CREATE (u)-[:PRIMARY_RESPONSIBLE {basis: $b}]->(t)",
                {"unit": e["unit"], "task": e["task"], "b": e["basis"]},
                write=True,
            )
        for g in r.targets:
            q("CREATE (g:Target) SET g = $props", {"props": g["props"]}, write=True)
            q(
                "MATCH (d:Document {key: $d}), (g:Target {key: $g}) CREATE (d)-[:STATES]->(g)",
                {"d": r.key, "g": g["key"]},
                write=True,
            )
        for m in r.milestones:
            q(
                "MATCH (t:Task {key: $t}) CREATE (t)-[:HAS_MILESTONE]->(m:Milestone) SET m = $props",
                {"t": m["task"], "props": m["props"]},
                write=True,
            )


def raw_unwind(store: Store, rows: list[DocumentRows], docs_per_write: int = 25) -> None:
    """The engine's own limit: the already-built rows in the same batched UNWIND writes
    `govkg load` makes, with nothing else (no reading, parsing or linking)."""
    store.ensure_schema()
    for i in range(0, len(rows), docs_per_write):
        store.write_atomically(replace_statements(rows[i : i + docs_per_write], replacing=False))
