from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "data" / "notices"
sys.path.insert(0, str(Path(__file__).resolve().parent))

SEEDS = {
    "huzhou2022": "huzhou-2022-decomposition.txt",
    "changxing2023": "changxing-2023-decomposition.txt",
    "huzhou2018": "huzhou-2018-work-report.txt",
    "quzhou2021": "quzhou-2021-decomposition.txt",
    "huzhou2017": "huzhou-2017-key-work-list.txt",
}


@pytest.fixture(scope="session")
def seeds():
    from loaders import load_file

    return {k: load_file(NOTICES / v) for k, v in SEEDS.items()}
