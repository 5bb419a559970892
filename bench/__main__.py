"""`make bench`: measure, print, and write docs/benchmarks.md.

Every figure is the median of several runs and stands beside a baseline
measured in the same run on the same machine, so the ratios hold where the
absolute numbers do not.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import scale
from bench.scale import timed

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("GOVKG_BENCH_RUNS", "5"))
# the sample notices take some 40 ms a run: many runs, or a moment's load on a shared machine decides
SEED_RUNS = max(RUNS, 25)
SYNTH_RUNS = max(3, RUNS)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores ({cpu})"


def _parse_rate(texts: list[tuple[str, str]], runs: int) -> tuple[int, float, float]:
    import spacy

    from loaders.nlp import pipeline
    from loaders.parse import parse_text
    from loaders.patterns import clear_written_forms

    chars = sum(len(t) for _, t in texts)
    pipeline()
    nlp: Any = spacy.blank("zh")
    lines = [ln for _, t in texts for ln in t.split("\n") if ln.strip()]

    def parse_all() -> None:
        clear_written_forms()  # a run gains only from what repeats inside the corpus, not from the run before
        [parse_text(t, name) for name, t in texts]

    def tokenize_all() -> None:
        list(nlp.tokenizer.pipe(lines))

    parse_all()  # warm-up
    tokenize_all()
    parse_s: list[float] = []
    tok_s: list[float] = []
    for _ in range(runs):  # interleaved: a slower moment of a shared machine falls on both alike
        gc.collect()  # each run starts from a collected heap, not from the garbage of the one before
        parse_s.append(timed(parse_all))
        gc.collect()
        tok_s.append(timed(tokenize_all))
    return chars, chars / statistics.median(parse_s), chars / statistics.median(tok_s)


def bench_parse() -> list[str]:
    from govkg.synth import generate

    seeds = [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "notices").glob("*.txt"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(100, Path(tmp), seed=2026)
        synth = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
        json_line = _cli_json_line(paths)
    out = [
        "## Parse",
        "",
        f"Median of {SEED_RUNS} runs ({SYNTH_RUNS} for the synthetic corpus), one core, in process (no store), parse "
        'and baseline runs taking turns. The baseline is the bare `spacy.blank("zh")` tokenizer over the same '
        "non-empty lines: the least any spaCy-based parser must spend. Each run starts from a collected "
        "heap (`gc.collect()`), and the parser's caches of written forms (units as written, the words "
        "before a value) are emptied before each of its runs.",
        "",
        "| corpus | chars | govkg parse chars/s | bare tokenizer chars/s | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    rates = []
    for label, texts, runs in (
        ("the 5 sample notices", seeds, SEED_RUNS),
        ("100 synthetic notices", synth, SYNTH_RUNS),
    ):
        chars, parse_rate, tok_rate = _parse_rate(texts, runs)
        rates.append((parse_rate, tok_rate))
        out.append(
            f"| {label} | {chars:,} | {parse_rate:,.0f} | {tok_rate:,.0f} | {parse_rate / tok_rate:.2f}× |"
        )
    worst = min(rates, key=lambda r: r[0] / r[1])
    met = all(p >= 1e6 for p, _ in rates), all(p >= t for p, t in rates)
    out += [
        "",
        f"Goals: ≥ 1,000,000 chars/s — {'met' if met[0] else 'not met'}; "
        f"at least the tokenizer's rate (1.0×) — {'met' if met[1] else f'not met (worst {worst[0] / worst[1]:.2f}×)'}.",
        "",
        json_line,
        "",
    ]
    return out


def _cli_json_line(paths: list[Path]) -> str:
    """`govkg parse --format json` over the synthetic notices, as a user runs it: one process
    (start-up, reading, parsing, resolving units, writing the JSON), median of three runs."""
    import subprocess

    cli = Path(sys.executable).with_name("govkg")
    cmd = [str(cli), "parse", *map(str, paths), "--format", "json"]
    size_in = sum(p.stat().st_size for p in paths)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    times, size_out = [], 0
    for _ in range(3):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
        size_out = len(done.stdout)
    s = statistics.median(times)
    return (
        f"Through the CLI, `govkg parse --format json` over the 100 synthetic notices (one process: start-up, "
        f"reading, parsing, unit resolution and the JSON; median of 3): {s:.1f} s, {chars / s:,.0f} chars/s. "
        f"Its JSON is {size_out / size_in:.1f}× the size of the input files ({size_out:,} against {size_in:,} bytes)."
    )


GROWS_BY = {
    "national": ", a decade of notices per division, so the corpus grows by regions",
    "zhejiang": ", Zhejiang's 111 regions, so the corpus grows by years",
}


def arguments(argv: list[str] | None = None) -> Any:
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure govkg against baselines from the same run and write docs/benchmarks.md.",
        epilog="Example: python -m bench --sizes 100 --sections parse,scale --out /tmp/bench.md",
    )
    ap.add_argument(
        "--sizes",
        default=os.environ.get("GOVKG_BENCH_SIZES", "100,1000,3000"),
        help="corpus sizes for the load, query and growth sections (default 100,1000,3000)",
    )
    ap.add_argument("--sections", default="parse,scale", help="parse, scale or both (default parse,scale)")
    ap.add_argument(
        "--regions",
        choices=("national", "zhejiang"),
        default=os.environ.get("GOVKG_BENCH_REGIONS", "national"),
        help="the synthetic corpus's regions (default national: a decade per division)",
    )
    ap.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="where to write the report"
    )
    a = ap.parse_args(argv)
    a.sizes = [int(n) for n in a.sizes.split(",") if n.strip()]
    a.sections = {x.strip() for x in a.sections.split(",") if x.strip()}
    if not a.sections <= {"parse", "scale"}:
        ap.error(f"unknown section in {sorted(a.sections)}: use parse and/or scale")
    return a


def main(argv: list[str] | None = None) -> None:
    a = arguments(argv)
    os.environ["GOVKG_BENCH_REGIONS"] = a.regions
    sizes = a.sizes
    sections = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}.",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        f"Sizes: N = {', '.join(f'{n:,}' for n in sizes)} synthetic notices (`govkg synth`, seed 2026; "
        f"load, query and growth sections: regions {a.regions}{GROWS_BY[a.regions]}).",
        "",
    ]
    parts = []
    if "parse" in a.sections:
        parts.append(bench_parse)
    if "scale" in a.sections:
        parts.append(lambda: scale.run(sizes))
    for make in parts:
        part = make()
        sys.stdout.write("\n".join(part) + "\n")
        sys.stdout.flush()
        sections += part
    a.out.write_text("\n".join(sections) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
