"""HTML blocks that MkDocs need not parse: most of a large hub page.

Hub pages are Markdown, but most of their bytes are HTML blocks the generator
wrote itself (lists of notice cards, the house lookup's data, outage tables).
Python-Markdown, and MkDocs after it, read every tag of such a block with
Python's ``HTMLParser`` only to pass it through unchanged: on a 10,000-notice
site that was most of the build.

:func:`raw_block` marks such a block. :func:`plain` drops the marks, giving the
page's Markdown for any builder. Our own MkDocs build reads the marked text
with :class:`RawBlocks`, which hands each block to Python-Markdown's stash of
raw HTML as its own HTML-block reader would, so the page comes out the same,
byte for byte (``tests/site/test_raw_blocks.py`` builds the site both ways).
Anchors inside a marked block are not offered to MkDocs' anchor check, which
only logs at ``info`` level.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!--rso-raw-->"
END = "<!--/rso-raw-->"


def raw_block(html: str) -> str:
    """Mark ``html`` (complete elements, the first starting a line; staff text in it
    escaped) as a block to keep as it is. Ends with a newline, like the other parts
    of a page; the blank lines around it are the caller's, as for any HTML block.
    Only at the top level of a page: not inside a list or a ``markdown`` element,
    where Python-Markdown would read the unmarked HTML differently."""
    return f"{START}\n{html.strip(chr(10))}\n{END}\n"


def unmarked_length(markdown: str) -> int:
    """How many characters of ``markdown`` Python-Markdown parses: those outside marked blocks."""
    inside, start = 0, markdown.find(START)
    while start >= 0:
        end = markdown.find(END, start)
        if end < 0:
            break
        inside += end + len(END) + 1 - start  # the mark line's end too
        start = markdown.find(START, end)
    return len(markdown) - inside


def plain(markdown: str) -> str:
    """The Markdown without the marks: the same page for any builder."""
    return markdown.replace(f"{START}\n", "").replace(f"{END}\n", "")


class RawBlocks(Extension):
    """Python-Markdown extension: marked blocks go to the raw HTML stash unparsed."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace is normalised (30) and before MkDocs looks for anchors in
        # raw HTML (21) and Python-Markdown for HTML blocks (20).
        md.preprocessors.register(_Stash(md), "rso_raw", 25)


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for index, line in enumerate(lines):
            if line == START and block is None:
                block = []
            elif line == END and block is not None:
                # As Python-Markdown's HTML-block reader stores it: with its line end
                # when a blank line follows, without when text follows at once.
                # (Lines of spaces are empty by now: whitespace was normalised.)
                follows = lines[index + 1] if index + 1 < len(lines) else ""
                ending = "\n" if follows == "" else ""
                out += ["", self.md.htmlStash.store("\n".join(block) + ending), ""]
                block = None
            elif block is not None:
                block.append(line)
            else:
                out.append(line)
        if block is not None:  # an unclosed mark: keep the text, as if unmarked
            out += block
        return out


def makeExtension(**kwargs: object) -> RawBlocks:
    return RawBlocks(**kwargs)
