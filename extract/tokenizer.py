"""spaCy's Chinese tokenizer with the jieba segmenter, building its ``Doc`` in one step.

spaCy's own ``ChineseTokenizer`` aligns jieba's words to the text with
``get_words_and_spaces``, which slices the rest of the text once per word (quadratic in a long
unit) to find the spaces it must attach. jieba's words always add up to the text, so a text
without whitespace needs no alignment: every word is a token with no space after it. Texts with
whitespace take spaCy's alignment, so the tokens are the same either way (a test holds this).
Without alignment the token offsets are the running sums of the word lengths, handed to the
components (``spans.token_bounds``) at no cost rather than read back from the Doc per unit.
"""

from __future__ import annotations

from functools import cache
from itertools import accumulate
from typing import Any

from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from policykg.extract.spans import with_bounds

# The tags (jieba's ICTCLAS set) some components read off a word: preposition, conjunction,
# pronoun, numeral, measure word, time and locality end a body's name on its left (actors);
# a verb or verbal noun opens an output target's phrase (targets: 建设储备林 counts 储备林).
_READ_TAGS = frozenset("p c r m q t f v vn".split())


class JiebaTokenizer:
    """``text -> Doc`` with jieba's words as tokens, as ``spacy.blank("zh")`` makes them."""

    def __init__(self, vocab: Vocab, segmenter: Any) -> None:
        self.vocab = vocab
        self.segmenter = segmenter  # the jieba.Tokenizer spaCy's own tokenizer loaded

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.lcut(text, cut_all=False)
        if " " not in text and text.isprintable():  # no whitespace of any kind
            doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
            ends = list(accumulate(map(len, words)))  # the words follow one another
            return with_bounds(doc, [0, *ends[:-1]] if ends else [], ends)
        words, spaces = get_words_and_spaces([w for w in words if w], text)
        return Doc(self.vocab, words=words, spaces=spaces)


@cache
def dictionary_tags() -> dict[str, str]:
    """Word -> tag for the words jieba's dictionary tags with one of ``_READ_TAGS``, read once
    from the dictionary file jieba segments with (word, frequency, tag per line): 55,000
    words, where ``jieba.posseg``'s table of every word's tag costs 54 MB and half a second in
    each process, and its tagger re-segments the text with a model of its own."""
    import jieba

    with jieba.dt.get_dict_file() as fh:
        lines = (line.decode("utf-8").split() for line in fh)
        return {p[0]: p[2] for p in lines if len(p) == 3 and p[2] in _READ_TAGS}
