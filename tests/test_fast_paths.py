"""The parser's shortcuts change nothing it reads.

A line is offered only to the body rules its first character allows, and the table tests run
only on a line whose first cell is short enough to name a column. Each shortcut is switched off
here and every document of the sample notices, of a synthetic corpus and (when ``../shared`` is
beside the checkout) of the real openings is read both ways: the documents must be the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOTICES, ROOT

from govkg.errors import NotANoticeError
from govkg.synth import generate
from loaders import parse, rules, tables
from loaders.model import to_json
from loaders.parse import parse_text

REAL = ROOT.parent / "shared" / "corpus" / "real-openings" / "docs"


def _texts(tmp_path: Path) -> list[tuple[str, str]]:
    paths = [*sorted(NOTICES.glob("*.txt")), *generate(12, tmp_path, seed=7)]
    if REAL.is_dir():
        paths += sorted(REAL.glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _read(texts: list[tuple[str, str]]) -> list[object]:
    out: list[object] = []
    for name, text in texts:
        try:
            out.append(to_json(parse_text(text, name), exclude=frozenset({"source_text"})))
        except NotANoticeError as e:
            out.append(str(e))
    return out


def test_shortcuts_read_every_document_as_the_full_tests_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    texts = _texts(tmp_path)
    fast = _read(texts)
    every_rule = tuple(r.read for r in rules.BODY_RULES)
    monkeypatch.setattr(parse, "rules_for", lambda first: every_rule)
    monkeypatch.setattr(parse, "may_hold_header", lambda text: True)
    slow = _read(texts)
    assert len(fast) == len(texts) >= 17
    for (name, _), a, b in zip(texts, fast, slow, strict=True):
        assert a == b, name


@pytest.mark.parametrize(
    "line",
    [
        "序号 重点工作 牵头单位 配合单位",
        "序号  主要工作任务  责任领导  牵头单位  完成时限",
        "序号 | 工作任务 | 牵头单位 | 配合单位 |",
        "牵 头 单 位|",
        "2025年目标任务 牵头单位 责任单位",
        "主要工作任务",
        "序号",
        "2025年目标任务",
    ],
)
def test_a_header_line_is_never_skipped(line: str):
    assert tables.may_hold_header(line)
    assert tables.header_in_line(line) is not None or tables.may_start_header(line)


@pytest.mark.parametrize(
    "line",
    [
        "1.地区生产总值增长6%左右,固定资产投资增长6%以上,一般公共预算收入增长5%。",
        "责任单位:市发改委、市经信局、市科技局、市财政局、市统计局",
        "加快推进城市更新,全年完成投资500亿元以上,新开工项目120个 (市住建局牵头)",
        "牵头市领导:汤飞帆",
    ],
)
def test_a_line_whose_first_cell_cannot_name_a_column_skips_the_table_tests(line: str):
    assert not tables.may_hold_header(line)
    assert tables.header_in_line(line) is None and not tables.may_start_header(line)


def test_a_rule_is_offered_the_lines_its_first_character_allows():
    names = [f.__name__ for f in rules.rules_for("1")]
    assert "numbered_task" in names and "field_line" not in names and "leader_section" not in names
    assert "field_line" in [f.__name__ for f in rules.rules_for("责")]
    assert "leader_section" in [f.__name__ for f in rules.rules_for("一")]
    everything = [r.read.__name__ for r in rules.BODY_RULES]
    for first in "1(一责牵—▲附x":
        offered = [f.__name__ for f in rules.rules_for(first)]
        assert offered == [n for n in everything if n in offered]  # registration order kept


def test_written_form_caches_empty_on_demand_and_read_the_same_cold():
    from loaders.fields import _read_piece
    from loaders.patterns import clear_written_forms
    from loaders.targets import normalize_indicator

    text = (NOTICES / "huzhou-2022-decomposition.txt").read_text(encoding="utf-8")
    warm = to_json(parse_text(text, "huzhou-2022-decomposition.txt"))
    assert _read_piece.cache_info().currsize > 0 and normalize_indicator.cache_info().currsize > 0
    clear_written_forms()
    assert _read_piece.cache_info().currsize == 0 and normalize_indicator.cache_info().currsize == 0
    assert to_json(parse_text(text, "huzhou-2022-decomposition.txt")) == warm


def test_region_names_are_found_alike_by_the_regex_and_by_hashed_bigrams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from loaders import regions

    idx = regions.name_index()
    texts = [t[:6000] for _, t in _texts(tmp_path)]
    texts.append(
        "𠀀湖州市吴兴区\ud800南浔区、长兴县、安吉县人民政府" * 12
    )  # astral and lone surrogate code points
    assert all(len(t) >= regions._LONG_TEXT for t in texts)
    hashed = [idx.find(t) for t in texts]
    monkeypatch.setattr(regions, "_LONG_TEXT", 10**9)  # every text by the regex
    assert [idx.find(t) for t in texts] == hashed
    assert hashed[-1][:5] == ["湖州市", "吴兴区", "南浔区", "长兴县", "安吉县"]
