"""Every page of the app under every combination of the sidebar's filters on the sample corpus
(3 regions, each with all its years and "all", times 4 horizons): no page fails, every filter a
page applies changes what it shows, and a filter it does not apply is named on the page and
changes nothing there."""

from __future__ import annotations

import hashlib
import re

import pytest
from test_app import app_env, monkeypatch_module, open_page  # noqa: F401  (fixtures)

from govkg.pages import PAGE_NAMES

REGION_YEARS = {"湖州市": ["2017", "2018", "2022"], "衢州市": ["2021"], "长兴县": ["2023"]}
HORIZONS = ["", "annual", "five_year", "livelihood"]
COMBOS = [(r, y, h) for r, ys in REGION_YEARS.items() for y in ["all", *ys] for h in HORIZONS]
NOT_APPLIED = re.compile(r"^Not applied on this page: (?P<names>[a-z、]+) — ")


def fingerprint(at) -> str:
    """What the page's main area shows: headings, texts, notices, metrics and every table's cells."""
    main = at.main
    parts: list[str] = []
    for kind in ("header", "subheader", "markdown", "caption", "info", "warning", "error", "metric"):
        parts += [f"{kind}:{getattr(e, 'value', '')}" for e in getattr(main, kind)]
    parts += [f"table:{d.value.shape}:{d.value.to_csv(index=False)}" for d in main.dataframe]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def not_applied(at) -> set[str]:
    for c in at.main.caption:
        m = NOT_APPLIED.match(c.value)
        if m:
            return set(m.group("names").split("、"))
    return set()


def pairs(dim: str) -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    """Combinations that differ in ``dim`` alone."""
    i = ("region", "year", "horizon").index(dim)
    out = []
    for a in COMBOS:
        for b in COMBOS:
            if a < b and a[i] != b[i] and all(a[k] == b[k] for k in range(3) if k != i):
                out.append((a, b))
    return out


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_filter_combination(app_env, page):  # noqa: F811
    seen: dict[tuple[str, str, str], str] = {}
    declared: set[str] | None = None
    for region, year, horizon in COMBOS:
        at = open_page(page, region=region, year=year, horizon=horizon, lang="en")  # fails on an exception
        assert at.sidebar.selectbox(key="region").value == region
        seen[(region, year, horizon)] = fingerprint(at)
        left_out = not_applied(at)
        assert declared is None or left_out == declared, (page, region, year, horizon, left_out)
        declared = left_out
    assert declared is not None
    for dim in ("region", "year", "horizon"):
        changed = [(a, b) for a, b in pairs(dim) if seen[a] != seen[b]]
        if dim in declared:  # the page says it does not apply this filter: it must not change with it
            assert not changed, f"{page}: says the {dim} filter does not apply, yet {changed[0]} differ"
        else:
            assert changed, f"{page}: the {dim} filter changes nothing and the page does not say so"
