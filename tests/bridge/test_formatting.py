"""Posts use only the tags both messengers render, and stay within their limits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.bridge.feed import FeedItem, FeedRejected, parse_feed
from generator.bridge.formatting import (
    MAX_TEXT_LIMIT,
    TELEGRAM_CAPTION_LIMIT,
    TELEGRAM_TEXT_LIMIT,
    compose,
    max_measure,
    render,
    runs_from_html,
    telegram_measure,
    utf16_length,
)

from .fakes import MAX_TAGS, TELEGRAM_TAGS, visible


def item(html: str, title: str = "Авария: нет холодной воды — Верхняя Салда",
         label: str | None = "действует") -> FeedItem:
    return FeedItem(id="tag:x,2026:a/0", url="https://notices.example.ru/notices/a/",
                    title=title, content_html=html, content_text="",
                    published=datetime(2026, 11, 22, 9, 40, tzinfo=UTC), notice_id="a", event=0,
                    status="active", status_label=label)


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Один</p>\n<p>Два<br>три</p>", "Один\n\nДва\nтри"),
    ("<p>Дома:</p><ul>\n<li>1–15</li>\n<li>17</li></ul><p>Конец</p>",
     "Дома:\n\n• 1–15\n• 17\n\nКонец"),
    ("<p><b>Важно</b> и <i>срочно</i></p>", "<b>Важно</b> и <i>срочно</i>"),
    ('<a href="https://x.ru/?a=1&amp;b=2">ссылка</a>', '<a href="https://x.ru/?a=1&amp;b=2">'
     "ссылка</a>"),
    ('<a href="javascript:alert(1)">не ссылка</a>', "не ссылка"),
    ("<p>5 &lt; 7 &amp; ok</p><script>x()</script>", "5 &lt; 7 &amp; ok"),
    ("<h2>Заголовок</h2><table><tr><td>ячейка</td></tr></table>", "Заголовок\n\nячейка"),
])
def test_feed_html_becomes_the_common_subset(html: str, expected: str) -> None:
    assert render(runs_from_html(html)) == expected


def test_a_post_is_title_status_body_and_link() -> None:
    post = compose(item("<p>Порыв на <b>ул. Ленина</b>.</p>"), telegram_measure,
                   TELEGRAM_TEXT_LIMIT)
    assert post == ("<b>Авария: нет холодной воды — Верхняя Салда</b>\nСтатус: <b>действует</b>"
                    "\n\nПорыв на <b>ул. Ленина</b>.\n\n"
                    '<a href="https://notices.example.ru/notices/a/">Подробнее на сайте</a>')
    edited = compose(item("<p>x</p>"), telegram_measure, TELEGRAM_TEXT_LIMIT,
                     status_label="устранено", edited=True)
    assert "\nСтатус (обновлено): <b>устранено</b>\n" in edited


def test_a_feed_without_the_extension_has_no_status_line() -> None:
    assert "Статус" not in compose(item("<p>x</p>", label=None), max_measure, MAX_TEXT_LIMIT)


@pytest.mark.parametrize(("measure", "limit", "tags"), [
    (telegram_measure, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TAGS),
    (telegram_measure, TELEGRAM_TEXT_LIMIT, TELEGRAM_TAGS),
    (max_measure, MAX_TEXT_LIMIT, MAX_TAGS),
])
def test_a_long_body_is_shortened_to_fit_and_keeps_its_link(measure, limit, tags) -> None:
    body = "".join(f"<p>Абзац {number}: <b>дом {number}</b> — вода 💧 будет к вечеру.</p>"
                   for number in range(400))
    post = compose(item(body), measure, limit)
    text, unsupported = visible(post, tags)
    assert unsupported == []
    size = utf16_length(text) if measure is telegram_measure else len(post)
    assert limit - 60 < size <= limit  # filled, not overfilled
    assert "…\n\nПодробнее на сайте" in text
    assert post.count("<b>") == post.count("</b>")


def test_telegram_counts_utf16_units_as_it_does() -> None:
    assert utf16_length("💧") == 2 and utf16_length("вода") == 4


def test_a_feed_item_survives_the_state_database() -> None:
    original = item("<p>x</p>")
    assert FeedItem.from_json(original.to_json()) == original


def test_a_feed_with_one_bad_item_is_refused_whole() -> None:
    document = (b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
                b'{"id": "a", "url": "https://x.ru/a", "content_html": "<p>a</p>",'
                b' "date_published": "2026-11-22T09:40:00Z"},'
                b'{"id": "a", "url": "https://x.ru/b", "content_html": "<p>b</p>",'
                b' "date_published": "2026-11-22T09:41:00+05:00",'
                b' "_rso": {"notice_id": "n", "event": -1, "status": "active"}},'
                b'{"url": "/relative", "date_published": "2026-11-22"}]}')
    result = parse_feed(document)
    assert isinstance(result, FeedRejected)
    assert result.reasons == (
        "items[1] ('a'): _rso.event -1 — не номер события, "
        "_rso.status или _rso.status_label отсутствует",
        "items[2] (None): нет id, нет абсолютного url, нет ни content_html, ни content_text, "
        "date_published '2026-11-22' — не дата RFC 3339",
    )


def test_dates_are_read_in_utc() -> None:
    feed = parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "a",'
                      b' "url": "https://x.ru/a", "content_text": "a",'
                      b' "date_published": "2026-11-22T14:40:00+05:00"}]}')
    assert not isinstance(feed, FeedRejected)
    assert feed.items[0].published == datetime(2026, 11, 22, 9, 40, tzinfo=UTC)
    assert feed.items[0].notice_id is None
