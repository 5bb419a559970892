"""Entity resolution for units: written forms → canonical name and function.

The alias table ``data/units/aliases.csv`` is written in city forms (市…);
rows of level ``both`` also apply to counties (市→县, 市委→县委) and
districts (→区). ``{short}`` and ``{region}`` stand for the region's short and
full names (``{short}海关`` → 湖州海关). Units stay scoped to their region:
Huzhou's 市财政局 and Quzhou's 市财政局 share the function ``finance`` but
are two units.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from govkg.resources import data_dir

from .model import Document
from .patterns import config_errors, regions
from .regions import by_name

DATA = data_dir()
LEVEL_PREFIX = {"city": "市", "county": "县", "district": "区", "province": "省"}


@dataclass(frozen=True)
class AliasRow:
    function: str
    level: str
    canonical: str
    aliases: tuple[str, ...]
    valid_from: int | None
    valid_to: int | None

    def valid(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_to is None or year <= self.valid_to
        )


@dataclass(frozen=True)
class Resolved:
    canonical: str
    function: str | None
    matched: bool


@lru_cache(maxsize=1)
def alias_rows() -> list[AliasRow]:
    path = DATA / "units" / "aliases.csv"
    rows: list[AliasRow] = []
    with config_errors(path), path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append(
                AliasRow(
                    function=r["function"],
                    level=r["level"],
                    canonical=r["canonical"],
                    aliases=tuple(a for a in r["aliases"].split("|") if a),
                    valid_from=int(r["valid_from"]) if r["valid_from"] else None,
                    valid_to=int(r["valid_to"]) if r["valid_to"] else None,
                )
            )
    return rows


def localize(form: str, level: str) -> str:
    """A city form (市…) in the naming of another level (县…, 区…, 省…)."""
    prefix = LEVEL_PREFIX.get(level, "市")
    if prefix == "市":
        return form
    if form.startswith("团市委"):
        return "团" + prefix + "委"
    if form.startswith("市"):
        return prefix + form[1:]
    return form


def _fill(form: str, region: str | None) -> str | None:
    if "{" not in form:
        return form
    if region is None:
        return None
    if region in regions():
        short = regions()[region].short
    else:
        found = by_name(region)
        if not found:
            return None
        short = found[0].short
    return form.replace("{short}", short).replace("{region}", region)


@lru_cache(maxsize=256)
def table_for(region: str | None, level: str | None) -> dict[str, list[AliasRow]]:
    """written form → candidate rows, for one region."""
    lvl = level or "city"
    table: dict[str, list[AliasRow]] = {}
    for row in alias_rows():
        if row.level == "province":  # 省财政厅, not 市财政局 renamed: a province's own forms
            if lvl != "province":
                continue
            target_level = "as_is"
        elif row.level == "both" or (row.level == "city" and lvl in ("city", "province")):
            target_level = lvl
        elif row.level == "county" and lvl in ("county", "district"):
            target_level = "district_from_county" if lvl == "district" else "as_is"
        else:
            continue
        for form in (row.canonical, *row.aliases):
            filled = _fill(form, region)
            if filled:
                table.setdefault(_convert(filled, target_level), []).append(row)
    return table


def _convert(form: str, target_level: str) -> str:
    if target_level == "as_is":
        return form
    if target_level == "district_from_county":
        return "区" + form[1:] if form.startswith("县") else form
    return localize(form, target_level)


def canonical_name(row: AliasRow, region: str | None, level: str | None) -> str:
    lvl = level or "city"
    name = _fill(row.canonical, region) or row.canonical
    if row.level == "county" and lvl == "district" and name.startswith("县"):
        return "区" + name[1:]
    if row.level in ("both", "city"):
        return localize(name, lvl)
    return name


def resolve_name(
    forms: list[str], region: str | None, level: str | None, year: int | None, fallback: str | None = None
) -> Resolved:
    """The first form the region's alias table knows; a form written without its level prefix
    (发改局 in a 桐乡 list) is also tried with the region's (市发改局). Unknown: ``fallback``."""
    table = table_for(region, level)
    prefix = LEVEL_PREFIX.get(level or "city", "市")
    tried = [*forms, *(prefix + f for f in forms if f and f[0] not in "省市县区各")]
    for form in tried:
        rows = table.get(form)
        if rows:
            row = next((r for r in rows if r.valid(year)), rows[0])
            return Resolved(canonical_name(row, region, level), row.function, True)
    return Resolved(fallback or forms[0], None, False)


def resolve_document(doc: Document) -> Counter[str]:
    """Set canonical names and functions on every unit; return unmatched written forms."""
    region = doc.region.name if doc.region else None
    level = doc.region.level if doc.region else None
    unmatched: Counter[str] = Counter()
    for task in doc.iter_tasks():
        for u in task.units:
            r = resolve_name([u.as_written, u.name, *u.aliases], region, level, doc.year, fallback=u.name)
            u.canonical, u.function = r.canonical, r.function
            if not r.matched and not u.collective:
                unmatched[u.as_written] += 1
    return unmatched


@lru_cache(maxsize=1)
def unit_surface_forms() -> list[tuple[str, str]]:
    """(written form, function) for the entity ruler, in city and county naming."""
    out: set[tuple[str, str]] = set()
    for row in alias_rows():
        levels = ["city", "county"] if row.level == "both" else [row.level]
        for lvl in levels:
            for form in (row.canonical, *row.aliases):
                if "{" not in form:
                    out.add((localize(form, lvl) if row.level == "both" else form, row.function))
    return sorted(out)


@dataclass(frozen=True)
class Succession:
    level: str
    old: str
    new: str
    year: int


@lru_cache(maxsize=1)
def succession_table() -> list[Succession]:
    path = DATA / "units" / "succession.csv"
    with config_errors(path), path.open(encoding="utf-8") as f:
        return [Succession(r["level"], r["from"], r["to"], int(r["year"])) for r in csv.DictReader(f)]


@lru_cache(maxsize=8)
def successions(level: str | None) -> tuple[tuple[str, str, int], ...]:
    """(old name, new name, year) of the units renamed, as a region of this naming level writes
    them: the county table serves districts too, with 区 for 县 (县经信局 → 区经信局)."""
    out: list[tuple[str, str, int]] = []
    for s in succession_table():
        if level in ("county", "district") and s.level == "county":
            old, new = s.old, s.new
            if level == "district":
                old, new = "区" + old[1:], "区" + new[1:]
        elif level in ("city", "province", None) and s.level == "city":
            old, new = s.old, s.new
        else:
            continue
        out.append((old, new, s.year))
    return tuple(out)
