"""One store interface, two backends.

``open_store(uri)`` picks the backend:

- a directory (the default: ``GOVKG_STORE`` or the user data directory) →
  the embedded FalkorDB server govkg starts and manages (``graph.embedded``);
- ``falkordb://host:port`` → an existing FalkorDB server;
- ``neo4j://``, ``neo4j+s://``, ``bolt://`` … → Neo4j through the official
  driver, credentials from ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``.

Every store runs the same Cypher. Reads are read-only by default, enforced
by the engine, and time-limited.
"""

from __future__ import annotations

import contextlib
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkg.errors import ConfigError

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

    def compact(self) -> None:  # noqa: B027 - optional for backends
        """Compact the persistence files after a load (FalkorDB: rewrite the AOF as a snapshot)."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_store_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("govkg", appauthor=False)) / "store"


def resolve_uri(uri: str | None) -> str:
    return uri or os.environ.get("GOVKG_STORE") or str(default_store_dir())


def open_store(uri: str | None = None, *, start: bool = True) -> Store:
    """Open the store named by ``uri`` (or ``GOVKG_STORE``, or the default directory)."""
    target = resolve_uri(uri)
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme in ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"):
        from .neo4j_store import Neo4jStore

        return Neo4jStore(target)
    if scheme == "falkordb":
        from .falkor import FalkorStore

        hostport = target.split("://", 1)[1].rstrip("/")
        host, _, port = hostport.partition(":")
        remote = FalkorStore.connect_tcp(host or "localhost", int(port or 6379))
        remote.ensure_graph()
        return remote
    if scheme:
        raise ConfigError(
            f"unsupported store URI scheme {scheme!r} (a directory, falkordb://, neo4j:// or bolt://)"
        )
    from .embedded import EmbeddedServer
    from .falkor import FalkorStore

    server = EmbeddedServer(Path(target))
    if start:
        server.ensure_running()
    store = FalkorStore.connect_unix(server.socket, location=str(server.directory))
    if start:
        store.ensure_graph()
    return store
