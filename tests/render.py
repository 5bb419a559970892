"""Render a notice's text into other formats, as notices are found in the wild.

Used by the tests to check that every reader produces the same model as the
plain-text original: GB18030 bytes with no declaration, a saved web page with
navigation and scripts around the article, a .docx of paragraphs (or a real
table), and a PDF whose long lines wrap.
"""

from __future__ import annotations

import html
import io
from pathlib import Path


def to_gbk(text: str) -> bytes:
    return text.encode("gb18030")


def to_html(text: str) -> bytes:
    paras = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>var _hmt = _hmt || []; function share() {{ return "分享到微信"; }}</script>
</head><body>
<header class="site-header"><a href="/">首页</a> | <a href="/xxgk">信息公开</a> | 无障碍 | 长者模式</header>
<nav class="nav-menu"><ul><li>政务动态</li><li>政策文件</li><li>办事服务</li></ul></nav>
<div class="main-content"><div id="zoom" class="article-content">
{paras}
</div></div>
<div class="share-bar">分享到:微博 微信 QQ空间</div>
<footer class="site-footer">主办单位:人民政府办公室 ICP备案号 网站标识码</footer>
<script src="/js/stat.js"></script><noscript>请开启JavaScript</noscript>
</body></html>"""
    return page.encode("utf-8")


def to_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def table_docx(header: list[str], rows: list[list[str]], before: list[str]) -> bytes:
    """A .docx with paragraphs and then one real table (header row + rows)."""
    import docx

    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    table = d.add_table(rows=1 + len(rows), cols=len(header))
    for j, h in enumerate(header):
        table.cell(0, j).text = h
    for i, row in enumerate(rows, start=1):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def to_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle(
        "zh", fontName="STSong-Light", fontSize=10, leading=13, spaceAfter=14, wordWrap="CJK"
    )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title="notice")
    story = [Paragraph(html.escape(line), style) for line in text.splitlines() if line.strip()]
    doc.build(story)
    return buf.getvalue()


RENDERERS = {".gbk.txt": to_gbk, ".html": to_html, ".docx": to_docx, ".pdf": to_pdf}


def render_all(src: Path, out_dir: Path) -> dict[str, Path]:
    text = src.read_text(encoding="utf-8")
    out: dict[str, Path] = {}
    for suffix, fn in RENDERERS.items():
        p = out_dir / (src.stem + suffix)
        p.write_bytes(fn(text))
        out[suffix] = p
    return out
