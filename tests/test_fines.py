"""Fines with their amounts (二万元以上二十万元以下的罚款): read from the penalty articles of the
bundled laws and local regulations, stored as pkg:Fine nodes, filtered by the sum they can reach
(``--fine-at-least``) and asked for in Chinese and English."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.extract.fines import find_fines
from policykg.graph.wording import fine_amount
from tests.conftest import CORPUS

LOCAL = CORPUS / "local-regulations"


def _article(path, number: str) -> str:
    """The article 第{number}条 of a bundled file, up to the next line that opens an article,
    on one line."""
    text = path.read_text(encoding="utf-8")
    m = re.search(rf"(?m)^\s*第{number}条.*?(?=^\s*第[一二三四五六七八九十百零]+条|\Z)", text, re.S)
    assert m, number
    return "".join(m.group(0).split())


def _local(stem: str):
    (path,) = LOCAL.glob(f"{stem}*.md")
    return path


def _facts(text: str) -> list[tuple[str, dict]]:
    return [(text[f.start : f.end], f.attrs()) for f in find_fines(text)]


AIR = CORPUS / "law-air-pollution-2018.txt"


def test_a_range_in_yuan_has_both_bounds():
    article = _article(AIR, "九十九")
    assert _facts(article) == [
        ("十万元以上一百万元以下的罚款", {"label": "罚款", "minimum": 1e5, "maximum": 1e6})
    ]


def test_a_multiple_names_its_base_and_states_no_sum():
    article = _article(AIR, "一百零三")
    assert _facts(article) == [
        (
            "货值金额一倍以上三倍以下的罚款",
            {"label": "罚款", "multiple_min": 1.0, "multiple_max": 3.0, "of": "货值金额"},
        )
    ]


def test_a_fine_without_an_amount_is_no_mention_and_a_share_names_whom_it_fines():
    """第一百二十二条: 依照本条第二款的规定处以罚款 states no amount (the instrument records
    it); the same sentence then fines the managers in charge up to half their income."""
    article = _article(AIR, "一百二十二")
    ((text, first), *rest) = _facts(article)
    assert text == "上一年度从本企业事业单位取得收入百分之五十以下的罚款"
    assert first == {
        "label": "罚款",
        "multiple_max": 0.5,
        "of": "上一年度从本企业事业单位取得收入",
        "party": "直接负责的主管人员和其他直接责任人员",
    }
    assert "处以罚款" in article[: article.index(text)]
    # the second paragraph's fines are shares of the loss the accident caused
    assert rest and all(f.get("of", "").endswith("直接损失") for _, f in rest)


def test_each_party_of_a_clause_gets_its_own_fine():
    """石柱 第三十四条 fines individuals and units at different rates, twice."""
    article = _article(_local("石柱土家族自治县"), "三十四")
    assert [(f.get("party"), f["minimum"], f["maximum"]) for _, f in _facts(article)] == [
        ("个人", 50, 200),
        ("单位", 200, 2000),
        ("个人", 50, 500),
        ("单位", 500, 2000),
    ]


def test_a_sum_counted_per_square_metre():
    text = "".join(_local("深圳经济特区绿色建筑条例").read_text(encoding="utf-8").split())
    at = text.index("每平方米处二千元罚款")
    (fine,) = [f for t, f in _facts(text[at - 80 : at + 12]) if t == "二千元罚款"]
    assert (fine["minimum"], fine["maximum"], fine["per"]) == (2000, 2000, "平方米")


def test_a_range_of_multiples_written_with_dao():
    """上海 第四十五条: 该优秀历史建筑重置价一到三倍的罚款 (the base does not swallow 一到)."""
    article = _article(_local("上海市历史文化风貌区"), "四十五")
    facts = [f for _, f in _facts(article)]
    assert [(f["of"], f["multiple_min"], f["multiple_max"]) for f in facts] == [
        ("该优秀历史建筑重置价", 1, 3),
        ("该优秀历史建筑重置价", 3, 5),
    ]


def test_a_share_in_thousandths():
    text = "".join(_local("重庆市招标投标条例").read_text(encoding="utf-8").split())
    facts = [f for t, f in _facts(text) if t.startswith("中标项目金额千分之五")]
    assert facts and facts[0]["multiple_min"] == 0.005 and facts[0]["multiple_max"] == 0.01


@pytest.mark.parametrize(
    ("text", "bounds"),
    [  # CONSTRUCTED wordings of the same rules: digits, full-width digits, 至, 罚款 first
        ("对个人处以1万元以上5万元以下罚款", (1e4, 5e4)),
        ("处１０万元以上１００万元以下的罚款", (1e5, 1e6)),
        ("处五千元至一万元的罚款", (5000, 1e4)),
        ("处罚款二百元", (200, 200)),
        ("罚款五千元以上", (5000, None)),
        ("可处以二万元以下的罚款", (None, 2e4)),
        ("处一万五千元罚款", (15000, 15000)),
        ("处人民币一万元以上十万元以下的罚款", (1e4, 1e5)),
        ("罚款额为人民币五千元", (5000, 5000)),
        ("处10,000元以上50,000元以下罚款", (1e4, 5e4)),  # a comma groups thousands
        ("罚款10,000元", (1e4, 1e4)),
    ],
)
def test_amounts_as_rules_write_them(text, bounds):
    ((_, fine),) = _facts(text)
    assert (fine.get("minimum"), fine.get("maximum")) == bounds


@pytest.mark.parametrize(
    ("text", "multiples"),
    [  # CONSTRUCTED: a range's first number written bare takes the second's mark
        ("处违法所得2至4%的罚款", (0.02, 0.04)),
        ("处项目投资额百分之一至百分之三的罚款", (0.01, 0.03)),
        ("处货值金额1-3倍罚款", (1, 3)),
        ("处违法所得三倍以下罚款", (None, 3)),
    ],
)
def test_multiples_as_rules_write_them(text, multiples):
    ((_, fine),) = _facts(text)
    assert (fine.get("multiple_min"), fine.get("multiple_max")) == multiples


def test_a_pronoun_names_no_party():
    # CONSTRUCTED: 对其 points back to the condition's party; 对其直接负责的… names one
    ((_, fine),) = _facts("逾期不改正的，对其处五千元以上二万元以下罚款")
    assert "party" not in fine
    ((_, fine),) = _facts("对其直接负责的主管人员处一万元罚款")
    assert fine["party"] == "其直接负责的主管人员"


def test_numbers_that_are_not_a_fines_amount():
    # CONSTRUCTED: a count of offences, a fine with no sum, a target's figure
    for text in ("一年内受到罚款处罚三次以上的", "依法处以罚款", "削减二氧化硫排放量一万吨"):
        assert find_fines(text) == []


# --- the graph, the filter, the questions (four real regulations, built by the CLI) -------------


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _items(store, *args):
    result = _run("measures", "--store", store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _read(store, question):
    from policykg.graph.ask import read_question
    from policykg.graph.sparql import connect

    return read_question(connect(store), question)


def _reach(fine: dict) -> float | None:
    """The most a fine in yuan can be (None: no cap, a floor only)."""
    return fine.get("maximum")


def test_units_carry_their_fines_and_the_filter_keeps_those_that_reach_the_sum(
    regulations_store,
):
    every = _items(regulations_store)
    fined = [i for i in every if i["fines"]]
    assert len(fined) >= 30
    air_99 = next(
        i
        for i in every
        if i["source"]["document"] == "law-air-pollution-2018" and i["number"] == 99
    )
    assert [(f["minimum"], f["maximum"]) for f in air_99["fines"]] == [(1e5, 1e6)]
    kept = _items(regulations_store, "--fine-at-least", "100万")
    assert air_99["id"] in {i["id"] for i in kept}
    import policykg  # a notebook gives the sum as a number

    api = policykg.open(regulations_store).measures(fine_at_least=1_000_000)
    assert [i.id for i in api] == [i["id"] for i in kept]
    for item in kept:  # each has a fine that can reach a million yuan, and says which
        assert any(
            (f.get("maximum") or 0) >= 1e6 or ("minimum" in f and "maximum" not in f)
            for f in item["fines"]
        )
        assert item["matched"]["fine"]
    reach = {i["id"] for i in fined if any((_reach(f) or 0) >= 1e6 for f in i["fines"])}
    assert reach <= {i["id"] for i in kept}
    lower = {i["id"] for i in _items(regulations_store, "--fine-at-least", "一万元")}
    assert {i["id"] for i in kept} < lower
    # a multiple of a base states no sum in yuan: 第一百零三条 is not compared
    air_103 = next(i for i in fined if i["number"] == 103 and "law-air" in i["source"]["document"])
    assert air_103["id"] not in lower


def test_a_sum_that_is_no_amount_is_a_one_line_error(regulations_store):
    result = _run("measures", "--store", regulations_store, "--fine-at-least", "lots")
    assert result.exit_code != 0
    assert "no amount matches 'lots'" in result.output and "Traceback" not in result.output


def test_the_fine_nodes_state_amounts_in_sparql(regulations_store):
    query = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
    SELECT ?party (MAX(?max) AS ?top) WHERE {
      ?unit pkg:hasFine ?fine . ?fine a pkg:Fine ; pkg:maximumAmount ?max ; pkg:party ?party .
    } GROUP BY ?party ORDER BY ?party"""
    result = _run("sparql", query, "--store", regulations_store, "--format", "json")
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    rows = {r["party"]["value"]: float(r["top"]["value"]) for r in bindings}
    assert rows["个人"] < rows["单位"]  # 石柱 fines units more than individuals


def test_a_document_with_fines_conforms_to_the_shapes(nlp):
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    from policykg.extract.pipeline import analyse_file
    from policykg.graph.rdf import document_quads
    from policykg.graph.vocabularies import ONTOLOGY_DIR

    doc = analyse_file(_local("石柱土家族自治县"), nlp)
    data = serialize((q.triple for q in document_quads(doc)), format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph().parse(data=data, format="nt")
    pkg = rdflib.Namespace("https://w3id.org/policykg/ontology#")
    fines = list(g.subjects(rdflib.RDF.type, pkg.Fine))
    assert len(fines) >= 10
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(g, shacl_graph=shapes)
    assert conforms, report
    g.remove((fines[0], pkg.minimumAmount, None))  # a fine with neither sum nor base
    g.remove((fines[0], pkg.maximumAmount, None))
    assert not pyshacl.validate(g, shacl_graph=shapes)[0]


@pytest.mark.parametrize(
    "question",
    [
        "罚款超过十万元的条款",
        "哪些条例的罚款在10万元以上",
        "十万元以上的罚款",
        "which regulations set fines above 100,000 yuan",
        "fines of more than 100k yuan",
    ],
)
def test_a_question_for_fines_above_a_sum(regulations_store, question):
    import policykg
    from policykg.graph.measures import amount

    reading = _read(regulations_store, question)
    assert amount(reading.filters.fine_at_least) == 1e5 and not reading.unknown
    answer = policykg.open(regulations_store).ask(question)
    wanted = {i["id"] for i in _items(regulations_store, "--fine-at-least", "100000")}
    assert wanted and {i.id for i in answer.items} <= wanted


def test_a_count_is_not_a_sum_in_a_question(regulations_store):
    assert _read(regulations_store, "罚款超过三次").filters.fine_at_least is None


def test_the_coding_sheet_lists_each_fine_and_whom_it_fines(regulations_store, tmp_path):
    out = tmp_path / "sheet.csv"
    result = _run("export", "--store", regulations_store, "--format", "coding-csv", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "五十元以上二百元以下罚款（个人）" in text


def test_the_highest_fines_wording_is_read_whole(regulations_store):
    # 罚款金额最高的条款: before the fines were read, 金额最高 was not understood
    reading = _read(regulations_store, "罚款金额最高的条款")
    assert (reading.wants, reading.highest) == ("fines", True) and not reading.unknown


@pytest.mark.parametrize(
    "question", ["大气法的最高罚款是多少", "what is the highest fine in the air law"]
)
def test_the_highest_fine_of_a_document_comes_first(regulations_store, question):
    import policykg

    reading = _read(regulations_store, question)
    assert (reading.wants, reading.highest) == ("fines", True) and not reading.unknown
    answer = policykg.open(regulations_store).ask(question)
    assert {i.source.document for i in answer.items} == {"law-air-pollution-2018"}
    reach = [max(f.maximum or f.minimum or -1 for f in i.fines) for i in answer.items]
    assert reach == sorted(reach, reverse=True) and reach[0] == 1e6
    assert {i.number for i in answer.items[:2]} == {99, 102}  # 十万元以上一百万元以下
    assert all(i.fines for i in answer.items)


def test_a_question_for_the_fines_lists_each_units_amounts_in_reading_order(regulations_store):
    import policykg

    question = "深圳绿色建筑条例罚多少钱"
    reading = _read(regulations_store, question)
    assert (reading.wants, reading.highest) == ("fines", False) and not reading.filters.text
    answer = policykg.open(regulations_store).ask(question)
    numbers = [i.number for i in answer.items]
    assert numbers == sorted(numbers) and 49 in numbers
    (item,) = [i for i in answer.items if i.number == 49]
    assert answer.fines(item) == [
        "0.02–0.04 × 项目投资额",
        "500000–1000000 yuan",
        "0.02–0.04 × 项目投资额",
    ]
    result = _run("ask", question, "--store", regulations_store)
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "where" in line)
    assert "fines" in header and "500000–1000000 yuan" in result.output


def test_how_much_is_the_fine_for_a_deed_lists_that_deeds_fines(regulations_store):
    reading = _read(regulations_store, "how much is the fine for open burning")
    assert reading.wants == "fines" and reading.filters.text == ("露天焚烧",)
    import policykg

    answer = policykg.open(regulations_store).ask("how much is the fine for open burning")
    (item,) = [i for i in answer.items if i.source.document == "law-air-pollution-2018"]
    assert item.number == 119
    assert "500–2000 yuan (个人)" in answer.fines(item)


def test_which_articles_fine_stays_a_word_of_the_text(regulations_store):
    """哪些条例规定了罚款 asks what the articles say, an amount or not (处以罚款): the
    regulations whose articles hold the word, each with how many do; 哪些条款 the articles."""
    reading = _read(regulations_store, "哪些条例规定了罚款")
    assert reading.wants == "documents" and reading.filters.text == ("罚款",)
    reading = _read(regulations_store, "哪些条款规定了罚款")
    assert reading.wants == "measures" and reading.filters.text == ("罚款",)


@pytest.mark.parametrize(
    ("fined", "party", "named"),
    [
        ("个人", "个人", True),
        ("非经营性单位", "单位", True),  # a kind of 单位
        ("单位或者经营者", "单位", True),
        ("单位直接负责的主管人员和其他直接责任人员", "单位", False),  # people of the unit
        ("单位直接负责的主管人员和其他直接责任人员", "直接负责的主管人员", True),
        ("", "个人", False),
    ],
)
def test_whom_a_clause_fines_names_a_party_by_a_member_ending_in_it(fined, party, named):
    from policykg.graph.measures import names_party

    assert names_party(fined, party) is named


def test_the_party_and_the_sum_must_hold_for_one_fine(regulations_store):
    """石柱 第三十四条 fines individuals up to 500 yuan and units up to 2000."""
    article_34 = next(
        i["id"]
        for i in _items(regulations_store, "--doc", "石柱土家族自治县西沱国家历史文化名镇保护条例")
        if i["number"] == 34
    )
    individuals = _items(regulations_store, "--fine-party", "个人")
    assert article_34 in {i["id"] for i in individuals}
    for item in individuals:
        assert all(why.endswith("(个人)") for why in item["matched"]["fine"])
    rich = {
        i["id"]
        for i in _items(regulations_store, "--fine-party", "个人", "--fine-at-least", "1000")
    }
    assert article_34 not in rich  # its 2000 yuan fine is for units
    units = {
        i["id"]
        for i in _items(regulations_store, "--fine-party", "单位", "--fine-at-least", "1000")
    }
    assert article_34 in units


@pytest.mark.parametrize(
    "question", ["对个人的罚款超过一千元的条款", "fines on individuals above 1000 yuan"]
)
def test_a_question_for_a_partys_fines_above_a_sum(regulations_store, question):
    import policykg

    reading = _read(regulations_store, question)
    assert reading.filters.fine_party == "个人" and reading.filters.fine_at_least
    assert not reading.unknown and not reading.filters.text
    wanted = _items(regulations_store, "--fine-party", "个人", "--fine-at-least", "1000")
    answer = policykg.open(regulations_store).ask(question)
    assert [i.id for i in answer.items] == [i["id"] for i in wanted]


def test_the_highest_fines_for_a_party_come_first_and_only_theirs_are_shown(regulations_store):
    import policykg

    answer = policykg.open(regulations_store).ask("哪些条例对个人罚款最高")
    assert answer.party == "个人"
    shown = [answer.fines(i) for i in answer.items]
    assert shown and all(s and all(f.endswith("(个人)") for f in s) for s in shown)
    reach = [
        max(f.maximum or f.minimum or -1 for f in i.fines if f.party == "个人")
        for i in answer.items
    ]
    assert reach == sorted(reach, reverse=True)


def test_a_bodys_name_after_dui_is_no_party(regulations_store):
    # 对施工单位的罚款: the body that broke the rule, which the actors read; no clause says 对施工单位处
    reading = _read(regulations_store, "对施工单位的罚款有哪些")
    assert reading.filters.fine_party is None and reading.filters.actor


def test_compare_says_which_fines_two_laws_share_and_which_differ(regulations_store):
    """The air law and Shandong's soil regulation: the fines of both, by amount and party; a
    sum only one sets is its own (a revision that raised a fine would show here)."""
    import policykg

    kg = policykg.open(regulations_store)
    shown = kg.compare("law-air-pollution-2018", "regulation-shandong-soil-2019").fines
    assert "100000–1000000 yuan" in shown.only_a  # the air law's highest
    assert shown.shared and not set(shown.shared) & set(shown.only_a)
    air = {
        fine_amount(f) + (f" ({f['party']})" if f.get("party") else "")
        for i in _items(regulations_store, "--doc", "law-air-pollution-2018")
        for f in i["fines"]
    }
    assert air == set(shown.shared) | set(shown.only_a)
    result = _run(
        "compare",
        "law-air-pollution-2018",
        "regulation-shandong-soil-2019",
        "--store",
        regulations_store,
    )
    assert result.exit_code == 0 and "fines" in result.output


def test_the_csv_export_labels_a_fine_by_its_amount_and_party(regulations_store, tmp_path):
    out = tmp_path / "rows.csv"
    result = _run("export", "--store", regulations_store, "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    import csv

    rows = [r for r in csv.DictReader(out.open(encoding="utf-8")) if r["entity_type"] == "fine"]
    labels = {r["label"] for r in rows}
    assert "50–200 yuan (个人)" in labels and "100000–1000000 yuan" in labels
    assert all(r["surface"] and r["label"] != "罚款" for r in rows)


def test_the_measures_csv_shows_each_fine_with_whom_it_fines(regulations_store):
    """The measures rows (CSV, table, pandas) word a fine as the export does: its amount and,
    when the clause says, its party."""
    result = _run(
        "measures", "--store", regulations_store, "--fine-party", "个人", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all("(个人)" in r["fines"] for r in rows)
    assert any("50–200 yuan (个人)" in r["fines"] for r in rows)
