"""The graph's schema, in one place: every node label with its key and properties, every
relationship with its ends and properties, and the indexes. ``graph.dialect`` builds its DDL from
it, a test checks that a loaded store holds nothing it does not declare, and the Nodes,
Relationships and Indexes sections of docs/schema.md are generated from it::

    python -m graph.schema docs/schema.md     # rewrite those sections in place
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Node:
    label: str
    key: str  # how the key is made
    props: tuple[tuple[str, str], ...]  # (name, what it holds; "" when the name says it)


@dataclass(frozen=True)
class Edge:
    type: str
    source: str
    target: str
    props: tuple[tuple[str, str], ...]
    note: str = ""


PROV = (("doc", "the document's key"), ("line", "the source line"))

NODES: tuple[Node, ...] = (
    Node(
        "Region",
        "`region:<code>` (`region:330500`)",
        (
            ("key", ""),
            ("name", ""),
            (
                "label",
                "the name where it is unique in China (湖州市), else with its parent's before it (南京市鼓楼区)",
            ),
            ("level", "province / city / county / district: the level its units are named at"),
            ("code", "the 6-digit administrative code"),
            ("path", "江苏省/南京市/鼓楼区"),
            ("former_names", "吴江县 1980–1991, 吴江市 1992–2011 …"),
        ),
    ),
    Node("Year", "`year:2022`", (("key", ""), ("value", "the year, an integer"))),
    Node(
        "Document",
        "`doc:` + a hash of region code, kind, year and 文号 (else title)",
        (
            ("key", ""),
            ("title", ""),
            ("doc_no", "the 文号 as printed"),
            ("issuer", ""),
            ("date", "ISO `YYYY-MM-DD`"),
            ("year", "the year the work is for"),
            ("region", "the region's label"),
            ("region_code", ""),
            ("region_path", ""),
            ("region_basis", "how the region was read (named, by a former name, from the file name …)"),
            ("date_basis", "signature, a metadata field, the page's date"),
            ("warnings", "what is missing or unsure"),
            ("truncated", "the page ends inside a task"),
            ("normalization", "the steps applied before parsing (traditional → simplified …)"),
            ("links_pending", "true from the document's write until its region's link pass"),
            ("kind", "`decomposition`, `key_work_list`, `work_report`"),
            ("source", "the file's base name"),
            ("sha256", "of the document's text lines: the same notice in two formats is one document"),
            (
                "rows_version",
                "the shape of the rows govkg wrote; an older one is derived again when the store opens",
            ),
            ("lead_rule", "the lead rule the document states"),
            ("lead_rule_text", "its words"),
            ("encoding", ""),
            ("format", "txt, html, docx, pdf"),
            ("parts", "part titles"),
            ("part_kinds", ""),
            ("lines_structure", ""),
            ("lines_boilerplate", ""),
            ("lines_unknown", ""),
            ("unknown_lines", "`<line>: <text>` of each line not understood"),
            ("text", "the normalized text the lines point into"),
            ("source_text", "the text as read, where normalization changed it"),
            ("task_count", "counted when the document is written (always whole)"),
            ("target_count", ""),
            ("inferred_leads", ""),
            ("generic_leaders", ""),
        ),
    ),
    Node(
        "Task",
        "`<doc key>:task:<seq>`",
        (
            ("key", ""),
            ("seq", "1-based order in its document"),
            ("number", "as printed (`3`, `七`, `4.2` for a measure)"),
            ("text", ""),
            ("part", ""),
            ("part_kind", ""),
            ("section", ""),
            ("horizon", "`annual`, `five_year`, `livelihood`"),
            ("year", ""),
            ("region", "the region's label"),
            ("line", "the source line"),
            ("doc", "the document's key"),
            ("truncated", "the source's text ends inside it"),
            ("leader_note", "where the leader is generic (常务副市长)"),
        ),
    ),
    Node(
        "Leader",
        "`leader:<region code>:<name>`",
        (("key", ""), ("name", ""), ("region", "the region's label")),
    ),
    Node(
        "Unit",
        "`unit:<region code>:<canonical name>`",
        (
            ("key", ""),
            ("name", "canonical"),
            ("region", "the region's label"),
            ("aliases", "every written form seen"),
            ("function", "a code shared across regions and levels (`drc`: development and reform)"),
            ("collective", "a group (各县、市、区政府), not one unit"),
        ),
    ),
    Node(
        "Target",
        "`<doc key>:target:<n>`",
        (
            ("key", ""),
            ("indicator", "the canonical indicator name (经济增长 and 全省生产总值 are 地区生产总值)"),
            ("indicator_norm", "its code (`gdp`)"),
            ("metric", "growth_rate, level, share …"),
            ("value", ""),
            ("value_high", "the top of a range"),
            ("unit", ""),
            ("comparator", "`>=`, `<=`, `~`, `=`, `range`"),
            ("qualifier", "`确保`, or `力争` for a stretch target"),
            ("kind", "`planned`, `achieved`"),
            ("year", ""),
            ("region", "the region's label"),
            ("text", "as written"),
            ("line", "the source line"),
            ("doc", "the document's key"),
        ),
    ),
    Node(
        "Milestone",
        "`<task key>:ms:<n>`",
        (("key", ""), ("due", ""), ("text", ""), ("line", "the source line"), ("doc", "the document's key")),
    ),
)

EDGES: tuple[Edge, ...] = (
    Edge("PART_OF", "Region", "Region", (), "长兴县 → 湖州市 → 浙江省"),
    Edge("IN_YEAR", "Document", "Year", ()),
    Edge("IN_REGION", "Document", "Region", ()),
    Edge("CONTAINS", "Document", "Task", PROV, "every task, sub-tasks included"),
    Edge("SUBTASK_OF", "Task", "Task", PROV, "a measure under its key work"),
    Edge("IN_YEAR", "Task", "Year", PROV),
    Edge("LEADS", "Leader", "Task", (("title", "as printed for that task"), *PROV)),
    Edge(
        "RESPONSIBLE",
        "Unit",
        "Task",
        (
            ("position", "1-based"),
            ("as_written", "as printed, traditional script kept"),
            ("role", "responsible / lead / support"),
            (
                "inferred_lead",
                "the first of several units where the document states no lead: govkg's inference",
            ),
            *PROV,
        ),
    ),
    Edge(
        "PRIMARY_RESPONSIBLE",
        "Unit",
        "Task",
        (
            (
                "basis",
                "`lead_line` (牵头/主办), `mark` (★), `stated_first_listed`, `stated_all_listed`, `respectively`, "
                "`sole_unit`",
            ),
            ("as_written", ""),
            *PROV,
        ),
        "leads the document states; inferred leads are never written here",
    ),
    Edge("STATES", "Document", "Target", PROV, "every target"),
    Edge("HAS_TARGET", "Task", "Target", PROV, "when the target sits in a task"),
    Edge("HAS_MILESTONE", "Task", "Milestone", PROV),
    Edge("SUPERSEDES", "Document", "Document", (), "same region and kind, the nearest earlier year"),
    Edge("SUPERSEDES", "Task", "Task", (("similarity", "see Task continuity"),)),
    Edge(
        "SUPERSEDES",
        "Target",
        "Target",
        (),
        "planned, same region, indicator and metric, nearest earlier year",
    ),
    Edge("OUTCOME_OF", "Target", "Target", (), "achieved → planned: same region, indicator, metric and year"),
    Edge(
        "SUPERSEDES",
        "Unit",
        "Unit",
        (("year", "of the reform"),),
        "(new)-[:SUPERSEDES]->(old), from data/units/succession.csv",
    ),
)

KEYED_LABELS: tuple[str, ...] = tuple(n.label for n in NODES)
EXACT_INDEXES: tuple[tuple[str, str], ...] = (
    ("Document", "region"),
    ("Document", "year"),
    ("Task", "region"),
    ("Task", "year"),
    ("Task", "doc"),
    ("Target", "indicator_norm"),
    ("Target", "region"),
    ("Unit", "function"),
    ("Unit", "region"),
    ("Leader", "region"),
)

BEGIN, END = "<!-- generated by python -m graph.schema: do not edit -->", "<!-- end of generated schema -->"


def _props(props: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"`{n}`" + (f": {d}" if d else "") for n, d in props) or "—"


def markdown() -> str:
    out = [BEGIN, "", "## Nodes", "", "| label | key | properties |", "|---|---|---|"]
    out += [f"| `{n.label}` | {n.key} | {_props(n.props)} |" for n in NODES]
    out += ["", "## Relationships", "", "| pattern | properties | what |", "|---|---|---|"]
    out += [f"| `(:{e.source})-[:{e.type}]->(:{e.target})` | {_props(e.props)} | {e.note} |" for e in EDGES]
    out += [
        "",
        "## Indexes",
        "",
        "A unique constraint and an exact-match index on `key` of every label; exact-match indexes on "
        + ", ".join(f"`{label}.{prop}`" for label, prop in EXACT_INDEXES)
        + ".",
        "",
        END,
    ]
    return "\n".join(out)


def rewrite(doc: str) -> str:
    """``doc`` with its generated block replaced by the schema's current one."""
    if BEGIN not in doc or END not in doc:
        raise ValueError("the document has no generated schema block")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + markdown() + tail


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(markdown() + "\n")
        return
    path = Path(args[0])
    path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
