"""The app's language: Chinese or English, from ?lang=, the sidebar's toggle, or the browser's
language (Chinese for zh-*), else English. The words are in data/ui/strings.json."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pandas as pd
import streamlit as st

from govkg.resources import data_dir

LANGS = {"zh": "中文", "en": "English"}


@lru_cache(maxsize=1)
def catalog() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((data_dir() / "ui" / "strings.json").read_text(encoding="utf-8"))
    return data


def lang() -> str:
    chosen = st.session_state.get("lang") or st.query_params.get("lang")
    if chosen in LANGS:
        return str(chosen)
    locale = str(getattr(st.context, "locale", "") or "")
    return "zh" if locale.lower().startswith("zh") else "en"


def tr(text: str) -> str:
    """``text`` (written in English) in the app's language."""
    if lang() == "en":
        return text
    return str(catalog()["text"].get(text, text))


def column_labels(columns: list[str]) -> dict[str, str]:
    """How each column is headed: a word a researcher reads instead of its snake_case name."""
    known = catalog()["columns"]
    i = 0 if lang() == "zh" else 1
    return {c: known[c][i] if c in known else c.replace("_", " ") for c in map(str, columns)}


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """In Chinese, the codes the graph stores (key_work_list, five_year …) as words (重点工作清单, 五年目标)."""
    if lang() != "zh" or df.empty:
        return df
    codes = catalog()["codes"]
    out = df.copy()

    def word(v: Any) -> Any:
        if isinstance(v, str):
            return codes[v][0] if v in codes else v
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
