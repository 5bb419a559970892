"""Named queries: every ``queries/*.cypher`` file is one question.

A file starts with a header of ``// key: value`` lines::

    // title: Tasks per unit
    // description: How many tasks each unit leads and supports.
    // param: region: str = 湖州市 | the region's name
    // param: year: int = 2022
    // view: bar
    MATCH …

``view`` is the preferred display (table, bar, line, graph). The app and
``govkg query --name`` use this registry; parameter values always travel as
query parameters, coerced to the declared type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from govkg.errors import ConfigError, UnknownQueryError
from govkg.resources import queries_dir

from .dialect import without_literals
from .store import QueryResult, Store

QUERIES = queries_dir()
VIEWS = ("table", "bar", "line", "graph")
TYPES = ("str", "int", "float", "bool", "list")
_HEADER = re.compile(r"^//\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<type>\w+)\s*(?:=\s*(?P<default>[^|]*?))?\s*(?:\|\s*(?P<doc>.*))?$"
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    description: str = ""

    def coerce(self, value: Any) -> Any:
        if value is None:
            return None
        try:
            if self.type == "int":
                n = int(value)
                if not -(2**63) <= n < 2**63:
                    raise ValueError("does not fit a 64-bit integer")
                return n
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
            if self.type == "list":
                if isinstance(value, list):
                    return value
                s = str(value).strip()
                if s.startswith("["):
                    parsed = json.loads(s)
                    if isinstance(parsed, list):
                        return parsed
                return [v.strip() for v in s.split(",") if v.strip()]
            return value if isinstance(value, str) else str(value)
        except (ValueError, TypeError) as e:
            what = {"int": "an integer", "float": "a number", "bool": "true or false", "list": "a list"}
            raise UnknownQueryError(
                f"parameter {self.name}: {value!r} is not {what.get(self.type, 'a ' + self.type)}"
            ) from e


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    cypher: str
    view: str = "table"
    params: tuple[Param, ...] = field(default_factory=tuple)
    x: str | None = None  # chart axes for bar/line views
    y: str | None = None
    color: str | None = None

    def bind(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        values = dict(values or {})
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise UnknownQueryError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
        out = {}
        for p in self.params:
            v = values.get(p.name, p.default)
            if v is None and p.name not in values:
                raise UnknownQueryError(f"{self.name}: parameter {p.name} is required")
            out[p.name] = p.coerce(v)
        return out

    def run(
        self, store: Store, values: dict[str, Any] | None = None, timeout_ms: int | None = None
    ) -> QueryResult:
        return store.query(self.cypher, self.bind(values), timeout_ms=timeout_ms)


def parameters_of(cypher: str) -> list[str]:
    """The ``$names`` a statement uses (outside its strings and comments), in order of first use."""
    return list(dict.fromkeys(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", without_literals(cypher))))


def parse_query_file(path: Path) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line.strip()) if not body else None
        if m:
            key, value = m.group("key"), m.group("value").strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm or pm.group("type") not in TYPES:
                    raise ConfigError(f"{path.name}: bad param line {value!r}")
                ptype = pm.group("type")
                default_raw = pm.group("default")
                default = (
                    Param(pm.group("name"), ptype).coerce(default_raw) if default_raw is not None else None
                )
                params.append(Param(pm.group("name"), ptype, default, (pm.group("doc") or "").strip()))
            else:
                meta[key] = value
        elif line.strip() or body:
            body.append(line)
    cypher = "\n".join(body).strip()
    for required in ("title", "description"):
        if not meta.get(required):
            raise ConfigError(f"{path.name}: missing '// {required}:' header")
    view = meta.get("view", "table")
    if view not in VIEWS:
        raise ConfigError(f"{path.name}: view must be one of {', '.join(VIEWS)}")
    if not cypher:
        raise ConfigError(f"{path.name}: no Cypher after the header")
    return NamedQuery(
        name=path.stem, title=meta["title"], description=meta["description"], cypher=cypher, view=view,
        params=tuple(params), x=meta.get("x"), y=meta.get("y"), color=meta.get("color"),
    )  # fmt: skip


@lru_cache(maxsize=1)
def registry() -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(QUERIES.glob("*.cypher"))}


def get(name: str) -> NamedQuery:
    try:
        return registry()[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, list(registry()), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UnknownQueryError(f"no named query {name!r}{hint} (see `govkg query --list`)") from None
