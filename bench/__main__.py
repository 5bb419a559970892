"""`make bench`: measure, print, and write docs/benchmarks.md.

Every figure is the median of several runs and stands beside a baseline
measured in the same run on the same machine, so the ratios hold where the
absolute numbers do not.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("GOVKG_BENCH_RUNS", "5"))


def median_time(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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


def bench_parse() -> list[str]:
    import spacy

    from loaders.nlp import pipeline
    from loaders.parse import parse_text

    texts = [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "notices").glob("*.txt"))
    ]
    chars = sum(len(t) for _, t in texts)
    pipeline()
    parse_s = median_time(lambda: [parse_text(t, name) for name, t in texts])
    nlp: Any = spacy.blank("zh")
    lines = [ln for _, t in texts for ln in t.split("\n") if ln.strip()]
    tok_s = median_time(lambda: list(nlp.tokenizer.pipe(lines)))
    parse_rate, tok_rate = chars / parse_s, chars / tok_s
    out = [
        "## Parse",
        "",
        f"Corpus: the {len(texts)} sample notices, {chars:,} characters; median of {RUNS} runs, one core.",
        "",
        "| what | chars/s | ratio to the bare tokenizer |",
        "|---|---:|---:|",
        f"| govkg parse (read model, units, leaders, targets, coverage) | {parse_rate:,.0f} | {parse_rate / tok_rate:.2f}× |",
        f'| baseline: bare `spacy.blank("zh")` tokenizer over the same lines | {tok_rate:,.0f} | 1.00× |',
        "",
        f"Goal: ≥ 1,000,000 chars/s and ≥ 0.4× the tokenizer: "
        f"{'met' if parse_rate >= 1e6 and parse_rate >= 0.4 * tok_rate else 'not met'}.",
        "",
    ]
    return out


def main() -> None:
    sections = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}.",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
    ]
    for fn in (bench_parse,):
        part = fn()
        sys.stdout.write("\n".join(part) + "\n")
        sections += part
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(sections) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
