"""iCalendar: one VEVENT per notice with a start and an end, as calendar apps read it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from generator.feeds import webcal_url

from .factory import (
    CHITA_HEAT,
    DRAFT,
    LATER,
    LENINA,
    MOROZY,
    NIKITINO,
    NOW,
    SPORTIVNAYA,
    Build,
    area,
    local,
    model,
    notice,
    organization,
    rich_model,
)


def vevents(build: Build, now: datetime = NOW, scope: str = "all", key: str = "all"
            ) -> dict[str, Any]:
    site = build(rich_model(), now=now)
    calendar = icalendar.Calendar.from_ical(site.feed(scope, key, "ics").read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def uid(notice: Any) -> str:
    return f"{notice.id}@notices.example"


def test_one_event_per_published_notice_with_a_start_and_an_end(build: Build) -> None:
    events = vevents(build)
    assert set(events) == {uid(LENINA), uid(SPORTIVNAYA), uid(CHITA_HEAT)}
    for absent in (NIKITINO, MOROZY, DRAFT):  # no end, info, draft
        assert uid(absent) not in events


def test_times_have_their_zone_and_a_vtimezone(build: Build) -> None:
    site = build(rich_model())
    data = site.feed("all", "all", "ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    assert b"DTSTART;TZID=Asia/Yekaterinburg:20261123T091500" in data
    assert b"DTSTART;TZID=Asia/Chita:20261123T124000" in data
    assert {tz.tz_name for tz in calendar.timezones} == {"Asia/Yekaterinburg", "Asia/Chita"}
    assert calendar.get_missing_tzids() == set()
    chita: Any = {str(e["UID"]): e for e in calendar.walk("VEVENT")}[uid(CHITA_HEAT)]
    assert chita.start == local("2026-11-23 12:40", CHITA_HEAT.tz)
    assert chita.end == local("2026-11-24 02:00", CHITA_HEAT.tz)


MOSCOW = organization("mosvodokanal", "АО «Мосводоканал»", "Москва", "Europe/Moscow", ("Москва",))


def test_zone_definitions_cover_archived_notices_of_any_year(build: Build) -> None:
    """Moscow was UTC+4 until 26 October 2014: a 2013 notice needs the rules of then."""
    moscow = ZoneInfo("Europe/Moscow")
    archived = (
        notice("old-moscow", local("2013-06-03 08:00", moscow), org=MOSCOW,
               start=local("2013-06-03 09:00", moscow), end=local("2013-06-03 18:00", moscow),
               areas=(area(MOSCOW, "Москва", ("ул. Тверская", None)),)),
        notice("old-salda", local("2019-12-31 23:00"), start=local("2020-01-01 00:30"),
               end=local("2020-01-01 06:00")),
        LENINA,
    )
    data = build(model(*archived, organizations=(MOSCOW, LENINA.organization)),
                 now=NOW).feed("all", "all", "ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    rules: dict[str, Any] = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    assert set(rules) == {"Europe/Moscow", "Asia/Yekaterinburg"}
    events: list[Any] = calendar.walk("VEVENT")
    assert len(events) == 3
    for event in events:
        for field in ("DTSTART", "DTEND"):
            moment: datetime = event[field].dt
            zone = rules[event[field].params["TZID"]]
            first = min(o["DTSTART"].dt for o in zone.walk() if o.name in ("STANDARD", "DAYLIGHT"))
            assert first <= moment.replace(tzinfo=None), (event["UID"], field, first)
            from_rules = moment.replace(tzinfo=zone.to_tz()).utcoffset()
            assert from_rules == moment.utcoffset(), (event["UID"], field)
    assert b"DTSTART;TZID=Europe/Moscow:20130603T090000" in data
    old = next(e for e in events if "old-moscow" in str(e["UID"]))
    assert old.start.utcoffset() == timedelta(hours=4)  # so the rules above said +04 too


def test_sequence_counts_updates_made_by_now_and_ends_follow_revisions(build: Build) -> None:
    at_noon = vevents(build, NOW)[uid(LENINA)]
    assert at_noon["SEQUENCE"] == 1
    assert at_noon.end == local("2026-11-23 18:00")
    assert at_noon["DTSTAMP"].dt == datetime(2026, 11, 23, 6, 20, tzinfo=UTC)
    extended = vevents(build, local("2026-11-23 15:00"))[uid(LENINA)]
    assert extended["SEQUENCE"] == 2
    assert extended.end == local("2026-11-23 20:00")
    assert extended["STATUS"] == "CONFIRMED"


def test_a_resolved_notice_ends_when_resolved(build: Build) -> None:
    event = vevents(build, LATER)[uid(LENINA)]
    assert event["SEQUENCE"] == 3
    assert event.end == local("2026-11-23 19:10")
    assert event["DTSTAMP"].dt == datetime(2026, 11, 23, 14, 10, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Устранено: нет холодной воды — Верхняя Салда, ул. Ленина"
    assert "Подача воды восстановлена." in str(event["DESCRIPTION"])


def test_a_cancelled_notice_is_cancelled(build: Build) -> None:
    event = vevents(build)[uid(SPORTIVNAYA)]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["SUMMARY"]).startswith("Отменено: нет холодной воды")


def test_summary_location_url_and_description(build: Build) -> None:
    event = vevents(build)[uid(SPORTIVNAYA)]
    assert str(event["LOCATION"]) == (
        "Верхняя Салда: ул. Спортивная (д. чётные 2–20), ул. Устинова")
    assert str(event["URL"]) == f"https://notices.example/notices/{SPORTIVNAYA.id}/"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Замена задвижки на ул. Спортивной\n\nОтменено: Работы отменены.")
    assert "Диспетчер МУП «ВКС»: +7 34345 0-00-00" in description
    assert description.endswith(f"Подробнее: https://notices.example/notices/{SPORTIVNAYA.id}/")


def test_the_calendar_of_a_settlement_holds_only_its_notices(build: Build) -> None:
    events = vevents(build, scope="settlement", key="zabaikalskii-krai--chita")
    assert set(events) == {uid(CHITA_HEAT)}


def test_a_notice_published_after_now_is_not_in_the_calendar(build: Build) -> None:
    events = vevents(build, local("2026-11-20 09:00"))
    assert uid(LENINA) not in events and uid(SPORTIVNAYA) not in events


def test_webcal_url() -> None:
    url = "https://notices.example/feeds/places/x/calendar.ics"
    assert webcal_url(url) == "webcal://notices.example/feeds/places/x/calendar.ics"
    assert webcal_url("http://127.0.0.1:8000/a.ics") == "webcal://127.0.0.1:8000/a.ics"
    with pytest.raises(ValueError):
        webcal_url("feeds/places/x/calendar.ics")
