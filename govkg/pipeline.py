"""The load pipeline, above the parser and the store: read → parse → resolve (``loaders``) → map to
rows (``graph.rows``) → write → link (``graph.write``).

Files are parsed in worker processes while whole documents are written; each document is written
as one atomic unit; a bad file is reported and skipped while the others load; a file whose content
is already stored is left alone (loading twice changes nothing). ``migrate`` derives again, from
the text each stores, the documents an older govkg wrote, so a store is brought up to date when it
is opened (``open_current``), not only when its files are loaded again.
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

from govkg.errors import InputError
from graph.connect import open_store
from graph.links import LinkCounts
from graph.rows import DocumentRows, document_rows
from graph.store import Store
from graph.write import DocumentWriter, outdated_documents

log = logging.getLogger(__name__)


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


def _worker_init() -> None:
    """A parse worker dies with the loader that forked it (kill -9 included), instead of living on
    with the inherited server socket."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends the workers
        pass
    if os.getppid() == 1:  # the parent died before the signal was armed
        os._exit(1)


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
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init) as pool:
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


def _reported(res: DocResult) -> Callable[[str, str | None], None]:
    def say(status: str, error: str | None) -> None:
        res.status = status
        if error is not None:
            res.error = f"{Path(res.path).name}: {error}"

    return say


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
    from loaders.resolve import successions

    writer = DocumentWriter(store, batch=batch, docs_per_write=docs_per_write)
    report = LoadReport()
    workers = default_workers() if workers is None else workers
    for res, rows in parsed(list(paths), workers, ahead_of=docs_per_write):
        if rows is not None:
            res.status = writer.add(rows, _reported(res))
        report.results.append(res)
        if progress:
            progress(res)
    report.links = writer.close(successions)
    return report


def _noted(failed: list[str], key: str) -> Callable[[str, str | None], None]:
    def say(status: str, error: str | None) -> None:
        if error is not None:
            failed.append(f"{key}: {error}")

    return say


@dataclass
class Migration:
    migrated: int = 0
    failed: list[str] = field(default_factory=list)  # "key: reason" of documents left as they were


def migrate(store: Store) -> Migration:
    """Derive again every document an older govkg stored (its ``rows_version`` is older than the
    rows this one writes) from the text the store keeps, and replace its subgraph; links of the
    regions involved are refreshed. A document whose text no longer reads is left as it was and
    named in the result."""
    from loaders.parse import parse_text
    from loaders.resolve import resolve_document, successions

    old = outdated_documents(store)
    out = Migration()
    if not old:
        return out
    log.info("migrating %d document(s) stored by an older govkg", len(old))
    writer = DocumentWriter(store)
    for o in old:
        try:
            doc = parse_text(o.text, o.source, o.encoding, o.format)
            resolve_document(doc)
        except InputError as e:
            out.failed.append(f"{o.key}: {e}")
            continue
        rows = document_rows(doc)
        if rows.key != o.key:
            writer.flush()
            writer.remove([o.key])  # keyed differently now (by region code, not name)
        writer.add(rows, _noted(out.failed, o.key))
        out.migrated += 1
    writer.close(successions)
    return out


def open_current(uri: str | None = None, *, start: bool = True) -> Store:
    """Open a store and bring documents an older govkg wrote up to date (``migrate``)."""
    store = open_store(uri, start=start)
    if start:
        m = migrate(store)
        for f in m.failed:
            log.warning("not migrated: %s", f)
    return store
