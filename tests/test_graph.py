"""The graph on a real embedded FalkorDB server, loaded with the seeds."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import NOTICES, only_embedded

from govkg.errors import QueryTimeoutError, ReadOnlyError
from govkg.pipeline import load_paths
from graph import queries
from graph.rows import ROWS_VERSION, document_rows, replace_statements

COUNT_TASKS = "MATCH (d:Document {source: $s})-[:CONTAINS]->(t:Task) RETURN count(t)"


def scalar(store, q, **params):
    return store.query(q, params).scalar()


def census(store):
    nodes = store.query("MATCH (n) RETURN labels(n)[0] AS l, count(n) AS c ORDER BY l").rows
    edges = store.query("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c ORDER BY t").rows
    return nodes, edges


@pytest.mark.parametrize(
    ("source", "tasks"),
    [
        ("huzhou-2022-decomposition.txt", 146),
        ("changxing-2023-decomposition.txt", 134),
        ("quzhou-2021-decomposition.txt", 159),
        ("huzhou-2017-key-work-list.txt", 57),
    ],
)
def test_task_counts_as_cypher(seed_store, source, tasks):
    assert scalar(seed_store, COUNT_TASKS, s=source) == tasks


def test_parts_horizons_and_measures(seed_store):
    rows = seed_store.query(
        "MATCH (d:Document {source: $s})-[:CONTAINS]->(t:Task) RETURN t.horizon AS h, count(t) AS n ORDER BY h",
        {"s": "huzhou-2022-decomposition.txt"},
    ).rows
    assert rows == [["annual", 107], ["five_year", 29], ["livelihood", 10]]
    assert (
        scalar(
            seed_store, "MATCH (:Task)-[:SUBTASK_OF]->(k:Task {region: '湖州市', year: 2017}) RETURN count(k)"
        )
        == 46
    )
    assert (
        scalar(
            seed_store,
            "MATCH (l:Leader {region: '湖州市'})-[:LEADS]->(:Task {year: 2022}) RETURN count(DISTINCT l)",
        )
        == 8
    )
    titles = seed_store.query("MATCH (l:Leader {name: '吴登芬'})-[r:LEADS]->() RETURN DISTINCT r.title").rows
    assert titles == [["常委、副市长"]]


def test_first_listed_leads_of_huzhou_2022(seed_store):
    rows = seed_store.query(
        "MATCH (d:Document {source: $s})-[:CONTAINS]->(t:Task)<-[p:PRIMARY_RESPONSIBLE]-(u:Unit) "
        "MATCH (u)-[r:RESPONSIBLE]->(t) RETURN p.basis AS basis, r.position AS pos, count(*) AS n",
        {"s": "huzhou-2022-decomposition.txt"},
    ).rows
    assert rows == [["stated_first_listed", 1, 146]]
    first = seed_store.query(
        "MATCH (d:Document {source: $s})-[:CONTAINS]->(t:Task {seq: 1})"
        "<-[:PRIMARY_RESPONSIBLE]-(u:Unit) RETURN u.name",
        {"s": "huzhou-2022-decomposition.txt"},
    ).rows
    assert first == [["市发展改革委"]]


def test_all_listed_leads_of_huzhou_2017(seed_store):
    listed = scalar(
        seed_store, "MATCH (:Unit)-[r:RESPONSIBLE]->(:Task {region: '湖州市', year: 2017}) RETURN count(r)"
    )
    leads = seed_store.query(
        "MATCH (:Unit)-[p:PRIMARY_RESPONSIBLE]->(:Task {region: '湖州市', year: 2017}) RETURN p.basis, count(p)"
    ).rows
    assert leads == [["stated_all_listed", listed]] and listed > 46


def test_inferred_and_lead_line_bases(seed_store):
    """Stated leads are PRIMARY_RESPONSIBLE (a 牵头单位 line, the only unit named); where several
    units are listed and Quzhou states no rule, the first is an inferred lead, marked on its
    RESPONSIBLE edge and never written as PRIMARY_RESPONSIBLE."""
    stated = seed_store.query(
        "MATCH (:Unit)-[p:PRIMARY_RESPONSIBLE]->(t:Task {region: '衢州市'}) RETURN t.horizon, p.basis, count(p) "
        "ORDER BY t.horizon, p.basis"
    ).rows
    inferred = seed_store.query(
        "MATCH (:Unit)-[r:RESPONSIBLE {inferred_lead: true}]->(t:Task {region: '衢州市'}) "
        "RETURN t.horizon, count(r) ORDER BY t.horizon"
    ).rows
    assert [r[:2] for r in stated] == [
        ["annual", "sole_unit"],
        ["five_year", "sole_unit"],
        ["livelihood", "lead_line"],
    ]
    assert stated[2][2] == 21
    by = {h: n for h, _, n in stated}
    assert dict(inferred) and all(by[h] + n == {"annual": 118, "five_year": 31}[h] for h, n in inferred)
    both = scalar(
        seed_store,
        "MATCH (u:Unit)-[:PRIMARY_RESPONSIBLE]->(t:Task)<-[:RESPONSIBLE {inferred_lead: true}]-(u) RETURN count(t)",
    )
    assert both == 0
    assert scalar(seed_store, "MATCH (d:Document {region: '长兴县'}) RETURN d.lead_rule") == "lost_mark"


def test_unit_succession_across_the_2019_reform(seed_store):
    rows = seed_store.query(
        "MATCH (a:Unit {region: '湖州市', name: '市经信委'})<-[s:SUPERSEDES]-(b:Unit) "
        "MATCH (a)-[:RESPONSIBLE]->(t1:Task) MATCH (b)-[:RESPONSIBLE]->(t2:Task) "
        "RETURN b.name, s.year, collect(DISTINCT t1.year), collect(DISTINCT t2.year)"
    ).rows
    assert rows == [["市经信局", 2019, [2017], [2022]]]  # (new)-[:SUPERSEDES]->(old), like every SUPERSEDES
    wrong_way = seed_store.query(
        "MATCH (a:Unit {region: '湖州市', name: '市经信委'})-[:SUPERSEDES]->(:Unit) RETURN count(*)"
    ).scalar()
    assert wrong_way == 0


def test_one_function_two_regions(seed_store):
    rows = seed_store.query(
        "MATCH (u:Unit {function: 'drc'}) WHERE u.region IN ['湖州市', '衢州市'] "
        "RETURN u.region, u.name, u.aliases ORDER BY u.region"
    ).rows
    assert rows[0][:2] == ["湖州市", "市发展改革委"] and "市发改委" in rows[0][2]  # 2017 wrote 市发改委
    assert rows[1][:2] == ["衢州市", "市发展改革委"] and rows[1][2] == ["市发改委"]


def test_gdp_targets_superseded_and_outcome(seed_store):
    chain = seed_store.query(
        "MATCH (n:Target {region: '湖州市', indicator_norm: 'gdp', metric: 'growth_rate'})-[:SUPERSEDES]->(o:Target) "
        "RETURN n.year, n.value, o.year, o.value ORDER BY n.year"
    ).rows
    assert chain == [[2018, 8.0, 2017, 7.5], [2022, 7.5, 2018, 8.0]]
    outcome = seed_store.query(
        "MATCH (a:Target {kind: 'achieved', indicator_norm: 'gdp', metric: 'growth_rate'})-[:OUTCOME_OF]->(p:Target) "
        "RETURN a.region, a.year, a.value, p.value, p.comparator"
    ).rows
    assert outcome == [["湖州市", 2017, 8.5, 7.5, ">="]]
    assert (
        scalar(
            seed_store,
            "MATCH (g:Target {region: '长兴县', indicator_norm: 'gdp', metric: 'growth_rate'}) "
            "RETURN g.value + 0.0",
        )
        == 6.5
    )


def test_document_and_task_supersedes(seed_store):
    assert (
        scalar(seed_store, "MATCH (:Document)-[s:SUPERSEDES]->(:Document) RETURN count(s)") == 0
    )  # kinds differ
    rows = seed_store.query(
        "MATCH (n:Task {region: '湖州市', year: 2022})-[s:SUPERSEDES]->(o:Task {year: 2017}) "
        "RETURN n.text, o.number, s.similarity ORDER BY s.similarity DESC LIMIT 1"
    ).rows
    assert rows[0][0].startswith("实做好东西部协作") and rows[0][1] == "10.4" and rows[0][2] > 0.5
    most = scalar(
        seed_store, "MATCH (n:Task)-[s:SUPERSEDES]->(o:Task) WITH n, o.doc AS d, count(s) AS c RETURN max(c)"
    )
    assert most == 1


def test_every_task_target_and_edge_has_provenance(seed_store):
    for label in ("Task", "Target", "Milestone"):
        assert (
            scalar(seed_store, f"MATCH (n:{label}) WHERE n.doc IS NULL OR n.line IS NULL RETURN count(n)")
            == 0
        )
    for rel in (
        "CONTAINS",
        "SUBTASK_OF",
        "LEADS",
        "RESPONSIBLE",
        "PRIMARY_RESPONSIBLE",
        "STATES",
        "HAS_TARGET",
        "HAS_MILESTONE",
    ):
        assert (
            scalar(
                seed_store, f"MATCH ()-[r:{rel}]->() WHERE r.doc IS NULL OR r.line IS NULL RETURN count(r)"
            )
            == 0
        )
        assert scalar(seed_store, f"MATCH ()-[r:{rel}]->() RETURN count(r)") > 0, rel


def test_loading_twice_changes_nothing(fresh_store):
    files = sorted(NOTICES.glob("*.txt"))
    load_paths(fresh_store, files)
    before = census(fresh_store)
    report = load_paths(fresh_store, files)
    assert {r.status for r in report.results} == {"unchanged"}
    assert census(fresh_store) == before


def test_a_document_stored_in_an_older_shape_is_rewritten(fresh_store):
    f = NOTICES / "changxing-2023-decomposition.txt"
    load_paths(fresh_store, [f])
    before = census(fresh_store)
    fresh_store.query(
        "MATCH (d:Document) SET d.rows_version = 1 REMOVE d.task_count", write=True
    )  # as an older govkg wrote it
    report = load_paths(fresh_store, [f])
    assert [r.status for r in report.results] == ["replaced"]
    assert scalar(fresh_store, "MATCH (d:Document) RETURN d.rows_version") == ROWS_VERSION
    assert scalar(fresh_store, "MATCH (d:Document) RETURN d.task_count") == 134
    assert census(fresh_store) == before
    assert [r.status for r in load_paths(fresh_store, [f]).results] == ["unchanged"]


def test_corrected_copy_replaces_only_its_document(fresh_store, tmp_path):
    files = sorted(NOTICES.glob("*.txt"))
    load_paths(fresh_store, files)
    others = "MATCH (d:Document)-[:CONTAINS]->(t:Task) WHERE d.region <> '长兴县' RETURN t.key, t.text ORDER BY t.key"
    before_others = fresh_store.query(others).rows
    text = (NOTICES / "changxing-2023-decomposition.txt").read_text(encoding="utf-8")
    fixed = text.replace(
        "2.全力防范化解财政金融等领域风险隐患。\n", "2.全力防范化解财政金融等领域重大风险。\n"
    )
    fixed = fixed.replace("3.深化节约型政府建设", "删除线").replace("删除线", "3.深化节约型政府建设", 1)
    cut = fixed.index("17.优化提升小微园。")
    fixed = fixed[:cut] + fixed[fixed.index("18.加强各类政策", cut) :]
    corrected = tmp_path / "changxing-2023-decomposition.txt"
    corrected.write_text(fixed, encoding="utf-8")
    report = load_paths(fresh_store, [corrected])
    assert [r.status for r in report.results] == ["replaced"]
    assert scalar(fresh_store, COUNT_TASKS, s="changxing-2023-decomposition.txt") == 133
    assert scalar(fresh_store, "MATCH (d:Document {region: '长兴县'}) RETURN count(d)") == 1
    assert (
        scalar(
            fresh_store, "MATCH (t:Task {region: '长兴县'}) WHERE t.text CONTAINS '重大风险' RETURN count(t)"
        )
        == 1
    )
    assert fresh_store.query(others).rows == before_others


def test_units_and_leaders_left_without_tasks_are_removed(fresh_store, tmp_path):
    """A corrected document that no longer names a unit (or a leader) takes it out of the graph."""
    text = (NOTICES / "changxing-2023-decomposition.txt").read_text(encoding="utf-8")
    extra = text.replace("责任单位:县财政局。\n", "责任单位:县财政局、县测试局。\n", 1)
    path = tmp_path / "changxing-2023-decomposition.txt"
    path.write_text(extra, encoding="utf-8")
    load_paths(fresh_store, [path, NOTICES / "huzhou-2022-decomposition.txt"])
    units = "MATCH (u:Unit) RETURN count(u)"
    before = scalar(fresh_store, units)
    assert scalar(fresh_store, "MATCH (u:Unit {name: '县测试局'}) RETURN count(u)") == 1
    path.write_text(text, encoding="utf-8")
    assert [r.status for r in load_paths(fresh_store, [path]).results] == ["replaced"]
    assert scalar(fresh_store, "MATCH (u:Unit {name: '县测试局'}) RETURN count(u)") == 0
    assert scalar(fresh_store, units) == before - 1
    assert scalar(fresh_store, "MATCH (u:Unit) WHERE NOT (u)-[:RESPONSIBLE]->() RETURN count(u)") == 0
    assert scalar(fresh_store, "MATCH (l:Leader) WHERE NOT (l)-[:LEADS]->() RETURN count(l)") == 0


def test_same_document_in_two_formats_is_one_document(fresh_store, tmp_path):
    from render import to_html

    src = NOTICES / "quzhou-2021-decomposition.txt"
    html = tmp_path / "quzhou.html"
    html.write_bytes(to_html(src.read_text(encoding="utf-8")))
    copy = tmp_path / "another-name.txt"
    shutil.copy(src, copy)
    report = load_paths(fresh_store, [src, html, copy])
    assert [r.status for r in report.results] == ["loaded", "unchanged", "unchanged"]
    assert scalar(fresh_store, "MATCH (d:Document) RETURN count(d)") == 1


def test_console_is_read_only_by_default(seed_store):
    before = census(seed_store)
    for cypher in (
        "CREATE (:Task {key: 'x'})",
        "MATCH (t:Task) SET t.text = 'x'",
        "MATCH (u:Unit) DETACH DELETE u",
        "MERGE (:Unit {key: 'y'})",
    ):
        with pytest.raises(ReadOnlyError):
            seed_store.query(cypher)
    assert census(seed_store) == before


def test_runaway_query_is_stopped(seed_store):
    with pytest.raises(QueryTimeoutError):
        seed_store.query("MATCH (a:Task), (b:Task), (c:Task) RETURN count(*)", timeout_ms=200)
    assert scalar(seed_store, "MATCH (d:Document) RETURN count(d)") == 5


SILENT_ON_SEEDS = {
    "document_detail": "needs a document's key",
    "task_detail": "needs a task's key (tested in test_app)",
    "leader_careers": "no name leads in two regions of the seeds (tested on a written Ningbo notice)",
}


def test_every_named_query_runs_and_is_documented(seed_store):
    reg = queries.registry()
    assert len(reg) >= 12
    for nq in reg.values():
        assert nq.title and len(nq.description) > 20, nq.name
        res = nq.run(seed_store)
        assert res.columns, nq.name
        if nq.name not in SILENT_ON_SEEDS:
            assert res.rows, f"{nq.name} answers nothing on the seeds with its defaults"
        declared = {c for c in (nq.x, nq.y, nq.color) if c}
        assert declared <= set(res.columns), (nq.name, declared - set(res.columns))
        if nq.view in ("bar", "line"):  # the console draws it from these
            assert nq.x and nq.y, f"{nq.name}: a {nq.view} view names its x and y columns"


def test_named_queries_answer_seed_questions(seed_store):
    tpu = queries.get("tasks_per_unit").run(seed_store, {"region": "湖州市", "year": 2022}).records()
    assert tpu[0]["unit"] == "市发展改革委" and tpu[0]["lead"] == 18
    qz = (
        queries.get("tasks_per_unit")
        .run(seed_store, {"region": "衢州市", "year": 2021, "limit": 1000, "groups": True})
        .records()
    )
    inferred = scalar(
        seed_store,
        "MATCH (:Unit)-[r:RESPONSIBLE {inferred_lead: true}]->(:Task {region: '衢州市'}) RETURN count(r)",
    )
    assert inferred > 0 and sum(r["inferred_lead"] for r in qz) == inferred  # shown apart from stated leads
    trajectory = queries.get("target_trajectory").run(seed_store, {"regions": ["湖州市", "长兴县"]}).records()
    got = {(r["region"], r["year"], r["kind"], r["qualifier"], r["value"]) for r in trajectory}
    assert got == {
        ("湖州市", 2017, "planned", "", 7.5),
        ("湖州市", 2017, "planned", "力争", 8.0),
        ("湖州市", 2017, "achieved", "", 8.5),
        ("湖州市", 2018, "planned", "", 8.0),
        ("湖州市", 2022, "planned", "", 7.5),
        ("长兴县", 2023, "planned", "", 6.5),
    }


def test_write_statements_are_plain_json(seeds):
    """What the Neo4j store receives: the same statements, parameters of plain JSON types."""
    for doc in seeds.values():
        for cypher, params in replace_statements(document_rows(doc)):
            assert json.loads(json.dumps(params, ensure_ascii=False)) == params
            assert all(f"${k}" in cypher for k in params), cypher  # values travel only as parameters


@pytest.mark.parametrize(
    "value",
    [
        'quote " and back\\slash, end\\',
        "new\nline\ttab\rreturn",
        "中文“引号”、emoji😀, \u2028 separator",
        "control\x01\x08\x0c characters",
        'x"key": inside a value',
        "`back-quoted`",
        "\\u0041 written out",
        1.5e-7,
        10**15,
        True,
        None,
        [1, "a", None, [2.5]],
        {"key": "v", "nested": [1, {"m": "中"}], "中文键": 1},
    ],
)
def test_parameters_reach_the_engine_unchanged(seed_store, value):
    """FalkorDB receives parameters as Cypher literals in a text header: every kind of value a
    notice can hold (quotes, backslashes, line breaks, control characters, any script) must
    arrive exactly as sent, never as Cypher."""
    assert seed_store.query("RETURN $x AS x", {"x": value}).scalar() == value


def test_embedded_server_is_private_and_socket_only(seed_store):
    only_embedded(seed_store)
    directory = seed_store.location
    assert os.stat(directory).st_mode & 0o077 == 0
    cmdline = open(f"/proc/{open(os.path.join(directory, 'server.pid')).read().strip()}/cmdline", "rb").read()
    args = cmdline.split(b"\0")
    assert args[0].split(b" ")[-1].startswith(b"unixsocket:")  # redis names its process by what it serves
    conf = seed_store._db.connection.config_get("port")
    assert conf["port"] == "0"


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="set NEO4J_URI to run against Neo4j")
def test_neo4j_runs_the_same_questions():
    from graph.connect import open_store

    store = open_store(os.environ["NEO4J_URI"])
    store.query("MATCH (n) DETACH DELETE n", write=True)
    load_paths(store, sorted(NOTICES.glob("*.txt")))
    assert scalar(store, COUNT_TASKS, s="huzhou-2022-decomposition.txt") == 146
    for nq in queries.registry().values():
        nq.run(store)
    store.close()


def test_task_links_look_back_a_decade_only():
    from graph.links import MAX_YEARS_BACK, task_links

    text = "深入实施数字经济一号工程,加快建设国家数字经济创新发展试验区。"
    other = "全面推进乡村振兴,深化农村集体产权制度改革,壮大村级集体经济。"

    def task(doc: str, year: int, t: str) -> dict:
        return {"key": f"{doc}:{t[:2]}", "doc": doc, "year": year, "text": t}

    tasks = [
        task("d2010", 2010, text),
        task("d2010", 2010, other),
        task(f"d{2010 + MAX_YEARS_BACK}", 2010 + MAX_YEARS_BACK, text),
        task(f"d{2011 + MAX_YEARS_BACK}", 2011 + MAX_YEARS_BACK, text),
    ]
    links = {(r["new"].split(":")[0], r["old"].split(":")[0]) for r in task_links(tasks)}
    assert ("d2020", "d2010") in links and ("d2021", "d2020") in links
    assert ("d2021", "d2010") not in links  # eleven years back: past the horizon


def test_bigram_ids_match_the_bigrams_of_each_text(seeds):
    """Task similarity numbers the bigrams of a whole region at once in numpy; it must see exactly
    the bigrams ``bigrams`` gives text by text (punctuation, digits and Latin letters removed),
    in order, one id per distinct bigram."""
    from collections import defaultdict

    from graph.links import _bigram_ids, bigrams

    tasks = [{"text": t.text} for d in seeds.values() for t in d.iter_tasks()]
    tasks += [{"text": ""}, {"text": None}, {"text": "一"}, {"text": "2022年GDP增长6.5%"}, {"text": "太湖"}]
    rows, ids, width = _bigram_ids(tasks)
    per_row: dict[int, list[int]] = defaultdict(list)
    for r, j in zip(rows.tolist(), ids.tolist(), strict=True):
        per_row[r].append(j)
    name: dict[int, str] = {}
    for i, t in enumerate(tasks):
        expected = bigrams(t["text"])
        assert len(per_row.get(i, [])) == len(expected), t["text"]
        for j, g in zip(per_row.get(i, []), expected, strict=True):
            assert name.setdefault(j, g) == g
    assert len(set(name.values())) == len(name) == width


GULOU = (
    "{city}鼓楼区人民政府关于印发2025年区政府主要工作目标任务分解落实方案的通知\n{city}鼓楼区人民政府\n2025年1月27日\n"
    "2025年区政府主要工作目标任务分解落实方案\n一、主要目标\n1.地区生产总值增长5%以上。(区发改委、区财政局主办)\n"
)


def test_two_gulou_districts_are_two_regions_with_nothing_shared(fresh_store, tmp_path):
    for city in ("南京市", "福州市"):
        (tmp_path / f"gulou-{city}.txt").write_text(GULOU.format(city=city), encoding="utf-8")
    report = load_paths(fresh_store, sorted(tmp_path.glob("gulou-*.txt")))
    assert not report.failed
    rows = fresh_store.query(
        "MATCH (d:Document)-[:IN_REGION]->(g:Region) RETURN g.key, g.code, g.name, g.label, d.region, "
        "d.region_path ORDER BY g.code"
    ).rows
    assert rows == [
        ["region:320106", "320106", "鼓楼区", "南京市鼓楼区", "南京市鼓楼区", "江苏省/南京市/鼓楼区"],
        ["region:350102", "350102", "鼓楼区", "福州市鼓楼区", "福州市鼓楼区", "福建省/福州市/鼓楼区"],
    ]
    units = fresh_store.query("MATCH (u:Unit) RETURN u.key, u.region ORDER BY u.key").rows
    assert len(units) == 4 and {r for _, r in units} == {"南京市鼓楼区", "福州市鼓楼区"}
    shared = (
        "MATCH (a:Document)-[:CONTAINS]->()<-[:RESPONSIBLE]-(u)-[:RESPONSIBLE]->()<-[:CONTAINS]-(b:Document) "
    )
    assert scalar(fresh_store, shared + "WHERE a <> b RETURN count(u)") == 0
    parents = fresh_store.query("MATCH (:Region {code: '320106'})-[:PART_OF]->(p) RETURN p.key").rows
    assert parents == [["region:320100"]]


def test_seed_regions_carry_codes_and_keep_their_names(seed_store):
    rows = seed_store.query(
        "MATCH (d:Document) RETURN DISTINCT d.region, d.region_code ORDER BY d.region_code"
    ).rows
    assert rows == [["湖州市", "330500"], ["长兴县", "330522"], ["衢州市", "330800"]]
    assert scalar(seed_store, "MATCH (u:Unit) WHERE u.key STARTS WITH 'unit:3305' RETURN count(u)") > 0


def test_regions_left_behind_by_an_older_store_are_removed(fresh_store):
    f = NOTICES / "changxing-2023-decomposition.txt"
    load_paths(fresh_store, [f])
    fresh_store.query(  # regions keyed by name, as an older govkg wrote them
        "CREATE (:Region {key: 'region:长兴县', name: '长兴县'})-[:PART_OF]->(:Region {key: 'region:湖州市'})"
        "-[:PART_OF]->(:Region {key: 'region:浙江省'})",
        write=True,
    )
    fresh_store.query("MATCH (d:Document) SET d.rows_version = 1", write=True)
    assert [r.status for r in load_paths(fresh_store, [f]).results] == ["replaced"]
    keys = fresh_store.query("MATCH (g:Region) RETURN g.key ORDER BY g.key").rows
    assert keys == [["region:330000"], ["region:330500"], ["region:330522"]]


def test_a_region_renamed_is_one_region_line_with_its_change_recorded(fresh_store, tmp_path):
    notices = {
        "wujiang-2010.txt": "吴江市人民政府办公室关于印发2010年政府工作报告重点工作责任分解的通知\n吴江市人民政府办公室\n"
        "2010年3月1日\n一、主要目标\n1.推进一项工作。\n责任单位:市发改委\n",
        "wujiang-2015.txt": "苏州市吴江区人民政府办公室关于印发2015年政府工作报告重点工作责任分解的通知\n"
        "苏州市吴江区人民政府办公室\n2015年3月1日\n一、主要目标\n1.推进一项工作。\n责任单位:区发改委\n",
    }
    for name, text in notices.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert not load_paths(fresh_store, sorted(tmp_path.glob("wujiang-*.txt"))).failed
    rows = fresh_store.query(
        "MATCH (d:Document)-[:IN_REGION]->(g:Region) RETURN d.year, d.region_code, d.region_basis, g.key ORDER BY d.year"
    ).rows
    assert rows == [
        [2010, "320509", "named by its former name 吴江市", "region:320509"],
        [2015, "320509", "named", "region:320509"],
    ]
    former = scalar(fresh_store, "MATCH (g:Region {code: '320509'}) RETURN g.former_names")
    assert "吴江市 1995–2011" in former and any(f.startswith("吴江县 ") for f in former)


EDGES = "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n ORDER BY t"


def test_a_store_written_by_an_older_govkg_is_migrated_when_it_is_opened(tmp_path):
    """Documents of an older rows version (regions keyed by name, no region codes, an older key)
    are derived again from the text the store keeps when the store is opened, to exactly the graph
    a fresh load of the same files writes; loading the files afterwards changes nothing."""
    from conftest import _stop

    from govkg.pipeline import open_current
    from graph.connect import open_store

    files = [
        NOTICES / "huzhou-2017-key-work-list.txt",
        NOTICES / "huzhou-2022-decomposition.txt",
        NOTICES / "quzhou-2021-decomposition.txt",
    ]
    directory = tmp_path / "store"
    store = open_store(str(directory))
    try:
        load_paths(store, files)
        want = (store.label_counts(), store.query(EDGES).rows)
        store.write_atomically(
            [
                ("MATCH (d:Document) SET d.rows_version = $v REMOVE d.region_code, d.region_path", {"v": 3}),
                ("MATCH (r:Region {code: '330500'}) SET r.key = 'region:湖州市' REMOVE r.code", {}),
                ("MATCH (d:Document {source: $s}) SET d.key = 'doc:legacy'", {"s": files[2].name}),
                # unit succession the old way round, (old)-[:SUPERSEDES]->(new)
                (
                    "MATCH (a:Unit)-[s:SUPERSEDES]->(b:Unit) CREATE (b)-[:SUPERSEDES {year: s.year}]->(a) DELETE s",
                    {},
                ),
            ]
        )
        store.close()
        store = open_current(str(directory))
        docs = store.query(
            "MATCH (d:Document) RETURN d.key, d.rows_version, d.region_code ORDER BY d.key"
        ).rows
        assert sorted((v, c) for _, v, c in docs) == [
            (ROWS_VERSION, "330500"),
            (ROWS_VERSION, "330500"),
            (ROWS_VERSION, "330800"),
        ]
        turned = store.query(
            "MATCH (n:Unit {name: '市经信局'})-[:SUPERSEDES]->(o:Unit {name: '市经信委'}) RETURN count(*)"
        ).scalar()
        assert turned == 1  # the successor supersedes its predecessor again
        assert "doc:legacy" not in [k for k, _, _ in docs]
        regions = store.query("MATCH (r:Region) RETURN r.key ORDER BY r.key").column("r.key")
        assert "region:湖州市" not in regions and "region:330500" in regions
        assert (store.label_counts(), store.query(EDGES).rows) == want
        assert [r.status for r in load_paths(store, files).results] == ["unchanged"] * 3
    finally:
        store.close()
        _stop(directory)


def test_docs_schema_is_generated_from_graph_schema():
    from conftest import ROOT

    from graph import schema

    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert schema.rewrite(doc) == doc, "docs/schema.md is stale: run python -m graph.schema docs/schema.md"


def test_the_store_holds_only_what_graph_schema_declares(seed_store):
    from graph import schema

    nodes = {n.label: {p for p, _ in n.props} for n in schema.NODES}
    found = seed_store.query(
        "MATCH (n) WITH labels(n)[0] AS l, n UNWIND keys(n) AS k RETURN l, collect(DISTINCT k)"
    ).rows
    for label, props in found:
        assert label in nodes, f"label {label} is not in graph/schema.py"
        assert set(props) <= nodes[label], (label, set(props) - nodes[label])
    assert {label for label, _ in found} == set(nodes)
    edges = {(e.source, e.type, e.target): {p for p, _ in e.props} for e in schema.EDGES}
    rels = seed_store.query(
        "MATCH (a)-[r]->(b) WITH labels(a)[0] AS a, type(r) AS t, labels(b)[0] AS b, r "
        "RETURN a, t, b, collect(keys(r))"
    ).rows
    for a, t, b, keysets in rels:
        assert (a, t, b) in edges, f"({a})-[:{t}]->({b}) is not in graph/schema.py"
        used = {k for ks in keysets for k in ks}
        assert used <= edges[(a, t, b)], ((a, t, b), used - edges[(a, t, b)])


def test_rankings_leave_collective_entries_out_unless_asked(seed_store):
    partners = queries.get("unit_partners")
    names = {
        r["partner"]
        for r in partners.run(
            seed_store, {"region": "湖州市", "unit": "市发展改革委", "year": 2022}
        ).records()
    }
    with_groups = {
        r["partner"]
        for r in partners.run(
            seed_store, {"region": "湖州市", "unit": "市发展改革委", "year": 2022, "groups": True}
        ).records()
    }
    collective = with_groups - names
    assert collective and all(any(w in n for w in ("各", "有关", "相关", "其他")) for n in collective), (
        collective
    )
    ranked = (
        queries.get("tasks_per_unit")
        .run(seed_store, {"region": "湖州市", "year": 2022, "limit": 200})
        .records()
    )
    assert not [r["unit"] for r in ranked if "其他有关" in r["unit"] or r["unit"].startswith("各")]


def test_views_reshape_query_results_for_the_pages(seed_store):
    import pandas as pd

    from graph import views

    def frame(name, **params):
        res = queries.get(name).run(seed_store, params)
        return pd.DataFrame(res.rows, columns=res.columns)

    wide = views.lead_units_wide(
        frame("lead_units_with_succession", region="湖州市", year_a=2017, year_b=2022), 2022
    )
    assert list(wide.columns) == ["unit", "2017", "2022"] and wide.iloc[0]["unit"] == "市发展改革委"
    assert wide.set_index("unit").loc["市经信局", "2017"] > 0  # 市经信委's 2017 tasks, under its successor
    side = views.targets_side_by_side(
        frame("region_targets", region="湖州市", year=2017),
        frame("region_targets", region="湖州市", year=2022),
        2017,
        2022,
    )
    gdp = side[(side["indicator"] == "gdp") & (side["qualifier"] == "")]
    assert gdp[["value_2017", "value_2022", "change"]].values.tolist() == [[7.5, 7.5, 0.0]]
    top = views.top_functions(frame("function_workload", year=0, regions=[]), n=3)
    assert top["function"].nunique() == 3 and "region_year" in top


NINGBO_2025 = """宁波市人民政府办公厅关于印发2025年政府工作报告重点工作责任分解的通知
甬政办发〔2025〕3号
各区(县、市)人民政府,市直及部省属驻甬各单位:
现将2025年《政府工作报告》重点工作责任分解印发给你们,请认真贯彻落实。
1.全市生产总值增长5.5%左右。
牵头市领导:汤飞帆
牵头单位:市发改委
2.深入实施营商环境优化提升行动。
牵头市领导:汤飞帆
牵头单位:市发改委、市市场监管局
宁波市人民政府办公厅
2025年2月20日
"""


def test_a_name_leading_in_two_regions_is_a_possible_career_never_merged(fresh_store, tmp_path):
    ningbo = tmp_path / "ningbo-2025-decomposition.txt"
    ningbo.write_text(NINGBO_2025, encoding="utf-8")
    assert not load_paths(fresh_store, [NOTICES / "quzhou-2021-decomposition.txt", ningbo]).failed
    rows = queries.get("leader_careers").run(fresh_store, {"leader": "汤飞帆"}).records()
    by_region = {r["region"]: r for r in rows}
    assert set(by_region) == {"衢州市", "宁波市"}
    assert by_region["宁波市"]["years"] == [2025] and by_region["宁波市"]["tasks"] == 2
    assert 2021 in by_region["衢州市"]["years"]
    leaders = fresh_store.query("MATCH (l:Leader {name: '汤飞帆'}) RETURN count(l)").scalar()
    assert leaders == 2  # one Leader per region: the graph does not merge the two
    everyone = queries.get("leader_careers").run(fresh_store, {"leader": ""}).records()
    assert {r["leader"] for r in everyone} == {"汤飞帆"}
