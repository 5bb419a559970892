"""Layout families of real notices, each on a short text written for the test, and the
development corpus of real openings scored against its gold (when ../shared is beside the
checkout)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.errors import NotANoticeError
from loaders.model import LeadBasis, LeadRule
from loaders.parse import parse_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NOTICE = "某市人民政府办公室关于印发2024年政府工作报告重点工作责任分解的通知\n"


def leads(t):
    return [u.as_written for u in t.units if u.lead and u.lead_basis is not None and u.lead_basis.stated]


def units(t):
    return [u.as_written for u in t.units]


# --------------------------------------------------------------------------- normalization
def test_traditional_script_is_read_and_units_kept_as_printed():
    d = parse_text(
        "天津市人民政府印發關於落實《政府工作報告》重點工作任務分工的通知\n(津政規〔2021〕4號)\n"
        "天津市人民政府\n2021年5月26日\n一、任務分工\n"
        "1.建設實驗室,加快突破關鍵核心技術。(牽頭單位:市科技局,參與單位:青島藍谷管理局)\n",
        "t.txt",
    )
    assert "simplified" in d.normalization and d.doc_no == "津政規〔2021〕4號"
    (t,) = d.iter_tasks()
    assert t.text.startswith("建设实验室") and units(t) == ["市科技局", "青島藍谷管理局"]
    assert leads(t) == ["市科技局"] and d.region.code == "120000"


def test_pinyin_glosses_and_spaced_decimals_are_removed():
    d = parse_text(
        "平顶山市政府工作报告\n主要預期目標是:經濟增長6 . 5%左右,規上工業增加值增(zēng)長7.5%以上。\n",
        "p.txt",
    )
    assert {"pinyin", "numbers", "simplified"} <= set(d.normalization)
    gdp = [(x.indicator, x.value, x.comparator.value) for x in d.targets if x.indicator_norm == "gdp"]
    assert gdp == [("地区生产总值", 6.5, "~")]


def test_a_page_flattened_onto_one_line_is_split_at_its_structure():
    flat = (
        "海盐县人民政府办公室关于印发政府工作报告2022年重点工作责任分解的通知 各镇人民政府,县政府各部门: "
        "《政府工作报告2022年重点工作责任分解》已经县政府讨论确定,现印发给你们,请认真贯彻执行。 "
        "海盐县人民政府办公室 2022年4月18日 (此件公开发布) 政府工作报告2022年重点工作责任分解 "
        "一、王丹县长牵头重点工作 1.全县生产总值增长7.5%左右。 责任单位:县发改局(首位单位为牵头单位,下同)、"
        "县财政局 2.落实过紧日子的要求。 责任单位:县财政局 二、曹惠明常务副县长牵头重点工作 "
        "1.坚持县政府常务会议集体学法。 责任单位:县司法局"
    )
    d = parse_text(flat, "f.txt")
    assert "unflatten" in d.normalization and d.date == dt.date(2022, 4, 18)
    ts = d.iter_tasks()
    assert [(t.number, [x.name for x in t.leaders], leads(t)) for t in ts] == [
        ("1", ["王丹"], ["县发改局"]),
        ("2", ["王丹"], ["县财政局"]),
        ("1", ["曹惠明"], ["县司法局"]),
    ]
    assert d.lead_rule is LeadRule.first_listed and d.region.path == "浙江省/嘉兴市/海盐县"


# --------------------------------------------------------------------------- documents without tasks
def test_cover_notice_without_its_attachment_loads_with_a_warning():
    d = parse_text(
        "甘肃省人民政府关于分解落实《政府工作报告》主要目标和重点工作的通知\n甘政发〔2025〕7号\n"
        "各市、自治州人民政府,省政府各部门:\n现将有关事项通知如下。\n附件:2025年重点工作分解表\n",
        "cover.txt",
    )
    assert d.iter_tasks() == [] and d.warnings == ["no tasks: the attachment is not in this file"]
    assert d.doc_no == "甘政发〔2025〕7号" and d.region.path == "甘肃省" and d.year == 2025


def test_text_with_no_sign_of_a_notice_is_still_refused():
    with pytest.raises(NotANoticeError):
        parse_text("今日天气晴,气温十五度。\n市民出行注意防晒。\n", "weather.txt")


# --------------------------------------------------------------------------- inline fields
@pytest.mark.parametrize(
    ("field", "want_units", "want_leads"),
    [
        ("(市卫健委主办,市相关部门、各区政府协办)", ["市卫健委", "市相关部门", "各区政府"], ["市卫健委"]),
        ("(牵头单位:市发改委;数据提供单位:市统计局)", ["市发改委", "市统计局"], ["市发改委"]),
        (
            "[牵头单位:市住建局;责任单位:市财政局、市教育局]",
            ["市住建局", "市财政局", "市教育局"],
            ["市住建局"],
        ),
        ("(市农业厅牵头,市财政厅配合)", ["市农业厅", "市财政厅"], ["市农业厅"]),
        ("(市商务局负责)", ["市商务局"], ["市商务局"]),
        ("(市发改委、市统计局分别负责)", ["市发改委", "市统计局"], []),
        ("(市发改委、市文化局等负责)", ["市发改委", "市文化局"], []),
        (
            "(市发改委牵头,市经信委、市统计局等按职责分工负责)",
            ["市发改委", "市经信委", "市统计局"],
            ["市发改委"],
        ),
        ("(市政府各部门分别负责,年内持续推进)", ["市政府各部门"], ["市政府各部门"]),
    ],
)
def test_inline_field_forms(field, want_units, want_leads):
    d = parse_text(NOTICE + "一、主要目标\n1.地区生产总值增长6%左右。" + field + "\n", "i.txt")
    (t,) = d.iter_tasks()
    assert t.text == "地区生产总值增长6%左右。"
    assert units(t) == want_units and leads(t) == want_leads


def test_items_numbered_like_headings_and_glued_on_one_line():
    d = parse_text(
        "黑龙江省人民政府关于落实《政府工作报告》重点工作责任分工的意见\n一、主要目标\n"
        "(一)地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入增长13%左右。(省财政厅主办,省国税局、地税局协办)\n",
        "g.txt",
    )
    assert "unglue" in d.normalization
    assert [(t.number, leads(t), units(t)) for t in d.iter_tasks()] == [
        ("(一)", ["省发改委"], ["省发改委"]),
        ("(二)", ["省财政厅"], ["省财政厅", "省国税局", "地税局"]),
    ]


# --------------------------------------------------------------------------- field lines
def test_leader_lead_and_support_lines_with_a_time_limit():
    d = parse_text(
        "六安市人民政府关于2021年重点工作及责任分解的通知\n一、确保完成全年主要预期目标\n"
        "1.地区生产总值增长8.5%以上。\n牵头负责领导:束学龙。\n牵头责任单位:市发改委。\n"
        "协同责任单位:市政府各部门、各直属机构。\n完成时限:2021年12月31日\n"
        "2.一般公共预算收入增长5%左右。\n牵头领导:常务副市长\n牵头单位:市财政局\n责任单位:市税务局等\n",
        "l.txt",
    )
    t1, t2 = d.iter_tasks()
    assert [x.name for x in t1.leaders] == ["束学龙"] and leads(t1) == ["市发改委"]
    assert units(t1) == ["市发改委", "市政府各部门", "各直属机构"] and t1.milestones
    assert t2.leaders == [] and t2.leader_note == "常务副市长" and units(t2) == ["市财政局", "市税务局"]
    assert d.coverage.unknown == []
    gdp = [x for x in t1.targets if x.indicator_norm == "gdp"]
    assert [(x.value, x.comparator.value, x.year) for x in gdp] == [(8.5, ">=", 2021)]


def test_provincial_leader_sections_with_unit_groups():
    d = parse_text(
        "山西省人民政府关于印发2008年省人民政府工作目标责任分解的通知\n晋政发[2008]8号\n"
        "一、孟学农省长负责的工作(李政文秘书长协助)\n全面负责省人民政府工作任务的落实。\n"
        "(一)省监察厅牵头的工作\n加强行政监察工作。\n(二)省编办牵头的工作\n1.深化行政管理体制改革。\n"
        "2.推进乡镇机构改革。\n协同单位:省财政厅、省农业厅等省直有关部门和各市人民政府。\n",
        "s.txt",
    )
    ts = d.iter_tasks()
    assert [(t.number, [x.name for x in t.leaders], leads(t)) for t in ts] == [
        ("(一)", ["孟学农", "李政文"], ["省监察厅"]),
        ("1", ["孟学农", "李政文"], ["省编办"]),
        ("2", ["孟学农", "李政文"], ["省编办"]),
    ]
    assert units(ts[2]) == ["省编办", "省财政厅", "省农业厅等省直有关部门和各市人民政府"]
    assert units(ts[1]) == units(ts[2])  # the 协同单位 line after both items applies to both


def test_unit_lists_written_once_and_sub_offices():
    d = parse_text(
        NOTICE + "一、主要目标\n1.推进一项工作。\n责任单位:省财政厅、地税局、合肥海关\n"
        "2.推进另一项。\n责任单位:黄埔区、南沙区政府\n3.建设铁路。\n责任单位:市发改委(铁办)、市委改革办(市政务办)\n",
        "u.txt",
    )
    t1, t2, t3 = d.iter_tasks()
    assert [(u.name, u.as_written) for u in t1.units] == [
        ("省财政厅", "省财政厅"),
        ("省地税局", "地税局"),  # the level prefix written once
        ("合肥海关", "合肥海关"),  # named after its own place
    ]
    assert [u.name for u in t2.units] == ["黄埔区政府", "南沙区政府"] and units(t2) == [
        "黄埔区",
        "南沙区政府",
    ]
    rail, reform = t3.units
    assert (rail.name, rail.aliases, rail.notes[:1]) == ("市发改委", (), ("sub-office:铁办",))
    assert (reform.name, reform.aliases) == ("市委改革办", ("市政务办",))


def test_a_sub_office_unit_does_not_take_its_parents_name():
    from graph.rows import document_rows
    from loaders import load_file

    d = load_file(ROOT / "data" / "notices" / "huzhou-2017-key-work-list.txt")
    rows = document_rows(d)
    holders = [u["name"] for u in rows.units if "市发改委" in u["aliases"]]
    assert holders == ["市发展改革委"]  # not also 市铁道中心, which 市发改委(铁办) resolves to
    rail = next(u for u in rows.units if u["name"] == "市铁道中心")
    assert "市发改委(铁办)" in rail["aliases"]


def test_field_lines_of_every_form():
    d = parse_text(
        NOTICE + "一、主要目标\n1.推进城市更新。\n部门分工:市住建局牵头,各地、各部门配合\n"
        "2.深化改革。\n牵头领导:张三\n李四\n3.优化营商环境。\n牵头领导:王 东\n"
        "责任领导:赵六;责任单位:市发改委;配合单位:市统计局\n",
        "f.txt",
    )
    t1, t2, t3 = d.iter_tasks()
    assert (leads(t1), units(t1)) == (["市住建局"], ["市住建局", "各地", "各部门"])
    assert [x.name for x in t2.leaders] == ["张三", "李四"]  # a leader field over two lines
    assert [x.name for x in t3.leaders] == ["王东", "赵六"] and units(t3) == ["市发改委", "市统计局"]
    assert d.coverage.unknown == []


def test_bullets_sub_headers_and_unnumbered_items_with_fields():
    d = parse_text(
        NOTICE + "一、促进经济发展。\n1*.加强经济运行分析。(牵头单位:发改委、统计局)\n▲增加值增长8%左右\n"
        "——做精老城区\n加快老旧小区改造,推进城市更新行动。(市住建局牵头,市财政局配合)\n",
        "b.txt",
    )
    t1, t2 = d.iter_tasks()
    assert t1.number == "1" and "▲增加值增长8%左右" in t1.text and leads(t1) == ["发改委", "统计局"]
    assert t2.text.startswith("加快老旧小区改造") and leads(t2) == ["市住建局"]
    assert {ln.role for ln in d.coverage.lines if ln.text.startswith(("▲", "——"))} == {"sub_header"}


def test_web_junk_lines_are_boilerplate():
    d = parse_text(
        "马上注册,结交更多好友,享用更多功能。\n您需要 登录 才可以下载或查看,没有账号?立即注册\n" + NOTICE
        + "一、主要目标\n1.推进一项工作。\n责任单位:市财政局\n用微信扫描二维码分享至好友和朋友圈\n",
        "j.txt",
    )  # fmt: skip
    assert [ln.line for ln in d.coverage.lines if ln.cls.value == "boilerplate"] == [1, 2, 7]


def test_report_headings_printed_without_numbers():
    d = parse_text(
        "政府工作报告\n各位代表:\n2024年工作回顾\n全年地区生产总值增长6.0%。\n"
        "2025年总体要求和主要目标\n今年地区生产总值增长5%左右。\n",
        "h.txt",
    )
    got = sorted((x.kind.value, x.year, x.value) for x in d.targets if x.indicator_norm == "gdp")
    assert got == [("achieved", 2024, 6.0), ("planned", 2025, 5.0)]


def test_units_resolve_to_one_function_at_every_level():
    from loaders import load_file

    def functions(text: str, tmp: Path) -> list[tuple[str, str | None]]:
        f = tmp / "r.txt"
        f.write_text(text, encoding="utf-8")
        return [(u.canonical, u.function) for t in load_file(f).iter_tasks() for u in t.units]

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        prov = functions(
            "辽宁省人民政府关于印发2023年重点工作任务分工方案的通知\n一、主要目标\n1.推进一项工作。\n"
            "牵头单位:省发展改革委\n责任单位:省财政厅、省工业和信息化厅、省人社厅\n",
            Path(tmp),
        )
        assert [f for _, f in prov] == ["drc", "finance", "econ_info", "hrss"]
        county_city = functions(
            "桐乡市人民政府办公室关于印发2020年政府工作报告主要工作责任分解的通知\n一、于会游市长主抓重点工作\n"
            "1.制定政策体系。\n责任单位:财政局、发改局、各县、市、区政府、新设的某某中心\n",
            Path(tmp),
        )
        assert county_city[:2] == [("市财政局", "finance"), ("市发展改革委", "drc")]  # written without 市
        assert county_city[2] == ("各县、市、区政府", None)  # one collective unit, not three
        assert county_city[3] == ("新设的某某中心", None)
    from loaders.resolve import resolve_name

    before = resolve_name(["市经信委"], "湖州市", "city", 2017)
    after = resolve_name(["市经信局"], "湖州市", "city", 2022)
    assert before.function == after.function == "econ_info"  # one function before and after 2019


# --------------------------------------------------------------------------- lead rules
@pytest.mark.parametrize(
    ("rule_text", "rule", "want"),
    [
        ("(列第一位者为牵头单位,下同)", LeadRule.first_listed, ["市财政局"]),
        ("(无牵头单位的,责任单位即为牵头单位,下同)", LeadRule.responsible_leads, ["市财政局", "市商务局"]),
        ("", LeadRule.none, []),
    ],
)
def test_lead_rules_as_stated(rule_text, rule, want):
    d = parse_text(
        NOTICE + "各单位:\n请各责任单位认真落实" + rule_text + "。\n2024年政府工作报告重点工作责任分解\n"
        "1.推进一项工作。\n责任单位:市财政局、市商务局\n2.推进另一项。\n责任单位:市统计局\n",
        "r.txt",
    )
    t1, t2 = d.iter_tasks()
    assert d.lead_rule is rule and leads(t1) == want
    assert leads(t2) == ["市统计局"]  # the only unit named
    if not want:
        assert t1.units[0].lead_basis is LeadBasis.inferred_first_listed  # marked, never counted


# --------------------------------------------------------------------------- tables
def test_pipe_rows_with_spaced_units_and_heading_rows():
    d = parse_text(
        "芜湖市人民政府关于2025年重点工作及责任分解的通知\n序号 | 目标与任务 | 牵头责任单位 | 责任单位 |\n"
        "一、主要预期目标 | |||\n(1) | 地区生产总值增长6%以上。 | 市发展改革委 | 各县市区政府、 开发区管委会 |\n"
        "(2) | 居民收入与经济增长相匹配。 | 市人力资源社会保障局 市农业农村局 | 各县市区政府 |\n"
        "1 | 大力提振消费。 | ||\n(3) | 统筹衔接消费券发放。 | 市商务局 | 市财政局 |\n",
        "p.txt",
    )
    ts = d.iter_tasks()
    assert [(t.number, leads(t), units(t)) for t in ts] == [
        ("(1)", ["市发展改革委"], ["市发展改革委", "各县市区政府", "开发区管委会"]),
        (
            "(2)",
            ["市人力资源社会保障局", "市农业农村局"],
            ["市人力资源社会保障局", "市农业农村局", "各县市区政府"],
        ),
        ("(3)", ["市商务局"], ["市商务局", "市财政局"]),
    ]
    assert d.coverage.unknown == []


def test_cells_between_pipe_lines_with_merged_cells_and_lead_marks():
    cells = [
        "序号", "项目", "重点工作目标任务", "牵头领导", "责任单位", "1", "主要预期目标",
        "1.地区生产总值增长5%以上。", "钱 宇", "★区发改委、统计局",
        "2.一般公共预算收入增长6%以上。", "", "★区财政局、税务局",
        "3.主要污染物排放总量削减。", "王 嵘\n方 勇", "★生态环境局",
    ]  # fmt: skip
    d = parse_text(
        "区政府关于印发2024年重点工作目标任务分解落实方案的通知\n" + "\n|\n".join(cells) + "\n|\n", "c.txt"
    )
    ts = d.iter_tasks()
    assert [([x.name for x in t.leaders], leads(t), units(t)) for t in ts] == [
        (["钱宇"], ["区发改委"], ["区发改委", "统计局"]),
        ([], ["区财政局"], ["区财政局", "税务局"]),  # a merged leader cell is not copied down
        (["王嵘", "方勇"], ["生态环境局"], ["生态环境局"]),
    ]
    assert ts[0].units[0].lead_basis is LeadBasis.mark


def test_one_cell_per_line_with_header_over_two_lines_and_support_cells():
    cells = [
        "序号", "目标名称", "工 作 标 准", "区政府", "分管领导", "牵头单位", "配合单位",
        "1", "全区经济社会发展的主要预期目标", "(1)地区生产总值增长5%左右。", "王旭锋", "区发改局", "经开区",
        "高新区(邹区镇)", "各街道", "(2)一般公共预算收入保持稳定增长。", "区财政局",
        "(3)居民人均可支配收入与经济增长同步。", "(4)制造业投资增长8%左右。", "吴 伟", "区工信局",
    ]  # fmt: skip
    d = parse_text("区政府关于印发2025年目标任务责任分解表的通知\n" + "\n".join(cells) + "\n", "o.txt")
    ts = d.iter_tasks()
    assert [(t.number, [x.name for x in t.leaders], leads(t), units(t)) for t in ts] == [
        ("(1)", ["王旭锋"], ["区发改局"], ["区发改局", "经开区", "高新区(邹区镇)", "各街道"]),
        ("(2)", [], ["区财政局"], ["区财政局"]),
        ("(3)", [], [], []),
        ("(4)", ["吴伟"], ["区工信局"], ["区工信局"]),
    ]
    assert ts[0].section == "全区经济社会发展的主要预期目标"


def test_numbered_rows_with_text_units_and_leader_columns_in_any_order():
    cells = [
        "序号", "主要工作举措", "牵头单位", "配合单位", "责任领导", "一、做大做强主导产业",
        "1", "加快构建现代化产业体系。", "区农业农村局", "区发展改革局、区工业和信息化局",
        "2", "推动签约项目开工建设。", "沈阳近海经济区管委会", "自然资源分局、生态环境分局", "冯冬昌",
    ]  # fmt: skip
    d = parse_text(
        "区人民政府关于印发2024年政府工作报告主要工作任务分解表的通知\n" + "\n".join(cells) + "\n", "n.txt"
    )
    t1, t2 = d.iter_tasks()
    assert (leads(t1), units(t1)[1:], t1.leaders) == (
        ["区农业农村局"],
        ["区发展改革局", "区工业和信息化局"],
        [],
    )
    assert [x.name for x in t2.leaders] == ["冯冬昌"] and leads(t2) == ["沈阳近海经济区管委会"]


def test_leader_sub_headers_as_rows_of_a_table():
    d = parse_text(
        NOTICE + "序号 | 工作任务 | 牵头单位 | 责任单位 |\n一、张三副市长牵头的工作 | |||\n"
        "1 | 推进一项工作。 | 市发改委 | 市统计局 |\n二、李四副市长牵头的工作 | |||\n2 | 推进另一项。 | 市财政局 | |\n",
        "l.txt",
    )
    t1, t2 = d.iter_tasks()
    assert [(x.name, x.title) for x in t1.leaders] == [("张三", "副市长")] and leads(t1) == ["市发改委"]
    assert [x.name for x in t2.leaders] == ["李四"] and leads(t2) == ["市财政局"]


def test_a_header_on_one_line_then_one_cell_per_line():
    d = parse_text(
        NOTICE + "序号 工作任务 牵头领导 牵头单位 配合单位\n1\n推进一项工作。\n张三\n市发改委\n市统计局\n"
        "2\n推进另一项。\n市财政局\n",
        "s.txt",
    )
    t1, t2 = d.iter_tasks()
    assert ([x.name for x in t1.leaders], leads(t1), units(t1)) == (
        ["张三"],
        ["市发改委"],
        ["市发改委", "市统计局"],
    )
    assert (t2.leaders, leads(t2)) == ([], ["市财政局"])
    assert d.coverage.unknown == []


# --------------------------------------------------------------------------- metadata
def test_dates_in_chinese_numerals_garbled_and_bogus():
    cn = parse_text(
        "泰安市人民政府关于分解落实2007年政府工作报告目标任务的通知\n二OO七年四月二十四日\n", "a.txt"
    )
    assert cn.date == dt.date(2007, 4, 24) and cn.date_basis == "signature"
    garbled = parse_text(
        "区人民政府办公室关于印发2022年区政府工作报告目标任务的通知\n发布日期:2022-01-21\n"
        "重庆市沙坪坝区人民政府办公室\n2022121日\n",
        "b.txt",
    )
    assert garbled.date == dt.date(2022, 1, 21) and "page" in garbled.date_basis
    assert garbled.region.path == "重庆市/沙坪坝区"
    bogus = parse_text(
        "广州市人民政府印发2012年市政府重点工作责任分工的通知\n【颁发时间】 1970-08-22\n", "c.txt"
    )
    assert bogus.date is None and bogus.year == 2012


def test_doc_no_of_the_document_not_the_one_it_cites():
    d = parse_text(
        "武汉市人民政府办公厅关于印发2018年省《政府工作报告》涉及我市工作任务责任分解方案的通知\n"
        "根据《省人民政府办公厅关于分解落实〈政府工作报告〉的通知》(鄂政办发〔2018〕4号)要求,现印发。\n",
        "w.txt",
    )
    assert d.doc_no is None and d.region.path == "湖北省/武汉市"
    d = parse_text(
        "济南市人民政府办公厅关于印发分工方案的通知\n【发文字号】济政办字[2017]22号\n(济政办字〔2017〕22号)\n",
        "j.txt",
    )
    assert d.doc_no == "济政办字〔2017〕22号"


def test_a_news_repost_that_carries_the_notice():
    d = parse_text(
        "环保网获悉,5月10日,天津市人民政府发布了重点工作任务分工的通知,提出加强生态环境综合治理。\n全文如下:\n"
        "天津市人民政府印发关于落实《政府工作报告》重点工作任务分工的通知\n各区人民政府,市政府各委、办、局:\n"
        "现将任务分工印发给你们,望遵照执行。\n天津市人民政府\n2022年5月6日\n一、任务分工\n"
        "1.打好蓝天保卫战,集中力量解决突出问题。(市生态环境局牵头,各区人民政府负责)\n",
        "n.txt",
    )
    assert d.title == "天津市人民政府印发关于落实《政府工作报告》重点工作任务分工的通知"
    assert d.date == dt.date(2022, 5, 6) and d.region.code == "120000"
    (t,) = d.iter_tasks()
    assert leads(t) == ["市生态环境局"] and units(t) == ["市生态环境局", "各区人民政府"]


def test_a_title_wrapped_over_three_lines_and_the_year_from_the_congress_session():
    d = parse_text(
        "湖南省人民政府\n关于印发《落实〈政府工作报告〉重点工作\n部门分工的意见》的通知\n省直和中央在湘有关单位:\n"
        "为确保省十三届人大一次会议通过的《政府工作报告》确定的重点工作落到实处,现印发给你们。\n",
        "t.txt",
    )
    assert d.title == "湖南省人民政府关于印发《落实〈政府工作报告〉重点工作部门分工的意见》的通知"
    assert d.year == 2018 and d.region.path == "湖南省"  # 十三届 began in 2018; its first session


def test_main_responsible_units_rule_and_pipe_metadata():
    d = parse_text(
        "索引号: | 113304240025561412/2022-69894 | 成文日期: | 2022-04-18 |\n"
        "文件编号: | 盐政办发〔2022〕16号 | 组配分类: | 政府工作报告 |\n"
        "海盐县人民政府办公室关于印发2022年政府工作报告任务分解意见的通知\n说明\n"
        "1.将各项任务的主要负责单位确定为责任单位,其他负责单位确定为配合单位。\n"
        "一、主要目标\n1.推进一项工作。\n责任单位:县财政局、县税务局\n配合单位:县统计局\n",
        "m.txt",
    )
    assert d.date == dt.date(2022, 4, 18) and d.date_basis == "metadata field"
    assert d.doc_no == "盐政办发〔2022〕16号" and d.region.path == "浙江省/嘉兴市/海盐县"
    (t,) = d.iter_tasks()
    assert d.lead_rule is LeadRule.responsible_leads and leads(t) == ["县财政局", "县税务局"]


# --------------------------------------------------------------------------- regions
def test_two_gulou_districts_are_told_apart_by_their_city():
    nj = parse_text("南京市鼓楼区人民政府关于印发2025年区政府主要工作目标任务分解落实方案的通知\n", "n.txt")
    fz = parse_text("福州市鼓楼区人民政府关于印发2025年区政府主要工作目标任务分解落实方案的通知\n", "f.txt")
    assert (nj.region.code, nj.region.path) == ("320106", "江苏省/南京市/鼓楼区")
    assert (fz.region.code, fz.region.path) == ("350102", "福建省/福州市/鼓楼区")
    alone = parse_text(
        "区政府关于印发2025年区政府主要工作目标任务分解落实方案的通知\n鼓政〔2025〕2号\n", "g.txt"
    )
    assert alone.region is None and "ambiguous" in alone.warnings[0]


def test_a_district_named_in_a_province_resolves_inside_it():
    zj = parse_text(
        "西湖区人民政府办公室关于印发2024年重点工作责任分解的通知\n全区要落实省委、浙江省政府部署。\n",
        "z.txt",
    )
    jx = parse_text(
        "西湖区人民政府办公室关于印发2024年重点工作责任分解的通知\n全区要落实江西省、南昌市部署。\n", "j.txt"
    )
    assert (zj.region.code, zj.region.label) == ("330106", "杭州市西湖区")
    assert (jx.region.code, jx.region.label) == ("360103", "南昌市西湖区")


def test_doc_no_abbreviations_that_are_not_in_the_name():
    nj = parse_text(
        "市政府关于印发2021年主要工作目标任务分解落实方案的通知\n宁政发〔2021〕16号\n江苏省\n", "n.txt"
    )
    nb = parse_text("市政府关于印发2021年主要工作目标任务分解落实方案的通知\n甬政发〔2021〕16号\n", "b.txt")
    assert nj.region.name == "南京市" and nb.region.name == "宁波市"


def test_one_doc_no_abbreviation_two_regions_told_apart_by_content():
    head = "政府办公室关于印发2024年政府工作报告重点工作责任分解的通知\n嘉政办发〔2024〕3号\n"
    jiayu = parse_text(
        "县" + head + "各乡镇人民政府:\n全县上下要完成咸宁市下达的任务,簰洲湾镇要带头。\n", "a.txt"
    )
    jiaxing = parse_text(
        "市" + head + "各县(市、区)人民政府:\n全市上下要落实,南湖区、秀洲区要带头。\n", "b.txt"
    )
    assert (jiayu.region.path, jiayu.region.code) == ("湖北省/咸宁市/嘉鱼县", "421221")
    assert (jiaxing.region.path, jiaxing.region.code) == ("浙江省/嘉兴市", "330400")


def test_region_of_a_report_from_its_speaker_and_the_districts_it_names():
    d = parse_text(
        "綿陽市涪城區第六屆人民代表大會第四次會議開幕,代區長鄧輝作政府工作報告。\n"
        "鄧輝提出了2019年經濟社會發展主要預期目標:區屬地區生產總值增長9%,全社會固定資產投資增長18%。\n",
        "r.txt",
    )
    assert d.region.path == "四川省/绵阳市/涪城区" and d.year == 2019
    gdp = [(x.value, x.comparator.value, x.year) for x in d.targets if x.indicator_norm == "gdp"]
    assert gdp == [(9.0, "=", 2019)]


def test_the_file_name_decides_only_what_the_text_leaves_open():
    cover = "各乡镇人民政府,县政府各部门:\n现将2016年县政府重点工作任务分解下达。\n附件:2016年县政府重点工作任务分解表\n"
    none = parse_text(cover, "notice.txt")
    assert none.region is None and "no region" in " ".join(none.warnings)
    by_pinyin = parse_text(cover, "B15_zhangjiachuan_2016_notice.txt")
    assert by_pinyin.region.code == "620525" and by_pinyin.region_basis.startswith("from the file name")
    assert any("read from the file name" in w for w in by_pinyin.warnings)
    gulou = "区政府关于印发2025年区政府主要工作目标任务分解落实方案的通知\n鼓政〔2025〕2号\n"
    assert parse_text(gulou, "gulou_fuzhou_2025.txt").region.code == "350102"
    assert parse_text(gulou, "南京市鼓楼区-2025.txt").region.code == "320106"
    assert parse_text(gulou, "gulou_2025.txt").region is None  # still four 鼓楼区
    named = parse_text("湖州市人民政府办公室关于印发2024年重点工作责任分解的通知\n", "quzhou_2024.txt")
    assert named.region.code == "330500" and named.region_basis == "named"  # the text wins


def test_a_report_naming_province_and_city_alike_takes_the_city_its_file_names():
    text = (
        "深入学习贯彻总书记考察安徽重要讲话精神,按照省委、市委部署,奋力谱写现代化合肥篇章。\n"
        "经济社会发展主要预期目标是:地区生产总值增长5.5%以上,增速保持全省前列。\n"
    )
    assert parse_text(text, "report.txt").region.code == "340000"
    assert parse_text(text, "hefei_2025_report.txt").region.code == "340100"
    assert parse_text(text, "wuhu_2025_report.txt").region.code == "340000"  # not named in the text
    # 省委、市委 once each: the speaker is the city that cites its province's bodies beside its own
    own = text.replace(",增速保持全省前列", "")
    assert parse_text(own, "report.txt").region.code == "340100"


def test_the_year_from_the_file_name_when_the_text_prints_none():
    text = "全市经济社会发展主要预期目标是:地区生产总值增长5.5%以上,一般公共预算收入增长3%。\n"
    d = parse_text(text, "changchun_2025_report.txt")
    assert d.year == 2025 and any("year 2025 read from the file name" in w for w in d.warnings)
    assert [(t.value, t.year) for t in d.targets if t.indicator_norm == "gdp"] == [(5.5, 2025)]
    assert parse_text(text, "report.txt").year is None


def test_a_former_name_that_is_an_ordinary_word_names_no_region():
    d = parse_text(
        "政府工作报告\n在打造“三地一区”上勇当先锋,奋力谱写现代化湖州篇章。地区生产总值增长6%。\n", "r.txt"
    )
    assert d.region is not None and d.region.code == "330500"  # 一区 was 伊宁市's name in 1980


def test_every_development_document_has_a_region_code():
    docs = sorted((SHARED / "corpus" / "real-openings" / "docs").glob("*.txt"))
    if not docs:
        pytest.skip("../shared/corpus/real-openings is not here")
    missing = [
        p.name
        for p in docs
        if (r := parse_text(p.read_text(encoding="utf-8"), p.name).region) is None or not r.code
    ]
    assert missing == []


# --------------------------------------------------------------------------- targets, cut pages, notice text
def test_ranges_and_stretch_targets():
    d = parse_text(
        "政府工作报告\n今年经济社会发展的主要预期目标是:全省地区生产总值增长5.0%—5.5%,根据实际情况争取更好的结果,"
        "固定资产投资增长7%以上、力争达到8%。\n",
        "r.txt",
    )
    got = [(x.indicator_norm, x.value, x.value_high, x.comparator.value, x.qualifier) for x in d.targets]
    assert got == [
        ("gdp", 5.0, 5.5, "range", None),
        ("fai", 7.0, None, ">=", None),
        ("fai", 8.0, None, ">=", "力争"),
    ]


def test_a_districts_value_added_at_comparable_prices_is_its_gdp():
    d = parse_text(
        NOTICE
        + "1、确保完成主要指标。(牵头单位:区发改委)\n▲增加值可比增长14%左右,其中,第三产业增加值增长16%。\n"
        "2、工业增加值增长8%。(责任单位:区经委)\n",
        "t.txt",
    )
    got = [(x.indicator_norm, x.value, x.comparator.value) for t in d.iter_tasks() for x in t.targets]
    assert ("gdp", 14.0, "~") in got
    assert [g for g in got if g[0] == "gdp"] == [("gdp", 14.0, "~")]  # sector value added is not GDP


def test_a_page_cut_inside_a_task_keeps_the_complete_ones_and_flags_the_cut_one():
    d = parse_text(
        NOTICE
        + "一、张三县长牵头重点工作\n1.推进一项工作。\n责任单位:县财政局\n2.编制实施一项规划,全面启动\n",
        "cut.txt",
    )
    t1, t2 = d.iter_tasks()
    assert not t1.truncated and t2.truncated and d.truncated
    assert any("ends inside task 2" in w for w in d.warnings)
    open_field = parse_text(
        NOTICE + "一、主要目标\n1.地区生产总值增长6%。(牵头单位:市发改委;责任单位:市统", "o.txt"
    )
    assert open_field.truncated and open_field.iter_tasks()[0].truncated
    whole = parse_text(NOTICE + "一、主要目标\n1.推进一项工作。\n责任单位:县财政局\n", "w.txt")
    assert not whole.truncated and not whole.iter_tasks()[0].truncated


def test_the_notices_own_numbered_paragraphs_are_not_tasks():
    d = parse_text(
        "西安市人民政府办公厅关于印发2022年政府工作报告任务分解意见的通知\n西安市人民政府办公厅\n2022年4月29日\n"
        "说明\n1.任务分解意见是对政府工作报告的逐条细化分解。\n2.将各项任务的主要负责单位确定为责任单位。\n",
        "x.txt",
    )
    assert d.iter_tasks() == [] and {ln.role for ln in d.coverage.lines if ln.line in (5, 6)} == {
        "notice_item"
    }
    assert d.warnings == ["no tasks: the attachment is not in this file"]


REPORTS_2025 = SHARED / "corpus" / "provincial-work-reports-2025"
# each report's planned 2025 GDP growth target as its 主要预期目标 paragraph states it
PLANNED_GDP_2025 = {
    "上海市": (5, "~"), "云南省": (5, "~"), "内蒙古自治区": (6, "~"), "北京市": (5, "~"), "吉林省": (5.5, "~"),
    "四川省": (5.5, ">="), "天津市": (5, "~"), "宁夏": (5.5, "~"), "安徽省": (5.5, ">="), "山东省": (5, ">="),
    "山西省": (5, "~"), "广东省": (5, "~"), "广西": (5, "~"), "新疆": (6, "~"), "江苏省": (5, ">="),
    "江西省": (5, "~"), "河北省": (5, ">="), "河南省": (5.5, "~"), "浙江省": (5.5, "~"), "海南省": (6, ">="),
    "湖北省": (6, "~"), "湖南省": (5.5, "~"), "甘肃省": (5.5, "~"), "福建省": (5.0, "range"), "西藏": (7, ">="),
    "贵州省": (5.5, "~"), "辽宁省": (5, ">="), "重庆市": (6, "~"), "陕西省": (5, "~"), "青海省": (4.5, "~"),
    "黑龙江省": (5, "~"),
}  # fmt: skip


@pytest.mark.skipif(not REPORTS_2025.exists(), reason="../shared is not beside the checkout")
def test_every_provincial_report_of_2025_gives_its_planned_gdp_target():
    from loaders import load_file

    files = sorted(REPORTS_2025.glob("*.txt"))
    assert len(files) == 31
    for f in files:
        name = f.stem.removeprefix("2025年").removesuffix("政府工作报告")
        d = load_file(f)
        assert d.kind.value == "work_report" and d.year == 2025 and d.region.level == "province", f.name
        assert d.region.name.startswith(name), (f.name, d.region.name)
        gdp = [
            x for x in d.all_targets()
            if x.indicator_norm == "gdp" and x.kind.value == "planned" and x.qualifier != "力争" and x.year == 2025
        ]  # fmt: skip
        assert [(x.value, x.comparator.value) for x in gdp[:1]] == [PLANNED_GDP_2025[name]], f.name
    fujian = load_file(REPORTS_2025 / "2025年福建省政府工作报告.txt")
    (g,) = [x for x in fujian.targets if x.indicator_norm == "gdp" and x.comparator.value == "range"]
    assert (g.value, g.value_high) == (5.0, 5.5)


# --------------------------------------------------------------------------- the development corpus
GOALS = {"metadata": 0.95, "tasks": 0.90, "units_f1": 0.90, "gdp": 0.90}


@pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason="../shared is not beside the checkout"
)
def test_development_corpus_scores_at_least_the_goals():
    govkg = Path(sys.executable).parent / "govkg"
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "corpus" / "real-openings"),
         "--govkg", str(govkg), "--json"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    score = json.loads(out.stdout)
    assert score["refused"] == 0 and not score["traceback"]
    for key, goal in GOALS.items():
        assert score[key] >= goal, (key, score[key], score["per_layout"])
    assert min(score["per_layout"].values()) >= 0.9, score["per_layout"]


def test_a_table_cell_wrapped_over_several_lines_is_one_cell():
    d = parse_text(
        NOTICE + "序号\n主要工作任务\n牵头单位\n配合单位\n"
        "1\n加快建设现代化产业体系,推进制造业高质量发展,实施\n“415X”先进制造业集群培育工程,规上工业增加值增长8%。\n"
        "市经信局\n市发改委、市科技局\n"
        "2\n持续优化营商环境。\n市发改委\n市市场监管局\n"
        "3\n深化国资国企改革,完善现代企业制度,\n提升国有企业核心竞争力和\n服务大局能力。\n市国资委\n市财政局\n",
        "t.txt",
    )
    tasks = d.iter_tasks()
    assert [t.text for t in tasks] == [
        "加快建设现代化产业体系,推进制造业高质量发展,实施“415X”先进制造业集群培育工程,规上工业增加值增长8%。",
        "持续优化营商环境。",
        "深化国资国企改革,完善现代企业制度,提升国有企业核心竞争力和服务大局能力。",
    ]
    assert [leads(t) for t in tasks] == [["市经信局"], ["市发改委"], ["市国资委"]]
    assert [x.text for x in tasks[0].targets] == ["规上工业增加值增长8%"]
    assert d.coverage.unknown == []


# --------------------------------------------------------------------------- cheap guards before costly patterns
@pytest.mark.parametrize(
    "text",
    [
        "2025年经济社会发展的主要预期目标是:地区生产总值增长5%左右",
        "今年主要目标为:城镇新增就业1.2万人",
        "综合考虑各方面因素,建议今年预期目标为:全市生产总值增长6%以上",
        "推进产业升级,完成年度目标任务。",
        "地区生产总值增长5%左右。",
    ],
)
def test_the_planned_intro_guard_never_hides_a_match(text):
    """The words tested before the planned-targets pattern are in every text it matches."""
    from loaders import meta

    assert bool(meta.planned_intro(text)) == bool(meta.vocab().planned_intro.search(text))


def test_the_lead_rule_guard_finds_every_rule():
    from loaders.patterns import patterns

    p = patterns()
    for phrases in ("列第一位者为牵头单位", "无牵头单位的,责任单位即为牵头单位", "排名第一的为牵头单位"):
        ruled = [rule for rule, pat in p.lead_rules if pat.search(phrases)]
        assert ruled and p.any_lead_rule.search(phrases)
    assert not p.any_lead_rule.search("市发展改革委、市财政局")


def test_a_name_beginning_with_a_conjunction_character_is_kept_whole():
    """和平镇 is a town, not 和 + 平镇; a 和 left between units (…、和市财政局) still goes."""
    from loaders.fields import split_units

    assert [p.name for p in split_units("和平镇、泗安镇")[0]] == ["和平镇", "泗安镇"]
    assert [p.name for p in split_units("市发改委、和市财政局")[0]] == ["市发改委", "市财政局"]
    assert [p.name for p in split_units("及第村、和平区政府")[0]] == ["及第村", "和平区政府"]


def test_a_unit_cut_by_the_end_of_the_page_is_left_out_with_a_warning():
    d = parse_text(NOTICE + "1.推进数字化改革。(牵头单位:市发改委、市财", "cut.txt")
    (t,) = d.iter_tasks()
    assert t.truncated and units(t) == ["市发改委"]
    assert any("市财" in w and "cut short" in w for w in d.warnings)
