"""Web archives (.mhtml, .mht): a page a browser saved as one file, read as the page itself.

Chrome's "Webpage, Single File" and Internet Explorer's "Web Archive" write the page and its
images as one MIME message (multipart/related). The standard library's ``email`` package
parses it; the first ``text/html`` part, its transfer encoding (quoted-printable, base64)
undone, is the page, read as ``read_html`` reads one. Offsets are into that decoded page, as
for pdf and docx they are into the extracted text: the archive's own bytes encode it. The
other parts (images, styles) are never read, and nothing a part refers to is fetched.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from policykg.errors import InputError
from policykg.extract.read_html import MAX_BYTES, decode_page, read_page
from policykg.extract.reading import Reading, read_limited

_MAX_PARTS = 10_000  # a saved page has its page and its images; more is no archive


def read_mhtml(path: Path) -> Reading:
    data = read_limited(path, MAX_BYTES, "a web archive")
    message = BytesParser(policy=policy.default).parsebytes(data)
    page = _page_part(message, str(path))
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise InputError(str(path), "the web archive's page is empty")
    # the part's own charset (IE: gb2312) first, as a page's declaration is read
    text = decode_page(payload, str(path), declared=page.get_content_charset())
    return read_page(text, str(path), "mhtml")


def _page_part(message: EmailMessage, path: str) -> EmailMessage:
    """The first text/html part of the archive (the page; frames come after it)."""
    for n, part in enumerate(message.walk()):
        if n > _MAX_PARTS:
            break
        if part.get_content_type() == "text/html":
            return part  # type: ignore[return-value]
    raise InputError(path, "a web archive without a web page (no text/html part)")
