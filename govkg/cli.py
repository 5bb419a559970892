"""The ``govkg`` command line: a thin shell over the library."""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

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


F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(fn: F) -> F:
    """Every govkg error ends the command with its one-line message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GovkgError as e:
            err.print(f"error: {e}", markup=False)
            raise typer.Exit(1) from e

    return wrapper  # type: ignore[return-value]


def plain(value: object) -> Text:
    """Text from a document or a file name, shown as it is: never read as Rich markup (a title
    may hold [/]), a line break shown as ⏎ so it cannot split a table row."""
    return Text(str(value).replace("\n", "⏎").replace("\r", "⏎"))


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the files inside them, sorted. A folder (or a folder
    inside one) that cannot be read, or that holds nothing to load, is said on stderr and makes
    the command exit 1 after the rest is done (see ``_folder_problems``)."""
    out: list[Path] = []
    _folder_problems.clear()
    for p in paths:
        if p.is_dir():
            found: list[Path] = []

            def unreadable(e: OSError) -> None:
                _folder_problems.append(f"{e.filename}: the folder cannot be read ({e.strerror})")

            for root, dirs, names in os.walk(p, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root) / n for n in names if not n.startswith(".")]
            if not found:
                _folder_problems.append(f"{p}: the folder holds no files to load")
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


_folder_problems: list[str] = []


def _report_folder_problems() -> bool:
    for msg in _folder_problems:
        err.print(f"error: {msg}", markup=False, soft_wrap=True)
    return bool(_folder_problems)


@app.command()
@friendly_errors
def parse(
    files: Annotated[list[Path], typer.Argument(help="Notice files (.txt .html .docx .pdf) or folders.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="summary, json or coverage.")] = "summary",
) -> None:
    """Parse notices and show the document model.

    \b
    Example: govkg parse data/notices/huzhou-2022-decomposition.txt --format json
    """
    from loaders import load_file
    from loaders.model import to_json

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
        # the compact form: a few times the size of the input, not twenty-five (to_json's docstring)
        payload = [to_json(d, exclude=frozenset({"text", "source_text"}), compact=True) for d in docs]
        sys.stdout.write(
            json.dumps(
                payload[0] if len(payload) == 1 else payload, ensure_ascii=False, separators=(",", ":")
            )
            + "\n"
        )
    if _report_folder_problems() or failed:
        raise typer.Exit(1)


def _print_summary(doc: object) -> None:
    from loaders.model import Document

    assert isinstance(doc, Document)
    t = Table(title=plain(f"{doc.source}: {doc.title or '(no title)'}"), show_header=True)
    t.add_column("part")
    t.add_column("kind")
    t.add_column("sections", justify="right")
    t.add_column("tasks", justify="right")
    t.add_column("sub-tasks", justify="right")
    for p in doc.parts:
        tops = [x for s in p.sections for x in s.tasks]
        t.add_row(
            plain(p.title),
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


StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help="Store directory or URI (neo4j://…, bolt://…, falkordb://host:port). Default: $GOVKG_STORE or the user data directory.",
    ),
]


def _store(uri: str | None) -> Any:
    from govkg.pipeline import open_current

    return open_current(uri)  # documents an older govkg wrote are derived again on open


@app.command()
@friendly_errors
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of notices.")],
    store: StoreOpt = None,
    batch: Annotated[int, typer.Option(help="Rows per UNWIND batch.")] = 5000,
    workers: Annotated[
        int | None,
        typer.Option(help="Parse processes (default: the cores, at most 4; or GOVKG_PARSE_WORKERS).", min=1),
    ] = None,
) -> None:
    """Load notices into the store: read, parse, resolve, write, link.

    Each document is written as one unit; loading the same file twice changes
    nothing; a corrected file replaces its document. Exits 1 if any document
    failed, after loading all the others.

    Files are parsed in worker processes while whole documents are written
    together; at most a few parsed files wait in memory, so a corpus of any size
    streams, to the embedded store or to Neo4j.

    \b
    Example: govkg load data/notices
    Example: govkg load corpus/ --store neo4j://localhost:7687 --workers 4
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from govkg.pipeline import load_paths

    files = expand_paths(paths)
    with (
        _store(store) as st,
        Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as bar,
    ):
        job = bar.add_task("loading", total=len(files))
        report = load_paths(st, files, progress=lambda r: bar.advance(job), batch=batch, workers=workers)
    t = Table(title=f"govkg load → {st.location}")
    for col in ("file", "status", "region", "year", "kind", "tasks", "targets", "not understood"):
        t.add_column(col)
    for r in report.results:
        status = {"failed": "[red]failed[/red]", "unchanged": "[dim]unchanged[/dim]"}.get(r.status, r.status)
        t.add_row(
            plain(Path(r.path).name),
            status,
            plain(r.region or ""),
            str(r.year or ""),
            r.kind or "",
            str(r.tasks),
            str(r.targets),
            str(r.unknown_lines),
        )
    console.print(t)
    for r in report.failed:
        err.print(f"error: {r.error}", markup=False)
    links = report.links
    if links:
        total = {
            k: sum(getattr(c, k) for c in links.values())
            for k in ("documents", "tasks", "targets", "outcomes", "units")
        }
        console.print(
            "links: "
            + ", ".join(f"{v} {k}" for k, v in total.items())
            + (f" (regions: {', '.join(links)})" if len(links) <= 10 else f" ({len(links)} regions)"),
            markup=False,
        )
    if _report_folder_problems() or report.failed:
        raise typer.Exit(1)


PARAM_NAME = re.compile(r"^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*$")
INT64 = 2**63


def _check_value(name: str, v: Any) -> None:
    """Values FalkorDB and Neo4j can hold: 64-bit integers (a larger one would be clamped without a
    word), maps whose keys are parameter names (a backtick in a key broke the query text)."""
    if isinstance(v, bool):
        return
    if isinstance(v, int) and not -INT64 <= v < INT64:
        raise typer.BadParameter(f"--param {name}: {v} does not fit a 64-bit integer")
    if isinstance(v, list):
        for x in v:
            _check_value(name, x)
    if isinstance(v, dict):
        for k, x in v.items():
            if not PARAM_NAME.match(str(k)):
                raise typer.BadParameter(f"--param {name}: the key {k!r} is not a name (letters, digits, _)")
            _check_value(name, x)


def _parse_param(raw: str) -> tuple[str, Any]:
    if "=" not in raw:
        raise typer.BadParameter(f"--param takes k=v, got {raw!r}")
    k, v = raw.split("=", 1)
    k = k.strip()
    if not PARAM_NAME.match(k):
        raise typer.BadParameter(f"--param {k!r}: a parameter name is letters, digits and _")
    try:
        value = json.loads(v)
    except ValueError:
        return k, v
    _check_value(k, value)
    return k, value


@app.command()
@friendly_errors
def query(
    cypher: Annotated[str | None, typer.Argument(help="A Cypher statement (or use --name).")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A named query from queries/.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="k=v; v is read as JSON when it parses, else as a string."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    write: Annotated[
        bool, typer.Option("--write", help="Allow writes (the default is read-only, enforced by the engine).")
    ] = False,
    timeout: Annotated[int | None, typer.Option(help="Time limit in milliseconds.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = None,
) -> None:
    """Run Cypher or a named query; read-only unless --write.

    \b
    Examples:
      govkg query "MATCH (d:Document {source:$s})-[:CONTAINS]->(t:Task) RETURN count(t)" -p s=huzhou-2022-decomposition.txt
      govkg query --name tasks_per_unit -p region=湖州市 -p year=2022 --format csv
    """
    from graph import queries as q

    if list_:
        t = Table(title="named queries")
        for col in ("name", "title", "parameters", "view"):
            t.add_column(col)
        for nq in q.registry().values():
            t.add_row(
                nq.name, nq.title, ", ".join(f"{p.name}:{p.type}={p.default}" for p in nq.params), nq.view
            )
        console.print(t)
        return
    if fmt not in QUERY_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(QUERY_FORMATS)}, not {fmt!r}")
    if name and cypher:
        raise typer.BadParameter(
            "give a Cypher statement or --name, not both (the statement would be ignored)"
        )
    params = dict(_parse_param(p) for p in (param or []))
    with _store(store) as st:
        if name:
            result = q.get(name).run(st, params, timeout_ms=timeout)
        elif cypher:
            result = st.query(cypher, params, write=write, timeout_ms=timeout)
        else:
            raise typer.BadParameter("give a Cypher statement or --name")
    _print_result(result, fmt)


QUERY_FORMATS = ("table", "json", "csv")


def _print_result(result: Any, fmt: str) -> None:
    import csv

    if fmt == "json":
        sys.stdout.write(json.dumps(result.records(), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(result.columns)
        for row in result.rows:
            w.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in row])
    else:
        t = Table(show_header=True)
        for c in result.columns:
            t.add_column(c)
        for row in result.rows:
            t.add_row(
                *[json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else str(v) for v in row]
            )
        console.print(t)
        console.print(f"{len(result.rows)} row(s)", markup=False)


@app.command()
@friendly_errors
def export(
    out: Annotated[
        Path, typer.Argument(help="Output file (jsonl, graphml) or folder (csv, neo4j-admin, tables).")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl, graphml, csv, neo4j-admin, or tables (a research dataset)."
        ),
    ] = "jsonl",
    store: StoreOpt = None,
) -> None:
    """Export the whole graph, or tidy tables of it for R, Stata or pandas.

    --format tables writes documents, tasks, assignments (task x unit, role, lead basis), leaders,
    targets, milestones and regions as CSV (UTF-8 with BOM) and Parquet, with codebook.md.

    \b
    Examples:
      govkg export graph.jsonl
      govkg export graph.graphml --format graphml
      govkg export import/ --format neo4j-admin
      govkg export dataset/ --format tables
    """
    with _store(store) as st:
        if fmt == "tables":
            from graph.tables import export_tables

            rows = export_tables(st, out)
            console.print(
                f"exported {rows['documents']} documents, {rows['tasks']} tasks, {rows['assignments']} assignments, "
                f"{rows['targets']} targets to {out} (codebook.md describes every column)",
                markup=False,
            )
            return
        from graph.export import export_graph

        counts = export_graph(st, out, fmt)
    console.print(f"exported {counts['nodes']} nodes and {counts['edges']} edges to {out}", markup=False)


@app.command()
@friendly_errors
def resolve(
    report: Annotated[
        bool,
        typer.Option(
            "--report/--summary",
            help="List every unit name that matched no alias-table entry (--summary: only how many).",
        ),
    ] = True,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Report written unit forms the alias tables in data/units do not know.

    \b
    Example: govkg resolve --report
    """
    from graph import queries as q

    with _store(store) as st:
        result = q.get("unmatched_units").run(st)
    if report:
        _print_result(result, fmt)
        return
    rows = result.records()
    listings = sum(int(r.get("listings") or 0) for r in rows)
    regions = len({r.get("region") for r in rows})
    console.print(
        f"{len(rows)} unit names unknown to the alias tables, {listings} listings, in {regions} regions",
        markup=False,
    )


db_app = typer.Typer(help="Manage the embedded FalkorDB server of a store directory.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _server(store: str | None) -> Any:
    from graph.connect import resolve_uri
    from graph.embedded import EmbeddedServer

    target = resolve_uri(store)
    if "://" in target:
        raise typer.BadParameter("govkg db manages the embedded store (a directory), not a server URI")
    return EmbeddedServer(Path(target))


@db_app.command("start")
@friendly_errors
def db_start(store: StoreOpt = None) -> None:
    """Start the embedded server (no-op if it runs). Example: govkg db start"""
    srv = _server(store)
    srv.ensure_running()
    st = srv.status()
    console.print(f"running, pid {st.pid}, socket {st.socket}", markup=False)


@db_app.command("stop")
@friendly_errors
def db_stop(store: StoreOpt = None) -> None:
    """Stop the embedded server cleanly. Example: govkg db stop"""
    srv = _server(store)
    console.print("stopped" if srv.stop() else "not running", markup=False)


@db_app.command("schema")
@friendly_errors
def db_schema(store: StoreOpt = None) -> None:
    """Create the unique constraints and indexes (on Neo4j also the CJK full-text index) if missing; safe to repeat.

    Needed once after a bulk `neo4j-admin` import; loads do it themselves.

    \b
    Example: govkg db schema --store neo4j://localhost:7687
    """
    with _store(store) as st:
        st.ensure_schema()
        console.print(f"schema ready: {st.backend} {st.location}", markup=False)


@db_app.command("status")
@friendly_errors
def db_status(store: StoreOpt = None) -> None:
    """Show whether the embedded server runs, and what the store holds. Example: govkg db status"""
    srv = _server(store)
    st = srv.status()
    if not st.running:
        console.print(f"not running ({st.detail}); store {st.directory}", markup=False)
        raise typer.Exit(3)
    from graph.connect import open_store

    with open_store(str(srv.directory)) as s:
        counts = s.label_counts()
    console.print(f"running, pid {st.pid}, socket {st.socket}", markup=False)
    console.print(", ".join(f"{n} {label}" for label, n in counts) or "empty", markup=False)


@app.command()
@friendly_errors
def synth(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the notices into.")],
    notices: Annotated[int, typer.Option("--notices", "-n", help="How many notices.")] = 100,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same corpus.")] = 42,
    regions: Annotated[
        str,
        typer.Option(help="zhejiang (111 regions, growing by years) or national (a decade per division)."),
    ] = "zhejiang",
) -> None:
    """Generate realistic synthetic notices (for benchmarks and tests).

    \b
    Example: govkg synth --notices 1000 --out /tmp/corpus
             govkg synth --notices 3000 --regions national --out /tmp/national
    """
    from govkg.synth import generate

    if regions not in ("zhejiang", "national"):
        err.print(f"error: --regions must be zhejiang or national, not {regions}", markup=False)
        raise typer.Exit(2)
    files = generate(notices, out, seed=seed, regions=regions)
    console.print(f"wrote {len(files)} notices to {out}", markup=False)


def streamlit_command(app_file: Path, port: int) -> list[str]:
    """The app binds to the loopback interface only."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_file),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]


@app.command("app")
@friendly_errors
def app_cmd(
    store: StoreOpt = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8501,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Let the Cypher console write.")
    ] = False,
    token: Annotated[
        bool,
        typer.Option(
            "--token",
            help="Ask for an access token (printed here, or GOVKG_APP_TOKEN) before showing anything.",
        ),
    ] = False,
) -> None:
    """Start the Streamlit app on http://localhost:8501 (bound to 127.0.0.1 only).

    Without --token any local user who can reach 127.0.0.1 can read the store through the app
    (fine on a single-user machine); with it, the app asks for the token first.

    \b
    Example: govkg app
    Example: govkg app --token
    """
    from graph.connect import open_store, resolve_uri

    target = resolve_uri(store)
    open_store(target).close()  # start the embedded server, or fail here with a clear message
    env = {**os.environ, "GOVKG_STORE": target, "GOVKG_APP_ALLOW_WRITES": "1" if allow_writes else "0"}
    if token:
        import secrets

        env["GOVKG_APP_TOKEN"] = env.get("GOVKG_APP_TOKEN") or secrets.token_urlsafe(24)
        console.print(
            f"access token: {env['GOVKG_APP_TOKEN']}  (or open http://localhost:{port}/?token={env['GOVKG_APP_TOKEN']})",
            markup=False,
        )
    from govkg.resources import app_file

    root = app_file().parent
    cmd = streamlit_command(app_file(), port)
    console.print(f"govkg app on http://localhost:{port} (store {target}); Ctrl-C stops it", markup=False)
    sys.stdout.flush()
    os.chdir(root)
    # govkg becomes Streamlit: a signal sent to it (Ctrl-C, SIGTERM from a supervisor) reaches the
    # server itself, which then frees its port; a child process would be orphaned and keep it
    os.execvpe(cmd[0], cmd, env)


def main() -> None:
    try:
        app()
    except GovkgError as e:
        err.print(f"error: {e}", markup=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
