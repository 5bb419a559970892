"""Links between documents of one region, recomputed whenever its documents change.

- ``(:Document)-[:SUPERSEDES]->(:Document)``: same region and kind, nearest earlier year.
- ``(:Task)-[:SUPERSEDES {similarity}]->(:Task)``: a later year's task that
  continues an earlier one. Similarity is the cosine of TF-IDF vectors over
  character bigrams (punctuation and digits removed; IDF over the region's
  tasks, so boilerplate words such as 加快/推进/建设 weigh little). A task
  gets at most one predecessor per earlier document: its best match, if the
  similarity is at least ``TASK_THRESHOLD`` (0.18; see docs/schema.md for the
  seed examples this was chosen on).
- ``(:Target)-[:SUPERSEDES]->(:Target)``: planned targets, same indicator and
  metric, nearest earlier year (a stretch target 力争 follows a stretch target).
- ``(:Target {kind:'achieved'})-[:OUTCOME_OF]->(:Target {kind:'planned'})``.
- ``(:Unit)-[:SUPERSEDES {year}]->(:Unit)``: institutional succession, (new) → (old), from the
  renamings the caller passes (``govkg.pipeline`` passes ``loaders.resolve.successions``, read from
  ``data/units/succession.csv``): the store knows no vocabulary.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .store import Statement, Store, batched

log = logging.getLogger(__name__)
TASK_THRESHOLD = 0.18
_STRIP = re.compile(r"[\W\d_a-zA-Z]+")

# Regions are refreshed several at a time: one read per kind of node and one write for the lot,
# instead of ten round trips per region.
R_DOCS = (
    "UNWIND $regions AS g MATCH (d:Document {region: g}) "
    "RETURN g AS region, d.key AS key, d.kind AS kind, d.year AS year"
)
R_TASKS = (
    "UNWIND $regions AS g MATCH (t:Task {region: g}) "
    "RETURN g AS region, t.key AS key, t.doc AS doc, t.year AS year, t.text AS text ORDER BY t.key"
)
R_TARGETS = (
    "UNWIND $regions AS g MATCH (x:Target {region: g}) RETURN g AS region, x.key AS key, "
    "x.indicator_norm AS norm, x.metric AS metric, x.kind AS kind, x.year AS year, x.qualifier AS qualifier "
    "ORDER BY x.key"
)
R_UNITS = "UNWIND $regions AS g MATCH (u:Unit {region: g}) RETURN g AS region, u.key AS key, u.name AS name"
R_REGION = "UNWIND $regions AS g MATCH (r:Region {label: g}) RETURN g AS region, r.level AS level"
CLEAR = [
    "UNWIND $regions AS g MATCH (:Document {region: g})-[s:SUPERSEDES]->(:Document) DELETE s",
    "UNWIND $regions AS g MATCH (:Task {region: g})-[s:SUPERSEDES]->(:Task) DELETE s",
    "UNWIND $regions AS g MATCH (:Target {region: g})-[s:SUPERSEDES]->(:Target) DELETE s",
    "UNWIND $regions AS g MATCH (:Target {region: g})-[s:OUTCOME_OF]->(:Target) DELETE s",
    "UNWIND $regions AS g MATCH (:Unit {region: g})-[s:SUPERSEDES]->(:Unit) DELETE s",
]
REGIONS_PER_REFRESH = 16  # a decade of a region is ≤ ~3,000 tasks: one refresh holds ≤ ~50,000
W_DOC_SUP = "UNWIND $rows AS r MATCH (a:Document {key: r.new}), (b:Document {key: r.old}) CREATE (a)-[:SUPERSEDES]->(b)"
W_TASK_SUP = (
    "UNWIND $rows AS r MATCH (a:Task {key: r.new}), (b:Task {key: r.old}) "
    "CREATE (a)-[:SUPERSEDES {similarity: r.similarity}]->(b)"
)
W_TARGET_SUP = (
    "UNWIND $rows AS r MATCH (a:Target {key: r.new}), (b:Target {key: r.old}) CREATE (a)-[:SUPERSEDES]->(b)"
)
W_OUTCOME = "UNWIND $rows AS r MATCH (a:Target {key: r.achieved}), (b:Target {key: r.planned}) CREATE (a)-[:OUTCOME_OF]->(b)"
# like every SUPERSEDES: from the later (the successor) to the earlier (the unit it replaced)
W_UNIT_SUP = "UNWIND $rows AS r MATCH (a:Unit {key: r.new}), (b:Unit {key: r.old}) CREATE (a)-[:SUPERSEDES {year: r.year}]->(b)"


@dataclass
class LinkCounts:
    documents: int = 0
    tasks: int = 0
    targets: int = 0
    outcomes: int = 0
    units: int = 0


def bigrams(text: str) -> list[str]:
    s = _STRIP.sub("", text or "")
    return [s[i : i + 2] for i in range(len(s) - 1)]


def _bigram_ids(tasks: list[dict[str, Any]]) -> tuple[Any, Any, int]:
    """(task row, bigram id) of every character bigram in the tasks' texts, and the number of
    distinct bigrams: what ``bigrams`` gives task by task, computed over all texts at once (the
    texts joined by NUL, each pair of adjacent code points one integer)."""
    import numpy as np

    joined = "\0".join(_STRIP.sub("", t["text"] or "") for t in tasks)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    if len(cp) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 1
    pairs = (cp[:-1].astype(np.uint64) << np.uint64(32)) | cp[1:]
    row = np.cumsum(cp[:-1] == 0)  # the text a pair starts in: NULs before it
    inside = (cp[:-1] != 0) & (cp[1:] != 0)
    uniq, ids = np.unique(pairs[inside], return_inverse=True)
    return row[inside], ids, max(len(uniq), 1)


# A task is compared with the documents of up to ten earlier years (a decade of notices). Links go
# to every earlier document, so without a horizon they grow with the square of a region's history.
MAX_YEARS_BACK = 10


def task_links(tasks: list[dict[str, Any]], threshold: float = TASK_THRESHOLD) -> list[dict[str, Any]]:
    """Best earlier match per task and earlier document (up to ``MAX_YEARS_BACK`` years before),
    by TF-IDF bigram cosine; similarities are computed one document (against its earlier ones) at
    a time, so memory is one block, not the region's square."""
    import numpy as np
    from scipy.sparse import csr_matrix

    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(tasks):
        by_doc[t["doc"]].append(i)
    years = {d: tasks[ix[0]]["year"] for d, ix in by_doc.items()}
    earlier = {
        d: [o for o, yo in years.items() if y is not None and yo is not None and 0 < y - yo <= MAX_YEARS_BACK]
        for d, y in years.items()
    }
    if not any(earlier.values()):
        return []  # no two documents close enough in time to compare: skip the vectors
    rows, cols, width = _bigram_ids(tasks)
    n = len(tasks)
    # term counts (duplicates summed), then (1 + log tf) · log((n + 1) / (df + 1)), rows L2-normalised
    x = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(n, width), dtype=np.float32)
    x.sum_duplicates()
    df = np.bincount(x.indices, minlength=x.shape[1])
    x.data = (1 + np.log(x.data)) * np.log((n + 1) / (df[x.indices] + 1)).astype(np.float32)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = csr_matrix(x.multiply(1 / norms[:, None]), dtype=np.float32)
    out: list[dict[str, Any]] = []
    for d_new, new_ix in by_doc.items():
        olds = earlier[d_new]
        if not olds:
            continue
        # one product per document against all its earlier documents; memory is that block only
        old_ix = [i for d in olds for i in by_doc[d]]
        block = (x[new_ix] @ x[old_ix].T).toarray()
        every_row = np.arange(len(new_ix))
        a = 0
        for d in olds:
            b = a + len(by_doc[d])
            best = block[:, a:b].argmax(axis=1)
            score = block[every_row, a + best]
            for r in np.flatnonzero(score >= threshold):
                out.append(
                    {
                        "new": tasks[new_ix[r]]["key"],
                        "old": tasks[old_ix[a + best[r]]]["key"],
                        "similarity": round(float(score[r]), 4),
                    }
                )
            a = b
    return out


def document_links(docs: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = []
    for d in docs:
        if d["year"] is None:
            continue
        earlier = [
            e for e in docs if e["kind"] == d["kind"] and e["year"] is not None and e["year"] < d["year"]
        ]
        if earlier:
            nearest = max(e["year"] for e in earlier)
            out += [{"new": d["key"], "old": e["key"]} for e in earlier if e["year"] == nearest]
    return out


def _stretch(t: dict[str, Any]) -> bool:
    return bool(t["qualifier"] == "力争")


def target_links(targets: list[dict[str, Any]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    planned: dict[tuple[str, str], dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for t in targets:
        if t["kind"] == "planned" and t["year"] is not None:
            planned[(t["norm"], t["metric"])][t["year"]].append(t)
    sup: list[dict[str, str]] = []
    for by_year in planned.values():
        years = sorted(by_year)
        for prev, year in itertools.pairwise(years):
            for t in by_year[year]:
                same = [o for o in by_year[prev] if _stretch(o) == _stretch(t)] or by_year[prev]
                sup.append({"new": t["key"], "old": same[0]["key"]})
    outcomes: list[dict[str, str]] = []
    for t in targets:
        if t["kind"] != "achieved" or t["year"] is None:
            continue
        cands = planned.get((t["norm"], t["metric"]), {}).get(t["year"], [])
        base = [c for c in cands if not _stretch(c)] or cands
        if base:
            outcomes.append({"achieved": t["key"], "planned": base[0]["key"]})
    return sup, outcomes


# (old name, new name, year) of the units renamed at a naming level (city, county, district …)
Successions = Callable[[str | None], Sequence[tuple[str, str, int]]]


def no_successions(level: str | None) -> Sequence[tuple[str, str, int]]:
    return ()


def unit_links(units: list[dict[str, Any]], renamed: Sequence[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """(new)-[:SUPERSEDES {year}]->(old) for each renaming both of whose units the region has."""
    by_name = {u["name"]: u["key"] for u in units}
    return [
        {"old": by_name[old], "new": by_name[new], "year": year}
        for old, new, year in renamed
        if old in by_name and new in by_name
    ]


def _by_region(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        out[r["region"]].append(r)
    return out


def refresh_regions(
    store: Store, regions: list[str], successions: Successions = no_successions
) -> dict[str, LinkCounts]:
    """Recompute every link of these regions in one atomic write; ``successions`` gives the units
    renamed at a region's naming level (the caller's table: the store knows no vocabulary)."""
    p = {"regions": regions}
    docs = _by_region(store.query(R_DOCS, p).records())
    tasks = _by_region(store.query(R_TASKS, p).records())
    targets = _by_region(store.query(R_TARGETS, p).records())
    units = _by_region(store.query(R_UNITS, p).records())
    levels = {r["region"]: r["level"] for r in store.query(R_REGION, p).records()}
    found: dict[str, list[dict[str, Any]]] = {
        w: [] for w in (W_DOC_SUP, W_TASK_SUP, W_TARGET_SUP, W_OUTCOME, W_UNIT_SUP)
    }
    counts: dict[str, LinkCounts] = {}
    for region in regions:
        d = document_links(docs.get(region, []))
        t = task_links(tasks.get(region, []))
        g, o = target_links(targets.get(region, []))
        u = unit_links(units.get(region, []), successions(levels.get(region)))
        counts[region] = LinkCounts(len(d), len(t), len(g), len(o), len(u))
        for w, rows in zip(found, (d, t, g, o, u), strict=True):
            found[w] += rows
    stmts: list[Statement] = [(c, p) for c in CLEAR]
    stmts += [st for w, rows in found.items() for st in batched(w, rows)]
    stmts.append((W_LINKED, p))  # in the same write: the links and the mark that they are done
    store.write_atomically(stmts)
    return counts


# A document is written with links_pending set; the write that recomputes its region's links clears
# it. A load that was interrupted between the two leaves the mark, and the next load refreshes
# those regions too, so a rerun converges to the graph of a clean load.
W_LINKED = (
    "UNWIND $regions AS g MATCH (d:Document {region: g}) WHERE d.links_pending SET d.links_pending = false"
)
R_PENDING = (
    "MATCH (d:Document) WHERE d.links_pending AND d.region IS NOT NULL RETURN DISTINCT d.region AS region"
)


def pending_regions(store: Store) -> set[str]:
    """Regions with a document whose links were never computed (an interrupted load)."""
    return {r["region"] for r in store.query(R_PENDING).records()}


def refresh_links(
    store: Store, regions: set[str], successions: Successions = no_successions
) -> dict[str, LinkCounts]:
    ordered = sorted(regions)
    out: dict[str, LinkCounts] = {}
    for i in range(0, len(ordered), REGIONS_PER_REFRESH):
        out.update(refresh_regions(store, ordered[i : i + REGIONS_PER_REFRESH], successions))
    return out
