"""Reading files as they come: UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030/GBK.

Without a BOM the encoding is guessed: valid UTF-8 wins; otherwise every candidate that decodes
cleanly is scored by how much of it reads as Chinese or ASCII text, and the best one is kept. A
file that is nearly valid UTF-8 (a few bad bytes) is refused rather than read as GB18030 mojibake.
Offsets everywhere else are character offsets into the decoded text, so they do not depend on
the encoding of the file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from policykg.errors import InputError, Undecodable

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 1 << 16  # characters (or bytes) looked at when guessing
# Code points that ordinary Chinese policy text is made of (besides ASCII): CJK ideographs,
# CJK and general punctuation, full-width forms, Latin-1, Greek, letter-like symbols (℃),
# number forms (Ⅳ), arrows and mathematical operators, enclosed numbers (①), geometric shapes.
_PLAUSIBLE = (
    (0x00A0, 0x00FF),
    (0x0370, 0x03FF),
    (0x2000, 0x206F),
    (0x2100, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x25FF),
    (0x3000, 0x303F),
    (0x4E00, 0x9FFF),
    (0xFF00, 0xFFEF),
)


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Text of ``data``: the given encoding, else a BOM, else the most plausible reading.

    Raises ``InputError`` naming ``path`` for binary data, undecodable data and files with no
    text in them (empty or only white space).
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(path, f"cannot decode as {encoding}: {e}") from None
        return _not_empty(text.removeprefix("\ufeff"), path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _not_empty(data.decode(name), path)
            except UnicodeDecodeError as e:
                raise InputError(path, f"starts with a {name} BOM but is not {name}: {e}") from None
    if not data:
        raise InputError(path, "empty file")
    has_nul = b"\x00" in data
    if not has_nul:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _looks_like_text(text):
                return _not_empty(text, path)
    best: tuple[float, int, str] | None = None
    for rank, name in enumerate(("utf-16-le", "utf-16-be", "gb18030")):
        if has_nul and name == "gb18030":
            continue
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if not _looks_like_text(text):
            continue
        score = _plausibility(text) + (_nul_parity(data, name) if has_nul else 0.0)
        if best is None or (score, -rank) > (best[0], -best[1]):
            best = (score, rank, text)
    if best is not None and best[0] >= 0.8:
        if best[1] == 2:  # GB18030: unless it is damaged UTF-8 read as mojibake
            _refuse_broken_utf8(data, path)
        return _not_empty(best[2], path)
    if has_nul:
        raise InputError(path, "binary file, not text")
    _refuse_broken_utf8(data, path)
    raise Undecodable(path, "not text in UTF-8, UTF-16 or GB18030")


def _not_empty(text: str, path: str) -> str:
    if not text:
        raise InputError(path, "empty file")
    if not text.strip():
        raise InputError(path, "no text, only white space")
    return text


def _refuse_broken_utf8(data: bytes, path: str) -> None:
    """Raise when ``data`` is UTF-8 but for a few bad bytes (a damaged file, not GB18030)."""
    sample = data[: _SAMPLE * 4]
    non_ascii = sum(1 for b in sample if b >= 0x80 and b & 0xC0 != 0x80)  # lead bytes
    if not non_ascii:
        return
    bad = sample.decode("utf-8", errors="replace").count("\ufffd")
    if bad / non_ascii < 0.05:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Undecodable(path, f"invalid UTF-8 at byte {e.start}") from None


def _plausibility(text: str) -> float:
    """Share of the characters of a sample that ordinary Chinese or ASCII text is made of."""
    sample = text[:_SAMPLE]
    if not sample:
        return 1.0
    good = 0
    for c in sample:
        o = ord(c)
        if 0x20 <= o < 0x7F or c in "\n\r\t\f\v" or any(a <= o <= b for a, b in _PLAUSIBLE):
            good += 1
    return good / len(sample)


def _nul_parity(data: bytes, name: str) -> float:
    """ASCII in UTF-16 puts its NUL on the high byte: odd positions little-endian, even big."""
    sample = data[: _SAMPLE * 2]
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd == even:
        return 0.0
    wanted = odd if name == "utf-16-le" else even
    return 0.5 * (wanted - (odd + even - wanted)) / (odd + even)


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return True
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(sample) < 0.01


def read_text(path: Path, encoding: str | None = None) -> str:
    """The decoded content of ``path``."""
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), e.strerror or str(e)) from None
    return decode(data, str(path), encoding)
