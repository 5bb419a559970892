"""govkg — a Streamlit front end for cross-year and cross-region comparison.

Start it with `govkg app` (binds to 127.0.0.1:8501). This file is the shell: the sidebar, the
access token and the page picker; each page is a small module of ``app_pages`` over library
calls (named queries from queries/, ``graph.analytics``, ``govkg.highlight``); the store comes from
``st.cache_resource`` in ``app_pages.common``. The Cypher console is read-only unless the app was
started with GOVKG_APP_ALLOW_WRITES=1.
"""

from __future__ import annotations

import hmac
import html
import os
import tempfile
from collections.abc import Callable

import streamlit as st

from app_pages import (
    compare_regions,
    compare_years,
    console,
    documents,
    leaders,
    network,
    overview,
    search,
    targets,
    units,
)
from app_pages.common import Filters, filters, store
from app_pages.i18n import lang, toggle, tr
from govkg.errors import GovkgError
from govkg.pages import PAGE_NAMES

st.set_page_config(page_title="govkg", page_icon="🏛", layout="wide")

MODULES = (
    overview,
    search,
    compare_years,
    compare_regions,
    leaders,
    units,
    network,
    targets,
    documents,
    console,
)
PAGES: dict[str, Callable[[Filters], None]] = {
    name: m.render for name, m in zip(PAGE_NAMES, MODULES, strict=True)
}
SHARED_KEYS = {"page", "region", "year", "horizon", "lang", "token"}  # the sidebar's, kept on every page


def keep_own_state(page: str) -> None:
    """A link holds the sidebar's filters and the page's own state only: what another page put into
    the URL (year_old, leader_region_0 …) is dropped when the page changes."""
    module = MODULES[PAGE_NAMES.index(page)]
    own = SHARED_KEYS | set(getattr(module, "KEYS", ()))
    for k in list(st.query_params):
        if k not in own:
            del st.query_params[k]


def authorized() -> bool:
    """With GOVKG_APP_TOKEN set (govkg app --token), nothing is shown until the token is given,
    in the page's token box or as ?token= in the link. Compared in constant time; remembered for
    the browser session, never put into the URL by the app."""
    token = os.environ.get("GOVKG_APP_TOKEN", "")
    if not token:
        return True
    given = st.session_state.get("_token") or st.query_params.get("token", "")
    if not given:
        given = st.text_input("Access token", type="password", key="_token_input")
    if given and hmac.compare_digest(str(given).encode(), token.encode()):
        st.session_state["_token"] = given
        return True
    if given:
        st.error("That token is not the one this app was started with.")
    st.info("This govkg app was started with a token (govkg app --token): enter it to continue.")
    return False


def store_label(location: str) -> str:
    """Where the store is, as a user reads it: ~ for the home directory; a store in the temporary
    directory by its own name (its full path is in the caption's tooltip)."""
    home, tmp = os.path.expanduser("~"), tempfile.gettempdir()
    if location.startswith(tmp + os.sep):
        return os.path.basename(location.rstrip(os.sep)) or location
    if location.startswith(home + os.sep):
        return "~" + location[len(home) :]
    return location


def main() -> None:
    if not authorized():
        return
    st.sidebar.title("govkg")
    toggle()
    st.sidebar.caption(tr("Who is responsible for what in Chinese local government work reports."))
    names = list(PAGES)
    current = st.query_params.get("page", names[0])
    labels = [tr(n) for n in names]  # each language its own widget: its options are other words
    picked = st.sidebar.radio(
        tr("Page"),
        labels,
        index=names.index(current) if current in names else 0,
        key="page" if lang() == "en" else f"page_{lang()}",
    )
    page = names[labels.index(picked)]
    keep_own_state(page)
    st.query_params["page"] = page
    try:
        where = store().location
        st.sidebar.caption(
            f"{tr('Store')}: {store().backend} · {html.escape(store_label(where))}", help=where
        )
        PAGES[page](filters())
    except GovkgError as e:
        st.error(str(e))


main()
