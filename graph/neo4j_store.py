"""Neo4j backend through the official ``neo4j`` driver (not py2neo, which is
end-of-life). Credentials come only from the environment and are never
logged or put into error messages."""

from __future__ import annotations

import logging
import os
from typing import Any

from govkg.errors import (
    ConfigError,
    QueryError,
    QueryTimeoutError,
    ReadOnlyError,
    StoreError,
    StoreUnavailableError,
)

from . import dialect
from .store import DEFAULT_TIMEOUT_MS, QueryResult, Statement, Store

log = logging.getLogger(__name__)


def _redact(uri: str) -> str:
    """scheme://host:port with any user:password@ removed."""
    scheme, _, rest = uri.partition("://")
    return f"{scheme}://{rest.rsplit('@', 1)[-1]}"


def plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_id": value.element_id, "_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {
            "_id": value.element_id,
            "_type": value.type,
            "_src": value.start_node.element_id if value.start_node else None,
            "_dst": value.end_node.element_id if value.end_node else None,
            **dict(value),
        }
    if isinstance(value, Path):
        return {"_nodes": [plain(n) for n in value.nodes], "_edges": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


class Neo4jStore(Store):
    backend = "neo4j"

    def __init__(self, uri: str) -> None:
        import neo4j

        user = os.environ.get("NEO4J_USERNAME")
        password = os.environ.get("NEO4J_PASSWORD")
        if not user or password is None:
            raise ConfigError("a Neo4j store needs NEO4J_USERNAME and NEO4J_PASSWORD in the environment")
        self.database = os.environ.get("NEO4J_DATABASE") or None
        self.location = _redact(uri)
        try:
            self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        except Exception as e:
            raise StoreUnavailableError(
                f"cannot open the Neo4j driver for {self.location}: {type(e).__name__}"
            ) from e

    def _session(self, write: bool) -> Any:
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _error(self, e: Exception) -> StoreError:
        import neo4j.exceptions as nx

        code = getattr(e, "code", "") or ""
        msg = getattr(e, "message", None) or type(e).__name__
        if isinstance(e, nx.ServiceUnavailable | nx.AuthError):
            return StoreUnavailableError(f"Neo4j at {self.location} is unavailable: {type(e).__name__}")
        if "TransactionTimedOut" in code or "Timeout" in code:
            return QueryTimeoutError("the query ran past its time limit and was stopped")
        if (
            "WriteOnReadOnlyAccessDatabase" in code
            or "ForbiddenOnReadOnlyDatabase" in code
            or "AccessMode" in code
        ):
            return ReadOnlyError("this connection is read-only: writes are refused")
        return QueryError(str(msg).splitlines()[0])

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        import neo4j

        self.read_only_check(cypher, write)
        timeout = timeout_ms if timeout_ms is not None else (None if write else DEFAULT_TIMEOUT_MS)
        q = neo4j.Query(cypher, timeout=(timeout / 1000.0) if timeout else None)  # type: ignore[arg-type]
        try:
            with self._session(write) as s:
                if write:
                    result = s.run(q, params or {})
                    keys, records = result.keys(), list(result)
                else:

                    def work(tx: Any) -> tuple[list[str], list[Any]]:
                        r = tx.run(q, params or {})
                        return list(r.keys()), list(r)

                    keys, records = s.execute_read(work)
        except neo4j.exceptions.Neo4jError as e:
            raise self._error(e) from e
        except neo4j.exceptions.DriverError as e:
            raise self._error(e) from e
        return QueryResult(list(keys), [[plain(v) for v in rec.values()] for rec in records])

    def write_atomically(self, statements: list[Statement]) -> None:
        import neo4j

        def work(tx: Any) -> None:
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        try:
            with self._session(True) as s:
                s.execute_write(work)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as e:
            raise self._error(e) from e

    def ensure_schema(self) -> None:
        for stmt in dialect.neo4j_schema():
            self.query(stmt, write=True)

    def search_tasks(self, text: str, limit: int = 50) -> QueryResult:
        return self.query(
            dialect.SEARCH_NEO4J, {"lucene": dialect.lucene_phrase(text), "q": text, "limit": limit}
        )

    def close(self) -> None:
        self.driver.close()
