"""iCalendar (RFC 5545) with ``icalendar``: one VEVENT per notice with a start and an end.

What a calendar says depends on the content and the updates made by ``now``
only: ``UID`` is fixed per notice, ``SEQUENCE`` counts the updates made,
``DTSTAMP`` is the last of them (or the publication), never the clock.
A resolved notice ends when it was resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib.metadata import version
from pathlib import Path

from icalendar import Calendar, Event, Timezone

from ..context import BuildContext
from ..model import Notice
from ..retention import MAX_FILE_BYTES
from ..textcache import TextCache, digest
from ..vocabulary import STATUSES
from .items import area_line, item_title, notice_at
from .scopes import Scope
from .text import clean, cut, one_line

PRODID = "-//rso-notices//Feeds//RU"
#: What else a cached VEVENT depends on than its properties: the library that encodes it.
CACHE_VERSION = f"1 icalendar {version('icalendar')}"
REFRESH = timedelta(hours=1)  # advice to calendar apps: poll hourly
LOCATION_LIMIT = 250


def webcal_url(url: str) -> str:
    """The ``webcal://`` form of an http(s) calendar URL, which calendar apps subscribe to."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return "webcal://" + rest


@dataclass(frozen=True)
class Dated:
    """A notice as of now (updates made by then) with the times its VEVENT shows."""

    notice: Notice
    start: datetime
    end: datetime


def dated(notice: Notice, now: datetime) -> Dated | None:
    """The notice as a calendar shows it at ``now``; none if unpublished or without times."""
    if notice.draft or notice.published > now:
        return None
    current = notice_at(notice, now)
    start, end = current.current_start, event_end(current)
    return Dated(current, start, max(end, start)) if start and end else None


def event_end(notice: Notice) -> datetime | None:
    """The (revised) estimated end; the resolution time for a resolved notice."""
    closing, start = notice.closing_update, notice.current_start
    if closing is not None and closing.status == "resolved" and start and closing.at > start:
        return closing.at
    return notice.current_end


class CalendarMaker:
    """Encodes each notice's VEVENT once, however many calendars carry it; with a cache
    file, a VEVENT an earlier build encoded from the same properties is reused."""

    def __init__(self, ctx: BuildContext, cache: Path | None = None) -> None:
        self._ctx = ctx
        self._done: dict[str, bytes] = {}
        self._dated: dict[str, Dated | None] = {}
        self.cache = TextCache(cache, CACHE_VERSION)

    def dated(self, notice: Notice) -> Dated | None:
        if notice.id not in self._dated:
            self._dated[notice.id] = dated(notice, self._ctx.now)
        return self._dated[notice.id]

    def vevent_bytes(self, item: Dated) -> bytes:
        done = self._done.get(item.notice.id)
        if done is None:
            properties = vevent_properties(self._ctx, item)
            text = self.cache.get_or_make(digest(repr(properties)),
                                          lambda: event_of(properties).to_ical().decode("utf-8"))
            done = self._done[item.notice.id] = text.encode("utf-8")
        return done

    def calendar_notices(self, notices: tuple[Notice, ...]) -> list[Dated]:
        """The notices a calendar may show, latest end first."""
        shown = [d for d in map(self.dated, notices) if d is not None]
        return sorted(shown, key=lambda d: (-d.end.timestamp(), d.notice.id))

    def calendar_bytes(self, scope: Scope) -> bytes:
        """The scope's calendar: the latest-ending notices while the file stays under the limit."""
        notices = self.calendar_notices(scope.notices)
        zones = earliest_days(notices)
        head, end = _split_end(_calendar(scope, zones).to_ical())
        size, kept = len(head) + len(end), []
        for notice in notices:
            encoded = self.vevent_bytes(notice)
            if size + len(encoded) >= MAX_FILE_BYTES:
                break
            size += len(encoded)
            kept.append(encoded)
        used = earliest_days(notices[:len(kept)])
        if used != zones:
            head, end = _split_end(_calendar(scope, used).to_ical())
        return head + b"".join(kept) + end


def earliest_days(notices: list[Dated]) -> dict[str, date]:
    """Each zone the notices use, with the local day of the earliest time given in it."""
    days: dict[str, date] = {}
    for item in notices:
        zone = item.notice.organization.timezone
        day = item.start.astimezone(item.notice.tz).date()  # the end is never earlier
        days[zone] = min(day, days.get(zone, day))
    return dict(sorted(days.items()))


def _split_end(calendar: bytes) -> tuple[bytes, bytes]:
    """A calendar's bytes before and from its closing line, where VEVENTs are spliced in.

    icalendar writes a component as its properties, its subcomponents in order,
    then ``END``: appending VEVENT bytes here is what ``add_component`` would give.
    """
    closing = b"END:VCALENDAR\r\n"
    assert calendar.endswith(closing)
    return calendar[:-len(closing)], closing


def _calendar(scope: Scope, zones: dict[str, date]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", one_line(scope.title))
    calendar.add("x-wr-calname", one_line(scope.title))
    calendar.add("x-wr-caldesc", one_line(scope.description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for zone, earliest in zones.items():
        calendar.add_component(vtimezone(zone, earliest))
    return calendar


def vtimezone(tzid: str, earliest: date) -> Timezone:
    """The VTIMEZONE of an IANA zone holding every time from the day ``earliest`` on.

    Its rules start on 1 January of the year before (``icalendar`` writes
    none before ``first_date``), so however old an archived notice is, its
    times are inside them; one VTIMEZONE per zone and year is made per process.
    """
    return _vtimezone_from(tzid, earliest.year - 1)


@cache
def _vtimezone_from(tzid: str, year: int) -> Timezone:
    return Timezone.from_tzid(tzid, first_date=date(year, 1, 1))


#: A VEVENT's properties, in order: what its bytes are made of, and so its cache key.
Properties = tuple[tuple[str, object], ...]


def vevent(ctx: BuildContext, item: Dated) -> Event:
    """A notice (with the updates made by now) as a VEVENT."""
    return event_of(vevent_properties(ctx, item))


def vevent_properties(ctx: BuildContext, item: Dated) -> Properties:
    notice, tz = item.notice, item.notice.tz
    closing = notice.closing_update
    stamp = max([notice.published, *(u.at for u in notice.updates)])
    location = "; ".join(area_line(a) for a in notice.areas)
    return (
        ("uid", f"{notice.id}@{ctx.config.tag_authority}"),
        ("dtstamp", stamp.astimezone(UTC)),
        ("sequence", len(notice.updates)),
        ("dtstart", item.start.astimezone(tz)),
        ("dtend", item.end.astimezone(tz)),
        ("status", "CANCELLED" if closing and closing.status == "cancelled" else "CONFIRMED"),
        ("summary", summary(notice)),
        ("description", description(ctx, notice)),
        *((("location", cut(location, LOCATION_LIMIT)),) if location else ()),
        ("url", ctx.absolute(notice.url)),
    )


def event_of(properties: Properties) -> Event:
    event = Event()
    for name, value in properties:
        event.add(name, value)
    return event


def summary(notice: Notice) -> str:
    closing = notice.closing_update
    title = item_title(next(notice.events()))
    if closing is None or closing.status is None:
        return clean(title)
    return clean(f"{STATUSES[closing.status].capitalize()}: {title.split(': ', 1)[-1]}")


def description(ctx: BuildContext, notice: Notice) -> str:
    link = ctx.absolute(notice.url)
    parts = [one_line(notice.title)]
    closing = notice.closing_update
    if closing is not None and closing.status is not None:
        parts.append(f"{STATUSES[closing.status].capitalize()}: {one_line(closing.text)}")
    contacts = notice.organization.contacts
    parts.append(f"Диспетчер {one_line(notice.organization.name)}: {one_line(contacts.dispatcher)}")
    parts.append(f"Подробнее: {link}")
    return clean("\n\n".join(parts))
