"""Reshaping of named-query results for display and comparison: the joins, pivots and rankings the
app's pages show, as plain functions over DataFrames, so pages only lay them out (and tests can
check them without a browser)."""

from __future__ import annotations

import pandas as pd


def lead_units_wide(lead: pd.DataFrame, later: int) -> pd.DataFrame:
    """``lead_units_with_succession`` as one row per unit and a column per year, most led in the
    later year first."""
    if lead.empty:
        return pd.DataFrame(columns=["unit"])
    wide = lead.pivot_table(index="unit", columns="year", values="tasks", fill_value=0).reset_index()
    wide.columns = [str(c) for c in wide.columns]
    if str(later) in wide:
        wide = wide.sort_values([str(later), "unit"], ascending=[False, True])
    return wide.reset_index(drop=True)


def targets_side_by_side(a: pd.DataFrame, b: pd.DataFrame, old: int, new: int) -> pd.DataFrame:
    """The targets two years of a region share (same indicator, metric, kind and qualifier), their
    values side by side and the change."""
    keys = ["indicator", "metric", "kind", "qualifier"]
    if a.empty or b.empty:
        return pd.DataFrame(columns=[*keys, f"value_{old}", "unit", f"value_{new}", "change"])
    both = pd.merge(
        a[[*keys, "value", "unit"]].drop_duplicates(keys),
        b[[*keys, "value"]].drop_duplicates(keys),
        on=keys,
        how="inner",
        suffixes=(f"_{old}", f"_{new}"),
    )
    both["change"] = both[f"value_{new}"] - both[f"value_{old}"]
    return both


def top_functions(fw: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """``function_workload`` restricted to the ``n`` functions that lead most tasks overall, with a
    ``region_year`` label for the chart's colour."""
    if fw.empty:
        return fw.assign(region_year=pd.Series(dtype=str))
    out = fw.assign(region_year=fw["region"] + " " + fw["year"].astype(str))
    top = out.groupby("function")["lead_tasks"].sum().sort_values(ascending=False).head(n).index
    return out[out["function"].isin(top)]


def hits_by_region_year(found: pd.DataFrame) -> pd.DataFrame:
    """How many search results each region and year holds."""
    if found.empty:
        return pd.DataFrame(columns=["region", "year", "tasks"])
    return found.groupby(["region", "year"]).size().reset_index(name="tasks")


def function_shares(fw: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """``function_workload`` of one region as each function's share of the lead tasks of its year,
    for the ``n`` functions that lead most tasks over every year (the raw counts kept beside)."""
    if fw.empty:
        return fw.assign(share=pd.Series(dtype=float))
    total = fw.groupby("year")["lead_tasks"].transform("sum")
    out = fw.assign(share=(fw["lead_tasks"] / total).round(3))
    top = out.groupby("function")["lead_tasks"].sum().sort_values(ascending=False).head(n).index
    return out[out["function"].isin(top)].sort_values(["function", "year"]).reset_index(drop=True)
