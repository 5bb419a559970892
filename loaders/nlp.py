"""The spaCy pipeline: ``spacy.blank("zh")`` (character segmenter, no model
download), an EntityRuler for unit mentions built from the alias tables in
``data/units``, and the ``govkg_targets`` component that marks targets.

The pipeline runs only on sentences that hold a target: the target grammar
(plain Python) reads each sentence with a number in it first, and a Doc is
made over the targets it finds, and their spans marked there; the rest of a
notice (boilerplate, unit lists, targets-free prose) never reaches spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Any

from .targets import CMP_SUFFIX, UNIT_ALTERNATIVES, RawTarget, find_targets

VALUE_HINT = re.compile(rf"\d\s*(?:{UNIT_ALTERNATIVES}|{CMP_SUFFIX})|每立方米?\d")

_SPACE = re.compile(r"\s")


@lru_cache(maxsize=1)
def pipeline() -> Any:
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    if "govkg_targets" not in Language.factories:

        @Language.component("govkg_targets")
        def govkg_targets(doc: Doc) -> Doc:
            achieved = bool(doc.user_data.get("govkg_achieved"))
            # Doc.text would build a Token object per character; the text the doc was made from is the same
            text = doc.user_data.get("govkg_text") or doc.text
            spans, found = [], []
            # (start, end, target) in this doc: given by the caller, or found here
            precomputed = doc.user_data.get("govkg_found")
            if precomputed is None:
                precomputed = [(rt.start, rt.end, rt) for rt in find_targets(text, achieved=achieved)]
            for start, end, rt in precomputed:
                span = doc.char_span(start, end, label="TARGET", alignment_mode="expand")
                if span is None:
                    continue
                spans.append(span)
                found.append(rt)  # two targets may share one span (均增长8%): keep them in order here
            doc.spans["targets"] = spans
            doc.user_data["govkg_targets"] = found
            return doc

    nlp = spacy.blank("zh")  # default segmenter: one token per character, exact offsets
    ruler: Any = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    from .resolve import unit_surface_forms

    ruler.add_patterns(
        [{"label": "UNIT", "pattern": form, "id": func} for form, func in unit_surface_forms()]
    )
    nlp.add_pipe("govkg_targets")
    return nlp


def make_doc(nlp: Any, text: str) -> Any:
    """The character segmenter's Doc: one token per character. Without whitespace in the text
    that is exactly ``Doc(words=list(text))``, built directly at half the tokenizer's cost."""
    from spacy.tokens import Doc

    if _SPACE.search(text):
        return nlp.make_doc(text)
    return Doc(nlp.vocab, words=list(text), spaces=[False] * len(text))


def _doc_cut_at(nlp: Any, text: str, found: list[tuple[int, int, RawTarget]]) -> Any:
    """A Doc of ``text`` whose tokens end where the targets found in it begin and end: their
    spans are exact there, and the Doc costs a token per boundary, not per character."""
    from spacy.tokens import Doc

    cuts = sorted({0, len(text), *(a for a, _, _ in found), *(b for _, b, _ in found)})
    words = [text[a:b] for a, b in pairwise(cuts) if b > a]
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def _run(
    text: str,
    achieved: bool,
    components: tuple[str, ...] = ("entity_ruler", "govkg_targets"),
    found: list[tuple[int, int, RawTarget]] | None = None,
) -> Any:
    nlp = pipeline()
    doc = make_doc(nlp, text) if found is None else _doc_cut_at(nlp, text, found)
    doc.user_data["govkg_achieved"] = achieved
    doc.user_data["govkg_text"] = text
    if found is not None:
        doc.user_data["govkg_found"] = found
    for name, proc in nlp.pipeline:
        if name in components:
            doc = proc(doc)
    return doc


def _grammar_targets(text: str, achieved: bool) -> list[RawTarget]:
    """The target grammar over each sentence of ``text`` with a number in it (spans relative to
    ``text``); no Doc is made."""
    # a sentence with no number with a unit, comparator or % in it holds nothing to find
    return find_targets(text, achieved=achieved, hint=VALUE_HINT)


def _extents(found: list[RawTarget]) -> list[tuple[int, int, list[RawTarget]]]:
    """The targets' spans merged where they overlap (均增长8% is two targets over one span):
    (start, end, the targets inside)."""
    out: list[tuple[int, int, list[RawTarget]]] = []
    for rt in sorted(found, key=lambda r: r.start):
        if out and rt.start < out[-1][1]:
            a, b, group = out[-1]
            group.append(rt)
            out[-1] = (a, max(b, rt.end), group)
        else:
            out.append((rt.start, rt.end, [rt]))
    return out


def extract_targets_many(
    texts: Sequence[str], achieved: bool | Sequence[bool] = False
) -> list[list[RawTarget]]:
    """Targets in each of ``texts`` (spans relative to each text), marked by the spaCy pipeline.

    The grammar reads every text first; one Doc is then made for all of them, over the targets'
    own spans only (a target is a few characters of a sentence of a hundred, and a Doc costs a
    token per character), and the ``govkg_targets`` component marks its spans there."""
    flags = [achieved] * len(texts) if isinstance(achieved, bool) else list(achieved)
    found = [_grammar_targets(t, a) for t, a in zip(texts, flags, strict=True)]
    pieces: list[str] = []
    local: list[tuple[int, int, RawTarget]] = []  # each target's span in the joined extents
    owner: dict[int, int] = {}  # id of a target → the index of its text
    at = 0
    for i, (text, fs) in enumerate(zip(texts, found, strict=True)):
        if not fs:
            continue
        for a, b, group in _extents(fs):
            shift = at - a
            for rt in group:
                local.append((rt.start + shift, rt.end + shift, rt))
                owner[id(rt)] = i
            pieces.append(text[a:b])
            at += b - a
    out: list[list[RawTarget]] = [[] for _ in texts]
    if not pieces:
        return out
    doc = _run("".join(pieces), False, components=("govkg_targets",), found=local)
    for rt in doc.user_data["govkg_targets"]:
        out[owner[id(rt)]].append(rt)
    return out


def extract_targets(text: str, achieved: bool = False) -> list[RawTarget]:
    """Targets in ``text`` (spans relative to it), via the spaCy pipeline."""
    return extract_targets_many([text], achieved)[0]


def has_percent_target(text: str) -> bool:
    """Whether the grammar finds a target in per cent in ``text`` (no Doc is made)."""
    return any(rt.unit == "%" for rt in _grammar_targets(text, False))


def unit_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, function) of every unit name the alias tables know in ``text``."""
    doc = _run(text, False, components=("entity_ruler",))
    return [(e.start_char, e.end_char, e.ent_id_ or "") for e in doc.ents if e.label_ == "UNIT"]
