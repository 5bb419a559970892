"""A document as rows for batched ``UNWIND $rows`` writes, and the statements
that replace a document's subgraph as one unit.

Keys are deterministic from content: a document's key from its region, kind,
year and 文号 (or title), so a corrected file replaces its predecessor; tasks,
targets and milestones are keyed under their document; units and leaders
under their region, so they are shared across that region's documents.
Every edge written for a document carries ``doc`` (its key) and ``line``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from loaders.model import Document, LeadBasis, Region, Target, Task

from .store import Statement, batched

Row = dict[str, Any]


def document_key(doc: Document) -> str:
    region = (doc.region.code or doc.region.display) if doc.region else ""
    ident = doc.doc_no or doc.title or ""
    if not region and not ident:
        ident = doc.source
    basis = f"{region}|{doc.kind.value}|{doc.year}|{ident}"
    return "doc:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def region_key(r: Region) -> str:
    """region:<code> (region:320106); a region without a code (the synthetic corpus) by its name."""
    return f"region:{r.code or r.display}"


def region_scope(r: Region | None) -> str | None:
    """What units and leaders are scoped by: the region's code, so two 鼓楼区 share nothing."""
    return (r.code or r.display) if r is not None else None


def unit_key(scope: str | None, name: str) -> str:
    return f"unit:{scope or '?'}:{name}"


def leader_key(scope: str | None, name: str) -> str:
    return f"leader:{scope or '?'}:{name}"


@dataclass
class DocumentRows:
    key: str
    sha256: str
    region: str | None  # the region's label, the value of every `region` property
    document: Row
    region_key: str | None = None
    regions: list[Row] = field(default_factory=list)
    part_of: list[Row] = field(default_factory=list)
    years: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    subtasks: list[Row] = field(default_factory=list)
    leaders: list[Row] = field(default_factory=list)
    leads: list[Row] = field(default_factory=list)
    units: list[Row] = field(default_factory=list)
    responsible: list[Row] = field(default_factory=list)
    primary: list[Row] = field(default_factory=list)
    targets: list[Row] = field(default_factory=list)
    has_target: list[Row] = field(default_factory=list)
    milestones: list[Row] = field(default_factory=list)

    @property
    def task_count(self) -> int:
        return len(self.tasks)


def _regions(region: Region | None, rows: DocumentRows) -> None:
    r = region
    while r is not None:
        rows.regions.append(
            {
                "key": region_key(r),
                "name": r.name,
                "label": r.display,
                "level": r.level,
                "code": r.code,
                "path": r.path,
                "former_names": list(r.former_names),
            }
        )
        if r.parent is not None:
            rows.part_of.append({"child": region_key(r), "parent": region_key(r.parent)})
        r = r.parent


def _target_row(t: Target, key: str, doc_key: str, region: str | None) -> Row:
    return {
        "key": key,
        "doc": doc_key,
        "props": {
            "key": key,
            "indicator": t.indicator,
            "indicator_norm": t.indicator_norm,
            "metric": t.metric,
            "value": t.value,
            "value_high": t.value_high,
            "unit": t.unit,
            "comparator": t.comparator.value,
            "qualifier": t.qualifier,
            "kind": t.kind.value,
            "year": t.year,
            "region": region,
            "text": t.text,
            "line": t.prov.line,
            "doc": doc_key,
        },
    }


# Bumped whenever the rows written for a document change shape, so a reload rewrites
# documents stored by an older govkg even when their file has not changed.
ROWS_VERSION = 6


def document_rows(doc: Document) -> DocumentRows:
    key = document_key(doc)
    region = doc.region.display if doc.region else None
    scope = region_scope(doc.region)
    parts = {p.index: p for p in doc.parts}
    cov = doc.coverage.summary()
    rows = DocumentRows(
        key=key,
        sha256=doc.sha256,
        region=region,
        region_key=region_key(doc.region) if doc.region else None,
        document={
            "key": key,
            "title": doc.title,
            "doc_no": doc.doc_no,
            "issuer": doc.issuer,
            "date": doc.date.isoformat() if doc.date else None,
            "year": doc.year,
            "region": region,
            "region_code": doc.region.code if doc.region else None,
            "region_path": doc.region.path if doc.region else None,
            "region_basis": doc.region_basis,
            "date_basis": doc.date_basis,
            "warnings": list(doc.warnings),
            "truncated": doc.truncated,
            "normalization": list(doc.normalization),
            "links_pending": doc.region is not None,  # cleared by the link pass (graph.links)
            "kind": doc.kind.value,
            "source": doc.source,
            "sha256": doc.sha256,
            "rows_version": ROWS_VERSION,
            "lead_rule": doc.lead_rule.value,
            "lead_rule_text": doc.lead_rule_text,
            "encoding": doc.encoding,
            "format": doc.format,
            "parts": [p.title for p in doc.parts],
            "part_kinds": [p.kind.value for p in doc.parts],
            "lines_structure": cov["structure"],
            "lines_boilerplate": cov["boilerplate"],
            "lines_unknown": cov["unknown"],
            "unknown_lines": [f"{ln.line}: {ln.text}" for ln in doc.coverage.unknown],
            "text": doc.text,
            # the text as read, where normalization changed it (traditional script, a flattened page)
            "source_text": doc.source_text if doc.source_text and doc.source_text != doc.text else None,
        },
    )
    _regions(doc.region, rows)
    if doc.year is not None:
        rows.years.append({"key": f"year:{doc.year}", "value": doc.year})
    target_no = 0
    seen_leaders: set[str] = set()
    seen_units: dict[str, Row] = {}

    def add_targets(targets: list[Target], task_key: str | None) -> None:
        nonlocal target_no
        for t in targets:
            target_no += 1
            tkey = f"{key}:target:{target_no}"
            rows.targets.append(_target_row(t, tkey, key, region))
            if t.year is not None and not any(y["value"] == t.year for y in rows.years):
                rows.years.append({"key": f"year:{t.year}", "value": t.year})
            if task_key is not None:
                rows.has_target.append({"task": task_key, "target": tkey, "doc": key, "line": t.prov.line})

    def add_task(t: Task, parent: str | None) -> None:
        tkey = f"{key}:task:{t.seq}"
        part = parts.get(t.part)
        rows.tasks.append(
            {
                "key": tkey,
                "doc": key,
                "year": f"year:{doc.year}" if doc.year is not None else None,
                "props": {
                    "key": tkey,
                    "seq": t.seq,
                    "number": t.number,
                    "text": t.text,
                    "part": part.title if part else None,
                    "part_kind": part.kind.value if part else None,
                    "section": t.section,
                    "horizon": t.horizon.value,
                    "year": doc.year,
                    "region": region,
                    "line": t.prov.line,
                    "doc": key,
                    "leader_note": t.leader_note,
                    "truncated": t.truncated,
                },
            }
        )
        if parent is not None:
            rows.subtasks.append({"child": tkey, "parent": parent, "doc": key, "line": t.prov.line})
        for ldr in t.leaders:
            lkey = leader_key(scope, ldr.name)
            if lkey not in seen_leaders:
                seen_leaders.add(lkey)
                rows.leaders.append({"key": lkey, "name": ldr.name, "region": region})
            rows.leads.append(
                {"leader": lkey, "task": tkey, "title": ldr.title, "doc": key, "line": ldr.prov.line}
            )
        for u in t.units:
            name = u.canonical or u.name
            ukey = unit_key(scope, name)
            # a sub-office's parent (市发改委 of 市发改委(铁办)) is not a name of the unit it resolves to
            sub_office = any(n.startswith("sub-office:") for n in u.notes)
            written = sorted({u.as_written, *u.aliases, *(() if sub_office else (u.name,))})
            if ukey in seen_units:
                al = seen_units[ukey]["aliases"]
                al.extend(w for w in written if w not in al)
            else:
                seen_units[ukey] = {
                    "key": ukey,
                    "name": name,
                    "region": region,
                    "function": u.function,
                    "collective": u.collective,
                    "aliases": list(written),
                }
            edge = {"unit": ukey, "task": tkey, "as_written": u.as_written, "doc": key, "line": u.prov.line}
            inferred = u.lead and u.lead_basis is LeadBasis.inferred_first_listed
            rows.responsible.append(
                {**edge, "position": u.position, "role": u.role, "inferred_lead": inferred}
            )
            if u.lead and u.lead_basis is not None and u.lead_basis.stated:
                rows.primary.append({**edge, "basis": u.lead_basis.value})
        add_targets(t.targets, tkey)
        for i, m in enumerate(t.milestones, start=1):
            rows.milestones.append(
                {
                    "task": tkey,
                    "doc": key,
                    "props": {
                        "key": f"{tkey}:ms:{i}",
                        "due": m.due.isoformat() if m.due else None,
                        "text": m.text,
                        "line": m.prov.line,
                        "doc": key,
                    },
                }
            )
        for sub in t.subtasks:
            add_task(sub, tkey)

    for p in doc.parts:
        for s in p.sections:
            for t in s.tasks:
                add_task(t, None)
    add_targets(doc.targets, None)
    rows.units = list(seen_units.values())
    # per-document figures, exact because a document is always written whole
    rows.document.update(
        task_count=len(rows.tasks),
        target_count=len(rows.targets),
        inferred_leads=sum(1 for e in rows.responsible if e["inferred_lead"]),
        generic_leaders=sum(1 for t in rows.tasks if t["props"]["leader_note"] is not None),
    )
    return rows


# --------------------------------------------------------------------------- statements
DELETE_DOCUMENTS = [
    "UNWIND $keys AS k MATCH (:Document {key: k})-[:STATES]->(g:Target) DETACH DELETE g",
    "UNWIND $keys AS k MATCH (:Document {key: k})-[:CONTAINS]->(:Task)-[:HAS_MILESTONE]->(m:Milestone) DETACH DELETE m",
    "UNWIND $keys AS k MATCH (:Document {key: k})-[:CONTAINS]->(t:Task) DETACH DELETE t",
    "UNWIND $keys AS k MATCH (d:Document {key: k}) DETACH DELETE d",
]
# Units and leaders only ever lose their last task when a document is replaced or removed, and
# they belong to that document's region: scoped to its regions, the check reads a few hundred
# nodes, not every unit of the store once per batch (which made loading quadratic).
DELETE_ORPHANS_IN = [
    "UNWIND $regions AS g MATCH (u:Unit {region: g}) WHERE NOT (u)-[:RESPONSIBLE]->() DETACH DELETE u",
    "UNWIND $regions AS g MATCH (l:Leader {region: g}) WHERE NOT (l)-[:LEADS]->() DETACH DELETE l",
]
DELETE_ORPHANS = [
    "MATCH (u:Unit) WHERE NOT (u)-[:RESPONSIBLE]->() DETACH DELETE u",
    "MATCH (l:Leader) WHERE NOT (l)-[:LEADS]->() DETACH DELETE l",
]
W_REGIONS = (
    "UNWIND $rows AS r MERGE (n:Region {key: r.key}) SET n.name = r.name, n.label = r.label, "
    "n.level = r.level, n.code = r.code, n.path = r.path, n.former_names = r.former_names"
)
W_PART_OF = (
    "UNWIND $rows AS r MATCH (a:Region {key: r.child}), (b:Region {key: r.parent}) MERGE (a)-[:PART_OF]->(b)"
)
W_YEARS = "UNWIND $rows AS r MERGE (y:Year {key: r.key}) SET y.value = r.value"
W_DOCUMENTS = "UNWIND $rows AS r CREATE (d:Document) SET d = r"
W_DOC_YEAR = (
    "UNWIND $rows AS r MATCH (d:Document {key: r.key}), (y:Year {key: r.year}) CREATE (d)-[:IN_YEAR]->(y)"
)
W_DOC_REGION = "UNWIND $rows AS r MATCH (d:Document {key: r.key}), (g:Region {key: r.region}) CREATE (d)-[:IN_REGION]->(g)"
W_TASKS = (
    "UNWIND $rows AS r MATCH (d:Document {key: r.doc}) "
    "CREATE (d)-[:CONTAINS {doc: r.doc, line: r.props.line}]->(t:Task) SET t = r.props"
)
W_TASK_YEARS = (
    "UNWIND $rows AS r MATCH (t:Task {key: r.key}), (y:Year {key: r.year}) "
    "CREATE (t)-[:IN_YEAR {doc: r.doc, line: r.line}]->(y)"
)
W_SUBTASKS = (
    "UNWIND $rows AS r MATCH (c:Task {key: r.child}), (p:Task {key: r.parent}) "
    "CREATE (c)-[:SUBTASK_OF {doc: r.doc, line: r.line}]->(p)"
)
W_LEADERS = "UNWIND $rows AS r MERGE (l:Leader {key: r.key}) SET l.name = r.name, l.region = r.region"
W_LEADS = (
    "UNWIND $rows AS r MATCH (l:Leader {key: r.leader}), (t:Task {key: r.task}) "
    "CREATE (l)-[:LEADS {title: r.title, doc: r.doc, line: r.line}]->(t)"
)
W_UNITS = (
    "UNWIND $rows AS r MERGE (u:Unit {key: r.key}) "
    "ON CREATE SET u.name = r.name, u.region = r.region, u.function = r.function, "
    "u.collective = r.collective, u.aliases = r.aliases "
    "ON MATCH SET u.aliases = u.aliases + [a IN r.aliases WHERE NOT a IN u.aliases]"
)
W_RESPONSIBLE = (
    "UNWIND $rows AS r MATCH (u:Unit {key: r.unit}), (t:Task {key: r.task}) "
    "CREATE (u)-[:RESPONSIBLE {position: r.position, as_written: r.as_written, role: r.role, "
    "inferred_lead: r.inferred_lead, doc: r.doc, line: r.line}]->(t)"
)
W_PRIMARY = (
    "UNWIND $rows AS r MATCH (u:Unit {key: r.unit}), (t:Task {key: r.task}) "
    "CREATE (u)-[:PRIMARY_RESPONSIBLE {basis: r.basis, as_written: r.as_written, doc: r.doc, line: r.line}]->(t)"
)
W_TARGETS = (
    "UNWIND $rows AS r MATCH (d:Document {key: r.doc}) "
    "CREATE (d)-[:STATES {doc: r.doc, line: r.props.line}]->(g:Target) SET g = r.props"
)
W_HAS_TARGET = (
    "UNWIND $rows AS r MATCH (t:Task {key: r.task}), (g:Target {key: r.target}) "
    "CREATE (t)-[:HAS_TARGET {doc: r.doc, line: r.line}]->(g)"
)
W_MILESTONES = (
    "UNWIND $rows AS r MATCH (t:Task {key: r.task}) "
    "CREATE (t)-[:HAS_MILESTONE {doc: r.doc, line: r.props.line}]->(m:Milestone) SET m = r.props"
)


def _unique(rows: list[Row], key: str = "key") -> list[Row]:
    seen: dict[Any, Row] = {}
    for r in rows:
        seen.setdefault(r[key], r)
    return list(seen.values())


def _merged_units(docs: list[DocumentRows]) -> list[Row]:
    units: dict[str, Row] = {}
    for d in docs:
        for u in d.units:
            if u["key"] in units:
                al = units[u["key"]]["aliases"]
                al.extend(a for a in u["aliases"] if a not in al)
            else:
                units[u["key"]] = {**u, "aliases": list(u["aliases"])}
    return list(units.values())


def replace_statements(
    docs: DocumentRows | list[DocumentRows], batch: int = 5000, *, replacing: bool = True
) -> list[Statement]:
    """Delete the documents' old subgraphs and write the new ones; several documents
    are written with one UNWIND per kind of row. With ``replacing=False`` (the caller knows
    none of the documents is stored yet) nothing is deleted first."""
    ds = [docs] if isinstance(docs, DocumentRows) else docs

    def cat(attr: str) -> list[Row]:
        return [r for d in ds for r in getattr(d, attr)]

    out: list[Statement] = []
    if replacing:
        out += [(s, {"keys": [d.key for d in ds]}) for s in DELETE_DOCUMENTS]
    out += batched(W_REGIONS, _unique(cat("regions")), batch)
    out += batched(W_PART_OF, _unique(cat("part_of"), "child"), batch)
    out += batched(W_YEARS, _unique(cat("years")), batch)
    out += batched(W_DOCUMENTS, [d.document for d in ds], batch)
    out += batched(
        W_DOC_YEAR,
        [{"key": d.key, "year": f"year:{d.document['year']}"} for d in ds if d.document["year"] is not None],
        batch,
    )
    out += batched(W_DOC_REGION, [{"key": d.key, "region": d.region_key} for d in ds if d.region_key], batch)
    out += batched(W_TASKS, cat("tasks"), batch)
    out += batched(
        W_TASK_YEARS,
        [
            {"key": r["key"], "year": r["year"], "doc": r["doc"], "line": r["props"]["line"]}
            for r in cat("tasks")
            if r["year"]
        ],
        batch,
    )
    out += batched(W_SUBTASKS, cat("subtasks"), batch)
    out += batched(W_LEADERS, _unique(cat("leaders")), batch)
    out += batched(W_LEADS, cat("leads"), batch)
    out += batched(W_UNITS, _merged_units(ds), batch)
    out += batched(W_RESPONSIBLE, cat("responsible"), batch)
    out += batched(W_PRIMARY, cat("primary"), batch)
    out += batched(W_TARGETS, cat("targets"), batch)
    out += batched(W_HAS_TARGET, cat("has_target"), batch)
    out += batched(W_MILESTONES, cat("milestones"), batch)
    if replacing:
        out += _orphan_statements([d.region for d in ds])
    return out


# A region no document is in and no region with documents is part of: a node a corrected or
# migrated document left behind (region:湖州市 from before regions were keyed by code). Leaves first,
# once per level (county, prefecture, province).
DELETE_EMPTY_REGIONS = [
    "MATCH (g:Region) WHERE NOT (g)<-[:IN_REGION]-() AND NOT (g)<-[:PART_OF]-() DETACH DELETE g"
] * 3


def _orphan_statements(regions: list[str | None]) -> list[Statement]:
    """Remove the units and leaders left without tasks: in these regions, or everywhere when a
    document has no region (its units are keyed under none); and regions left without documents."""
    empty: list[Statement] = [(s, {}) for s in DELETE_EMPTY_REGIONS]
    if all(regions):
        return [(s, {"regions": sorted({r for r in regions if r})}) for s in DELETE_ORPHANS_IN] + empty
    return [(s, {}) for s in DELETE_ORPHANS] + empty


def delete_statements(rows: DocumentRows) -> list[Statement]:
    return [(s, {"keys": [rows.key]}) for s in DELETE_DOCUMENTS] + _orphan_statements([rows.region])


def delete_by_key(keys: list[str]) -> list[Statement]:
    """Delete stored documents whose rows are not at hand (their region unknown: orphans everywhere)."""
    return [(s, {"keys": keys}) for s in DELETE_DOCUMENTS] + _orphan_statements([None])
