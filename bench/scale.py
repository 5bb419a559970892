"""Load, query, app, memory and growth benchmarks on synthetic corpora."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from graph import queries
from graph.embedded import EmbeddedServer
from graph.rows import (
    DocumentRows,
    document_rows,
    region_key,
    replace_statements,
)
from graph.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
QUERY_RUNS = int(os.environ.get("GOVKG_BENCH_QUERY_RUNS", "20"))


def corpus(n: int, base: Path) -> list[Path]:
    from govkg.synth import generate

    return generate(n, base / f"corpus-{n}", seed=2026)


def parsed_rows(files: list[Path]) -> list[DocumentRows]:
    from loaders import load_file

    return [document_rows(load_file(f)) for f in files]


def naive_write(store: Store, rows: list[DocumentRows]) -> None:
    """One statement per node and per edge: the baseline a first loader would be."""
    q = store.query
    for r in rows:
        for reg in r.regions:
            q("MERGE (n:Region {key: $key}) SET n.name = $name, n.level = $level", reg, write=True)
        for y in r.years:
            q("MERGE (y:Year {key: $key}) SET y.value = $value", y, write=True)
        q("CREATE (d:Document) SET d = $props", {"props": r.document}, write=True)
        if r.region:
            q(
                "MATCH (d:Document {key: $k}), (g:Region {key: $r}) CREATE (d)-[:IN_REGION]->(g)",
                {"k": r.key, "r": region_key(r.region)},
                write=True,
            )
        for t in r.tasks:
            q("CREATE (t:Task) SET t = $props", {"props": t["props"]}, write=True)
            q(
                "MATCH (d:Document {key: $d}), (t:Task {key: $t}) CREATE (d)-[:CONTAINS {doc: $d, line: $l}]->(t)",
                {"d": r.key, "t": t["key"], "l": t["props"]["line"]},
                write=True,
            )
        for s in r.subtasks:
            q(
                "MATCH (c:Task {key: $c}), (p:Task {key: $p}) CREATE (c)-[:SUBTASK_OF]->(p)",
                {"c": s["child"], "p": s["parent"]},
                write=True,
            )
        for ldr in r.leaders:
            q("MERGE (l:Leader {key: $key}) SET l.name = $name, l.region = $region", ldr, write=True)
        for e in r.leads:
            q(
                "MATCH (l:Leader {key: $leader}), (t:Task {key: $task}) CREATE (l)-[:LEADS {title: $title}]->(t)",
                {"leader": e["leader"], "task": e["task"], "title": e["title"]},
                write=True,
            )
        for u in r.units:
            q(
                "MERGE (u:Unit {key: $key}) SET u.name = $name, u.region = $region, u.function = $function",
                {k: u[k] for k in ("key", "name", "region", "function")},
                write=True,
            )
        for e in r.responsible:
            q(
                "MATCH (u:Unit {key: $unit}), (t:Task {key: $task}) CREATE (u)-[:RESPONSIBLE {position: $p}]->(t)",
                {"unit": e["unit"], "task": e["task"], "p": e["position"]},
                write=True,
            )
        for e in r.primary:
            q(
                "MATCH (u:Unit {key: $unit}), (t:Task {key: $task}) CREATE (u)-[:PRIMARY_RESPONSIBLE {basis: $b}]->(t)",
                {"unit": e["unit"], "task": e["task"], "b": e["basis"]},
                write=True,
            )
        for g in r.targets:
            q("CREATE (g:Target) SET g = $props", {"props": g["props"]}, write=True)
            q(
                "MATCH (d:Document {key: $d}), (g:Target {key: $g}) CREATE (d)-[:STATES]->(g)",
                {"d": r.key, "g": g["key"]},
                write=True,
            )
        for m in r.milestones:
            q(
                "MATCH (t:Task {key: $t}) CREATE (t)-[:HAS_MILESTONE]->(m:Milestone) SET m = $props",
                {"t": m["task"], "props": m["props"]},
                write=True,
            )


def raw_unwind(store: Store, rows: list[DocumentRows]) -> None:
    """The engine's own limit: the already-built rows, batched UNWIND, nothing else."""
    store.ensure_schema()
    for r in rows:
        store.write_atomically(replace_statements(r))


def fresh(base: Path, name: str) -> Store:
    d = base / name
    store = open_store(str(d))
    store.ensure_schema()
    return store


def stop(store: Store) -> None:
    loc = Path(store.location)
    store.close()
    EmbeddedServer(loc).stop()


def timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def realistic_params(store: Store) -> dict[str, dict[str, Any]]:
    region = "湖州市"
    years = sorted(
        r[0]
        for r in store.query("MATCH (d:Document {region: $r}) RETURN DISTINCT d.year", {"r": region}).rows
    )
    leader = store.query("MATCH (l:Leader {region: $r}) RETURN l.name LIMIT 1", {"r": region}).scalar() or ""
    doc = store.query("MATCH (d:Document {region: $r}) RETURN d.key LIMIT 1", {"r": region}).scalar() or ""
    y_old, y_new = years[0], years[-1]
    base = {
        "region": region,
        "year": y_new,
        "year_a": y_old,
        "year_b": y_new,
        "year_old": y_old,
        "year_new": y_new,
        "leader": leader,
        "unit": "市发展改革委",
        "key": doc,
        "regions": [region, "衢州市"],
        "q": "营商环境",
    }
    out = {}
    for nq in queries.registry().values():
        out[nq.name] = {p.name: base[p.name] for p in nq.params if p.name in base}
    return out


def bench_queries(store: Store) -> list[tuple[str, float, float]]:
    params = realistic_params(store)
    rows = []
    for name, nq in sorted(queries.registry().items()):
        nq.run(store, params[name], timeout_ms=60_000)  # warm
        ts = []
        for _ in range(QUERY_RUNS):
            t0 = time.perf_counter()
            nq.run(store, params[name], timeout_ms=60_000)
            ts.append(time.perf_counter() - t0)
        ts.sort()
        rows.append((name, statistics.median(ts) * 1000, ts[max(0, round(0.95 * len(ts)) - 1)] * 1000))
    return rows


def bench_app(location: str) -> list[tuple[str, float]]:
    os.environ["GOVKG_STORE"] = location
    from streamlit.testing.v1 import AppTest

    import app as _  # noqa: F401  - import once so module import time is not counted per page

    out = []
    for page in [
        "Overview",
        "Compare years",
        "Compare regions",
        "Leaders",
        "Units",
        "Network",
        "Targets",
        "Documents",
        "Cypher console",
    ]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params["page"] = page
        at.run()  # first run fills the caches of a fresh session
        at2 = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at2.query_params["page"] = page
        t = timed(at2.run)
        out.append((page, t))
    return out


def server_rss_mb(directory: Path) -> float:
    pid = (directory / "server.pid").read_text().strip()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cold_start(directory: Path) -> float:
    EmbeddedServer(directory).stop()

    def start() -> None:
        s = open_store(str(directory))
        s.query("MATCH (t:Task) RETURN count(t)")
        s.close()

    return timed(start)


def loader_subprocess(files_dir: Path, store_dir: Path) -> tuple[float, float]:
    """End-to-end load in a child process: seconds and peak RSS (MB) of the loader."""
    env = {**os.environ, "GOVKG_STORE": str(store_dir)}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "govkg.cli", "load", str(files_dir)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return secs, peak


def run(sizes: list[int]) -> list[str]:
    out: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    biggest = max(sizes)
    all_files = corpus(biggest, base)
    growth: list[tuple[int, int, float, float, str]] = []
    for n in sorted(sizes):
        files = all_files[:n]
        sub = base / f"files-{n}"
        sub.mkdir()
        for f in files:
            (sub / f.name).symlink_to(f)
        store_dir = base / f"store-{n}"
        secs, loader_peak = loader_subprocess(sub, store_dir)
        store = open_store(str(store_dir))
        tasks = int(store.query("MATCH (t:Task) RETURN count(t)").scalar())
        q = bench_queries(store)
        slowest = max(q, key=lambda r: r[2])
        growth.append((n, tasks, secs, slowest[2], slowest[0]))
        if n == 100:
            rows = parsed_rows(files)
            naive_store = fresh(base, "naive")
            naive_s = timed(partial(naive_write, naive_store, rows))
            stop(naive_store)
            raw_store = fresh(base, "raw-100")
            raw_s = timed(partial(raw_unwind, raw_store, rows))
            stop(raw_store)
            parse_s = timed(partial(parsed_rows, files))
            out += [
                "## Load end to end, N = 100 notices",
                "",
                f"{tasks:,} tasks. End to end = read → parse → resolve → store → link, in a `govkg load` process.",
                "",
                "| what | seconds | tasks/s | ratio |",
                "|---|---:|---:|---:|",
                f"| govkg load (end to end) | {secs:.1f} | {tasks / secs:,.0f} | 1.00× |",
                f"| baseline (a): parse + naive writer, one statement per node and per edge | {parse_s + naive_s:.1f} | "
                f"{tasks / (parse_s + naive_s):,.0f} | govkg is {(parse_s + naive_s) / secs:.1f}× faster |",
                f"| baseline (b): raw batched UNWIND of the already-built rows | {raw_s:.1f} | {tasks / raw_s:,.0f} | "
                f"govkg takes {secs / raw_s:.1f}× its time |",
                f"| of which parsing alone (in process) | {parse_s:.1f} | {tasks / parse_s:,.0f} | |",
                "",
            ]
        if n == 1000 or (n == biggest and 1000 not in sizes):
            rows = parsed_rows(files)
            raw_store = fresh(base, f"raw-{n}")
            raw_s = timed(partial(raw_unwind, raw_store, rows))
            stop(raw_store)
            del rows
            app_times = bench_app(str(store_dir))
            server_peak = server_rss_mb(store_dir)
            out += [
                f"## Load end to end, N = {n:,} notices",
                "",
                "| what | seconds | tasks/s | ratio |",
                "|---|---:|---:|---:|",
                f"| govkg load (end to end) | {secs:.1f} | {tasks / secs:,.0f} | 1.00× |",
                f"| baseline (b): raw batched UNWIND of the already-built rows | {raw_s:.1f} | {tasks / raw_s:,.0f} | "
                f"govkg takes {secs / raw_s:.1f}× its time |",
                "",
                f"## Queries at N = {n:,} ({tasks:,} tasks), {QUERY_RUNS} runs each",
                "",
                "| named query | p50 ms | p95 ms |",
                "|---|---:|---:|",
                *[f"| {name} | {p50:.1f} | {p95:.1f} |" for name, p50, p95 in q],
                "",
                f"## App at N = {n:,}: time to render each page (AppTest, warm caches of the process, new session)",
                "",
                "| page | seconds |",
                "|---|---:|",
                *[f"| {page} | {t:.2f} |" for page, t in app_times],
                "",
                f"## Memory and cold start at N = {n:,}",
                "",
                f"- Peak RSS of the loader process: {loader_peak:,.0f} MB.",
                f"- Peak RSS of the embedded server: {server_peak:,.0f} MB.",
            ]
            store.close()
            cold = cold_start(store_dir)
            out += [
                f"- Cold start of the embedded store (server start, AOF load, first query): {cold:.1f} s.",
                "",
            ]
            store = open_store(str(store_dir))
        store.close()
        EmbeddedServer(store_dir).stop()
    out += [
        "## Growth",
        "",
        "| notices | tasks | load s | tasks/s | slowest query p95 ms (which) |",
        "|---:|---:|---:|---:|---|",
    ]
    out += [
        f"| {n:,} | {t:,} | {s:.1f} | {t / s:,.0f} | {p95:.0f} ({name}) |" for n, t, s, p95, name in growth
    ]
    if len(growth) >= 2:
        (_, t0, s0, _, _), (_, t1, s1, _, _) = growth[0], growth[-1]
        out += [
            "",
            f"Load time grew {s1 / s0:.1f}× for {t1 / t0:.1f}× the tasks "
            f"({'linear or better' if s1 / s0 <= 1.2 * t1 / t0 else 'faster than linear'}).",
        ]
    out.append("")
    return out
