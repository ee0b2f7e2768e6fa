"""RSS 2.0 and Atom 1.0 with feedgen 1.0.0, minus its pitfalls.

feedgen is used for the structure; an extension registered through its own
API writes what feedgen 1.0.0 gets wrong:

* ``FeedEntry.atom_entry`` drops every attribute but ``href`` of an entry's
  links, so ``rel="enclosure"``, ``type`` and ``length`` would be lost: the
  extension writes the Atom enclosure link itself.
* ``FeedEntry.enclosure(length=None)`` writes ``length="None"``: the RSS
  enclosure is written by the extension too, always with the real size.
* ``formatRFC2822`` switches the process-wide locale to format every RSS date:
  no date is given to feedgen's RSS side; ``pubDate`` and ``lastBuildDate``
  are formatted here with :func:`email.utils.format_datetime`.
* ``FeedGenerator`` and ``FeedEntry`` default ``updated``/``lastBuildDate`` to
  the clock: every one is set from the content (see :func:`_forget_clock`).
* ``add_entry`` prepends by default: entries are appended, newest first.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from .items import FeedItem, Image

MEDIA_NS = "http://search.yahoo.com/mrss/"
TTL_MINUTES = 5  # how often a bridge should poll


class RsoFeedExtension(BaseExtension):  # type: ignore[misc]
    """Feed-level additions: the media namespace and RSS ``lastBuildDate``."""

    def __init__(self) -> None:
        self.last_build: datetime | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        if self.last_build is not None:
            channel = feed.find("channel")
            xml_elem("lastBuildDate", channel).text = rfc822(self.last_build)
        return feed


class RsoEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """Entry-level additions: dates and the one image, in each format's terms."""

    def __init__(self) -> None:
        self.date: datetime | None = None
        self.image: Image | None = None

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        if self.date is not None:
            xml_elem("pubDate", entry).text = rfc822(self.date)
        if self.image is not None:
            xml_elem("enclosure", entry, url=self.image.url, length=str(self.image.length),
                     type=self.image.mime)
            media_content(entry, self.image)
        return entry

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        if self.date is not None:
            xml_elem("published", entry).text = self.date.isoformat()
        if self.image is not None:
            xml_elem("link", entry, rel="enclosure", href=self.image.url, type=self.image.mime,
                     length=str(self.image.length))
            media_content(entry, self.image)
        return entry


def media_content(entry: etree._Element, image: Image) -> None:
    xml_elem(f"{{{MEDIA_NS}}}content", entry, url=image.url, type=image.mime, medium="image",
             fileSize=str(image.length), width=str(image.width), height=str(image.height))


def rfc822(moment: datetime) -> str:
    """'Mon, 23 Nov 2026 04:40:00 GMT', whatever the process locale."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


class SharedEntry(FeedEntry):  # type: ignore[misc]
    """A feedgen entry that builds its RSS and Atom elements once.

    An item is in several feeds (the site's, its organization's, each of its
    settlements') and feedgen builds an entry's elements again for every feed it
    writes; here each feed gets a copy of the one built (an lxml element belongs to
    one parent). Nothing is set on an entry after :func:`feed_entry` returns it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[tuple[str, bool], etree._Element] = {}

    def rss_entry(self, extensions: bool = True) -> etree._Element:
        return self._copy("rss", extensions)

    def atom_entry(self, extensions: bool = True) -> etree._Element:
        return self._copy("atom", extensions)

    def _copy(self, fmt: str, extensions: bool) -> etree._Element:
        built = self._built.get((fmt, extensions))
        if built is None:
            build = super().rss_entry if fmt == "rss" else super().atom_entry
            built = self._built[(fmt, extensions)] = build(extensions=extensions)
        return copy.deepcopy(built)


def feed_entry(item: FeedItem) -> FeedEntry:
    """One item as a feedgen entry, usable in any number of feeds."""
    entry = SharedEntry()
    entry.register_extension("rso", RsoEntryExtension)
    entry.id(item.id)  # atom:id and an RSS guid with isPermaLink="false"
    entry.title(item.title)
    entry.link(href=item.link, rel="alternate")
    entry.content(item.html, type="html")  # atom:content and RSS content:encoded
    entry.summary(item.text, type="text")  # atom:summary and RSS description
    entry.author(name=item.author, uri=item.author_url)
    entry.updated(item.date)
    entry.rso.date = item.date
    entry.rso.image = item.image
    return entry



def entry_sizes(entry: FeedEntry) -> tuple[int, int]:
    """Bytes one entry adds to an RSS and to an Atom file, near enough to choose how many fit."""
    return (len(etree.tostring(entry.rss_entry(), pretty_print=True, encoding="UTF-8")),
            len(etree.tostring(entry.atom_entry(), pretty_print=True, encoding="UTF-8")))


@dataclass(frozen=True)
class FeedHead:
    """What a feed says about itself."""

    id: str
    title: str
    description: str
    page: str  # absolute URL of the HTML page the feed belongs to
    rss_url: str
    atom_url: str
    author: str
    updated: datetime  # from the content: the newest item's date


def rss_bytes(head: FeedHead, entries: list[FeedEntry]) -> bytes:
    generator = feed_generator(head, entries)
    generator.link(href=head.rss_url, rel="self", type="application/rss+xml")
    generator.link(href=head.page, rel="alternate", type="text/html")
    bytes_: bytes = generator.rss_str(pretty=True, encoding="UTF-8")
    return bytes_


def atom_bytes(head: FeedHead, entries: list[FeedEntry]) -> bytes:
    generator = feed_generator(head, entries)
    generator.link(href=head.atom_url, rel="self", type="application/atom+xml")
    generator.link(href=head.page, rel="alternate", type="text/html")
    bytes_: bytes = generator.atom_str(pretty=True, encoding="UTF-8")
    return bytes_


def feed_generator(head: FeedHead, entries: list[FeedEntry]) -> FeedGenerator:
    generator = FeedGenerator()
    generator.register_extension("rso", RsoFeedExtension, RsoEntryExtension)
    generator.id(head.id)
    generator.title(head.title)
    generator.description(head.description)  # RSS description and Atom subtitle
    generator.author(name=head.author)
    generator.language("ru")
    generator.ttl(TTL_MINUTES)
    generator.updated(head.updated)
    generator.rso.last_build = head.updated
    _forget_clock(generator)
    for entry in entries:
        generator.add_entry(entry, order="append")
    return generator


def _forget_clock(generator: FeedGenerator) -> None:
    """Drop the RSS ``lastBuildDate`` feedgen keeps (the clock by default).

    feedgen 1.0.0 has no public way to unset it, and formats it by switching
    the process locale; :class:`RsoFeedExtension` writes it instead.
    """
    generator._FeedGenerator__rss_lastBuildDate = None
