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

from itertools import accumulate
from typing import Any

from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from policykg.extract.spans import with_bounds


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
