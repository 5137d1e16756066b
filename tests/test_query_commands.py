"""ask, show, pollutants, regions, actors on the built plan; the query path stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.errors import LookupFailed, PolicyKGError


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which measures target cadmium before 2018", ["深化重点区域分类防控"]),
        ("2018年前针对镉的措施有哪些", ["深化重点区域分类防控"]),
    ],
)
def test_questions_in_english_and_chinese_give_the_canonical_answer(plan_kg, question, expected):
    assert [r.title for r in plan_kg.ask(question).items] == expected


def test_a_question_about_a_province_finds_its_places(plan_kg):
    titles = [r.title for r in plan_kg.ask("湖南有哪些措施").items]
    assert "湘潭竹埠港及周边地区（历史遗留污染治理）" in titles
    english = plan_kg.ask("what does the plan ask of 湖南")
    assert [r.title for r in english.items] == titles


def test_an_answer_says_how_it_read_the_question_and_which_sparql_it_ran(plan_kg):
    answer = plan_kg.ask("which measures target cadmium before 2018")
    assert answer.read_as.startswith("deadline by 2018-12-31; pollutant 镉 (cadmium)")
    assert "SELECT" in answer.sparql
    assert "# ?concept = <https://w3id.org/policykg/id/pollutant/cadmium>" in answer.sparql


def test_ask_prints_its_reading_and_can_show_its_sparql(built_store):
    result = _run(
        "ask", "which measures target cadmium before 2018", "--store", built_store, "--show-sparql"
    )
    assert "Read as: deadline by 2018-12-31; pollutant 镉 (cadmium)" in result.stdout
    assert "# ?concept = <https://w3id.org/policykg/id/pollutant/cadmium>" in result.stdout
    as_json = _run("ask", "镉", "--store", built_store, "--format", "json")
    assert [r["title"] for r in json.loads(as_json.stdout)]


def test_ask_refuses_a_question_it_cannot_read_with_what_it_can_answer(plan_kg, built_store):
    with pytest.raises(PolicyKGError, match="I could not read"):
        plan_kg.ask("what is the weather like")
    result = _run("ask", "what is the weather like", "--store", built_store)
    assert result.exit_code == 1
    assert "I could not read" in result.stderr and "湖南有哪些措施" in result.stderr


def test_targets_question_lists_units_with_targets(plan_kg):
    rows = {r.title: r for r in plan_kg.ask("哪些措施有汞的目标").items}
    # the mercury measure, and the heavy-metal one (a rule on heavy metals covers mercury)
    assert set(rows) == {"加强汞污染控制", "深化重点区域分类防控"}
    assert all(r.targets for r in rows.values())
    assert rows["加强汞污染控制"].targets[0].baseline == 2010


def test_show_gives_the_unit_its_place_entities_and_a_citation(plan_kg):
    shown = plan_kg.show("深化重点区域分类防控")
    assert shown.place == "第六章 / 第二节 加大重金属污染防治力度"
    assert shown.citation.startswith("《“十三五”生态环境保护规划》（国发〔2016〕65号）")
    assert shown.citation.endswith("字符 10274–10599")
    text = shown.item.text
    assert {(text[e.start : e.end], e.family) for e in shown.entities} >= {("重金属", "pollutants")}
    assert plan_kg.show(shown.item.id).item == shown.item
    with pytest.raises(LookupFailed, match="no unit matches"):
        plan_kg.show("no such unit <here>")


def test_show_prints_text_entities_and_a_citation(built_store):
    result = _run("show", "深化重点区域分类防控", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "第六章 / 第二节 加大重金属污染防治力度" in result.stdout
    assert "《“十三五”生态环境保护规划》（国发〔2016〕65号）" in result.stdout
    assert "字符 10274–10599" in result.stdout


def test_show_html_marks_the_entities_with_displacy(built_store, tmp_path):
    out = tmp_path / "unit.html"
    result = _run("show", "加强汞污染控制", "--store", built_store, "--html", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "pollutants" in html and "国发〔2016〕65号" in html


def test_pollutants_tree_counts_units_through_the_hierarchy(plan_kg, built_store):
    rows = {r["label"]: r for r in plan_kg.pollutants()}
    heavy = rows["重金属"]
    assert heavy["with_narrower"] > heavy["units"]
    assert "pollutant/cadmium" in heavy["narrower"]
    tree = _run("pollutants", "--store", built_store).stdout
    assert tree.index("重金属") < tree.index("  汞")


def test_regions_and_actors_list_what_the_graph_holds(plan_kg):
    jingjiang = next(r for r in plan_kg.regions() if r["code"] == "321282")
    assert jingjiang["label"] == "靖江市" and jingjiang["units"] >= 2
    assert any(a["label"] == "公安机关" for a in plan_kg.actors())


def test_the_api_and_the_query_commands_import_no_nlp_library(built_store):
    code = (
        "import sys\nimport policykg\n"
        "light = sorted(sys.modules)\n"
        f"kg = policykg.open({str(built_store)!r})\n"
        "assert kg.measures(pollutant='镉', before=2018)\n"
        "from policykg import cli\n"
        "try:\n"
        f"    cli.main(['measures', '--store', {str(built_store)!r}, '--pollutant', '镉', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'jieba', 'jionlp', 'cn2an', 'rdflib'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
        "print('IMPORT', [m for m in light if m.split('.')[0] in ('pyoxigraph', 'pydantic', 'msgspec')], "
        "file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stderr
    assert "IMPORT []" in out.stderr  # `import policykg` alone loads no store nor models


def test_the_graph_names_the_same_families_as_the_document_model():
    from policykg.extract import model
    from policykg.graph import namespaces

    assert namespaces.FAMILIES == model.FAMILIES


def test_listing_units_and_their_fines_loads_no_pydantic(regulations_store):
    """A listing reads the stored records into typed items and words a fine's amount without
    the document model of the build (pydantic, about a quarter of a cold query's time)."""
    store = str(regulations_store)
    code = (
        "import sys\nfrom policykg import cli\n"
        "for fmt in ('json', 'csv', 'table'):\n"
        "    try:\n"
        f"        cli.main(['measures', '--store', {store!r}, '--fine-at-least', '1000', '--format', fmt])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "import policykg\n"
        f"unit = policykg.open({store!r}).measures(fine_at_least=1000)[0].id\n"
        "try:\n"
        f"    cli.main(['show', unit, '--store', {store!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('PYDANTIC', sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "yuan" in out.stdout and "Error" not in out.stderr
    assert " 字符 " in out.stdout  # show's citation line: the unit's characters
    assert "PYDANTIC []" in out.stderr


def test_instrument_and_indicator_filters_import_no_numpy(built_store):
    """They read concept trees from graph.matrix; only clustering a heatmap needs numpy."""
    code = (
        "import sys\nimport policykg\n"
        f"kg = policykg.open({str(built_store)!r})\n"
        "assert kg.measures(instrument='资金投入')\n"
        "kg.targets(indicator='PM2.5')\n"
        "print('NUMPY', 'numpy' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "NUMPY False" in out.stderr


def test_build_is_quiet_about_progress_when_piped(tmp_path):
    from tests.conftest import PLAN

    result = _run("build", PLAN, "--store", tmp_path / "kg")
    assert "━" not in result.output and "building" not in result.output


def test_a_body_named_with_its_level_resolves_to_that_level(plan_kg):
    """区人民政府 is the county-level governments (区 is a county-level division), 省发展改革委 the
    development and reform remit the NDRC holds, 市财政局 the finance remit; the national
    commission's own short name stays the commission."""
    from policykg.graph.measures import resolve

    def ids(value: str) -> list[str]:
        return [n.value.rsplit("/", 1)[1] for n in resolve(plan_kg.backend, "actor", value)]

    assert ids("区人民政府") == ["county-governments"]
    assert ids("省人民政府") == ["provincial-governments"]
    assert ids("省发展改革委") == ["development-reform-authorities"]
    assert ids("市财政局") == ["finance-authorities"]
    assert ids("发展改革委") == ["national-development-and-reform-commission"]


def test_a_name_without_case_is_looked_up_and_finds_what_the_scan_of_every_label_finds(plan_kg):
    """镉, 湖南省, an admin code: a name with no letter that has a case is looked up in the
    store's index (every label compared without case cost 50 ms at 100 documents); PM2.5 and
    English names are still compared without case. Both ways find the same concepts."""
    from pyoxigraph import Literal

    from policykg.graph.measures import resolve
    from policykg.graph.namespaces import ID
    from policykg.graph.sparql import Tracing, run

    def scanned(scheme: str, value: str) -> list[str]:
        bound = {"needle": Literal(value.lower()), "scheme": Literal(f"{ID}{scheme}/")}
        return [r["concept"].value for r in run(plan_kg.backend, "concept_by_label", **bound)]

    cases = [
        ("pollutant", "镉"),  # a prefLabel in zh
        ("pollutant", "六价铬"),
        ("region", "湖南省"),
        ("region", "430000"),  # an admin code
        ("actor", "国务院"),
        ("pollutant", "PM2.5"),  # letters with a case: the scan
        ("pollutant", "pm2.5"),
        ("pollutant", "Cadmium"),
    ]
    for scheme, value in cases:
        tracing = Tracing(plan_kg.backend)
        found = [n.value for n in resolve(tracing, scheme, value)]
        assert found and found == scanned(scheme, value), value
        scans = [q for q, _ in tracing.log if "compared without case" in q or "lcase(" in q]
        assert bool(scans) == (value.lower() != value.upper()), value
