"""Hours without each service, per settlement and per street, per local calendar month.

A street is without a service while any notice covers it: a notice naming the street
(for all or some of its houses) or a notice for the whole settlement. Overlapping notices
count once. The settlement row counts only notices for the whole settlement.

Besides all hours, each figure keeps the hours of notices that no exception of the norms
may excuse (``strict``): only those prove that the monthly norm was exceeded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from ..model import Model, Notice, Organization, Place
from .intervals import Interval, current_and_previous_month, hours_within, outage_interval
from .norms import Norms, load_norms

WHOLE_SETTLEMENT = ""  # the street key of the settlement row


@dataclass(frozen=True)
class MonthHours:
    total: float  # every interruption
    strict: float  # interruptions that no exception of the norms may excuse


@dataclass(frozen=True)
class ServiceHours:
    service: str
    previous: MonthHours  # the previous local calendar month
    current: MonthHours  # the current local calendar month, up to now


@dataclass(frozen=True)
class StreetOutages:
    key: str  # street key; WHOLE_SETTLEMENT for the settlement row
    name: str  # as staff wrote it first; "" for the settlement row
    services: tuple[ServiceHours, ...]


@dataclass(frozen=True)
class PlaceOutages:
    place: Place
    previous_month: Interval
    current_month: Interval  # up to now
    rows: tuple[StreetOutages, ...]  # the settlement row first, then streets by name


@dataclass
class _Spans:
    """Intervals of one service on one street (or the whole settlement)."""

    all: list[Interval] = field(default_factory=list)
    strict: list[Interval] = field(default_factory=list)

    def add(self, interval: Interval, strict: bool) -> None:
        self.all.append(interval)
        if strict:
            self.strict.append(interval)

    def plus(self, other: _Spans) -> _Spans:
        return _Spans(self.all + other.all, self.strict + other.strict)


Coverage = dict[str, dict[str, _Spans]]  # street key → service → spans
Months = tuple[Interval, Interval]  # (previous, current)


def is_strict(notice: Notice, service: str, norms: Norms) -> bool:
    """No exception of the norms may excuse this notice's interruption of this service."""
    norm = norms.get(service)
    return norm is None or not norm.exceptions_for(notice.type)


def _coverage(notices: Iterable[Notice], place: Place, now: datetime, norms: Norms,
              window: Interval) -> tuple[Coverage, dict[str, str]]:
    """Each street's outage spans that reach into ``window``, and the name of every street
    that ever had an outage."""
    coverage: Coverage = defaultdict(lambda: defaultdict(_Spans))
    names: dict[str, str] = {}
    for notice in notices:
        interval = outage_interval(notice, now)
        if interval is None:
            continue
        counted = interval.end > window.start and interval.start < window.end
        for area in (a for a in notice.areas if a.place.key == place.key):
            keys = [WHOLE_SETTLEMENT] if area.whole_settlement else [s.key for s in area.streets]
            names.update((s.key, names.get(s.key, s.street)) for s in area.streets)
            if not counted:  # adds no hour to either month: older history is long
                continue
            for key in keys:
                for service in notice.services:
                    coverage[key][service].add(interval, is_strict(notice, service, norms))
    return coverage, names


def _month(spans: _Spans, window: Interval) -> MonthHours:
    return MonthHours(hours_within(spans.all, window), hours_within(spans.strict, window))


def _row(key: str, name: str, by_service: dict[str, _Spans], months: Months) -> StreetOutages:
    previous, current = months
    services = (ServiceHours(s, _month(by_service[s], previous), _month(by_service[s], current))
                for s in sorted(by_service))
    kept = tuple(h for h in services if h.previous.total or h.current.total)
    return StreetOutages(key, name, kept)


def place_outages(model: Model, place: Place, now: datetime,
                  organization: Organization | None = None) -> PlaceOutages:
    """Hours without each service in the current and previous month, in the place's time.

    Every organization's notices count, or only those of ``organization`` when given.
    """
    current, previous = current_and_previous_month(now, place.tz)
    months = (previous, current)
    notices = [n for n in model.notices_in(place)
               if organization is None or n.organization.id == organization.id]
    coverage, names = _coverage(notices, place, now, load_norms(),
                                Interval(previous.start, current.end))
    whole = coverage.get(WHOLE_SETTLEMENT, {})
    rows = [_row(WHOLE_SETTLEMENT, "", dict(whole), months)]
    for key in sorted(names, key=lambda k: (names[k].casefold(), k)):
        own = coverage.get(key, {})
        by_service = {s: own.get(s, _Spans()).plus(whole.get(s, _Spans()))
                      for s in sorted(set(own) | set(whole))}
        rows.append(_row(key, names[key], by_service, months))
    return PlaceOutages(place, previous, current, tuple(rows))
