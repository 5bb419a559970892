from __future__ import annotations

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


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """A real embedded FalkorDB server in a temporary directory, loaded with the seeds."""
    from govkg.pipeline import load_paths
    from graph.connect import open_store

    directory = tmp_path_factory.mktemp("store")
    store = open_store(str(directory))
    report = load_paths(store, sorted(NOTICES.glob("*.txt")))
    assert not report.failed
    yield store
    store.close()
    _stop(directory)


@pytest.fixture()
def fresh_store(tmp_path):
    from graph.connect import open_store

    directory = tmp_path / "store"
    store = open_store(str(directory))
    yield store
    store.close()
    _stop(directory)
