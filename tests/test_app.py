"""Every page of the app through Streamlit's AppTest, on the seed graph."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT

from govkg.pages import PAGE_NAMES

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def app_env(seed_store, monkeypatch_module):
    monkeypatch_module.setenv("GOVKG_STORE", seed_store.location)
    yield


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def open_page(name: str, **params: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["page"] = name
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def frames(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def find(at, columns: set[str]) -> pd.DataFrame:
    for df in frames(at):
        if columns <= set(df.columns):
            return df
    raise AssertionError(f"no table with columns {columns}")


def test_overview(app_env):
    at = open_page("Overview")
    assert at.sidebar.radio(key="page").options == list(PAGE_NAMES)
    docs = find(at, {"region", "year", "kind", "tasks"})
    got = {(r.region, r.year, r.kind, r.tasks) for r in docs.itertuples()}
    assert got == {
        ("湖州市", 2017, "key-work list", 57),
        ("湖州市", 2018, "work report", 0),
        ("湖州市", 2022, "decomposition notice", 146),
        ("衢州市", 2021, "decomposition notice", 159),
        ("长兴县", 2023, "decomposition notice", 134),
    }  # the stored codes (key_work_list …) shown as words
    assert [m.value for m in at.metric][:3] == ["5", "3", "496"]
    quality = find(at, {"inferred_leads", "generic_leaders"})
    cx = quality[quality["region"] == "长兴县"].iloc[0]
    assert cx["lead_rule"] == "lead mark lost" and cx["inferred_leads"] == 130


def test_compare_years_huzhou(app_env):
    at = open_page("Compare years")
    lead = find(at, {"unit", "2017", "2022"})
    row = lead.set_index("unit")
    assert row.loc["市发展改革委", "2022"] == 18
    assert row.loc["市经信局", "2017"] > 0 and row.loc["市经信局", "2022"] > 0  # 市经信委 of 2017 followed
    assert "市经信委" not in row.index
    cont = find(at, {"new_task", "old_task", "similarity"})
    assert cont.iloc[0]["new_task"].startswith("实做好东西部协作") and len(cont) == 10
    changes = find(at, {"status", "tasks"}).set_index("status")["tasks"].to_dict()
    assert changes == {"continued": 10, "new": 136, "dropped": 49}


def test_compare_regions(app_env):
    at = open_page("Compare regions")
    prof = find(at, {"tasks_per_leader", "units_per_task", "drc_lead_share_pct"}).set_index(
        ["region", "year"]
    )
    assert prof.loc[("衢州市", 2021), "tasks"] == 159 and prof.loc[("湖州市", 2022), "tasks"] == 146
    assert prof.loc[("湖州市", 2022), "tasks_per_leader"] == "17"
    assert prof.loc[("湖州市", 2022), "drc_lead_share_pct"] == 12.3  # 18 of 146 tasks led by 市发展改革委
    assert prof.loc[("湖州市", 2017), "tasks_per_leader"] == "n/a"  # the key-work list names no leader
    # Quzhou states no lead rule: where a task lists several units its lead is inferred, and counted apart
    qz = prof.loc[("衢州市", 2021)]
    assert (qz["tasks_with_stated_lead"], qz["tasks_with_inferred_lead_only"]) == (
        80,
        79,
    )  # 80: one unit named
    gdp = find(at, {"region", "year", "value", "kind"})
    assert set(zip(gdp["region"], gdp["year"], gdp["value"], strict=True)) >= {
        ("湖州市", 2022, 7.5),
        ("湖州市", 2018, 8.0),
    }


def test_leaders_side_by_side(app_env):
    at = open_page("Leaders")
    portfolios = [df for df in frames(at) if {"task", "title"} <= set(df.columns)]
    assert len(portfolios) == 2
    mayor, county_head = portfolios
    assert set(mayor["title"]) == {"市长"} and len(mayor) == 13  # 6 five-year + 7 annual tasks
    assert set(county_head["title"]) == {"县长"} and len(county_head) == 3


def test_units(app_env):
    at = open_page("Units")
    tasks = find(at, {"task", "position", "lead_basis"})
    assert len(tasks) == 29 + 8  # Huzhou 市发展改革委: 29 listings in 2022, 8 in 2017 (as 市发改委)
    chains = [df for df in frames(at) if {"predecessor", "successor"} <= set(df.columns)]
    pairs = {p for df in chains for p in zip(df["predecessor"], df["successor"], strict=True)}
    assert ("市经信委", "市经信局") in pairs and ("市农办", "市农业农村局") in pairs


def test_network_quzhou(app_env):
    at = open_page("Network", region="衢州市")  # a shared link: the year defaults to the region's latest
    pairs = find(at, {"unit_a", "unit_b", "shared_tasks"})
    top = pairs.iloc[0]
    assert {top["unit_a"], top["unit_b"]} == {"市发展改革委", "市农业农村局"} and top["shared_tasks"] == 5
    cent = find(at, {"betweenness", "community"})
    assert len(cent) > 40


def test_targets(app_env):
    at = open_page("Targets")
    traj = find(at, {"region", "year", "kind", "qualifier", "value"})
    got = {(r.region, r.year, r.kind, r.qualifier, r.value) for r in traj.itertuples()}
    assert got == {
        ("湖州市", 2017, "planned", "", 7.5),
        ("湖州市", 2017, "planned", "力争", 8.0),
        ("湖州市", 2017, "achieved", "", 8.5),
        ("湖州市", 2018, "planned", "", 8.0),
        ("湖州市", 2022, "planned", "", 7.5),
        ("长兴县", 2023, "planned", "", 6.5),
    }
    pva = find(at, {"planned", "achieved", "difference"})
    gdp = pva[(pva["indicator"] == "gdp") & (pva["metric"] == "growth rate")].iloc[0]
    assert (gdp["planned"], gdp["achieved"]) == (7.5, 8.5)


def test_documents(app_env):
    at = open_page("Documents", region="湖州市", year="2017")
    tasks = find(at, {"seq", "number", "line", "text"})
    assert len(tasks) == 57  # Huzhou 2017: 11 key works + 46 measures
    marked = "".join(m.value for m in at.markdown)
    assert "<mark" in marked and "UNIT" in marked and "TARGET" in marked


def test_console_runs_reads_and_refuses_writes(app_env):
    at = open_page("Cypher console")
    at.text_area(key="console_cypher").set_value(
        "MATCH (d:Document {source: $s})-[:CONTAINS]->(t:Task) RETURN count(t) AS n"
    )
    at.text_input(key="console_params").set_value('{"s": "changxing-2023-decomposition.txt"}')
    at.button(key="console_run").click().run()
    assert not at.exception
    assert find(at, {"n"}).iloc[0]["n"] == 134
    at.text_area(key="console_cypher").set_value("CREATE (:Task {key: 'evil'})")
    at.text_input(key="console_params").set_value("{}")
    at.button(key="console_run").click().run()
    assert any("read-only" in e.value for e in at.error)
    at.text_area(key="console_cypher").set_value("MATCH (a:Task), (b:Task), (c:Task) RETURN count(*)")
    at.number_input(key="console_timeout").set_value(200)
    at.button(key="console_run").click().run()
    assert any("time limit" in e.value for e in at.error)


def test_console_names_missing_parameters_and_says_how_long_a_query_took(app_env):
    at = open_page("Cypher console")
    at.text_area(key="console_cypher").set_value("MATCH (d:Document {source: $s, year: $y}) RETURN d.title")
    at.text_input(key="console_params").set_value('{"s": "x"}')
    at.button(key="console_run").click().run()
    assert any("Missing parameters: y" in e.value for e in at.error)
    at.text_input(key="console_params").set_value('{"s": "x", "y": 2022}')
    at.button(key="console_run").click().run()
    assert any(" ms" in s.value and "row(s) in" in s.value for s in at.success)


def test_console_draws_a_named_query_the_way_its_header_says(app_env):
    at = open_page("Cypher console")
    at.selectbox(key="console_named").set_value("tasks_per_unit").run()
    at.button(key="console_run").click().run()
    assert not at.exception
    assert [t.label for t in at.tabs][:1] == ["Chart"]  # view: bar comes first
    tab = at.tabs[0]
    charts = [e for e in tab.children.values() if getattr(e, "type", "") == "vega_lite_chart"]
    assert charts, "the Chart tab draws nothing"
    spec = json.loads(charts[0].proto.spec)
    assert spec["mark"]["type"] == "bar"
    assert (spec["encoding"]["y"]["field"], spec["encoding"]["x"]["field"]) == ("unit", "lead")  # horizontal


def test_filters_persist_in_the_url_and_apply_on_every_page(app_env):
    at = open_page("Leaders", horizon="five_year")
    mayor = next(df for df in frames(at) if {"task", "title"} <= set(df.columns))
    assert set(mayor["horizon"]) == {"five-year"} and len(mayor) == 6  # the mayor's 6 five-year tasks of 13
    assert at.query_params["horizon"] == "five_year" and at.query_params["region"] == "湖州市"
    # switch page in the same session: the filters travel with it
    at.sidebar.radio(key="page").set_value("Compare years").run()
    assert not at.exception
    assert at.query_params["horizon"] == "five_year"
    changes = find(at, {"status", "tasks"}).set_index("status")["tasks"].to_dict()
    assert changes["continued"] + changes["new"] == 29  # Huzhou 2022's 29 five-year tasks
    picker = at.sidebar.selectbox(key="region")
    assert picker.options == [
        "浙江省 › 湖州市",
        "浙江省 › 湖州市 › 长兴县",
        "浙江省 › 衢州市",
    ]  # the hierarchy
    picker.set_value("衢州市").run()
    at.sidebar.radio(key="page").set_value("Network").run()
    assert not at.exception and at.query_params["region"] == "衢州市"
    assert any("衢州市 2021" in h.value for h in at.header)


def test_every_page_renders_with_a_document_whose_region_is_unknown(tmp_path, monkeypatch):
    """A real notice whose region cannot be decided (鼓政: four 鼓楼区) is stored without one; no
    page may fail on it."""
    from govkg.pipeline import load_paths
    from graph.connect import open_store

    f = tmp_path / "gulou.txt"
    f.write_text(
        "区政府关于印发2025年区政府主要工作目标任务分解落实方案的通知\n鼓政〔2025〕2号\n一、主要目标\n"
        "1.地区生产总值增长5%以上。(区发改委主办)\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "store"))
    try:
        assert not load_paths(store, [ROOT / "data" / "notices" / "quzhou-2021-decomposition.txt", f]).failed
    finally:
        store.close()
    import streamlit as st

    monkeypatch.setenv("GOVKG_STORE", str(tmp_path / "store"))
    st.cache_resource.clear()  # the app's store and results are cached per process: start from this store
    st.cache_data.clear()
    try:
        at = open_page("Overview")
        assert 2 in {len(df) for df in frames(at)}  # both documents listed, the one without a region too
        for name in PAGE_NAMES:
            open_page(name)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        from graph.embedded import EmbeddedServer

        EmbeddedServer(tmp_path / "store").stop()


def test_a_token_guards_every_page_when_the_app_is_started_with_one(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GOVKG_APP_TOKEN", "s3cret-token")
    closed = AppTest.from_file(APP, default_timeout=120)
    closed.query_params["page"] = "Overview"
    closed.run()
    assert not closed.exception and not closed.dataframe and "token" in closed.info[0].value
    wrong = AppTest.from_file(APP, default_timeout=120)
    wrong.query_params["token"] = "guess"
    wrong.run()
    assert not wrong.dataframe and wrong.error
    opened = open_page("Overview", token="s3cret-token")
    assert opened.dataframe  # the page itself


def test_document_text_is_marked_inline_longest_first_with_source_line_numbers():
    from govkg.highlight import html_lines, marks

    line = "湖州市人民政府办公室:地区生产总值增长7.5%以上。(市发展改革委、市统计局)"
    got = [(line[m.start : m.end], m.label) for m in marks(line)]
    assert got == [
        ("湖州市人民政府办公室", "UNIT"),  # whole: not 湖州 + a marked 市人民政府办公室
        ("地区生产总值增长7.5%以上", "TARGET"),
        ("市发展改革委", "UNIT"),
        ("市统计局", "UNIT"),
    ]
    shown = html_lines("标题\n\n" + line, first=2)
    assert shown.count("<div") == 1 and ">3</span>" in shown  # blank line 2 skipped, numbering kept
    assert shown.count("<mark") == 4 and "<br" not in shown


def test_documents_page_shows_the_text_with_line_numbers(app_env):
    at = open_page("Documents")
    assert not at.exception
    text = "".join(m.value for m in at.markdown if "<mark" in m.value)
    assert "<mark" in text and "min-width:3.5em" in text and "<br>" not in text


def test_search_finds_tasks_across_regions_and_its_facets_narrow_them(app_env):
    at = open_page("Search", q="营商环境")
    hits = find(at, {"region", "year", "text", "leads"})
    assert {"湖州市", "衢州市"} <= set(hits["region"])
    assert all("营商环境" in t for t in hits["text"])
    at.selectbox(key="search_region").set_value("衢州市").run()
    narrowed = find(at, {"region", "year", "text", "leads"})
    assert set(narrowed["region"]) == {"衢州市"} and 0 < len(narrowed) < len(hits)
    at.text_input(key="search_q").set_value("没有这样的词语").run()
    assert any("No task" in i.value for i in at.info)


def test_empty_states_say_what_is_missing(app_env):
    at = open_page("Compare years", region="衢州市")
    assert any("衢州市 has documents for 2021 only" in i.value for i in at.info)
    at = open_page("Overview", region="不存在市", year="1999")
    assert any("不存在市 is not in this store" in w.value for w in at.sidebar.warning)
    at = open_page("Overview", region="湖州市", year="1999")
    assert any("湖州市 has no document for 1999" in w.value for w in at.sidebar.warning)


def test_the_horizon_filter_narrows_the_lead_units_of_compare_years(app_env):
    every = find(open_page("Compare years", region="湖州市", year="2022"), {"unit", "2017", "2022"})
    livelihood = find(
        open_page("Compare years", region="湖州市", year="2022", horizon="livelihood"), {"unit", "2022"}
    )
    assert livelihood["2022"].sum() < every["2022"].sum()
    drc = every.set_index("unit").loc["市发展改革委", "2022"]
    assert (
        "市发展改革委" not in set(livelihood["unit"])
        or livelihood.set_index("unit").loc["市发展改革委", "2022"] < drc
    )


def test_the_app_speaks_chinese_when_asked_and_english_by_default(app_env):
    en = open_page("Overview")
    assert en.header[0].value == "Overview"
    zh = open_page("Overview", lang="zh")
    assert zh.header[0].value == "概览" and [s.value for s in zh.subheader][:2] == ["文件", "数据质量"]
    assert "责任分解" in set(frames(zh)[0]["kind"])  # codes shown as words: decomposition → 责任分解
    assert "跨年比较" in zh.sidebar.radio(key="page_zh").options
    assert zh.sidebar.radio(key="lang_pick").value == "zh"


# --------------------------------------------------------------------------- entity pages, graphs, links
def test_a_unit_page_follows_its_succession_across_years(app_env):
    at = open_page("Units", region="湖州市", unit="市经信局")
    assert at.selectbox(key="unit").value == "市经信局"
    tasks = find(at, {"year", "listed_as", "task"})
    by_year = tasks.groupby("year")["listed_as"].agg(set).to_dict()
    assert by_year == {2017: {"市经信委"}, 2022: {"市经信局"}}  # 市经信委 → 市经信局 (2019) followed
    assert len(tasks) == 23
    assert any("市经信委 → 市经信局" in m.value for m in at.markdown)
    years = find(at, {"year", "listed_as", "tasks", "lead_share"})
    assert set(years["year"]) == {2017, 2022}
    at.checkbox(key="follow").uncheck().run()
    alone = find(at, {"year", "listed_as", "task"})
    assert set(alone["year"]) == {2022} and at.query_params["follow"] == "0"


def test_a_unit_link_names_an_unknown_unit(app_env):
    at = open_page("Units", region="湖州市", unit="市不存在局")
    assert any("市不存在局" in w.value for w in at.warning)


def test_tables_link_to_unit_pages(app_env):
    at = open_page("Units", region="衢州市", unit="市发展改革委")
    partners = find(at, {"partner", "open"})
    link = partners.iloc[0]["open"]
    assert link.startswith("./?page=Units&region=") and "unit=" in link


def _svg(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("<svg"))


def test_the_network_labels_every_node_and_links_it_to_its_unit(app_env):
    import re

    at = open_page("Network", region="衢州市", year="2021")
    svg = _svg(at)
    nodes = int(re.search(r'data-nodes="(\d+)"', svg).group(1))
    assert nodes > 10
    assert svg.count('class="label"') == nodes  # a label on every node
    assert svg.count("<a href=") == nodes  # each opens its unit's page
    assert 'class="legend"' in svg and "marker-end" not in svg  # communities; undirected
    at.number_input[0].set_value(4).run()
    fewer = int(re.search(r'data-nodes="(\d+)"', _svg(at)).group(1))
    assert fewer < nodes


def test_the_console_graph_labels_nodes_by_their_names(app_env):
    at = open_page("Cypher console")
    at.text_area(key="console_cypher").set_value(
        "MATCH (u:Unit {region: '湖州市'})-[r:RESPONSIBLE]->(t:Task {year: 2022}) RETURN u, r, t LIMIT 5"
    )
    at.button(key="console_run").click().run()
    svg = _svg(at)
    assert "None" not in svg and 'class="legend"' in svg and "marker-end" in svg
    assert svg.count('class="label"') == int(svg.split('data-nodes="')[1].split('"')[0])


def test_a_page_keeps_only_its_own_state_in_the_url(app_env):
    at = open_page("Compare years", region="湖州市")
    assert "year_old" in at.query_params
    at.sidebar.radio(key="page").set_value("Leaders").run()
    assert "year_old" not in at.query_params and "year_new" not in at.query_params
    assert at.query_params["region"] == "湖州市"


def test_the_console_lists_named_queries_browses_the_schema_and_shares_a_query(app_env):
    at = open_page("Cypher console")
    at.text_input(key="console_find").set_value("succession").run()
    at.toggle(key="console_schema").set_value(True).run()
    named = next(d.value for d in at.dataframe if {"name", "title", "description"} <= set(d.value.columns))
    assert "unit_succession" in set(named["name"]) and len(named) < 5
    schema = next(d.value for d in at.dataframe if {"kind", "property", "example"} <= set(d.value.columns))
    unit = schema[(schema["name"] == "Unit") & (schema["property"] == "name")].iloc[0]
    assert unit["count"] > 100 and unit["example"].startswith(("市", "县"))
    assert (schema["kind"] == "relationship").sum() >= 15
    at.text_area(key="console_cypher").set_value("MATCH (u:Unit) RETURN count(u) AS n")
    at.button(key="console_run").click().run()
    assert at.query_params["cypher"] == "MATCH (u:Unit) RETURN count(u) AS n"
    again = open_page("Cypher console", cypher="MATCH (d:Document) RETURN count(d) AS n", params="{}")
    assert again.text_area(key="console_cypher").value == "MATCH (d:Document) RETURN count(d) AS n"


def test_a_task_page_shows_its_units_leaders_and_the_tasks_it_continues(app_env, seed_store):
    key = seed_store.query(
        "MATCH (t:Task {region: '湖州市', year: 2022})-[:SUPERSEDES]->(:Task) RETURN t.key ORDER BY t.seq LIMIT 1"
    ).scalar()
    doc = key.split(":task:")[0]
    at = open_page("Documents", doc=doc, task=key)
    assert any(h.value.startswith("Task ") and "湖州市 2022" in h.value for h in at.subheader)
    units = find(at, {"unit", "position", "role", "lead_basis"})
    assert len(units) >= 1 and units.iloc[0]["open"].startswith("./?page=Units")
    older = find(at, {"year", "number", "similarity"})
    assert set(older["year"]) == {2017}
    tasks = find(at, {"seq", "number", "line", "text"})
    assert tasks["open"].str.contains("task=").all()


def test_a_document_link_opens_that_document(app_env, seed_store):
    key = seed_store.query("MATCH (d:Document {region: '长兴县'}) RETURN d.key").scalar()
    at = open_page("Documents", region="湖州市", doc=key)
    assert any("changxing-2023" in m.value for m in at.markdown)
    gone = open_page("Documents", doc="doc:0000")
    assert any("doc:0000" in w.value for w in gone.warning)


def test_a_leader_link_opens_that_leader_and_careers_are_listed(app_env):
    at = open_page("Leaders", region="湖州市", leader="阮叶萍")
    assert at.selectbox(key="leader_0_湖州市_阮叶萍").value == "阮叶萍"
    portfolio = find(at, {"year", "number", "task", "lead_units"})
    assert portfolio["open"].str.contains("page=Documents").all()
    assert any("more than one region" in i.value for i in at.info)  # the sample corpus has no such name


def test_compare_years_follows_each_function_over_every_year(app_env):
    at = open_page("Compare years", region="湖州市")
    shares = find(at, {"function", "year", "lead_tasks", "share"})
    assert {2017, 2022} <= set(shares["year"])
    for _, g in shares.groupby("year"):
        assert (g["share"] <= 1).all()


def test_compare_regions_says_which_documents_assign_no_tasks(app_env):
    at = open_page("Compare regions")
    assert any("湖州市 2018 (work report)" in c.value for c in at.caption)


def test_the_overview_offers_the_research_dataset_as_one_zip(app_env):
    import io
    import zipfile

    at = open_page("Overview")
    at.button(key="dataset_prepare").click().run()
    assert not at.exception
    data, counts = at.session_state["dataset_zip"]
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert "govkg-dataset/codebook.md" in names and "govkg-dataset/tasks.csv" in names
    assert "govkg-dataset/assignments.parquet" in names and counts["tasks"] == 496


def test_pairs_and_target_rows_link_to_their_units_and_documents(app_env):
    net = open_page("Network", region="衢州市", year="2021")
    pairs = find(net, {"unit_a", "unit_b", "shared_tasks"})
    assert pairs["open_a"].str.contains("page=Units").all() and pairs["open_b"].str.contains("unit=").all()
    targets = open_page("Targets")
    traj = find(targets, {"region", "year", "kind", "value"})
    assert traj["open"].str.contains("page=Documents&doc=").all()


def test_every_string_the_app_translates_is_in_the_catalog():
    """Each literal given to tr() in the app has its Chinese in data/ui/strings.json (or is a stored code)."""
    import re

    from app_pages.i18n import catalog

    known = set(catalog()["text"]) | set(catalog()["codes"])
    missing = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]:
        src = path.read_text(encoding="utf-8")
        for m in re.finditer(r'\btr\(\s*((?:"[^"]*"\s*)+)\)', src):
            missing.add("".join(re.findall(r'"([^"]*)"', m.group(1))))
        missing |= set(re.findall(r"\btr\(\s*'([^']*)'\s*\)", src))
    assert missing - known == set()
