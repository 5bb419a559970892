from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "data" / "notices"
sys.path.insert(0, str(Path(__file__).resolve().parent))

SEEDS = {
    "huzhou2022": "huzhou-2022-decomposition.txt",
    "changxing2023": "changxing-2023-decomposition.txt",
    "huzhou2018": "huzhou-2018-work-report.txt",
    "quzhou2021": "quzhou-2021-decomposition.txt",
    "huzhou2017": "huzhou-2017-key-work-list.txt",
}


@pytest.fixture(scope="session")
def seeds():
    from loaders import load_file

    return {k: load_file(NOTICES / v) for k, v in SEEDS.items()}


def _stop(directory):
    from graph.embedded import EmbeddedServer

    EmbeddedServer(directory).stop()


# Every test of the store runs on the embedded FalkorDB server, and on Neo4j too when NEO4J_URI
# names one (its database is emptied before and after each use).
BACKENDS = ["falkordb", *(["neo4j"] if os.environ.get("NEO4J_URI") else [])]


def _neo4j():
    from graph.connect import open_store

    store = open_store(os.environ["NEO4J_URI"])
    store.query("MATCH (n) DETACH DELETE n", write=True)
    return store


def only_embedded(store) -> None:
    """For tests of the embedded server itself (its process, socket and files)."""
    if store.backend != "falkordb":
        pytest.skip("a test of the embedded FalkorDB server")


@pytest.fixture(scope="session", params=BACKENDS)
def seed_store(request, tmp_path_factory):
    """A real store loaded with the seeds: the embedded FalkorDB server in a temporary directory,
    or the Neo4j of NEO4J_URI."""
    from govkg.pipeline import load_paths
    from graph.connect import open_store

    if request.param == "neo4j":
        store = _neo4j()
        assert not load_paths(store, sorted(NOTICES.glob("*.txt"))).failed
        yield store
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.close()
        return
    directory = tmp_path_factory.mktemp("store")
    store = open_store(str(directory))
    report = load_paths(store, sorted(NOTICES.glob("*.txt")))
    assert not report.failed
    yield store
    store.close()
    _stop(directory)


@pytest.fixture(params=BACKENDS)
def fresh_store(request, tmp_path):
    from graph.connect import open_store

    if request.param == "neo4j":
        store = _neo4j()
        yield store
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.close()
        return
    directory = tmp_path / "store"
    store = open_store(str(directory))
    yield store
    store.close()
    _stop(directory)
