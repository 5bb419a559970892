"""Baselines for `make bench`: how a first loader would write, and the engine's own limit.

Neither has Cypher of its own (Cypher lives in graph/ and queries/): the naive writer runs each of
the real writer's statements once per node and per edge, the raw baseline runs them batched as
`govkg load` does, without the reading, parsing and linking around them.
"""

from __future__ import annotations

from graph.rows import DocumentRows, replace_statements
from graph.store import Store


def naive_write(store: Store, rows: list[DocumentRows]) -> None:
    """One statement per node and per edge: the baseline a first loader would be."""
    store.ensure_schema()
    for r in rows:
        for cypher, params in replace_statements(r, replacing=False):
            batch = params.get("rows")
            if batch is None:
                store.query(cypher, params, write=True)
                continue
            for row in batch:
                store.query(cypher, {**params, "rows": [row]}, write=True)


def raw_unwind(store: Store, rows: list[DocumentRows], docs_per_write: int = 25) -> None:
    """The engine's own limit: the already-built rows in the same batched UNWIND writes
    `govkg load` makes, with nothing else (no reading, parsing or linking)."""
    store.ensure_schema()
    for i in range(0, len(rows), docs_per_write):
        store.write_atomically(replace_statements(rows[i : i + docs_per_write], replacing=False))
