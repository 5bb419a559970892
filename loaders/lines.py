"""Lines and blocks, the second stage of parsing: the normalized text as numbered lines with
their offsets, and the patterns of numbering and block headings every grammar shares (1. 1、
(一) 一、, leader sections, unit groups, attachment labels, report headings)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Provenance

CN_NUM = "一二三四五六七八九十"
TASK_LINE = re.compile(r"^(?P<num>\d{1,3})\*?\s*[.、](?!\d)\s*(?P<text>\S.*)$")  # 1. 1、 1*.
DECIMAL_START = re.compile(r"^(?P<num>\d{1,3})[.](?P<text>\d.*)$")
CN_ITEM = re.compile(rf"^(?P<num>[{CN_NUM}]+)\s*[、.]\s*(?P<text>\S.*)$")
CN_SUB = re.compile(rf"^\((?P<num>[{CN_NUM}]+)\)\s*(?P<text>\S.*)$")
LEADER_SECTION = re.compile(
    rf"^(?P<num>[{CN_NUM}]+)、(?P<who>.+?)(?:牵头|主抓|负责|分管|领衔|联系)的?(?:重点)?(?:工作|任务)"
    r"(?:\((?P<assist>[^()]{2,40}?)(?:协助|协管|配合)?\))?$"
)
GROUP_HEAD = re.compile(rf"^\((?P<num>[{CN_NUM}]+)\)(?P<unit>[^,。;:]{{2,30}}?)牵头(?:负责)?的(?:工作|任务)$")
COLLECTIVE_SECTION = re.compile(
    rf"^(?P<num>[{CN_NUM}]+)、(?P<who>.+?)共同(?:落实|推进|负责|承担)的?(?:重点)?(?:工作|任务)?$"
)
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(?P<n>\d*)$")
ATTACHMENT_LIST = re.compile(r"^附\s*件\s*:")
KW_ROW = re.compile(r"^(?P<num>\d{1,2})(?:\s+(?P<rest>\S.*))?$")
MEASURE_SPLIT = re.compile(r"\s+(?P<num>\d{1,2})[.](?!\d)\s*(?=\S)")
SCHEDULE_LINE = re.compile(r"^(?:全年|\d{1,2}月|自\d{1,2}月|年内|年底前|上半年|下半年|\d{4}年\d{1,2}月)")
MILESTONE_START = re.compile(
    r"(?:(?<=^)|(?<=[。;]))\s*(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<q>底|中旬|上旬|下旬|份|末)?(?:前|底前)?"
)
REPORT_HEADING = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:工作回顾|政府工作回顾|主要工作|工作安排|政府工作安排|重点工作|主要任务)$|"
    r"^(?:(?:19|20)\d{2}年)?(?:政府工作的)?总体要求和主要(?:预期)?目标$"
)
SUB_HEADER = re.compile(
    r"^——[^。;,]{2,30}$|^▲"
)  # ——做精老城区, ▲增加值…: a sub-header or a bullet under an item
SENTENCE_END = "。;!?"
WS_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass(slots=True)
class Line:
    no: int
    start: int
    end: int
    text: str

    def prov(self, a: int = 0, b: int | None = None) -> Provenance:
        b = len(self.text) if b is None else b
        return Provenance(line=self.no, start=self.start + a, end=self.start + b)


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            # str.strip returns the string itself when there is nothing to strip
            lead = 0 if stripped is raw else len(raw) - len(raw.lstrip())
            out.append(Line(no, pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


WS_RUN = re.compile(r"\s+")


def clean_text(s: str) -> str:
    """Collapse white space; drop it next to CJK characters, where it is layout, not text."""
    if not WS_RUN.search(s):
        return s  # the usual line: nothing to collapse or drop
    return WS_CJK.sub("", WS_RUN.sub(" ", s)).strip()
