"""Bytes to text: refuse binaries, honour byte-order marks, and survive legacy or mixed encodings.

News archives are full of pages saved in cp1251 or latin-1, and of files where a UTF-8 body was
concatenated with a legacy-encoded footer. Decoding line by line keeps the UTF-8 lines exact and
decodes only the others with the legacy encoding detected from them.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from warlog.errors import BinaryInputError, EmptyInputError, EncodingError

# Signatures of common binary formats someone may point warlog at by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
# Legacy single-byte encodings worth considering for news text; a short list keeps detection sane.
_LEGACY = ["cp1252", "cp1251", "cp1250", "koi8_r", "iso8859_15", "latin_1", "cp1253", "cp1254"]


def check_not_binary(data: bytes, name: str) -> None:
    """Raise BinaryInputError when `data` is plainly not text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"{name}: is {what}, not text, HTML, a feed, JSON Lines or WARC")
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in head:
        raise BinaryInputError(f"{name}: is a binary file (it contains NUL bytes), not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise BinaryInputError(f"{name}: is a binary file (too many control bytes), not text")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode `data` to text, raising a clear error for binaries, empty input or undecodable bytes."""
    if not data.strip():
        raise EmptyInputError(f"{name}: is empty")
    check_not_binary(data, name)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"{name}: starts with a {encoding} mark but is not {encoding}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_mixed(data, name)


def _decode_mixed(data: bytes, name: str) -> str:
    lines = data.split(b"\n")
    legacy_lines = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy_lines.append(line)
    guess = charset_normalizer.from_bytes(b"\n".join(legacy_lines), cp_isolation=_LEGACY).best()
    if guess is None or guess.encoding is None:
        raise EncodingError(
            f"{name}: is neither UTF-8 nor a recognisable legacy encoding; convert it to UTF-8 first"
        )
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(guess.encoding, errors="replace"))
    return "\n".join(out)
