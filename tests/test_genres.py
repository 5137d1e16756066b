"""Every document of the bundled corpus in one graph: laws, a regulation, a guideline, plans."""

from __future__ import annotations

from collections import Counter

import pytest

import policykg
from tests.conftest import CORPUS


def _items(kg, **filters):
    return [i.model_dump() for i in kg.measures(**filters)]


def _docs(kg):
    return {d.id: d for d in kg.documents()}


@pytest.mark.parametrize(
    ("doc", "articles"),
    [
        ("law-air-pollution-2018", 129),
        ("law-water-pollution-2017", 103),
        ("law-soil-pollution-2018", 99),
        ("regulation-shandong-soil-2019", 78),
    ],
)
def test_laws_have_every_article_numbered_in_order(corpus_kg, doc, articles):
    items = _items(corpus_kg, doc=doc, kind="article")
    assert [i["number"] for i in items] == list(range(1, articles + 1))
    assert items[0]["parents"][0]["type"] == "chapter"
    assert items[0]["parents"][0]["number"] == 1


def test_law_articles_keep_their_enumerations_inside(corpus_kg):
    items = _items(corpus_kg, doc="law-air-pollution-2018", kind="article")
    # 第九十九条 lists its cases as （一）（二）…: they stay in the article
    art = next(i for i in items if i["number"] == 99)
    assert "（一）" in art["text"] and "（二）" in art["text"]


def test_guideline_has_seven_parts_and_twenty_five_titled_measures(corpus_kg):
    items = _items(corpus_kg, doc="guideline-ftz-eco-2021", kind="measure")
    assert [i["number"] for i in items] == list(range(1, 26))
    assert all(i["title"] for i in items)
    parts = {p["number"] for i in items for p in i["parents"] if p["type"] == "part"}
    assert parts == set(range(1, 8))
    assert items[20]["title"] == "对标国际环境与贸易规则及实践"


def test_guideline_metadata_comes_from_its_text(corpus_kg):
    doc = _docs(corpus_kg)["guideline-ftz-eco-2021"]
    assert doc.number == "环综合〔2021〕44号"
    assert doc.date == "2021-05-17"
    assert doc.genre == "guideline"
    assert len(doc.issuers) == 8
    # in the order of the signature: the first issuer leads the joint document
    assert doc.issuers[0] == "生态环境部"
    assert doc.issuers[-1] == "国家林业和草原局"


def test_laws_carry_genre_and_latest_amendment_date(corpus_kg):
    docs = _docs(corpus_kg)
    assert docs["law-air-pollution-2018"].genre == "law"
    assert docs["law-air-pollution-2018"].date == "2018-10-26"
    assert docs["regulation-shandong-soil-2019"].genre == "regulation"


def test_blue_sky_targets_have_their_2015_baselines(corpus_kg):
    items = corpus_kg.measures(doc="plan-2018-blue-sky-excerpt")
    targets = [t for i in items for t in i.targets]
    with_baseline = [t for t in targets if t.baseline == 2015]
    assert len(with_baseline) >= 3
    assert {t.value for t in with_baseline} >= {15, 18, 25}
    assert all(t.year == 2020 for t in with_baseline)


def test_one_iri_per_pollutant_across_documents(corpus_kg):
    rows = corpus_kg.pollutants()
    so2 = next(r for r in rows if r["label"] == "二氧化硫")
    assert so2["units"] >= 2  # named in the air law and the blue-sky plan, one concept
    assert Counter(r["id"] for r in rows).most_common(1)[0][1] == 1


def test_compare_says_what_two_documents_share(corpus_kg):
    out = corpus_kg.compare("law-air-pollution-2018", "plan-2018-blue-sky-excerpt")
    assert "二氧化硫" in out.pollutants.shared
    assert "二氧化硫" not in out.pollutants.only_a


def test_rebuilding_unchanged_documents_skips_them_and_keeps_the_same_quads(corpus_store):
    kg = policykg.open(corpus_store)
    before = b"".join(kg.export("nq"))
    again = policykg.build([CORPUS], corpus_store)
    assert not again.built and not again.failures
    # the 7 texts and the 42 Markdown regulations of corpus/local-regulations
    assert len(again.unchanged) == again.files == 49
    assert b"".join(kg.export("nq")) == before


def test_the_signature_block_is_metadata_not_a_text_unit(corpus_kg):
    items = _items(corpus_kg, doc="guideline-ftz-eco-2021")
    assert items[-1]["title"] == "做好宣传推广"
    assert not any(i["text"].startswith("2021年5月17日") for i in items)


def test_issuers_are_the_same_nodes_as_the_bodies_named_in_texts(corpus_kg):
    query = (
        "SELECT ?a WHERE { ?d eli:id_local ?id ; eli:passed_by ?a . "
        "?a skos:prefLabel '生态环境部'@zh }"
    )
    rows = corpus_kg.sparql(query, id="guideline-ftz-eco-2021")
    assert rows == [{"a": "https://w3id.org/policykg/id/actor/ministry-of-ecology-and-environment"}]


def test_every_document_of_the_bundled_corpus_states_what_it_governs(corpus_kg):
    docs = _docs(corpus_kg)
    codes = {doc_id: d.jurisdiction.code if d.jurisdiction else None for doc_id, d in docs.items()}
    texts = {doc_id: code for doc_id, code in codes.items() if docs[doc_id].format == "txt"}
    # the 42 Markdown regulations are local (tests/test_local_metadata.py checks each)
    local = [code for doc_id, code in codes.items() if doc_id not in texts]
    assert len(local) == 42 and all(code and code != "100000" for code in local)
    # laws, the State Council's plans and the ministries' guideline are national
    assert texts == {
        "guideline-ftz-eco-2021": "100000",
        "law-air-pollution-2018": "100000",
        "law-soil-pollution-2018": "100000",
        "law-water-pollution-2017": "100000",
        "plan-2016-eco-env-protection": "100000",
        "plan-2018-blue-sky-excerpt": "100000",
        "regulation-shandong-soil-2019": "370000",
    }
    shandong = docs["regulation-shandong-soil-2019"]
    assert shandong.issuers == ["山东省人民代表大会常务委员会"]
    assert shandong.effective == "2020-01-01"
    assert [e.event for e in docs["law-air-pollution-2018"].history] == [
        "passed", "amended", "revised", "revised", "amended",
    ]  # fmt: skip


PLANS = {"plan-2016-eco-env-protection", "plan-2018-blue-sky-excerpt"}
LAWS = {"law-air-pollution-2018", "law-soil-pollution-2018", "law-water-pollution-2017"}


def test_the_blue_sky_notice_has_the_genre_of_the_action_plan_it_promulgates(corpus_kg):
    docs = _docs(corpus_kg)
    assert docs["plan-2018-blue-sky-excerpt"].genre == "action-plan"
    assert {d.id for d in corpus_kg.documents(genre="plan")} == PLANS  # plans of any kind
    assert {d.id for d in corpus_kg.documents(genre="规划")} == PLANS
    assert {d.id for d in corpus_kg.documents(genre="action-plan")} == {
        "plan-2018-blue-sky-excerpt"
    }


def test_a_genre_keeps_the_units_of_documents_of_that_kind(corpus_kg):
    every = _items(corpus_kg, pollutant="镉")
    for genre, docs in (("规划", PLANS), ("laws", LAWS), ("law", LAWS)):
        kept = _items(corpus_kg, genre=genre, pollutant="镉")
        assert kept, genre
        assert [i["id"] for i in kept] == [
            i["id"] for i in every if i["source"]["document"] in docs
        ]
        assert all(
            i["matched"]["genre"][0] == _docs(corpus_kg)[i["source"]["document"]].genre
            for i in kept
        )
    alone = _items(corpus_kg, genre="regulation")  # no other filter: every unit of those
    assert {i["source"]["document"] for i in alone} == {
        d.id for d in corpus_kg.documents() if d.genre == "regulation"
    }


def test_a_genre_that_is_none_is_a_one_line_error(corpus_store):
    from click.testing import CliRunner

    from policykg.cli import main
    from policykg.errors import LookupFailed

    with pytest.raises(LookupFailed):
        policykg.open(corpus_store).measures(genre="poems")
    result = CliRunner().invoke(
        main, ["measures", "--store", str(corpus_store), "--genre", "poems"]
    )
    assert result.exit_code != 0 and "no genre matches 'poems'" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_documents_filter_alone_says_why_each_unit_passed(corpus_kg):
    # --genre law with no filter on units: each unit still says what it matched, as with one
    rows = _items(corpus_kg, genre="law")
    assert rows and all(r["matched"] == {"genre": ["law"]} for r in rows)
