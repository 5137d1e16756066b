"""Documents by the bodies that issued them: ``docs --issuer``, ``measures --issuer``, and the
questions that ask about an issuer (国务院印发的文件, issued by the State Council)."""

from __future__ import annotations

import json

import pytest

from tests.governed import documents, governed_store, items, run
from tests.test_ask import _ask, _read

__all__ = ["governed_store"]


def _issued(store, *args) -> list[dict]:
    result = run("docs", "--store", store, "--format", "json", "--issuer", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ids(rows) -> set[str]:
    return {d["id"] for d in rows}


def _with_issuer(store, test) -> set[str]:
    return {d["id"] for d in documents(store) if any(test(n) for n in d["issuers"])}


@pytest.mark.parametrize("name", ["国务院", "State Council", "actor/state-council"])
def test_the_state_councils_documents_by_any_of_its_names(governed_store, name):
    assert {d["title"] for d in _issued(governed_store, name)} == {
        "国务院关于印发打赢蓝天保卫战三年行动计划的通知",
        "“十三五”生态环境保护规划",
    }


def test_a_body_named_short_is_found_under_its_full_name(governed_store):
    # 人大常委会 is the vocabulary's short form of 人民代表大会常务委员会, after any place
    shandong = _issued(governed_store, "山东省人大常委会")
    assert _ids(shandong) == _with_issuer(
        governed_store, lambda n: n == "山东省人民代表大会常务委员会"
    )
    assert len(shandong) >= 5  # its own regulations and the city regulations it approved
    assert _ids(_issued(governed_store, "全国人大常委会")) == {
        "law-air-pollution-2018",
        "law-soil-pollution-2018",
        "law-water-pollution-2017",
    }


def test_a_kind_of_body_without_a_place_takes_every_body_of_the_kind(governed_store):
    committees = _issued(governed_store, "人大常委会")
    assert _ids(committees) == _with_issuer(
        governed_store, lambda n: n.endswith("人民代表大会常务委员会")
    )
    assert {"law-air-pollution-2018", "regulation-shandong-soil-2019"} <= _ids(committees)
    assert "plan-2016-eco-env-protection" not in _ids(committees)


def test_a_congress_is_not_its_standing_committee(governed_store):
    congress = _issued(governed_store, "重庆市人民代表大会")
    assert _ids(congress) == _with_issuer(governed_store, lambda n: n == "重庆市人民代表大会")
    assert congress and all("重庆市人民代表大会" in d["issuers"] for d in congress)


def test_an_issuer_no_document_has_is_a_one_line_error(governed_store):
    result = run("docs", "--store", governed_store, "--issuer", "火星人民政府")
    assert result.exit_code != 0
    assert "no issuer matches '火星人民政府'" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_measures_of_an_issuer_say_who_issued_them(governed_store):
    rows = items(governed_store, "--issuer", "国务院", "--pollutant", "镉")
    assert rows and all(r["matched"]["issuer"] == ["国务院"] for r in rows)
    plans = {"plan-2016-eco-env-protection", "plan-2018-blue-sky-excerpt"}
    assert {r["source"]["document"] for r in rows} <= plans
    everyone = items(governed_store, "--pollutant", "镉")
    assert len(everyone) > len(rows)  # the laws name cadmium too


def test_the_python_api_filters_documents_by_issuer(governed_store):
    import policykg

    kg = policykg.open(governed_store)
    assert [d.id for d in kg.documents(issuer="生态环境部")] == ["guideline-ftz-eco-2021"]
    assert len(kg.measures(issuer="人大常委会", text="罚款")) == len(
        items(governed_store, "--issuer", "人大常委会", "--text", "罚款")
    )


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("which documents were issued by the State Council", ["--issuer", "国务院"]),
        ("国务院印发的文件中关于镉的措施", ["--issuer", "国务院", "--pollutant", "镉"]),
        ("which measures did the State Council issue on cadmium",
         ["--issuer", "国务院", "--pollutant", "镉"]),
    ],
)  # fmt: skip
def test_a_question_about_who_issued_reads_the_issuer(governed_store, question, args):
    reading = _read(governed_store, question)
    assert reading.filters.issuer == "actor/state-council" and reading.filters.actor is None
    assert not reading.unknown
    want = items(governed_store, *args)
    assert [r["id"] for r in _ask(governed_store, question)] == [r["id"] for r in want]


def test_a_body_that_is_responsible_for_publishing_stays_a_body_of_the_text(governed_store):
    reading = _read(governed_store, "生态环境部门负责发布哪些信息")
    assert reading.filters.issuer is None and reading.filters.role == "responsible"
    assert reading.filters.actor == "actor/ecology-environment-authorities"


def test_a_genre_word_before_a_particle_is_the_genre_and_the_rest_a_text_word(governed_store):
    reading = _read(governed_store, "人大常委会颁布的条例对罚款有哪些规定")
    assert reading.filters.genre == "regulation" and reading.filters.text == ("罚款",)
    assert reading.filters.issuer == "actor/peoples-congress-standing-committee"
    # 规划许可 is a word of its own: no plan is asked for
    planning = _read(governed_store, "哪些条款涉及规划许可")
    assert planning.filters.genre is None and planning.filters.text == ("规划许可",)


def test_measures_of_documents_dated_in_a_range(governed_store):
    dates = {d["id"]: d["date"] for d in documents(governed_store)}
    rows = items(governed_store, "--dated-after", "2020", "--text", "罚款")
    assert rows and all(dates[r["source"]["document"]] >= "2020-01-01" for r in rows)
    assert all(r["matched"]["dated"] == [dates[r["source"]["document"]]] for r in rows)
    older = items(governed_store, "--dated-before", "2019", "--text", "罚款")
    assert older and all(dates[r["source"]["document"]] <= "2019-12-31" for r in older)
    assert len(rows) + len(older) == len(items(governed_store, "--text", "罚款"))


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("2015年以后的条例中关于罚款的规定",
         ["--dated-after", "2015", "--genre", "regulation", "--text", "罚款"]),
        # passed: an act of the history, which the year dates (not the last act's date)
        ("which regulations passed after 2020 mention fines",
         ["--dated-after", "2020", "--act", "passed", "--genre", "regulation", "--text", "罚款"]),
        ("laws issued before 2018 on cadmium",
         ["--dated-before", "2018", "--genre", "law", "--pollutant", "镉"]),
        ("国务院2017年以后印发的文件", ["--dated-after", "2017", "--issuer", "国务院"]),
    ],
)  # fmt: skip
def test_a_year_of_documents_dates_them_not_their_deadlines(governed_store, question, args):
    reading = _read(governed_store, question)
    assert reading.filters.before is None and reading.filters.after is None
    assert not reading.unknown
    want = items(governed_store, *args)
    assert want and [r["id"] for r in _ask(governed_store, question)] == [r["id"] for r in want]


@pytest.mark.parametrize(
    "question", ["which measures target cadmium before 2018", "2018年前针对镉的措施有哪些"]
)
def test_a_year_before_measures_is_still_their_deadline(governed_store, question):
    reading = _read(governed_store, question)
    assert reading.filters.before == "2018" and reading.filters.dated_before is None


def test_measures_of_documents_that_took_effect_in_a_range(governed_store):
    effective = {d["id"]: d["effective"] for d in documents(governed_store)}
    rows = items(governed_store, "--effective-after", "2021", "--text", "罚款")
    assert rows and all(effective[r["source"]["document"]] >= "2021-01-01" for r in rows)
    assert all(r["matched"]["effective"] == [effective[r["source"]["document"]]] for r in rows)
    # the date a document was passed (or last amended) is not when it took effect: an
    # amended regulation is dated 2022 and in force since 2004
    dates = {d["id"]: d["date"] for d in documents(governed_store)}
    assert any(dates[d] >= "2021" > effective[d] for d in dates if effective[d])
    passed = {r["source"]["document"] for r in items(governed_store, "--dated-after", "2021")}
    in_force = {r["source"]["document"] for r in items(governed_store, "--effective-after", "2021")}
    assert passed != in_force


@pytest.mark.parametrize(
    "question", ["哪些条例在2020年以后施行", "which regulations took effect after 2020"]
)
def test_a_year_things_took_effect_dates_their_entry_into_force(governed_store, question):
    reading = _read(governed_store, question)
    assert (reading.filters.effective_after, reading.filters.dated_after) == ("2020", None)
    assert reading.filters.after is None and not reading.filters.text and not reading.unknown
    want = items(governed_store, "--effective-after", "2020", "--genre", "regulation")
    assert want and [r["id"] for r in _ask(governed_store, question)] == [r["id"] for r in want]


def test_docs_that_took_effect_in_a_range(governed_store):
    result = run("docs", "--store", governed_store, "--format", "json", "--effective-after", "2023")
    assert result.exit_code == 0, result.output
    in_force = json.loads(result.stdout)
    assert in_force and all(d["effective"] >= "2023-01-01" for d in in_force)
    # passed in 2022, in force in 2023: not among the documents dated from 2023
    late = [d for d in in_force if d["date"] < "2023"]
    dated = run("docs", "--store", governed_store, "--format", "json", "--after", "2023")
    assert late and not _ids(late) & _ids(json.loads(dated.stdout))
    import policykg

    kg = policykg.open(governed_store)
    assert [d.id for d in kg.documents(effective_after=2023)] == [d["id"] for d in in_force]


def test_matrix_rows_of_issuers_count_what_each_body_issued(governed_store):
    result = run(
        "matrix", "--store", governed_store, "--rows", "issuer", "--cols", "pollutant",
        "--col", "镉", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    m = json.loads(result.stdout)
    cells = {c["row"]: c["units"] for c in m["cells"]}
    for body in ("国务院", "全国人民代表大会常务委员会"):
        want = items(governed_store, "--issuer", body, "--pollutant", "镉", "--exact")
        assert cells[f"issuer/{body}"] == len(want) > 0


def test_a_known_issuer_with_no_document_in_the_dates_is_an_empty_answer(governed_store):
    assert _issued(governed_store, "国务院", "--after", "2099") == []
    assert items(governed_store, "--issuer", "国务院", "--dated-after", "2099") == []


@pytest.mark.parametrize(
    "question",
    [
        "which documents were issued by the Standing Committee of the Shandong People's Congress",
        "documents issued by the Shandong Provincial People's Congress Standing Committee",
        "which regulations did the Shandong People's Congress Standing Committee adopt",
        "山东省人大常委会发布了哪些文件",
    ],
)
def test_an_english_issuer_with_its_place_inside_its_name(governed_store, question):
    """English puts the place inside the body's name (the Standing Committee of the Shandong
    People's Congress) or before it with a level word (Provincial): the place is read as the
    place and the rest as the body, as 山东省 + 人大常委会 is in Chinese."""
    reading = _read(governed_store, question)
    assert reading.filters.issuer == "actor/peoples-congress-standing-committee"
    assert reading.filters.region == "region/370000" and not reading.unknown
    rows = _ask(governed_store, question)
    shandong = {d["id"] for d in _issued(governed_store, "山东省人大常委会")}
    assert rows and {r["source"]["document"] for r in rows} <= shandong


def test_the_npc_and_its_standing_committee_by_their_english_abbreviations(governed_store):
    reading = _read(governed_store, "laws issued by the NPC Standing Committee")
    assert reading.filters.issuer == "actor/npc-standing-committee"
    assert reading.filters.genre == "law" and not reading.unknown
    assert _read(governed_store, "NPCSC").filters.actor == "actor/npc-standing-committee"
    npc = _read(governed_store, "what does the NPC do").filters
    assert npc.actor == "actor/national-peoples-congress"


def test_a_question_about_a_body_that_issued_nothing_here_is_answered_with_no_unit(
    governed_store,
):
    """The laws here were passed by the NPC Standing Committee, none by the NPC itself: the
    question is understood and has no answer, which is no error (``--issuer`` alone is one)."""
    assert _ask(governed_store, "which laws did the NPC pass on cadmium") == []
    result = run("ask", "which laws did the NPC pass on cadmium", "--store", governed_store)
    assert result.exit_code == 0, result.output
    assert "no document here was issued by that body" in result.output
    assert "issuer 全国人民代表大会: 0 unit(s)" in result.output
    failed = run("measures", "--store", governed_store, "--issuer", "全国人民代表大会")
    assert failed.exit_code != 0 and "no issuer matches" in failed.output


def test_a_base_form_verb_before_a_year_dates_the_documents_and_names_the_issuer(governed_store):
    question = (
        "which regulations did the Beijing People's Congress Standing Committee adopt after 2020"
    )
    reading = _read(governed_store, question)
    assert reading.filters.dated_after == "2020" and reading.filters.after is None
    assert reading.filters.issuer == "actor/peoples-congress-standing-committee"
    assert reading.filters.region == "region/110000" and reading.filters.genre == "regulation"
    assert not reading.unknown
    dates = {d["id"]: d["date"] for d in documents(governed_store)}
    rows = _ask(governed_store, question)
    assert rows and all(dates[r["source"]["document"]] >= "2020" for r in rows)


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("郑州市人大常委会通过的条例", "region/410100"),
        ("山东省人大常委会批准的条例", "region/370000"),
    ],
)
def test_passed_or_approved_by_a_body_reads_the_issuer(governed_store, question, region):
    # 通过的, 批准的 after a body are the act that issued the documents, as 发布 is
    reading = _read(governed_store, question)
    assert reading.filters.issuer == "actor/peoples-congress-standing-committee"
    assert reading.filters.region == region and not reading.filters.text
    assert reading.filters.actor is None and _ask(governed_store, question)


def test_passed_by_means_of_is_no_issuing_verb(governed_store):
    # 通过 not before 的: "by means of" (通过罚款), no issuer is asked for
    assert _read(governed_store, "生态环境主管部门通过罚款处罚哪些行为").filters.issuer is None


def test_a_body_that_passed_them_closing_the_question_is_the_issuer(governed_store):
    # 由…通过 at the end of the question is the act that issued the documents, as 通过的 is
    reading = _read(governed_store, "哪些条例由郑州市人大常委会通过？")
    assert reading.filters.issuer == "actor/peoples-congress-standing-committee"
    assert reading.filters.region == "region/410100" and not reading.filters.text


@pytest.mark.parametrize(("level", "other"), [("省", "市"), ("市", "省")])
def test_a_body_after_a_bare_level_word_is_every_issuer_of_that_level(governed_store, level, other):
    """省人大常委会 is any province's standing committee (山东省…, 浙江省…), not a body named
    省人大常委会 that no document has, and not a city's."""
    listing = documents(governed_store)
    issuers = {d["id"]: d["issuers"] for d in listing}
    committee = "人民代表大会常务委员会"
    wanted = {
        d for d, names in issuers.items() if any(n.endswith(level + committee) for n in names)
    }
    assert len(wanted) >= 5
    assert _ids(_issued(governed_store, f"{level}人大常委会")) == wanted
    reading = _read(governed_store, f"哪些法规由{level}人大常委会通过")
    assert reading.filters.issuer == f"{level}人大常委会" and not reading.filters.text
    asked = _ask(governed_store, f"哪些法规由{level}人大常委会通过")
    with_text = {d["id"] for d in listing if d["units"]}  # a file of its header alone has none
    assert {r["source"]["document"] for r in asked} == wanted & with_text
    only_other = {
        d for d, names in issuers.items() if all(n.endswith(other + committee) for n in names)
    }
    assert only_other and not only_other & wanted


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("which documents were issued by the State Council", "documents"),
        ("国务院印发的文件", "documents"),
        ("哪些法规由省人大常委会通过", "documents"),
        ("2015年以后发布的条例有哪些", "documents"),
        ("哪些条例规定了罚款", "documents"),  # the regulations, each with its articles counted
        ("哪些条款规定了罚款", "measures"),  # the articles answer
        ("which measures did the State Council issue", "measures"),
        ("国务院印发的文件中哪些措施针对镉", "measures"),
    ],
)
def test_a_question_for_documents_is_answered_one_row_a_document(governed_store, question, wants):
    """Asking which documents (a document word, no unit word, filters on documents only)
    lists the documents, each with how many of its units answer; the units stay the items."""
    import policykg

    answer = policykg.open(governed_store).ask(question)
    assert answer.wants == wants
    counted = answer.documents()
    assert sum(n for _, n in counted) == len(answer.items)
    assert len({d for d, _ in counted}) == len(counted)
    result = run("ask", question, "--store", governed_store)
    assert result.exit_code == 0, result.output
    if wants == "documents":
        titles = {d["id"]: d["title"] for d in documents(governed_store)}
        assert f"{len(counted)} document(s), {len(answer.items)} unit(s)" in result.output
        first = titles[counted[0][0]]
        assert first[:8] in result.output.replace("│", "").replace(" ", "")
    else:
        assert (
            f"{len(answer.items)} unit(s)" in result.output and "document(s)" not in result.output
        )
