"""Generate docs/cli.md from the CLI's own help: `python -m govkg.gendocs > docs/cli.md`."""

from __future__ import annotations

import sys
from typing import Any

import typer

from govkg.cli import app


def _walk(cmd: Any, path: list[str], out: list[str]) -> None:
    ctx = cmd.context_class(cmd, info_name=" ".join(path)) if hasattr(cmd, "context_class") else None
    if hasattr(cmd, "list_commands"):
        for name in sorted(cmd.list_commands(ctx)):
            sub = cmd.get_command(ctx, name)
            if sub is not None:
                _walk(sub, [*path, name], out)
        return
    out.append(f"## `{' '.join(path)}`\n")
    out.append("```text")
    out.append(cmd.get_help(ctx).replace("\r", ""))
    out.append("```\n")


def main() -> None:
    root = typer.main.get_command(app)
    out = [
        "# govkg command line",
        "",
        "Generated from the commands' own help (`make docs`). Every command takes `--store DIR_OR_URI`",
        "(default: `$GOVKG_STORE`, else the user data directory): a directory is the embedded FalkorDB",
        "store, `neo4j://…`/`bolt://…` a Neo4j server, `falkordb://host:port` an existing FalkorDB.",
        "",
    ]
    _walk(root, ["govkg"], out)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
