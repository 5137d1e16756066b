"""Full-text search: --text on every filter, the index written with the store, highlighting."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from policykg.graph.textindex import FILE, fold, hits, match_expression, terms
from tests.governed import HEZE, doc_ids, governed_store, items, run

__all__ = ["governed_store"]


def _everything(store):
    return items(store)


def _has(text, word):
    return fold(word)[0] in fold(text)[0]


def _containing(rows, *words):
    """The units that hold every word, in their text or in a heading above them."""

    def has(row, word):
        titles = [p["title"] for p in row["parents"] if p["title"]]
        return any(_has(t, word) for t in [row["text"], *titles])

    return [r["id"] for r in rows if all(has(r, w) for w in words)]


@pytest.mark.parametrize(
    "words",
    [
        ("罚款",),  # two characters: below what a trigram index can find
        ("农用地",),
        ("镉",),  # one character
        ("排污许可", "罚款"),  # several words: all of them
        ("PM2.5",),
    ],
)
def test_text_search_finds_exactly_the_units_that_contain_every_word(governed_store, words):
    everything = _everything(governed_store)
    found = items(governed_store, "--text", " ".join(words))
    assert [r["id"] for r in found] == _containing(everything, *words)
    assert found, words
    for r in found:  # each word in the text, or else in a heading, which the reason quotes
        for word, why in zip(words, r["matched"]["text"], strict=True):
            if _has(r["text"], word):
                assert why == f"contains {word}"
            else:
                heading = why.removeprefix("under the heading ")
                assert heading in [p["title"] for p in r["parents"]] and _has(heading, word)


def test_the_articles_under_a_heading_answer_its_words(governed_store):
    """第六章 法律责任: its articles answer 法律责任, though few of them say it."""
    found = items(governed_store, "--text", "法律责任")
    under = [r for r in found if "法律责任" not in r["text"]]
    assert len(under) > 10 * (len(found) - len(under))
    assert all(
        r["matched"]["text"] == ["under the heading 法律责任"]
        and any(p["title"] == "法律责任" for p in r["parents"])
        for r in under
    )


def test_text_search_folds_width_and_case_and_keeps_quoted_phrases(governed_store):
    assert terms('罚款 "排污 许可" “农用地”') == ("罚款", "排污 许可", "农用地")
    wide = items(governed_store, "--text", "ｐｍ２．５")
    assert [r["id"] for r in wide] == [r["id"] for r in items(governed_store, "--text", "PM2.5")]
    phrase = items(governed_store, "--text", '"排污 许可"')
    assert [r["id"] for r in phrase] == [
        r["id"] for r in items(governed_store, "--text", "排污许可")
    ]


def test_text_combines_with_the_other_filters(governed_store):
    fines = items(governed_store, "--text", "罚款")
    heze = items(governed_store, "--text", "罚款", "--region", "菏泽")
    ids = doc_ids(governed_store)
    assert heze and len(heze) < len(fines)
    assert {r["source"]["document"] for r in heze} == {ids[HEZE]}
    soil = items(governed_store, "--text", "罚款", "--pollutant", "镉")
    assert all("罚款" in r["text"] for r in soil)


def test_without_an_index_the_same_search_runs_as_sparql(governed_store):
    from policykg.graph import measures
    from policykg.graph.sparql import connect

    class WithoutIndex:  # the store's queries, not its text index (as a server)
        def __init__(self, inner):
            self.query = inner.query

    backend = WithoutIndex(connect(governed_store))
    for words in (("罚款",), ("镉",), ("排污许可", "罚款"), ("PM2.5",)):
        sparql = measures.items(backend, measures.Filters(text=words))
        indexed = items(governed_store, "--text", " ".join(words))
        assert [r["id"] for r in sparql] == [r["id"] for r in indexed]


def test_a_rebuild_keeps_the_index_in_step_and_a_store_without_one_gets_it(tmp_path):
    from tests.conftest import CORPUS

    law = CORPUS / "law-soil-pollution-2018.txt"
    store = tmp_path / "kg"
    assert run("build", law, "--store", store).exit_code == 0
    before = [r["id"] for r in items(store, "--text", "农用地")]
    assert before
    (store / "current" / FILE).unlink()  # as a store built before the index existed
    assert [r["id"] for r in items(store, "--text", "农用地")] == before  # through SPARQL
    assert run("build", law, "--store", store).exit_code == 0  # unchanged: skipped
    assert (store / "current" / FILE).is_file()
    assert run("build", law, "--store", store, "--force").exit_code == 0
    assert [r["id"] for r in items(store, "--text", "农用地")] == before
    index = sqlite3.connect(store / "current" / FILE)  # the replaced units left no tokens behind
    stale = "SELECT count(*) FROM grams WHERE grams MATCH ?"
    in_text = [r for r in items(store, "--text", "农用地") if "农用地" in r["text"]]
    assert index.execute(stale, (match_expression(["农用地"]),)).fetchone()[0] == len(in_text)


def test_the_index_keeps_the_headings_and_an_index_from_before_gets_them(tmp_path):
    from tests.conftest import CORPUS

    law = CORPUS / "law-soil-pollution-2018.txt"
    store = tmp_path / "kg"
    assert run("build", law, "--store", store).exit_code == 0
    index = store / "current" / FILE
    count = "SELECT count(*) FROM headings WHERE title = '法律责任'"
    assert sqlite3.connect(index).execute(count).fetchone()[0] == 1  # 第六章 法律责任
    under = [r["id"] for r in items(store, "--text", "法律责任")]
    assert len(under) > 10  # the chapter's articles, though few say 法律责任
    db = sqlite3.connect(index)  # as an index written before it kept headings
    db.execute("DROP TABLE headings")
    db.commit()
    db.close()
    assert [r["id"] for r in items(store, "--text", "法律责任")] == under  # from the graph
    assert run("build", law, "--store", store).exit_code == 0  # unchanged: skipped
    assert sqlite3.connect(store / "current" / FILE).execute(count).fetchone()[0] == 1
    assert [r["id"] for r in items(store, "--text", "法律责任")] == under


def test_hits_are_marked_in_the_table_and_in_show(governed_store):
    assert hits("处一万元罚款，并处罚 款", ["罚款"]) == [(4, 6), (9, 12)]
    table = run("measures", "--store", governed_store, "--text", "农用地", env={"FORCE_COLOR": "1"})
    assert "\x1b[1;7m农用地" in table.stdout
    unit = next(r["id"] for r in items(governed_store, "--text", "农用地") if "农用地" in r["text"])
    shown = run(
        "show", unit, "--store", governed_store, "--text", "农用地", env={"FORCE_COLOR": "1"}
    )
    plain = run("show", unit, "--store", governed_store)
    assert shown.exit_code == 0, shown.output
    assert "\x1b[1;7m农用地" in shown.stdout and "\x1b[1;7m" not in plain.stdout


def test_the_index_is_a_file_of_the_generation(governed_store):
    current = (governed_store / "current").resolve()
    assert (current / FILE).is_file()
    copy = governed_store.parent / "copy"
    shutil.copytree(governed_store, copy, symlinks=True)
    assert items(copy, "--text", "罚款") == items(governed_store, "--text", "罚款")


def test_an_sqlite_without_what_the_index_needs_is_one_line_and_keeps_the_store(
    tmp_path, monkeypatch
):
    from policykg.graph import textindex
    from tests.conftest import CORPUS

    law = CORPUS / "law-soil-pollution-2018.txt"
    store = tmp_path / "kg"
    assert run("build", law, "--store", store).exit_code == 0
    before = [r["id"] for r in items(store, "--text", "农用地")]
    # as on a Python whose SQLite was built without JSON (or FTS5)
    monkeypatch.setattr(textindex, "_NEEDS", "SELECT no_such_function()")
    result = run("build", law, "--store", store, "--force")
    assert result.exit_code != 0
    message = result.output.strip()
    assert "needs SQLite with FTS5 and JSON" in message and "\n" not in message
    assert "Traceback" not in message
    assert [r["id"] for r in items(store, "--text", "农用地")] == before  # nothing lost
