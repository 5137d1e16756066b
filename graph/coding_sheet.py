"""The coding sheet (编码表): one row per text unit with a hierarchical code, as researchers code
policies by hand (文件—章—节—条, 政策工具 × 执行主体 × 目标), written as xlsx or CSV.

A code reads ``文件-章-节-条``: the document's position, then the number of each division the
unit sits in, then the unit's own number (3-6-2-4: the third document, chapter 6, section 2,
the fourth measure). ``CODE_RULES`` says how unnumbered levels are coded; it is printed in the
sheet's notes, so the rule a reader sees is the rule the code follows.

Output is deterministic: rows in code order, fixed workbook properties, and zip entries with a
fixed time, so two exports of one store are the same bytes.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policykg.graph.headings import place, shorten
from policykg.graph.targets import describe
from policykg.graph.wording import due, fine_words

SEPARATOR = "；"  # between the entries of a list cell (a full-width semicolon no label holds)
FIXED_TIME = datetime.datetime(2000, 1, 1)  # workbook properties: no timestamp that changes
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
CELL_LIMIT = 32_767  # characters Excel keeps in a cell
LOOSE_KINDS = ("intro", "paragraph")  # text beside the items: a preamble, an opening paragraph
LEAD_ROLES = ("lead", "responsible")
PARTICIPANT_ROLES = ("participant",)
TITLE = "policykg 编码表 coding sheet"

CODE_RULES = (
    (
        "编码为“文件-章-节-条”，以连字符分隔，逐级写出：",
        "A code reads document-chapter-section-item, one number per level:",
    ),
    (
        "文件：按发布日期排序（无日期者在后，同日按文件ID）的序号，从1起。",
        "Document: its position when documents are ordered by date (undated last, then by id), "
        "from 1.",
    ),
    (
        "章、节、部分、分部分（（一））、条目（1.）、专栏、组：该层级本身的编号（第六章为6，专栏5为5）；"
        "无编号的层级按其在上级中的先后位置编号。文件未分的层级不写（无章的法规：文件-条）。",
        "Chapter, section, part, subpart (（一）), point (1.), box, group: the number the division "
        "carries (第六章 is 6, 专栏5 is 5); an unnumbered division is numbered by its position "
        "under its parent. Levels a document does not have are left out (a law without "
        "chapters: document-article).",
    ),
    (
        "条目（措施、条、专栏条目）：本身的编号（第十二条为12，（三）为3）；同一层级的条目都无编号时，"
        "按其在条目中的先后位置编号（第二节的第4条措施为4）。",
        "Items (measures, articles, box items): their own number (第十二条 is 12, （三） is 3); "
        "where none of the items of their division is numbered, their position among those "
        "items (the fourth measure of a section is 4).",
    ),
    (
        "导语、段落等不属条目的文字，以及与有编号条目并列的无编号条目，记为0，再加其在该层级此类"
        "文字中的先后位置：5-0-1为第5个文件正文前的第1段，5-3-0-1为其第三章的章首段落。0不是编号"
        "也不是位置，因此这类编码不会与其他编码重复。",
        "Text that is no item (an introduction, a paragraph), and an unnumbered item beside "
        "numbered ones, gets 0, then its position among such text of its division: 5-0-1 is "
        "the first paragraph before the body of document 5, 5-3-0-1 the opening paragraph of "
        "its chapter 3. 0 is never a number nor a position, so these codes clash with no other.",
    ),
    (
        "若仍有两条编码相同（文件自身编号重复），后出现者加“.2”“.3”。",
        "Should two units still share a code (a document repeating a number), the later ones "
        "get .2, .3, …",
    ),
    (
        f"列表单元格中的各项以全角分号“{SEPARATOR}”分隔；条文的字符位置指向原文件。",
        f"Entries of a list cell are separated by a full-width semicolon ({SEPARATOR}); "
        "character offsets point into the original file.",
    ),
)


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    about_zh: str
    about_en: str
    width: float
    wrap: bool = False


COLUMNS = (
    Column(
        "code", "编码", "Code", "层级编码，见上文规则", "Hierarchical code, see the rules above", 14
    ),
    Column(
        "document",
        "文件ID",
        "Document id",
        "policykg 中的文件ID",
        "The document's id in policykg",
        22,
    ),
    Column("doc_title", "文件名称", "Document title", "文件标题", "The document's title", 30, True),
    Column("doc_number", "文号", "Document number", "发文字号", "The issuing number (文号)", 18),
    Column(
        "doc_date", "发布日期", "Date", "成文或发布日期（ISO）", "Date of the document (ISO)", 11
    ),
    Column(
        "doc_genre",
        "文种",
        "Genre",
        "law 法、regulation 条例、plan 规划、action-plan 行动计划、guideline 意见、measures 办法、"
        "decision 决定、resolution 决议、notice 通知",
        "The kind of document (a notice that promulgates a plan is the plan)",
        10,
    ),
    Column(
        "jurisdiction",
        "管辖地",
        "Jurisdiction",
        "文件适用的行政区",
        "The area the document governs",
        14,
    ),
    Column(
        "jurisdiction_code",
        "管辖地代码",
        "Jurisdiction code",
        "GB/T 2260 行政区划代码（全国为100000）",
        "GB/T 2260 code (100000 for the whole country)",
        10,
    ),
    Column(
        "place",
        "结构位置",
        "Place in the structure",
        "所在的章、节、部分、专栏，如原文所写",
        "The chapter, section, part, box it sits in, as the document writes them",
        30,
        True,
    ),
    Column(
        "kind",
        "条文类型",
        "Kind",
        "measure 措施、article 条、box-item 专栏条目、intro 导语、paragraph 段落",
        "measure, article, box-item, intro, paragraph",
        10,
    ),
    Column(
        "number", "编号", "Number", "条文本身的编号（如有）", "The unit's own number, if any", 7
    ),
    Column("title", "标题", "Title", "条文标题（如有）", "The unit's title, if any", 26, True),
    Column("text", "条文", "Text", "条文全文", "The unit's full text", 80, True),
    Column(
        "lead",
        "牵头/负责主体",
        "Lead bodies",
        "牵头或负责实施的机构",
        "Bodies that lead it or are made responsible for it",
        24,
        True,
    ),
    Column(
        "participants",
        "参与主体",
        "Participating bodies",
        "参与或配合的机构",
        "Bodies that take part",
        24,
        True,
    ),
    Column(
        "other_actors",
        "其他提及主体",
        "Other bodies named",
        "提及但未分配角色的机构",
        "Bodies named without a role",
        20,
        True,
    ),
    Column(
        "instrument_categories",
        "政策工具类别",
        "Instrument categories",
        "供给型、环境型、需求型（Rothwell & Zegveld）",
        "Supply, environment, demand (Rothwell & Zegveld)",
        14,
        True,
    ),
    Column(
        "instruments",
        "政策工具",
        "Instruments",
        "类别/工具，如 供给型/资金投入；依据词见 measures JSON",
        "category/instrument, e.g. 供给型/资金投入; the words behind each are in the measures JSON",
        28,
        True,
    ),
    Column("pollutants", "污染物", "Pollutants", "提及的污染物", "Pollutants named", 18, True),
    Column("regions", "地区", "Regions", "提及的地区", "Places named", 18, True),
    Column(
        "deadlines",
        "时限",
        "Deadlines",
        "时限（ISO日期；自某事件起算的期限为ISO时长，如P20D；每年的日期如--03-31）",
        "Deadlines (ISO dates; a time limit counted from an event as an ISO duration, P20D; a "
        "date every year as --03-31)",
        12,
        True,
    ),
    Column(
        "targets",
        "目标",
        "Targets",
        "地区/范围 指标 方向与数值（基准年→目标年，约束性/预期性）",
        "where, indicator, direction and value (baseline→target year, binding or expected)",
        40,
        True,
    ),
    Column(
        "fines",
        "罚款",
        "Fines",
        "罚款数额原文（处罚对象）",
        "Fines as the text states their amounts (whom each fines, where it says)",
        28,
        True,
    ),
    Column("unit_id", "条文ID", "Unit id", "policykg 中的条文ID", "The unit's id in policykg", 30),
    Column(
        "start", "起始字符", "Start", "在原文件中的起始字符位置", "First character in the file", 9
    ),
    Column(
        "end", "结束字符", "End", "在原文件中的结束字符位置（不含）", "End character (exclusive)", 9
    ),
)
KEYS = tuple(c.key for c in COLUMNS)


def document_order(documents: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Documents in coding order: by date, undated last, then by id."""
    return sorted(documents, key=lambda d: (d.get("date") is None, d.get("date") or "", d["id"]))


def unit_codes(
    documents: Sequence[Mapping[str, Any]], items: Iterable[Mapping[str, Any]]
) -> dict[str, str]:
    """The code of every unit of ``items`` (each document's units in reading order), by unit id,
    following ``CODE_RULES``."""
    index = {d["id"]: n for n, d in enumerate(document_order(documents), start=1)}
    by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for item in items:
        by_doc[item["source"]["document"]].append(item)
    codes: dict[str, str] = {}
    for doc_id, units in by_doc.items():
        if doc_id not in index:
            index[doc_id] = len(index) + 1
        codes.update(_document_codes(index[doc_id], units))
    return codes


def _document_codes(doc_index: int, units: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    # what each container (a division, or "" for the document) holds, in reading order
    children: dict[str, list[str]] = defaultdict(list)  # sub-divisions
    members: dict[str, list[Mapping[str, Any]]] = defaultdict(list)  # units
    placed: set[str] = set()
    for unit in units:
        up = ""
        for p in unit.get("parents") or []:
            if p["id"] not in placed:
                placed.add(p["id"])
                children[up].append(p["id"])
            up = p["id"]
        members[up].append(unit)
    division_part: dict[str, str] = {}
    numbers = {p["id"]: p.get("number") for u in units for p in u.get("parents") or []}
    for subs in children.values():
        for position, div in enumerate(subs, start=1):
            division_part[div] = str(numbers[div] if numbers[div] is not None else position)

    own: dict[str, str] = {}
    for held in members.values():
        listed = [u for u in held if u.get("kind") not in LOOSE_KINDS]
        by_position = not any(u.get("number") is not None for u in listed)
        position = loose = 0
        for unit in held:
            item = unit.get("kind") not in LOOSE_KINDS
            position += item
            if item and unit.get("number") is not None:
                own[unit["id"]] = str(unit["number"])
            elif item and by_position:
                own[unit["id"]] = str(position)
            else:
                loose += 1
                own[unit["id"]] = f"0-{loose}"

    codes: dict[str, str] = {}
    seen: dict[str, int] = {}
    for unit in units:
        path = [str(doc_index)]
        path += [division_part[p["id"]] for p in unit.get("parents") or []]
        code = "-".join([*path, own[unit["id"]]])
        seen[code] = seen.get(code, 0) + 1
        codes[unit["id"]] = code if seen[code] == 1 else f"{code}.{seen[code]}"
    return codes


def coding_rows(
    documents: Sequence[Mapping[str, Any]], items: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """One row per unit of ``items`` (``KEYS``), in code order: documents by date, each unit
    in reading order. List cells are lists; ``cells`` joins them."""
    codes = unit_codes(documents, items)
    docs = {d["id"]: d for d in documents}
    order = {d["id"]: n for n, d in enumerate(document_order(documents))}
    rows = []
    for position, item in enumerate(items):
        doc_id = item["source"]["document"]
        doc = docs.get(doc_id, {"id": doc_id})
        jurisdiction = doc.get("jurisdiction") or {}
        # its own bodies, then those an earlier task note names for every task (以下均需…落实)
        actors = [*(item.get("actors") or ()), *(item.get("standing_duties") or ())]
        instruments = item.get("instruments") or []
        rows.append(
            {
                "code": codes[item["id"]],
                "document": doc_id,
                "doc_title": doc.get("title"),
                "doc_number": doc.get("number"),
                "doc_date": doc.get("date"),
                "doc_genre": doc.get("genre"),
                "jurisdiction": jurisdiction.get("label"),
                "jurisdiction_code": jurisdiction.get("code"),
                "place": place(item.get("parents") or []),
                "kind": item.get("kind"),
                "number": item.get("number"),
                "title": item.get("title"),
                "text": item.get("text"),
                "lead": _labels(a for a in actors if a.get("role") in LEAD_ROLES),
                "participants": _labels(a for a in actors if a.get("role") in PARTICIPANT_ROLES),
                "other_actors": _labels(
                    a for a in actors if a.get("role") not in (*LEAD_ROLES, *PARTICIPANT_ROLES)
                ),
                "instrument_categories": _unique(m.get("category_zh") for m in instruments),
                "instruments": _unique(
                    f"{m.get('category_zh')}/{m.get('label_zh') or m.get('label')}"
                    for m in instruments
                ),
                "pollutants": _labels(item.get("pollutants") or []),
                "regions": _labels(item.get("regions") or []),
                "deadlines": _unique(due(m) for m in item.get("deadlines") or []),
                "targets": _unique(describe(t) for t in item.get("targets") or []),
                "fines": _unique(fine_words(m) for m in item.get("fines") or []),
                "unit_id": item["id"],
                "start": item["source"]["start"],
                "end": item["source"]["end"],
                "_order": (order.get(doc_id, len(order)), position),
            }
        )
    rows.sort(key=lambda r: r.pop("_order"))
    return rows


def _labels(mentions: Iterable[Mapping[str, Any]]) -> list[str]:
    return _unique(m.get("label") or m.get("text") for m in mentions)


def _unique(values: Iterable[Any]) -> list[str]:
    return [str(v) for v in dict.fromkeys(v for v in values if v)]


def cells(row: Mapping[str, Any]) -> list[Any]:
    """The row's values in column order; lists joined by ``SEPARATOR``, None as empty."""
    out = []
    for key in KEYS:
        value = row.get(key)
        if isinstance(value, list):
            value = SEPARATOR.join(value)
        out.append("" if value is None else value)
    return out


def coding_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The sheet as CSV: UTF-8 with a byte-order mark (so that Excel and WPS read the Chinese),
    a header of the column keys."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(KEYS)
    for row in rows:
        w.writerow(cells(row))
    return buf.getvalue().encode("utf-8-sig")


# characters XML 1.0 cannot hold (openpyxl refuses them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def coding_xlsx(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The sheet as an xlsx workbook: 编码表 (frozen header and code column, set widths,
    wrapped text, a filter on the header) and 说明 Notes (the code rules, every column in
    Chinese and English). Written row by row (openpyxl's write-only mode), so a sheet of
    tens of thousands of units never sits in memory as cell objects."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E5E7EB")
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)

    def styled(ws: Any, values: Sequence[Any], aligns: Sequence[Any], head: bool = False) -> list:
        out = []
        for value, align in zip(values, aligns, strict=True):
            cell = WriteOnlyCell(ws, value=_cell_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula: "=…" in a policy stays text
            cell.alignment = align
            if head:
                cell.font, cell.fill = bold, fill
            out.append(cell)
        return out

    ws = wb.create_sheet("编码表 Coding")
    for n, column in enumerate(COLUMNS, start=1):  # widths and panes come before the rows
        ws.column_dimensions[get_column_letter(n)].width = column.width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    aligns = [wrapped if c.wrap else top for c in COLUMNS]
    ws.append(styled(ws, [f"{c.zh} {c.en}" for c in COLUMNS], [wrapped] * len(COLUMNS), True))
    for row in rows:
        ws.append(styled(ws, cells(row), aligns))

    notes = wb.create_sheet("说明 Notes")
    widths = (60, 60, 16, 22, 40, 50)
    for n, width in enumerate(widths, start=1):
        notes.column_dimensions[get_column_letter(n)].width = width
    notes.append(styled(notes, ["编码规则", "How codes are made"], [wrapped] * 2, True))
    for zh, en in CODE_RULES:
        notes.append(styled(notes, [zh, en], [wrapped] * 2))
    notes.append([])
    heads = ["列", "Column", "列名", "Heading", "说明", "Meaning"]
    notes.append(styled(notes, heads, [wrapped] * 6, True))
    for c in COLUMNS:
        notes.append(
            styled(notes, [c.key, c.key, c.zh, c.en, c.about_zh, c.about_en], [wrapped] * 6)
        )
    notes.append([])
    notes.append(styled(notes, [f"共 {len(rows)} 条条文", f"{len(rows)} units"], [wrapped] * 2))

    props = wb.properties
    props.creator = props.lastModifiedBy = "policykg"
    props.title = TITLE
    props.created = props.modified = FIXED_TIME
    return _save(wb)


def _cell_value(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = _ILLEGAL.sub("", value)
    return shorten(value, CELL_LIMIT)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry one fixed time, so the same content is the same bytes."""

    def writestr(self, name: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(name, zipfile.ZipInfo):
            name = _entry(name)
        super().writestr(name, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl writes each worksheet to a temporary file first: its mtime must not count
        with open(filename, "rb") as src, self.open(_entry(arcname), "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _save(wb: Any) -> bytes:
    """The workbook's bytes, written by openpyxl's writer (``save`` would stamp the time)."""
    from openpyxl.writer.excel import ExcelWriter

    buf = io.BytesIO()
    archive = _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    return buf.getvalue()
