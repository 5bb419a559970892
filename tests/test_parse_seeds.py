"""Exact structure of the five seed notices."""

from __future__ import annotations

import datetime as dt

from loaders.model import DocKind, Horizon, LeadBasis, LeadRule, LineClass, PartKind


def tops(part):
    return [t for s in part.sections for t in s.tasks]


def leads(task):
    return [u.name for u in task.units if u.lead]


def test_every_line_is_classified_and_nothing_is_unknown(seeds):
    from conftest import NOTICES, SEEDS

    for key, doc in seeds.items():
        text = (NOTICES / SEEDS[key]).read_text(encoding="utf-8")
        nonempty = [i for i, ln in enumerate(text.split("\n"), start=1) if ln.strip()]
        assert [c.line for c in doc.coverage.lines] == nonempty, key
        assert doc.coverage.unknown == [], (key, doc.coverage.unknown[:3])
        assert doc.coverage.count(LineClass.boilerplate) > 0, key


def test_huzhou_2022_structure(seeds):
    d = seeds["huzhou2022"]
    assert d.kind is DocKind.decomposition
    assert (
        d.title
        == "湖州市人民政府办公室关于印发政府工作报告今后五年重点工作责任分解、2022年重点工作责任分解和十方面民生实事责任分解的通知"
    )
    assert (d.year, d.date, d.issuer) == (2022, dt.date(2022, 4, 29), "湖州市人民政府办公室")
    assert d.region.name == "湖州市" and d.region.level == "city" and d.region.parent.name == "浙江省"
    assert [p.kind for p in d.parts] == [PartKind.five_year, PartKind.annual, PartKind.livelihood]
    assert [p.title for p in d.parts] == [
        "政府工作报告今后五年重点工作责任分解",
        "政府工作报告2022年重点工作责任分解",
        "十方面民生实事责任分解",
    ]
    assert [len(tops(p)) for p in d.parts] == [29, 107, 10]
    assert [t.horizon for t in tops(d.parts[2])] == [Horizon.livelihood] * 10
    leaders = {(ldr.name, ldr.title) for s in d.parts[1].sections for ldr in s.leaders}
    assert leaders == {
        ("洪湖鹏", "市长"),
        ("吴智勇", "常务副市长"),
        ("吴登芬", "常委、副市长"),
        ("张宏亮", "副市长"),
        ("夏坚定", "副市长"),
        ("阮叶萍", "副市长"),
        ("王晓军", "副市长"),
        ("金凯", "副市长"),
    }
    assert [len(s.tasks) for s in d.parts[1].sections] == [7, 27, 16, 7, 11, 13, 13, 13]
    assert d.lead_rule is LeadRule.first_listed and "列第一位" in d.lead_rule_text
    for t in d.iter_tasks():
        assert leads(t) == [t.units[0].name], t.number
        assert t.units[0].lead_basis is LeadBasis.stated_first_listed
    five = tops(d.parts[0])
    t1 = five[0]
    assert t1.text.startswith("奋力打造实力新湖州。") and t1.leaders[0].name == "洪湖鹏"
    assert [u.name for u in t1.units] == [
        "市发展改革委",
        "市经信局",
        "市科技局",
    ]  # the annotation is stripped
    assert "列第一位者为工作牵头单位或汇总单位,下同" in t1.units[-1].notes
    t2 = five[1]
    assert t2.units[1].name == "市委改革办" and t2.units[1].aliases == ("市政务办",)
    assert t2.units[1].as_written == "市委改革办(市政务办)"
    annual = tops(d.parts[1])
    mayor6 = annual[5]  # "任单位:" — the web copy lost a character of the label
    assert mayor6.number == "6" and [u.name for u in mayor6.units] == [
        "市政府办公室",
        "市委改革办",
        "市大数据局",
    ]
    collective = {u.name for t in d.iter_tasks() for u in t.units if u.collective}
    assert {"市级其他有关单位", "各区县政府"} <= collective
    assert "市发展改革委" not in collective
    live7 = tops(d.parts[2])[6]
    assert live7.number == "七" and [u.name for u in live7.units] == ["市文化广电旅游局"]  # 责任部门 line
    assert [t.seq for t in d.iter_tasks()] == list(range(1, 147))


def test_changxing_2023_structure(seeds):
    d = seeds["changxing2023"]
    assert d.doc_no == "长政办发〔2023〕7号" and d.date == dt.date(2023, 2, 24) and d.year == 2023
    assert d.region.name == "长兴县" and d.region.level == "county" and d.region.parent.name == "湖州市"
    tasks = d.iter_tasks()
    assert len(tasks) == 134
    secs = d.parts[0].sections
    assert [(s.leaders[0].name, s.leaders[0].title) for s in secs[:8]] == [
        ("朱伟", "县长"),
        ("晏宁波", "常务副县长"),
        ("王何勇", "副县长"),
        ("吴斌", "副县长"),
        ("周卫凌", "副县长"),
        ("金永良", "副县长"),
        ("吴秋景", "副县长"),
        ("朱海金", "副县长"),
    ]
    assert sum(len(s.tasks) for s in secs[:8]) == 130
    assert all(t.units for s in secs[:8] for t in s.tasks)
    last = secs[8]
    assert last.leaders == [] and "各乡镇(街道、园区)、县级机关各部门" in last.note
    assert len(last.tasks) == 4 and all(not t.units and not t.leaders for t in last.tasks)
    assert d.lead_rule is LeadRule.lost_mark and "标者为牵头" in d.lead_rule_text
    for t in tasks:
        if t.units:
            assert leads(t) == [t.units[0].name] and t.units[0].lead_basis is LeadBasis.inferred_first_listed
    t16 = secs[1].tasks[15]  # "16.10亿元以上…": task 16, not a decimal
    assert t16.number == "16" and t16.text.startswith("10亿元以上重大制造业项目开工率达100%")
    first = secs[1].tasks[0]
    assert first.units[-1].name == "县委宣传部"  # "。(标者为牵头或汇总单位,下同)" stripped


def test_quzhou_2021_structure(seeds):
    d = seeds["quzhou2021"]
    assert d.title == "关于印发2021年政府工作报告重点工作责任分解的通知" and d.doc_no == "衢政办发〔2021〕3号"
    assert d.region.name == "衢州市" and d.issuer == "衢州市人民政府办公室"  # region from the signature
    assert [p.kind for p in d.parts] == [PartKind.five_year, PartKind.annual, PartKind.livelihood]
    assert d.parts[0].title == "政府工作报告“十四五”时期重点工作责任分解"  # a title split over two lines
    assert [len(tops(p)) for p in d.parts] == [31, 118, 10]
    five = tops(d.parts[0])
    assert [ldr.name for ldr in five[10].leaders] == ["王良春", "田俊", "廉俊"]
    assert max(len(t.leaders) for t in d.iter_tasks()) == 3
    assert five[30].leaders == [] and five[30].leader_note == "市政府相关领导"
    names = {ldr.name for t in d.iter_tasks() for ldr in t.leaders}
    assert names == {"汤飞帆", "陈锦标", "王良春", "田俊", "廉俊", "徐利水", "王顺大"}
    assert d.lead_rule is LeadRule.none
    live = tops(d.parts[2])
    assert [u.name for u in live[1].units] == ["市交通运输局", "市住建局"]
    assert all(
        u.lead and u.lead_basis is LeadBasis.lead_line and u.role == "lead" for t in live for u in t.units
    )
    annual = tops(d.parts[1])
    assert annual[0].units[0].lead_basis is LeadBasis.inferred_first_listed
    assert all(t.units for t in d.iter_tasks())
    coll = annual[110].units
    assert [u.name for u in coll] == ["各县(市、区)政府", "市政府各部门", "直属各单位"] and all(
        u.collective for u in coll
    )
    etc = annual[88]  # "市应急局、市公安局、市住建局等"
    assert [u.name for u in etc.units] == ["市应急局", "市公安局", "市住建局"] and "等" in etc.units[-1].notes


def test_huzhou_2017_key_work_list(seeds):
    d = seeds["huzhou2017"]
    assert (
        d.kind is DocKind.key_work_list
        and d.doc_no == "湖政办发〔2017〕33号"
        and d.date == dt.date(2017, 3, 31)
    )
    kws = tops(d.parts[0])
    assert [k.number for k in kws] == [str(i) for i in range(1, 12)]
    assert [len(k.subtasks) for k in kws] == [0, 5, 4, 7, 3, 3, 3, 4, 4, 5, 8]
    measures = [m for k in kws for m in k.subtasks]
    assert len(measures) == 46
    assert [m.number for m in kws[3].subtasks] == [f"4.{i}" for i in range(1, 8)]  # repeated key-work cells
    assert all(m.units and m.milestones for m in measures)
    assert d.lead_rule is LeadRule.all_listed
    assert all(u.lead and u.lead_basis is LeadBasis.stated_all_listed for m in measures for u in m.units)
    m21 = kws[1].subtasks[0]
    assert m21.text.startswith("分批公布“最多跑一次”事项。") and [u.name for u in m21.units] == [
        "市行政服务中心",
        "市编委办",
    ]
    assert [ms.due for ms in m21.milestones] == [
        dt.date(2017, 6, 30),
        dt.date(2017, 9, 30),
        dt.date(2017, 12, 31),
    ]
    assert m21.milestones[0].text.startswith("6月底前公布第三批")
    assert [u.name for u in kws[2].subtasks[2].units] == ["市金融办", "市人行", "市银监局"]
    assert [u.name for u in kws[0].units][-3:] == ["市发改委", "市经信委", "市财政局"]
    assert kws[0].milestones[0].due == dt.date(2017, 12, 31)
    gdp = [(t.value, t.comparator.value, t.qualifier) for t in kws[0].targets if t.indicator_norm == "gdp"]
    assert gdp == [(7.5, ">=", None), (8.0, ">=", "力争")]


def test_huzhou_2018_work_report(seeds):
    d = seeds["huzhou2018"]
    assert d.kind is DocKind.work_report and d.year == 2018 and d.region.name == "湖州市"
    planned = [
        (t.indicator_norm, t.metric, t.value, t.unit, t.comparator.value)
        for t in d.targets
        if t.prov.line == 55
    ]
    assert planned == [
        ("gdp", "growth_rate", 8.0, "%", ">="),
        ("fai", "growth_rate", 11.0, "%", "="),
        ("retail", "growth_rate", 10.0, "%", "="),
        ("fiscal_total", "growth_rate", 8.0, "%", ">="),
        ("fiscal_local", "growth_rate", 8.0, "%", ">="),
        ("new_urban_jobs", "level", 6.5, "万人", "="),
        ("unemployment", "cap", 3.5, "%", "<="),
        ("urban_income", "growth_rate", 8.0, "%", ">="),
        ("rural_income", "growth_rate", 8.5, "%", "="),
        ("rd_intensity", "level", 2.7, "%", ">="),
    ]
    assert all(t.kind.value == "planned" and t.year == 2018 for t in d.targets if t.prov.line == 55)
    achieved = [(t.indicator_norm, t.metric, t.value, t.unit) for t in d.targets if t.prov.line == 7]
    assert achieved == [
        ("gdp", "level", 2476.1, "亿元"),
        ("gdp", "growth_rate", 8.5, "%"),
        ("fiscal_total", "level", 408.9, "亿元"),
        ("fiscal_local", "level", 237.4, "亿元"),
        ("fiscal_total", "growth_rate", 13.3, "%"),
        ("fiscal_local", "growth_rate", 15.2, "%"),
        ("urban_income", "level", 49934.0, "元"),
        ("rural_income", "level", 28999.0, "元"),
        ("urban_income", "growth_rate", 9.0, "%"),
        ("rural_income", "growth_rate", 9.4, "%"),
    ]
    assert all(t.kind.value == "achieved" and t.year == 2017 for t in d.targets if t.prov.line == 7)
    titles = [s.title for s in d.parts[0].sections]
    assert titles[0] == "一、2017年主要工作" and "二、2018年重点任务" in titles
    assert "(四)坚持民生为本,社会发展持续进步" in titles  # glued to the end of a paragraph in the copy
    clutter = [c for c in d.coverage.lines if "侯卫东官场笔记" in c.role]
    assert len(clutter) == 1
    assert not any("侯卫东" in t.text for t in d.targets)


def test_provenance_points_at_the_source(seeds):
    for doc in seeds.values():
        for t in doc.iter_tasks():
            assert doc.text[t.prov.start : t.prov.end].startswith(t.text[:4].rstrip()), (doc.source, t.number)
            for u in t.units:
                assert doc.text[u.prov.start : u.prov.end] == u.as_written, (doc.source, u.as_written)
        for tg in doc.all_targets():
            assert doc.text[tg.prov.start : tg.prov.end] == tg.text


def test_model_invariants_are_checked(seeds):
    """Every parsed document passes Document.check(); a document whose provenance leaves the text,
    or whose tasks are out of sequence, is refused with the file named."""
    import copy
    import pickle

    import pytest

    from govkg.errors import InvalidDocumentError
    from loaders.model import to_json

    for doc in seeds.values():
        doc.check()
        again = pickle.loads(pickle.dumps(doc))  # how parse workers hand documents to the writer
        assert to_json(again) == to_json(doc)
    d = copy.deepcopy(seeds["changxing2023"])
    d.iter_tasks()[3].units[0].prov.end = len(d.text) + 5
    with pytest.raises(InvalidDocumentError, match=r"^changxing.*: .*outside the text"):
        d.check()
    d = copy.deepcopy(seeds["quzhou2021"])
    d.iter_tasks()[1].seq = 7
    with pytest.raises(InvalidDocumentError, match="expected seq 2"):
        d.check()
    js = to_json(seeds["huzhou2022"], exclude=frozenset({"text"}))
    assert "text" not in js and js["date"] == "2022-04-29" and js["kind"] == "decomposition"
