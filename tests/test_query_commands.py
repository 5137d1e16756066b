"""ask, show, pollutants, regions, actors on the built plan; the query path stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from policykg.cli import main


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which measures target cadmium before 2018", ["深化重点区域分类防控"]),
        ("2018年前针对镉的措施有哪些", ["深化重点区域分类防控"]),
    ],
)
def test_questions_in_english_and_chinese_give_the_canonical_answer(
    built_store, question, expected
):
    result = _run("ask", question, "--store", built_store, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["title"] for r in json.loads(result.stdout)] == expected


def test_a_question_about_a_province_finds_its_places(built_store):
    result = _run("ask", "湖南有哪些措施", "--store", built_store, "--format", "json")
    titles = [r["title"] for r in json.loads(result.stdout)]
    assert "湘潭竹埠港及周边地区（历史遗留污染治理）" in titles
    english = _run(
        "ask", "what does the plan ask of 湖南", "--store", built_store, "--format", "json"
    )
    assert [r["title"] for r in json.loads(english.stdout)] == titles


def test_ask_says_how_it_read_the_question_and_can_show_its_sparql(built_store):
    result = _run(
        "ask", "which measures target cadmium before 2018", "--store", built_store, "--show-sparql"
    )
    assert "Read as: deadline by 2018-12-31; pollutant cadmium" in result.stdout
    assert (
        "SELECT" in result.stdout
        and "# ?concept = <https://w3id.org/policykg/id/pollutant/cadmium>" in result.stdout
    )


def test_ask_refuses_a_question_it_cannot_read_with_what_it_can_answer(built_store):
    result = _run("ask", "what is the weather like", "--store", built_store)
    assert result.exit_code == 1
    assert "I could not read" in result.stderr and "湖南有哪些措施" in result.stderr


def test_targets_question_lists_units_with_targets(built_store):
    result = _run("ask", "哪些措施有汞的目标", "--store", built_store, "--format", "json")
    rows = {r["title"]: r for r in json.loads(result.stdout)}
    # the mercury measure, and the heavy-metal one (a rule on heavy metals covers mercury)
    assert set(rows) == {"加强汞污染控制", "深化重点区域分类防控"}
    assert all(r["targets"] for r in rows.values())
    assert rows["加强汞污染控制"]["targets"][0]["baseline"] == 2010


def test_show_prints_text_entities_and_a_citation(built_store):
    result = _run("show", "深化重点区域分类防控", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "第6章 / 第2节 加大重金属污染防治力度" in result.stdout
    assert "《“十三五”生态环境保护规划》（国发〔2016〕65号）" in result.stdout
    assert "字符 10274–10599" in result.stdout


def test_show_html_marks_the_entities_with_displacy(built_store, tmp_path):
    out = tmp_path / "unit.html"
    result = _run("show", "加强汞污染控制", "--store", built_store, "--html", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "pollutants" in html and "国发〔2016〕65号" in html


def test_pollutants_tree_counts_units_through_the_hierarchy(built_store):
    result = _run("pollutants", "--store", built_store, "--format", "json")
    rows = {r["label"]: r for r in json.loads(result.stdout)}
    heavy = rows["重金属"]
    assert heavy["with_narrower"] > heavy["units"]
    assert "pollutant/cadmium" in heavy["narrower"]
    tree = _run("pollutants", "--store", built_store).stdout
    assert tree.index("重金属") < tree.index("  汞")


def test_regions_and_actors_list_what_the_graph_holds(built_store):
    regions = json.loads(_run("regions", "--store", built_store, "--format", "json").stdout)
    jingjiang = next(r for r in regions if r["code"] == "321282")
    assert jingjiang["label"] == "靖江市" and jingjiang["units"] >= 2
    actors = json.loads(_run("actors", "--store", built_store, "--format", "json").stdout)
    assert any(a["label"] == "公安机关" for a in actors)


def test_query_commands_import_no_nlp_library(built_store):
    code = (
        "import sys\nfrom policykg import cli\n"
        "try:\n"
        f"    cli.main(['measures', '--store', {str(built_store)!r}, '--pollutant', '镉', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'jieba', 'jionlp', 'cn2an'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stderr


def test_build_is_quiet_about_progress_when_piped(built_store, tmp_path):
    from tests.conftest import PLAN

    result = _run("build", PLAN, "--store", tmp_path / "kg")
    assert "━" not in result.output and "building" not in result.output
