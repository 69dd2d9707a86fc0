"""Bytes to text: sniff binary input, detect the encoding, tell the format apart.

The decoded text is kept exactly as it was (CRLF stays CRLF): every offset downstream
points into it. Encodings are detected by charset-normalizer; when it proposes several
Cyrillic single-byte codecs (cp1251, koi8-r, mac-cyrillic… are easy to confuse on short
text), the one whose decoding reads most like Russian wins.

A page that is UTF-8 but for a few stray bytes (a bad copy-paste, a byte cut from a
character mid-file) is decoded with U+FFFD in their place and ``Decoded.replaced`` says
how many; the reader flags such an article ``decoded-with-replacement``. "A few" is at
most ``REPLACEMENT_MAX_BYTES`` or ``REPLACEMENT_MAX_SHARE`` of the bytes, whichever is
more, and each must be outweighed by ``REPLACEMENT_MIN_VALID_PER_INVALID`` valid
multi-byte characters: a page in cp1251 or KOI8-R fails as UTF-8 on nearly every Russian
letter and decodes almost no valid sequence, so it still goes to encoding detection.
"""

from __future__ import annotations

import codecs
import logging
import math
import re
from dataclasses import dataclass

import charset_normalizer

from khronika import errors

log = logging.getLogger(__name__)

BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "a GZIP archive"),
    (b"BZh", "a BZIP2 archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office (OLE) document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
    (b"PAR1", "a Parquet file"),
)

# First bytes of what a saved web page brings along: images and web fonts are skipped as
# not articles whatever their names (labels as in layout.yaml's not_articles). Other
# binary files are read, and fail as BinaryInput.
IMAGES, FONTS = "images", "fonts"
ASSET_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", IMAGES),
    (b"GIF87a", IMAGES),
    (b"GIF89a", IMAGES),
    (b"\xff\xd8\xff", IMAGES),
    (b"\x00\x00\x01\x00", IMAGES),  # ICO
    (b"\x00\x00\x02\x00", IMAGES),  # CUR
    (b"wOFF", FONTS),
    (b"wOF2", FONTS),
    (b"OTTO", FONTS),
    (b"\x00\x01\x00\x00\x00", FONTS),  # TrueType
)
SVG_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg\b",
    re.IGNORECASE | re.DOTALL,
)

# BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Cyrillic single-byte codecs that charset-normalizer is asked to compare among.
CYRILLIC_CODECS = ["cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5", "koi8_u"]

# Russian letters, most frequent first (to weigh how Russian a decoding reads).
RUSSIAN_BY_FREQUENCY = "оеаинтсрвлкмдпуяызбгчйхжьюшцщэфъё"
TOLERATED_NON_ASCII = set("«»—–…№“”„‘’\u00a0°€£¥§©®™•·\u2009\u202f\u200b\ufeff")
WORD = re.compile(r"[^\W\d_]+")
WELL_SHAPED = re.compile(r"[А-ЯЁ]?[а-яё]+|[А-ЯЁ]+")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # not text: maybe BOM-less UTF-16
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")

# UTF-8 with stray invalid bytes (see the module docstring): each invalid sequence counts
# once, as the one U+FFFD that replaces it.
REPLACEMENT_MAX_SHARE = 0.001  # 0.1% of the input's bytes ...
REPLACEMENT_MAX_BYTES = 8  # ... or this many, whichever is more
REPLACEMENT_MIN_VALID_PER_INVALID = 20  # valid multi-byte characters per invalid sequence
REPLACEMENT = "\ufffd"
ENCODED_REPLACEMENT = REPLACEMENT.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding, and how many invalid sequences became U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode(data: bytes, *, path: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` to (text, encoding name); the text is kept as it is (no newline changes).

    Raises EmptyInput, BinaryInput or UndecodableInput.
    """
    decoded = decode_input(data, path=path)
    return decoded.text, decoded.encoding


def decode_input(data: bytes, *, path: str = "<bytes>") -> Decoded:
    """``decode``, telling also how many stray invalid UTF-8 sequences were replaced."""
    if not data.strip():
        raise errors.EmptyInput(_empty_message(path, data))
    _reject_binary(data, path)
    found = _decode_bom(data) or _decode_utf8(data) or _decode_mostly_utf8(data, path)
    decoded = found or Decoded(*_decode_detected(data, path))
    if not decoded.text.strip() or not decoded.text.strip("\ufeff\u00a0 \t\r\n"):
        raise errors.EmptyInput(_empty_message(path, data))
    log.debug("%s: decoded as %s", path, decoded.encoding)
    return decoded


def _empty_message(path: str, data: bytes) -> str:
    found = "0 bytes" if not data else f"{len(data)} bytes of whitespace only"
    return (
        f"{path}: empty input: expected a news page or text, found {found}; "
        "check that the file was saved completely"
    )


def _reject_binary(data: bytes, path: str) -> None:
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise errors.BinaryInput(
                f"{path}: binary input: expected text or HTML, found {what} "
                f"(starts with {data[:8]!r}); extract its text first or leave it out"
            )
    nul = data.find(b"\x00")
    if nul >= 0 and not _starts_with_bom(data) and not _utf16_detected(data):
        raise errors.BinaryInput(
            f"{path}: binary input: expected text or HTML, found NUL bytes "
            f"(first at byte {nul}); extract its text first or leave it out"
        )


def asset_kind(head: bytes) -> str | None:
    """"images" or "fonts" when the first bytes of a file show one, else None."""
    for magic, label in ASSET_MAGIC:
        if head.startswith(magic):
            return label
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return IMAGES
    return IMAGES if SVG_START.match(head) else None


def _starts_with_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in BOMS)


def _utf16_detected(data: bytes) -> bool:
    best = charset_normalizer.from_bytes(data[:65536]).best()
    return best is not None and best.encoding.startswith(("utf_16", "utf_32"))


def _decode_bom(data: bytes) -> Decoded | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_utf8(data: bytes) -> Decoded | None:
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(data) - 3 or error.reason != "unexpected end of data":
            return None
        log.warning("dropping a UTF-8 character cut off at the end (byte %d)", error.start)
        text = data[: error.start].decode("utf-8")
    return None if CONTROL.search(text) else Decoded(text, "utf-8")


def _decode_mostly_utf8(data: bytes, path: str) -> Decoded | None:
    """UTF-8 with a few stray invalid bytes, replaced by U+FFFD (thresholds above)."""
    if b"\x00" in data:
        return None
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(REPLACEMENT) - data.count(ENCODED_REPLACEMENT)
    if not _few_invalid(text, replaced, len(data)) or CONTROL.search(text):
        return None
    log.warning(
        "%s: %d invalid UTF-8 byte sequence(s) replaced with U+FFFD (first at character %d)",
        path, replaced, text.index(REPLACEMENT),
    )
    return Decoded(text, "utf-8", replaced)


def _few_invalid(text: str, replaced: int, size: int) -> bool:
    valid_multibyte = sum(1 for ch in text if ch > "\x7f") - replaced
    return (
        0 < replaced <= max(REPLACEMENT_MAX_BYTES, REPLACEMENT_MAX_SHARE * size)
        and valid_multibyte >= REPLACEMENT_MIN_VALID_PER_INVALID * replaced
    )


def _decode_detected(data: bytes, path: str) -> tuple[str, str]:
    candidates = _candidates(data)
    if not candidates:
        raise errors.UndecodableInput(
            f"{path}: undecodable input: expected text in UTF-8, UTF-16, cp1251 or KOI8-R, "
            f"found {len(data)} bytes that no encoding decodes cleanly; "
            "convert the file to UTF-8 (e.g. with iconv) and try again"
        )
    return max(candidates, key=lambda c: (russian_score(c[0]), -candidates.index(c)))


def _candidates(data: bytes) -> list[tuple[str, str]]:
    """Decodings proposed by charset-normalizer, unrestricted first, then Cyrillic ones."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches or any(_is_single_byte_cyrillic(m) for m in matches) or _high_bytes(data):
        matches += list(charset_normalizer.from_bytes(data, cp_isolation=CYRILLIC_CODECS))
    seen: dict[str, str] = {}
    for match in matches:
        if match.encoding not in seen:
            seen[match.encoding] = str(match)
    return [(text, encoding) for encoding, text in seen.items()]


def _is_single_byte_cyrillic(match) -> bool:
    return match.encoding in CYRILLIC_CODECS or "Russian" in (match.languages or [])


def _high_bytes(data: bytes) -> bool:
    return sum(b >= 0x80 for b in data[:4096]) * 4 > min(len(data), 4096)


def russian_score(text: str) -> float:
    """How much ``text`` reads like Russian: well-shaped Russian words score, garbage costs.

    Words of Russian letters in normal case shape (Москва, МИД, переговоры) earn points
    weighted by letter frequency; mixed-script or oddly cased words (мБЧРПЧ) and stray
    symbols cost points. Pure Latin words are neutral.
    """
    score = 0.0
    for word in WORD.findall(text):
        score += _word_score(word)
    score -= 2 * sum(1 for ch in text if _is_stray(ch))
    score -= 4 * len(CONTROL.findall(text))
    return score


def _word_score(word: str) -> float:
    if word.isascii() or LATIN.fullmatch(word):
        return 0.0
    if WELL_SHAPED.fullmatch(word):
        caps = 0.5 if len(word) > 1 and word.isupper() else 1.0  # МИД is rarer than мид
        return caps * sum(_letter_weight(ch) for ch in word)
    return -2.0 * len(word)


def _letter_weight(ch: str) -> float:
    rank = RUSSIAN_BY_FREQUENCY.find(ch.lower())
    return 1.0 + 0.5 * math.cos(math.pi * rank / len(RUSSIAN_BY_FREQUENCY))


def _is_stray(ch: str) -> bool:
    return not ch.isascii() and not ch.isalpha() and ch not in TOLERATED_NON_ASCII


HTML_START = re.compile(
    r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL
)
HTML_TAGS = re.compile(r"<(p|div|article|span|a|h[1-6]|br|time)\b[^>]*>", re.IGNORECASE)


def detect_format(text: str, path: str | None = None) -> str:
    """Tell "html", "jsonl" or "dump" (any other text: page dump or plain text) apart."""
    suffix = (path or "").lower().rsplit(".", 1)[-1] if path and "." in path else ""
    head = text.lstrip("\ufeff")[:4096]
    if suffix in ("jsonl", "ndjson") or _looks_like_jsonl(head):
        return "jsonl"
    if suffix in ("html", "htm", "xhtml") or HTML_START.match(head):
        return "html"
    if len(HTML_TAGS.findall(head)) >= 5:
        return "html"
    return "dump"


def _looks_like_jsonl(head: str) -> bool:
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    return first.startswith("{") and first.endswith("}") and '"' in first
