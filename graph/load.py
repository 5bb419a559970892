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
from .rows import delete_statements, document_rows, replace_statements
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
) -> LoadReport:
    from loaders import load_file

    store.ensure_schema()
    existing = {r["key"]: r["sha256"] for r in store.query(R_EXISTING).records()}
    report = LoadReport()
    touched: set[str] = set()
    for path in paths:
        try:
            doc = load_file(path)
        except InputError as e:
            res = DocResult(str(path), "failed", error=str(e))
        else:
            rows = document_rows(doc)
            res = DocResult(
                str(path),
                "loaded",
                rows.key,
                doc.title,
                rows.region,
                doc.year,
                doc.kind.value,
                rows.task_count,
                len(rows.targets),
                len(doc.coverage.unknown),
            )
            if existing.get(rows.key) == rows.sha256:
                res.status = "unchanged"
            else:
                if rows.key in existing:
                    res.status = "replaced"
                try:
                    store.write_atomically(replace_statements(rows, batch=batch))
                except StoreUnavailableError:
                    raise  # the server is gone: stop; the next command restarts it
                except StoreError as e:
                    # a statement inside the block failed: take the document out whole
                    store.write_atomically(delete_statements(rows.key))
                    existing.pop(rows.key, None)
                    res.status, res.error = (
                        "failed",
                        f"{Path(path).name}: the store refused the document ({e})",
                    )
                else:
                    existing[rows.key] = rows.sha256
                if rows.region:
                    touched.add(rows.region)
        report.results.append(res)
        if progress:
            progress(res)
    report.links = refresh_links(store, touched)
    return report
