"""How pipeline components record what they find on a spaCy ``Doc``.

jieba merges characters (含铬 is one token), so a Span, which is made of whole tokens, cannot
hold the exact characters of 铬. Each span therefore carries the exact character range and the
normalised facts in ``span._.policykg`` (a dict); the Span itself covers the enclosing tokens.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

EXTENSION = "policykg"

if not Span.has_extension(EXTENSION):
    Span.set_extension(EXTENSION, default=None)


def add_span(
    doc: Doc,
    key: str,
    start: int,
    end: int,
    span_type: str,
    kb_id: str = "",
    **attrs: Any,
) -> Span | None:
    """Record characters ``doc.text[start:end]`` under ``doc.spans[key]``.

    ``span_type`` is the span's label (pollutant, region, ...); ``attrs`` hold JSON-friendly
    scalars (``label``, ``concept``, ``date``, ...).
    RETURNS the span, or None when the range is empty or outside the text.
    """
    if not 0 <= start < end <= len(doc.text):
        return None
    span = doc.char_span(start, end, label=span_type, kb_id=kb_id, alignment_mode="expand")
    if span is None:
        return None
    span._.policykg = {"start": start, "end": end, "text": doc.text[start:end], **attrs}
    if key in doc.spans:
        doc.spans[key].append(span)  # in place: rebuilding the group per span is quadratic
    else:
        doc.spans[key] = [span]
    return span


def found(doc: Doc, key: str) -> list[dict[str, Any]]:
    """The facts recorded under ``key``, in text order (exact offsets, label, attrs)."""
    if key not in doc.spans:
        return []
    items = [dict(span._.policykg, type=span.label_) for span in doc.spans[key] if span._.policykg]
    return sorted(items, key=lambda d: (d["start"], d["end"]))
