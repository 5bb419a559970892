"""The research dataset: `govkg export DIR --format tables` on the seeds."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def exported(seed_store, tmp_path_factory):
    from graph.tables import export_tables

    out = tmp_path_factory.mktemp("tables")
    return out, export_tables(seed_store, out)


def test_every_table_is_written_with_a_bom_and_as_parquet(exported):
    import pyarrow.parquet as pq

    out, counts = exported
    spec = json.loads((ROOT / "data" / "export" / "tables.json").read_text(encoding="utf-8"))
    for name, table in spec["tables"].items():
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # Excel on Chinese Windows needs it
        header = next(csv.reader((out / f"{name}.csv").open(encoding="utf-8-sig")))
        assert header == list(table["columns"]), name
        assert pq.read_table(out / f"{name}.parquet").num_rows == counts[name], name
    assert counts["documents"] == 5 and counts["tasks"] == 496


def test_integers_are_integers_and_lists_are_joined(exported):
    out, _ = exported
    docs = list(csv.DictReader((out / "documents.csv").open(encoding="utf-8-sig")))
    assert {d["tasks"] for d in docs} >= {"146", "134"}  # not 146.0
    tasks = list(csv.DictReader((out / "tasks.csv").open(encoding="utf-8-sig")))
    assert all(t["seq"].isdigit() and t["line"].isdigit() for t in tasks)
    leads = list(csv.DictReader((out / "assignments.csv").open(encoding="utf-8-sig")))
    hz = [a for a in leads if a["region"] == "湖州市" and a["year"] == "2022" and a["unit"] == "市发展改革委"]
    assert sum(a["lead_stated"] == "True" for a in hz) == 18  # the 18 tasks it leads, as in tasks_per_unit
    assert all(a["inferred_lead"] in ("True", "False") for a in leads)
    targets = list(csv.DictReader((out / "targets.csv").open(encoding="utf-8-sig")))
    gdp = [
        t for t in targets if t["indicator_norm"] == "gdp" and t["region"] == "湖州市" and t["year"] == "2022"
    ]
    assert gdp and all("0000000" not in t["value"] for t in targets)
    regions = list(csv.DictReader((out / "regions.csv").open(encoding="utf-8-sig")))
    assert {"330500", "330522", "330800", "330000"} <= {r["code"] for r in regions}


def test_the_codebook_names_every_column_and_code(exported):
    out, _ = exported
    book = (out / "codebook.md").read_text(encoding="utf-8")
    spec = json.loads((ROOT / "data" / "export" / "tables.json").read_text(encoding="utf-8"))
    for name, table in spec["tables"].items():
        assert f"## {name}" in book
        for column in table["columns"]:
            assert f"| `{column}` |" in book, (name, column)
    for values in spec["codes"].values():
        for code in values:
            assert f"| `{code}` |" in book


def test_the_cli_writes_the_tables(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from govkg.cli import app

    monkeypatch.setenv("GOVKG_STORE", str(tmp_path / "store"))
    runner = CliRunner()
    try:
        assert runner.invoke(app, ["load", str(ROOT / "data" / "notices")]).exit_code == 0
        r = runner.invoke(app, ["export", str(tmp_path / "out"), "--format", "tables"])
        assert r.exit_code == 0, r.output
        assert "496 tasks" in r.output and (tmp_path / "out" / "codebook.md").exists()
    finally:
        runner.invoke(app, ["db", "stop"])
