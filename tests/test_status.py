"""The spec's six status rules, at their boundaries."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.model import Contacts, Notice, Organization, Update

TZ = ZoneInfo("Asia/Yekaterinburg")
START = datetime(2026, 11, 22, 9, 0, tzinfo=TZ)
END = datetime(2026, 11, 22, 18, 0, tzinfo=TZ)
ORG = Organization("vks", "МУП «ВКС»", "Свердловская область", "Asia/Yekaterinburg",
                   ("cold_water",), ("Верхняя Салда",), Contacts("+7 000"), ("staff",), Path("x"))


def notice(kind: str = "emergency", end: datetime | None = END,
           updates: tuple[Update, ...] = ()) -> Notice:
    return Notice("vks/2026/2026-11-22-x", ORG, "Авария", kind, ("cold_water",),  # type: ignore[arg-type]
                  START - timedelta(hours=1), Path("x.md"), START, end, updates=updates)


def update(hours: float, status: str | None = None, end: datetime | None = None,
           start: datetime | None = None, index: int = 1) -> Update:
    return Update(index, START + timedelta(hours=hours), "текст", status, start, end)  # type: ignore[arg-type]


@pytest.mark.parametrize(("now", "expected"), [
    (START - timedelta(minutes=1), "upcoming"),
    (START, "active"),  # exactly at the start: no longer upcoming
    (END - timedelta(minutes=1), "active"),
    (END, "overdue"),  # exactly at the end: past it
])
def test_emergency_around_start_and_end(now: datetime, expected: str) -> None:
    assert notice().status_at(now) == expected


def test_planned_work_past_its_end_is_completed() -> None:
    assert notice("planned").status_at(END) == "completed"


def test_unplanned_work_past_its_end_is_overdue() -> None:
    assert notice("unplanned").status_at(END + timedelta(days=1)) == "overdue"


def test_without_end_stays_active() -> None:
    assert notice(end=None).status_at(END + timedelta(days=30)) == "active"


def test_revised_end_applies() -> None:
    later = END + timedelta(hours=2)
    n = notice(updates=(update(3, end=later),))
    assert n.status_at(END) == "active"
    assert n.status_at(later) == "overdue"
    assert n.current_end == later


def test_revised_start_applies() -> None:
    n = notice("planned", updates=(update(-2, start=START + timedelta(hours=2)),))
    assert n.status_at(START + timedelta(hours=1)) == "upcoming"


def test_update_not_yet_made_does_not_count() -> None:
    n = notice(updates=(update(4, "resolved"),))
    assert n.status_at(START + timedelta(hours=3)) == "active"
    assert n.status_at(START + timedelta(hours=4)) == "resolved"


def test_resolved_wins_over_the_clock() -> None:
    n = notice(updates=(update(2, "resolved"),))
    assert n.status_at(END + timedelta(days=3)) == "resolved"


def test_cancelled_before_start() -> None:
    n = notice("planned", updates=(update(-0.5, "cancelled"),))
    assert n.status_at(START - timedelta(minutes=10)) == "cancelled"


def test_last_status_update_decides() -> None:
    n = notice(updates=(update(1, "resolved"), update(2, "cancelled", index=2)))
    assert n.status_at(END) == "cancelled"


def test_info_is_info_until_resolved_or_cancelled() -> None:
    assert notice("info", end=None).status_at(END) == "info"
    assert notice("info", updates=(update(1, "cancelled"),)).status_at(END) == "cancelled"
