"""How pipeline components record what they find on a spaCy ``Doc``.

jieba merges characters (含铬 is one token), so a Span, which is made of whole tokens, cannot
hold the exact characters of 铬. Each span therefore carries the exact character range and the
normalised facts in ``span._.policykg`` (a dict); the Span itself covers the enclosing tokens.

The facts are kept per span id, not in spaCy's own extension storage: that is keyed by the
span's character range only, so 铅 and 汞 inside the one token 铅汞 (or a place and a body
widened to the same tokens) would share, and overwrite, one dict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import add
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

EXTENSION = "policykg"
_TEXT = "policykg.text"  # doc.user_data keys of what the components share
_BOUNDS = "policykg.token_bounds"
_FACTS = "policykg.facts"  # span id -> facts


def _facts_of(span: Span) -> dict[str, Any] | None:
    return span.doc.user_data.get(_FACTS, {}).get(span.id)


Span.set_extension(EXTENSION, getter=_facts_of, force=True)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token anew on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def with_text(doc: Doc, text: str) -> Doc:
    """``doc``, told that ``text`` (what it was made from) is its text, so ``doc_text`` has no
    need to build it."""
    doc.user_data[_TEXT] = text
    return doc


def with_bounds(doc: Doc, starts: list[int], ends: list[int]) -> Doc:
    """``doc``, told the start and end offsets of its tokens by the tokenizer that made it, so
    ``token_bounds`` has no need to read them back from the Doc."""
    doc.user_data[_BOUNDS] = (starts, ends)
    return doc


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """The start and the end character offset of every token, computed once per Doc.

    Reading ``token.idx`` token by token builds a Python object per token; two column arrays
    cost a fraction of that.
    """
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None or len(bounds[0]) != len(doc):
        starts = doc.to_array(IDX).tolist()
        ends = list(map(add, starts, doc.to_array(LENGTH).tolist()))
        bounds = doc.user_data[_BOUNDS] = (starts, ends)
    return bounds


def add_spans(
    doc: Doc,
    key: str,
    span_type: str,
    facts: Iterable[tuple[int, int, str, Mapping[str, Any]]],
) -> list[Span]:
    """Record ``(start, end, kb_id, attrs)`` facts: characters ``doc.text[start:end]`` under
    ``doc.spans[key]``, labelled ``span_type``, with JSON-friendly scalar ``attrs`` (``label``,
    ``concept``, ``date``, ...).

    RETURNS the spans added (facts with an empty or outside range are skipped).
    """
    text = doc_text(doc)
    n = len(text)
    store: dict[int, dict[str, Any]] = doc.user_data.setdefault(_FACTS, {})
    spans: list[Span] = []
    for start, end, kb_id, attrs in facts:
        if not 0 <= start < end <= n:
            continue
        span_id = len(store) + 1
        span = doc.char_span(
            start, end, label=span_type, kb_id=kb_id, alignment_mode="expand", span_id=span_id
        )
        if span is None:
            continue
        store[span_id] = {"start": start, "end": end, "text": text[start:end], **attrs}
        spans.append(span)
    if spans:
        if key in doc.spans:
            doc.spans[key].extend(spans)  # in place: rebuilding the group per span is quadratic
        else:
            doc.spans[key] = spans
    return spans


def extents(doc: Doc, key: str) -> list[tuple[int, int]]:
    """The exact (start, end) of the facts recorded under ``key``, in no set order: what a
    component needs to test overlap, without the copies ``found`` makes."""
    if key not in doc.spans:
        return []
    store = doc.user_data.get(_FACTS, {})
    return [(f["start"], f["end"]) for span in doc.spans[key] if (f := store.get(span.id))]


def found(doc: Doc, key: str) -> list[dict[str, Any]]:
    """The facts recorded under ``key``, in text order (exact offsets, label, attrs)."""
    if key not in doc.spans:
        return []
    store = doc.user_data.get(_FACTS, {})
    items = []
    for span in doc.spans[key]:
        facts = store.get(span.id)
        if facts:
            items.append(dict(facts, type=span.label_))
    return sorted(items, key=lambda d: (d["start"], d["end"]))
