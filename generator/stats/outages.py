"""Hours without each service, per settlement and per street, per local calendar month.

A street is without a service while any notice covers it: a notice naming the street
(for all or some of its houses) or a notice for the whole settlement. Overlapping notices
count once. The settlement row counts only notices for the whole settlement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..model import Model, Notice, Place
from .intervals import Interval, current_and_previous_month, hours_within, outage_interval

WHOLE_SETTLEMENT = ""  # the street key of the settlement row


@dataclass(frozen=True)
class ServiceHours:
    service: str
    previous: float  # hours in the previous local calendar month
    current: float  # hours in the current local calendar month, up to now


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


@dataclass(frozen=True)
class _Coverage:
    """Which intervals cover the whole settlement and which cover each street, per service."""

    whole: dict[str, list[Interval]]
    streets: dict[str, dict[str, list[Interval]]]
    names: dict[str, str]


def _coverage(notices: Iterable[Notice], place: Place, now: datetime) -> _Coverage:
    whole: dict[str, list[Interval]] = defaultdict(list)
    streets: dict[str, dict[str, list[Interval]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for notice in notices:
        interval = outage_interval(notice, now)
        if interval is None:
            continue
        for area in notice.areas:
            if area.place.key != place.key:
                continue
            for service in notice.services:
                if area.whole_settlement:
                    whole[service].append(interval)
                for street in area.streets:
                    names.setdefault(street.key, street.street)
                    streets[street.key][service].append(interval)
    return _Coverage(whole, streets, names)


Months = tuple[Interval, Interval]  # (previous, current)


def _hours(intervals: list[Interval], service: str, months: Months) -> ServiceHours:
    previous, current = months
    return ServiceHours(service, hours_within(intervals, previous),
                        hours_within(intervals, current))


def _row(key: str, name: str, by_service: dict[str, list[Interval]],
         months: Months) -> StreetOutages:
    services = tuple(
        hours for service in sorted(by_service)
        if (hours := _hours(by_service[service], service, months)).previous or hours.current
    )
    return StreetOutages(key, name, services)


def place_outages(model: Model, place: Place, now: datetime) -> PlaceOutages:
    """Hours without each service in the current and previous month, in the place's time."""
    current, previous = current_and_previous_month(now, place.tz)
    months = (previous, current)
    coverage = _coverage(model.notices_in(place), place, now)
    rows = [_row(WHOLE_SETTLEMENT, "", coverage.whole, months)]
    for key in sorted(coverage.streets, key=lambda k: coverage.names[k].casefold()):
        by_service = {
            service: coverage.whole.get(service, []) + intervals
            for service, intervals in coverage.streets[key].items()
        }
        for service, intervals in coverage.whole.items():
            by_service.setdefault(service, list(intervals))
        rows.append(_row(key, coverage.names[key], by_service, months))
    return PlaceOutages(place, previous, current, tuple(rows))
