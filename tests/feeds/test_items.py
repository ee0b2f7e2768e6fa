"""One item per event: id, link, date, a title that reads alone, a short safe body."""

from __future__ import annotations

from datetime import UTC
from html.parser import HTMLParser
from typing import Any

import feedparser
import icalendar

from generator.feeds.text import BODY_LIMIT

from .factory import (
    CHITA_HEAT,
    HOUR,
    LATER,
    LENINA,
    MOROZY,
    NIKITINO,
    NOW,
    SPORTIVNAYA,
    VKS,
    Build,
    area,
    local,
    model,
    notice,
    rich_model,
    update,
)

TAG = "tag:notices.example,2026:"


def items_by_id(site: Any) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in site.json_feed()["items"]}


def test_each_publication_and_update_is_one_item(build: Build) -> None:
    items = items_by_id(build(rich_model(), now=LATER))
    assert [k for k in items if LENINA.id in k] == [f"{TAG}{LENINA.id}/{n}" for n in (3, 2, 1, 0)]


def test_id_link_and_date_of_an_update(build: Build) -> None:
    item = items_by_id(build(rich_model()))[f"{TAG}{LENINA.id}/1"]
    assert item["url"] == f"https://notices.example/notices/{LENINA.id}/#update-1"
    assert item["date_published"] == "2026-11-23T06:20:00Z"  # 11:20 in Yekaterinburg
    publication = items_by_id(build(rich_model()))[f"{TAG}{LENINA.id}/0"]
    assert publication["url"] == f"https://notices.example/notices/{LENINA.id}/"
    assert publication["date_published"] == "2026-11-23T04:40:00Z"


def test_rss_and_atom_dates_are_the_event_time_in_utc(build: Build) -> None:
    site = build(rich_model())
    for fmt, field in (("rss", "published_parsed"), ("atom", "updated_parsed")):
        parsed = feedparser.parse(site.feed("all", "all", fmt).read_bytes())
        entry = next(e for e in parsed.entries if e.id == f"{TAG}{LENINA.id}/1")
        assert tuple(entry[field])[:6] == (2026, 11, 23, 6, 20, 0)
    rss = site.feed("all", "all", "rss").read_text("utf-8")
    assert "<pubDate>Mon, 23 Nov 2026 06:20:00 GMT</pubDate>" in rss


def test_titles_read_alone_and_updates_say_what_changed(build: Build) -> None:
    items = items_by_id(build(rich_model(), now=LATER))
    title = {k.removeprefix(TAG): v["title"] for k, v in items.items()}
    where = "Верхняя Салда, ул. Ленина"
    assert title[f"{LENINA.id}/0"] == f"Авария: нет холодной воды — {where}"
    assert title[f"{LENINA.id}/1"] == f"Обновление: нет холодной воды — {where}"
    assert title[f"{LENINA.id}/2"] == f"Продлено до 20:00: нет холодной воды — {where}"
    assert title[f"{LENINA.id}/3"] == f"Устранено: нет холодной воды — {where}"
    assert title[f"{SPORTIVNAYA.id}/0"] == (
        "Плановые работы: нет холодной воды — Верхняя Салда, ул. Спортивная, ул. Устинова")
    assert title[f"{SPORTIVNAYA.id}/1"].startswith("Отменено: нет холодной воды — ")
    assert title[f"{NIKITINO.id}/0"] == (
        "Внеплановые работы: нет горячей воды — деревня Никитино")
    assert title[f"{MOROZY.id}/0"] == "Информация: Как уберечь водопровод от морозов"
    assert title[f"{CHITA_HEAT.id}/0"] == (
        "Авария: нет отопления, нет горячей воды — Чита, мкр. Северный")


def test_a_long_list_of_places_ends_the_title_with_and_others(build: Build) -> None:
    streets = tuple((f"ул. Улица-{n}", None) for n in range(30))
    many = notice("mnogo-ulits", NOW - HOUR, areas=(area(VKS, "Верхняя Салда", *streets),))
    title = build(model(many)).json_feed()["items"][0]["title"]
    assert title.endswith(" и др.")
    assert len(title) < 140


def test_an_end_revised_to_another_day_names_the_day(build: Build) -> None:
    late = notice("perenos", local("2026-11-23 08:00"), start=local("2026-11-23 08:00"),
                  end=local("2026-11-23 18:00"),
                  updates=(update(1, local("2026-11-23 10:00"), end=local("2026-11-24 08:00")),
                           update(2, local("2026-11-23 11:00"), end=local("2026-11-23 22:00")),
                           update(3, local("2026-11-23 11:30"), start=local("2026-11-23 09:00"))))
    titles = [i["title"].split(":", 1)[0] if "Продлено" not in i["title"] else i["title"]
              for i in build(model(late)).json_feed()["items"]]
    assert titles[3] == "Авария"
    assert titles[2].startswith("Продлено до 24 ноября, 08:00: ")
    assert titles[1] == "Сокращено до 22"  # "Сокращено до 22:00: ..." split at the first colon
    assert titles[0] == "Начало перенесено на 09"


def test_body_names_times_in_local_time_with_the_zone(build: Build) -> None:
    items = items_by_id(build(rich_model()))
    body = items[f"{TAG}{LENINA.id}/0"]["content_text"]
    assert "23 ноября 2026, с 09:15 до 18:00 (Екатеринбург, UTC+5)" in body
    assert "Верхняя Салда: ул. Ленина (д. 1–15)" in body
    chita = items[f"{TAG}{CHITA_HEAT.id}/0"]["content_text"]
    assert "с 23 ноября 2026, 12:40 до 24 ноября 2026, 02:00 (Чита, UTC+9)" in chita


def test_update_body_says_new_times_and_status(build: Build) -> None:
    items = items_by_id(build(rich_model(), now=LATER))
    extended = items[f"{TAG}{LENINA.id}/2"]["content_text"]
    assert "Работы затянулись." in extended
    assert "Новые сроки: 23 ноября 2026, с 09:15 до 20:00 (Екатеринбург, UTC+5)" in extended
    assert "Статус: действует." in extended
    resolved = items[f"{TAG}{LENINA.id}/3"]["content_text"]
    assert "Статус: устранено." in resolved


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update((tag, name) for name, _ in attrs)


def body_tags(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    return collector


def test_staff_markdown_becomes_the_small_html_subset(build: Build) -> None:
    source = ("# Заголовок\n\n**Жирно** и *курсив*, `код`.\n\n1. раз\n2. два\n\n"
              "<script>alert(1)</script><img src=x onerror=alert(1)>"
              '<a href="javascript:alert(1)">плохая</a> [карта](../map/) '
              '<span style="color:red">цвет</span>\n\n| a | b |\n|---|---|\n| 1 | 2 |')
    n = notice("markdown", NOW - HOUR, body=source)
    item = build(model(n)).json_feed()["items"][0]
    html = item["content_html"]
    found = body_tags(html)
    assert found.tags <= {"p", "br", "b", "i", "a", "ul", "li"}
    assert found.attributes <= {("a", "href")}
    assert "<b>Жирно</b>" in html and "<i>курсив</i>" in html and "<ul><li>раз</li>" in html
    assert "alert" not in html and "javascript" not in html and "script" not in html
    assert f'href="https://notices.example/notices/{n.id.rsplit("/", 1)[0]}/' in html
    assert "карта (https://notices.example/" in item["content_text"]
    assert "<" not in item["content_text"]


def test_body_is_at_most_1000_characters_and_keeps_the_link(build: Build) -> None:
    long_text = "\n\n".join("Очень длинный абзац с подробностями & <деталями> работ. " * 8
                            for _ in range(12))
    streets = tuple((f"ул. Длинная-{n}", "1–99, 101, 103к2") for n in range(40))
    n = notice("dlinno", NOW - HOUR, title="Т" * 140, body=long_text,
               areas=(area(VKS, "Верхняя Салда", *streets), area(VKS, "деревня Никитино")),
               updates=(update(1, NOW - HOUR / 2, long_text),))
    for item in build(model(n)).json_feed()["items"]:
        assert len(item["content_html"]) <= BODY_LIMIT
        assert len(item["content_text"]) <= BODY_LIMIT
        assert body_tags(item["content_html"]).tags <= {"p", "br", "b", "i", "a", "ul", "li"}
        assert "Подробнее на сайте" in item["content_html"]
        assert item["url"] in item["content_text"]
        assert "…" in item["content_text"]
    first = build(model(n)).json_feed()["items"][1]
    assert "Где:" in first["content_text"]


def test_rso_extension_of_each_item(build: Build) -> None:
    items = items_by_id(build(rich_model(), now=LATER))
    assert items[f"{TAG}{LENINA.id}/0"]["_rso"] == {
        "notice_id": LENINA.id, "event": 0, "organization": "vks-verkhnyaya-salda",
        "type": "emergency", "status": "active", "status_label": "действует"}
    assert items[f"{TAG}{LENINA.id}/3"]["_rso"]["status"] == "resolved"
    assert items[f"{TAG}{LENINA.id}/3"]["_rso"]["status_label"] == "устранено"
    assert items[f"{TAG}{SPORTIVNAYA.id}/0"]["_rso"]["status"] == "upcoming"
    assert items[f"{TAG}{SPORTIVNAYA.id}/1"]["_rso"]["status"] == "cancelled"
    assert items[f"{TAG}{MOROZY.id}/0"]["_rso"]["status"] == "info"


CONTROL = "".join(map(chr, [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0xFFFE]))


def test_control_characters_in_staff_text_break_no_feed(build: Build) -> None:
    org = VKS.__class__(**{**VKS.__dict__, "name": f"МУП{CONTROL}«ВКС»"})
    bad = notice("upravlyayushchie", NOW - HOUR, org=org, title=f"Вода{CONTROL} отключена",
                 body=f"Текст\x1b[31m с {CONTROL} управляющими\x00 символами.",
                 areas=(area(org, "Верхняя Салда", (f"ул.{CONTROL} Ленина", None)),),
                 end=NOW + HOUR, updates=(update(1, NOW - HOUR / 2, f"Обновление{CONTROL}"),))
    site = build(model(bad, organizations=(org,)))
    for path in site.every_file():
        data = path.read_bytes().decode("utf-8")
        assert not any(c in data for c in CONTROL if c != "\x00") and "\x00" not in data, path
    for fmt in ("rss", "atom"):
        parsed = feedparser.parse(site.feed("all", "all", fmt).read_bytes())
        assert parsed.bozo == 0 and len(parsed.entries) == 2
        assert parsed.entries[-1].title.startswith("Авария: нет холодной воды — Верхняя Салда")
    calendar = icalendar.Calendar.from_ical(site.feed("all", "all", "ics").read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Авария: нет холодной воды — Верхняя Салда")
    assert str(event["DESCRIPTION"]).startswith("Вода отключена\n")


def test_item_dates_are_utc_whatever_the_zone(build: Build) -> None:
    item = items_by_id(build(rich_model()))[f"{TAG}{CHITA_HEAT.id}/0"]
    assert item["date_published"] == CHITA_HEAT.published.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ") == "2026-11-23T04:10:00Z"
