"""Text normalization shared by ingest and retrieve.

`normalize` maps one string to its matching form. `NormText` does the same for a
whole source file while remembering, for every normalized character, where it
came from in the raw file, so records keep exact char spans in the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Glyph substitutions of the PDF-extracted gazette (003_*.txt) and stray code
# points of the web/PDF texts. Every unusual code point found in data/corpus is
# listed here; tests/test_text.py asserts none is left unmapped.
GLYPHS: dict[str, str] = {
    "\ua3ac": "，",  # ꎬ  YI SYLLABLE SHAX, PDF font glyph for the fullwidth comma
    "\ua3ae": "。",  # ꎮ  YI SYLLABLE SHAP, full stop
    "\ua3bb": "；",  # ꎻ  YI SYLLABLE SHUX, semicolon
    "\U001001b0": ".",  # private-use glyph for the decimal point: "5􀆰5" -> "5.5"
    "\u00ab": "《",  # « as book-title mark
    "\u00bb": "》",  # »
    "\u3008": "《",  # 〈 inner book-title mark, as 《
    "\u3009": "》",  # 〉
    "\u2236": "：",  # ∶ RATIO, used for "1∶6.9"
    "\ufffd": "",  # U+FFFD marks footnotes in the plan's glossary; carries nothing
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",
    "\ufeff": "",  # byte-order mark (Windows editors write it at the file start)
}

# Fullwidth punctuation we keep as is (NFKC would turn it into ASCII).
_KEEP = set("，：；！？")

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。、；：！？“”‘’《》〔〕（）()【】·—…%"
# A space next to a CJK character or CJK punctuation is a PDF artefact.
_SPACE_NEAR_CJK = re.compile(
    rf"(?<=[{_CJK}{re.escape(_CJK_PUNCT)}])[ \t]+|[ \t]+(?=[{_CJK}{re.escape(_CJK_PUNCT)}])"
)


def is_format_char(ch: str) -> bool:
    """Zero-width and other invisible format characters (Unicode category Cf: U+200B-U+200F,
    U+2060, U+FEFF, bidi controls ...). They carry nothing for matching or display."""
    return unicodedata.category(ch) == "Cf"


def normalize_char(ch: str) -> str:
    """The matching form of one character (format characters are dropped)."""
    if ch in GLYPHS:
        return GLYPHS[ch]
    if ch in _KEEP:
        return ch
    if is_format_char(ch):
        return ""
    return unicodedata.normalize("NFKC", ch)


class _CharForms(dict):
    """character -> normalize_char(character), filled on first sight. A question's search
    normalizes thousands of passage characters; one dict lookup each instead of a category
    and an NFKC call. Bounded: past _CHAR_FORMS_MAX distinct characters (the corpus has a few
    thousand) a new character is normalized every time instead of kept."""

    def __missing__(self, ch: str) -> str:
        out = normalize_char(ch)
        if len(self) < _CHAR_FORMS_MAX:
            self[ch] = out
        return out


_CHAR_FORMS_MAX = 1 << 16

_CHAR_FORMS = _CharForms()


def normalize(text: str) -> str:
    """NFKC (fullwidth digits/letters to ASCII), glyph map, no spaces beside CJK."""
    out = "".join(map(_CHAR_FORMS.__getitem__, text))
    return _SPACE_NEAR_CJK.sub("", out)


_BLANKS = re.compile(r"[^\S\n]+")
_SPACE_AT_LINE_END = re.compile(r"[^\S\n]*\n[^\S\n]*")


def source_form(text: str) -> str:
    """The display form of verbatim source text (records' `source_text`).

    Exactly: every character through `normalize_char` (GLYPHS map, NFKC except for
    ，：；！？, format characters dropped); "\r\n" and "\r" become "\n"; a run of other
    whitespace (spaces, tabs, ideographic spaces) becomes one space; spaces at line ends
    are dropped; the result is stripped. Nothing else changes: no labels, no reordering,
    no spaces removed between CJK characters (a PDF's "谭 萍" stays "谭 萍").
    """
    out = "".join(normalize_char(c) for c in text.replace("\r\n", "\n").replace("\r", "\n"))
    out = _BLANKS.sub(" ", out)
    return _SPACE_AT_LINE_END.sub("\n", out).strip()


def compact(text: str) -> str:
    """Matching key: normalized with all whitespace removed."""
    return re.sub(r"\s+", "", normalize(text))


def normalize_name(name: str) -> str:
    """Person or unit name for matching: "谭 萍" -> "谭萍"."""
    return compact(name)


@dataclass
class NormText:
    """Normalized text plus, per normalized char, its index in the raw text."""

    raw: str
    text: str
    offsets: list[int]  # len(text) + 1 entries; offsets[len(text)] == len(raw)
    # Heading levels by the raw offset of the heading's first character: Markdown "#"
    # headings and Word heading styles (assistant/ingest/formats.py). Empty for plain text.
    headings: dict[int, int] = field(default_factory=dict)

    @classmethod
    def from_raw(cls, raw: str, headings: dict[int, int] | None = None) -> NormText:
        """Normalize `raw`; Windows ("\\r\\n") and old Mac ("\\r") line ends become "\\n"."""
        chars: list[str] = []
        offsets: list[int] = []
        for i, ch in enumerate(raw):
            if ch == "\r":
                if raw.startswith("\n", i + 1):
                    continue
                ch = "\n"
            for out in normalize_char(ch):
                chars.append(out)
                offsets.append(i)
        offsets.append(len(raw))
        nt = cls(raw, "".join(chars), offsets, dict(headings or {}))
        return nt.delete(_SPACE_NEAR_CJK)

    def heading_level(self, i: int) -> int:
        """The heading level of the line whose first normalized char is at `i` (0: none)."""
        return self.headings.get(self.offsets[i], 0) if i < len(self.text) else 0

    def delete(self, pattern: re.Pattern[str] | str) -> NormText:
        """Remove every match of `pattern` (e.g. page headers), keeping offsets."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        keep_text: list[str] = []
        keep_off: list[int] = []
        pos = 0
        for m in rx.finditer(self.text):
            keep_text.append(self.text[pos:m.start()])
            keep_off.extend(self.offsets[pos:m.start()])
            pos = m.end()
        keep_text.append(self.text[pos:])
        keep_off.extend(self.offsets[pos:])
        keep_off.append(len(self.raw))
        return NormText(self.raw, "".join(keep_text), keep_off, self.headings)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file span of normalized text[start:end]."""
        if end <= start:
            return (self.offsets[start], self.offsets[start])
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def raw_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Raw-file spans of normalized text[start:end], split wherever the raw text between
        two kept characters held something visible that normalization deleted (a page header
        or footer removed by `delete`), so each piece is printed text of this span only."""
        if end <= start:
            return []
        pieces: list[tuple[int, int]] = []
        first = prev = self.offsets[start]
        for k in range(start + 1, end):
            here = self.offsets[k]
            if here > prev + 1 and any(normalize_char(c).strip() for c in self.raw[prev + 1:here]):
                pieces.append((first, prev + 1))
                first = here
            prev = here
        pieces.append((first, prev + 1))
        return pieces

    def slice(self, start: int, end: int) -> NormText:
        """A sub-text whose offsets still point into the same raw file."""
        return NormText(self.raw, self.text[start:end],
                        self.offsets[start:end] + [self.offsets[end] if end < len(self.offsets) else len(self.raw)],
                        self.headings)
