"""Hours without a service: midnight, month boundaries, two time zones, unions, cancellations."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from generator.stats.intervals import Interval, months_back, outage_interval, split_by_month
from generator.stats.outages import WHOLE_SETTLEMENT, place_outages

from .factory import CHITA, URAL, area, local, model, notice, organization, place


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def hours_by_row(outages, service: str = "cold_water") -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    return {row.key: (h.previous.total, h.current.total)
            for row in outages.rows for h in row.services if h.service == service}


@pytest.mark.parametrize("tz", [URAL, CHITA])
def test_interruption_across_midnight_and_month_end_splits_in_local_time(tz: str) -> None:
    org = organization(tz=tz)
    n = notice(org, "night", published="2026-10-31 21:00", start="2026-10-31 22:00",
               updates=(("2026-11-01 03:30", {"status": "resolved"}),))
    interval = outage_interval(n, local("2026-11-02 12:00", tz))
    assert interval is not None and interval.hours == pytest.approx(5.5)
    parts = [(y, m, p.hours) for y, m, p in split_by_month(interval, ZoneInfo(tz))]
    assert parts == [(2026, 10, pytest.approx(2.0)), (2026, 11, pytest.approx(3.5))]

    outages = place_outages(model((org,), n), place(org), local("2026-11-02 12:00", tz))
    assert hours_by_row(outages)[WHOLE_SETTLEMENT] == (pytest.approx(2.0), pytest.approx(3.5))


def test_the_same_moment_falls_in_different_months_in_two_zones() -> None:
    # 16:00–20:00 UTC on 31 October: 21:00–01:00 in Yekaterinburg,
    # 01:00–05:00 on 1 November in Chita.
    interval = Interval(utc("2026-10-31 16:00"), utc("2026-10-31 20:00"))
    ural = [(m, p.hours) for _, m, p in split_by_month(interval, ZoneInfo(URAL))]
    chita = [(m, p.hours) for _, m, p in split_by_month(interval, ZoneInfo(CHITA))]
    assert ural == [(10, pytest.approx(3.0)), (11, pytest.approx(1.0))]
    assert chita == [(11, pytest.approx(4.0))]


def test_interruption_across_the_new_year() -> None:
    interval = Interval.of(local("2026-12-31 20:00"), local("2027-01-01 06:00"))
    assert interval is not None
    parts = [(y, m, p.hours) for y, m, p in split_by_month(interval, ZoneInfo(URAL))]
    assert parts == [(2026, 12, pytest.approx(4.0)), (2027, 1, pytest.approx(6.0))]


def test_overlapping_notices_on_one_street_count_once_and_whole_settlement_covers_it() -> None:
    org = organization()
    lenina = (area(org, "ул. Ленина"),)
    a = notice(org, "a", published="2026-11-05 09:00", start="2026-11-05 10:00", areas=lenina,
               updates=(("2026-11-05 14:00", {"status": "resolved"}),))
    b = notice(org, "b", published="2026-11-05 11:00", start="2026-11-05 12:00",
               areas=(area(org, "улица Ленина", "ул. Мира"),),
               updates=(("2026-11-05 16:00", {"status": "resolved"}),))
    whole = notice(org, "c", published="2026-11-05 15:00", start="2026-11-05 15:00",
                   updates=(("2026-11-05 18:00", {"status": "resolved"}),))
    outages = place_outages(model((org,), a, b, whole), place(org), local("2026-11-20 00:00"))
    rows = hours_by_row(outages)
    assert rows[WHOLE_SETTLEMENT] == (0, pytest.approx(3.0))  # only the whole-settlement notice
    assert rows["ул. ленина"] == (0, pytest.approx(8.0))  # 10:00–18:00, not 4 + 4 + 3
    assert rows["ул. мира"] == (0, pytest.approx(6.0))  # 12:00–18:00
    assert [r.name for r in outages.rows] == ["", "ул. Ленина", "ул. Мира"]


def test_cancelled_notice_is_excluded() -> None:
    org = organization()
    cancelled = notice(org, "x", kind="planned", published="2026-11-01 09:00",
                       start="2026-11-10 09:00", end="2026-11-10 17:00",
                       updates=(("2026-11-09 12:00", {"status": "cancelled"}),))
    now = local("2026-11-20 00:00")
    assert outage_interval(cancelled, now) is None
    assert place_outages(model((org,), cancelled), place(org), now).rows[0].services == ()


def test_cancellation_after_now_is_not_known_yet() -> None:
    org = organization()
    n = notice(org, "x", kind="planned", published="2026-11-01 09:00",
               start="2026-11-10 09:00", end="2026-11-10 17:00",
               updates=(("2026-11-10 12:00", {"status": "cancelled"}),))
    interval = outage_interval(n, local("2026-11-10 11:00"))
    assert interval is not None and interval.hours == pytest.approx(2.0)


def test_active_notice_counts_up_to_now_and_overdue_too() -> None:
    org = organization()
    active = notice(org, "a", published="2026-11-23 08:00", start="2026-11-23 08:00",
                    end="2026-11-23 20:00")
    overdue = notice(org, "b", published="2026-11-22 08:00", start="2026-11-22 08:00",
                     end="2026-11-22 12:00", areas=(area(org, "ул. Мира"),))
    now = local("2026-11-23 11:30")
    assert outage_interval(active, now).hours == pytest.approx(3.5)  # type: ignore[union-attr]
    assert outage_interval(overdue, now).hours == pytest.approx(27.5)  # type: ignore[union-attr]
    rows = hours_by_row(place_outages(model((org,), active, overdue), place(org), now))
    assert rows[WHOLE_SETTLEMENT] == (0, pytest.approx(3.5))


def test_resolution_dated_after_now_leaves_the_notice_active() -> None:
    org = organization()
    n = notice(org, "a", published="2026-11-23 08:00", start="2026-11-23 08:00",
               updates=(("2026-11-23 18:00", {"status": "resolved"}),))
    assert outage_interval(n, local("2026-11-23 10:00")).hours == pytest.approx(2.0)  # type: ignore[union-attr]


def test_upcoming_and_info_notices_have_no_interval() -> None:
    org = organization()
    upcoming = notice(org, "a", kind="planned", published="2026-11-20 08:00",
                      start="2026-11-25 08:00", end="2026-11-25 12:00")
    info = notice(org, "b", kind="info", published="2026-11-20 08:00")
    now = local("2026-11-23 10:00")
    assert outage_interval(upcoming, now) is None
    assert outage_interval(info, now) is None


def test_completed_planned_works_count_until_the_revised_end() -> None:
    org = organization()
    n = notice(org, "a", kind="planned", published="2026-11-01 08:00",
               start="2026-11-10 09:00", end="2026-11-10 13:00",
               updates=(("2026-11-10 12:00", {"end": "2026-11-10 15:00"}),))
    assert outage_interval(n, local("2026-11-20 00:00")).hours == pytest.approx(6.0)  # type: ignore[union-attr]


def test_previous_month_is_the_whole_local_month() -> None:
    org = organization(tz=CHITA)
    n = notice(org, "a", published="2026-10-10 08:00", start="2026-10-10 08:00",
               updates=(("2026-10-10 10:00", {"status": "resolved"}),))
    outages = place_outages(model((org,), n), place(org), local("2026-11-01 00:30", CHITA))
    assert outages.previous_month.start == local("2026-10-01 00:00", CHITA)
    assert outages.previous_month.end == local("2026-11-01 00:00", CHITA)
    assert hours_by_row(outages)[WHOLE_SETTLEMENT] == (pytest.approx(2.0), 0)


@pytest.mark.parametrize(("now", "expected"), [
    ("2026-11-23 10:00", "2025-11-23 10:00"),
    ("2024-02-29 10:00", "2023-02-28 10:00"),  # no 29 February in 2023
])
def test_twelve_months_back(now: str, expected: str) -> None:
    assert months_back(utc(now), 12) == utc(expected)
