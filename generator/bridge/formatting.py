"""A feed item as a channel post: HTML both messengers render, within their limits.

The feed's ``content_html`` uses ``p, br, b, i, a, ul, li``. Neither messenger
renders paragraphs or lists, so the text is turned into *runs* — pieces of
text that are bold, italic or a link — with paragraphs and list items written
as line breaks and bullets. The runs are then written with only ``<b>``,
``<i>`` and ``<a href>``, which both accept:

* Telegram, ``parse_mode=HTML``: ``b/strong, i/em, u/ins, s/strike/del,
  span class="tg-spoiler", a href, code, pre, blockquote``; only ``&lt; &gt;
  &amp; &quot;`` and numeric entities (core.telegram.org/bots/api#html-style).
* Max, ``format: "html"``: ``i/em, b/strong, del/s, ins/u, a href, pre/code,
  mark, h1``; "all others will be stripped" (dev.max.ru/docs-api, "HTML support").

Limits: Telegram text 1–4096 and photo caption 0–1024 characters *after
entities parsing* (sendMessage, sendPhoto), counted here in UTF-16 code units
as Telegram does; Max ``NewMessageBody.text`` ``maxLength: 4000``, counted
here on the whole marked-up string, which can only overcount.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from .feed import FeedItem

TELEGRAM_TEXT_LIMIT = 4096
TELEGRAM_CAPTION_LIMIT = 1024
MAX_TEXT_LIMIT = 4000

MORE_LINK_TEXT = "Подробнее на сайте"
ELLIPSIS = "…"
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def same_style(self, other: Run) -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


@dataclass(frozen=True)
class _Break:
    lines: int  # 1: a line break; 2: a paragraph break
    additive: bool = False  # <br><br> makes two line breaks; </li><li> still makes one


class _RunCollector(HTMLParser):
    """Turns limited HTML into runs and breaks; unknown tags keep their text, nothing else."""

    def __init__(self, drop_links_to: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Run | _Break] = []
        self.bold = 0
        self.italic = 0
        self.links: list[str | None] = []
        self.skipping = 0
        self.drop_links_to = drop_links_to

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if href == self.drop_links_to:
                self.skipping += 1
            self.links.append(href if href.startswith(_SAFE_SCHEMES) else None)
        elif tag == "br":
            self.pieces.append(_Break(1, additive=True))
        elif tag == "li":
            self.pieces.append(_Break(1))
            self.pieces.append(Run("• "))
        elif tag in ("ul", "ol"):
            self.pieces.append(_Break(1))
        elif tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"):
            self.pieces.append(_Break(2))
        elif tag == "tr":
            self.pieces.append(_Break(1))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.links:
            if self.links.pop() == self.drop_links_to and self.drop_links_to:
                self.skipping = max(0, self.skipping - 1)
        elif tag == "li":
            self.pieces.append(_Break(1))
        elif tag in ("ul", "ol", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                     "table"):
            self.pieces.append(_Break(2))

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        href = next((link for link in reversed(self.links) if link), None) if self.links else None
        self.pieces.append(Run(data, self.bold > 0, self.italic > 0, href))


def runs_from_html(markup: str, drop_links_to: str | None = None) -> list[Run]:
    """Runs of the markup; links to ``drop_links_to`` are left out, text and all."""
    collector = _RunCollector(drop_links_to)
    collector.feed(markup)
    collector.close()
    return _normalise(collector.pieces)


def runs_from_text(text: str) -> list[Run]:
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    pieces: list[Run | _Break] = []
    for paragraph in paragraphs:
        for number, line in enumerate(paragraph.splitlines()):
            if number:
                pieces.append(_Break(1))
            pieces.append(Run(line))
        pieces.append(_Break(2))
    return _normalise(pieces)


def _normalise(pieces: Sequence[Run | _Break]) -> list[Run]:
    """Collapse white space as a browser would, and write breaks as newlines."""
    out: list[Run] = []
    pending = 0
    for piece in pieces:
        if isinstance(piece, _Break):
            pending = min(2, pending + piece.lines) if piece.additive \
                else max(pending, piece.lines)
            continue
        text = re.sub(r"\s+", " ", piece.text)
        if pending and not text.strip():
            continue  # white space between blocks is no text
        if pending and out:
            _strip_trailing(out)
            out.append(Run("\n" * pending))
        pending = 0
        if not out or out[-1].text.endswith(("\n", " ")):
            text = text.lstrip(" ")
        if text:
            out.append(replace(piece, text=text))
    _strip_trailing(out)
    return _merge(out)


def _strip_trailing(runs: list[Run]) -> None:
    while runs:
        stripped = runs[-1].text.rstrip(" ")
        if stripped:
            runs[-1] = replace(runs[-1], text=stripped)
            return
        runs.pop()


def _merge(runs: Sequence[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].same_style(run):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def render(runs: Sequence[Run]) -> str:
    """Runs as HTML with only ``<b>``, ``<i>`` and ``<a href>``, escaped for both messengers."""
    parts = []
    for run in _merge(runs):
        text = html.escape(run.text, quote=False)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.href:
            text = f'<a href="{html.escape(run.href, quote=True)}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def visible_text(runs: Sequence[Run]) -> str:
    return "".join(run.text for run in runs)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def truncate(runs: Sequence[Run], keep: int) -> list[Run]:
    """The first ``keep`` visible characters, cut at a word if one ends near, then ``…``."""
    text = visible_text(runs)
    if len(text) <= keep:
        return list(runs)
    cut = keep
    space = text.rfind(" ", max(0, keep - 30), keep + 1)
    if space > 0:
        cut = space
    kept: list[Run] = []
    left = cut
    for run in runs:
        if left <= 0:
            break
        kept.append(replace(run, text=run.text[:left]))
        left -= len(run.text)
    while kept and not kept[-1].text.rstrip():
        kept.pop()
    if kept:
        kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip())
    return [*kept, Run(ELLIPSIS)]


Measure = Callable[[Sequence[Run]], int]


def telegram_measure(runs: Sequence[Run]) -> int:
    return utf16_length(visible_text(runs))


def max_measure(runs: Sequence[Run]) -> int:
    return len(render(runs))


@dataclass(frozen=True)
class Post:
    """What goes to a chat: HTML text (or caption) and, maybe, an image by URL."""

    html: str
    image: str | None


def status_line(label: str, edited: bool) -> list[Run]:
    prefix = "Статус (обновлено): " if edited else "Статус: "
    return [Run(prefix), Run(label, bold=True)]


def compose(item: FeedItem, measure: Measure, limit: int, *, status_label: str | None = None,
            edited: bool = False) -> str:
    """The post's HTML, its body shortened with ``…`` when it would not fit ``limit``."""
    label = status_label if status_label is not None else item.status_label
    header: list[Run] = [Run(item.title.strip(), bold=True)] if item.title.strip() else []
    if label:
        header += ([Run("\n")] if header else []) + status_line(label, edited)
    body = _body(item)
    footer = [Run(MORE_LINK_TEXT, href=item.url)]
    return render(_fit(header, body, footer, measure, limit))


def _body(item: FeedItem) -> list[Run]:
    """The item's text without what the post shows itself: the status and the link to the item.

    The generator writes the status as its own paragraph, "Статус: действует.", and ends
    with a "Подробнее на сайте" link to the item's page; the post carries both in fixed
    places (the status under the title, where an edit can change it; the link last,
    where shortening cannot cut it), so they are taken out of the body.
    """
    if not item.content_html.strip():
        return runs_from_text(item.content_text)
    markup = item.content_html
    if item.status_label:
        label = re.escape(html.escape(item.status_label, quote=False))
        markup = re.sub(rf"<p>\s*Статус:\s*{label}\.?\s*</p>", "", markup)
    return runs_from_html(markup, drop_links_to=item.url)


def _assemble(header: list[Run], body: list[Run], footer: list[Run]) -> list[Run]:
    parts = [part for part in (header, body, footer) if part]
    runs: list[Run] = []
    for number, part in enumerate(parts):
        if number:
            runs.append(Run("\n\n"))
        runs.extend(part)
    return runs


def _fit(header: list[Run], body: list[Run], footer: list[Run], measure: Measure,
         limit: int) -> list[Run]:
    whole = _assemble(header, body, footer)
    if measure(whole) <= limit:
        return whole
    low, high = 0, len(visible_text(body))
    best = _assemble(header, [], footer)
    while low <= high:
        middle = (low + high) // 2
        candidate = _assemble(header, truncate(body, middle), footer)
        if measure(candidate) <= limit:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    if measure(best) <= limit:
        return best
    return truncate(_assemble(header, [], []), max(1, limit // 2))
