"""Readers: turn a file of any supported format into plain text lines.

A registry maps file suffixes to reader functions; unknown suffixes are
sniffed by their first bytes. Every reader returns a ``RawText`` whose
``encoding`` records how the bytes were decoded (never guessed silently).
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkg.errors import (
    BinaryInputError,
    CorruptFileError,
    EmptyInputError,
    EncodingError,
    InputTooLargeError,
    MissingFileError,
    NotAFileError,
    NotANoticeError,
    UnreadableFileError,
)

log = logging.getLogger(__name__)

MAX_BYTES = int(os.environ.get("GOVKG_MAX_BYTES", str(8 * 1024 * 1024)))


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    format: str


Reader = Callable[[Path, bytes], RawText]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn

    return register


_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\x1f\x8b", b"BM")


def decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    """Decode text bytes; return (text, encoding name as detected)."""
    if not data:
        raise EmptyInputError(path)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if not data.startswith(_BINARY_MAGIC) and b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise BinaryInputError(path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    # Chinese legacy encodings: GB18030 is a superset of GBK and GB2312.
    try:
        text = data.decode("gb18030")
        if _cjk_ratio(text) > 0.2:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and _cjk_ratio(str(best)) > 0.2:
        return str(best), str(best.encoding)
    # Mostly UTF-8 with a few broken bytes: decode with replacement, but say so.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad <= max(3, len(text) // 200) and _cjk_ratio(text) > 0.2:
        log.warning("%s: %d invalid UTF-8 byte sequence(s) replaced", path.name, bad)
        return text, f"utf-8 ({bad} invalid byte sequence(s) replaced)"
    raise EncodingError(path, f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor GB18030")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 written without its byte-order mark: the zero bytes of its ASCII characters fall on
    one side of each pair (far more there than the few of CJK characters on the other), and the
    text decodes to Chinese with no NUL in it. Binary data has zeros anywhere."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 3 * other:  # 一 (U+4E00) has a zero byte too, on the other side; ASCII many
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _cjk_ratio(text) > 0.2 and "\x00" not in text:
                return text, f"{enc} (no byte-order mark)"
    return None


def _cjk_ratio(text: str) -> float:
    sample = text[:4000]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return 0.0
    cjk = sum(1 for c in visible if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    return cjk / len(visible)


@reader(".txt", ".text", "")
def read_txt(path: Path, data: bytes) -> RawText:
    text, enc = decode_bytes(path, data)
    return RawText(text, enc, "txt")


_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "svg",
)
_CLUTTER = re.compile(
    r"(^|[-_ ])(nav|menu|footer|header|breadcrumb|share|sidebar|toolbar|crumb|topbar)([-_ ]|$)", re.I
)
_CONTENT = re.compile(r"(article|content|zoom|trs_editor|main|detail|text|body)", re.I)


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path, data: bytes) -> RawText:
    from bs4 import BeautifulSoup

    text, enc = decode_bytes(path, data)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    clutter = []
    for tag in soup.find_all(True):
        attrs = getattr(tag, "attrs", None) or {}
        marks = " ".join([attrs.get("id") or "", *(attrs.get("class") or [])])
        if marks.strip() and _CLUTTER.search(marks) and not _CONTENT.search(marks):
            clutter.append(tag)
    for tag in clutter:
        if not getattr(tag, "decomposed", False):
            tag.decompose()
    root = _article_root(soup)
    for br in root.find_all("br"):
        br.replace_with("\n")
    body = root.get_text("\n")
    return RawText(body, enc, "html")


def _article_root(soup: Any) -> Any:
    """The element that holds the article: the largest content-like block, else <body>."""
    from bs4 import Tag

    best: Tag | None = None
    best_len = 0
    for tag in soup.find_all(["article", "div", "section", "td", "main"]):
        marks = " ".join([tag.get("id") or "", *(tag.get("class") or [])])  # type: ignore[list-item]
        if tag.name not in ("article", "main") and not _CONTENT.search(marks):
            continue
        n = len(tag.get_text(strip=True))
        if n > best_len:
            best, best_len = tag, n
    total = len(soup.get_text(strip=True))
    if best is not None and best_len >= 0.5 * total:
        return best
    return soup.body or soup


MAX_EXPANDED = int(os.environ.get("GOVKG_MAX_EXPANDED_BYTES", str(64 * 1024 * 1024)))
MAX_RATIO = 100  # a Word file's XML compresses about 5-10 times; a zip bomb thousands of times


def _check_expansion(path: Path, data: bytes) -> None:
    """Refuse a zip-based file (.docx) whose members would expand past the limit, before reading
    any of them: the size limit alone sees only the compressed bytes (a 1.25 MB file held 314 MB
    of XML). The sizes come from the zip's directory; zipfile stops at the declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            expanded = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, ValueError) as e:
        raise CorruptFileError(path, f"not a valid .docx: {e}") from e
    if expanded > MAX_EXPANDED or (expanded > MAX_RATIO * max(len(data), 1) and expanded > 10 * 1024 * 1024):
        raise InputTooLargeError(
            path,
            f"it expands to {expanded / 1e6:,.0f} MB from {len(data) / 1e6:.2f} MB; "
            f"the limit is {MAX_EXPANDED / 1e6:.0f} MB (GOVKG_MAX_EXPANDED_BYTES)",
        )


@reader(".docx")
def read_docx(path: Path, data: bytes) -> RawText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not data:
        raise EmptyInputError(path)
    _check_expansion(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise CorruptFileError(path, f"not a valid .docx: {e}") from e
    except Exception as e:  # python-docx raises several lxml/opc errors
        raise CorruptFileError(path, f"not a valid .docx: {type(e).__name__}") from e
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return RawText("\n".join(lines), "utf-8 (docx)", "docx")


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")


@reader(".pdf")
def read_pdf(path: Path, data: bytes) -> RawText:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data:
        raise EmptyInputError(path)
    if not data.lstrip().startswith(b"%PDF"):
        raise CorruptFileError(path, "no PDF header")
    out: list[str] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            paras = _page_paragraphs(page)
            if out and paras and _continues(out[-1], paras[0]):
                out[-1] = _join_wrapped([out[-1], paras.pop(0)])
            out.extend(paras)
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as e:
        raise CorruptFileError(path, f"unreadable PDF: {type(e).__name__}") from e
    except Exception as e:  # pdfminer raises many internal error types on damaged files
        raise CorruptFileError(path, f"unreadable PDF: {type(e).__name__}") from e
    if not any(s.strip() for s in out):
        raise NotANoticeError(path, "the PDF has no text layer (a scan?)")
    return RawText("\n".join(out), "pdf text layer", "pdf")


def _page_paragraphs(page: object) -> list[str]:
    """Rejoin wrapped lines: a line that sits closer to the one above than a
    line height apart continues that paragraph."""
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines: list[LTTextLine] = []

    def collect(obj: object) -> None:
        if isinstance(obj, LTTextLine):
            lines.append(obj)
        elif isinstance(obj, LTTextContainer) or hasattr(obj, "__iter__"):
            for child in obj:  # type: ignore[attr-defined]
                collect(child)

    collect(page)
    lines.sort(key=lambda ln: (-round(ln.y1, 1), ln.x0))
    paragraphs: list[list[str]] = []
    prev: LTTextLine | None = None
    for ln in lines:
        text = ln.get_text().strip()
        if not text:
            continue
        gap = (prev.y0 - ln.y1) if prev is not None else None
        if prev is not None and gap is not None and gap < 0.5 * ln.height:
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
        prev = ln
    return [_join_wrapped(p) for p in paragraphs]


_NEW_ITEM = re.compile(
    r"^(\d{1,3}[.、\s]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|附件|[\u4e00-\u9fff]{2,6}(单位|部门|领导)\s*[:：])"
)


def _continues(last: str, first: str) -> bool:
    """A paragraph cut by a page break: no sentence end before, no new item after."""
    if len(last) <= 40 and _NEW_ITEM.match(last):
        return False  # a heading at the foot of a page
    return last[-1] not in "。;；:：!！?？）)”" and not _NEW_ITEM.match(first)


def _join_wrapped(parts: list[str]) -> str:
    text = ""
    for p in parts:
        if text and not (_CJK.match(text[-1]) or _CJK.match(p[0])):
            text += " "
        text += p
    return text


def sniff_suffix(data: bytes) -> str:
    head = data[:512].lstrip()
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx"
    low = head.lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in low:
        return ".html"
    return ".txt"


def read_file(path: str | Path) -> RawText:
    """Read any supported file into text; raise an InputError subclass on bad input."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as e:
        raise MissingFileError(p) from e
    except PermissionError as e:
        raise UnreadableFileError(p) from e
    except OSError as e:
        raise CorruptFileError(p, e.strerror or str(e)) from e
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the reader for ever, a device never end
        kind = (
            "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a folder" if stat.S_ISDIR(st.st_mode) else "a device"
        )
        raise NotAFileError(p, kind)
    size = st.st_size
    if size > MAX_BYTES:
        raise InputTooLargeError(
            p, f"{size / 1e6:.1f} MB, the limit is {MAX_BYTES / 1e6:.0f} MB (GOVKG_MAX_BYTES)"
        )
    try:
        data = p.read_bytes()
    except PermissionError as e:
        raise UnreadableFileError(p) from e
    if not data:
        raise EmptyInputError(p)
    suffix = p.suffix.lower()
    fn = READERS.get(suffix) if suffix in READERS and suffix else READERS[sniff_suffix(data)]
    assert fn is not None
    raw = fn(p, data)
    if not raw.text.strip():
        raise EmptyInputError(p, "no text")
    return raw
