"""One exception root for the whole product, with specific subclasses.

Every error a user can meet carries a one-line message that names what failed
and why; the CLI prints exactly that line.
"""

from __future__ import annotations

from pathlib import Path


class GovkgError(Exception):
    """Root of every error govkg raises on purpose."""


# --- input -----------------------------------------------------------------
class InputError(GovkgError):
    """A document could not be read or understood."""

    reason = "cannot be read"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = str(path)
        self.detail = detail
        name = Path(self.path).name or self.path
        msg = f"{name}: {self.reason}" + (f" ({detail})" if detail else "")
        super().__init__(msg)


class EmptyInputError(InputError):
    reason = "the file is empty"


class BinaryInputError(InputError):
    reason = "the file is binary, not text"


class EncodingError(InputError):
    reason = "the text encoding could not be determined"


class CorruptFileError(InputError):
    reason = "the file is corrupt"


class MissingFileError(InputError):
    reason = "no such file"


class UnreadableFileError(InputError):
    reason = "cannot be read (permission denied)"


class NotAFileError(InputError):
    reason = "not a regular file"


class NotANoticeError(InputError):
    reason = "not a responsibility notice or work report"


class InputTooLargeError(InputError):
    reason = "the file is too large"


class InvalidDocumentError(InputError):
    reason = "the parsed document breaks the model's invariants"


# --- store -----------------------------------------------------------------
class StoreError(GovkgError):
    """The graph store failed."""


class StoreUnavailableError(StoreError):
    """The store could not be reached or started."""


class StoreFullError(StoreError):
    """The store's disk is full: reads go on, writes are refused until space is freed."""


class StoreLockedError(StoreError):
    """Another process owns the embedded server of this store directory."""


class ReadOnlyError(StoreError):
    """A write was attempted through a read-only connection."""


class QueryTimeoutError(StoreError):
    """A query ran past its time limit and was stopped."""


class QueryError(StoreError):
    """The engine rejected a query (syntax, unknown procedure, …)."""


class ConfigError(GovkgError):
    """A setting or a data table is wrong."""


class UnknownQueryError(GovkgError):
    """No named query has that name, or a parameter is missing."""
