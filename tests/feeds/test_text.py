"""The small HTML subset and its plain-text twin."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.feeds.text import (
    Block,
    clean,
    cut,
    fit,
    html_text,
    markdown_html,
    rendered_markdown,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
BASE = "https://notices.example/notices/org/2026/2026-11-23-x/"

PLAIN_TEXTS = [
    "Одна строка.",
    "Две строки\nв одном абзаце.\n\nВторой абзац: 10:00–18:00, дом № 5; «кавычки» — тире.",
    "Абзацы через строку с пробелами\n   \nвторой.",
    'Кавычки "прямые" и (скобки), 50% и +7 900 000-00-00.',
    "  Отступ меньше четырёх пробелов.\n\n\n\nМного пустых строк.",
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_plain_text_skips_markdown_with_the_same_html(text: str) -> None:
    assert markdown_html(text, BASE) == rendered_markdown(text, BASE)


def staff_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CONTENT.glob("notices/**/*.md")):
        body = path.read_text("utf-8").split("---", 2)[-1]
        texts.extend(p for p in body.split("\n\n") if p.strip())
    return texts


def test_every_paragraph_of_the_demo_content_renders_as_markdown_would() -> None:
    texts = staff_texts()
    if not texts:
        pytest.skip("no embedded content")
    for text in texts:
        assert markdown_html(text, BASE) == rendered_markdown(text, BASE), text


@pytest.mark.parametrize("text", [
    "**жирный**", "- пункт", "1. пункт", "a & b", "строка  \nразрыв", "Заголовок\n===",
    "> цитата", "    код", "[ссылка](x)", "<b>x</b>"])
def test_markup_goes_through_markdown(text: str) -> None:
    assert markdown_html(text, BASE) == rendered_markdown(text, BASE)


def test_clean_removes_what_xml_cannot_carry_and_keeps_text() -> None:
    assert clean("a\x00b\x1bc\x0bd\x7fe\x85f\ufffeg\r\nh\ti") == "abcdefg\nh\ti"


def test_plain_text_of_links_lists_and_breaks() -> None:
    html = ('<p>Звоните <a href="tel:+7">по телефону</a>, карта: '
            '<a href="https://x/map">схема</a>, <a href="https://x/">https://x/</a></p>'
            "<ul><li>раз</li><li>два</li></ul><p>a<br>b &amp; c</p>")
    assert html_text(html) == ("Звоните по телефону, карта: схема (https://x/map), https://x/\n\n"
                               "• раз\n• два\n\na\nb & c")


def test_cut_stops_at_a_word_with_an_ellipsis() -> None:
    assert cut("Подача воды будет восстановлена вечером", 20) == "Подача воды будет…"
    assert cut("коротко", 20) == "коротко"


def test_fit_shortens_ranked_blocks_in_order_and_keeps_fixed_ones() -> None:
    fixed = Block("<p>ссылка</p>", "ссылка")
    first = Block.of_text("а " * 400, rank=1)
    second = Block.of_text("б " * 100, rank=2)
    body = fit([second, first, fixed], limit=300)
    assert len(body.html) <= 300 and len(body.text) <= 300
    assert body.html.endswith("<p>ссылка</p>")
    assert "б б б" in body.text and body.text.count("б") == 100, "rank 2 untouched while 1 suffices"
    assert "…" in body.text
