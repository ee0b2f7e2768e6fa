"""Hub pages built with their HTML blocks unparsed (``generator.rawhtml``) are the pages
MkDocs builds when it parses every block."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.rawhtml import END, START, RawBlocks, plain, raw_block

from .conftest import BuiltSite, build_again
from .test_shell import pages


@pytest.fixture(scope="module")
def parsed(site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same content and moment, every HTML block parsed by Python-Markdown."""
    return build_again(site, tmp_path_factory.mktemp("parsed") / "site", raw_blocks=False)


def test_every_page_is_byte_for_byte_what_mkdocs_makes_of_plain_markdown(
        site: BuiltSite, parsed: Path) -> None:
    unparsed, built = pages(site.root), pages(parsed)
    assert unparsed.keys() == built.keys()
    assert [p for p in unparsed if unparsed[p] != built[p]] == []
    cards = [p for p in unparsed if b'<div class="rso-rows" data-pagefind-ignore>' in unparsed[p]]
    assert len(cards) > 5  # the comparison covered the blocks it is about
    assert b"rso-raw" not in b"".join(unparsed.values())


def convert(text: str, *extensions: object) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "attr_list", *extensions])


SAMPLE = "\n".join([
    "# Заголовок",
    "",
    raw_block('<div class="a">\n<ul>\n<li>\tтаб и <b>жирный</b></li>\n  \n</ul>\n</div>'),
    "Текст *после* блока.",
    "",
    raw_block('<form hidden>\n<script type="application/json">{"a": "<b>"}</script>\n</form>'),
    "<noscript><p>без скрипта</p></noscript>",
    "",
    raw_block("<table>\n<tr><td>1</td></tr>\n</table>").rstrip("\n"),
    "Текст сразу за блоком.",
    "",
    '<div markdown>\n\n*внутри*\n\n</div>',
    "",
])


def test_a_marked_block_comes_out_as_the_unmarked_one_does() -> None:
    assert START not in plain(SAMPLE) and END not in plain(SAMPLE)
    assert convert(SAMPLE, RawBlocks()) == convert(plain(SAMPLE))
    assert "<li>    таб и <b>жирный</b></li>" in convert(SAMPLE, RawBlocks())


def test_an_unclosed_mark_leaves_the_text_to_markdown() -> None:
    text = f"{START}\n*не блок*\n"
    assert convert(text, RawBlocks()) == "<p><em>не блок</em></p>"
