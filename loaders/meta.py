"""Document metadata: title, 文号, issuer, signing date, year, region, kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .model import DocKind
from .patterns import RegionInfo, find_region, region_by_doc_no

if TYPE_CHECKING:
    from .parse import Line

DOC_NO = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,10})\s*[〔\[(【](?P<y>\d{4})[〕\])】]\s*(?P<n>\d{1,4})\s*号"
)
SIGN_DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
FIELD_DATE = re.compile(r"(?:成文日期|发文时间|发文日期)\s*:\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{2,16}(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅)$"
)
NOTICE_TITLE = re.compile(r"关于印发.{2,80}的通知")
REPORT_TITLE = re.compile(r"^(?P<t>.{0,30}政府工作报告(?:全文)?)$")
ADDRESSEES = re.compile(r"^各.{2,80}:$")


@dataclass
class Meta:
    title: str | None = None
    doc_no: str | None = None
    issuer: str | None = None
    date: date | None = None
    year: int | None = None
    region: RegionInfo | None = None
    kind: DocKind = DocKind.decomposition
    roles: dict[int, str] = field(default_factory=dict)  # line number → role
    line_index_roles: set[int] = field(default_factory=set)  # indices into the line list
    signature_index: int | None = None


def _safe_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def extract(lines: list[Line]) -> Meta:
    meta = Meta()
    head = lines[:60]

    def role(i: int, r: str) -> None:
        meta.roles.setdefault(lines[i].no, r)
        meta.line_index_roles.add(i)

    # title: the first notice title line, else a report title
    for i, ln in enumerate(head):
        m = NOTICE_TITLE.search(ln.text)
        if m and len(ln.text) <= 120 and not ln.text.endswith(("。", "同意,")):
            start = ln.text.rfind("《", 0, m.start())
            prefix = ln.text[: m.start()] if start < 0 else ln.text[start + 1 : m.start()]
            prefix = DOC_NO.sub("", prefix).strip("《 ")
            meta.title = (prefix + m.group(0)).strip()
            role(i, "title")
            break
    if meta.title is None:
        for i, ln in enumerate(head):
            m = REPORT_TITLE.match(ln.text)
            if m:
                meta.title = m.group("t")
                role(i, "title")
                break
    # 文号
    for i, ln in enumerate(head):
        m = DOC_NO.search(ln.text)
        if m:
            prefix = re.sub(r"^(文件编号|文号)\s*:?\s*", "", m.group("prefix"))
            meta.doc_no = f"{prefix}〔{m.group('y')}〕{m.group('n')}号"
            if ln.text.strip() == m.group(0) or ln.text.startswith("文件编号"):
                role(i, "doc_no")
            break
    # issuer and signing date: the signature block (an issuer line followed by a date line)
    for i, ln in enumerate(lines[:200]):
        dm = SIGN_DATE.match(ln.text)
        if dm:
            if meta.date is None:
                meta.date = _safe_date(dm.group("y"), dm.group("m"), dm.group("d"))
                meta.signature_index = i
                role(i, "signing_date")
                if i > 0 and ISSUER_LINE.match(lines[i - 1].text):
                    meta.issuer = lines[i - 1].text
                    role(i - 1, "issuer")
            break
    if meta.issuer is None:
        for i, ln in enumerate(head):
            if ISSUER_LINE.match(ln.text):
                meta.issuer = ln.text
                role(i, "issuer")
                break
    if meta.date is None:
        for ln in head:
            fm = FIELD_DATE.search(ln.text)
            if fm:
                meta.date = _safe_date(fm.group("y"), fm.group("m"), fm.group("d"))
                break
    for i, ln in enumerate(head):
        if ADDRESSEES.match(ln.text) and len(ln.text) < 90:
            role(i, "addressees")
            break
    # kind
    title = meta.title or ""
    if "清单" in title:
        meta.kind = DocKind.key_work_list
    elif "责任分解" in title or "分解" in title:
        meta.kind = DocKind.decomposition
    elif "工作报告" in title:
        meta.kind = DocKind.work_report
    elif (
        not title
        and any(ln.text.startswith(("一、", "二、")) for ln in lines)
        and not any(("责任单位" in ln.text or "牵头单位" in ln.text) for ln in lines)
    ):
        meta.kind = DocKind.work_report
    # year the work is for
    ym = re.search(r"(\d{4})\s*年", title)
    if ym:
        meta.year = int(ym.group(1))
    elif meta.kind is DocKind.work_report:
        years = [
            int(y) for ln in lines for y in re.findall(r"^[一二三四五六七八九十]+、\s*(\d{4})年", ln.text)
        ]
        meta.year = max(years) if years else None
    if meta.year is None and meta.date is not None:
        meta.year = meta.date.year
    # region: title, then issuer, then 文号 prefix
    meta.region = (
        (find_region(title) if title else None)
        or (find_region(meta.issuer) if meta.issuer else None)
        or (region_by_doc_no(meta.doc_no) if meta.doc_no else None)
    )
    return meta
