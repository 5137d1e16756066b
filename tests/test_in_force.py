"""When documents were in force (graph/validity.py): --in-force on docs and measures, the API,
and questions that ask for it, on the bundled laws, plan and 42 local regulations."""

from __future__ import annotations

import json
from datetime import date

import pytest

from policykg.graph.validity import in_force, period, spans
from tests.governed import doc_ids, documents, governed_store, items, run
from tests.test_ask import _ask, _read

__all__ = ["governed_store"]

WATER = "中华人民共和国水污染防治法"  # passed 1984; the text is as amended in 2017
SOIL = "中华人民共和国土壤污染防治法"  # passed 2018-08-31, in force from 2019-01-01
FITNESS = "北京市全民健身条例"  # repeals an earlier act of the same title
ZHENGZHOU = "郑州市社会急救医疗条例"  # took effect 2014-01-01, amended in 2018


def _in_force(store, when) -> dict[str, str]:
    result = run("docs", "--store", store, "--format", "json", "--in-force", when)
    assert result.exit_code == 0, result.output
    return {d["title"]: d["in_force"] for d in json.loads(result.stdout)}


def test_an_amended_act_was_in_force_before_the_text_as_revised(governed_store):
    held = _in_force(governed_store, "2000")
    # the water law's text says it took effect 2008-06-01 (its revision); it was in force
    # since the 1980s, and the answer says the first day it took effect is not in the text
    assert held[WATER].startswith("in force from 1984-05-11 (passed;")
    assert "this text as revised took effect 2008-06-01" in held[WATER]
    assert SOIL not in held and ZHENGZHOU not in held


def test_an_act_is_in_force_from_the_day_it_took_effect_not_the_day_it_was_passed(governed_store):
    assert SOIL not in _in_force(governed_store, "2018-12-31")
    assert _in_force(governed_store, "2019-01-01")[SOIL] == "in force from 2019-01-01 (took effect)"
    # a later amendment does not move the first entry into force
    assert _in_force(governed_store, "2014")[ZHENGZHOU] == "in force from 2014-01-01 (took effect)"


def test_an_act_that_repeals_one_of_its_own_title_stays_in_force(governed_store):
    assert FITNESS in _in_force(governed_store, "today")


def test_a_repeal_by_another_document_ends_what_it_repeals(governed_store):
    """The real 2017 Beijing fitness regulation repeals the earlier act of its title: with that
    earlier act beside it (its entry made from the real one), the earlier act ends the day the
    new one took effect, and it was in force until then."""
    new = next(d for d in documents(governed_store) if d["title"] == FITNESS)
    assert new["repeals"] == [FITNESS] and new["effective"] == "2017-03-01"
    old = {**new, "id": "older", "repeals": [], "effective": None, "date": "2001-08-03"}
    old["history"] = []
    listing = [new, old]
    s = spans(listing)["older"]
    assert (s.start, s.end) == ("2001-08-03", "2017-03-01")
    assert s.end_why == f"repealed by 《{FITNESS}》"
    assert spans(listing)[new["id"]].end is None  # none repeals itself
    assert set(in_force(listing, "2016")) == {"older"}
    assert set(in_force(listing, "2017")) == {"older", new["id"]}  # both, within the year
    assert set(in_force(listing, "2017-03-01")) == {new["id"]}
    assert in_force(listing, "2018")[new["id"]] == ["in force from 2017-03-01 (took effect)"]


def test_measures_of_documents_in_force_say_so(governed_store):
    rows = items(governed_store, "--in-force", "2010", "--pollutant", "镉")
    titles = {v: k for k, v in doc_ids(governed_store).items()}
    assert rows and {titles[r["source"]["document"]] for r in rows} == {WATER}
    assert all(r["matched"]["in force"][0].startswith("in force from 1984") for r in rows)
    later = {
        titles[r["source"]["document"]]
        for r in items(governed_store, "--in-force", "2019", "--pollutant", "镉")
    }
    assert {WATER, SOIL} <= later


def test_the_python_api_takes_a_date(governed_store):
    import policykg

    kg = policykg.open(governed_store)
    on_day = {d.title for d in kg.documents(in_force=date(2019, 1, 1))}
    assert SOIL in on_day and SOIL not in {d.title for d in kg.documents(in_force=2018)}
    assert next(d for d in kg.documents(in_force="2019-01-01") if d.title == SOIL).in_force


def test_a_date_that_is_no_date_is_a_one_line_error(governed_store):
    result = run("docs", "--store", governed_store, "--in-force", "20x10")
    assert result.exit_code != 0
    assert "give a year (2010), an ISO date (2010-06-30) or today" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(Exception, match="give a year"):
        period("2010-13-01")


@pytest.mark.parametrize(
    "question, when",
    [
        ("which rules were in force in 2010", "2010"),
        ("哪些法规在2010年有效", "2010"),
        ("2012年6月仍然有效的条例", "2012-06-01"),
        ("laws in force on 2015-06-01 about cadmium", "2015-06-01"),
        ("现行有效的条例对罚款怎么说", "today"),
        ("2010年13月有效的条例", "2010"),  # no such month: the year is what is left
        ("regulations currently in force that mention fines", "today"),
        ("which documents are in force in Shandong", "today"),  # a place, not a time, after it
        ("哪些正在施行的条例规定了罚款", "today"),
    ],
)
def test_a_question_about_what_was_in_force_reads_the_time(governed_store, question, when):
    reading = _read(governed_store, question)
    assert reading.filters.in_force == when
    # the time is not left over as a word to find in the text, nor read as a deadline
    assert not reading.filters.before and not reading.filters.after
    assert not any("2010" in w or "有效" in w for w in reading.filters.text or ())


def test_in_force_before_a_year_is_when_documents_took_effect_not_today(governed_store):
    reading = _read(governed_store, "regulations in force before 2015")
    assert reading.filters.in_force is None and reading.filters.effective_before == "2015"


def test_an_answer_in_force_holds_the_same_units_as_the_filter(governed_store):
    answer = _ask(governed_store, "laws in force on 2015-06-01 about cadmium")
    want = items(governed_store, "--in-force", "2015-06-01", "--pollutant", "镉", "--genre", "law")
    assert [u["id"] for u in answer] == [u["id"] for u in want]
    assert want
