"""FalkorDB backend (the embedded server, or any FalkorDB reached over TCP)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

from govkg.errors import (
    QueryError,
    QueryTimeoutError,
    ReadOnlyError,
    StoreError,
    StoreFullError,
    StoreUnavailableError,
)

from . import dialect
from .locks import exclusive
from .store import DEFAULT_TIMEOUT_MS, QueryResult, Statement, Store

log = logging.getLogger(__name__)
GRAPH = os.environ.get("GOVKG_GRAPH", "govkg")


_SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """Engine values → JSON-friendly Python (nodes and edges become dicts)."""
    if isinstance(value, _SCALARS):
        return value  # nearly every value: answer before anything else
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return {"_id": value.id, "_labels": list(value.labels or []), **(value.properties or {})}
    if isinstance(value, Edge):
        return {
            "_id": value.id,
            "_type": value.relation,
            "_src": value.src_node
            if isinstance(value.src_node, int)
            else getattr(value.src_node, "id", None),
            "_dst": value.dest_node
            if isinstance(value.dest_node, int)
            else getattr(value.dest_node, "id", None),
            **(value.properties or {}),
        }
    if isinstance(value, Path):
        return {"_nodes": [plain(n) for n in value.nodes()], "_edges": [plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


DISK_FULL = (
    "the store's disk is full ({msg}): reads still work, but nothing can be written until space is "
    "freed on the disk that holds the store; then run the command again"
)


def _classify(e: Exception) -> StoreError:
    msg = str(e).strip()
    if msg.startswith("MISCONF"):
        return StoreFullError(DISK_FULL.format(msg=msg.splitlines()[0]))
    if "timed out" in msg.lower():
        return QueryTimeoutError(f"the query ran past its time limit and was stopped ({msg})")
    if "read-only" in msg.lower() or "RO_QUERY" in msg:
        return ReadOnlyError(f"this connection is read-only: writes are refused ({msg})")
    if msg.startswith("errMsg:"):  # a syntax error: its message and where it is, without the wire labels
        m = re.match(r"errMsg:\s*(?P<what>.*?)\s*line:\s*(?P<line>\d+),\s*column:\s*(?P<col>\d+)", msg, re.S)
        if m:
            what = " ".join(m.group("what").split())
            return QueryError(
                f"Cypher syntax error at line {m.group('line')}, column {m.group('col')}: {what}"
            )
    return QueryError(msg.splitlines()[0] if msg else type(e).__name__)


class FalkorStore(Store):
    backend = "falkordb"

    def __init__(self, db: Any, location: str, lock_path: Path | None = None) -> None:
        self._db = db
        self.graph = db.select_graph(GRAPH)
        self.location = location
        self._lock_path = lock_path

    def write_lock(self) -> contextlib.AbstractContextManager[None]:
        """An exclusive lock on ``write.lock`` in the store directory (the embedded server)."""
        return contextlib.nullcontext() if self._lock_path is None else exclusive(self._lock_path)

    @classmethod
    def connect_unix(cls, socket: Any, location: str) -> FalkorStore:
        from falkordb import FalkorDB

        try:
            return cls(FalkorDB(unix_socket_path=str(socket)), location, Path(location) / "write.lock")
        except Exception as e:
            raise StoreUnavailableError(f"cannot connect to {socket}: {e}") from e

    @classmethod
    def connect_tcp(cls, host: str, port: int) -> FalkorStore:
        from falkordb import FalkorDB

        try:
            db = FalkorDB(host=host, port=port)
            db.connection.ping()
        except Exception as e:
            raise StoreUnavailableError(f"cannot reach FalkorDB at {host}:{port}: {type(e).__name__}") from e
        return cls(db, f"falkordb://{host}:{port}")

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        import redis

        self.read_only_check(cypher, write)
        timeout = timeout_ms if timeout_ms is not None else (None if write else DEFAULT_TIMEOUT_MS)
        try:
            if write:
                res = self.graph.query(cypher, params or {}, timeout=timeout)
            else:
                res = self.graph.ro_query(cypher, params or {}, timeout=timeout)
        except redis.ConnectionError as e:
            raise StoreUnavailableError(
                f"lost the connection to the FalkorDB server ({self.location}): {e}"
            ) from e
        except redis.ResponseError as e:
            raise _classify(e) from e
        except redis.RedisError as e:
            raise StoreError(f"FalkorDB error: {e}") from e
        columns = [c[1] if isinstance(c, (list, tuple)) else str(c) for c in (res.header or [])]
        rows = [[plain(v) for v in row] for row in (res.result_set or [])]
        return QueryResult(columns, rows)

    def write_atomically(self, statements: list[Statement]) -> None:
        """All statements as one query (``CALL {}`` subqueries in order): FalkorDB runs a
        query under the graph's write lock, so readers see all of it or none, and the
        append-only file replays it as one command. (MULTI/EXEC is not used: replaying a
        large MULTI block from the AOF crashes the server.)"""
        if not statements:
            return
        cypher, params = compose(statements)
        self.query(cypher, params, write=True)

    def ensure_schema(self) -> None:
        existing = {tuple(r[:2]) for r in self._indexes()}
        constrained = self._constraints()
        created = False
        for label in dialect.KEYED_LABELS:
            if (label, "key") not in existing:
                self.graph.query(dialect.falkor_key_index(label))
                created = True
            if label not in constrained:
                try:
                    self._db.connection.execute_command(*dialect.falkor_unique_constraint(GRAPH, label))
                    created = True
                except Exception as e:  # pending on a graph that is being built
                    log.debug("constraint on %s.key: %s", label, e)
        for label, prop in dialect.EXACT_INDEXES:
            if (label, prop) not in existing:
                self.graph.query(dialect.falkor_exact_index(label, prop))
                created = True
        if created and self._lock_path is not None:
            # The indexes go into the append-only file's base image before the first data write.
            # Replayed from the journal instead, they are not usable while the writes after them
            # replay, so every MERGE scans its label: 16 MB of journal took 68 s to replay that
            # way, 0.9 s over a base that holds the indexes (docs/reliability.md).
            self.compact(wait_s=30.0)
        if ("Task", "text") in existing:
            # Stores written by an older govkg carry a full-text index on Task.text. Search does not
            # use it (see dialect.SEARCH_CONTAINS), and rebuilding it is most of a cold start
            # (11.6 s of 12.4 s at 1,000 notices), so it is dropped.
            try:
                self.graph.query(dialect.FALKOR_FULLTEXT_DROP)
            except Exception as e:
                log.debug("dropping the full-text index: %s", e)

    def _constraints(self) -> set[str]:
        try:
            res = self.graph.ro_query(
                "CALL db.constraints() YIELD label, properties RETURN label, properties"
            )
        except Exception:
            return set()
        return {label for label, props in res.result_set or [] if props == ["key"]}

    def ensure_graph(self) -> None:
        """A new store has no graph yet, and FalkorDB refuses reads of a missing graph: create it."""
        if not self._db.connection.exists(GRAPH):
            self.ensure_schema()

    def _indexes(self) -> list[list[Any]]:
        try:
            res = self.graph.ro_query("CALL db.indexes() YIELD label, properties RETURN label, properties")
        except Exception:
            return []
        out = []
        for label, props in res.result_set or []:
            for p in props or []:
                out.append([label, p])
        return out

    def search_tasks(self, text: str, limit: int = 50) -> QueryResult:
        return self.query(dialect.SEARCH_CONTAINS, {"q": text, "limit": limit})

    def compact(self, wait_s: float = 0.0) -> None:
        """Rewrite the append-only file as a snapshot, so the next cold start loads an RDB image
        instead of replaying every write (a replay rebuilds indexes while it runs); with ``wait_s``,
        wait up to that long until the rewrite is done."""
        import redis

        try:
            self._db.connection.bgrewriteaof()
        except redis.ResponseError as e:  # a rewrite is already running: it serves as well
            log.debug("bgrewriteaof: %s", e)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            info = self._db.connection.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return
            time.sleep(0.02)
        if wait_s:
            log.warning("the journal of %s is still being rewritten", self.location)

    def close(self) -> None:
        try:
            self._db.connection.close()
        except Exception as e:  # closing must not mask an earlier error
            log.debug("close: %s", e)


_PARAM_REF = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def compose(statements: list[Statement]) -> Statement:
    """Statements → one query: each becomes a ``CALL {…}`` subquery with its own
    parameter names, so later parts see what earlier parts wrote."""
    if len(statements) == 1:
        return statements[0]
    parts: list[str] = []
    params: dict[str, Any] = {}
    for i, (cypher, p) in enumerate(statements):
        renamed = _PARAM_REF.sub(lambda m, i=i: f"$s{i}_{m.group(1)}", cypher)  # type: ignore[misc]
        parts.append(f"CALL {{ {renamed} RETURN count(*) AS _c{i} }}")
        params.update({f"s{i}_{k}": v for k, v in p.items()})
    return " ".join(parts) + " RETURN 1", params
