"""FalkorDB backend (the embedded server, or any FalkorDB reached over TCP)."""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from govkg.errors import QueryError, QueryTimeoutError, ReadOnlyError, StoreError, StoreUnavailableError

from . import dialect
from .store import DEFAULT_TIMEOUT_MS, QueryResult, Statement, Store

log = logging.getLogger(__name__)
GRAPH = os.environ.get("GOVKG_GRAPH", "govkg")


def plain(value: Any) -> Any:
    """Engine values → JSON-friendly Python (nodes and edges become dicts)."""
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


def _classify(e: Exception, cypher: str) -> StoreError:
    msg = str(e).strip()
    if "timed out" in msg.lower():
        return QueryTimeoutError(f"the query ran past its time limit and was stopped ({msg})")
    if "read-only" in msg.lower() or "RO_QUERY" in msg:
        return ReadOnlyError(f"this connection is read-only: writes are refused ({msg})")
    return QueryError(msg.splitlines()[0] if msg else type(e).__name__)


class FalkorStore(Store):
    backend = "falkordb"

    def __init__(self, db: Any, location: str) -> None:
        self._db = db
        self.graph = db.select_graph(GRAPH)
        self.location = location

    @classmethod
    def connect_unix(cls, socket: Any, location: str) -> FalkorStore:
        from falkordb import FalkorDB

        try:
            return cls(FalkorDB(unix_socket_path=str(socket)), location)
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
            raise _classify(e, cypher) from e
        except redis.RedisError as e:
            raise StoreError(f"FalkorDB error: {e}") from e
        columns = [c[1] if isinstance(c, (list, tuple)) else str(c) for c in (res.header or [])]
        rows = [[plain(v) for v in row] for row in (res.result_set or [])]
        return QueryResult(columns, rows)

    def write_atomically(self, statements: list[Statement]) -> None:
        """One MULTI/EXEC block: Redis runs it without interleaving other clients' commands,
        and the append-only file records it whole or not at all."""
        import redis
        from falkordb.helpers import stringify_param_value

        pipe = self._db.connection.pipeline(transaction=True)
        for cypher, params in statements:
            pipe.execute_command(
                "GRAPH.QUERY", GRAPH, _with_params(cypher, params, stringify_param_value), "--compact"
            )
        try:
            results = pipe.execute(raise_on_error=False)
        except redis.ConnectionError as e:
            raise StoreUnavailableError(
                f"lost the connection to the FalkorDB server ({self.location}): {e}"
            ) from e
        except redis.RedisError as e:
            raise StoreError(f"FalkorDB refused the write: {e}") from e
        for r in results:
            if isinstance(r, Exception):
                raise StoreError(f"FalkorDB refused the write: {r}")

    def ensure_schema(self) -> None:
        existing = {tuple(r[:2]) for r in self._indexes()}
        for label in dialect.KEYED_LABELS:
            if (label, "key") not in existing:
                try:
                    self.graph.query(dialect.falkor_key_index(label))
                except Exception as e:  # already indexed
                    log.debug("index on %s.key: %s", label, e)
            try:
                self._db.connection.execute_command(*dialect.falkor_unique_constraint(GRAPH, label))
            except Exception as e:  # constraint exists / pending
                log.debug("constraint on %s.key: %s", label, e)
        for label, prop in dialect.EXACT_INDEXES:
            if (label, prop) not in existing:
                try:
                    self.graph.query(dialect.falkor_exact_index(label, prop))
                except Exception as e:
                    log.debug("index on %s.%s: %s", label, prop, e)
        try:
            self.graph.query(dialect.FALKOR_FULLTEXT)
        except Exception as e:
            log.debug("full-text index: %s", e)

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

    def close(self) -> None:
        try:
            self._db.connection.close()
        except Exception as e:  # closing must not mask an earlier error
            log.debug("close: %s", e)


_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _with_params(cypher: str, params: dict[str, Any], stringify: Any) -> str:
    """FalkorDB's wire form of a parameterised query: ``CYPHER a=… b=… <query>``.
    Values are serialised by the client library's own quoting, never spliced into the query."""
    if not params:
        return cypher
    parts = []
    for k, v in params.items():
        if not _PARAM_NAME.match(k):
            raise QueryError(f"invalid parameter name {k!r}")
        parts.append(f"`{k}`={stringify(v)}")
    return "CYPHER " + " ".join(parts) + " " + cypher
