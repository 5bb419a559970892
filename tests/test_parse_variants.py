"""Layouts found in the wild beyond the seeds, and documents that are not notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOTICES

from govkg.errors import BinaryInputError, EmptyInputError, EncodingError, NotANoticeError
from loaders import load_file
from loaders.model import LeadBasis, LeadRule
from loaders.parse import parse_text

HEAD = (
    "某市人民政府办公室关于印发2024年政府工作报告重点工作责任分解的通知\n湖州市人民政府办公室\n2024年3月1日\n"
)


def doc_of(body: str, head: str = HEAD):
    return parse_text(head + body, "variant.txt")


def test_lead_and_support_lines():
    d = doc_of(
        "2024年政府工作报告重点工作责任分解\n1.地区生产总值增长6%左右。\n牵头单位:市发改委\n配合单位:市经信局、市统计局\n"
    )
    (t,) = d.iter_tasks()
    assert [(u.name, u.role, u.lead, u.lead_basis) for u in t.units] == [
        ("市发改委", "lead", True, LeadBasis.lead_line),
        ("市经信局", "support", False, None),
        ("市统计局", "support", False, None),
    ]
    assert [u.position for u in t.units] == [1, 2, 3]


def test_inline_fields_in_brackets_and_parentheses():
    d = doc_of(
        "2024年政府工作报告重点工作责任分解\n"
        "1.新增城镇就业4万人。[牵头单位:市人力社保局;责任单位:市财政局、市教育局]\n"
        "2.完成老旧小区改造30个。(牵头单位:市住建局)\n"
    )
    t1, t2 = d.iter_tasks()
    assert t1.text == "新增城镇就业4万人。"
    assert [(u.name, u.role) for u in t1.units] == [
        ("市人力社保局", "lead"),
        ("市财政局", "responsible"),
        ("市教育局", "responsible"),
    ]
    assert [u.name for u in t1.units if u.lead] == ["市人力社保局"]
    assert t2.text == "完成老旧小区改造30个。" and [u.name for u in t2.units if u.lead] == ["市住建局"]
    assert d.coverage.unknown == []


def test_respectively_and_full_width_punctuation():
    d = doc_of(
        "2024年政府工作报告重点工作责任分解\n"
        "一、张三副市长牵头重点工作\n"
        "1．推进两项改革。\n"
        "责任单位：市发改委、市财政局分别牵头\n"
        "2．实施一批项目。\n"
        "责任单位：市商务局，市科技局（列第一位者为牵头单位，下同）\n"
    )
    t1, t2 = d.iter_tasks()
    assert [(u.name, u.lead, u.lead_basis) for u in t1.units] == [
        ("市发改委", True, LeadBasis.respectively),
        ("市财政局", True, LeadBasis.respectively),
    ]
    assert d.lead_rule is LeadRule.first_listed
    assert [(u.name, u.lead) for u in t2.units] == [("市商务局", True), ("市科技局", False)]
    assert t1.leaders[0].name == "张三" and t1.leaders[0].title == "副市长"


def test_region_from_signature_and_doc_no_when_title_has_none():
    body = "2024年政府工作报告重点工作责任分解\n1.推进一项工作。\n责任单位:县发改局\n"
    head = "关于印发2024年政府工作报告重点工作责任分解的通知\n长政办发〔2024〕5号\n"
    # 长 alone is a character of many counties' names across China: the region is left open
    d = parse_text(head + body, "x.txt")
    assert d.region is None and d.doc_no == "长政办发〔2024〕5号"
    assert any("region" in w for w in d.warnings)
    signed = parse_text(head + "长兴县人民政府办公室\n2024年3月1日\n" + body, "x.txt")
    r = signed.region
    assert (r.name, r.code, r.path, r.parent.name) == ("长兴县", "330522", "浙江省/湖州市/长兴县", "湖州市")
    assert signed.iter_tasks()[0].units[0].function is None  # not resolved by parse_text alone


def test_units_line_before_any_task_is_reported():
    d = doc_of("2024年政府工作报告重点工作责任分解\n责任单位:市发改委\n1.推进一项工作。\n责任单位:市财政局\n")
    assert [(u.line, u.role) for u in d.coverage.unknown] == [(5, "units line with no task before it")]
    assert [u.name for u in d.iter_tasks()[0].units] == ["市财政局"]


def test_numbering_that_skips_or_repeats_keeps_every_task():
    d = doc_of(
        "2024年政府工作报告重点工作责任分解\n1.甲。\n责任单位:市财政局\n3.乙。\n责任单位:市财政局\n"
        "3.丙。\n责任单位:市财政局\n"
    )
    assert [(t.seq, t.number, t.text) for t in d.iter_tasks()] == [
        (1, "1", "甲。"),
        (2, "3", "乙。"),
        (3, "3", "丙。"),
    ]


def test_news_story_is_not_a_notice():
    story = (
        "我市召开政府工作报告重点工作责任分解推进会\n3月5日,市政府召开会议,部署政府工作报告重点工作责任分解"
        "落实工作。会议要求各部门压实责任。\n"
    )
    with pytest.raises(NotANoticeError, match="mentions 责任分解 but lists no tasks"):
        parse_text(story, "news.txt")


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", EmptyInputError, "empty.txt: the file is empty"),
        (b"  \n\t\n  ", EmptyInputError, "empty.txt: the file is empty (no text)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "empty.txt: the file is binary, not text"),
        (bytes(range(128, 256)) * 4, EncodingError, "empty.txt: the text encoding could not be determined"),
    ],
)
def test_bad_input_gives_one_line_errors(tmp_path, content, error, message):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    with pytest.raises(error) as e:
        load_file(p)
    assert str(e.value).startswith(message) and "\n" not in str(e.value)


def test_direct_doc_equals_the_character_tokenizer():
    """nlp.make_doc's fast path builds the same Doc the zh character segmenter does."""
    from loaders.nlp import make_doc, pipeline

    nlp = pipeline()
    lines = [ln for p in sorted(NOTICES.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    lines += ["GDP 增长 7.5%", "\u3000全年新增 10 家", ""]
    for ln in lines:
        a, b = nlp.make_doc(ln), make_doc(nlp, ln)
        assert [(t.text, t.whitespace_, t.idx) for t in a] == [(t.text, t.whitespace_, t.idx) for t in b]


def test_synthetic_corpus_is_deterministic_and_fully_understood(tmp_path):
    """The benchmark corpus: the same seed gives the same files, and the parser understands every line."""
    from govkg.synth import generate

    files = generate(6, tmp_path / "a", seed=3)
    again = generate(6, tmp_path / "b", seed=3)
    assert [f.read_bytes() for f in files] == [f.read_bytes() for f in again]
    for f in files:
        doc = load_file(f)
        assert doc.coverage.unknown == [], (f.name, doc.coverage.unknown[:3])
        assert doc.region is not None and doc.year == 2015
        assert len(doc.iter_tasks()) >= 100
        assert any(u.lead for t in doc.iter_tasks() for u in t.units)


def test_synthetic_tasks_continue_like_real_ones():
    """About 30% of a synthetic year's projects continue the previous year's and unrelated
    tasks do not look alike, so task links stay near one per task over a decade (a corpus of
    template sentences linked every task to every earlier notice)."""
    import random

    from govkg import synth
    from graph.links import task_links

    place = next(p for p in synth.places() if p.name == "湖州市")
    tasks = []
    for year in range(2015, 2025):
        w = synth.NoticeWriter(place, year, random.Random(f"2026-{place.name}-{year}"))
        start = synth.first_project(2026, place, year)
        for i in range(synth.task_count(2026, place, year)):
            tasks.append(
                {"key": f"{year}:{i}", "doc": str(year), "year": year, "text": w.task_text(i, start)}
            )
    links = task_links(tasks)
    later = [t for t in tasks if t["year"] > 2015]
    adjacent = {x["new"] for x in links if int(x["new"][:4]) - int(x["old"][:4]) == 1}
    assert 0.25 <= len(adjacent) / len(later) <= 0.5
    assert 0.5 <= len(links) / len(tasks) <= 1.5


def test_a_malformed_data_table_is_one_config_error_naming_it(tmp_path):
    from govkg.errors import ConfigError
    from loaders.patterns import config_errors, read_json

    bad = tmp_path / "lines.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lines\.json: Expecting property name"):
        with config_errors(bad):
            read_json(bad)
    rows = tmp_path / "china.csv"
    rows.write_text("code,name\n110000,北京市\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"china\.csv: 'short'"), config_errors(rows):
        import csv

        with rows.open(encoding="utf-8") as f:
            [r["short"] for r in csv.DictReader(f)]


def test_synthetic_national_corpus_grows_by_regions_and_each_notice_resolves_to_its_own():
    import tempfile

    from govkg.synth import DECADE, generate

    with tempfile.TemporaryDirectory() as tmp:
        files = generate(60, Path(tmp), seed=5, regions="national")
        regions = {f.name.rsplit("-", 1)[0] for f in files}
        assert len(regions) == 60 // DECADE
        for f in files[::7]:
            doc = load_file(f)
            assert doc.region is not None and doc.region.display == f.name.rsplit("-", 1)[0], f.name
            assert doc.region.code and doc.coverage.unknown == []
