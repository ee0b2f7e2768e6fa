"""Is an interruption within the law? A notice's planned and actual durations vs the norms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..model import Notice
from .intervals import Interval, as_known_at, hours_between, outage_interval, split_by_month
from .norms import Norm, SingleLimit

Verdict = Literal["within", "exceeded", "exceeded_if"]


@dataclass(frozen=True)
class Check:
    """One duration (planned or actual) of one service against its norm."""

    kind: Kind
    hours: float
    verdict: Verdict
    exceeded: Limits  # the single limits it is longer than
    month_hours: float  # the most hours it has in one local calendar month
    monthly_exceeded: bool


def planned_interval(notice: Notice, now: datetime) -> Interval | None:
    """Start to the estimated end, as announced by ``now``."""
    known = as_known_at(notice, now)
    start, end = known.current_start, known.current_end
    return None if start is None or end is None else Interval.of(start, end)


Limits = tuple[SingleLimit, ...]


def single_verdict(hours: float, limits: Limits) -> tuple[Verdict, Limits]:
    """Within every limit; longer than all of them; or longer than those of some situations."""
    exceeded = tuple(lim for lim in limits if lim.hours is not None and hours > lim.hours)
    if not exceeded:
        return "within", ()
    return ("exceeded" if len(exceeded) == len(limits) else "exceeded_if"), exceeded


Kind = Literal["planned", "actual"]


def check(kind: Kind, interval: Interval, norm: Norm, notice: Notice) -> Check:
    limits = norm.single_for(notice.type)
    verdict, exceeded = single_verdict(interval.hours, limits)
    month_hours = max(part.hours for _, _, part in split_by_month(interval, notice.tz))
    monthly = norm.monthly_hours is not None and month_hours > norm.monthly_hours
    if monthly:
        verdict = "exceeded"
    return Check(kind, interval.hours, verdict, exceeded, month_hours, monthly)


def notice_checks(notice: Notice, norm: Norm, now: datetime) -> tuple[Check, ...]:
    """The planned and the actual interruption of a notice, each checked when known."""
    checks = []
    planned = planned_interval(notice, now)
    if planned is not None and notice.status_at(now) != "cancelled":
        checks.append(check("planned", planned, norm, notice))
    actual = outage_interval(notice, now)
    if actual is not None:
        checks.append(check("actual", actual, norm, notice))
    return tuple(checks)


def elapsed_hours(notice: Notice, now: datetime) -> float | None:
    start = as_known_at(notice, now).current_start
    return None if start is None else hours_between(start, now)
