"""When a service was actually off: one interval per notice, unions, calendar months.

Every function here is pure: it reads the model and the moment ``now`` given to it.
Intervals are kept in UTC, so that arithmetic never depends on a zone's wall clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..model import Notice


@dataclass(frozen=True, order=True)
class Interval:
    start: datetime  # aware, UTC
    end: datetime  # aware, UTC; after start

    @classmethod
    def of(cls, start: datetime, end: datetime) -> Interval | None:
        """The interval, or None when it is empty."""
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        return cls(start, end) if end > start else None

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    def clip(self, window: Interval) -> Interval | None:
        start, end = max(self.start, window.start), min(self.end, window.end)
        return Interval(start, end) if end > start else None  # both in UTC already


def as_known_at(notice: Notice, now: datetime) -> Notice:
    """The notice as it stood at ``now``: updates dated later are not known yet."""
    known = tuple(u for u in notice.updates if u.at <= now)
    return notice if len(known) == len(notice.updates) else replace(notice, updates=known)


def is_published_at(notice: Notice, now: datetime) -> bool:
    return not notice.draft and notice.published <= now


def outage_end(notice: Notice, now: datetime) -> datetime | None:
    """When the interruption ended, or ``now`` while it goes on; None if it never happened.

    ``notice`` is taken as known at ``now`` (see :func:`as_known_at`).
    """
    status = notice.status_at(now)
    if status in ("cancelled", "upcoming", "info"):
        return None
    if status == "resolved":
        closing = notice.closing_update
        return None if closing is None else closing.at
    if status == "completed":  # planned works past their end, nobody said otherwise
        return notice.current_end
    return now  # active or overdue: counted up to now


def outage_interval(notice: Notice, now: datetime) -> Interval | None:
    """The interval during which the notice's services were off, as known at ``now``."""
    if notice.type == "info" or not is_published_at(notice, now):
        return None
    known = as_known_at(notice, now)
    start, end = known.current_start, outage_end(known, now)
    if start is None or end is None:
        return None
    return Interval.of(start, min(end, now))


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals merged, so that no hour is counted twice."""
    merged: list[Interval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, interval.end))
        else:
            merged.append(interval)
    return merged


def hours_within(intervals: Iterable[Interval], window: Interval) -> float:
    """Hours covered by at least one interval inside ``window``."""
    clipped = (i.clip(window) for i in intervals)
    return sum((i.hours for i in union(c for c in clipped if c is not None)), 0.0)


@lru_cache(maxsize=4096)
def month_start(year: int, month: int, tz: ZoneInfo) -> datetime:
    """Local midnight of the first day of a month, in UTC."""
    while month < 1:
        year, month = year - 1, month + 12
    while month > 12:
        year, month = year + 1, month - 12
    return datetime(year, month, 1, tzinfo=tz).astimezone(UTC)


def month_window(year: int, month: int, tz: ZoneInfo) -> Interval:
    """A calendar month in the local time of ``tz``."""
    return Interval(month_start(year, month, tz), month_start(year, month + 1, tz))


def current_and_previous_month(now: datetime, tz: ZoneInfo) -> tuple[Interval, Interval]:
    """The local calendar month of ``now`` (up to now) and the month before it."""
    local = now.astimezone(tz)
    current = month_window(local.year, local.month, tz)
    previous = month_window(local.year, local.month - 1, tz)
    return Interval(current.start, max(now.astimezone(UTC), current.start)), previous


def split_by_month(interval: Interval, tz: ZoneInfo) -> Iterator[tuple[int, int, Interval]]:
    """The parts of an interval in each local calendar month it touches: (year, month, part)."""
    local = interval.start.astimezone(tz)
    year, month = local.year, local.month
    while True:
        window = month_window(year, month, tz)
        if window.start >= interval.end:
            return
        part = interval.clip(window)
        if part is not None:
            yield year, month, part
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def months_back(now: datetime, months: int) -> datetime:
    """The same moment ``months`` calendar months earlier (in UTC), day clamped to the month."""
    moment = now.astimezone(UTC)
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


def hours_between(start: datetime, end: datetime) -> float:
    """Elapsed hours, counted in UTC so that a zone's clock changes cannot distort them."""
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)
