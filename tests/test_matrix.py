"""The row × column matrix (graph/matrix.py), its orders, its heatmap page and its figure.

Most tests run on real items of the bundled corpus (tests/data/matrix_items.json, see its
note: jurisdictions, instruments and indicator concepts filled in where this round's other
work will record them) with the real vocabularies read from a built store.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import MATRIX_COLS, MATRIX_ROWS, main
from policykg.errors import NoData
from policykg.graph.matrix import (
    COL_KINDS,
    ROW_KINDS,
    Tree,
    build_matrix,
    concept_tree,
)
from policykg.graph.seriation import cluster_order
from tests.browser import assert_offline_and_clean, open_page

DATA = json.loads((Path(__file__).parent / "data" / "matrix_items.json").read_text("utf-8"))
ITEMS, DOCUMENTS = DATA["items"], DATA["documents"]
HOSTILE = "<script>alert(1)</script>"
PARTICULATES = {
    "颗粒物",
    "扬尘",
    "粉尘",
    "烟尘",
    "细颗粒物",
}  # 颗粒物 and what pollutants.ttl puts under it


@pytest.fixture(scope="module")
def backend(built_store):
    from policykg.graph.sparql import connect

    return connect(built_store)


@pytest.fixture(scope="module")
def trees(backend):
    return {s: concept_tree(backend, s) for s in ("pollutant", "region", "actor")}


def _units(items, test) -> set[str]:
    return {i["id"] for i in items if test(i)}


def _naming(labels: set[str], docs: set[str] | None = None):
    def test(item):
        named = {p["label"] for p in item["pollutants"]}
        in_docs = docs is None or item["source"]["document"] in docs
        return bool(named & labels) and in_docs

    return test


def _cell(m, row_label, col_label) -> int:
    row = next(r for r in m.rows if r["label"] == row_label)
    col = next(c for c in m.cols if c["label"] == col_label)
    return m.count(row["id"], col["id"])


def _docs_of(code: str) -> set[str]:
    return {d["id"] for d in DOCUMENTS if d["jurisdiction"]["code"] == code}


# ---- counting ----


def test_a_cell_counts_units_naming_the_concept_or_a_narrower_one(trees):
    m = build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees)
    national = _docs_of("100000")
    expected = _units(ITEMS, _naming(PARTICULATES, national))
    assert len(expected) == 4  # 颗粒物, 扬尘, 粉尘 in the air law; 细颗粒物 in the blue-sky plan
    assert _cell(m, "中华人民共和国", "颗粒物") == len(expected)
    assert m.cells[("region/100000", "pollutant/particulate-matter")] == expected


def test_a_cell_never_counts_a_unit_that_names_only_a_broader_concept(trees):
    m = build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees)
    national = _docs_of("100000")
    dust = _units(ITEMS, _naming({"扬尘"}, national))
    air = _units(ITEMS, _naming({"大气污染物"}, national))
    assert len(air - dust) >= 20  # the air law names 大气污染物 everywhere
    assert _cell(m, "中华人民共和国", "扬尘") == len(dust) == 1
    assert _cell(m, "中华人民共和国", "大气污染物") > len(air)  # it also holds 扬尘, VOCs, NOx …


def test_depth_one_rolls_columns_up_to_the_top_groups(trees):
    m = build_matrix(ITEMS, DOCUMENTS, "document", "pollutant", trees, depth=1)
    assert all(trees["pollutant"].depth(c["id"]) == 1 for c in m.cols)
    labels = [c["label"] for c in m.cols]
    assert {"大气污染物", "固体废物", "重金属"} <= set(labels)
    assert "尾矿" not in labels  # under 固体废物 › 工业固体废物
    soil = next(d for d in DOCUMENTS if d["id"] == "regulation-shandong-soil-2019")
    tailings = _units(ITEMS, _naming({"尾矿"}, {soil["id"]}))
    assert tailings <= m.cells[(soil["id"], "pollutant/solid-waste")]


def test_jurisdiction_rows_roll_up_to_cities_by_default_and_to_provinces_when_asked(trees):
    cities = build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees)
    assert [r["label"] for r in cities.rows] == [
        "中华人民共和国",
        "山东省",
        "济南市",
        "深圳市",
        "重庆市",
    ]
    assert [r["code"] for r in cities.rows] == ["100000", "370000", "370100", "440300", "500000"]
    provinces = build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees, level="province")
    assert [r["label"] for r in provinces.rows] == ["中华人民共和国", "山东省", "广东省", "重庆市"]
    # 济南's regulation joins 山东's: the province row holds both documents' units
    jinan = {i["id"] for i in ITEMS if i["source"]["document"] in _docs_of("370100")}
    assert jinan and all(
        jinan & units == set() or ("region/370000", col) in provinces.cells
        for (row, col), units in cities.cells.items()
        if row == "region/370100"
    )


def test_a_county_of_a_province_level_city_rolls_up_to_that_city(trees):
    # 石柱土家族自治县 (500240) lies directly within 重庆市 (500000): no prefecture between
    tree = trees["region"]
    assert tree.at_level("region/500240", "city") == "region/500000"
    assert tree.at_level("region/440306", "city") == "region/440300"  # 宝安区 → 深圳市
    assert tree.at_level("region/440306", "province") == "region/440000"
    assert tree.at_level("region/440000", "city") == "region/440000"  # never rolls down
    assert tree.at_level("region/yangtze-river-delta", "city") == "region/yangtze-river-delta"


def test_rows_of_places_named_can_roll_up_to_provinces(trees):
    named = build_matrix(ITEMS, DOCUMENTS, "region", "pollutant", trees)
    rolled = build_matrix(ITEMS, DOCUMENTS, "region", "pollutant", trees, level="province")
    assert len(rolled.rows) < len(named.rows)
    levels = {
        trees["region"].concepts[r["id"]].level
        for r in rolled.rows
        if r["id"] in trees["region"].concepts
    }
    assert "county" not in levels and "city" not in levels


def test_instrument_rows_and_indicator_columns_come_from_the_items(trees):
    m = build_matrix(ITEMS, DOCUMENTS, "instrument", "pollutant", trees)
    assert {r["label"] for r in m.rows} == {
        "法规管制",
        "目标规划",
        "技术支持",
        "资金投入",
        "示范推广",
    }
    fines = _units(ITEMS, lambda i: any(x["label_zh"] == "法规管制" for x in i["instruments"]))
    assert next(r for r in m.rows if r["label"] == "法规管制")["units"] == len(fines)

    m = build_matrix(ITEMS, DOCUMENTS, "document", "indicator", trees)
    pm25 = next(c for c in m.cols if c["id"] == "indicator/pm25-concentration")
    assert pm25["label"] == "细颗粒物（PM2.5）浓度"
    assert m.count("plan-2018-blue-sky-excerpt", pm25["id"]) == 1
    assert {c["id"] for c in m.cols} == {
        t["indicator"]["id"] for i in ITEMS for t in i["targets"] if t["indicator"]
    }


def test_fixed_columns_are_shown_in_the_order_asked_even_when_empty():
    m = build_matrix(
        ITEMS,
        DOCUMENTS,
        "document",
        "pollutant",
        {},
        only=["pollutant/fugitive-dust", "pollutant/cooking-fume"],
    )
    assert [c["id"] for c in m.cols] == ["pollutant/fugitive-dust", "pollutant/cooking-fume"]
    assert m.count("law-air-pollution-2018", "pollutant/fugitive-dust") == 1


@pytest.mark.parametrize(
    ("kind", "strip", "message"),
    [
        ("jurisdiction", "jurisdiction", "no document jurisdictions"),
        ("instrument", "instruments", "no policy instruments"),
    ],
)
def test_a_kind_the_store_never_recorded_is_refused_in_one_line(kind, strip, message):
    docs = [{k: v for k, v in d.items() if k != strip} for d in DOCUMENTS]
    items = [{k: v for k, v in i.items() if k != strip} for i in ITEMS]
    with pytest.raises(NoData, match=message) as caught:
        build_matrix(items, docs, kind, "pollutant", {})
    assert "\n" not in str(caught.value)


def test_targets_without_indicator_concepts_are_refused_as_indicator_columns():
    items = [
        {**i, "targets": [{**t, "indicator": "PM2.5浓度"} for t in i["targets"]]} for i in ITEMS
    ]
    with pytest.raises(NoData, match="no indicator concepts"):
        build_matrix(items, DOCUMENTS, "document", "indicator", {})


def test_documents_without_a_jurisdiction_are_named_not_counted(trees):
    docs = [{**d, "jurisdiction": None} if d["id"] == "doc-96da69b1b4" else d for d in DOCUMENTS]
    m = build_matrix(ITEMS, docs, "jurisdiction", "pollutant", trees)
    assert m.unplaced == ["doc-96da69b1b4"]
    assert "region/440300" not in {r["id"] for r in m.rows}
    assert build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees).unplaced == []


def test_json_lists_rows_columns_and_non_empty_cells(trees):
    m = build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees)
    out = m.to_json()
    assert set(out) == {"rows", "cols", "cells"}
    assert out["rows"][0] == {"id": "region/100000", "label": "中华人民共和国", "code": "100000"}
    assert all(set(c) == {"id", "label"} for c in out["cols"])
    assert all(c["units"] > 0 and 0 < c["documents"] <= c["units"] for c in out["cells"])
    soil = next(
        c for c in out["cells"] if c["row"] == "region/370000" and c["col"] == "pollutant/tailings"
    )
    tailings = _units(ITEMS, _naming({"尾矿"}, _docs_of("370000")))
    assert len(tailings) == 4
    assert soil == {
        "row": "region/370000",
        "col": "pollutant/tailings",
        "units": len(tailings),
        "documents": 1,
    }


# ---- orders ----


def test_cluster_order_puts_rows_with_similar_profiles_side_by_side():
    rows = [
        [9, 8, 0, 0],  # air
        [0, 0, 7, 9],  # soil
        [8, 9, 1, 0],  # air
        [0, 0, 0, 0],  # nothing
        [0, 1, 9, 7],  # soil
    ]
    order = cluster_order(rows)
    assert sorted(order) == list(range(5))
    assert order[-1] == 3  # empty rows last
    position = {r: i for i, r in enumerate(order)}
    assert abs(position[0] - position[2]) == 1
    assert abs(position[1] - position[4]) == 1
    assert cluster_order(rows) == order  # deterministic


def test_every_order_is_a_permutation_and_total_puts_the_fullest_first(trees):
    m = build_matrix(ITEMS, DOCUMENTS, "document", "pollutant", trees)
    orders = m.orders()
    for axis, n in (("rows", len(m.rows)), ("cols", len(m.cols))):
        for order in orders[axis].values():
            assert sorted(order) == list(range(n))
    by_total = m.reordered("total")
    sums = [sum(r) for r in by_total.table()]
    assert sums == sorted(sums, reverse=True)


def test_tree_depth_survives_a_cycle():
    from policykg.graph.matrix import Concept

    tree = Tree([Concept("a", "A", broader=("b",)), Concept("b", "B", broader=("a",))])
    assert tree.depth("a") == tree.depth("b") == 1
    assert tree.ancestors("a") == {"a", "b"}


# ---- the command ----


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_command_offers_the_kinds_the_module_counts():
    assert MATRIX_ROWS == ROW_KINDS
    assert MATRIX_COLS == COL_KINDS


def test_matrix_command_prints_json_csv_and_a_table(built_store):
    store = ["--store", str(built_store)]
    out = json.loads(_run("matrix", *store, "--rows", "document", "--format", "json").stdout)
    assert [r["id"] for r in out["rows"]] == ["plan-2016-eco-env-protection"]
    mercury = next(c for c in out["cells"] if c["col"] == "pollutant/mercury")
    assert mercury["units"] >= 2 and mercury["documents"] == 1

    csv = _run("matrix", *store, "--rows", "document", "--depth", "1", "--format", "csv").stdout
    head, row = csv.splitlines()
    assert head.startswith("id,label,code,") and "重金属" in head
    assert row.startswith("plan-2016-eco-env-protection,“十三五”生态环境保护规划,,")

    table = _run("matrix", *store, "--rows", "document", "--col", "镉", "--col", "汞")
    assert table.exit_code == 0, table.output
    assert "镉" in table.stdout and "1 row(s) × 2 column(s)" in table.stdout


def test_matrix_output_is_the_same_bytes_every_time(built_store):
    args = ["matrix", "--store", str(built_store), "--rows", "region", "--format", "json"]
    assert _run(*args).stdout == _run(*args).stdout


def test_an_unknown_column_is_one_line_on_stderr(built_store):
    result = _run("matrix", "--store", str(built_store), "--rows", "document", "--col", "无此物")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no pollutant matches '无此物'")
    assert result.stderr.count("\n") == 1


# ---- the heatmap page ----


@pytest.fixture(scope="module")
def page(trees, tmp_path_factory):
    from policykg.graph.heatmap import render_matrix_html

    items = [dict(i) for i in ITEMS]
    k = next(n for n, i in enumerate(items) if _naming({"大气污染物"}, _docs_of("100000"))(i))
    items[k] = {**items[k], "title": HOSTILE, "text": items[k]["text"] + HOSTILE}
    m = build_matrix(items, DOCUMENTS, "jurisdiction", "pollutant", trees)
    path = tmp_path_factory.mktemp("heatmap") / "matrix.html"
    path.write_text(render_matrix_html(m, items, DOCUMENTS, "管辖地 × 污染物"), encoding="utf-8")
    return path, m, items


def test_heatmap_page_loads_nothing_and_keeps_text_as_data(page):
    html = page[0].read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    assert "default-src 'none'" in html.replace("&#39;", "'")
    assert HOSTILE not in html
    assert html.count("</script") == 2
    block = re.search(
        r'<script id="policykg-data" type="application/json">(.*?)</script>', html, re.S
    )
    data = json.loads(block.group(1))
    assert any(u["title"] == HOSTILE for u in data["units"])
    assert set(data["orders"]["rows"]) == {"natural", "total", "cluster"}


@pytest.mark.browser
def test_heatmap_in_chromium_sorts_hovers_and_lists_a_cells_units(page, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    path, m, items = page
    open_page(browser, path)
    cells = browser.find_elements(By.CSS_SELECTOR, "td.cell")
    assert len(cells) == len(m.rows) * len(m.cols)

    # hover: the tooltip gives the count
    national = m.rows.index(next(r for r in m.rows if r["code"] == "100000"))
    air = m.cols.index(next(c for c in m.cols if c["label"] == "大气污染物"))
    target = browser.find_element(By.CSS_SELECTOR, f'td[data-row="{national}"][data-col="{air}"]')
    ActionChains(browser).move_to_element(target).perform()
    tip = browser.find_element(By.ID, "tooltip")
    count = m.count(m.rows[national]["id"], m.cols[air]["id"])
    assert tip.is_displayed() and f"中华人民共和国 × 大气污染物: {count} 条 units" in tip.text

    # click: the units are listed with title, document and a citation
    target.click()
    listed = browser.find_elements(By.CSS_SELECTOR, "#details-units li")
    assert len(listed) == count
    expected = {i["id"] for i in items} & m.cells[(m.rows[national]["id"], m.cols[air]["id"])]
    assert {li.get_attribute("data-unit") for li in listed} == expected
    first = listed[0].text
    assert "中华人民共和国大气污染防治法" in first and "《中华人民共和国大气污染防治法》" in first
    hostile = browser.execute_script(
        "return [...document.querySelectorAll('.unit-title')].map(e => e.textContent)"
    )
    assert HOSTILE in hostile  # shown as text, never run
    assert browser.execute_script("return document.querySelectorAll('#details script').length") == 0

    # sort the rows by one column: its counts come out in descending order
    browser.find_element(By.CSS_SELECTOR, f'th.col-head[data-col="{air}"]').click()
    shown = [
        int(td.text or 0) for td in browser.find_elements(By.CSS_SELECTOR, f'td[data-col="{air}"]')
    ]
    assert shown == sorted(shown, reverse=True) and shown[0] > 0
    assert_offline_and_clean(browser)


# ---- the figure ----


def test_heatmap_figure_is_drawn_with_a_chinese_font(trees, tmp_path):
    from policykg.graph.figures import cjk_font, heatmap_figure

    pytest.importorskip("matplotlib")
    m = build_matrix(ITEMS, DOCUMENTS, "jurisdiction", "pollutant", trees, depth=1)
    heatmap_figure(m, tmp_path / "m.png", "管辖地 × 污染物")
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    heatmap_figure(m, tmp_path / "m.svg", "管辖地 × 污染物")
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert cjk_font() in svg and "大气污染物" in svg and "中华人民共和国" in svg


def test_a_machine_without_a_chinese_font_gets_one_line_naming_the_package(
    built_store, monkeypatch, tmp_path
):
    from matplotlib import font_manager

    from policykg.graph import figures

    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    figures.cjk_font.cache_clear()
    try:
        result = _run(
            "matrix",
            "--store",
            str(built_store),
            "--rows",
            "document",
            "--png",
            str(tmp_path / "m.png"),
        )
    finally:
        figures.cjk_font.cache_clear()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no font with Chinese characters")
    assert "fonts-noto-cjk" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "m.png").exists()


# ---- real builds ----


def _json(*args: str):
    result = _run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_jurisdiction_rows_of_real_regulations_follow_what_each_document_governs(
    regulations_store,
):
    store = ["--store", str(regulations_store)]
    by_city = _json("matrix", *store, "--rows", "jurisdiction")
    assert by_city["rows"] == [
        {"id": "region/100000", "label": "中华人民共和国", "code": "100000"},
        {"id": "region/370000", "label": "山东省", "code": "370000"},
        {"id": "region/440300", "label": "深圳市", "code": "440300"},
        {"id": "region/500000", "label": "重庆市", "code": "500000"},  # 石柱's county
    ]
    by_province = _json("matrix", *store, "--rows", "jurisdiction", "--level", "province")
    assert [r["label"] for r in by_province["rows"]] == [
        "中华人民共和国",
        "山东省",
        "广东省",
        "重庆市",
    ]

    # the nation's 扬尘 cell holds the air law's units that name 扬尘, as measures lists them
    dust = _json("measures", *store, "--pollutant", "扬尘", "--exact")
    cell = next(
        c
        for c in by_city["cells"]
        if (c["row"], c["col"]) == ("region/100000", "pollutant/fugitive-dust")
    )
    assert cell == {
        "row": "region/100000",
        "col": "pollutant/fugitive-dust",
        "units": len(dust),
        "documents": 1,
    }
    # the green-building rules' 建筑垃圾 articles count under 深圳市 and roll up to 固体废物
    top = _json("matrix", *store, "--rows", "jurisdiction", "--depth", "1")
    waste = next(
        c
        for c in top["cells"]
        if (c["row"], c["col"]) == ("region/440300", "pollutant/solid-waste")
    )
    named = _json("measures", *store, "--doc", "doc-96da69b1b4")
    wastes = {"固体废物", "建筑垃圾"}  # 建筑垃圾 lies under 固体废物
    assert waste["units"] == sum(1 for i in named if wastes & {p["label"] for p in i["pollutants"]})


def test_a_real_heatmap_page_and_figure_are_written_beside_the_table(regulations_store, tmp_path):
    page, figure = tmp_path / "m.html", tmp_path / "m.png"
    result = _run(
        "matrix", "--store", str(regulations_store), "--rows", "jurisdiction", "--depth", "1",
        "--order", "cluster", "--html", str(page), "--png", str(figure),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "中华人民共和国" in result.stdout and "4 row(s)" in result.stdout
    assert "深圳经济特区绿色建筑条例" in page.read_text(encoding="utf-8")
    assert figure.read_bytes()[:4] == b"\x89PNG"


def test_instrument_rows_and_indicator_columns_of_a_real_plan_match_its_items(built_store):
    store = ["--store", str(built_store)]
    items = _json("measures", *store)
    m = _json("matrix", *store, "--rows", "instrument", "--cols", "indicator")
    instruments = {x["id"]: x["label_zh"] for i in items for x in i["instruments"]}
    assert {r["id"]: r["label"] for r in m["rows"]} == instruments
    indicators = {t["indicator"]["id"] for i in items for t in i["targets"] if t["indicator"]}
    assert indicators and {c["id"] for c in m["cols"]} == indicators
    for cell in m["cells"]:
        expected = {
            i["id"]
            for i in items
            if any(x["id"] == cell["row"] for x in i["instruments"])
            and any((t["indicator"] or {}).get("id") == cell["col"] for t in i["targets"])
        }
        assert cell["units"] == len(expected)


def test_matrix_and_its_page_import_no_nlp_library(built_store, tmp_path):
    import subprocess
    import sys

    args = ["matrix", "--store", str(built_store), "--rows", "document", "--format", "json"]
    code = (
        "import sys\nfrom policykg import cli\n"
        "try:\n"
        f"    cli.main({[*args, '--html', str(tmp_path / 'm.html')]!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'jieba', 'jionlp'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stderr and (tmp_path / "m.html").is_file()
