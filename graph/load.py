"""The load pipeline: read → parse → resolve → store, then refresh links.

Each document is written as one atomic unit; a bad file is reported and
skipped while the others load; a file whose content is already stored is
left alone (loading twice changes nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from govkg.errors import InputError, StoreError, StoreUnavailableError

from .links import LinkCounts, refresh_links
from .rows import DocumentRows, delete_statements, document_rows, replace_statements
from .store import Store

log = logging.getLogger(__name__)
R_EXISTING = "MATCH (d:Document) RETURN d.key AS key, d.sha256 AS sha256"


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


def load_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    progress: Callable[[DocResult], None] | None = None,
    batch: int = 5000,
    docs_per_write: int = 25,
) -> LoadReport:
    """Load files. Whole documents are written together, up to ``docs_per_write`` documents
    or ``batch`` tasks per write; each write is atomic, so every document is whole or absent."""
    from loaders import load_file

    store.ensure_schema()
    existing = {r["key"]: r["sha256"] for r in store.query(R_EXISTING).records()}
    report = LoadReport()
    touched: set[str] = set()
    pending: list[tuple[DocResult, DocumentRows]] = []

    def flush() -> None:
        if not pending:
            return
        try:
            store.write_atomically(replace_statements([rows for _, rows in pending], batch=batch))
            done = pending[:]
        except StoreUnavailableError:
            raise  # the server is gone: stop; the next command restarts it
        except StoreError:
            done = [
                p for p in pending if _write_one(store, p[0], p[1], batch)
            ]  # isolate the refused document
        for _res, rows in done:
            existing[rows.key] = rows.sha256
            if rows.region:
                touched.add(rows.region)
        pending.clear()

    for path in paths:
        try:
            doc = load_file(path)
        except InputError as e:
            res = DocResult(str(path), "failed", error=str(e))
        else:
            rows = document_rows(doc)
            res = DocResult(
                str(path), "loaded", rows.key, doc.title, rows.region, doc.year, doc.kind.value,
                rows.task_count, len(rows.targets), len(doc.coverage.unknown),
            )  # fmt: skip
            if existing.get(rows.key) == rows.sha256 or any(
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
        store.write_atomically(delete_statements(rows.key))  # take the document out whole
        res.status, res.error = "failed", f"{Path(res.path).name}: the store refused the document ({e})"
        return False
