"""`make bench` on a corpus small enough for the test suite: every section is produced, every
load figure stands beside its baseline, and every named query and page is measured."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture()
def short_tmp():
    """A short temporary directory: the stores' unix sockets must fit in 108 bytes."""
    d = Path(tempfile.mkdtemp(prefix="gkb-", dir="/tmp"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_bench_reports_every_figure_beside_its_baseline(monkeypatch, short_tmp):
    from bench import scale
    from govkg.pages import PAGE_NAMES
    from graph import queries

    tmp_path = short_tmp
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the bench's corpus and stores
    monkeypatch.setattr(scale, "QUERY_RUNS", 2)
    monkeypatch.setenv("GOVKG_STORE", str(tmp_path / "unused"))  # bench_app points it at the bench store
    out = "\n".join(scale.run([6]))
    for section in (
        "## Load end to end, N = 6 notices",
        "## Queries at N = 6",
        "## App at N = 6",
        "## Memory and cold start at N = 6",
        "## Growth",
    ):
        assert section in out, section
    assert "| govkg load (end to end) |" in out
    assert "| baseline (b): raw batched UNWIND of the already-built rows |" in out
    assert "govkg takes" in out and "its time" in out
    for name in queries.registry():
        assert f"| {name} |" in out, name
    for page in PAGE_NAMES:
        assert f"| {page} |" in out, page
    assert "Peak RSS of the loader" in out and "Cold start of the embedded store" in out
    # every server it started is stopped
    assert not list(tmp_path.glob("govkg-bench-*/store-*/falkordb.sock"))


def test_bench_help_runs_nothing():
    import subprocess
    import sys
    import time

    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "bench", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "--sizes" in r.stdout and "--sections" in r.stdout
    assert time.perf_counter() - t < 30  # it printed its usage; it did not run the benchmark


def test_bench_arguments():
    from bench.__main__ import arguments

    a = arguments(["--sizes", "100,300", "--sections", "scale", "--regions", "zhejiang"])
    assert a.sizes == [100, 300] and a.sections == {"scale"} and a.regions == "zhejiang"
    with pytest.raises(SystemExit):
        arguments(["--sections", "everything"])


def test_the_naive_baseline_writes_the_same_graph_as_the_writer(tmp_path, seeds):
    from bench.baseline import naive_write, raw_unwind
    from graph.connect import open_store
    from graph.embedded import EmbeddedServer
    from graph.rows import document_rows

    rows = [document_rows(seeds["changxing2023"])]
    counts = []
    for name, write in (("naive", naive_write), ("raw", raw_unwind)):
        store = open_store(str(tmp_path / name))
        try:
            write(store, rows)
            counts.append((store.label_counts(), store.query("MATCH ()-[r]->() RETURN count(r)").scalar()))
        finally:
            store.close()
            EmbeddedServer(tmp_path / name).stop()
    assert counts[0] == counts[1] and counts[0][1] > 500
