"""Tidy tables of the graph for analysis without Cypher (R, Stata, pandas, a spreadsheet).

``export_tables(store, directory)`` writes documents, tasks, assignments (task × unit, with role and
lead basis), leaders, targets, milestones and regions, each as CSV with a UTF-8 byte-order mark (so
Excel on Chinese Windows reads it) and as Parquet, and ``codebook.md`` describing every column and
code. The columns, their types and their descriptions come from ``data/export/tables.json``.
Documents are read a page at a time, so memory stays bounded by a page of documents.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkg.errors import ConfigError
from govkg.resources import data_dir

from .store import Store

DOCS_PER_PAGE = 50
R_DOC_KEYS = "MATCH (d:Document) RETURN d.key AS key ORDER BY key"
# one read per table and page of documents; columns in the order of data/export/tables.json
READS: dict[str, str] = {
    "documents": (
        "UNWIND $docs AS k MATCH (d:Document {key: k}) "
        "RETURN d.key, d.region, d.region_code, d.region_path, d.year, d.kind, d.title, d.doc_no, d.issuer, "
        "d.date, d.source, d.lead_rule, d.task_count, d.target_count, d.lines_unknown, d.warnings"
    ),
    "tasks": (
        "UNWIND $docs AS k MATCH (:Document {key: k})-[:CONTAINS]->(t:Task) "
        "OPTIONAL MATCH (t)-[:SUBTASK_OF]->(p:Task) "
        "RETURN t.key, t.doc, t.region, t.year, t.seq, t.number, p.key, t.horizon, t.part, t.section, t.text, "
        "t.leader_note, coalesce(t.truncated, false), t.line ORDER BY t.doc, t.seq"
    ),
    "assignments": (
        "UNWIND $docs AS k MATCH (:Document {key: k})-[:CONTAINS]->(t:Task)<-[r:RESPONSIBLE]-(u:Unit) "
        "OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t) "
        "RETURN t.key, t.doc, t.region, t.year, u.key, u.name, u.function, coalesce(u.collective, false), r.role, "
        "r.position, r.as_written, p IS NOT NULL, p.basis, coalesce(r.inferred_lead, false), r.line "
        "ORDER BY t.doc, t.seq, r.position"
    ),
    "leaders": (
        "UNWIND $docs AS k MATCH (:Document {key: k})-[:CONTAINS]->(t:Task)<-[e:LEADS]-(l:Leader) "
        "RETURN t.key, t.doc, t.region, t.year, l.key, l.name, e.title, e.line ORDER BY t.doc, t.seq, l.name"
    ),
    "targets": (
        "UNWIND $docs AS k MATCH (:Document {key: k})-[:STATES]->(g:Target) "
        "OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g) "
        "RETURN g.key, g.doc, t.key, g.region, g.year, g.kind, g.indicator, g.indicator_norm, g.metric, g.value, "
        "g.value_high, g.unit, g.comparator, g.qualifier, g.text, g.line ORDER BY g.doc, g.line, g.key"
    ),
    "milestones": (
        "UNWIND $docs AS k MATCH (:Document {key: k})-[:CONTAINS]->(t:Task)-[:HAS_MILESTONE]->(m:Milestone) "
        "RETURN m.key, t.key, m.doc, m.due, m.text, m.line ORDER BY m.doc, m.line, m.key"
    ),
}
R_REGIONS = (
    "MATCH (g:Region) OPTIONAL MATCH (g)-[:PART_OF]->(p:Region) "
    "RETURN g.key, g.code, g.name, g.label, g.level, g.path, p.code, g.former_names ORDER BY g.code, g.key"
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # int, float, str, bool, list
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]


def spec() -> tuple[list[Table], dict[str, dict[str, str]]]:
    path = data_dir() / "export" / "tables.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        tables = [
            Table(name, t["doc"], tuple(Column(c, ty, d) for c, (ty, d) in t["columns"].items()))
            for name, t in raw["tables"].items()
        ]
        return tables, raw["codes"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigError(f"{path}: {e}") from e


def cell(value: Any, kind: str) -> Any:
    """A value as the column's type says: integers as integers (not 8.0), floats rounded to what
    was printed, lists joined with 、, empty as None."""
    if value is None:
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return round(float(value), 6)
    if kind == "bool":
        return bool(value)
    if kind == "list":
        return "、".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


def _rows(store: Store, table: Table, keys: list[str]) -> Iterator[list[Any]]:
    kinds = [c.type for c in table.columns]
    if table.name == "regions":
        pages: Iterator[list[list[Any]]] = iter([store.query(R_REGIONS, timeout_ms=120_000).rows])
    else:
        pages = (
            store.query(READS[table.name], {"docs": keys[i : i + DOCS_PER_PAGE]}, timeout_ms=120_000).rows
            for i in range(0, len(keys), DOCS_PER_PAGE)
        )
    for page in pages:
        for row in page:
            if len(row) != len(kinds):
                raise ConfigError(
                    f"the {table.name} read returns {len(row)} columns, tables.json names {len(kinds)}"
                )
            yield [cell(v, k) for v, k in zip(row, kinds, strict=True)]


_ARROW = {"int": "int64", "float": "float64", "bool": "bool", "str": "string", "list": "string"}


def export_tables(store: Store, directory: Path) -> dict[str, int]:
    """Write every table as CSV (UTF-8 with BOM) and Parquet, and codebook.md; return rows per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables, codes = spec()
    directory.mkdir(parents=True, exist_ok=True)
    keys = [str(k) for k in store.query(R_DOC_KEYS, timeout_ms=120_000).column("key")]
    counts: dict[str, int] = {}
    for table in tables:
        names = [c.name for c in table.columns]
        schema = pa.schema([(c.name, _ARROW[c.type]) for c in table.columns])
        n = 0
        with (
            (directory / f"{table.name}.csv").open("w", encoding="utf-8-sig", newline="") as f,
            pq.ParquetWriter(str(directory / f"{table.name}.parquet"), schema) as parquet,
        ):
            out = csv.writer(f)
            out.writerow(names)
            batch: list[list[Any]] = []
            for row in _rows(store, table, keys):
                out.writerow(["" if v is None else v for v in row])
                batch.append(row)
                n += 1
                if len(batch) >= 20_000:
                    parquet.write_table(
                        pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in batch], schema)
                    )
                    batch = []
            if batch or n == 0:
                parquet.write_table(
                    pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in batch], schema)
                )
        counts[table.name] = n
    (directory / "codebook.md").write_text(codebook(tables, codes, counts), encoding="utf-8")
    return counts


def codebook(
    tables: list[Table], codes: dict[str, dict[str, str]], counts: dict[str, int] | None = None
) -> str:
    out = [
        "# Codebook",
        "",
        "Tables exported by `govkg export DIR --format tables`: each as `<table>.csv` (UTF-8 with a byte-order "
        "mark) and `<table>.parquet`. Keys join the tables: `doc` → documents, `task` → tasks, `unit_key` and "
        "`leader_key` name one unit or leader of one region. Lists are joined with 、. Empty cells are missing "
        "values.",
        "",
    ]
    for t in tables:
        rows = f" ({counts[t.name]:,} rows)" if counts and t.name in counts else ""
        out += [f"## {t.name}{rows}", "", t.doc, "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in t.columns]
        out.append("")
    out += ["## Codes", ""]
    for name, values in codes.items():
        out += [f"### {name}", "", "| code | meaning |", "|---|---|"]
        out += [f"| `{k}` | {v} |" for k, v in values.items()]
        out.append("")
    return "\n".join(out)


def export_zip(store: Store) -> tuple[bytes, dict[str, int]]:
    """The research dataset (every table as CSV and Parquet, and codebook.md) as one zip archive."""
    import io
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory(prefix="govkg-dataset-") as tmp:
        counts = export_tables(store, Path(tmp))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(Path(tmp).iterdir()):
                z.write(f, f"govkg-dataset/{f.name}")
    return buf.getvalue(), counts
