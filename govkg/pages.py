"""The app's pages in sidebar order: the names in `?page=…` links, shared by the app, its tests
and the benchmark."""

from __future__ import annotations

PAGE_NAMES = (
    "Overview",
    "Search",
    "Compare years",
    "Compare regions",
    "Leaders",
    "Units",
    "Network",
    "Targets",
    "Documents",
    "Cypher console",
)
