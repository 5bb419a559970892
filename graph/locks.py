"""An exclusive lock on a file in the store directory, held by one process at a time (flock):
the embedded server's start lock and the per-store write lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from govkg.errors import StoreLockedError, StoreUnavailableError


@contextlib.contextmanager
def exclusive(path: Path, timeout_s: float | None = None, busy: str = "") -> Iterator[None]:
    """Hold ``path`` exclusively; wait for ever, or give up after ``timeout_s`` with ``busy``."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as e:
        raise StoreUnavailableError(f"cannot open {path}: {e.strerror}") from e
    try:
        if timeout_s is None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise StoreLockedError(busy or f"{path} is held by another process") from e
                    time.sleep(0.05)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
