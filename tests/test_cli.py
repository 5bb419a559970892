"""The govkg command line, end to end on a real embedded store."""

from __future__ import annotations

import csv
import json
import os

import pytest
from conftest import BACKENDS, NOTICES, _neo4j
from typer.testing import CliRunner

from govkg.cli import app


@pytest.fixture(params=BACKENDS)
def cli(request, tmp_path, monkeypatch):
    """The CLI on a new embedded store, or on the (emptied) Neo4j of NEO4J_URI."""
    runner = CliRunner()
    invoke = lambda *args: runner.invoke(app, list(args), catch_exceptions=False)  # noqa: E731
    invoke.backend = request.param
    if request.param == "neo4j":
        monkeypatch.setenv("GOVKG_STORE", os.environ["NEO4J_URI"])
        _neo4j().close()
        yield invoke
        _neo4j().close()
        return
    monkeypatch.setenv("GOVKG_STORE", str(tmp_path / "store"))
    yield invoke
    runner.invoke(app, ["db", "stop"])


def test_parse_json_prints_the_model_with_coverage(cli):
    r = cli("parse", str(NOTICES / "quzhou-2021-decomposition.txt"), "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["doc_no"] == "衢政办发〔2021〕3号" and len(doc["parts"]) == 3
    assert {c["cls"] for c in doc["coverage"]["lines"]} == {"structure", "boilerplate"}


def test_load_reports_bad_files_loads_the_rest_and_exits_1(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "huzhou.txt").write_bytes((NOTICES / "huzhou-2022-decomposition.txt").read_bytes())
    r = cli("load", str(folder))
    assert r.exit_code == 1
    assert "empty.txt: the file is empty" in r.stderr
    assert "picture.txt: the file is binary, not text" in r.stderr
    q = cli(
        "query",
        "MATCH (d:Document)-[:CONTAINS]->(t:Task) RETURN d.source AS source, count(t) AS tasks",
        "--format",
        "json",
    )
    assert json.loads(q.stdout) == [{"source": "huzhou.txt", "tasks": 146}]


def test_query_params_named_queries_and_formats(cli):
    assert cli("load", str(NOTICES)).exit_code == 0
    r = cli(
        "query",
        "MATCH (d:Document {source: $s})-[:CONTAINS]->(t:Task) RETURN count(t) AS n",
        "--param",
        "s=changxing-2023-decomposition.txt",
        "--format",
        "json",
    )
    assert json.loads(r.stdout) == [{"n": 134}]
    r = cli("query", "--name", "tasks_per_unit", "-p", "region=湖州市", "-p", "year=2022", "--format", "csv")
    assert r.stdout.splitlines()[1].startswith("市发展改革委,drc,18,")
    r = cli("query", "--name", "target_trajectory", "-p", 'regions=["长兴县"]', "--format", "json")
    assert [x["value"] for x in json.loads(r.stdout)] == [6.5]
    assert "tasks_per_unit" in cli("query", "--list").stdout
    r = cli("query", "CREATE (:Task {key: 'x'})")
    assert r.exit_code == 1 and "read-only" in r.stderr


def test_db_status_export_and_resolve(cli, tmp_path):
    if cli.backend != "falkordb":
        pytest.skip("db status reports on the embedded server")
    assert cli("load", str(NOTICES)).exit_code == 0
    st = cli("db", "status")
    assert st.exit_code == 0 and "running" in st.stdout and "5 Document" in st.stdout
    out = tmp_path / "g.jsonl"
    assert cli("export", str(out)).exit_code == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for x in lines if x["type"] == "node" and x["label"] == "Document") == 5
    admin = tmp_path / "admin"
    assert cli("export", str(admin), "--format", "neo4j-admin").exit_code == 0
    with (admin / "nodes_Task.csv").open(encoding="utf-8", newline="") as f:
        task_rows = list(csv.reader(f))
    head = task_rows[0]
    assert head[0] == "key:ID" and head[-1] == ":LABEL" and "seq:long" in head and "text:string" in head
    assert len(task_rows) - 1 == sum(1 for x in lines if x["type"] == "node" and x["label"] == "Task")
    assert all(r[-1] == "Task" and len(r) == len(head) for r in task_rows[1:])
    with (admin / "rels_RESPONSIBLE.csv").open(encoding="utf-8", newline="") as f:
        rel_rows = list(csv.reader(f))
    assert rel_rows[0][0] == ":START_ID" and rel_rows[0][-2:] == [":END_ID", ":TYPE"]
    assert "position:long" in rel_rows[0] and all(r[-1] == "RESPONSIBLE" for r in rel_rows[1:])
    assert not list(admin.glob("*.tmp"))
    sch = cli("db", "schema")
    assert sch.exit_code == 0 and "schema ready: falkordb" in sch.stdout
    rep = cli("resolve", "--report", "--format", "csv")
    assert "南太湖新区管委会" in rep.stdout
    rows = len(rep.stdout.strip().splitlines()) - 1
    summary = cli("resolve", "--summary")
    assert (
        summary.stdout.startswith(f"{rows} unit names unknown") and "南太湖新区管委会" not in summary.stdout
    )
    assert cli("db", "stop").stdout.strip() == "stopped"
    assert cli("db", "status").exit_code == 3


def test_parse_json_is_compact_and_in_proportion_to_the_input(cli):
    src = NOTICES / "huzhou-2022-decomposition.txt"
    r = cli("parse", str(src), "--format", "json")
    doc = json.loads(r.stdout)
    assert len(r.stdout) < 10 * len(src.read_text(encoding="utf-8"))  # was 25x with empty fields spelt out
    task = doc["parts"][0]["sections"][0]["tasks"][0]
    assert "section" not in task and isinstance(task["prov"], list) and len(task["prov"]) == 3
    unit = task["units"][0]
    assert "as_written" not in unit or unit["as_written"] != unit["name"]
    assert all("text" not in c for c in doc["coverage"]["lines"])
    assert "source_text" not in doc and "text" not in doc


def test_bad_paths_give_one_line_each_and_the_rest_loads(cli, tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huzhou.txt").write_bytes((NOTICES / "huzhou-2022-decomposition.txt").read_bytes())
    os.mkfifo(folder / "pipe.txt")  # read as a file it would block for ever
    r = cli("load", str(folder), str(tmp_path / "missing.txt"))
    assert r.exit_code == 1
    assert "pipe.txt: not a regular file (a FIFO)" in r.stderr
    assert "missing.txt: no such file" in r.stderr and "corrupt" not in r.stderr
    q = cli("query", "MATCH (d:Document) RETURN d.source AS s", "--format", "json")
    assert json.loads(q.stdout) == [{"s": "huzhou.txt"}]
    empty = tmp_path / "empty"
    empty.mkdir()
    e = cli("load", str(empty))
    assert e.exit_code == 1 and "the folder holds no files to load" in e.stderr


def test_an_unreadable_file_is_one_error_line(cli, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file: permissions cannot make one unreadable")
    f = tmp_path / "secret.txt"
    f.write_bytes((NOTICES / "huzhou-2022-decomposition.txt").read_bytes())
    f.chmod(0)
    r = cli("load", str(f))
    assert r.exit_code == 1 and "secret.txt: cannot be read (permission denied)" in r.stderr


def test_document_text_and_file_names_are_never_markup(cli, tmp_path):
    f = tmp_path / "odd\nname.txt"
    text = (NOTICES / "huzhou-2022-decomposition.txt").read_text(encoding="utf-8")
    f.write_text(text.replace("关于印发", "关于[/]印发", 1), encoding="utf-8")
    r = cli("parse", str(f))
    assert r.exit_code == 0 and "[/]" in r.stdout
    load = cli("load", str(f))
    assert load.exit_code == 0 and "odd⏎" in load.stdout  # one row, the break shown, not made


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("n=99999999999999999999", "does not fit a 64-bit integer"),
        ("a`b=1", "a parameter name is letters"),
        ('m={"a`b": 1}', "is not a name"),
    ],
)
def test_parameters_that_cannot_travel_are_refused(cli, param, message):
    r = cli("query", "RETURN 1 AS one", "-p", param)
    assert r.exit_code != 0 and message in (r.stderr + r.stdout)


def test_query_mistakes_get_one_clear_answer(cli):
    assert cli("load", str(NOTICES / "huzhou-2022-decomposition.txt")).exit_code == 0
    r = cli("query", "--name", "tasks_per_unit", "--format", "xlsx")
    assert r.exit_code == 2 and "--format must be one of table, json, csv" in r.output
    r = cli("query", "MATCH (n) RETURN count(n)", "--name", "tasks_per_unit")
    assert r.exit_code == 2 and "not both" in r.output
    r = cli("query", "--name", "task_per_unit")
    assert r.exit_code == 1 and "did you mean tasks_per_unit" in r.stderr
    r = cli("query", "--name", "tasks_per_unit", "-p", "year=abc")
    assert r.exit_code == 1 and "'abc' is not an integer" in r.stderr
    r = cli("query", "MATCH (n RETURN n")
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    if cli.backend == "falkordb":  # FalkorDB's errMsg/errCtx reply, made readable
        assert "Cypher syntax error at line 1, column 10" in r.stderr
        assert "errMsg" not in r.stderr and "errCtx" not in r.stderr


def test_docs_cli_is_generated_from_the_commands():
    import subprocess
    import sys

    from conftest import ROOT

    out = subprocess.run(
        [sys.executable, "-m", "govkg.gendocs"], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == out.stdout, (
        "docs/cli.md is stale: python -m govkg.gendocs > docs/cli.md"
    )
