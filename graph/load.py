"""The load pipeline: read → parse → resolve → store, then refresh links.

Each document is written as one atomic unit; a bad file is reported and
skipped while the others load; a file whose content is already stored is
left alone (loading twice changes nothing).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from govkg.errors import InputError, StoreError, StoreUnavailableError

from .links import LinkCounts, pending_regions, refresh_links
from .rows import ROWS_VERSION, DocumentRows, delete_statements, document_rows, replace_statements
from .store import Store

log = logging.getLogger(__name__)
R_EXISTING = "MATCH (d:Document) RETURN d.key AS key, d.sha256 AS sha256, d.rows_version AS version"


@dataclass
class DocResult:
    path: str
    status: str  # loaded / replaced / unchanged / failed
    key: str | None = None
    title: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    tasks: int = 0
    targets: int = 0
    unknown_lines: int = 0
    error: str | None = None


@dataclass
class LoadReport:
    results: list[DocResult] = field(default_factory=list)
    links: dict[str, LinkCounts] = field(default_factory=dict)

    @property
    def failed(self) -> list[DocResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def tasks(self) -> int:
        return sum(r.tasks for r in self.results if r.status in ("loaded", "replaced"))


def parse_one(path: Path) -> tuple[DocResult, DocumentRows | None]:
    """Read, parse and resolve one file into the rows the store writes (runs in a worker)."""
    from loaders import load_file

    try:
        doc = load_file(path)
    except InputError as e:
        return DocResult(str(path), "failed", error=str(e)), None
    rows = document_rows(doc)
    res = DocResult(
        str(path), "loaded", rows.key, doc.title, rows.region, doc.year, doc.kind.value,
        rows.task_count, len(rows.targets), len(doc.coverage.unknown),
    )  # fmt: skip
    return res, rows


def parsed(
    paths: list[Path], workers: int, ahead_of: int = 0
) -> Iterator[tuple[DocResult, DocumentRows | None]]:
    """``parse_one`` over ``paths`` in order. With ``workers`` > 1, files are parsed in that
    many processes while the caller writes; at most ``ahead_of + 4 × workers`` parsed files wait
    in memory, so a corpus of any size streams with bounded memory. ``ahead_of`` is how many
    documents the caller gathers before it writes: the workers keep parsing the next batch
    while the current one is written, instead of stalling a few files in."""
    if workers <= 1 or len(paths) < 2 * workers:
        yield from map(parse_one, paths)
        return
    window = ahead_of + 4 * workers
    from loaders import warm_up

    warm_up()  # built once here, inherited by every forked worker
    # forked workers inherit the loaded tables; Linux only, as the embedded server is
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        ahead: deque[Future[tuple[DocResult, DocumentRows | None]]] = deque()
        it = iter(paths)
        for p in itertools.islice(it, window):
            ahead.append(pool.submit(parse_one, p))
        while ahead:
            got = ahead.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                ahead.append(pool.submit(parse_one, nxt))
            yield got


def default_workers() -> int:
    env = os.environ.get("GOVKG_PARSE_WORKERS")
    if env:
        return max(1, int(env))
    return max(1, min(4, os.cpu_count() or 1))


def load_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    progress: Callable[[DocResult], None] | None = None,
    batch: int = 5000,
    docs_per_write: int = 25,
    workers: int | None = None,
) -> LoadReport:
    """Load files. Files are parsed in ``workers`` processes (default: the cores, at most 4,
    or ``GOVKG_PARSE_WORKERS``) while whole documents are written together, up to
    ``docs_per_write`` documents or ``batch`` tasks per write; each write is atomic, so every
    document is whole or absent."""
    store.ensure_schema()
    # a document is unchanged when its file and the shape of its rows are both the same
    existing = {r["key"]: (r["sha256"], r["version"]) for r in store.query(R_EXISTING).records()}
    report = LoadReport()
    touched: set[str] = pending_regions(store)  # regions an interrupted load wrote but never linked
    pending: list[tuple[DocResult, DocumentRows]] = []

    def flush() -> None:
        if not pending:
            return
        try:
            docs = [rows for _, rows in pending]
            replacing = any(rows.key in existing for rows in docs)
            store.write_atomically(replace_statements(docs, batch=batch, replacing=replacing))
            done = pending[:]
        except StoreUnavailableError:
            raise  # the server is gone: stop; the next command restarts it
        except StoreError:
            done = [
                p for p in pending if _write_one(store, p[0], p[1], batch)
            ]  # isolate the refused document
        for _res, rows in done:
            existing[rows.key] = (rows.sha256, ROWS_VERSION)
            if rows.region:
                touched.add(rows.region)
        pending.clear()

    workers = default_workers() if workers is None else workers
    for res, rows in parsed(list(paths), workers, ahead_of=docs_per_write):
        if rows is not None:
            if existing.get(rows.key) == (rows.sha256, ROWS_VERSION) or any(
                r.key == rows.key and r.sha256 == rows.sha256 for _, r in pending
            ):
                res.status = "unchanged"
            else:
                if rows.key in existing:
                    res.status = "replaced"
                pending[:] = [(r0, r1) for r0, r1 in pending if r1.key != rows.key]
                pending.append((res, rows))
                if len(pending) >= docs_per_write or sum(r.task_count for _, r in pending) >= batch:
                    flush()
        report.results.append(res)
        if progress:
            progress(res)
    flush()
    report.links = refresh_links(store, touched)
    if touched:
        store.compact()
    return report


def _write_one(store: Store, res: DocResult, rows: DocumentRows, batch: int) -> bool:
    try:
        store.write_atomically(replace_statements(rows, batch=batch))
        return True
    except StoreUnavailableError:
        raise
    except StoreError as e:
        store.write_atomically(delete_statements(rows))  # take the document out whole
        res.status, res.error = "failed", f"{Path(res.path).name}: the store refused the document ({e})"
        return False
