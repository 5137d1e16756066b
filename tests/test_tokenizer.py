"""The pipeline's tokenizer gives spaCy's own jieba tokens, cut by jieba-rs and built without
the quadratic alignment (extract/tokenizer.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS

pytest.importorskip("jieba")


def _tokens(doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.fixture(scope="module")
def tokenizers():
    import spacy

    from policykg.extract.tokenizer import JiebaTokenizer

    spacy_own = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}}).tokenizer
    return spacy_own, JiebaTokenizer(spacy_own.vocab)


def _joined_runs(ours: list[str], theirs: list[str]) -> bool:
    """Whether ``ours`` is ``theirs`` with runs of letters and digits kept whole where jieba
    cut them at a joining ``-`` or ``.`` (manifest.json, 2016-11-24)."""
    i = 0
    for word in ours:
        j, run = i, ""
        while j < len(theirs) and len(run) < len(word):
            run += theirs[j]
            j += 1
        if run != word or (j - i > 1 and not all(c.isascii() and not c.isspace() for c in word)):
            return False
        i = j
    return i == len(theirs)


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
    same = 0
    for line in lines:
        mine, theirs = _tokens(ours(line)), _tokens(spacy_own(line))
        same += mine == theirs
        if mine != theirs:  # only a run of letters and digits may be one token where jieba cut
            assert _joined_runs([t[0] for t in mine], [t[0] for t in theirs]), line
    assert same > len(lines) - 20


def test_a_run_joined_by_a_hyphen_or_a_point_is_one_token(tokenizers):
    """jieba-rs keeps GB3095-2012 whole where jieba gives GB3095 / - / 2012; the Chinese around
    it is cut alike."""
    spacy_own, ours = tokenizers
    text = "执行《环境空气质量标准》（GB3095-2012）"
    assert [t.text for t in ours(text)][-3:] == ["（", "GB3095-2012", "）"]
    assert [t.text for t in spacy_own(text)][-5:] == ["（", "GB3095", "-", "2012", "）"]
    assert [t.text for t in ours(text)][:-3] == [t.text for t in spacy_own(text)][:-5]


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


def test_the_segmenter_knows_every_word_of_the_dictionary_the_tags_come_from():
    """The components read word tags from jieba's dictionary file (``dictionary_tags``) and cut
    with jieba-rs's copy of it: a copy that lost or gained words would split them apart."""
    import jieba

    from policykg.extract.tokenizer import dictionary_tags, is_word

    with jieba.get_dict_file() as fh:
        words = [line.decode("utf-8").split()[0] for line in fh if line.strip()]
    assert len(words) > 300_000
    assert [w for w in words if not is_word(w)] == []
    assert set(dictionary_tags()) <= set(words)
    assert is_word("市场") and not is_word("市场经")  # a prefix of a word is not one


def test_the_dictionary_file_is_the_one_jieba_reads():
    import jieba

    from policykg.extract.tokenizer import dictionary_file

    with jieba.get_dict_file() as fh:
        assert Path(fh.name).resolve() == dictionary_file().resolve()


def test_a_build_reads_jiebas_dictionary_without_importing_jieba(tmp_path):
    """jieba-rs cuts the words and the tags come from jieba's file; importing jieba itself
    (with ``pkg_resources``) would only add about 0.1 s to every build process."""
    store = tmp_path / "kg"
    code = (
        "import sys\nfrom policykg import cli\n"
        "try:\n"
        f"    cli.main(['build', {str(CORPUS / 'plan-2018-blue-sky-excerpt.txt')!r}, "
        f"'--store', {str(store)!r}, '--jobs', '1'])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('JIEBA', sorted(m for m in sys.modules if m.split('.')[0] == 'jieba'), "
        "file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "mentions:" in out.stdout  # the build ran its components, which read the tags
    assert "JIEBA []" in out.stderr
