"""Does a utility keep its word? Figures over the last 12 months, pure functions of ``now``.

* Notices by type: every notice published in the period, cancelled ones included.
* Emergencies and unplanned works (not cancelled): hours from start to the resolution
  update; hours from publication to the first update; the share that went overdue —
  past the (latest) estimated end without resolution at ``now``, or resolved after it.
* Planned works (not cancelled): hours of notice given (start − publication); the share
  that ended on time — resolved, or completed without a word, by the end first announced.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..model import Notice
from ..vocabulary import NOTICE_TYPES
from .intervals import Interval, as_known_at, hours_between, is_published_at, months_back

PERIOD_MONTHS = 12
REACTIVE_TYPES = ("emergency", "unplanned")


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th quantile (0..1), interpolating linearly between the closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 0.5)


@dataclass(frozen=True)
class Summary:
    """Median and 90th percentile of a sample of hours."""

    n: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        return cls(len(values), median(values), percentile(values, 0.9))


@dataclass(frozen=True)
class Share:
    count: int
    of: int

    @property
    def ratio(self) -> float | None:
        return self.count / self.of if self.of else None


@dataclass(frozen=True)
class Accountability:
    period: Interval
    by_type: tuple[tuple[str, int], ...]  # every type of the vocabulary, in its order
    cancelled: int
    resolution: Summary  # emergencies and unplanned works: start → resolution
    first_update: Summary  # emergencies and unplanned works: publication → first update
    without_update: int  # emergencies and unplanned works with no update at all yet
    overdue: Share  # emergencies and unplanned works that started
    advance_notice: Summary  # planned works: start − publication
    on_time: Share  # planned works that ended

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_type)


def period_ending(now: datetime) -> Interval:
    start = months_back(now, PERIOD_MONTHS)
    return Interval(start, now.astimezone(start.tzinfo))


def in_period(notices: Iterable[Notice], period: Interval, now: datetime) -> list[Notice]:
    """Notices published in the period, as known at ``now``."""
    return [
        as_known_at(n, now) for n in notices
        if is_published_at(n, now) and period.start < n.published <= period.end
    ]


def resolution_hours(notice: Notice, now: datetime) -> float | None:
    closing = notice.closing_update
    start = notice.current_start
    if notice.status_at(now) != "resolved" or closing is None or start is None:
        return None
    return max(0.0, hours_between(start, closing.at))


def first_update_hours(notice: Notice) -> float | None:
    if not notice.updates:
        return None
    return hours_between(notice.published, notice.updates[0].at)


def went_overdue(notice: Notice, now: datetime) -> bool:
    """Past the estimated end without resolution at ``now``, or resolved after it."""
    status, end, closing = notice.status_at(now), notice.current_end, notice.closing_update
    if status == "overdue":
        return True
    return status == "resolved" and end is not None and closing is not None and closing.at > end


def advance_notice_hours(notice: Notice) -> float | None:
    start = notice.current_start
    return None if start is None else hours_between(notice.published, start)


def ended_on_time(notice: Notice, now: datetime) -> bool | None:
    """True or False once planned works ended; None while they have not."""
    status, promised = notice.status_at(now), notice.end
    if status == "resolved" and notice.closing_update is not None:
        ended = notice.closing_update.at
    elif status == "completed" and notice.current_end is not None:
        ended = notice.current_end
    else:
        return None
    return promised is None or ended <= promised


def _started(notice: Notice, now: datetime) -> bool:
    return notice.status_at(now) not in ("upcoming", "cancelled")


def _values(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def accountability(notices: Iterable[Notice], now: datetime) -> Accountability:
    """The figures for a set of notices (one organization's, or a region's)."""
    period = period_ending(now)
    chosen = in_period(notices, period, now)
    live = [n for n in chosen if n.status_at(now) != "cancelled"]
    reactive = [n for n in live if n.type in REACTIVE_TYPES]
    planned = [n for n in live if n.type == "planned"]
    started = [n for n in reactive if _started(n, now)]
    endings = _values(
        None if (ok := ended_on_time(n, now)) is None else float(ok) for n in planned
    )
    return Accountability(
        period=period,
        by_type=tuple((t, sum(1 for n in chosen if n.type == t)) for t in NOTICE_TYPES),
        cancelled=len(chosen) - len(live),
        resolution=Summary.of(_values(resolution_hours(n, now) for n in reactive)),
        first_update=Summary.of(_values(first_update_hours(n) for n in reactive)),
        without_update=sum(1 for n in reactive if not n.updates),
        overdue=Share(sum(1 for n in started if went_overdue(n, now)), len(started)),
        advance_notice=Summary.of(_values(advance_notice_hours(n) for n in planned)),
        on_time=Share(int(sum(endings)), len(endings)),
    )
