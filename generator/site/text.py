"""Text that goes into generated Markdown and HTML: escaping and sanitising.

Staff of many organizations write titles, street names and notice bodies.
Nothing they write may become markup: plain strings are escaped for Markdown
(and HTML), and Markdown bodies are rendered and then sanitised with nh3, so
raw HTML, ``javascript:`` links and event attributes never reach a page.
"""

from __future__ import annotations

import html
import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import Final

import markdown
import nh3

from ..textcache import TextCache, digest

_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]{}#|!])")
_LINE_START: Final = re.compile(r"^(\s*)([-+>]|\d+(?=[.)]))")
_HEADING: Final = re.compile(r"<(/?)h([1-6])\b")

ALLOWED_TAGS: Final = frozenset({
    "p", "br", "b", "strong", "i", "em", "u", "s", "del", "a", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES: Final = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})


def md(text: str) -> str:
    """A plain string made safe to place inline in Markdown: it shows as written.

    HTML specials become entities and Markdown punctuation is backslash-escaped,
    so a title like ``<b>*Авария*</b> {#x}`` stays text.
    """
    one_line = " ".join(str(text).split())
    escaped = html.escape(one_line, quote=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return _LINE_START.sub(_escape_line_start, escaped, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    """``- x`` → ``\\- x``; ``1. x`` → ``1\\. x``: no list or quote starts."""
    lead, marker = match.group(1), match.group(2)
    return lead + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


def attr(text: str) -> str:
    """A string for an HTML attribute value (double-quoted) or HTML text."""
    return html.escape(str(text), quote=True)


def json_attr(value: object) -> str:
    """JSON for a double-quoted HTML attribute."""
    return attr(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def json_script(value: object) -> str:
    """JSON safe inside <script type="application/json">: no "</" can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def yaml_string(text: str) -> str:
    """A YAML scalar for front matter, HTML-escaped: MkDocs themes print meta unescaped."""
    return json.dumps(html_text(text), ensure_ascii=False)


def html_text(text: str) -> str:
    """A plain string on one line, escaped for HTML text or a double-quoted attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


def heading_text(text: str) -> str:
    """What Python-Markdown makes of ``md(text)`` in a heading: the text on one line with
    ``&``, ``<`` and ``>`` escaped (quotes stay as they are)."""
    return html.escape(" ".join(str(text).split()), quote=False)


class BodyRenderer:
    """Renders staff Markdown to sanitised HTML; headings start at level 3.

    One instance renders many bodies (``markdown.Markdown`` is reset between
    them), which matters on a site with thousands of notices. With a cache
    file, bodies rendered by an earlier build with the same libraries are
    reused (``generator.textcache``): the output is the same, only faster.
    """

    def __init__(self, cache: Path | None = None) -> None:
        self._markdown = markdown.Markdown(extensions=["sane_lists", "tables"])
        self._done: dict[str, str] = {}
        self._cache = TextCache(cache, RENDERER_VERSION)

    def render(self, source: str) -> str:
        """Sanitised HTML for a Markdown text; the same text is rendered once per build."""
        done = self._done.get(source)
        if done is None:
            done = self._cache.get_or_make(digest(source), lambda: self._render(source))
            self._done[source] = done
        return done

    def save(self) -> None:
        """Keep this build's renderings (only them, so the cache does not grow forever)."""
        self._cache.save()

    def _render(self, source: str) -> str:
        if is_plain(source):
            return plain_paragraphs(source)
        self._markdown.reset()
        rendered = self._markdown.convert(source)
        return sanitise(_demote_headings(rendered))


#: Changes whenever rendering could: our rules or a library's version.
RENDERER_VERSION: Final = f"2 markdown {version('markdown')} nh3 {version('nh3')}"


_MARKUP: Final = re.compile(
    r"[\\`*_\[\]{}<>&#!|~]|  $|^(?: {4}|\t|\s*(?:[-+>]|\d+[.)])(?:\s|$)|[=-]+\s*$)",
    re.MULTILINE,
)


def is_plain(source: str) -> bool:
    """Text Markdown would render as bare paragraphs: no markup character, no block marker."""
    return _MARKUP.search(source) is None


def plain_paragraphs(source: str) -> str:
    """What Markdown makes of plain text, without running it: escaped ``<p>`` per paragraph."""
    blocks = re.split(r"\n\s*\n", source.strip())
    return "\n".join(f"<p>{html.escape(block.strip(), quote=False)}</p>"
                     for block in blocks if block.strip())


def sanitise(fragment: str) -> str:
    """Keep only harmless tags and attributes; links limited to http(s), mailto, tel."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _demote_headings(fragment: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", fragment)


_WEB_URL: Final = re.compile(r"^https?://[^\s<>()\"'`\\]+$")
_EMAIL: Final = re.compile(r"^[^\s@<>()\[\]\\\"']+@[^\s@<>()\[\]\\\"']+$")


def web_url(url: str) -> str | None:
    """An http(s) URL safe to put in a Markdown link, or None (then show it as text)."""
    url = url.strip()
    return url if _WEB_URL.match(url) else None


def email_url(email: str) -> str | None:
    email = email.strip()
    return f"mailto:{email}" if _EMAIL.match(email) else None


def safe_link(label: str, url: str | None) -> str:
    """``[label](url)`` when the URL is safe, else the label as text."""
    return f"[{md(label)}]({url})" if url else md(label)
