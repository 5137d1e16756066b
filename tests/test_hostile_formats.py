"""Broken and hostile PDF, Word and web-page files: one line naming the file, bounded work,
nothing read outside the input, and the other files of the build still land."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.errors import InputError
from policykg.extract.read_docx import MAX_RATIO
from policykg.extract.read_pdf import BLANK_PAGES, MAX_PAGES
from policykg.extract.reading import read_file
from tests import documents

# -- Word ---------------------------------------------------------------------------------


def _docx_with(path: Path, source: Path, name: str, data: bytes) -> Path:
    """A copy of the Word file ``source`` with the part ``name`` replaced by (or added as)
    ``data``."""
    with zipfile.ZipFile(source) as z_in, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in z_in.infolist():
            if item.filename != name:
                z.writestr(item, z_in.read(item))
        z.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def plain_docx(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docx")
    return documents.to_docx(documents.elements(1), folder / "plan.docx")


def test_a_word_file_that_is_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, plain_docx):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/media/image1.png", "w") as f:
            for _ in range(40):
                f.write(bytes(1 << 20))  # 40 MB of zeros: a thousand to one
    path = _docx_with(tmp_path / "bomb.docx", plain_docx, "word/media/image1.png", b"")
    with zipfile.ZipFile(path, "a") as z, zipfile.ZipFile(bomb) as b:
        info = b.getinfo("word/media/image1.png")
        info.filename = "word/media/image2.png"
        z.writestr(info, b.read("word/media/image1.png"), zipfile.ZIP_DEFLATED)
    with pytest.raises(InputError, match=r"image2\.png is compressed [\d,]+ to 1 \(a zip bomb\?\)"):
        read_file(path)
    assert MAX_RATIO < 1000


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE w:document [<!ENTITY a "镉镉镉镉镉镉镉镉"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/hostname">]>',
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_word_xml_that_declares_entities_is_refused_and_nothing_outside_is_read(
    tmp_path, plain_docx, declaration
):
    with zipfile.ZipFile(plain_docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, _, body = xml.partition("?>")
    body = body.replace("湖南省人民政府", "&b;&secret;", 1)
    path = _docx_with(
        tmp_path / "entities.docx",
        plain_docx,
        "word/document.xml",
        (head + "?>" + declaration + body).encode(),
    )
    with pytest.raises(InputError, match="declares a DTD or XML entities") as e:
        read_file(path)
    hostname = Path("/etc/hostname")
    if hostname.is_file() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in str(e.value)


def test_a_zip_that_is_not_a_word_file_is_named(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="without word/document.xml"):
        read_file(path)


def test_rich_text_and_opendocument_files_are_named_with_what_to_do(tmp_path):
    """An RTF (as some sites offer a notice for download) or an OpenDocument text is refused
    with its kind and the way out, not read as plain text with its markup for a title."""
    rtf = tmp_path / "notice.rtf"
    rtf.write_text(
        "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 SimSun;}}\\f0 关于加强扬尘治理的通知\\par}"
    )
    odt = tmp_path / "notice.odt"
    with zipfile.ZipFile(odt, "w") as z:  # mimetype first and stored, as the standard has it
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    for path, kind in ((rtf, "Rich Text"), (odt, "OpenDocument")):
        with pytest.raises(InputError, match=f"{kind}.*convert it to .docx"):
            read_file(path)
        for name in (path.name, path.stem + ".txt"):  # also when its name says otherwise
            moved = path.rename(path.with_name(name))
            result = CliRunner().invoke(
                main, ["build", str(moved), "--store", str(tmp_path / "kg")]
            )
            assert result.exit_code != 0 and "Traceback" not in result.output
            assert kind in result.output
            path = moved


# -- PDF ----------------------------------------------------------------------------------


def _blank_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.showPage()
    c.save()
    return path


def test_a_pdf_of_thousands_of_pages_is_refused_before_any_page_is_read(tmp_path):
    path = _blank_pdf(tmp_path / "many.pdf", MAX_PAGES + 1)
    with pytest.raises(InputError, match=f"{MAX_PAGES + 1:,} pages: more than"):
        read_file(path)


def test_a_pdf_of_blank_pages_stops_after_the_first_ones(tmp_path):
    path = _blank_pdf(tmp_path / "blank.pdf", 2 * BLANK_PAGES)
    with pytest.raises(InputError, match=f"pages 1-{BLANK_PAGES} hold no text: no text layer"):
        read_file(path)


def test_a_truncated_pdf_is_named_as_damaged(tmp_path):
    whole = documents.to_pdf(documents.elements(2), tmp_path / "whole.pdf")
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    with pytest.raises(InputError, match="not a readable PDF|no text layer"):
        read_file(path)


def test_a_scanned_pdf_says_to_run_ocr_and_names_the_page(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    image = tmp_path / "scan.png"
    Image.new("L", (300, 400), 200).save(image)
    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.drawImage(str(image), 0, 0, width=595, height=842)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="page 1: an image without text: no text layer: run OCR"):
        read_file(tmp_path / "scan.pdf")


def test_an_encrypted_pdf_says_it_needs_a_password(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "locked.pdf"), encrypt=pdfencrypt.StandardEncryption("secret"))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "第一条 加强镉污染防治。")
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="encrypted PDF: it needs a password"):
        read_file(tmp_path / "locked.pdf")


def test_a_pdf_whose_glyphs_have_no_unicode_is_named_with_its_page(tmp_path):
    path = tmp_path / "cid.pdf"
    path.write_bytes(_cid_pdf())
    with pytest.raises(InputError, match=r"page 1: glyphs without a Unicode mapping \(\(cid:N\)\)"):
        read_file(path)


def _cid_pdf() -> bytes:
    """One page in a CID font with no ToUnicode map: pdfminer can only say ``(cid:N)``."""
    glyphs = "".join(f"{i:04X}" for i in range(1, 40))
    content = f"BT /F1 12 Tf 72 700 Td <{glyphs}> Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry"
        b" (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 -120 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# -- web pages ----------------------------------------------------------------------------


def test_a_200_mb_web_page_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.write(b"<html><body><p>")
        f.truncate(200 * 2**20)  # sparse: 200 MB on paper, nothing to write
    with pytest.raises(InputError, match="200 MB is too large for a web page"):
        read_file(path)


# -- a build with all of them -------------------------------------------------------------


def test_a_build_lists_each_bad_file_on_one_line_and_keeps_the_good_ones(tmp_path, plain_docx):
    folder = tmp_path / "in"
    folder.mkdir()
    good = documents.write_all(tmp_path / "good", documents.elements(2))
    (folder / "a-plan.pdf").write_bytes(good["pdf"].read_bytes())
    (folder / "b-plan.docx").write_bytes(good["docx"].read_bytes())
    (folder / "c-cid.pdf").write_bytes(_cid_pdf())
    (folder / "d-old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (folder / "e-cut.pdf").write_bytes(good["pdf"].read_bytes()[:200])
    with (folder / "f-huge.htm").open("wb") as f:
        f.truncate(200 * 2**20)
    store = tmp_path / "kg"
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(store)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[1].strip() for line in lines[:-1]] == [
        str(folder / name) for name in ("c-cid.pdf", "d-old.doc", "e-cut.pdf", "f-huge.htm")
    ]
    assert all(line.startswith("Error: ") for line in lines[:-1])
    assert lines[-1] == "4 of 6 files failed"
    docs = CliRunner().invoke(main, ["docs", "--store", str(store), "--format", "json"])
    assert {d["id"]: d["format"] for d in json.loads(docs.stdout)} == {
        "a-plan": "pdf",
        "b-plan": "docx",
    }
