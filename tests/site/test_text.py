"""Staff text in pages: shown as written, never as markup; times with their zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import pytest

from generator.site.text import BodyRenderer, is_plain, md, plain_paragraphs, sanitise
from generator.times import moment_text, span_text, utc_offset, zone_label

EKB = ZoneInfo("Asia/Yekaterinburg")


def rendered(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "md_in_html", "toc", "tables"])


@pytest.mark.parametrize("text", [
    "Отключение *воды* на ул. Ленина",
    "<script>alert(1)</script>",
    "[ссылка](javascript:alert(1))",
    "Дом #5 {#x} {: .cls } | таблица |",
    "1. не список",
    "- не список",
    "> не цитата",
    "a_b_c & `код` \\ обратная черта",
    "![картинка](x.png)",
])
def test_plain_text_shows_as_written(text: str) -> None:
    html = rendered(md(text))
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html.removeprefix("<p>").removesuffix("</p>")
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert inner == expected


def test_a_heading_keeps_its_text() -> None:
    html = rendered(f"# {md('Промывка *сети* {#x} #')}")
    assert html.endswith(">Промывка *сети* {#x} #</h1>")  # no attribute list was applied


def test_bodies_lose_raw_html_scripts_and_dangerous_links() -> None:
    html = BodyRenderer().render(
        "# Заголовок\n\nТекст <script>alert(1)</script> <b onclick=\"x()\">жирный</b> "
        "[плохая](javascript:alert(1)) [хорошая](https://example.org) [звонок](tel:+7000)\n\n"
        "<iframe src=\"https://evil.example\"></iframe>\n\n<img src=x onerror=alert(2)>")
    assert "<script" not in html and "alert(1)" not in html
    assert "onclick" not in html and "onerror" not in html and "<img" not in html
    assert "<iframe" not in html and "javascript:" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">хорошая</a>' in html
    assert 'href="tel:+7000"' in html
    assert "<h3>Заголовок</h3>" in html  # the page's own headings come first


def test_sanitise_keeps_lists_and_emphasis() -> None:
    assert sanitise("<ul><li><strong>a</strong> <em>b</em></li></ul>") == (
        "<ul><li><strong>a</strong> <em>b</em></li></ul>")


@pytest.mark.parametrize("source", [
    "Подача воды восстановлена.",
    "Первая строка\nвторая строка\n\nНовый абзац: с двоеточием, (скобками) и «кавычками».",
    "Тел.: 8-800 = справки",
    "12 домов, 3 улицы",
])
def test_the_fast_path_for_plain_text_gives_what_markdown_gives(source: str) -> None:
    assert is_plain(source)
    expected = markdown.markdown(source, extensions=["sane_lists", "tables"])
    assert plain_paragraphs(source) == expected


@pytest.mark.parametrize("source", ["**жирный**", "- пункт", "1. пункт", "a\n===", "<b>x</b>",
                                    "строка  \nперенос", "    код", "[a](b)", "a | b"])
def test_text_with_markup_goes_through_markdown(source: str) -> None:
    assert not is_plain(source)


def test_times_name_the_city_and_the_offset() -> None:
    moment = datetime(2026, 11, 22, 4, 15, tzinfo=UTC)
    assert moment_text(moment, "Asia/Yekaterinburg") == (
        "22 ноября 2026, 09:15 (Екатеринбург, UTC+5)")
    assert moment_text(moment, "Europe/Kaliningrad") == (
        "22 ноября 2026, 06:15 (Калининград, UTC+2)")
    assert moment_text(moment, "Asia/Kolkata") == "22 ноября 2026, 09:45 (Kolkata, UTC+5:30)"
    assert moment_text(moment, "UTC") == "22 ноября 2026, 04:15 (UTC)"
    assert utc_offset(timedelta(hours=-3)) == "UTC−3"
    assert zone_label(moment.astimezone(EKB), "Asia/Yekaterinburg") == "Екатеринбург, UTC+5"


def test_periods_name_the_zone_once() -> None:
    start = datetime(2026, 11, 22, 9, 15, tzinfo=EKB)
    assert span_text(start, start.replace(hour=18, minute=0), "Asia/Yekaterinburg") == (
        "22 ноября 2026, 09:15 — 18:00 (Екатеринбург, UTC+5)")
    assert span_text(start, start + timedelta(days=1), "Asia/Yekaterinburg") == (
        "22 ноября 2026, 09:15 — 23 ноября 2026, 09:15 (Екатеринбург, UTC+5)")
    assert span_text(start, None, "Asia/Yekaterinburg") == (
        "с 22 ноября 2026, 09:15 (Екатеринбург, UTC+5), окончание не объявлено")
    assert span_text(start, None, "Asia/Chita") == (
        "с 22 ноября 2026, 13:15 (Чита, UTC+9), окончание не объявлено")


def test_rendered_bodies_are_reused_by_the_next_build(tmp_path: Path) -> None:
    cache = tmp_path / "bodies.json"
    source = "**Где взять воду.** Цистерна у дома № 12."
    first = BodyRenderer(cache)
    html = first.render(source)
    first.save()
    second = BodyRenderer(cache)
    second._render = None  # type: ignore[assignment,method-assign]  # must not be needed
    assert second.render(source) == html
    cache.write_text('{"version": "old", "texts": {}}', encoding="utf-8")
    assert BodyRenderer(cache).render(source) == html
