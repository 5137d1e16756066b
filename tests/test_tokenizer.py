"""The pipeline's tokenizer gives spaCy's own jieba tokens, built without the quadratic
alignment (extract/tokenizer.py)."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, blank_zh

pytest.importorskip("jieba")


def _tokens(doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.fixture(scope="module")
def tokenizers():
    from policykg.extract.tokenizer import JiebaTokenizer

    spacy_own = blank_zh().tokenizer
    return spacy_own, JiebaTokenizer(spacy_own.vocab, spacy_own.jieba_seg)


def test_the_tokens_are_spacys_on_every_line_of_the_corpus(tokenizers):
    spacy_own, ours = tokenizers
    lines = [
        line
        for path in sorted(CORPUS.rglob("*"))
        if path.suffix in (".txt", ".md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 5000
    assert any(" " in line or "\u3000" in line for line in lines)  # whitespace is exercised
    for line in lines:
        assert _tokens(ours(line)) == _tokens(spacy_own(line)), line


@pytest.mark.parametrize(
    "text",
    ["第一条 为了防治大气污染", "一、  总体要求", "含铬\t废水", "到2020年，PM2.5 浓度下降", " 首尾 ", "",
     "\u3000\u3000各区人民政府："],
)  # fmt: skip
def test_whitespace_of_every_kind_is_attached_as_spacy_attaches_it(tokenizers, text):
    spacy_own, ours = tokenizers
    assert _tokens(ours(text)) == _tokens(spacy_own(text))
    assert ours(text).text == text


def test_the_bounds_it_hands_over_are_the_docs_own_offsets(tokenizers):
    from policykg.extract.spans import token_bounds

    _, ours = tokenizers
    lines = [
        line
        for path in sorted(CORPUS.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    handed = 0
    for line in lines:
        doc = ours(line)
        starts, ends = token_bounds(doc)  # handed over when the line has no whitespace
        handed += " " not in line and line.isprintable()
        assert starts == [t.idx for t in doc], line
        assert ends == [t.idx + len(t) for t in doc], line
    assert handed > 500
