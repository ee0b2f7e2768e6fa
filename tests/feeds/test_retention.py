"""Retention: the newest 50 always, the last 7 days while under 250 KB, nothing reordered."""

from __future__ import annotations

import json
from datetime import timedelta

import feedparser
import icalendar

from generator.model import Notice
from generator.retention import MAX_FILE_BYTES, has_own_card

from .factory import DAY, HOUR, NOW, VKS, Build, Site, area, model, notice, update

TAG = "tag:notices.example,2026:"


def series(count: int, newest_age: timedelta, step: timedelta, body: str = "Текст.",
           title: str = "Нет воды") -> list[Notice]:
    return [notice(f"n{number:05d}", NOW - newest_age - number * step, title=title, body=body,
                   end=NOW - newest_age - number * step + HOUR)
            for number in range(count)]


def json_ids(site: Site, scope: str = "organization", key: str = VKS.id) -> list[str]:
    return [i["id"] for i in site.json_feed(scope, key)["items"]]


def expected_ids(notices: list[Notice]) -> list[str]:
    return [f"{TAG}{n.id}/0" for n in notices]


def test_old_items_beyond_the_newest_50_fall_off_the_end(build: Build) -> None:
    notices = series(60, newest_age=10 * DAY, step=HOUR)
    site = build(model(*notices))
    assert json_ids(site) == expected_ids(notices[:50])
    for fmt in ("rss", "atom"):
        entries = feedparser.parse(site.feed("organization", VKS.id, fmt).read_bytes()).entries
        assert [e.id for e in entries] == expected_ids(notices[:50])


def test_every_item_of_the_last_7_days_is_kept_beyond_50(build: Build) -> None:
    recent = series(80, newest_age=HOUR, step=2 * HOUR)  # 160 hours: all within 7 days
    old = [notice(f"old{n}", NOW - 8 * DAY - n * HOUR) for n in range(5)]
    site = build(model(*recent, *old))
    assert json_ids(site) == expected_ids(recent)


def test_a_feed_with_fewer_than_50_items_keeps_all(build: Build) -> None:
    notices = series(7, newest_age=400 * DAY, step=30 * DAY)
    assert json_ids(build(model(*notices))) == expected_ids(notices)


def long_notices(count: int, step: timedelta) -> list[Notice]:
    text = "\n\n".join(["Подробное описание работ с адресами & «кавычками» <тегами>. " * 6] * 6)
    streets = tuple((f"ул. Улица-{n}", "1–99, 101") for n in range(30))
    return [notice(f"big{number:05d}", NOW - HOUR - number * step, title="Ж&<" * 46,
                   body=text, areas=(area(VKS, "Верхняя Салда", *streets),),
                   end=NOW + DAY - number * step,
                   updates=(update(1, NOW - HOUR / 2 - number * step, text),))
            for number in range(count)]


def test_no_file_reaches_250_kb_for_a_big_organization(build: Build) -> None:
    notices = long_notices(600, step=timedelta(minutes=15))  # 1,200 events in 6 days
    site = build(model(*notices))
    for path in site.every_file():
        assert path.stat().st_size < MAX_FILE_BYTES, (path, path.stat().st_size)
    ids = json_ids(site)
    assert len(ids) >= 50
    events = sorted((e for n in notices for e in n.events()),
                    key=lambda e: (-e.at.timestamp(), e.notice.id, -e.index))
    every_event = [f"{TAG}{e.notice.id}/{e.index}" for e in events]
    assert ids == every_event[:len(ids)], "kept items are the newest, in order, without gaps"
    rss = feedparser.parse(site.feed("organization", VKS.id, "rss").read_bytes())
    assert [e.id for e in rss.entries] == every_event[:len(rss.entries)]
    calendar = icalendar.Calendar.from_ical(site.feed("organization", VKS.id, "ics").read_bytes())
    vevents = calendar.walk("VEVENT")
    assert 50 < len(vevents) < len(notices)
    assert [str(e["UID"]) for e in vevents] == [
        f"{n.id}@notices.example" for n in notices[:len(vevents)]], "latest ends first"


def test_50_items_of_the_largest_possible_size_still_fit(build: Build) -> None:
    notices = long_notices(30, step=20 * DAY)  # 60 events, all older than 7 days
    site = build(model(*notices))
    for path in site.every_file():
        assert path.stat().st_size < MAX_FILE_BYTES, (path, path.stat().st_size)
    assert len(json_ids(site)) == 50
    for item in json.loads(site.feed("all", "all", "json").read_text("utf-8"))["items"]:
        assert len(item["content_html"]) <= 1000 and len(item["content_text"]) <= 1000


def test_cards_are_drawn_for_what_feeds_list_and_for_recent_notices(build: Build) -> None:
    """Old items past every feed's end get no card; archived notices no page card."""
    archived = [notice(f"n{n:05d}", NOW - 40 * DAY - n * HOUR, type="planned",
                       end=NOW - 40 * DAY - n * HOUR + HOUR) for n in range(60)]  # completed
    fresh = notice("fresh", NOW - 2 * DAY, type="planned", end=NOW - DAY)
    site = build(model(fresh, *archived), publish=True)
    items = site.json_feed("organization", VKS.id)["items"]
    assert [i["id"] for i in items] == expected_ids([fresh, *archived[:49]])
    shown = {i["image"].removeprefix("https://notices.example/") for i in items}
    assert all(url.startswith("media/cards/") for url in shown)
    on_disk = {f"media/cards/{p.name}" for p in (site.root / "media/cards").iterdir()}
    # the feeds' 50 event cards, and the fresh notice's card as it stands now (completed,
    # where its publication's card says active): nothing for the 11 events past the end
    assert shown < on_disk and len(on_disk) == 51


def test_a_notice_keeps_its_page_card_while_current_and_30_days_after() -> None:
    ended = notice("ended", NOW - 45 * DAY, type="planned", end=NOW - 29 * DAY)
    assert has_own_card(ended, NOW) and not has_own_card(ended, NOW + 2 * DAY)
    open_ended = notice("open", NOW - 400 * DAY)  # no end: still active, however old
    overdue = notice("overdue", NOW - 400 * DAY, end=NOW - 399 * DAY)  # never resolved
    assert has_own_card(open_ended, NOW) and has_own_card(overdue, NOW)
    resolved = notice("resolved", NOW - 45 * DAY, end=NOW + 9 * DAY,
                      updates=(update(1, NOW - 44 * DAY, status="resolved"),))
    assert not has_own_card(resolved, NOW)  # closed 44 days ago, whatever end was announced
    extended = notice("extended", NOW - 45 * DAY, type="planned", end=NOW - 40 * DAY,
                      updates=(update(1, NOW - 44 * DAY, end=NOW - 10 * DAY),))
    assert has_own_card(extended, NOW)  # the revised end counts
