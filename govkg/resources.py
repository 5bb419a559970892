"""Where govkg's vocabulary (``data/``) and named queries (``queries/``) are.

In a checkout (and an editable install) they are the repository's own ``data/`` and ``queries/``
beside the packages. A wheel ships both inside the ``govkg`` package (``govkg/_data``,
``govkg/_queries``, mapped in pyproject.toml), found with ``importlib.resources``, so
``pip install .`` and a wheel work anywhere.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from govkg.errors import ConfigError

_CHECKOUT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=4)
def _root(name: str) -> Path:
    shipped = files("govkg") / f"_{name}"
    if shipped.is_dir():
        return Path(str(shipped))
    here = _CHECKOUT / name
    if here.is_dir():
        return here
    raise ConfigError(f"govkg's {name}/ directory is missing (neither {shipped} nor {here} exists)")


def data_dir() -> Path:
    """``data/``: labels, patterns, regions, units, indicators and the sample notices."""
    return _root("data")


def queries_dir() -> Path:
    """``queries/``: one ``.cypher`` file per named question."""
    return _root("queries")


def app_file() -> Path:
    """The Streamlit app: ``app.py`` beside the ``govkg`` package, in a checkout (the repository's
    root) as in a wheel (``site-packages``, where it is installed as a module)."""
    return _CHECKOUT / "app.py"
