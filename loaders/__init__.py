"""Loaders: read notices of every format into the typed document model.

>>> from loaders import load_file
>>> doc = load_file("data/notices/huzhou-2022-decomposition.txt")
>>> len(doc.iter_tasks())
146
"""

from __future__ import annotations

from pathlib import Path

from .model import Document
from .parse import parse_text
from .readers import read_file
from .resolve import resolve_document

__all__ = ["Document", "load_file", "parse_file", "warm_up"]


def parse_file(path: str | Path) -> Document:
    """Read and parse one file (no entity resolution)."""
    p = Path(path)
    raw = read_file(p)
    return parse_text(raw.text, source=p.name, encoding=raw.encoding, fmt=raw.format)


def load_file(path: str | Path) -> Document:
    """Read, parse and resolve one file: the document the graph stores."""
    doc = parse_file(path)
    resolve_document(doc)
    return doc


def warm_up() -> None:
    """Build the spaCy pipeline and read every data table now (each is built once per process).
    A loader calls this before it forks its parse workers, so they share one copy instead of each
    spending a second building its own."""
    from . import meta, tables
    from .fields import grammar
    from .nlp import pipeline
    from .patterns import patterns, regions
    from .regions import abbreviations, divisions, name_index
    from .resolve import alias_rows, succession_table
    from .targets import indicator_names, indicator_table

    pipeline()
    patterns()
    regions()
    divisions()
    abbreviations()
    name_index()
    meta.vocab()
    tables.vocab()
    grammar()
    alias_rows()
    succession_table()
    indicator_table()
    indicator_names()
