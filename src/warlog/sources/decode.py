"""Bytes to text: refuse binaries, honour byte-order marks, and survive legacy or mixed encodings.

News archives are full of pages saved in cp1251 or latin-1, and of files where a UTF-8 body was
concatenated with a legacy-encoded footer. Decoding line by line keeps the UTF-8 lines exact and
decodes only the others with the legacy encoding detected from them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

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
# Legacy single-byte encodings worth considering for news text, most likely first (ties go to the
# earlier one); a short list keeps detection sane.
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
    encoding = _guess_legacy(b"\n".join(legacy_lines))
    if encoding is None:
        raise EncodingError(
            f"{name}: is neither UTF-8 nor a recognisable legacy encoding; convert it to UTF-8 first"
        )
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(encoding, errors="replace"))
    return "\n".join(out)


_TOKEN = re.compile(r"\S+")
# Bytes of the legacy-encoded lines judged: enough words to tell the encodings apart, fast on any input.
_SAMPLE = 32 * 1024


def _guess_legacy(data: bytes) -> str | None:
    """The legacy encoding under which `data` reads most like words, or None if none does.

    A statistical detector is unreliable on the few non-ASCII bytes of an English text with a
    Russian name or an accented word in it (it reads "naïve" as cp1250 "naďve", "Москва" as
    "Ěîńęâŕ"), so each candidate is judged by how many of its non-ASCII words look garbled.
    """
    sample = data[:_SAMPLE]
    best: tuple[int, int, str] | None = None
    for encoding in _LEGACY:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        words = Counter(t for t in _TOKEN.findall(sample.decode(encoding)) if not t.isascii())
        garbled = sum(n for word, n in words.items() if _looks_garbled(word))
        if best is None or garbled < best[0]:
            best = (garbled, sum(words.values()), encoding)
    if best is None or best[0] * 2 > best[1]:
        return None  # even the best reading garbles most words: not a legacy encoding we know
    return best[2]


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ", 1)[0]


def _looks_garbled(token: str) -> bool:
    """True for a word that a wrong single-byte encoding typically produces."""
    if any(unicodedata.category(c) in ("Cc", "Cn", "Co") for c in token):
        return True
    letters = [c for c in token if c.isalpha()]
    if len({_script(c) for c in letters}) > 1:  # "cafй", "naпve": scripts mixed in one word
        return True
    for before, char, after in zip(token, token[1:], token[2:], strict=False):
        if not char.isascii() and not char.isalpha() and before.isalpha() and after.isalpha():
            return True  # "Êè¿â": a symbol inside a word
    for before, char in zip(token, token[1:], strict=False):
        if before.islower() and char.isupper() and not (before.isascii() and char.isascii()):
            return True  # "dŸ", "лНСКВА": capitals inside a word
    non_ascii = sum(not c.isascii() for c in letters)
    # "Ìîñêâà": a Latin word made almost entirely of accented letters
    return len(letters) >= 4 and _script(letters[0]) == "LATIN" and non_ascii / len(letters) > 0.6
