"""Data-driven patterns: everything the parser matches on lives in data/.

``data/patterns/lines.json`` holds line labels, boilerplate, leader titles,
lead-rule phrases and table headers; ``data/regions.csv`` the sample corpus's
regions with their level, parent and short name (the synthetic corpus and the
unit tables' ``{short}``; the national table is ``loaders.regions``). Both are
read once.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, cast

from govkg.errors import ConfigError
from govkg.resources import data_dir

DATA = data_dir()


class config_errors:
    """Turn a data file that is missing or malformed (a missing column, a bad number or regex)
    into one ConfigError naming the file; every table of data/ is read inside one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, typ: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if isinstance(exc, (OSError, KeyError, ValueError, re.error)):
            raise ConfigError(f"{self.path}: {exc}") from exc


F = TypeVar("F", bound=Callable[..., Any])
_WRITTEN_FORM_CACHES: list[Any] = []


def per_written_form(maxsize: int) -> Callable[[F], F]:
    """Memoize a pure function of a written form (a unit as a list writes it, the words before
    a value): a corpus writes the same few thousand again and again, so each is read once per
    process. ``clear_written_forms`` empties every such cache (``make bench`` does before each
    run, so a run gains only from what repeats inside its own corpus)."""

    def memoize(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _WRITTEN_FORM_CACHES.append(cached)
        return cast(F, cached)

    return memoize


def clear_written_forms() -> None:
    for cached in _WRITTEN_FORM_CACHES:
        cached.cache_clear()


def read_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# Full-width forms folded to ASCII; the mapping keeps every string's length.
_FOLD = {
    ord(c): ord(a)
    for c, a in zip(
        "：，；（）【】［］０１２３４５６７８９．％～！？﹒", ":,;()[][]0123456789.%~!?.", strict=True
    )
}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD[0xA0] = 0x20
_FOLD[0x2003] = 0x20
_FOLD[0xFEFF] = 0x20


_FOLD_PAIRS = tuple((chr(k), chr(v)) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """Fold full-width punctuation and digits to ASCII without changing length. A chain of
    ``str.replace`` (a C scan per character that occurs) is twenty times faster than
    ``str.translate`` with a mapping, which calls back into the dict for every character."""
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


@dataclass(frozen=True)
class AnyOf:
    """A list of regexes tried as one: the ``^``-anchored ones with one ``match`` at the
    start of the line, the others with one ``search``. Joining all of them into a single
    alternation would try every anchored branch at every position of every line."""

    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None

    @classmethod
    def of(cls, pats: list[str]) -> AnyOf:
        anchored = [p[1:] for p in pats if p.startswith("^")]
        floating = [p for p in pats if not p.startswith("^")]
        return cls(
            re.compile("|".join(f"(?:{p})" for p in anchored)) if anchored else None,
            re.compile("|".join(f"(?:{p})" for p in floating)) if floating else None,
        )

    def search(self, text: str) -> bool:
        return bool(
            (self.anchored is not None and self.anchored.match(text))
            or (self.floating is not None and self.floating.search(text))
        )


@dataclass(frozen=True)
class Patterns:
    boilerplate: AnyOf
    unit_line: re.Pattern[str]
    unit_roles: dict[str, str]
    leader_line: re.Pattern[str]
    leader_title: re.Pattern[str]
    generic_leader: re.Pattern[str]
    collective_unit: AnyOf
    lead_rules: list[tuple[str, re.Pattern[str]]]
    any_lead_rule: re.Pattern[str]  # every phrase of every rule: one search for a line that states none
    part_title: re.Pattern[str]
    part_kinds: list[tuple[str, str]]
    table_headers: dict[str, str]
    flat_split: re.Pattern[str]
    leader_labels: list[str]
    field_verbs: dict[str, str]
    schedule_line: re.Pattern[str]
    glued_items: re.Pattern[str]  # a group closed, an item opened right after
    glued_item_verbs: tuple[str, ...]  # …the group ending in one of these (负责), so it was a field


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    path = DATA / "patterns" / "lines.json"
    with config_errors(path):
        raw = read_json(path)
        labels: dict[str, str] = raw["unit_labels"]
        return Patterns(
            boilerplate=AnyOf.of(raw["boilerplate"]),
            unit_line=re.compile(rf"^(?P<label>{_alt(list(labels))})\s*[:]\s*(?P<body>.*)$"),
            unit_roles=labels,
            leader_line=re.compile(rf"^(?P<label>{_alt(raw['leader_labels'])})\s*[:]\s*(?P<body>.*)$"),
            leader_title=re.compile(
                rf"^(?P<name>[\u4e00-\u9fff·]{{2,4}}?)(?P<title>{_alt(raw['leader_titles'])})$"
            ),
            generic_leader=re.compile("|".join(f"(?:{p})" for p in raw["generic_leader"])),
            collective_unit=AnyOf.of(raw["collective_unit"]),
            lead_rules=[
                (rule, re.compile("|".join(f"(?:{p})" for p in pats)))
                for rule, pats in raw["lead_rule_phrases"].items()
            ],
            any_lead_rule=re.compile(
                "|".join(f"(?:{p})" for pats in raw["lead_rule_phrases"].values() for p in pats)
            ),
            part_title=re.compile(raw["part_title"]),
            part_kinds=[(k, v) for k, v in raw["part_kinds"]],
            table_headers=raw["table_headers"],
            leader_labels=list(raw["leader_labels"]),
            field_verbs=dict(raw["field_verbs"]),
            schedule_line=re.compile(rf"^(?P<label>{_alt(raw['schedule_labels'])})\s*:\s*(?P<body>.*)$"),
            flat_split=re.compile("|".join(f"(?:{p})" for p in raw["flat_split"])),
            glued_items=re.compile(r"\)(?=\([一二三四五六七八九十]+\)|\d{1,3}\.(?!\d))"),
            glued_item_verbs=tuple(raw["glued_item_verbs"]),
        )


@dataclass(frozen=True)
class RegionInfo:
    name: str
    level: str
    parent: str | None
    short: str
    doc_prefix: str


@lru_cache(maxsize=1)
def regions() -> dict[str, RegionInfo]:
    out: dict[str, RegionInfo] = {}
    path = DATA / "regions.csv"
    with config_errors(path), path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["name"]] = RegionInfo(
                row["name"], row["level"], row["parent"] or None, row["short"], row["doc_prefix"]
            )
    return out
