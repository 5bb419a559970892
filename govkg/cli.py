"""The ``govkg`` command line: a thin shell over the library."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from govkg.errors import GovkgError

app = typer.Typer(
    name="govkg",
    help="A knowledge graph of Chinese local-government responsibilities.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug messages.")] = False,
) -> None:
    _setup_logging(verbose)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the files inside them, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Notice files (.txt .html .docx .pdf) or folders.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="summary, json or coverage.")] = "summary",
) -> None:
    """Parse notices and show the document model.

    Example: govkg parse data/notices/huzhou-2022-decomposition.txt --format json
    """
    from loaders import load_file

    failed = 0
    docs = []
    for path in expand_paths(files):
        try:
            doc = load_file(path)
        except GovkgError as e:
            err.print(f"[red]error[/red] {e}", markup=True)
            failed += 1
            continue
        docs.append(doc)
        if fmt == "summary":
            _print_summary(doc)
        elif fmt == "coverage":
            for ln in doc.coverage.lines:
                console.print(f"{ln.line:5d} {ln.cls.value:12s} {ln.role:28s} {ln.text[:60]}", markup=False)
    if fmt == "json":
        payload = [d.model_dump(mode="json", exclude={"text"}) for d in docs]
        sys.stdout.write(
            json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1) + "\n"
        )
    if failed:
        raise typer.Exit(1)


def _print_summary(doc: object) -> None:
    from loaders.model import Document

    assert isinstance(doc, Document)
    t = Table(title=f"{doc.source}: {doc.title or '(no title)'}", show_header=True)
    t.add_column("part")
    t.add_column("kind")
    t.add_column("sections", justify="right")
    t.add_column("tasks", justify="right")
    t.add_column("sub-tasks", justify="right")
    for p in doc.parts:
        tops = [x for s in p.sections for x in s.tasks]
        t.add_row(
            p.title,
            p.kind.value,
            str(len(p.sections)),
            str(len(tops)),
            str(sum(len(x.subtasks) for x in tops)),
        )
    console.print(t)
    region = doc.region.name if doc.region else "?"
    console.print(
        f"  region {region} · year {doc.year} · kind {doc.kind.value} · 文号 {doc.doc_no or '-'} · "
        f"signed {doc.date or '-'} · lead rule {doc.lead_rule.value} · encoding {doc.encoding}",
        markup=False,
    )
    cov = doc.coverage.summary()
    console.print(
        f"  targets {len(doc.all_targets())} · lines: {cov['structure']} structure, "
        f"{cov['boilerplate']} boilerplate, {cov['unknown']} not understood",
        markup=False,
    )
    for ln in doc.coverage.unknown:
        console.print(f"  not understood, line {ln.line}: {ln.text[:70]}", markup=False)


def main() -> None:
    try:
        app()
    except GovkgError as e:
        err.print(f"error: {e}", markup=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
