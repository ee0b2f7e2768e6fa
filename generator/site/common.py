"""Pieces shared by every page: the page record, links, front matter, notice cards."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from ..model import Notice, Organization, Place
from ..rawhtml import plain, raw_block
from ..times import date_text, span_text
from ..vocabulary import NOTICE_TYPES, SERVICE_OUTAGE, SERVICES
from .data import SiteData, feed_dir_of
from .status import badge
from .text import attr, heading_text, html_text, md, yaml_string


@dataclass(frozen=True)
class Page:
    """One Markdown file of the docs folder."""

    path: str  # relative to the docs folder, e.g. "places/x.md"
    #: The Markdown, or (notice pages) the page as blocks, whose Markdown is made only
    #: when MkDocs builds the page (see ``shell``).
    source: str | HtmlPage
    lastmod: datetime | None = None  # for the sitemap

    @cached_property
    def marked(self) -> str:
        """The Markdown with its large HTML blocks marked, for our MkDocs build (``rawhtml``)."""
        return self.source if isinstance(self.source, str) else self.source.markdown()

    @property
    def text(self) -> str:
        """The Markdown, as any builder reads it."""
        return plain(self.marked)

    @property
    def html(self) -> HtmlPage | None:
        return self.source if isinstance(self.source, HtmlPage) else None

    @property
    def url(self) -> str:
        return page_url(self.path)


def write_files(root: Path, files: Iterable[tuple[str, str]]) -> None:
    """Write (path relative to ``root``, text) pairs, making each folder once."""
    made: set[Path] = set()
    for relative, text in files:
        target = root / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Heading:
    """A heading with a fixed anchor: Markdown for the docs folder, HTML for the shell."""

    level: int
    text: str  # plain text, as written
    id: str
    css_class: str = ""

    def markdown(self) -> str:
        css = f" .{self.css_class}" if self.css_class else ""
        return f"{'#' * self.level} {md(self.text)} {{ #{self.id}{css} }}"

    def html(self) -> str:
        """As Python-Markdown (``attr_list``) writes it: class before id."""
        css = f' class="{self.css_class}"' if self.css_class else ""
        return f'<h{self.level}{css} id="{self.id}">{heading_text(self.text)}</h{self.level}>'


#: A piece of a page written in HTML: a heading, or an HTML block (one or more
#: elements, starting with a block-level tag at the start of a line).
Block = Heading | str

_SPACES_ONLY = re.compile(r"(?<=\n) +\n")


def normalized(block: str) -> str:
    """An HTML block as Python-Markdown leaves it (its ``NormalizeWhitespace``): no STX/ETX,
    line ends ``\\n``, tabs expanded to 4 columns, lines of spaces emptied; no leading or
    trailing newline. So the shell writes what MkDocs would."""
    text = block.replace("\x02", "").replace("\x03", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return _SPACES_ONLY.sub("\n", text).strip("\n")


@dataclass(frozen=True)
class HtmlPage:
    """A page as front matter and blocks, which give both its Markdown and its HTML."""

    front: FrontMatter
    blocks: tuple[Block, ...]

    def markdown(self) -> str:
        parts = [b.markdown() if isinstance(b, Heading) else b for b in self.blocks]
        return self.front.text() + "\n" + "\n\n".join(parts) + "\n"

    def content(self) -> str:
        """The HTML MkDocs makes of :meth:`markdown` (what goes inside the theme's article):
        Python-Markdown puts a blank line after each raw HTML block, a line break after
        each element it made, and strips the end."""
        return "".join(b.html() + "\n" if isinstance(b, Heading) else b + "\n\n"
                       for b in self.blocks).rstrip("\n")

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


@dataclass(frozen=True)
class Feed:
    """One set of feeds (RSS, Atom, JSON Feed, iCalendar) and whom it is about."""

    title: str
    directory: str  # relative to the site root, ending with "/"


DEMO_NOTE = ('<p class="rso-demo">Демонстрационные данные: организация, телефоны и адреса '
             "вымышлены.</p>\n")


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a Markdown file (``use_directory_urls``)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def link(source: str, target: str) -> str:
    """A relative link from one Markdown file to another, as MkDocs resolves them:
    up from the source's folder to the docs root, then down to the target."""
    return "../" * source.count("/") + target


def to_root(source: str) -> str:
    """The relative prefix from a page's URL to the site root: ``../../``."""
    return "../" * page_url(source).count("/")


@dataclass(frozen=True)
class FrontMatter:
    """A page's YAML front matter: title, description, and the ``rso_*`` keys our theme reads.

    Strings the theme prints are HTML-escaped (MkDocs templates do not autoescape):
    ``title_html`` and ``description_html`` are what a page shows.
    """

    title: str
    description: str | None = None
    kind: str | None = None
    feeds: Sequence[Feed] = ()
    search: bool = False
    image: str | None = None  # relative to the site root

    @property
    def title_html(self) -> str:
        return html_text(self.title)

    @property
    def description_html(self) -> str:
        return html_text(self.description or "")

    def text(self) -> str:
        """Kept small and flat: MkDocs parses it with PyYAML for every page."""
        lines = ["---", f"title: {yaml_string(self.title)}"]
        if self.description:
            lines.append(f"description: {yaml_string(self.description)}")
        if self.kind:
            lines.append(f"rso_kind: {self.kind}")
        if self.search:
            lines.append("rso_search: true")
        if self.feeds:
            pairs = ", ".join(f"[{json.dumps(feed.directory)}, {yaml_string(feed.title)}]"
                              for feed in self.feeds)
            lines.append(f"rso_feeds: [{pairs}]")
        if self.image:
            lines.append(f"rso_image: {yaml_string(self.image)}")
        lines.append("---\n")
        return "\n".join(lines)


def front_matter(title: str, description: str | None = None, *, kind: str | None = None,
                 feeds: Sequence[Feed] = (), search: bool = False,
                 image: str | None = None) -> str:
    """The text of a :class:`FrontMatter`."""
    return FrontMatter(title, description, kind, feeds, search, image).text()


ALL_FEEDS = Feed("Все объявления", "feeds/all/")


def organization_feed(org: Organization) -> Feed:
    return Feed(org.name, org.feed_dir)


def place_feed(place: Place) -> Feed:
    return Feed(place.name, feed_dir_of(place))


def services_text(notice: Notice) -> str:
    """«нет холодной воды, не работает канализация», or the type for information."""
    if not notice.services:
        return NOTICE_TYPES[notice.type]
    return ", ".join(SERVICE_OUTAGE[s] for s in notice.services)


def services_list(notice: Notice) -> str:
    return ", ".join(SERVICES[s] for s in notice.services)


def where_text(notice: Notice, limit: int = 3) -> str:
    """«Верхняя Салда: ул. Ленина, ул. Энгельса; деревня Никитино» (HTML-escaped)."""
    parts = []
    for area in notice.areas:
        if area.whole_settlement:
            parts.append(attr(area.place.name))
            continue
        names = [s.street for s in area.streets]
        shown = ", ".join(attr(n) for n in names[:limit])
        if len(names) > limit:
            shown += f" и ещё {len(names) - limit}"
        parts.append(f"{attr(area.place.name)}: {shown}")
    return "; ".join(parts)


#: Stands for the relative path to the site root in cached cards and rows. Hub pages link
#: to notices by their final URL (``Notice.url``), not by ``.md`` path: notice pages do
#: not go through MkDocs (see ``shell``), and a sharded build holds each page in one shard.
_ROOT = "\x00root\x00"


def card(data: SiteData, source: str, notice: Notice) -> str:
    """A notice in a list (an HTML ``<li>``): status, type, title link, what, where, when.

    The text is made once per notice and only its link prefix changes per page.
    """
    text = data.cards.get(notice.id)
    if text is None:
        text = data.cards[notice.id] = _card(data, notice)
    return text.replace(_ROOT, to_root(source))


def _card(data: SiteData, notice: Notice) -> str:
    start, end = data.times(notice)
    what = attr(services_text(notice)) + (f" · {where_text(notice)}" if notice.areas else "")
    kind = f'<span class="rso-kind">{NOTICE_TYPES[notice.type]}</span>'
    lines = [f"<li>{badge(notice, data.now)} {kind}<br>",
             f'<a href="{_ROOT}{notice.url}"><strong>{attr(notice.title)}</strong></a><br>']
    if notice.type == "info" and start is None:
        lines.append(f"{what}</li>")
    else:
        tz = notice.organization.timezone
        lines.append(f"{what}<br>")
        lines.append(f'<span class="rso-when">{attr(span_text(start, end, tz))}</span></li>')
    return "\n".join(lines)


def row(data: SiteData, source: str, notice: Notice) -> str:
    """A notice in a history list, on one line (an HTML ``<li>``): status, title link,
    date, place."""
    text = data.rows.get(notice.id)
    if text is None:
        local = notice.published.astimezone(notice.tz)
        places = ", ".join(attr(p.name) for p in notice.places)
        text = data.rows[notice.id] = (
            f'<li>{badge(notice, data.now)} <a href="{_ROOT}{notice.url}">{attr(notice.title)}'
            f"</a> — {date_text(local)}" + (f", {places}" if places else "") + "</li>")
    return text.replace(_ROOT, to_root(source))


def card_list(data: SiteData, source: str, notices: Sequence[Notice], empty: str,
              *, compact: bool = False) -> str:
    """Notice cards (or one-line rows when ``compact``) in a styled block; ``empty`` if none.

    Written in HTML: lists of notices make most of a hub page, and Markdown would spend
    most of the build parsing them.
    """
    if not notices:
        return f"{empty}\n"
    return raw_block(card_list_html(data, source, notices, compact=compact))


def card_list_html(data: SiteData, source: str, notices: Sequence[Notice], *,
                   compact: bool = False) -> str:
    """:func:`card_list`'s HTML element, for a larger HTML block."""
    make = row if compact else card
    items = "\n".join(make(data, source, n) for n in notices)
    style = "rso-rows" if compact else "rso-cards"
    return f'<div class="{style}" data-pagefind-ignore>\n<ul>\n{items}\n</ul>\n</div>'


def pages_nav(source_paths: Sequence[str], index: int) -> str:
    """«← Предыдущая · Страница 2 из 5 · Следующая →» between the pages of one list."""
    if len(source_paths) < 2:
        return ""
    here = source_paths[index]
    parts = []
    if index > 0:
        parts.append(f"[← Предыдущая]({link(here, source_paths[index - 1])})")
    parts.append(f"Страница {index + 1} из {len(source_paths)}")
    if index + 1 < len(source_paths):
        parts.append(f"[Следующая →]({link(here, source_paths[index + 1])})")
    return ('<nav class="rso-pages" aria-label="Страницы списка" markdown>\n\n'
            + " · ".join(parts) + "\n\n</nav>\n")


def paginated_paths(first: str, count: int) -> list[str]:
    """``places/x.md`` → ``places/x.md``, ``places/x/page-2.md``, …"""
    stem = first.removesuffix(".md").removesuffix("/index")
    return [first] + [f"{stem}/page-{n}.md" for n in range(2, count + 1)]


def chunks(items: Sequence[Notice], size: int) -> list[Sequence[Notice]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [items]
