"""The only place where the two engines differ: DDL and full-text search.

Everything else — writes, links, named queries — is the same Cypher on both.
"""

from __future__ import annotations

import re

from .schema import EXACT_INDEXES as EXACT_INDEXES
from .schema import KEYED_LABELS as KEYED_LABELS

# Clauses that write, found in a query's text once its strings, quoted names and comments are
# blanked: a read-only query holding one is refused before it is sent, because FalkorDB records
# the property names of a query it then refuses (db.propertyKeys grows with every attempt).
_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_WRITE_CLAUSE = re.compile(
    r"(?<![.\w$])(?:(?:CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV)(?![\w:])|CALL\s+db\.idx\.)",
    re.I,
)


def without_literals(cypher: str) -> str:
    """The query's text with its strings, quoted names and comments blanked: what is left is Cypher."""
    return _LITERALS.sub(" ", cypher)


def writes(cypher: str) -> bool:
    """Whether the query's text holds a clause that writes (the engine refuses it anyway in
    read-only mode; this keeps it from reaching the engine at all)."""
    return _WRITE_CLAUSE.search(without_literals(cypher)) is not None


def falkor_key_index(label: str) -> str:
    return f"CREATE INDEX FOR (n:{label}) ON (n.key)"


def falkor_exact_index(label: str, prop: str) -> str:
    return f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"


def falkor_unique_constraint(graph: str, label: str) -> tuple[str, ...]:
    return ("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", "key")


FALKOR_FULLTEXT_DROP = "CALL db.idx.fulltext.drop('Task')"


def neo4j_schema() -> list[str]:
    stmts = [
        f"CREATE CONSTRAINT {label.lower()}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE"
        for label in KEYED_LABELS
    ]
    stmts += [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in EXACT_INDEXES
    ]
    stmts.append(
        "CREATE FULLTEXT INDEX task_text IF NOT EXISTS FOR (n:Task) ON EACH [n.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
    )
    return stmts


# Chinese full-text: FalkorDB's full-text index matches whole words only, so a
# substring such as 营商环境 may be missed; CONTAINS over the Task set is exact and
# fast enough (73 ms p95 over 200k tasks, docs/benchmarks.md), and FalkorDB keeps no
# full-text index at all: rebuilding it made up 11.6 s of a 12.4 s cold start at
# 1,000 notices. Neo4j uses its CJK full-text index.
SEARCH_CONTAINS = (
    "MATCH (d:Document)-[:CONTAINS]->(t:Task) WHERE t.text CONTAINS $q "
    "RETURN t.key AS key, d.region AS region, t.year AS year, t.seq AS seq, t.number AS number, t.text AS text, "
    "d.source AS source ORDER BY region, year, seq LIMIT $limit"
)
SEARCH_NEO4J = (
    "CALL db.index.fulltext.queryNodes('task_text', $lucene) YIELD node AS t "
    "MATCH (d:Document)-[:CONTAINS]->(t) WHERE t.text CONTAINS $q "
    "RETURN t.key AS key, d.region AS region, t.year AS year, t.seq AS seq, t.number AS number, t.text AS text, "
    "d.source AS source ORDER BY region, year, seq LIMIT $limit"
)


def lucene_phrase(text: str) -> str:
    """A user's text as one quoted Lucene phrase, every special character escaped."""
    special = '+-&|!(){}[]^"~*?:\\/'
    return '"' + "".join("\\" + c if c in special else c for c in text) + '"'
