"""Decode bytes of unknown encoding: BOM, then the declared charset, then charset-normalizer."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 200_000


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first bytes, if any and known."""
    match = _META_CHARSET.search(data[:4096]) or re.search(
        rb"""<\?xml[^>]*encoding=["']([a-zA-Z0-9_.\-]+)""", data[:200]
    )
    return _known(match.group(1).decode("ascii", "ignore")) if match else None


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_STRAY_BYTES = "newstrace-cp1252"


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


codecs.register_error(_STRAY_BYTES, _stray_as_cp1252)


def mostly_utf8(data: bytes) -> bool:
    """Whether more non-ASCII bytes form UTF-8 sequences than not: UTF-8 with stray bytes."""
    sample = data[:_SNIFF_BYTES]
    in_sequences = sum(len(match) for match in _UTF8_SEQUENCE.findall(sample))
    non_ascii = sum(1 for byte in sample if byte >= 0x80)
    return in_sequences > 0 and in_sequences > non_ascii - in_sequences


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: BOM > valid UTF-8 > declared > detected > UTF-8 with replacement."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _known(declared) in (None, "utf-8") and mostly_utf8(data):
        # Mixed encodings (a Latin-1 quote pasted into a UTF-8 page): keep the UTF-8 and read
        # only the stray bytes as Windows-1252, instead of misreading the whole page.
        return data.decode("utf-8", errors=_STRAY_BYTES), "utf-8"
    for candidate in (_known(declared), declared_charset(data)):
        if candidate is not None and candidate not in {"utf-8", "utf_8"}:
            try:
                return data.decode(candidate), candidate
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(data[:_SNIFF_BYTES]).best()
    guess = best.encoding if best is not None else None
    # Without NUL bytes a wide encoding is a misdetection of short 8-bit text.
    if guess and not (guess.startswith(("utf_16", "utf_32")) and b"\x00" not in data):
        return data.decode(guess, errors="replace"), guess
    return data.decode("cp1252", errors="replace"), "cp1252"
