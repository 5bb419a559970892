"""Opening a store: ``open_store(uri)`` picks the backend.

- a directory (the default: ``GOVKG_STORE`` or the user data directory) →
  the embedded FalkorDB server govkg starts and manages (``graph.embedded``);
- ``falkordb://host:port`` → an existing FalkorDB server;
- ``neo4j://``, ``neo4j+s://``, ``bolt://`` … → Neo4j through the official
  driver, credentials from ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``.

It sits above the backends, which know only ``graph.store``: the imports point one way.
"""

from __future__ import annotations

import os
from pathlib import Path

from govkg.errors import ConfigError

from .store import Store


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
