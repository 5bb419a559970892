"""The app's language: Chinese or English, from ?lang=, the sidebar's toggle, or the browser's
language (Chinese for zh-*), else English. The words are in data/ui/strings.json."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import Any

import pandas as pd
import streamlit as st

from govkg.resources import data_dir

LANGS = {"zh": "中文", "en": "English"}


@lru_cache(maxsize=1)
def catalog() -> dict[str, Any]:
    """data/ui/strings.json, its codes joined by the unit functions of data/units/aliases.csv: a
    function reads as its city unit's name in Chinese (drc → 发展改革委) and as words in English."""
    data: dict[str, Any] = json.loads((data_dir() / "ui" / "strings.json").read_text(encoding="utf-8"))
    with (data_dir() / "units" / "aliases.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, name = r["function"], r["canonical"]
            if code in data["codes"] or r["level"] not in ("city", "both"):
                continue
            zh = name[1:] if name[:1] in "省市" and len(name) > 2 else name
            data["codes"][code] = [zh, code.replace("_", " ")]
    return data


def lang() -> str:
    chosen = st.session_state.get("lang") or st.query_params.get("lang")
    if chosen in LANGS:
        return str(chosen)
    locale = str(getattr(st.context, "locale", "") or "")
    return "zh" if locale.lower().startswith("zh") else "en"


def tr(text: str) -> str:
    """``text`` (written in English) in the app's language; a stored code (five_year, drc) as a word."""
    codes = catalog()["codes"]
    if text in codes:
        return str(codes[text][0 if lang() == "zh" else 1])
    if lang() == "en":
        return text
    return str(catalog()["text"].get(text, text))


def column_labels(columns: list[str]) -> dict[str, str]:
    """How each column is headed: a word a researcher reads instead of its snake_case name."""
    known = catalog()["columns"]
    i = 0 if lang() == "zh" else 1
    return {c: known[c][i] if c in known else c.replace("_", " ") for c in map(str, columns)}


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """The codes the graph stores (key_work_list, five_year …) as words, in Chinese (重点工作清单,
    五年目标) or English (key-work list, five-year)."""
    if df.empty:
        return df
    codes = catalog()["codes"]
    i = 0 if lang() == "zh" else 1
    out = df.copy()

    def word(v: Any) -> Any:
        if isinstance(v, str):
            return codes[v][i] if v in codes else v
        if isinstance(v, list):
            return [word(x) for x in v]
        return v

    for c in out.columns:
        if pd.api.types.is_object_dtype(out[c]) or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(word)
    return out


def toggle() -> None:
    """The sidebar's language switch; the choice goes into the URL so a shared link keeps it."""
    current = lang()
    picked = st.sidebar.radio(
        "语言 / Language", list(LANGS), index=list(LANGS).index(current), format_func=LANGS.get,
        horizontal=True, key="lang_pick",
    )  # fmt: skip
    if picked != current or st.query_params.get("lang") != picked:
        st.session_state["lang"] = picked
        st.query_params["lang"] = picked


@lru_cache(maxsize=1)
def indicators() -> dict[str, str]:
    """indicator code → its Chinese name (data/indicators.csv)."""
    with (data_dir() / "indicators.csv").open(encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f)}


def indicator_label(key: str) -> str:
    """gdp/growth_rate → 地区生产总值 · 增速 (Chinese) or 地区生产总值 (gdp) · growth rate (English)."""
    code, _, metric = key.partition("/")
    name = indicators().get(code, code)
    if lang() == "zh":
        return f"{name} · {tr(metric)}"
    return f"{name} ({code}) · {tr(metric)}"
