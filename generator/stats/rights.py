"""Is an interruption within the law? A notice's planned and actual durations vs the norms.

A duration is over the norm for certain («exceeded») when it is longer than every single
limit that may apply to it, or than the monthly limit, and no exception may apply; it is
over the norm only in some situations («exceeded_if») when it is longer than some limits
but not all, or when an exception (annual hot-water maintenance, a cold-water accident in
the central networks) might apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..model import Notice
from .intervals import Interval, as_known_at, outage_interval, split_by_month
from .norms import Exception_, Norm, SingleLimit

Verdict = Literal["within", "exceeded", "exceeded_if"]
Kind = Literal["planned", "actual"]
Limits = tuple[SingleLimit, ...]


@dataclass(frozen=True)
class Check:
    """One duration (planned or actual) of one service against its norm."""

    kind: Kind
    hours: float
    verdict: Verdict
    exceeded: Limits  # the single limits it is longer than
    monthly_exceeded: bool  # longer than the monthly limit within one local calendar month
    unless: tuple[Exception_, ...]  # exceptions that would make it lawful
    ongoing: bool = False  # an actual interruption that has not ended at ``now``


def planned_interval(notice: Notice, now: datetime) -> Interval | None:
    """Start to the estimated end, as announced by ``now``."""
    known = as_known_at(notice, now)
    start, end = known.current_start, known.current_end
    return None if start is None or end is None else Interval.of(start, end)


def longest_month_hours(interval: Interval, notice: Notice) -> float:
    return max(part.hours for _, _, part in split_by_month(interval, notice.tz))


@dataclass(frozen=True)
class Duration:
    """A planned or actual interruption, as every service's norm is checked against it."""

    kind: Kind
    hours: float
    month_hours: float  # its longest part within one local calendar month
    ongoing: bool = False  # an actual interruption that has not ended at ``now``

    @classmethod
    def of(cls, kind: Kind, interval: Interval, notice: Notice, ongoing: bool = False) -> Duration:
        return cls(kind, interval.hours, longest_month_hours(interval, notice), ongoing)


def verdict(hours: float, month_hours: float, norm: Norm,
            notice_type: str) -> tuple[Verdict, Limits, bool]:
    """The verdict, the single limits exceeded, and whether the monthly limit is exceeded."""
    limits = norm.single_for(notice_type)
    exceeded = tuple(lim for lim in limits if hours > lim.hours)
    monthly = norm.monthly_hours is not None and month_hours > norm.monthly_hours
    if not exceeded and not monthly:
        return "within", (), False
    certain = monthly or len(exceeded) == len(limits)
    if certain and not norm.exceptions_for(notice_type):
        return "exceeded", exceeded, monthly
    return "exceeded_if", exceeded, monthly


def check(duration: Duration, norm: Norm, notice_type: str) -> Check:
    result, exceeded, monthly = verdict(duration.hours, duration.month_hours, norm, notice_type)
    return Check(duration.kind, duration.hours, result, exceeded, monthly,
                 norm.exceptions_for(notice_type), duration.ongoing)


def notice_durations(notice: Notice, now: datetime) -> tuple[Duration, ...]:
    """The planned and the actual interruption of a notice, each when known: the same for
    each of its services, so worked out once."""
    durations = []
    planned = planned_interval(notice, now)
    if planned is not None and notice.status_at(now) != "cancelled":
        durations.append(Duration.of("planned", planned, notice))
    actual = outage_interval(notice, now)
    if actual is not None:
        ongoing = notice.status_at(now) in ("active", "overdue")
        durations.append(Duration.of("actual", actual, notice, ongoing))
    return tuple(durations)


def notice_checks(durations: tuple[Duration, ...], norm: Norm,
                  notice_type: str) -> tuple[Check, ...]:
    """Each of a notice's durations (:func:`notice_durations`) against one service's norm."""
    return tuple(check(duration, norm, notice_type) for duration in durations)


def worth_telling(checks: tuple[Check, ...]) -> tuple[Check, ...]:
    """The checks over a limit; once the interruption ended, only the actual one counts."""
    over = [c for c in checks if c.verdict != "within"]
    ended = any(c.kind == "actual" and not c.ongoing for c in checks)
    return tuple(c for c in over if not (ended and c.kind == "planned"))
