"""Load, query, app, memory and growth benchmarks on synthetic corpora."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from bench.baseline import naive_write, raw_unwind
from govkg.pages import PAGE_NAMES
from graph import queries
from graph.connect import open_store
from graph.embedded import EmbeddedServer
from graph.rows import DocumentRows, document_rows
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUERY_RUNS = int(os.environ.get("GOVKG_BENCH_QUERY_RUNS", "20"))
T0 = time.perf_counter()


def say(msg: str) -> None:
    """Progress on stderr: the figures go to stdout and docs/benchmarks.md."""
    sys.stderr.write(f"[bench {time.perf_counter() - T0:7.0f} s] {msg}\n")
    sys.stderr.flush()


def corpus(n: int, base: Path) -> list[Path]:
    """A decade of notices for each of n / 10 divisions of the national table: the corpus grows by
    regions, as a national store does (set GOVKG_BENCH_REGIONS=zhejiang for Zhejiang's 111
    regions growing by years, the corpus of earlier runs)."""
    from govkg.synth import generate

    regions = os.environ.get("GOVKG_BENCH_REGIONS", "national")
    return generate(n, base / f"corpus-{n}", seed=2026, regions=regions)


def parsed_rows(files: list[Path]) -> list[DocumentRows]:
    from loaders import load_file

    return [document_rows(load_file(f)) for f in files]


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


def median_time(fn: Any, runs: int, warm_up: bool = True) -> float:
    """Median seconds of ``runs`` calls (after one untimed call with ``warm_up``)."""
    if warm_up:
        fn()
    return statistics.median(timed(fn) for _ in range(runs))


def realistic_params(store: Store) -> dict[str, dict[str, Any]]:
    """Parameters a user would pick: the region with the most years, its first and last
    year, its first leader, one of its documents, two regions side by side."""

    def named(name: str, **params: Any) -> list[dict[str, Any]]:
        return queries.get(name).run(store, params).records()

    years_by_region: dict[str, list[int]] = {}
    for r in named("region_years"):
        years_by_region.setdefault(r["region"], []).append(r["year"])
    region = (
        "湖州市"
        if "湖州市" in years_by_region
        else max(years_by_region, key=lambda k: len(years_by_region[k]))
    )
    years = sorted(years_by_region[region])
    y_old, y_new = years[0], years[-1]
    leaders = named("region_leaders", region=region)
    docs = [d for d in named("documents") if d["region"] == region]
    other = next((r for r in ("衢州市", "长兴县") if r in years_by_region and r != region), region)
    base = {
        "region": region,
        "year": y_new,
        "year_a": y_old,
        "year_b": y_new,
        "year_old": y_old,
        "year_new": y_new,
        "leader": leaders[0]["leader"] if leaders else "",
        "unit": "市发展改革委",
        "key": docs[0]["key"] if docs else "",
        "regions": [region, other],
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


def bench_app(location: str) -> list[tuple[str, float, float]]:
    """Per page: the first render with the app's result caches empty (every query runs), and
    a new session's render afterwards (what the next visitor waits)."""
    os.environ["GOVKG_STORE"] = location
    import logging

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    for name in ("streamlit", "streamlit.runtime"):
        logging.getLogger(name).setLevel(logging.ERROR)

    def render(page: str) -> float:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params["page"] = page
        t = timed(at.run)
        if at.exception:
            raise RuntimeError(f"page {page}: {at.exception}")
        return t

    render("Overview")  # imports the app's libraries once, so no page pays for them
    out = []
    for page in PAGE_NAMES:
        st.cache_data.clear()
        cold = render(page)
        out.append((page, cold, render(page)))
    return out


def server_rss_mb(directory: Path) -> float:
    pid = (directory / "server.pid").read_text().strip()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def dir_mb(directory: Path) -> float:
    return sum(f.stat().st_size for f in directory.rglob("*") if f.is_file()) / 2**20


def cold_start(directory: Path) -> float:
    EmbeddedServer(directory).stop()

    def start() -> None:
        s = open_store(str(directory))
        queries.get("documents").run(s, {})
        s.close()

    return timed(start)


def loader_subprocess(files_dir: Path, store_dir: Path) -> tuple[float, float, float]:
    """End-to-end `govkg load` in a child process: seconds, and the peak RSS (MB) of the loader's
    main process and of its largest parse worker."""
    env = {**os.environ, "GOVKG_STORE": str(store_dir)}
    rss = store_dir.parent / f"{store_dir.name}-rss.json"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.rss", str(rss), "load", str(files_dir)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    secs = time.perf_counter() - t0
    peak = json.loads(rss.read_text())
    return secs, peak["main_mb"], peak["worker_mb"]


def crash_restart(files_dir: Path, store_dir: Path, total: int) -> tuple[float, float, int]:
    """`govkg load` into a new store, the server killed (SIGKILL) when about half of the documents
    are written; then the seconds the next command takes to answer, the seconds a clean start of the
    same data takes (compacted, stopped, started), and how many documents there are."""
    import signal

    env = {**os.environ, "GOVKG_STORE": str(store_dir)}
    open_store(str(store_dir)).close()
    loader = subprocess.Popen(
        [sys.executable, "-m", "govkg.cli", "load", str(files_dir)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    watch = open_store(str(store_dir))
    while (
        loader.poll() is None
        and (watch.query("MATCH (d:Document) RETURN count(d)").scalar() or 0) < total // 2
    ):
        time.sleep(0.2)
    watch.close()
    os.kill(int((store_dir / "server.pid").read_text()), signal.SIGKILL)
    loader.wait()
    t0 = time.perf_counter()
    s = open_store(str(store_dir))
    docs = int(s.query("MATCH (d:Document) RETURN count(d)").scalar() or 0)
    secs = time.perf_counter() - t0
    s.compact(wait_s=600)  # what a completed load ends with: then a clean start of the same data
    s.close()
    clean = cold_start(store_dir)
    EmbeddedServer(store_dir).stop()
    return secs, clean, docs


def run(sizes: list[int]) -> list[str]:
    out: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    biggest = max(sizes)
    say(f"generating {biggest:,} notices in {base}")
    all_files = corpus(biggest, base)
    growth: list[tuple[int, int, float, float, str, float, float]] = []
    for n in sorted(sizes):
        files = all_files[:n]
        sub = base / f"files-{n}"
        sub.mkdir()
        for f in files:
            (sub / f.name).symlink_to(f)
        store_dir = base / f"store-{n}"
        say(f"N = {n:,}: govkg load")
        secs, loader_peak, worker_peak = loader_subprocess(sub, store_dir)
        if n <= 100:  # small loads vary with the machine's other work: the median of three
            again = []
            for k in range(2):
                extra = base / f"store-{n}-again-{k}"
                again.append(loader_subprocess(sub, extra)[0])
                EmbeddedServer(extra).stop()
                shutil.rmtree(extra, ignore_errors=True)
            secs = statistics.median([secs, *again])
        say(f"N = {n:,}: loaded in {secs:.1f} s; queries")
        store = open_store(str(store_dir))
        tasks = sum(int(d["tasks"] or 0) for d in queries.get("documents").run(store, {}).records())
        q = bench_queries(store)
        slowest = max(q, key=lambda r: r[2])
        growth.append((n, tasks, secs, slowest[2], slowest[0], dir_mb(store_dir), server_rss_mb(store_dir)))
        if n == 100:
            rows = parsed_rows(files)
            say("N = 100: baselines (naive writer, raw UNWIND)")
            naive_store = fresh(base, "naive")
            naive_s = timed(partial(naive_write, naive_store, rows))
            stop(naive_store)
            raw_times = []
            for k in range(3):
                raw_store = fresh(base, f"raw-100-{k}")
                raw_times.append(timed(partial(raw_unwind, raw_store, rows)))
                stop(raw_store)
            raw_s = statistics.median(raw_times)
            parse_s = median_time(partial(parsed_rows, files), 3, warm_up=False)
            out += [
                "## Load end to end, N = 100 notices",
                "",
                f"{tasks:,} tasks. End to end = read → parse → resolve → store → link, in a `govkg load` process. "
                "Every figure in this table is the median of three runs (the naive writer: one run).",
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
                f"Goals: ≥ 10× the naive writer — {verdict((parse_s + naive_s) / secs >= 10)}; within 2× of the raw "
                f"UNWIND — {verdict(secs / raw_s <= 2)}; ≥ 10,000 tasks/s — {verdict(tasks / secs >= 10_000)}.",
                "",
            ]
        if n == 1000 or (n == biggest and 1000 not in sizes):
            if n != 100:  # measured above for N = 100
                say(f"N = {n:,}: raw UNWIND baseline")
                rows = parsed_rows(files)
                raw_store = fresh(base, f"raw-{n}")
                raw_s = timed(partial(raw_unwind, raw_store, rows))
                stop(raw_store)
                del rows
            say(f"N = {n:,}: app pages")
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
                f"Goals: within 2× of the raw UNWIND — {verdict(secs / raw_s <= 2)}; "
                f"≥ 10,000 tasks/s — {verdict(tasks / secs >= 10_000)}.",
                "",
                f"## Queries at N = {n:,} ({tasks:,} tasks), {QUERY_RUNS} runs each",
                "",
                "| named query | p50 ms | p95 ms |",
                "|---|---:|---:|",
                *[f"| {name} | {p50:.1f} | {p95:.1f} |" for name, p50, p95 in q],
                "",
                f"Goal: every p95 ≤ 300 ms — {verdict(all(p95 <= 300 for _, _, p95 in q))}.",
                "",
                f"## App at N = {n:,}: time to render each page (AppTest)",
                "",
                "| page | first render, result caches empty (s) | next session (s) |",
                "|---|---:|---:|",
                *[f"| {page} | {cold:.2f} | {warm:.2f} |" for page, cold, warm in app_times],
                "",
                f"Goal: every page ≤ 2 s — {verdict(all(c <= 2 for _, c, _ in app_times))}.",
                "",
                f"## Memory and cold start at N = {n:,}",
                "",
                f"- Peak RSS of the loader: {loader_peak:,.0f} MB (main process), "
                f"{worker_peak:,.0f} MB (largest parse worker).",
                f"- Peak RSS of the embedded server: {server_peak:,.0f} MB.",
            ]
            store.close()
            cold = cold_start(store_dir)
            say(f"N = {n:,}: a load killed half-way, and the next start")
            crashed, clean_start, crashed_docs = crash_restart(sub, base / f"store-{n}-crash", n)
            out += [
                f"- Cold start of the embedded store (server start, AOF load, first query): {cold:.1f} s.",
                f"- Restart after a crash: {crashed:.1f} s vs clean start {clean_start:.1f} s "
                f"(the server killed with SIGKILL while `govkg load` had written {crashed_docs:,} of {n:,} "
                "notices; the next command replays the journal and answers).",
                "",
                f"Goals: cold start ≤ 5 s — {verdict(cold <= 5)}; restart after a crash ≤ 2× a clean start — "
                f"{verdict(crashed <= 2 * clean_start)}; peak RSS ≤ 1.5 GB — "
                f"{verdict(max(loader_peak, worker_peak, server_peak) <= 1536)}.",
                "",
            ]
            store = open_store(str(store_dir))
        store.close()
        EmbeddedServer(store_dir).stop()
    out += [
        "## Growth",
        "",
        "| notices | tasks | load s | tasks/s | slowest query p95 ms (which) | store on disk MB | server peak RSS MB |",
        "|---:|---:|---:|---:|---|---:|---:|",
    ]
    out += [
        f"| {n:,} | {t:,} | {s:.1f} | {t / s:,.0f} | {p95:.0f} ({name}) | {mb:,.0f} | {rss:,.0f} |"
        for n, t, s, p95, name, mb, rss in growth
    ]
    if len(growth) >= 2:
        steps = []
        for (n0, t0, s0, *_), (n1, t1, s1, *_) in itertools.pairwise(growth):
            per_task = (s1 / s0) / (t1 / t0)  # 1.0 = linear
            steps.append(
                f"{n0:,} → {n1:,} notices: {s1 / s0:.1f}× the time for {t1 / t0:.1f}× the tasks "
                f"({per_task:.2f}× the time per task)"
            )
        out += ["", "Load time: " + "; ".join(steps) + "."]
    out.append("")
    return out
