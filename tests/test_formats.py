"""Every reader gives the same model as the plain-text seed."""

from __future__ import annotations

import pytest
from conftest import NOTICES, SEEDS
from render import table_docx, to_docx, to_gbk, to_html, to_pdf

from loaders import load_file
from loaders.model import to_json

VOLATILE = {
    "source",
    "encoding",
    "format",
    "text",
    "source_text",
    "normalization",
    "coverage",
    "sha256",
    "prov",
}


def comparable(obj):
    if isinstance(obj, dict):
        return {k: comparable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [comparable(x) for x in obj]
    return obj


@pytest.fixture(scope="module")
def baseline(seeds):
    return {k: comparable(to_json(d)) for k, d in seeds.items()}


@pytest.mark.parametrize("key", list(SEEDS))
@pytest.mark.parametrize(
    ("suffix", "render", "encoding"),
    [
        (".txt", to_gbk, "gb18030"),
        (".html", to_html, "utf-8"),
        (".docx", to_docx, "utf-8 (docx)"),
        (".pdf", to_pdf, "pdf text layer"),
    ],
    ids=["gbk", "html", "docx", "pdf"],
)
def test_same_model_in_every_format(tmp_path, baseline, key, suffix, render, encoding):
    text = (NOTICES / SEEDS[key]).read_text(encoding="utf-8")
    path = tmp_path / f"{key}{suffix}"
    path.write_bytes(render(text))
    doc = load_file(path)
    assert doc.encoding == encoding
    assert comparable(to_json(doc)) == baseline[key]
    assert doc.coverage.unknown == []


def test_bom_and_gbk_are_recorded(tmp_path):
    text = (NOTICES / SEEDS["changxing2023"]).read_text(encoding="utf-8")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_file(bom).encoding == "utf-8-sig"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.replace("\xa0", " ").encode("gbk"))
    assert load_file(gbk).encoding == "gb18030"


def test_html_drops_navigation_and_scripts(tmp_path):
    text = (NOTICES / SEEDS["huzhou2022"]).read_text(encoding="utf-8")
    p = tmp_path / "page.html"
    p.write_bytes(to_html(text))
    doc = load_file(p)
    assert "分享到微信" not in doc.text and "政务动态" not in doc.text and "ICP备案号" not in doc.text


def test_docx_table_one_cell_per_line(tmp_path):
    """A real Word table with a leader column and lead/support unit columns."""
    before = [
        "某市人民政府办公室关于印发2024年政府工作报告重点工作责任分解的通知",
        "湖州市人民政府办公室",
        "2024年3月1日",
        "2024年政府工作报告重点工作责任分解",
    ]
    rows = [
        ["1", "地区生产总值增长6%左右。", "张三副市长", "市发改委", "市经信局、市统计局"],
        ["2", "新增城镇就业4万人。", "李四", "市人力社保局", "各区县政府"],
    ]
    p = tmp_path / "table.docx"
    p.write_bytes(table_docx(["序号", "重点工作", "牵头领导", "牵头单位", "配合单位"], rows, before))
    doc = load_file(p)
    t1, t2 = doc.iter_tasks()
    assert (t1.number, t1.text) == ("1", "地区生产总值增长6%左右。")
    assert [(ldr.name, ldr.title) for ldr in t1.leaders] == [("张三", "副市长")]
    assert [(u.name, u.role, u.lead) for u in t1.units] == [
        ("市发改委", "lead", True),
        ("市经信局", "support", False),
        ("市统计局", "support", False),
    ]
    assert t1.units[0].function == "drc"
    assert [(x.indicator_norm, x.value, x.comparator.value) for x in t1.targets] == [("gdp", 6.0, "~")]
    assert t2.leaders[0].name == "李四" and t2.units[1].collective
    assert doc.coverage.unknown == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    text = (NOTICES / SEEDS["quzhou2021"]).read_text(encoding="utf-8")
    p = tmp_path / "nobom.txt"
    p.write_bytes(text.encode(encoding))  # no BOM: it was reported as binary
    doc = load_file(p)
    assert doc.encoding == f"{encoding} (no byte-order mark)" and len(doc.iter_tasks()) == 159
