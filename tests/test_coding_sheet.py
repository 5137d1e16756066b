"""The coding sheet (编码表): a row per unit with a hierarchical code, as xlsx and CSV, that opens
in a spreadsheet (openpyxl reads it back; LibreOffice converts it when it is installed)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from collections import Counter

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph.coding_sheet import (
    CODE_RULES,
    COLUMNS,
    FIXED_TIME,
    KEYS,
    ZIP_TIME,
    cells,
    coding_xlsx,
    unit_codes,
)

PLAN = "plan-2016-eco-env-protection"
LAW = "law-air-pollution-2018"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _item(uid, kind, number=None, parents=(), doc="d"):
    return {
        "id": uid,
        "kind": kind,
        "number": number,
        "parents": [{"type": t, "number": n, "id": i, "title": None} for t, n, i in parents],
        "source": {"document": doc, "start": 0, "end": 1},
    }


def _workbook(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


# ---- codes ----


def test_codes_follow_the_plans_chapters_sections_boxes_and_measures(plan_kg):
    codes = {r["title"]: r["code"] for r in plan_kg.coding_sheet()}
    assert codes["加强汞污染控制"] == "1-6-2-3"  # the third measure of 第六章 第二节
    assert codes["泰州靖江市（电镀行业综合整治）"] == "1-6-2-5-1-1"  # 专栏5 （一） first item
    rows = plan_kg.coding_sheet()
    opening = next(r for r in rows if r["kind"] == "intro" and r["place"].startswith("第七章"))
    assert opening["code"] == "1-7-0-1"  # a chapter's opening paragraph: 0, then its position


def test_a_law_is_coded_by_chapter_section_and_article_number(corpus_kg):
    rows = {(r["document"], r["number"]): r["code"] for r in corpus_kg.coding_sheet()}
    law = {n: code.split("-", 1)[1] for (d, n), code in rows.items() if d == LAW and n}
    assert law[1] == "1-1" and law[45] == "4-2-45" and law[100] == "7-100" and law[129] == "8-129"


def test_codes_are_unique_and_documents_are_numbered_by_date(corpus_kg):
    rows = corpus_kg.coding_sheet()
    codes = Counter(r["code"] for r in rows)
    assert len(rows) > 2000 and codes.most_common(1)[0][1] == 1
    firsts = {}
    for r in rows:
        firsts.setdefault(
            int(r["code"].split("-")[0]), (r["doc_date"] is None, r["doc_date"] or "")
        )
    dated = [firsts[k] for k in sorted(firsts)]
    assert dated == sorted(dated)
    assert [int(r["code"].split("-")[0]) for r in rows] == sorted(
        int(r["code"].split("-")[0]) for r in rows
    )


def test_unnumbered_levels_and_repeated_numbers_are_coded_by_the_rules():
    items = [
        _item("t", "intro"),  # the title and preamble before the articles
        _item("p", "paragraph"),
        _item("a1", "article", 1),
        _item("a2", "article", 2),
        _item("x", "measure"),  # unnumbered, beside numbered items
        _item("a2bis", "article", 2),  # the document repeats a number
        _item("c1", "intro", parents=[("chapter", None, "ch-a")]),  # an unnumbered chapter
        _item("m1", "measure", parents=[("chapter", None, "ch-a")]),
        _item("m2", "measure", parents=[("chapter", None, "ch-a")]),
        _item("b1", "measure", parents=[("chapter", None, "ch-b"), ("section", 3, "s3")]),
    ]
    codes = unit_codes([{"id": "d", "date": "2020-01-01"}], items)
    assert codes == {
        "t": "1-0-1",
        "p": "1-0-2",
        "a1": "1-1",
        "a2": "1-2",
        "x": "1-0-3",
        "a2bis": "1-2.2",
        "c1": "1-1-0-1",
        "m1": "1-1-1",
        "m2": "1-1-2",
        "b1": "1-2-3-1",
    }


def test_a_filtered_sheet_keeps_the_codes_of_the_whole(plan_kg):
    whole = {r["unit_id"]: r["code"] for r in plan_kg.coding_sheet()}
    some = plan_kg.coding_sheet(pollutant="镉")
    assert {r["unit_id"] for r in some} == {i.id for i in plan_kg.measures(pollutant="镉")}
    assert all(whole[r["unit_id"]] == r["code"] for r in some)


def test_a_row_holds_the_document_actors_by_role_instruments_and_targets(plan_kg):
    row = next(r for r in plan_kg.coding_sheet() if r["title"] == "加强汞污染控制")
    assert (
        row["doc_title"] == "“十三五”生态环境保护规划"
        and row["doc_number"] == "国发〔2016〕65号"
        and row["doc_genre"] == "plan"
    )
    assert row["doc_date"] == "2016-11-24" and row["jurisdiction_code"] == "100000"
    assert row["place"] == "第六章 / 第二节 加大重金属污染防治力度"
    assert row["instruments"] == ["环境型/法规管制", "环境型/目标规划"]
    assert row["instrument_categories"] == ["环境型"]
    assert row["pollutants"] == ["汞"] and row["deadlines"] == ["2020-12-31"]
    assert row["targets"] == ["聚氯乙烯行业 单位产品用汞量 下降 50%（2010→2020）"]
    assert row["text"].startswith("加强汞污染控制。")


def test_actors_are_split_by_role(corpus_kg):
    lead = next(r for r in corpus_kg.coding_sheet() if r["lead"] and r["participants"])
    item = next(i for i in corpus_kg.measures(doc=lead["document"]) if i.id == lead["unit_id"])
    assert set(lead["participants"]) == {a.label for a in item.actors if a.role == "participant"}
    assert set(lead["lead"]) == {a.label for a in item.actors if a.role in ("lead", "responsible")}


# ---- the workbook ----


@pytest.fixture(scope="module")
def workbook_bytes(plan_kg):
    return b"".join(plan_kg.export("xlsx"))


def test_the_workbook_reads_back_cell_by_cell(plan_kg, workbook_bytes):
    wb = _workbook(workbook_bytes)
    assert wb.sheetnames == ["编码表 Coding", "说明 Notes"]
    ws = wb["编码表 Coding"]
    assert [c.value for c in ws[1]] == [f"{c.zh} {c.en}" for c in COLUMNS]
    rows = plan_kg.coding_sheet()
    assert ws.max_row == len(rows) + 1
    for got, row in zip(ws.iter_rows(min_row=2, values_only=True), rows, strict=True):
        assert [("" if v is None else v) for v in got] == cells(row)
    assert ws.freeze_panes == "B2"
    text = KEYS.index("text") + 1
    letter = ws.cell(row=1, column=text).column_letter
    assert ws.column_dimensions[letter].width == 80
    assert ws.cell(row=2, column=text).alignment.wrap_text
    assert (
        ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(KEYS)).column_letter}{len(rows) + 1}"
    )


def test_the_notes_sheet_explains_the_codes_and_every_column(workbook_bytes):
    notes = _workbook(workbook_bytes)["说明 Notes"]
    values = [tuple(r) for r in notes.iter_rows(values_only=True)]
    for zh, en in CODE_RULES:
        assert (zh, en) in [v[:2] for v in values]
    described = {v[0]: v for v in values if v and v[0] in KEYS}
    assert set(described) == set(KEYS)
    assert all(all(v[2:6]) for v in described.values())  # zh and en heading and meaning


def test_two_exports_are_the_same_bytes_with_fixed_properties(plan_kg, workbook_bytes):
    assert b"".join(plan_kg.export("xlsx")) == workbook_bytes
    # every part carries the one fixed time, however long apart two exports are made
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {ZIP_TIME}
        assert "xl/worksheets/sheet1.xml" in z.namelist()
    props = _workbook(workbook_bytes).properties
    assert props.created == FIXED_TIME and props.modified == FIXED_TIME
    assert props.creator == "policykg"


def test_text_that_looks_like_a_formula_stays_text():
    row = dict.fromkeys(KEYS, None) | {"code": "1-1", "text": '=HYPERLINK("x","y")\x07'}
    ws = _workbook(coding_xlsx([row])).active
    cell = ws.cell(row=2, column=KEYS.index("text") + 1)
    assert cell.value == '=HYPERLINK("x","y")' and cell.data_type == "s"


def test_the_coding_csv_has_a_bom_and_one_row_per_unit(plan_kg):
    import pandas as pd

    data = b"".join(plan_kg.export("coding-csv"))
    assert data.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rows = plan_kg.coding_sheet()
    assert list(df.columns) == list(KEYS) and len(df) == len(rows)
    assert df.code.tolist() == [r["code"] for r in rows]
    hg = df[df.title == "加强汞污染控制"].iloc[0]
    assert hg.instruments == "环境型/法规管制；环境型/目标规划"


def test_export_writes_the_workbook_and_keeps_the_entity_csv(built_store, tmp_path):
    out = tmp_path / "coding.xlsx"
    result = _run("export", "--store", built_store, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert _workbook(out.read_bytes())["编码表 Coding"].max_row > 1
    entity = _run("export", "--store", built_store, "--format", "csv")
    head = next(csv.reader(io.StringIO(entity.stdout)))
    assert head[:3] == ["document", "unit_id", "kind"] and "entity_type" in head


def test_libreoffice_converts_the_workbook(workbook_bytes, plan_kg, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    book = tmp_path / "coding.xlsx"
    book.write_bytes(workbook_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = (tmp_path / "coding.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(converted)))
    assert rows[0][0] == "编码 Code"
    assert [r[0] for r in rows[1:]] == [r["code"] for r in plan_kg.coding_sheet()]
