"""Normalization, the first stage of parsing: the text as found → the text the grammars read.

Each step is a small function over the whole text, applied in order, and named in
``Document.normalization`` when it changed something; the text as found is kept on the Document
(``source_text``) for provenance, and every offset of the model points into the normalized text.

- ``fold``: full-width punctuation, digits and spaces to ASCII (length kept).
- ``pinyin``: pinyin glosses inserted after characters removed (發(fā)展 → 發展).
- ``simplified``: traditional script converted to simplified with OpenCC (t2s), only when the
  text is mostly traditional (a simplified text is left as it is).
- ``unflatten``: a page flattened onto a few very long lines split back at its structure
  (item numbers, unit and leader fields, the signature date, attachment labels).
- ``unglue``: an inline unit field closed and the next item opened on the same line
  (…(省发改委负责)(二)公共财政收入…) split into two lines.
- ``rewrap``: a line broken inside a run of text (a title over three lines, …) is left to the
  grammars, which join what belongs together; nothing is joined here, so line numbers stay
  those of the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from .patterns import fold, patterns

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")
GLOSS_OPENS = re.compile(rf"\((?=[a-zü]*[{_TONED}])")  # where PINYIN_GLOSS can begin: found by its "("
NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")
WHITE = re.compile(r"\s")
SPACED_POINT = re.compile(r"(\d)(?: \. ?(?=\d)|\. (?=\d%))")  # 6 . 5 | 6 .5 | 6. 5%: from its digit


@dataclass(slots=True)
class Normalized:
    text: str
    steps: list[str] = field(default_factory=list)
    printed: str = ""  # ``text`` in the source's own script, character for character


def _align(norm: str, before: str) -> str:
    """``norm`` with the characters of ``before`` (the text before script conversion) put back:
    the steps after conversion only turn white space into line breaks, drop it or insert breaks,
    and OpenCC's t2s converts one character for one."""
    out: list[str] = []
    i = j = 0
    while i < len(norm):
        c = norm[i]
        p = before[j] if j < len(before) else None
        if p is None:
            out.append(c)
            i += 1
        elif c == p or (not c.isspace() and not p.isspace()):
            out.append(p)
            i += 1
            j += 1
        elif p.isspace() and not c.isspace():
            j += 1  # white space the steps dropped
        elif c.isspace() and p.isspace():
            out.append(c)
            i += 1
            j += 1
        else:  # a line break inserted
            out.append(c)
            i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    conv = opencc.OpenCC("t2s")
    return conv.convert  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """The characters of the basic CJK block that t2s changes on their own (once per process:
    one conversion of 21,000 characters)."""
    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    return frozenset(a for a, b in zip(block, _t2s()(block), strict=False) if a != b)


@lru_cache(maxsize=1)
def _traditional_rx() -> re.Pattern[str]:
    """One character class of every traditional character: counted in C, not one by one."""
    return re.compile("[" + re.escape("".join(sorted(_traditional_chars()))) + "]")


def _traditional_share(text: str) -> float:
    """The share of traditional characters among the CJK characters of the opening."""
    sample = NOT_CJK.sub("", text[:1200])  # mostly CJK: enough, and a third of the work
    if len(sample) < 800:
        sample = NOT_CJK.sub("", text[:4000])
    sample = sample[:800]
    if not sample:
        return 0.0
    return len(_traditional_rx().findall(sample)) / len(sample)


def simplify(text: str) -> str | None:
    # A simplified text has next to no characters OpenCC would change; a traditional one has
    # one in eight or more. Mirrors mix a few traditional names into simplified text: those
    # are left alone.
    if _traditional_share(text) < 0.03:
        return None
    return _t2s()(text)


def strip_pinyin(text: str) -> str | None:
    if "(" not in text or not GLOSS_OPENS.search(text):
        return None
    out = PINYIN_GLOSS.sub("", text)
    return out if out != text else None


def unflatten(text: str) -> str | None:
    """Split lines of more than 200 characters at the structure they hold when they hold
    several pieces of it (a whole page on one line)."""
    rx = patterns().flat_split
    lines = text.split("\n")
    # every split point is white space: a paragraph with none is left alone unscanned
    flat = {
        i
        for i, line in enumerate(lines)
        if len(line) > 200 and WHITE.search(line) and sum(1 for _ in islice(rx.finditer(line), 3)) >= 3
    }
    if not flat:
        return None
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in flat:
            out.extend(p.strip() for p in rx.split(line) if p.strip())
        else:
            out.append(line)
    return "\n".join(out)


def unglue(text: str) -> str | None:
    p = patterns()
    verbs = p.glued_item_verbs
    cuts = [m.end() for m in p.glued_items.finditer(text) if text.endswith(verbs, 0, m.start())]
    if not cuts:
        return None
    out, at = [], 0
    for c in cuts:
        out.append(text[at:c])
        at = c
    out.append(text[at:])
    return "\n".join(out)


def join_numbers(text: str) -> str | None:
    """6 . 5% → 6.5%: a decimal point set apart by spaces."""
    if " ." not in text and ". " not in text:
        return None
    out = SPACED_POINT.sub(r"\1.", text)
    return out if out != text else None


STEPS: list[tuple[str, Callable[[str], str | None]]] = [
    ("pinyin", strip_pinyin),
    ("numbers", join_numbers),
    ("simplified", simplify),
    ("unflatten", unflatten),
    ("unglue", unglue),
]


def normalize(raw: str) -> Normalized:
    text = fold(raw.replace("\r\n", "\n").replace("\r", "\n"))
    out = Normalized(text)
    before_script: str | None = None
    for name, step in STEPS:
        new = step(out.text)
        if new is not None:
            if name == "simplified":
                before_script = out.text
            out.text = new
            out.steps.append(name)
    if before_script is None:
        out.printed = out.text
    else:
        printed = _align(out.text, before_script)
        out.printed = printed if len(printed) == len(out.text) else out.text
    return out
