"""The graph view (networkx, GraphML, GEXF) and the self-contained HTML page.

The fixture is real measures from plan-2016-eco with true offsets, plus one measure whose
text carries markup, to prove that document text can never become markup in the page.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import networkx as nx
import pytest

from policykg.graph.html import _vis_assets, json_for_script, render_html
from policykg.graph.view import build_view, write_gexf, write_graphml
from tests.browser import assert_offline_and_clean, open_page
from tests.conftest import PLAN

DATA = Path(__file__).parent / "data" / "viz_items.json"
DOC_ID = "plan-2016-eco"
DOCUMENTS = [{"id": DOC_ID, "title": "“十三五”生态环境保护规划", "number": "国发〔2016〕65号"}]
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "</script>")
CDN_HOSTS = ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrapcdn", "cloudflare")


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(items):
    return build_view(items, DOCUMENTS)


@pytest.fixture(scope="module")
def html(graph):
    return render_html(graph, "“十三五”生态环境保护规划 · 措施")


def _unit(items, title_start):
    return next(i for i in items if i["title"].startswith(title_start))


def _data_block(page):
    match = re.search(
        r'<script id="policykg-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert match, "no JSON data block"
    return match.group(1)


# ---- the networkx view ----


def test_view_has_one_node_per_unit_division_and_concept(items, graph):
    types = nx.get_node_attributes(graph, "type")
    expected = {i["id"]: "unit" for i in items}
    for item in items:
        for p in item["parents"]:
            expected[p["id"]] = p["type"]
        for key, kind in (("pollutants", "pollutant"), ("regions", "region"), ("actors", "actor")):
            expected.update({m["id"]: kind for m in item[key]})
        expected.update({f"deadline/{d['date']}": "deadline" for d in item["deadlines"]})
    expected[DOC_ID] = "document"
    targets = {n for n, t in types.items() if t == "target"}
    assert len(targets) == sum(len(i["targets"]) for i in items)
    assert {n: t for n, t in types.items() if t != "target"} == expected


def test_view_links_units_to_concepts_with_typed_edges(items, graph):
    mercury = _unit(items, "加强汞污染控制")["id"]
    regions = _unit(items, "深化重点区域分类防控")["id"]
    justice = _unit(items, "推进环境司法")["id"]
    section = f"{DOC_ID}/chapter-6/section-2"
    assert graph.has_edge(mercury, "pollutant/mercury", key="mentions_pollutant")
    assert graph.has_edge(mercury, section, key="part_of")
    assert graph.has_edge(section, f"{DOC_ID}/chapter-6", key="part_of")
    assert graph.has_edge(f"{DOC_ID}/chapter-6", DOC_ID, key="part_of")
    assert graph.has_edge(regions, "region/433124", key="concerns_region")
    assert graph.has_edge(regions, "deadline/2018-12-31", key="has_deadline")
    assert graph.has_edge(justice, "actor/mee", key="lead")
    assert graph.has_edge(justice, "actor/courts", key="participant")
    (target,) = [v for _, v, k in graph.out_edges(mercury, keys=True) if k == "has_target"]
    assert graph.nodes[target]["value"] == 50.0
    assert graph.nodes[target]["baseline"] == 2010
    relations = {d["relation"] for *_, d in graph.edges(data=True)}
    assert relations == {
        "part_of",
        "mentions_pollutant",
        "concerns_region",
        "has_deadline",
        "has_target",
        "lead",
        "participant",
    }


def test_unit_nodes_carry_text_first_sentence_and_source_location(items, graph):
    item = _unit(items, "加强汞污染控制")
    node = graph.nodes[item["id"]]
    assert node["label"] == "加强汞污染控制"
    assert node["text"] == item["text"]
    assert node["sentence"] == "加强汞污染控制。"
    assert (node["document"], node["char_start"], node["char_end"]) == (DOC_ID, 1, 130)
    assert node["path"] == "第六章 › 第二节 加大重金属污染防治力度"
    original = PLAN.read_text(encoding="utf-8")
    assert original[node["char_start"] : node["char_end"]].replace("\n", "") == item["text"]


def test_every_attribute_is_a_scalar_gephi_and_cytoscape_accept(graph):
    values = [v for _, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_, d in graph.edges(data=True) for v in d.values()]
    assert all(isinstance(v, str | int | float) for v in values)


def test_graphml_and_gexf_round_trip_with_labels_and_types(graph, tmp_path):
    write_graphml(graph, tmp_path / "g.graphml")
    write_gexf(graph, tmp_path / "g.gexf")
    for back in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert set(back.nodes) == set(graph.nodes)
        assert back.number_of_edges() == graph.number_of_edges()
        assert nx.get_node_attributes(back, "type") == nx.get_node_attributes(graph, "type")
        assert nx.get_node_attributes(back, "label") == nx.get_node_attributes(graph, "label")
    assert b"lastmodifieddate" not in (tmp_path / "g.gexf").read_bytes()
    assert b'mode="static"' in (tmp_path / "g.gexf").read_bytes()


def test_same_input_gives_the_same_bytes_whatever_the_item_order(items, tmp_path):
    outputs = []
    for n, order in enumerate((items, items, list(reversed(items)))):
        g = build_view(order, DOCUMENTS)
        write_graphml(g, tmp_path / f"{n}.graphml")
        write_gexf(g, tmp_path / f"{n}.gexf")
        outputs.append(
            (
                (tmp_path / f"{n}.graphml").read_bytes(),
                (tmp_path / f"{n}.gexf").read_bytes(),
                render_html(g, "t"),
            )
        )
    assert outputs[0] == outputs[1] == outputs[2]


def test_only_documents_holding_a_selected_unit_are_drawn(items):
    documents = [*DOCUMENTS, {"id": "law-unrelated", "title": "不相干的法"}]
    g = build_view(items, documents)
    assert "law-unrelated" not in g
    assert g.nodes[DOC_ID]["label"] == DOCUMENTS[0]["title"]
    assert g.nodes[DOC_ID]["units"] == len(items)


def test_every_drawn_node_has_an_edge_and_every_unit_reaches_its_document(graph):
    assert min(d for _, d in graph.degree()) >= 1
    structure = nx.DiGraph((u, v) for u, v, k in graph.edges(keys=True) if k == "part_of")
    for unit, data in graph.nodes(data=True):
        if data["type"] == "unit":
            assert nx.has_path(structure, unit, data["document"])


def test_articles_are_drawn_and_labelled_as_articles_measures_as_measures(items):
    from policykg.graph.html import graph_data

    article = {**items[0], "id": "law/u-1", "kind": "article", "number": 12, "title": None}
    titled = {**items[0], "id": "law/u-2", "kind": "article", "number": 35, "title": "第35条"}
    law = [{**a, "source": {**a["source"], "document": "law"}} for a in (article, titled)]
    g = build_view([*items, *law], [*DOCUMENTS, {"id": "law", "title": "某法"}])
    assert g.nodes["law/u-1"]["label"] == "第十二条"
    assert g.nodes["law/u-2"]["label"] == "第35条"
    data = graph_data(g, "t")
    assert data["attrs"]["law/u-1"]["type"] == "article"
    measure = _unit(items, "加强汞污染控制")["id"]
    assert data["attrs"][measure]["type"] == "measure"
    legend = {t["type"]: t["label"] for t in data["types"]}
    assert legend["article"] == "条 article" and legend["measure"] == "措施 measure"


def test_concepts_are_sized_by_the_units_that_name_them(items, graph):
    from policykg.graph.html import graph_data

    naming = {i["id"] for i in items for p in i["pollutants"] if p["id"] == "pollutant/mercury"}
    assert graph.nodes["pollutant/mercury"]["units"] == len(naming) > 1
    once = next(
        n for n, d in graph.nodes(data=True) if d["type"] == "pollutant" and d["units"] == 1
    )
    vis = {n["id"]: n for n in graph_data(graph, "t")["nodes"]}
    assert vis["pollutant/mercury"]["size"] > vis[once]["size"]


# ---- the HTML page ----


def test_html_loads_nothing_from_the_network(html):
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert '<link rel="stylesheet"' not in html
    assert not any(host in html.lower() for host in CDN_HOSTS)
    # The only URLs are licence and namespace strings inside the inlined vis-network library.
    vis_js, vis_css = _vis_assets()
    ours = html.replace(vis_js, "").replace(vis_css, "")
    assert not re.search(r"https?://", ours)
    assert "default-src 'none'" in html.replace("&#39;", "'")


def test_hostile_text_is_present_only_escaped(items, html):
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror=alert(2)>" not in html
    # "</script>" itself is legitimate markup: it may close our three script elements only.
    assert html.count("</script") == 3
    assert "<!--" not in html
    block = _data_block(html)
    assert not set(block) & set("<>&\u2028\u2029")
    data = json.loads(block)
    hostile = _unit(items, "推进放射性污染防治")
    text = data["attrs"][hostile["id"]]["text"]
    assert all(raw in text for raw in HOSTILE)


def test_json_for_script_escapes_everything_that_could_end_the_block():
    text = json_for_script({"t": "a</script><!-- & \u2028\u2029 >"})
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == {"t": "a</script><!-- & \u2028\u2029 >"}


def test_html_offers_legend_search_and_details_for_every_type(graph, html):
    data = json.loads(_data_block(html))
    assert [t["type"] for t in data["types"]] == [
        "document",
        "chapter",
        "section",
        "box",
        "measure",
        "box-item",
        "pollutant",
        "region",
        "actor",
        "deadline",
        "target",
    ]
    assert sorted(n["id"] for n in data["nodes"]) == sorted(graph.nodes)
    assert all("title" not in n for n in data["nodes"]), "tooltips are built as DOM nodes"
    assert "Noto Sans CJK SC" in data["options"]["nodes"]["font"]["face"]
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 400
    for element in ('id="search-input"', 'id="legend-types"', 'id="details-text"'):
        assert element in html


# ---- the page in a real browser ----


def _synthetic_items(n_units: int) -> list[dict]:
    """Measures spread over chapters and sections, mentioning shared concepts: ~2,000 nodes."""
    out = []
    for u in range(n_units):
        ch, sec = u % 10 + 1, u % 50 + 1
        parents = [
            {"type": "chapter", "number": ch, "title": f"章{ch}", "id": f"syn/chapter-{ch}"},
            {
                "type": "section",
                "number": sec,
                "title": f"节{sec}",
                "id": f"syn/chapter-{ch}/s-{sec}",
            },
        ]
        mention = {"start": 0, "end": 1, "sentence": 0}
        out.append(
            {
                "id": f"syn/u-{u:05d}",
                "title": f"措施{u}",
                "kind": "measure",
                "number": None,
                "parents": parents,
                "text": f"措施{u}。加强污染物{u % 200}控制。",
                "source": {"document": "syn", "start": u * 10, "end": u * 10 + 9},
                "sentences": [
                    {"index": 0, "text": f"措施{u}。", "start": u * 10, "end": u * 10 + 4}
                ],
                "pollutants": [
                    {"label": f"污染物{p}", "id": f"pollutant/p{p}", "text": "污", **mention}
                    for p in (u % 200, (u * 7) % 200)
                ],
                "regions": [
                    {"label": f"地区{u % 180}", "code": str(u % 180), "text": "地", **mention}
                ],
                "actors": [{"label": f"部门{u % 30}", "role": "lead", "text": "部", **mention}],
                "deadlines": [{"text": "年底前", "date": f"{2016 + u % 5}-12-31", **mention}],
                "targets": [],
            }
        )
    return out


@pytest.mark.browser
def test_page_works_offline_in_headless_chromium(items, graph, html, browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = tmp_path / "viz.html"
    page.write_text(html, encoding="utf-8")
    open_page(browser, page)
    network = "window.policykgNetwork"

    drawn = browser.execute_script(f"return {network}.body.data.nodes.getIds()")
    assert sorted(drawn) == sorted(graph.nodes)
    assert browser.execute_script(f"return {network}.physics.options.enabled") is False

    # Search: type a label, the node is selected and its details shown.
    mercury = _unit(items, "加强汞污染控制")
    box = browser.find_element(By.ID, "search-input")
    box.send_keys("加强汞污染控制", Keys.ENTER)
    assert browser.execute_script(f"return {network}.getSelectedNodes()") == [mercury["id"]]
    assert browser.find_element(By.ID, "details-label").text == "加强汞污染控制"
    assert "第二节 加大重金属污染防治力度" in browser.find_element(By.ID, "details-fields").text

    # Click the hostile measure where it is drawn: its text must show as literal characters.
    hostile = _unit(items, "推进放射性污染防治")
    browser.execute_script(f"{network}.focus(arguments[0], {{scale: 1.4}})", hostile["id"])
    x, y = browser.execute_script(
        f"var n = {network}, p = n.getPositions([arguments[0]])[arguments[0]];"
        "var d = n.canvasToDOM(p); return [d.x, d.y];",
        hostile["id"],
    )
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()
    assert browser.execute_script(f"return {network}.getSelectedNodes()") == [hostile["id"]]
    assert browser.find_element(By.ID, "details-label").text == hostile["title"]
    shown = browser.execute_script("return document.getElementById('details-text').textContent")
    assert shown == hostile["text"] and all(raw in shown for raw in HOSTILE)
    assert browser.execute_script("return document.querySelectorAll('body img').length") == 0
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check

    # Hide a type with its checkbox.
    browser.find_element(By.CSS_SELECTOR, 'input[data-type="pollutant"]').click()
    hidden = browser.execute_script(
        f"return {network}.body.data.nodes.get({{filter: n => n.hidden}}).map(n => n.type)"
    )
    assert hidden and set(hidden) == {"pollutant"}

    if shot := os.environ.get("POLICYKG_SCREENSHOT"):
        browser.find_element(By.CSS_SELECTOR, 'input[data-type="pollutant"]').click()
        browser.execute_script(f"{network}.fit()")
        browser.find_element(By.ID, "search-input").clear()
        browser.find_element(By.ID, "search-input").send_keys("深化重点区域分类防控", Keys.ENTER)
        browser.execute_script(
            "document.querySelectorAll('.vis-tooltip').forEach(t => t.style.visibility = 'hidden')"
        )
        time.sleep(0.6)
        browser.save_screenshot(shot)
    assert_offline_and_clean(browser)


@pytest.mark.browser
def test_a_2000_node_graph_of_one_document_settles_and_stops_physics(browser, tmp_path):
    g = build_view(_synthetic_items(1530), [{"id": "syn", "title": "合成 synthetic"}])
    assert g.number_of_nodes() >= 2000
    page = tmp_path / "big.html"
    page.write_text(render_html(g, "synthetic"), encoding="utf-8")
    open_page(browser, page)  # how fast: bench/viz.py
    network = "window.policykgNetwork"
    assert browser.execute_script(f"return {network}.body.data.nodes.length") == g.number_of_nodes()
    assert browser.execute_script(f"return {network}.physics.options.enabled") is False
    assert_offline_and_clean(browser)


def corpus_items(n_docs: int, per_doc: int = 5) -> tuple[list[dict], list[dict]]:
    """A selection spread over ``n_docs`` regulations: articles in chapters naming shared
    pollutants, places and bodies, as a pollutant filter over a folder of local rules gives."""
    items, docs = [], []
    for d in range(n_docs):
        doc = f"reg-{d:03d}"
        docs.append(
            {"id": doc, "title": f"某市大气污染防治条例{d:03d}（示例，名称较长以测试标签截断）"}
        )
        for a in range(per_doc):
            number = 10 + a
            chapter = {
                "type": "chapter",
                "number": 1 + a // 3,
                "title": "防治措施",
                "id": f"{doc}/chapter-{1 + a // 3}",
            }
            mention = {"start": 0, "end": 2, "sentence": 0}
            items.append(
                {
                    "id": f"{doc}/u-{a:02d}",
                    "title": f"第{number}条",
                    "kind": "article",
                    "number": number,
                    "parents": [chapter],
                    "text": f"第{number}条 施工单位应当采取扬尘污染防治措施。",
                    "source": {"document": doc, "start": 100 * a, "end": 100 * a + 30},
                    "sentences": [
                        {
                            "index": 0,
                            "text": f"第{number}条 施工单位应当采取扬尘污染防治措施。",
                            "start": 100 * a,
                            "end": 100 * a + 30,
                        }
                    ],
                    "pollutants": [
                        {
                            "label": "扬尘",
                            "id": "pollutant/fugitive-dust",
                            "text": "扬尘",
                            **mention,
                        },
                        {
                            "label": f"污染物{(d + a) % 40}",
                            "id": f"pollutant/p{(d + a) % 40}",
                            "text": "污",
                            **mention,
                        },
                    ],
                    "regions": [
                        {
                            "label": f"地区{d % 60}",
                            "code": f"{370100 + d % 60}",
                            "id": f"region/{370100 + d % 60}",
                            "text": "地",
                            **mention,
                        }
                    ],
                    "actors": [
                        {
                            "label": f"部门{(d * 3 + a) % 45}",
                            "id": f"actor/a{(d * 3 + a) % 45}",
                            "role": "responsible",
                            "text": "部",
                            **mention,
                        }
                    ],
                    "deadlines": [],
                    "targets": [],
                }
            )
    return items, docs


def test_a_dense_selection_is_folded_by_document_with_a_layout_for_each():
    from policykg.graph.html import LABEL_LIMIT, graph_data

    items, docs = corpus_items(150)
    silent = {**items[0], "id": "quiet/u-1", "source": {"document": "quiet", "start": 0, "end": 9}}
    silent.update(parents=[], pollutants=[], regions=[], actors=[])
    data = graph_data(build_view([*items, silent], [*docs, {"id": "quiet"}]), "t")
    assert [c["document"] for c in data["clusters"]] == [d["id"] for d in docs]
    # a document whose units name no concept would be an island if folded: it stays open
    assert "cid" not in next(n for n in data["nodes"] if n["id"] == "quiet/u-1")
    nodes = {n["id"]: n for n in data["nodes"]}
    for item in items:
        doc = item["source"]["document"]
        assert nodes[item["id"]]["cid"] == doc == nodes[item["parents"][0]["id"]]["cid"]
    assert all(
        "cid" not in n
        for n in nodes.values()
        if n["type"] in ("document", "pollutant", "actor", "region")
    )
    first = [n for n in nodes.values() if n.get("cid") == "reg-000"]
    assert len({(n["dx"], n["dy"]) for n in first}) == len(first)  # nobody on top of another
    assert all(len(n["label"]) <= LABEL_LIMIT + len(" (5)") for n in nodes.values())
    assert data["attrs"]["reg-000"]["label"] == docs[0]["title"]  # the panel has it all


@pytest.mark.browser
def test_a_150_document_selection_settles_folded_and_opens_a_document_on_click(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    items, docs = corpus_items(150)
    g = build_view(items, docs)
    page = tmp_path / "corpus.html"
    page.write_text(render_html(g, "150 documents"), encoding="utf-8")
    open_page(browser, page)  # how fast: bench/viz.py
    network = "window.policykgNetwork"
    assert browser.execute_script(f"return {network}.physics.options.enabled") is False
    drawn = set(browser.execute_script(f"return {network}.body.data.nodes.getIds()"))
    concepts = {n for n, d in g.nodes(data=True) if d["type"] in ("pollutant", "region", "actor")}
    assert drawn == {d["id"] for d in docs} | concepts
    edges = browser.execute_script(
        f"return {network}.body.data.edges.get().map(e => ({{from: e.from, to: e.to}}))"
    )
    assert {e["from"] for e in edges} == {d["id"] for d in docs}  # folded: one edge per concept
    assert all(e["to"] in concepts for e in edges)

    # a click on a document opens it: its chapter and articles appear around it
    browser.execute_script(f"{network}.moveTo({{scale: 1.0}})")
    doc, x, y = browser.execute_script(
        f"var n = {network};"
        "for (var id of arguments[0]) {"
        "  var d = n.canvasToDOM(n.getPositions([id])[id]);"
        "  var w = n.canvas.frame.canvas.clientWidth, h = n.canvas.frame.canvas.clientHeight;"
        "  if (d.x > 0 && d.y > 0 && d.x < w && d.y < h && n.getNodeAt(d) === id) return [id, d.x, d.y];"
        "}",
        [d["id"] for d in docs],
    )  # the first document not hidden under another one
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()
    drawn = set(browser.execute_script(f"return {network}.body.data.nodes.getIds()"))
    mine = {n for n, d in g.nodes(data=True) if d.get("document") == doc} - {doc}
    assert mine and mine <= drawn
    title = next(d["title"] for d in docs if d["id"] == doc)
    assert browser.find_element(By.ID, "details-label").text == title
    degree = browser.execute_script(
        f"var n = {network}; return arguments[0].map(id => n.getConnectedEdges(id).length)",
        sorted(mine),
    )
    assert min(degree) >= 1

    # searching a unit of a folded document opens that document and selects the unit
    box = browser.find_element(By.ID, "search-input")
    box.send_keys("reg-099/u-03", Keys.ENTER)
    assert browser.execute_script(f"return {network}.getSelectedNodes()") == ["reg-099/u-03"]
    assert_offline_and_clean(browser)


# ---- the static figure ----


def test_viz_png_draws_the_selection_without_a_browser(built_store, tmp_path):
    from click.testing import CliRunner

    from policykg.cli import main
    from policykg.graph.figures import cjk_font

    out = tmp_path / "mercury.svg"
    args = ["viz", "--store", str(built_store), "--pollutant", "汞", "--png", str(out)]
    result = CliRunner().invoke(main, [*args, "--title", "汞 mercury"])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert cjk_font() in svg and "汞 mercury" in svg and "加强汞污染控制" in svg
    png = tmp_path / "mercury.png"
    assert CliRunner().invoke(main, [*args[:-1], str(png)]).exit_code == 0
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_viz_refuses_a_figure_too_big_to_read_and_a_call_with_no_output(
    built_store, tmp_path, monkeypatch
):
    from click.testing import CliRunner

    from policykg.cli import main
    from policykg.graph import figures

    monkeypatch.setattr(figures, "MAX_GRAPH_NODES", 50)  # the plan alone draws more
    store = ["viz", "--store", str(built_store)]
    result = CliRunner().invoke(main, [*store, "--png", str(tmp_path / "all.png")])
    assert result.exit_code == 1
    assert "too many for a static figure (at most 50)" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "all.png").exists()
    result = CliRunner().invoke(main, store)
    assert result.exit_code == 1 and "give -o FILE.html, --png FILE, or both" in result.stderr


def test_real_regulations_draw_connected_articles_folded_by_document(regulations_store, tmp_path):
    from click.testing import CliRunner

    from policykg.cli import main
    from policykg.graph.html import graph_data

    store = ["--store", str(regulations_store)]
    items = json.loads(CliRunner().invoke(main, ["measures", *store, "--format", "json"]).stdout)
    docs = json.loads(CliRunner().invoke(main, ["docs", *store, "--format", "json"]).stdout)
    g = build_view(items, docs)
    assert min(d for _, d in g.degree()) >= 1
    data = graph_data(g, "t")
    assert len(data["clusters"]) == len(docs) == 4
    articles = [i for i in items if i["kind"] == "article"]
    assert len(articles) > 300
    for item in articles:
        node = data["attrs"][item["id"]]
        assert node["type"] == "article" and re.fullmatch(r"第\d+条", node["label"])
    page = tmp_path / "regulations.html"
    result = CliRunner().invoke(main, ["viz", *store, "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert f"{g.number_of_nodes()} nodes" in result.stdout
