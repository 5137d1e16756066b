"""spaCy's Chinese tokenizer with the jieba segmenter, building its ``Doc`` in one step.

The words are jieba's, cut by jieba-rs (``rjieba``), the Rust port of jieba's dictionary and
HMM: 28 times as fast as jieba's own Python over the same text (docs/benchmarks.md, round 29),
and word for word the same in the Chinese of every corpus file (a test holds this). A run of
letters and digits joined by ``-`` or ``.`` stays one word (GB3095-2012, 2016-11-24), where
jieba cuts it at the joins; no component reads inside such a run.

spaCy's own ``ChineseTokenizer`` aligns the words to the text with ``get_words_and_spaces``,
which slices the rest of the text once per word (quadratic in a long unit) to find the spaces
it must attach. jieba's words always add up to the text, so a text without whitespace needs no
alignment: every word is a token with no space after it. Texts with whitespace take spaCy's
alignment, so the tokens are the same either way (a test holds this). Without alignment the
token offsets are the running sums of the word lengths, handed to the components
(``spans.token_bounds``) at no cost rather than read back from the Doc per unit.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import rjieba
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from policykg.extract.spans import with_bounds

# The tags (jieba's ICTCLAS set) some components read off a word: preposition, conjunction,
# pronoun, numeral, measure word, time and locality end a body's name on its left (actors);
# a verb or verbal noun opens an output target's phrase (targets: 建设储备林 counts 储备林).
_READ_TAGS = frozenset("p c r m q t f v vn".split())


def segment(text: str) -> list[str]:
    """jieba's words of ``text`` (its default mode, with the HMM for words not in the
    dictionary), which add up to ``text``."""
    return rjieba.cut(text)


def is_word(text: str) -> bool:
    """Whether ``text`` is a word of jieba's dictionary (市场, 区域), not a prefix of one."""
    return rjieba.has_word(text)


class JiebaTokenizer:
    """``text -> Doc`` with jieba's words as tokens, as ``spacy.blank("zh")`` makes them."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = segment(text)
        if " " not in text and text.isprintable():  # no whitespace of any kind
            doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
            ends = list(accumulate(map(len, words)))  # the words follow one another
            return with_bounds(doc, [0, *ends[:-1]] if ends else [], ends)
        words, spaces = get_words_and_spaces([w for w in words if w], text)
        return Doc(self.vocab, words=words, spaces=spaces)

    # Nothing to save: the dictionary ships with jieba-rs. A saved pipeline names the tokenizer
    # in its config (``TOKENIZER``), and loading it makes a new one.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: Any) -> JiebaTokenizer:
        return self

    def to_disk(self, path: str | Path, **_: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, _path: str | Path, **__: Any) -> JiebaTokenizer:
        return self


TOKENIZER = "policykg.jieba_tokenizer.v1"


@registry.tokenizers(TOKENIZER)
def _make_tokenizer() -> Any:
    """spaCy's tokenizer factory: ``{"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}}``."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make


def dictionary_file() -> Path:
    """jieba's dictionary file (word, frequency, tag per line), whose words jieba-rs carries
    too (a test holds it), found without importing jieba: its import loads ``pkg_resources``,
    about 0.1 s of every build process, and a build reads only this file."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed; its dictionary gives the word tags")
    return Path(spec.submodule_search_locations[0]) / "dict.txt"


@cache
def dictionary_tags() -> dict[str, str]:
    """Word -> tag for the words jieba's dictionary tags with one of ``_READ_TAGS``, read once
    from ``dictionary_file``: 55,000 words, where ``jieba.posseg``'s table of every word's tag
    costs 54 MB and half a second in each process, and its tagger re-segments the text with a
    model of its own."""
    with dictionary_file().open(encoding="utf-8") as fh:
        lines = (line.split() for line in fh)
        return {p[0]: p[2] for p in lines if len(p) == 3 and p[2] in _READ_TAGS}
