"""Run `govkg` and report the peak RSS of the loader: its own and its parse workers'.

Usage: python -m bench.rss OUT.json govkg-args…  (OUT gets {"main_mb": …, "worker_mb": …}).
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def _hwm_mb() -> float:
    """This address space's peak RSS. (getrusage's ru_maxrss survives execve, so a child started
    from a large benchmark process would report the benchmark's peak as its own.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    out, args = Path(sys.argv[1]), sys.argv[2:]
    from govkg.cli import app

    code = 0
    try:
        app(args)
    except SystemExit as e:  # typer exits with the command's status
        code = int(e.code or 0)
    finally:
        out.write_text(
            json.dumps(
                {
                    "main_mb": _hwm_mb(),
                    "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                }
            )
        )
    sys.exit(code)


if __name__ == "__main__":
    main()
