"""Fonts bundled with the package, glyph coverage, and fitting text into a width."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILES: dict[str, Path] = {
    "regular": FONT_DIR / "DejaVuSans.ttf",
    "bold": FONT_DIR / "DejaVuSans-Bold.ttf",
}
Weight = Literal["regular", "bold"]
ELLIPSIS = "…"
NBSP = "\u00a0"  # a space that never breaks a line
_NOT_A_CHARACTER = "\uffff"  # mapped by no font: renders as the .notdef glyph ("tofu")


@cache
def font(weight: Weight, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine: the same bytes whether or not libraqm is installed.
    return ImageFont.truetype(str(FONT_FILES[weight]), size,
                              layout_engine=ImageFont.Layout.BASIC)


def fonts_fingerprint() -> str:
    return ",".join(hashlib.sha256(path.read_bytes()).hexdigest() for path in FONT_FILES.values())


def missing_glyphs(face: ImageFont.FreeTypeFont, text: str) -> set[str]:
    """Characters of ``text`` that ``face`` would draw as its .notdef box."""
    return {ch for ch in set(text) if not ch.isspace() and not has_glyph(face, ch)}


def has_glyph(face: ImageFont.FreeTypeFont, ch: str) -> bool:
    return _ink(face, ch) != _ink(face, _NOT_A_CHARACTER)


def drawable(face: ImageFont.FreeTypeFont, text: str) -> str:
    """``text`` without the characters the font lacks (an emoji in a name, say)."""
    missing = missing_glyphs(face, text)
    return "".join(ch for ch in text if ch not in missing) if missing else text


@cache
def _ink(face: ImageFont.FreeTypeFont, ch: str) -> tuple[tuple[float, ...], bytes]:
    """The glyph as drawn: its box and its pixels."""
    left, top, right, bottom = face.getbbox(ch)
    canvas = Image.new("L", (max(1, int(right - left)), max(1, int(bottom - top))))
    ImageDraw.Draw(canvas).text((-left, -top), ch, font=face, fill=255)
    return (left, top, right, bottom), canvas.tobytes()


def fit_lines(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped at spaces (not at no-break spaces) into at most ``max_lines``
    lines no wider than ``width``; the last line ends with an ellipsis when
    something had to be left out."""
    lines = wrap(text, face, width)
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], with_ellipsis(lines[max_lines - 1], face, width)]


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in (w for w in text.replace("\n", " ").split(" ") if w):
        candidate = f"{current} {word}" if current else word
        if face.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _break_word(word, face, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def with_ellipsis(line: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    cut = line
    while cut and face.getlength(cut.rstrip(" ,;:—-") + ELLIPSIS) > width:
        cut = cut[:-1]
    return cut.rstrip(" ,;:—-") + ELLIPSIS


def _break_word(word: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than the line, cut into pieces that fit (a very long street name)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and face.getlength(current + ch) > width:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return pieces
