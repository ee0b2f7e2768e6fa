"""Text of feed items: control characters out, staff Markdown in a small HTML subset.

Every item body is HTML limited to ``p, br, b, i, a, ul, li`` plus a plain-text
twin, each at most :data:`BODY_LIMIT` characters. A body is assembled from
:class:`Block` s; when it is too long, :func:`fit` shortens the blocks that
may be shortened, in their ``rank`` order, to plain text cut at a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from importlib.metadata import version
from urllib.parse import urljoin

import markdown
import nh3

#: A feed item body fits a photo caption in Telegram and Max.
BODY_LIMIT = 1000

#: The only tags an item body may hold (docs: /work/shared/spec/outputs.md, "Feed items").
ALLOWED_TAGS = frozenset({"p", "br", "b", "i", "a", "ul", "li"})
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

#: A shortened block keeps at least this many characters, or is dropped.
MIN_KEEP = 40

# C0 controls but tab and newline, DEL, C1 controls, surrogates, and the two non-characters
# XML forbids: none may reach a feed, where one would make the whole file unreadable.
_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: Changes whenever :func:`markdown_html` could: our rules below or a library's version.
MARKDOWN_VERSION = f"1 markdown {version('markdown')} nh3 {version('nh3')}"

# Markdown's own tags mapped onto the allowed ones, before sanitizing.
_RENAMES = (
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
    (re.compile(r"<(/?)ol>"), r"<\1ul>"),
    (re.compile(r"<h[1-6][^>]*>"), "<p><b>"),
    (re.compile(r"</h[1-6]>"), "</b></p>"),
)
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
_SPACE_RUN = re.compile(r"\s*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{3,}")

_markdown = markdown.Markdown(output_format="html")

# Text that Markdown would render as plain paragraphs: no character or line start it reads
# as markup (emphasis, code, links, HTML, entities, headings, lists, rules, quotes, tables,
# indented code). Such text skips Markdown, which is slow, and gives the same HTML.
_MARKUP = re.compile(r"[\\`*_\[\]<>&|!#]|^ {4}|^\t|^\s*(?:[-+=>]|\d+[.)])| {2,}$",
                     re.MULTILINE)


def clean(text: str) -> str:
    """Staff text with line ends normalised and every character XML cannot carry removed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """Cleaned text on one line, runs of white space collapsed."""
    return " ".join(clean(text).split())


@lru_cache(maxsize=8192)
def markdown_html(source: str, base_url: str) -> str:
    """Staff Markdown as HTML in the allowed subset; relative links made absolute."""
    source = clean(source)
    if _MARKUP.search(source) is None:
        return paragraphs_html(" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(source))
    return rendered_markdown(source, base_url)


def rendered_markdown(source: str, base_url: str) -> str:
    """:func:`markdown_html` the slow way, through Markdown and nh3, whatever the text."""
    _markdown.reset()
    html = _markdown.convert(clean(source))
    for pattern, replacement in _RENAMES:
        html = pattern.sub(replacement, html)
    safe = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        attribute_filter=lambda tag, attr, value: urljoin(base_url, value),
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
    )
    return _SPACE_RUN.sub(" ", _BETWEEN_TAGS.sub("><", safe)).strip()


def html_text(html: str) -> str:
    """The plain-text twin of body HTML: paragraphs, bullets, links as 'text (url)'."""
    text = _LINK.sub(_link_text, html)
    for tag, replacement in (("<br>", "\n"), ("</p>", "\n\n"), ("<li>", "• "), ("</li>", "\n"),
                             ("</ul>", "\n")):
        text = text.replace(tag, replacement)
    text = unescape(_TAG.sub("", text))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()


def _link_text(match: re.Match[str]) -> str:
    href, label = unescape(match.group(1)), match.group(2)
    shown = unescape(_TAG.sub("", label)).strip()
    return label if shown == href or href.startswith(("mailto:", "tel:")) else f"{label} ({href})"


def paragraphs_html(paragraphs: Iterable[str]) -> str:
    """Plain-text paragraphs as HTML; a newline inside one becomes a line break."""
    pieces = [p.strip() for p in paragraphs if p.strip()]
    return "".join(f"<p>{escape(p, quote=False).replace(chr(10), '<br>')}</p>" for p in pieces)


def cut(text: str, keep: int) -> str:
    """``text`` shortened to about ``keep`` characters at a word, marked with an ellipsis."""
    if keep >= len(text):
        return text
    head = text[:keep]
    space = head.rfind(" ")
    if space > keep * 0.6:
        head = head[:space]
    return head.rstrip(" ,.;:—–-\n") + "…"


@dataclass(frozen=True)
class Block:
    """One paragraph-level part of an item body.

    ``rank`` 0 is never shortened; blocks of rank 1, 2, ... are shortened in
    that order, to ``plain`` cut at a word, until the body fits.
    """

    html: str
    text: str
    plain: str = ""
    rank: int = 0

    @staticmethod
    def of_text(text: str, rank: int = 0) -> Block:
        return Block(paragraphs_html(text.split("\n\n")), text, text, rank)

    def shortened(self, keep: int) -> Block:
        return Block.of_text(cut(self.plain, keep), self.rank)


@dataclass(frozen=True)
class Body:
    html: str
    text: str

    def fits(self, limit: int = BODY_LIMIT) -> bool:
        return len(self.html) <= limit and len(self.text) <= limit


def join(blocks: list[Block]) -> Body:
    return Body("".join(b.html for b in blocks), "\n\n".join(b.text for b in blocks if b.text))


def fit(blocks: list[Block], limit: int = BODY_LIMIT) -> Body:
    """The body of ``blocks``, shortening ranked blocks in turn until it fits ``limit``."""
    for rank in sorted({b.rank for b in blocks if b.rank}):
        if join(blocks).fits(limit):
            break
        blocks = _shorten(blocks, next(i for i, b in enumerate(blocks) if b.rank == rank), limit)
    return join(blocks)


def _shorten(blocks: list[Block], index: int, limit: int) -> list[Block]:
    """``blocks`` with block ``index`` cut to the longest length that fits, or dropped."""
    without = blocks[:index] + blocks[index + 1:]
    low, high, best = MIN_KEEP, len(blocks[index].plain), without
    while low <= high:
        keep = (low + high) // 2
        candidate = [*blocks[:index], blocks[index].shortened(keep), *blocks[index + 1:]]
        if join(candidate).fits(limit):
            best, low = candidate, keep + 1
        else:
            high = keep - 1
    return best


def capped(block: Block, limit: int) -> Block:
    """``block`` itself, or its plain form cut to ``limit`` characters when longer."""
    return block if len(block.plain) <= limit else block.shortened(limit)
