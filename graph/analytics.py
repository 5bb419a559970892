"""Analytics computed in networkx from one batched read (never by engine-side
cartesian joins): the unit co-responsibility network of a region and year."""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from . import queries
from .store import Store


def co_responsibility_graph(store: Store, region: str, year: int) -> nx.Graph:
    """Units as nodes; an edge for every pair listed on a common task, weighted by shared tasks."""
    g = nx.Graph()
    for rec in queries.get("co_responsibility").run(store, {"region": region, "year": year}).records():
        units = sorted(set(rec["units"]))
        for u in units:
            if u not in g:
                g.add_node(u, tasks=0)
            g.nodes[u]["tasks"] += 1
        for a, b in combinations(units, 2):
            w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=w)
    return g


@dataclass
class NetworkSummary:
    nodes: int
    edges: int
    density: float
    centrality: list[dict[str, Any]]
    communities: list[list[str]]
    strongest: list[dict[str, Any]]


def density(g: nx.Graph) -> tuple[int, int, float]:
    """Units, co-responsible pairs and density: the cheap part of ``summarize`` (no centrality),
    for pages that compare many networks at once."""
    if g.number_of_nodes() == 0:
        return 0, 0, 0.0
    return g.number_of_nodes(), g.number_of_edges(), round(nx.density(g), 4)


def summarize(g: nx.Graph, top: int = 15) -> NetworkSummary:
    if g.number_of_nodes() == 0:
        return NetworkSummary(0, 0, 0.0, [], [], [])
    degree = dict(g.degree(weight="weight"))
    between = nx.betweenness_centrality(g, weight=None)
    comms = (
        [sorted(c) for c in nx.algorithms.community.greedy_modularity_communities(g, weight="weight")]
        if g.number_of_edges()
        else [[n] for n in g.nodes]
    )
    community_of = {n: i + 1 for i, c in enumerate(comms) for n in c}
    centrality = sorted(
        (
            {
                "unit": n,
                "tasks": g.nodes[n].get("tasks", 0),
                "partners": g.degree(n),
                "weighted_degree": degree[n],
                "betweenness": round(between[n], 4),
                "community": community_of.get(n, 0),
            }
            for n in g.nodes
        ),
        key=lambda r: (-r["weighted_degree"], r["unit"]),
    )
    strongest = sorted(
        ({"unit_a": a, "unit_b": b, "shared_tasks": d["weight"]} for a, b, d in g.edges(data=True)),
        key=lambda r: (-r["shared_tasks"], r["unit_a"], r["unit_b"]),
    )[:top]
    return NetworkSummary(
        g.number_of_nodes(), g.number_of_edges(), round(nx.density(g), 4), centrality, comms, strongest
    )


def graphml(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue()
