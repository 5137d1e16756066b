"""One policy document, written as txt, md, html (a gov.cn-style page), docx and pdf.

The reader tests (and ``bench/readers.py``) generate their inputs here rather than keep binary
files: the PDF with reportlab (1 to 4 columns, a running header, page numbers, a framed 专栏),
the Word file with python-docx, the web page with the furniture of a State Council page. Every
format carries the same title, headings, paragraphs, box and signature, so that the reader of
each can be held to what the plain text gives.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

TITLE = "湖南省“十四五”重金属污染防治规划"
NUMBER = "湘政发〔2021〕18号"
ISSUER = "湖南省人民政府"
DATE = "2021年12月30日"


@dataclass(frozen=True)
class Element:
    kind: str  # title | p | chapter | section | box | signature
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.lines[0]


def _e(kind: str, *lines: str) -> Element:
    return Element(kind, lines)


def elements(chapters: int = 3) -> list[Element]:
    """The document: a preamble, ``chapters`` chapters (the first three written out, later ones
    varying them), a box, a signature."""
    out = [
        _e("title", TITLE),
        _e("p", NUMBER),
        _e("p", "各市州人民政府，省政府各厅委、各直属机构："),
        _e("p", f"现将《{TITLE}》印发给你们，请结合实际，认真组织实施。"),
    ]
    for n in range(1, chapters + 1):
        out += _chapter(n)
    out.append(_e("signature", ISSUER, DATE))
    return out


def with_contents(els: list[Element], paged: bool = True) -> list[Element]:
    """``els`` with a table of contents (目　录, then each chapter and section, with dot leaders
    and a page when ``paged``) before the first chapter."""
    heads = [e.text for e in els if e.kind in ("chapter", "section")]
    entries = [f"{h}……………{3 + 2 * i}" if paged else h for i, h in enumerate(heads)]
    at = next(i for i, e in enumerate(els) if e.kind == "chapter")
    contents = [_e("p", "目　录"), *(_e("p", entry) for entry in entries)]
    return els[:at] + contents + els[at:]


def _cn(n: int) -> str:
    """``n`` in Chinese numerals, as headings number: 十二, 二十一, 一百零五."""
    import cn2an

    return str(cn2an.an2cn(n))


_CITIES = ("长沙市", "株洲市", "湘潭市", "衡阳市", "郴州市", "娄底市", "岳阳市", "常德市", "益阳市")
_HEADS = ("总体要求", "重点任务", "保障措施", "监测预警", "示范引领")


def _chapter(n: int) -> list[Element]:
    """Chapter ``n``: an introduction, two sections of one measure each (the measures numbered
    on through the document); chapter 2 holds the box. Paragraph lengths vary by chapter, as a
    real text's do."""
    k = 2 * n - 1
    year = 2020 + n % 5
    cities = "、".join(_CITIES[(n + i) % len(_CITIES)] for i in range(1 + n % 4))
    chapter = [
        _e("chapter", f"第{_cn(n)}章 {_HEADS[(n - 1) % len(_HEADS)]}"),
        _e(
            "p",
            f"到{year + 5}年，全省重点行业重点重金属污染物排放量比{year}年下降{5 + n}%，"
            + "湘江流域水环境质量稳定达标，" * (1 + n % 2)
            + "土壤环境风险得到有效管控，人民群众对生态环境的满意度明显提升。",
        ),
        _e("section", f"第{_cn(1)}节 加强涉镉企业排查整治{'' if n == 1 else _cn(n)}"),
        _e(
            "p",
            f"（{_cn(k)}）加强涉镉企业排查整治。生态环境部门会同自然资源部门全面排查{cities}"
            f"涉镉等重金属行业企业，建立污染源整治清单，{year + 2}年12月31日前完成整治。"
            "对排放二氧化硫、氮氧化物和颗粒物的企业，依法实施排污许可管理，"
            + "推动铅、汞、砷等重金属排放总量持续下降，" * (n % 3)
            + "确保稳定达标排放。",
        ),
        _e("section", f"第{_cn(2)}节 推进土壤污染风险管控{'' if n == 1 else _cn(n)}"),
        _e(
            "p",
            f"（{_cn(k + 1)}）推进土壤污染风险管控。以{_CITIES[(n + 4) % len(_CITIES)]}为重点，"
            "开展受污染耕地安全利用和严格管控，受污染耕地安全利用率达到93%以上。"
            + "加强农用地土壤镉等重金属污染源头防治，切断污染物进入农田的途径。"
            * (1 + n % 2),
        ),
    ]
    if n == 2:
        chapter.insert(
            4,
            _e(
                "box",
                "专栏1 重金属污染防治重点工程",
                "（一）区域综合防控。",
                "湘江流域、资江流域、沅江流域",
                "（二）历史遗留废渣治理。",
                "长沙市、株洲市、湘潭市",
            ),
        )
    return chapter


# -- plain text ---------------------------------------------------------------------------


def to_txt(els: list[Element]) -> str:
    """One paragraph per line, a blank line between paragraphs; a box's lines together."""
    out = []
    for e in els:
        out.append("\n".join(e.lines) if e.kind in ("box", "signature") else e.text)
    return "\n\n".join(out) + "\n"


# -- Markdown -----------------------------------------------------------------------------


def to_md(els: list[Element]) -> str:
    """LawRefBook-style: ``#`` title, an INFO END comment, ``##``/``###`` headings, a box as a
    one-column table, *emphasis* in the text."""
    out = []
    for e in els:
        if e.kind == "title":
            out += [f"# {e.text}", "<!-- INFO END -->"]
        elif e.kind == "chapter":
            out.append(f"## {e.text}")
        elif e.kind == "section":
            out.append(f"### {e.text}")
        elif e.kind == "box":
            out.append(
                "\n".join([f"| {e.lines[0]} |", "| --- |", *(f"| {x} |" for x in e.lines[1:])])
            )
        elif e.kind == "signature":
            out += list(e.lines)
        else:
            text = e.text.replace("涉镉企业排查整治。", "**涉镉企业排查整治**。", 1)
            out.append(text)
    return "\n\n".join(out) + "\n"


# -- a gov.cn-style web page --------------------------------------------------------------


def to_html(els: list[Element], charset: str = "utf-8", fields: bool = True) -> str:
    """A State Council-style page: navigation, breadcrumbs, the metadata table (with ``fields``;
    it holds this module's number, issuer and dates), the text in ``<p>``s with ``<h2>``/``<h3>``
    headings, a bordered box table, share/print links, an editor line, a footer, scripts and
    styles."""
    title = html.escape(next(e.text for e in els if e.kind == "title"))
    table = (
        f"""<div class="policyLibraryOverview_header">
<table class="border-table">
<tr><td><b>索 引 号：</b></td><td>000014349/2021-00018</td>
<td><b>主题分类：</b></td><td>环境保护</td></tr>
<tr><td><b>发文机关：</b></td><td>{ISSUER}</td><td><b>成文日期：</b></td><td>{DATE}</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
<tr><td><b>发文字号：</b></td><td>{NUMBER}</td><td><b>发布日期：</b></td><td>2022年01月05日</td></tr>
</table></div>"""
        if fields
        else ""
    )
    body = []
    for e in els:
        if e.kind == "title":
            continue  # the page prints its title in the metadata table and in <h1>
        if e.kind == "chapter":
            body.append(f"<h2>{html.escape(e.text)}</h2>")
        elif e.kind == "section":
            body.append(f"<h3>{html.escape(e.text)}</h3>")
        elif e.kind == "box":
            rows = "".join(f"<tr><td>{html.escape(x)}</td></tr>" for x in e.lines)
            body.append(f'<table border="1" class="zhuanlan">{rows}</table>')
        elif e.kind == "signature":
            body += [f'<p style="text-align: right;">{html.escape(x)}</p>' for x in e.lines]
        else:
            text = html.escape(e.text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
            body.append(f"<p>　　<span>{text}</span></p>")
    content = "\n".join(body)
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政府信息公开专栏</title>
<style>.nav {{ color: red; }} p {{ text-indent: 2em; }}</style>
<script>var tracker = "统计代码，不是正文。";</script>
</head><body>
<div class="header"><div class="nav"><a href="/">首页</a> | <a href="/zhengce/">政策</a> |
<a href="/hudong/">互动</a></div></div>
<div class="BreadcrumbNav">当前位置：<a href="/">首页</a> &gt; <a href="/zhengce/">政策</a></div>
{table}
<h1>{title}</h1>
<div class="pages_content" id="UCAP-CONTENT">
{content}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="#">【关闭窗口】</a></div>
<div class="editor">责任编辑：王小明</div>
<div class="jiucuo"><a href="#">我要纠错</a></div>
<div class="footer">主办单位：湖南省人民政府办公厅　版权所有。湘ICP备05006487号</div>
<script>document.write("<p>脚本写的字。</p>");</script>
</body></html>
"""


def to_mhtml(page: str, charset: str = "utf-8", encoding: str = "quoted-printable") -> bytes:
    """``page`` as a browser saves it in one file: Chrome's "Webpage, Single File" (MIME
    multipart/related, the page quoted-printable with no charset on its part, an image beside
    it) or, with ``charset`` gb2312 and ``encoding`` base64, Internet Explorer's web archive."""
    import base64
    import quopri

    body = page.encode("gb18030" if charset == "gb2312" else charset)
    if encoding == "base64":
        encoded = base64.encodebytes(body).decode("ascii")
    else:
        encoded = quopri.encodestring(body).decode("ascii")
    boundary = "----MultipartBoundary--k2OqFQpMX3aQ1m6n8wZpKSBvb7ipHLRNSYpPuy8BxJ----"
    ctype = "text/html" if charset == "utf-8" else f'text/html; charset="{charset}"'
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://www.hunan.gov.cn/zwgk/plan.html\r\n"
        "Subject: =?utf-8?Q?=E6=B9=96=E5=8D=97?=\r\n"
        "Date: Tue, 1 Dec 2026 08:00:00 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        f'\tboundary="{boundary}"\r\n\r\n\r\n'
        f"--{boundary}\r\nContent-Type: {ctype}\r\n"
        "Content-ID: <frame-0@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        "Content-Location: https://www.hunan.gov.cn/zwgk/plan.html\r\n\r\n"
        f"{encoded}\r\n"
        f"--{boundary}\r\nContent-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://www.hunan.gov.cn/logo.png\r\n\r\n"
        "iVBORw0KGgo=\r\n"
        f"--{boundary}--\r\n"
    ).encode("ascii")


# -- Word ---------------------------------------------------------------------------------


def to_docx(els: list[Element], path: Path) -> Path:
    """Title and Heading styles, a one-column bordered table for the box, a page header and
    footer, the signature aligned right."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{TITLE}（页眉）"
    section.footer.paragraphs[0].text = "— 1 —"
    for e in els:
        if e.kind == "title":
            document.add_paragraph(e.text, style="Title")
        elif e.kind == "chapter":
            document.add_paragraph(e.text, style="Heading 1")
        elif e.kind == "section":
            document.add_paragraph(e.text, style="Heading 2")
        elif e.kind == "box":
            table = document.add_table(rows=len(e.lines), cols=1)
            table.style = "Table Grid"
            for row, line in zip(table.rows, e.lines, strict=True):
                row.cells[0].text = line
        elif e.kind == "signature":
            for line in e.lines:
                document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p = document.add_paragraph()
            head, sep, rest = e.text.partition("。")
            if sep and e.text.startswith("（"):
                p.add_run(head + sep).bold = True  # a bold lead sentence, as plans print them
                p.add_run(rest)
            else:
                p.add_run(e.text)
    document.save(str(path))
    return path


# -- PDF ----------------------------------------------------------------------------------

_FONT = "STSong-Light"


def to_pdf(els: list[Element], path: Path, columns: int = 1, body_size: float = 0) -> Path:
    """A print with reportlab: ``columns`` columns (on A4, or a newspaper-like A3 from three),
    the title across them on the first page, a running header and ``- N -`` page numbers,
    headings in larger type, the box framed."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A3, A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    body_size = body_size or 10.5
    width, height = A4 if columns < 3 else A3
    margin, gutter = 18 * mm, 8 * mm
    column = (width - 2 * margin - (columns - 1) * gutter) / columns
    title_height = 30 * mm

    def style(name: str, size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=_FONT, fontSize=size, leading=size * 1.5, wordWrap="CJK", **kw
        )

    body = style("body", body_size, firstLineIndent=2 * body_size)
    flush = style("flush", body_size)
    title = style("title", max(20, body_size + 6), alignment=TA_CENTER)
    chapter = style("chapter", body_size + 4, alignment=TA_CENTER, spaceBefore=6, spaceAfter=4)
    section = style("section", body_size + 2, spaceBefore=4, spaceAfter=2)
    right = style("right", body_size, alignment=TA_RIGHT)
    centre = style("centre", body_size, alignment=TA_CENTER)

    def frames(first: bool) -> list[Frame]:
        top = height - margin - (title_height if first else 0)
        out = [Frame(margin, height - margin - title_height, width - 2 * margin, title_height,
                     id="title")] if first else []  # fmt: skip
        for i in range(columns):
            x = margin + i * (column + gutter)
            out.append(Frame(x, margin, column, top - margin, id=f"c{i}"))
        return out

    def furniture(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(_FONT, 8)  # type: ignore[attr-defined]
        canvas.drawCentredString(width / 2, height - 10 * mm, f"{TITLE}（征求意见稿）")  # type: ignore[attr-defined]
        canvas.drawCentredString(width / 2, 10 * mm, f"- {doc.page} -")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    doc = BaseDocTemplate(str(path), pagesize=(width, height))
    doc.addPageTemplates(
        [
            PageTemplate("first", frames(True), onPage=furniture),
            PageTemplate("later", frames(False), onPage=furniture),
        ]
    )
    story: list[object] = [NextPageTemplate("later")]
    for e in els:
        text = html.escape(e.text, quote=False)
        if e.kind == "title":
            story += [Paragraph(text, title), FrameBreak()]
        elif e.kind == "chapter":
            story.append(Paragraph(text, chapter))
        elif e.kind == "section":
            story.append(Paragraph(text, section))
        elif e.kind == "box":
            rows = [[Paragraph(html.escape(x, quote=False), flush)] for x in e.lines]
            table = Table(rows, colWidths=[column - 4])
            table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black)]))
            story += [Spacer(1, 4), table, Spacer(1, 4)]
        elif e.kind == "signature":
            story += [Spacer(1, 8)] + [Paragraph(html.escape(x), right) for x in e.lines]
        elif e.kind == "contents":  # 目录, then entries whose dot leaders run to their page
            story.append(Paragraph(text, centre))
            for entry in e.lines[1:]:
                heading, _, page = entry.rpartition(" ")
                leaders = "…"
                while stringWidth(heading + leaders + "…" + page, _FONT, body_size) < column - 8:
                    leaders += "…"
                story.append(Paragraph(html.escape(heading + leaders + page), flush))
        elif e.text == NUMBER:
            story.append(Paragraph(text, centre))
        elif e.text.endswith("："):
            story.append(Paragraph(text, flush))
        else:
            story.append(Paragraph(text, body))
    doc.build(story)
    return path


def write_all(
    folder: Path, els: list[Element] | None = None, columns: int = 1, body_size: float = 0
) -> dict[str, Path]:
    """The document in every format under ``folder``, by format name."""
    els = els or elements()
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "txt": folder / "plan.txt",
        "md": folder / "plan.md",
        "html": folder / "plan.html",
        "docx": folder / "plan.docx",
        "pdf": folder / "plan.pdf",
    }
    paths["txt"].write_text(to_txt(els), encoding="utf-8")
    paths["md"].write_text(to_md(els), encoding="utf-8")
    paths["html"].write_text(to_html(els), encoding="utf-8")
    to_docx(els, paths["docx"])
    to_pdf(els, paths["pdf"], columns=columns, body_size=body_size)
    return paths


def to_print_html(els: list[Element], columns: int = 3) -> str:
    """The document as a page laid out for print with CSS columns (for Chromium to print), on
    A4, or a newspaper-like A3 from three columns."""
    title = html.escape(next(e.text for e in els if e.kind == "title"))
    body = []
    for e in els:
        text = html.escape(e.text, quote=False)
        if e.kind == "title":
            continue
        if e.kind == "chapter":
            body.append(f"<h2>{text}</h2>")
        elif e.kind == "section":
            body.append(f"<h3>{text}</h3>")
        elif e.kind == "box":
            items = "".join(f"<p>{html.escape(x, quote=False)}</p>" for x in e.lines)
            body.append(f'<div class="box">{items}</div>')
        elif e.kind == "signature":
            body += [f'<p class="right">{html.escape(x)}</p>' for x in e.lines]
        elif e.text == NUMBER:
            body.append(f'<p class="centre">{text}</p>')
        elif e.text.endswith("："):
            body.append(f'<p class="flush">{text}</p>')
        else:
            body.append(f"<p>{text}</p>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: {"A4" if columns < 3 else "A3"}; margin: 18mm 16mm; }}
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.5; }}
h1 {{ font-size: 20pt; text-align: center; margin: 0 0 12pt; }}
.columns {{ column-count: {columns}; column-gap: 8mm; text-align: justify; }}
h2 {{ font-size: 14pt; text-align: center; margin: 8pt 0 4pt; font-weight: bold; }}
h3 {{ font-size: 12pt; margin: 6pt 0 3pt; font-weight: bold; }}
p {{ margin: 0; text-indent: 2em; }}
p.flush {{ text-indent: 0; }}
p.centre {{ text-indent: 0; text-align: center; }}
p.right {{ text-indent: 0; text-align: right; }}
.box {{ border: 1px solid black; padding: 4pt; margin: 6pt 0; break-inside: avoid; }}
.box p {{ text-indent: 0; text-align: left; }}
</style></head><body><h1>{title}</h1><div class="columns">
{chr(10).join(body)}
</div></body></html>
"""


def chromium() -> str | None:
    """The headless Chromium binary, if there is one."""
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page: Path, out: Path) -> Path:
    """``page`` printed to PDF by headless Chromium (its own header and footer kept: the date,
    the title, the file's URL and ``n/N`` on every page)."""
    import subprocess
    import tempfile

    binary = chromium()
    assert binary is not None, "no Chromium"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={out}",
                str(page),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return out


def from_text(text: str) -> list[Element]:
    """A plain text with one paragraph per line (a law of the corpus) as elements: its first
    line the title, 第X章 and 第X节 lines headings, the rest paragraphs."""
    from policykg.extract.headings import match_heading

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out = [_e("title", lines[0])]
    for line in lines[1:]:
        h = match_heading(line)
        kind = h.type if h is not None and h.type in ("chapter", "section") else "p"
        out.append(_e(kind, line))
    return out
