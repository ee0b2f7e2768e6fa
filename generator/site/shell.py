"""Notice pages without MkDocs' per-page work: the theme's page for a probe, filled in.

MkDocs builds one probe page (:data:`PROBE_PATH`, as deep as every notice page)
whose title, description, feeds, preview card and headings are tokens.
:meth:`Shell.parse` cuts the HTML the theme made of it into fixed text and slots:
the title, the description, the page's URL, the feeds (marked by our templates,
repeated once per feed), the card (optional), the table of contents (Material's
markup for a section, a section with events, an event) and the content.
:meth:`Shell.fill` then makes a notice page from its :class:`~.common.HtmlPage`
with a few string replacements, where MkDocs spends milliseconds on Markdown and
on the template: a 10,000-notice site would otherwise spend most of its build here.

Nothing of the theme is written here: every byte outside the slots is the
theme's, and ``tests/site/test_shell.py`` builds the notice pages both ways and
compares them. Should a theme update move something the shell cannot find,
parsing fails with :class:`ShellError` and the build stops rather than publish
a broken page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from .common import Feed, FrontMatter, Heading, HtmlPage, Page, page_url
from .text import html_text

#: "_" cannot start an organization id, so no notice lives here.
PROBE_PATH = "notices/_probe/0000/probe.md"
PROBE_URL = page_url(PROBE_PATH)

TITLE = "RSOSLOT-TITLE"
DESCRIPTION = "RSOSLOT-DESCRIPTION"
FEED_TITLE = "RSOSLOT-FEED-TITLE"
FEED_DIR = "rsoslot-feed/"
IMAGE = "rsoslot-image.png"
END = "<p>RSOSLOT-END</p>"
#: Headings of the probe: a section (A), a section with two events (B: C, D).
SECTION, PARENT, EVENT, NEXT_EVENT = ("rsoslot-a", "rsoslot-b", "rsoslot-c", "rsoslot-d")
_LEFTOVER = re.compile("rsoslot", re.IGNORECASE)
_PROBE = re.compile(re.escape(PROBE_PATH.rsplit("/", 2)[0]))  # the probe's path, in any form


class ShellError(RuntimeError):
    """The theme's probe page lacks a part the shell fills, or has one it cannot fill."""


#: Markdown extensions whose output the notice pages' HTML blocks already are.
PLAIN_EXTENSIONS = frozenset({"toc", "tables", "attr_list", "md_in_html"})
#: Theme features that put something of each page's own in the page (edit links, a table
#: of contents inside the navigation): the shell does not know these slots.
PAGE_FEATURES = ("content.action.", "toc.integrate")


def unsupported(config: dict[str, Any]) -> str | None:
    """Why a site's MkDocs settings need MkDocs to build the notice pages itself, or None.

    Other Markdown extensions (or extension options) change what headings and text
    become; edit buttons and the feedback widget print each page's own path or title.
    """
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) or extension not in PLAIN_EXTENSIONS:
            return f"markdown_extensions: {extension}"
    features = (config.get("theme") or {}).get("features") or []
    for feature in features:
        if any(str(feature).startswith(prefix) for prefix in PAGE_FEATURES):
            return f"theme.features: {feature}"
    if ((config.get("extra") or {}).get("analytics") or {}).get("feedback"):
        return "extra.analytics.feedback"
    return None


def probe_page() -> Page:
    """The page MkDocs builds so that :class:`Shell` can learn the theme's page."""
    front = FrontMatter(TITLE, DESCRIPTION, kind="notice", feeds=[Feed(FEED_TITLE, FEED_DIR)],
                        image=IMAGE).text().replace("---\n", "---\nrso_probe: true\n", 1)
    headings = [Heading(1, TITLE, "title"), Heading(2, SECTION, SECTION),
                Heading(2, PARENT, PARENT), Heading(3, EVENT, EVENT),
                Heading(3, NEXT_EVENT, NEXT_EVENT)]
    body = "\n\n".join([*(h.markdown() for h in headings), END])
    return Page(PROBE_PATH, f"{front}\n{body}\n")


@dataclass(frozen=True)
class _Toc:
    section: str  # a section without events
    between: str  # between two sections
    parent_open: str  # a section with events, up to its first event
    event: str
    between_events: str
    parent_close: str


@dataclass(frozen=True)
class Shell:
    head: _Template  # up to the table of contents
    toc: _Toc
    middle: _Template  # from the end of the table of contents to the content
    tail: _Template  # after the content

    @classmethod
    def parse(cls, probe_html: str) -> Shell:
        html = probe_html
        start = _find(html, f'<h1 id="title">{TITLE}</h1>')
        end = _find(html, END, start) + len(END)
        toc, toc_start, toc_end = _parse_toc(html)
        if not toc_end <= start:
            raise ShellError("the table of contents does not come before the content")
        return cls(_Template.compile(html[:toc_start]), toc,
                   _Template.compile(html[toc_end:start]), _Template.compile(html[end:]))

    def fill(self, page: HtmlPage, url: str) -> str:
        """The notice page at ``url`` (relative to the site root, as deep as the probe)."""
        if url.count("/") != PROBE_URL.count("/"):
            raise ShellError(f"{url}: not as deep as the probe page {PROBE_URL}")
        front = page.front
        values = {TITLE: front.title_html, DESCRIPTION: front.description_html, PROBE_URL: url}
        repeats = {"feed": [{FEED_DIR: f.directory, FEED_TITLE: html_text(f.title)}
                            for f in front.feeds],
                   "image": [{IMAGE: front.image}] if front.image else []}
        return "".join([self.head.fill(values, repeats), self._toc(page.headings()),
                        self.middle.fill(values, repeats), page.content(),
                        self.tail.fill(values, repeats)])

    def _toc(self, headings: list[Heading]) -> str:
        sections: list[tuple[Heading, list[Heading]]] = []
        for heading in headings:
            if heading.level == 2:
                sections.append((heading, []))
            elif heading.level == 3 and sections:
                sections[-1][1].append(heading)
        items = []
        for section, events in sections:
            if not events:
                items.append(_item(self.toc.section, SECTION, section))
                continue
            inner = self.toc.between_events.join(_item(self.toc.event, EVENT, e) for e in events)
            items.append(_item(self.toc.parent_open, PARENT, section) + inner
                         + self.toc.parent_close)
        return self.toc.between.join(items)


def _parse_toc(html: str) -> tuple[_Toc, int, int]:
    """Material's items for the probe's headings, and where they stand in the page."""
    def item(anchor: str) -> tuple[int, int, int]:
        link = _find(html, f'href="#{anchor}"')
        opening = html.rfind("<li", 0, link)
        if opening < 0:
            raise ShellError(f"no <li> before the table of contents link to #{anchor}")
        return opening, link, _find(html, "</li>", link) + len("</li>")

    a_open, _, a_end = item(SECTION)
    b_open, _, _ = item(PARENT)
    c_open, _, c_end = item(EVENT)
    d_open, _, d_end = item(NEXT_EVENT)
    b_end = _find(html, "</li>", d_end) + len("</li>")
    toc = _Toc(section=html[a_open:a_end], between=html[a_end:b_open],
               parent_open=html[b_open:c_open], event=html[c_open:c_end],
               between_events=html[c_end:d_open], parent_close=html[d_end:b_end])
    if html[d_open:d_end] != toc.event.replace(EVENT, NEXT_EVENT):
        raise ShellError("the two events of the table of contents are not drawn alike")
    return toc, a_open, b_end


def _item(template: str, token: str, heading: Heading) -> str:
    """A table-of-contents item; the title appears as Material prints it: as is in the
    link, without tags and escaped in an ``aria-label``."""
    title = heading.html().split(">", 1)[1].rsplit("<", 1)[0]
    label = str(escape(Markup(title).striptags()))
    return (template.replace(f'aria-label="{token}"', f'aria-label="{label}"')
            .replace(f'href="#{token}"', f'href="#{heading.id}"')
            .replace(token, title))


_SLOT = re.compile("|".join([
    r"<!--rso:(?P<repeat>[a-z]+)-->(?P<body>.*?)<!--/rso:(?P=repeat)-->",
    *(re.escape(token) for token in (TITLE, DESCRIPTION, PROBE_URL, FEED_TITLE, FEED_DIR, IMAGE)),
]), re.DOTALL)


@dataclass(frozen=True)
class _Template:
    """Text with slots, cut once: filling it is a join, however many pages there are.

    Parts are literal text, a token (replaced by its value), or a part marked
    ``<!--rso:name-->…<!--/rso:name-->`` (repeated once per set of values).
    """

    parts: tuple[str | tuple[str, _Template], ...]
    tokens: frozenset[int]  # indexes of the parts that are tokens

    @classmethod
    def compile(cls, html: str) -> _Template:
        parts: list[str | tuple[str, _Template]] = []
        tokens = set()
        position = 0
        for match in _SLOT.finditer(html):
            parts.append(html[position:match.start()])
            if match.group("repeat"):
                parts.append((match.group("repeat"), cls.compile(match.group("body"))))
            else:
                tokens.add(len(parts))
                parts.append(match.group(0))
            position = match.end()
        parts.append(html[position:])
        for index, part in enumerate(parts):
            if isinstance(part, str) and index not in tokens and (found := _LEFTOVER.search(part)
                                                                  or _PROBE.search(part)):
                raise ShellError("a slot the shell does not know: "
                                 f"{part[max(0, found.start() - 80):found.end() + 80]!r}")
        return cls(tuple(parts), frozenset(tokens))

    def fill(self, values: dict[str, str], repeats: dict[str, list[dict[str, str]]]) -> str:
        out = []
        for index, part in enumerate(self.parts):
            if isinstance(part, tuple):
                name, body = part
                out += [body.fill({**values, **each}, repeats) for each in repeats.get(name, [])]
            elif index in self.tokens:
                out.append(values[part])
            else:
                out.append(part)
        return "".join(out)


def _find(html: str, needle: str, start: int = 0) -> int:
    position = html.find(needle, start)
    if position < 0:
        raise ShellError(f"the probe page has no {needle!r}: has the theme changed?")
    return position
