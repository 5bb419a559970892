"""A real browser: `streamlit run` the app, drive Debian's Chromium through
Playwright, visit every page, run a console query, and save a screenshot of
each page to artifacts/screenshots/."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT

from govkg.pages import PAGE_NAMES

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
PAGES = list(PAGE_NAMES)
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(seed_store):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed (make system-deps)")
        pytest.skip("Debian's chromium is not installed (make system-deps)")
    port = _free_port()
    env = {**os.environ, "GOVKG_STORE": seed_store.location}
    log = (
        open(ROOT / "artifacts" / "streamlit.log", "w")
        if (ROOT / "artifacts").exists()
        else subprocess.DEVNULL
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not come up")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


def _settle(page) -> None:
    """Wait until the script has finished and no element is still a loading skeleton."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    deadline = time.monotonic() + 120
    calm = 0
    while time.monotonic() < deadline and calm < 3:
        running = page.locator('[data-testid="stApp"][data-test-script-state="running"]').count()
        skeletons = page.locator('[data-testid="stSkeleton"]').count()
        calm = calm + 1 if running == 0 and skeletons == 0 else 0
        page.wait_for_timeout(400)
    page.wait_for_timeout(600)


def _open(browser, url: str):
    """A new tab at ``url``, settled."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(url, timeout=60_000)
    _settle(page)
    return page


VIEWPORT = {"width": 1400, "height": 1000}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_chromium(server, browser, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    extra = "&region=" + quote("衢州市") if name == "Network" else ""  # a shared link with a filter
    page.goto(f"{server}/?page={quote(name)}{extra}", timeout=60_000)
    _settle(page)
    page.get_by_role("heading", name=name).first.wait_for(timeout=60_000)
    if extra:
        page.get_by_role("heading", name="Network · 衢州市 2021").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    if name != "Cypher console":  # the first page after the server starts may still be drawing its tables
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        _settle(page)
    page.screenshot(path=str(SHOTS / f"{name.lower().replace(' ', '-')}.png"), full_page=True)
    page.close()


def test_console_query_in_chromium(server, browser):
    page = _open(browser, f"{server}/?page={quote('Cypher console')}")
    box = page.get_by_role("textbox", name="Cypher", exact=True)
    box.fill(
        "MATCH (d:Document)-[:CONTAINS]->(t:Task) RETURN d.region AS region, count(t) AS tasks ORDER BY region"
    )
    box.press("Control+Enter")
    page.get_by_role("button", name="Run").click()
    page.get_by_text("3 row(s)").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(SHOTS / "cypher-console-result.png"), full_page=True)
    page.close()


def test_a_csv_download_is_bom_utf8_with_whole_numbers_and_a_telling_name(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{server}/?page=Overview&region={quote('湖州市')}&year=2022", timeout=60_000)
    _settle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="CSV", exact=True).first.click()
    got = info.value
    path = tmp_path / got.suggested_filename
    got.save_as(str(path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows needs the byte-order mark
    assert got.suggested_filename.startswith("湖州市-2022-"), got.suggested_filename
    text = raw.decode("utf-8-sig")
    assert ".0," not in text and "146" in text  # counts as 146, not 146.0
    page.close()


def test_the_documents_page_marks_a_unit_whole_on_its_line(server, browser):
    page = _open(browser, f"{server}/?page=Documents&region={quote('湖州市')}&year=2022")
    mark = page.locator("mark", has_text="湖州市人民政府办公室").first
    mark.wait_for(timeout=60_000)
    assert mark.inner_text() == "湖州市人民政府办公室"  # one mark, not 湖州 + 市人民政府办公室
    page.close()


def test_a_search_finds_huzhou_and_quzhou_tasks(server, browser):
    page = _open(browser, f"{server}/?page=Search&q={quote('营商环境')}")
    caption = page.get_by_text("tasks contain").first
    caption.wait_for(timeout=60_000)
    text = caption.inner_text()
    assert "湖州市" in text and "衢州市" in text
    page.close()


ZH = {
    "Overview": "概览", "Search": "检索", "Compare years": "跨年比较", "Compare regions": "跨地区比较",
    "Leaders": "领导", "Units": "单位", "Network": "协同网络", "Targets": "目标", "Documents": "文件",
    "Cypher console": "Cypher 控制台",
}  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_chinese_for_a_chinese_browser(server, browser, name):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server}/?page={quote(name)}", timeout=60_000)
    _settle(page)
    page.get_by_role("heading", name=ZH[name]).first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    if name == "Overview":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "overview-zh.png"), full_page=True)
        page.get_by_text("English", exact=True).click()  # the sidebar's toggle
        page.get_by_role("heading", name="Overview").first.wait_for(timeout=60_000)
    context.close()


def _grid_with_links(page):
    return page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th", has_text=re.compile("^open$"))
    )


def test_a_unit_page_opened_from_a_table_follows_its_succession(server, browser):
    """Network › the centrality table › 市经信局's link: its page shows its tasks of 2022 and, by the
    2019 succession, those of 2017 as 市经信委."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server}/?page=Network&region={quote('湖州市')}&year=2022&lang=en", timeout=60_000)
    _settle(page)
    grid = _grid_with_links(page).first
    cell = grid.locator("td", has_text=re.compile("^市经信局$")).first
    row = int(cell.get_attribute("data-testid").rsplit("-", 1)[1])  # glide-cell-<column>-<row>
    unit = None
    for _ in range(4):  # the grid is drawn on a canvas: click where the link's cell is, again if it moved
        grid.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        box = grid.bounding_box()
        x, y = box["x"] + 22, box["y"] + 35 + 35 * row + 17  # the first column holds the link
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        try:
            with context.expect_page(timeout=15_000) as opened:  # a link column opens a new tab
                page.mouse.click(x, y)
            unit = opened.value
            break
        except Exception:  # no tab opened: the grid was still settling
            continue
    assert unit is not None, "the link in the table opened no page"
    _settle(unit)
    assert "page=Units" in unit.url
    unit.get_by_text("市经信委 → 市经信局").first.wait_for(timeout=60_000)
    years = unit.locator('[data-testid="stDataFrame"]').first
    cells = [t.strip() for t in years.locator("td").all_inner_texts()]
    assert ["2017", "市经信委"] == cells[0:2] and ["2022", "市经信局"] == cells[5:7], cells
    SHOTS.mkdir(parents=True, exist_ok=True)
    unit.screenshot(path=str(SHOTS / "unit.png"), full_page=True)
    context.close()


def test_the_network_graph_labels_every_node_and_a_node_opens_its_unit(server, browser):
    page = _open(browser, f"{server}/?page=Network&region={quote('衢州市')}&lang=en")
    graph = page.locator("svg[data-nodes]").first
    graph.wait_for(timeout=60_000)
    nodes = int(graph.get_attribute("data-nodes"))
    assert nodes > 10
    assert graph.locator("g.node").count() == nodes
    assert graph.locator("text.label").count() == nodes  # as many labels as nodes
    assert all(t.strip() for t in graph.locator("text.label").all_text_contents())
    assert graph.locator("g.legend").count() >= 2  # communities, each with its colour
    box = graph.bounding_box()
    assert box["height"] > 300 and box["width"] > 600  # drawn, not blank until zoomed
    graph.locator("g.node a").first.click()
    page.wait_for_url(re.compile("page=Units"), timeout=60_000)
    _settle(page)
    page.get_by_role("heading", name="Units · 衢州市").wait_for(timeout=60_000)
    page.close()
