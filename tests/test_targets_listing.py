"""`policykg targets` and ``KnowledgeGraph.targets``: every target across documents in time
order, filtered by indicator, region and document, and drawn as a chart page and a figure.

The issue's "done when": over two successive air plans (the 2013 plan's regional PM2.5 targets,
CONSTRUCTED in that plan's words in tests/test_targets_over_time.py, then the 2018 blue-sky
plan's national one), `targets --indicator PM2.5` shows each region's target with its baseline
and year in time order, and draws it.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.errors import LookupFailed
from tests.browser import assert_offline_and_clean, open_page
from tests.conftest import CORPUS
from tests.test_targets_over_time import AIR_2013

BLUE_SKY = "plan-2018-blue-sky-excerpt"
HOSTILE = "<script>alert(1)</script>"
PM25 = [  # document, doc_date, region, scope, direction, value, unit, baseline, year
    ("air-2013", "2013-09-10", "京津冀", None, "decrease", 25.0, "%", 2012, 2017),
    ("air-2013", "2013-09-10", "长三角", None, "decrease", 20.0, "%", 2012, 2017),
    ("air-2013", "2013-09-10", "珠三角", None, "decrease", 15.0, "%", 2012, 2017),
    ("air-2013", "2013-09-10", "北京市", None, "reach", 60.0, "微克/立方米", None, 2017),
    (BLUE_SKY, "2018-06-27", None, "未达标地级及以上城市", "decrease", 18.0, "%", 2015, 2020),
]


@pytest.fixture(scope="module")
def air_store(tmp_path_factory):
    """The two air plans built through the API: the constructed 2013 excerpt (its date and
    title from a manifest, as a researcher would add them) and the real 2018 excerpt."""
    import policykg

    folder = tmp_path_factory.mktemp("air-plans")
    (folder / "air-2013.txt").write_text(AIR_2013, encoding="utf-8")
    shutil.copy(CORPUS / f"{BLUE_SKY}.txt", folder)
    manifest = [
        {
            "file": "air-2013.txt",
            "id": "air-2013",
            "title": "大气污染防治行动计划（据原文构造 constructed）",
            "number": "国发〔2013〕37号",
            "date": "2013-09-10",
        },
        {"file": f"{BLUE_SKY}.txt", "date": "2018-06-27", "number": "国发〔2018〕22号"},
    ]
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    store = folder / "kg"
    report = policykg.build([folder], store)
    assert not report.failures and len(report.built) == 2
    return store


@pytest.fixture(scope="module")
def air_kg(air_store):
    import policykg

    return policykg.open(air_store)


def _facts(targets):
    return [
        (
            t.document,
            t.doc_date,
            t.region.label if t.region else None,
            t.scope,
            t.direction,
            t.value,
            t.unit,
            t.baseline,
            t.year,
        )
        for t in targets
    ]


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# ---- the listing ----


def test_pm25_targets_of_two_air_plans_come_region_by_region_in_time_order(air_kg):
    assert _facts(air_kg.targets(indicator="PM2.5")) == PM25


@pytest.mark.parametrize(
    "name",
    [
        "细颗粒物浓度",
        "细颗粒物（PM2.5）浓度",
        "PM2.5 concentration",
        "indicator/pm25-concentration",
        "pm25-concentration",
    ],
)
def test_an_indicator_is_named_by_any_of_its_labels_or_its_id(air_kg, name):
    assert _facts(air_kg.targets(indicator=name)) == PM25


def test_a_group_or_a_broader_pollutant_takes_every_indicator_under_it(air_kg):
    air = {t.indicator.id for t in air_kg.targets(indicator="大气环境质量")}
    assert air == {
        "indicator/pm25-concentration",
        "indicator/pm10-concentration",
        "indicator/good-air-days-ratio",
        "indicator/heavy-pollution-days-ratio",
    }
    particles = {t.indicator.id for t in air_kg.targets(indicator="颗粒物")}
    assert particles == {"indicator/pm25-concentration", "indicator/pm10-concentration"}


def test_a_region_takes_the_places_inside_it(air_kg):
    jjj = air_kg.targets(region="京津冀")
    assert [t.region.label for t in jjj] == ["京津冀", "北京市"]  # 北京市 lies in 京津冀
    assert [(t.region.label, t.region.code) for t in air_kg.targets(region="北京")] == [
        ("北京市", "110000")
    ]
    assert air_kg.targets(region="广东") == []  # 珠三角 covers part of 广东, it is not inside it


def test_a_target_naming_no_place_applies_where_its_document_governs(air_kg):
    national = air_kg.targets(region="中华人民共和国")
    # the 2018 plan (a State Council plan: the nation) names no place; 北京市 lies in the nation
    assert {t.document for t in national if t.region is None} == {BLUE_SKY}
    assert [t.region.label for t in national if t.region] == ["北京市"]
    assert len(national) == 1 + len(air_kg.targets(doc=BLUE_SKY))


def test_the_document_is_named_by_id_title_or_a_part_only_its_title_holds(air_kg):
    from policykg.errors import LookupFailed

    (blue,) = [d for d in air_kg.documents() if d.id == BLUE_SKY]
    by_id = air_kg.targets(doc=BLUE_SKY)
    assert by_id and air_kg.targets(doc=blue.title) == by_id
    assert air_kg.targets(doc=f"《{blue.title}》") == by_id
    with pytest.raises(LookupFailed):
        air_kg.targets(doc="没有这样的文件")


def test_without_filters_every_target_of_every_document_comes_in_time_order(air_kg):
    rows = air_kg.targets()
    assert len(rows) == 10
    keys = [(t.doc_date, t.year, t.source.start) for t in rows]
    assert keys == sorted(keys)
    assert {t.document for t in air_kg.targets(doc=BLUE_SKY)} == {BLUE_SKY}
    so2 = air_kg.targets(indicator="二氧化硫")
    assert [(t.indicator.label, t.value, t.baseline, t.year) for t in so2] == [
        ("二氧化硫排放总量", 15.0, 2015, 2020)
    ]


def test_unknown_names_are_lookup_failures(air_kg):
    for kwargs in ({"indicator": "unobtainium"}, {"region": "亚特兰蒂斯"}, {"doc": "no-such"}):
        with pytest.raises(LookupFailed):
            air_kg.targets(**kwargs)


def test_json_has_exactly_the_fields_of_the_issue(air_store, air_kg):
    result = _run("targets", "--store", air_store, "--indicator", "PM2.5", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows == [t.model_dump() for t in air_kg.targets(indicator="PM2.5")]
    for row in rows:
        assert list(row) == [
            "document",
            "doc_date",
            "indicator",
            "region",
            "scope",
            "value",
            "unit",
            "comparator",
            "direction",
            "baseline",
            "year",
            "binding",
            "phrase",
            "text",
            "source",
        ]
        assert set(row["indicator"]) == {"id", "label", "label_en"}
        assert row["region"] is None or set(row["region"]) == {"label", "code"}
        assert set(row["source"]) == {"document", "start", "end"}
    first = rows[0]
    assert first["indicator"]["label_en"] == "PM2.5 concentration"
    assert AIR_2013[first["source"]["start"] : first["source"]["end"]] == first["text"] == "25%"


def test_table_and_csv_show_each_target_with_its_baseline_and_year(air_store):
    table = _run("targets", "--store", air_store, "--indicator", "PM2.5")
    assert table.exit_code == 0, table.output
    lines = table.stdout.replace("│", " ")
    assert table.stdout.rstrip().endswith("5 target(s)")
    order = [lines.index(w) for w in ("京津冀", "长三角", "珠三角", "北京市", "未达标")]
    assert order == sorted(order)
    csv_out = _run("targets", "--store", air_store, "--indicator", "PM2.5", "--format", "csv")
    head, *rows = csv_out.stdout.splitlines()
    assert head.startswith("document,doc_date,indicator_id,indicator,indicator_en,phrase,region")
    assert rows[0].startswith("air-2013,2013-09-10,indicator/pm25-concentration,")
    assert ",京津冀,," in rows[0] and ",2012,2017," in rows[0]


def test_an_unknown_indicator_is_one_line_with_a_hint(air_store):
    result = _run("targets", "--store", air_store, "--indicator", "unobtainium")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no indicator matches 'unobtainium'; give an indicator")
    assert "Traceback" not in result.output


# ---- the chart page ----


@pytest.fixture(scope="module")
def chart(air_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("chart") / "pm25.html"
    result = _run("targets", "--store", air_store, "--indicator", "PM2.5", "--chart", path)
    assert result.exit_code == 0, result.output
    return path


def _data(html: str) -> dict:
    block = re.search(
        r'<script id="policykg-data" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(block.group(1))


def test_the_chart_has_a_panel_per_quantity_and_a_series_per_place(chart):
    data = _data(chart.read_text(encoding="utf-8"))
    assert data["title"] == "细颗粒物（PM2.5）浓度 目标 targets"
    reduction, level = data["panels"]
    assert reduction["axis"] == "下降幅度 reduction (%)" and reduction["change"]
    assert [s["label"] for s in reduction["series"]] == [
        "京津冀",
        "未达标地级及以上城市",
        "珠三角",
        "长三角",
    ]
    assert level["axis"] == "目标值 level (微克/立方米)" and not level["change"]
    assert [s["label"] for s in level["series"]] == ["北京市"]
    plans = [p["title"] for p in data["plans"]]
    assert plans[0].startswith("大气污染防治行动计划") and "蓝天保卫战" in plans[1]
    assert [t["where"] for t in data["targets"]] == [r[2] or r[3] for r in PM25]


def test_the_chart_loads_nothing_and_keeps_text_as_data(chart):
    from policykg.graph.target_chart import render_targets_html

    html = chart.read_text(encoding="utf-8")
    # the one URL is the SVG namespace's name, which nothing fetches
    assert set(re.findall(r"https?://[^\s\"']*", html)) == {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in html.replace("&#39;", "'")
    assert html.count("</script") == 2
    row = {
        "document": "d",
        "doc_date": None,
        "indicator": {"id": "indicator/x", "label": HOSTILE, "label_en": None},
        "region": {"label": HOSTILE, "code": None},
        "scope": None,
        "value": 1.0,
        "unit": "%",
        "comparator": "=",
        "direction": "reach",
        "baseline": None,
        "year": 2020,
        "binding": None,
        "text": HOSTILE,
        "source": {"document": "d", "start": 0, "end": 1},
    }
    page = render_targets_html([row], [{"id": "d", "title": HOSTILE}], HOSTILE)
    assert HOSTILE not in page
    assert _data(page)["targets"][0]["text"] == HOSTILE


@pytest.mark.browser
def test_the_chart_in_chromium_names_the_plan_on_hover_and_in_the_legend(chart, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(browser, chart)
    points = browser.find_elements(By.CSS_SELECTOR, "circle.point")
    assert len(points) == 5
    assert len(browser.find_elements(By.CSS_SELECTOR, "line.baseline-line")) == 4

    jjj = next(p for p in points if p.get_attribute("data-target") == "0")
    ActionChains(browser).move_to_element(jjj).perform()
    tip = browser.find_element(By.ID, "tooltip")
    assert tip.is_displayed()
    assert "大气污染防治行动计划" in tip.text and "2013-09-10" in tip.text
    assert "京津冀" in tip.text and "下降 ≈25%（2012→2017）" in tip.text

    entries = browser.find_elements(By.CSS_SELECTOR, "#legend-series > li")
    by_name = {e.find_element(By.CLASS_NAME, "series-name").text: e for e in entries}
    assert "蓝天保卫战" in by_name["未达标地级及以上城市"].text
    assert "大气污染防治行动计划" in by_name["京津冀"].text

    by_name["京津冀"].click()  # hides the series in every panel
    hidden = browser.execute_script(
        "return [...document.querySelectorAll('g.series.off')].map(g => g.dataset.series)"
    )
    assert hidden == ["京津冀"]
    rows = browser.find_elements(By.CSS_SELECTOR, "#targets-body tr")
    assert len(rows) == 5 and "未达标地级及以上城市" in rows[4].text
    assert_offline_and_clean(browser)


def test_the_api_draws_a_page_or_a_figure_by_the_files_suffix(air_kg, tmp_path):
    pm25 = air_kg.targets(indicator="PM2.5")
    page = air_kg.targets_chart(tmp_path / "pm25.html", pm25)
    data = _data(page.read_text(encoding="utf-8"))
    assert data["title"] == "细颗粒物（PM2.5）浓度 目标 targets"
    assert len(data["targets"]) == 5
    figure = air_kg.targets_chart(tmp_path / "all.pdf")  # every target, each indicator a panel
    assert figure.read_bytes()[:5] == b"%PDF-"


# ---- the figure ----


def test_the_figure_draws_the_targets_in_a_chinese_font(air_store, tmp_path):
    from policykg.graph.figures import cjk_font

    png, svg = tmp_path / "pm25.png", tmp_path / "pm25.svg"
    result = _run("targets", "--store", air_store, "--indicator", "PM2.5", "--png", png)
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (
        _run("targets", "--store", air_store, "--indicator", "PM2.5", "--png", svg).exit_code == 0
    )
    text = svg.read_text(encoding="utf-8")
    assert cjk_font() in text
    for words in ("京津冀", "未达标地级及以上城市", "北京市", "大气污染防治行动计划", "下降幅度"):
        assert words in text


def test_a_figure_with_nothing_to_draw_is_one_line(air_store, tmp_path):
    result = _run(
        "targets",
        "--store",
        air_store,
        "--region",
        "北京",
        "--doc",
        BLUE_SKY,
        "--png",
        tmp_path / "x.png",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing to draw")


def test_a_target_on_no_indicator_of_the_vocabulary_is_listed_by_its_words(plan_kg, built_store):
    """到 2020 年，建设储备林 1400 万公顷 (the 2016 plan): no indicator of ontology/indicators.ttl,
    so the listing shows what the text says the target is on, not the bare 1400万公顷."""
    reserve = [t for t in plan_kg.targets() if t.text == "1400万公顷"]
    assert [(t.indicator, t.phrase, t.value, t.year) for t in reserve] == [
        (None, "储备林", 1400.0, 2020)
    ]
    table = _run("targets", "--store", built_store)
    assert table.exit_code == 0, table.output
    line = next(x for x in table.output.splitlines() if "1400万公顷" in x)
    assert "储备林" in line
    csv = _run("targets", "--store", built_store, "--format", "csv")
    assert "储备林,,,,1400.0" in csv.output
