"""The package as users install it: a wheel built from the checkout, installed into a fresh virtual
environment in a temporary directory, run from outside the checkout."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    for leftover in (ROOT / "build", ROOT / "govkg.egg-info"):
        shutil.rmtree(leftover, ignore_errors=True)
    wheel = next((tmp / "dist").glob("govkg-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # the dependencies come from the test's own environment (a path, not its .pth files: the
    # checkout's editable install stays out); govkg itself only from the wheel
    target = next((venv / "lib").glob("python3*/site-packages"))
    (target / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stderr[-2000:]
    work = tmp / "elsewhere"
    work.mkdir()
    return venv, work


def run(venv: Path, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(work), "GOVKG_STORE": str(work / "store")}
    return subprocess.run([str(venv / "bin" / "govkg"), *args], cwd=work, env=env, capture_output=True,
                          text=True, timeout=600)  # fmt: skip


def test_the_wheel_carries_its_data_and_queries_and_runs_outside_the_checkout(installed):
    venv, work = installed
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import govkg, graph.queries as q; print(govkg.__file__, q.QUERIES)"],
        cwd=work, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout and "site-packages" in where.stdout  # not the checkout
    notices = work / "notices"
    shutil.copytree(ROOT / "data" / "notices", notices)
    parsed = run(venv, work, "parse", str(notices / "huzhou-2022-decomposition.txt"), "--format", "json")
    assert parsed.returncode == 0, parsed.stderr[-2000:]
    assert '"region"' in parsed.stdout and "湖州市" in parsed.stdout
    try:
        loaded = run(venv, work, "load", str(notices))
        assert loaded.returncode == 0, loaded.stderr[-2000:]
        answer = run(venv, work, "query", "--name", "tasks_per_unit", "-p", "region=湖州市", "-p", "year=2022",
                     "--format", "csv")  # fmt: skip
        assert answer.returncode == 0, answer.stderr[-2000:]
        assert "市发展改革委" in answer.stdout
    finally:
        run(venv, work, "db", "stop")
