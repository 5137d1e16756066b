"""The command line over the API: output formats, exit codes and one-line messages."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from policykg.cli import main
from policykg.errors import NoData


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_measures_json_is_the_api_items_dumped(built_store, plan_kg):
    result = _run("measures", "--store", built_store, "--pollutant", "镉", "--format", "json")
    assert result.exit_code == 0, result.output
    expected = [i.model_dump() for i in plan_kg.measures(pollutant="镉")]
    assert json.loads(result.stdout) == expected and expected


def test_measures_table_shows_where_each_unit_stands_and_counts_them(built_store):
    result = _run("measures", "--store", built_store, "--pollutant", "镉", "--before", "2018")
    assert result.exit_code == 0, result.output
    assert "第六章 / 第二节" in result.stdout and "深化重点区域分类" in result.stdout
    assert result.stdout.rstrip().endswith("1 unit(s)")


def test_measures_csv_has_a_row_per_unit_with_its_place(built_store):
    result = _run("measures", "--store", built_store, "--kind", "box-item", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 24
    assert list(rows[0])[:6] == ["document", "id", "kind", "number", "title", "place"]
    assert all(r["place"].startswith("第") for r in rows)


def test_unknown_filter_values_fail_with_one_line_and_a_hint(built_store):
    result = _run("measures", "--store", built_store, "--pollutant", "unobtainium")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: no pollutant matches 'unobtainium'; see `policykg pollutants`"
    )
    assert "Traceback" not in result.output


def test_a_missing_store_is_a_one_line_error_naming_the_build_command(tmp_path):
    result = _run("measures", "--store", tmp_path / "nothing")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: no policykg store at {tmp_path / 'nothing'} "
        f"(run `policykg build --store {tmp_path / 'nothing'}` first)"
    )


def test_every_command_has_help_text():
    for name, command in main.commands.items():
        assert command.help, name
        assert _run(name, "--help").exit_code == 0


def test_the_filter_options_are_the_api_filters():
    from dataclasses import fields

    from policykg.graph.measures import Filters

    for command in ("measures", "viz"):
        options = {o for p in main.commands[command].params for o in p.opts}
        assert {f"--{f.name.replace('_', '-')}" for f in fields(Filters)} <= options


def test_the_library_speaks_of_rebuilding_and_the_cli_names_the_command():
    from policykg.cli import message
    from policykg.graph.instruments import instrument_counts

    try:
        instrument_counts([{"id": "u1", "document": "d"}], None)  # an item without instruments
    except NoData as e:
        assert "policykg" not in str(e) and "--" not in str(e)
        assert message(e).endswith("rebuild it with `policykg build --force`")
    else:
        raise AssertionError("a store without instruments must be refused")


def test_docs_and_compare_print_what_the_api_returns(built_store, plan_kg):
    docs = json.loads(_run("docs", "--store", built_store, "--format", "json").stdout)
    assert docs == [d.model_dump() for d in plan_kg.documents()]
    result = _run("compare", "nothing", "plan-2016-eco-env-protection", "--store", built_store)
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no document matches 'nothing'; see `policykg docs`"


def test_build_names_each_document_by_its_title_beside_an_id_made_from_a_chinese_file_name(
    tmp_path,
):
    from tests.conftest import CORPUS

    path = CORPUS / "local-regulations" / "上海市信访条例(2018-05-24).md"
    result = _run("build", path, "--store", tmp_path / "kg", "--jobs", "1")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("  doc-"))
    assert "(上海市信访条例)" in line, line
