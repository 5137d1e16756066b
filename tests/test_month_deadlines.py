"""Deadlines asked for by the month or the day (2019年6月底前, by June 2019, before 2019-06-30):
the bound is that day, as the deadlines of the text are read, not the end of the year."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policykg.cli import main

# CONSTRUCTED in the wording of cities' three-year air plans (2018): tasks due at the end of a
# month, of another month, and of a year
PLAN = """某市打赢蓝天保卫战三年行动计划（2018—2020年）
一、重点任务
（一）调整优化产业结构
1.深化工业污染治理。2019年6月底前，完成燃煤锅炉超低排放改造。（责任单位：市生态环境局）
2.开展散乱污企业整治。2019年9月底前，完成散乱污企业综合整治。（责任单位：市工信局）
3.推进钢铁超低排放。2020年底前，钢铁企业全面完成超低排放改造。（责任单位：市生态环境局）
"""


def _run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("month")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    result = _run("build", folder / "plan.txt", "--store", folder / "kg")
    assert result.exit_code == 0, result.output
    return str(folder / "kg")


def _titles(store: str, question: str) -> list[str]:
    result = _run("ask", question, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return [r["title"] for r in json.loads(result.stdout)]


@pytest.mark.parametrize(
    "question",
    [
        "2019年6月底前要完成哪些任务",
        "2019年6月30日前要完成哪些任务",
        "which tasks are due by June 2019",
        "tasks due before 2019-06-30",
    ],
)
def test_a_month_or_a_day_bounds_the_deadline(store, question):
    from policykg.graph.ask import read_question
    from policykg.graph.sparql import connect

    reading = read_question(connect(store), question)
    assert reading.filters.before == "2019-06-30" and not reading.filters.text
    assert "deadline by 2019-06-30" in reading.understood
    assert _titles(store, question) == ["深化工业污染治理"]  # not the tasks due later in 2019


def test_a_month_from_which_bounds_the_deadline_from_its_first_day(store):
    assert _titles(store, "2019年7月以后要完成的任务") == ["开展散乱污企业整治", "推进钢铁超低排放"]
    # a month is inclusive, as a year is: from its first day
    assert _titles(store, "tasks due after September 2019") == [
        "开展散乱污企业整治",
        "推进钢铁超低排放",
    ]
    assert _titles(store, "tasks due from October 2019") == ["推进钢铁超低排放"]
    # a year alone still means the whole year
    assert len(_titles(store, "2019年前要完成哪些任务")) == 2
