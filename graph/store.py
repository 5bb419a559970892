"""The store interface both backends implement (``graph.falkor``, ``graph.neo4j_store``); which
one a URI names is decided in ``graph.connect``.

Every store runs the same Cypher. Reads are read-only by default, enforced
by the engine, and time-limited.
"""

from __future__ import annotations

import contextlib
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT_MS = int(os.environ.get("GOVKG_QUERY_TIMEOUT_MS", "10000"))
Statement = tuple[str, dict[str, Any]]


def batched(cypher: str, rows: list[dict[str, Any]], size: int = 5000) -> list[Statement]:
    """``cypher`` (an ``UNWIND $rows`` write) once per ``size`` rows."""
    return [(cypher, {"rows": rows[i : i + size]}) for i in range(0, len(rows), size)]


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=False)) for r in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows and self.rows[0] else None

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]


class Store(ABC):
    """What the loader, the CLI and the app need from a graph database."""

    backend: str = "?"
    location: str = "?"

    @abstractmethod
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        """Run one statement. Without ``write=True`` the engine refuses any write."""

    @staticmethod
    def read_only_check(cypher: str, write: bool) -> None:
        """Refuse, before it is sent, a read-only query whose text writes (``graph.dialect.writes``)."""
        from govkg.errors import ReadOnlyError

        from .dialect import writes

        if not write and writes(cypher):
            raise ReadOnlyError("this connection is read-only: writes are refused (the query writes)")

    @abstractmethod
    def write_atomically(self, statements: list[Statement]) -> None:
        """Run statements so that readers see all of them or none."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create constraints and indexes if they are missing."""

    @abstractmethod
    def search_tasks(self, text: str, limit: int = 50) -> QueryResult:
        """Tasks whose text contains ``text`` (Chinese full-text)."""

    def write_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held around every document write, so two loaders on one store take turns (the second
        sees what the first wrote and skips it instead of colliding on a key). A server other
        processes reach on their own (Neo4j, FalkorDB over TCP) serializes its own writes."""
        return contextlib.nullcontext()

    def label_counts(self) -> list[tuple[str, int]]:
        """(label, number of nodes) for every label in the store."""
        rows = self.query("MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label").rows
        return [(str(label), int(n)) for label, n in rows]

    def compact(self, wait_s: float = 0.0) -> None:  # noqa: B027 - optional for backends
        """Compact the persistence files after a load (FalkorDB: rewrite the AOF as a snapshot),
        waiting up to ``wait_s`` for it to finish."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
