"""spaCy's Chinese tokenizer with the jieba segmenter, building its ``Doc`` in one step.

spaCy's own ``ChineseTokenizer`` aligns jieba's words to the text with
``get_words_and_spaces``, which slices the rest of the text once per word (quadratic in a long
unit) to find the spaces it must attach. jieba's words always add up to the text, so a text
without whitespace needs no alignment: every word is a token with no space after it. Texts with
whitespace take spaCy's alignment, so the tokens are the same either way (a test holds this).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab


class JiebaTokenizer:
    """``text -> Doc`` with jieba's words as tokens, as ``spacy.blank("zh")`` makes them."""

    def __init__(self, vocab: Vocab, segmenter: Any) -> None:
        self.vocab = vocab
        self.segmenter = segmenter  # the jieba.Tokenizer spaCy's own tokenizer loaded

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.lcut(text, cut_all=False)
        if " " not in text and text.isprintable():  # no whitespace of any kind
            return Doc(self.vocab, words=words, spaces=[False] * len(words))
        words, spaces = get_words_and_spaces([w for w in words if w], text)
        return Doc(self.vocab, words=words, spaces=spaces)
