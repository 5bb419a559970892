"""Writing documents' rows to a store: whole documents in batches, each write atomic, a refused
document isolated and taken out whole, and the links of every region written refreshed at the end.

The store side of a load; ``govkg.pipeline`` runs the readers and the parser and hands the rows
here. Nothing in this module parses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govkg.errors import StoreError, StoreFullError, StoreUnavailableError

from .links import LinkCounts, Successions, no_successions, pending_regions, refresh_links
from .rows import ROWS_VERSION, DocumentRows, delete_by_key, delete_statements, replace_statements
from .store import Store

log = logging.getLogger(__name__)
Report = Callable[[str, "str | None"], None]  # (status, error) of a queued document, once written
R_EXISTING = "MATCH (d:Document) RETURN d.key AS key, d.sha256 AS sha256, d.rows_version AS version"
R_STORED = (
    "UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN d.key AS key, d.sha256 AS sha256, "
    "d.rows_version AS version"
)
# documents written by an older govkg, with what is needed to derive them again
R_OUTDATED = (
    "MATCH (d:Document) WHERE coalesce(d.rows_version, 0) < $version "
    "RETURN d.key AS key, d.source AS source, d.text AS text, d.source_text AS source_text, "
    "d.encoding AS encoding, d.format AS format ORDER BY d.key"
)


@dataclass(frozen=True)
class Outdated:
    """A document stored by an older govkg: its key and the text it was read from."""

    key: str
    source: str
    text: str
    encoding: str
    format: str


def outdated_documents(store: Store) -> list[Outdated]:
    return [
        Outdated(
            r["key"],
            r["source"] or r["key"],
            r["source_text"] or r["text"] or "",
            r["encoding"] or "utf-8",
            r["format"] or "txt",
        )
        for r in store.query(R_OUTDATED, {"version": ROWS_VERSION}).records()
    ]


class DocumentWriter:
    """Gathers documents and writes them ``docs_per_write`` (or ``batch`` tasks) at a time.

    ``add`` says at once whether a document is new, replaces a stored one or is unchanged (the same
    content written in the same shape); a document the store refuses is reported to the
    ``refused`` callback given with it. ``close`` writes what is left and refreshes the links of
    every region written (and of any an interrupted earlier load left pending)."""

    def __init__(self, store: Store, *, batch: int = 5000, docs_per_write: int = 25) -> None:
        store.ensure_schema()
        self.store, self.batch, self.docs_per_write = store, batch, docs_per_write
        # a document is unchanged when its file and the shape of its rows are both the same
        self.existing: dict[str, tuple[Any, Any]] = {
            r["key"]: (r["sha256"], r["version"]) for r in store.query(R_EXISTING).records()
        }
        self.touched: set[str] = pending_regions(store)  # regions an interrupted load wrote, never linked
        self.pending: list[tuple[DocumentRows, Report]] = []

    def add(self, rows: DocumentRows, report: Report = lambda _s, _e: None) -> str:
        """Queue a document; return "loaded", "replaced" or "unchanged". When it is written,
        ``report`` hears of a change: ("unchanged", None) if another loader wrote the same document
        first, ("failed", why) if the store refused it."""
        if self.existing.get(rows.key) == (rows.sha256, ROWS_VERSION) or any(
            r.key == rows.key and r.sha256 == rows.sha256 for r, _ in self.pending
        ):
            return "unchanged"
        status = "replaced" if rows.key in self.existing else "loaded"
        self.pending[:] = [(r, cb) for r, cb in self.pending if r.key != rows.key]
        self.pending.append((rows, report))
        if (
            len(self.pending) >= self.docs_per_write
            or sum(r.task_count for r, _ in self.pending) >= self.batch
        ):
            self.flush()
        return status

    def remove(self, keys: list[str]) -> None:
        """Delete stored documents by key (a migrated document whose key changed)."""
        if keys:
            with self.store.write_lock():
                self.store.write_atomically(delete_by_key(keys))
            for k in keys:
                self.existing.pop(k, None)

    def flush(self) -> None:
        if not self.pending:
            return
        with self.store.write_lock():  # another loader of this store waits here, then sees these
            self._drop_written_meanwhile()
            self._write_pending()

    def _drop_written_meanwhile(self) -> None:
        """Documents another loader stored since this one read the store: the same content is
        skipped, a different one is replaced."""
        keys = [rows.key for rows, _ in self.pending]
        for r in self.store.query(R_STORED, {"keys": keys}).records():
            self.existing[r["key"]] = (r["sha256"], r["version"])
        kept = []
        for rows, report in self.pending:
            if self.existing.get(rows.key) == (rows.sha256, ROWS_VERSION):
                report("unchanged", None)
            else:
                kept.append((rows, report))
        self.pending[:] = kept

    def _write_pending(self) -> None:
        if not self.pending:
            return
        try:
            docs = [rows for rows, _ in self.pending]
            replacing = any(rows.key in self.existing for rows in docs)
            self.store.write_atomically(replace_statements(docs, batch=self.batch, replacing=replacing))
            done = [rows for rows, _ in self.pending]
        except (StoreUnavailableError, StoreFullError):
            raise  # the server is gone or its disk full: stop; no other document would fare better
        except StoreError:
            done = [rows for rows, cb in self.pending if self._write_one(rows, cb)]  # isolate the refused one
        for rows in done:
            self.existing[rows.key] = (rows.sha256, ROWS_VERSION)
            if rows.region:
                self.touched.add(rows.region)
        self.pending.clear()

    def _write_one(self, rows: DocumentRows, report: Report) -> bool:
        try:
            self.store.write_atomically(replace_statements(rows, batch=self.batch))
            return True
        except (StoreUnavailableError, StoreFullError):
            raise
        except StoreError as e:
            self.store.write_atomically(delete_statements(rows))  # take the document out whole
            report("failed", f"the store refused the document ({e})")
            return False

    def close(self, successions: Successions = no_successions) -> dict[str, LinkCounts]:
        self.flush()
        with self.store.write_lock():
            links = refresh_links(self.store, self.touched, successions)
        if self.touched:
            self.store.compact()
        return links
