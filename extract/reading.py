"""Reading files as they come: UTF-8 (with or without BOM), UTF-16, GB18030/GBK."""

from __future__ import annotations

import codecs
from pathlib import Path

from extract.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Text of ``data``: the given encoding, else a BOM, else UTF-8, else GB18030."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(path, f"cannot decode as {encoding}: {e}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name)
    if b"\x00" in data[:4096]:
        # UTF-16 without BOM puts a NUL beside every ASCII character; binary files have NULs too
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        raise InputError(path, "binary file, not text")
    for name in ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise InputError(path, "not text in UTF-8, UTF-16 or GB18030")


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return True
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(sample) < 0.01


def read_text(path: Path, encoding: str | None = None) -> str:
    """The decoded content of ``path``."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), e.strerror or str(e)) from None
    return decode(data, str(path), encoding)
