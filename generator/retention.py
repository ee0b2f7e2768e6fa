"""How long things stay published: feed items, and notices' own preview cards.

Feeds (``/work/shared/spec/outputs.md``, "Feed items"): each feed keeps its
newest 50 events always and those of the last 7 days while the file stays
under 250 KB. The image stage draws cards only for what this allows to be
shown, so it lives here, below both stages.

A notice is recent while it is current and for 30 days after it last
changed: it has its own preview card (the page's ``og:image``) and settlement
pages list it under each of its streets. An older notice's page is shared with
its text preview only, and is found in the settlement's and organization's
history. A 10,000-notice region over two years thus
draws hundreds of cards, not tens of thousands (and publishes tens of MB of
them, not hundreds).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from .model import Event, Model, Notice

KEEP_NEWEST = 50
KEEP_WINDOW = timedelta(days=7)
MAX_FILE_BYTES = 250_000

#: A notice is recent while current and for this long after it last changed: it keeps its
#: own preview card, and settlement pages list it under each of its streets.
RECENT_WINDOW = timedelta(days=30)
CURRENT = frozenset({"upcoming", "active", "overdue"})


def events_by(notices: Iterable[Notice], now: datetime) -> list[Event]:
    """Events of published notices made by ``now``: newest first, ties by notice id, index."""
    events = [e for n in notices if not n.draft for e in n.events() if e.at <= now]
    return sorted(events, key=lambda e: (-e.at.timestamp(), e.notice.id, -e.index))


def wanted(events: list[Event], now: datetime) -> int:
    """How many of the newest ``events`` a feed keeps if the size limit allows."""
    recent = sum(1 for e in events if e.at >= now - KEEP_WINDOW)
    return min(len(events), max(KEEP_NEWEST, recent))


def feed_groups(model: Model) -> Iterator[tuple[Notice, ...]]:
    """The notices of every feed: the whole site, each organization, each settlement."""
    yield model.published
    for org in model.organizations:
        yield model.notices_of(org)
    for place in model.places:
        yield model.notices_in(place)


def listable_events(model: Model, now: datetime) -> list[Event]:
    """Every event some feed may list at ``now``, once each, in a stable order."""
    chosen: dict[tuple[str, int], Event] = {}
    for notices in feed_groups(model):
        events = events_by(notices, now)
        for event in events[:wanted(events, now)]:
            chosen.setdefault((event.notice.id, event.index), event)
    return [chosen[key] for key in sorted(chosen)]


def is_recent(notice: Notice, now: datetime) -> bool:
    """Current (upcoming, active, overdue) or changed within ``RECENT_WINDOW`` of ``now``."""
    if notice.status_at(now) in CURRENT:
        return True
    return last_moment(notice, now) >= now - RECENT_WINDOW


def has_own_card(notice: Notice, now: datetime) -> bool:
    """Whether the notice's page gets its own preview card at ``now``: while it is recent."""
    return is_recent(notice, now)


def last_moment(notice: Notice, now: datetime) -> datetime:
    """When the notice last changed as known at ``now``: its publication, its latest
    update, or, unless an update closed it, its announced start or end."""
    known = [u for u in notice.updates if u.at <= now]
    moments = [notice.published, *(u.at for u in known)]
    if not any(u.status is not None for u in known):  # not resolved or cancelled
        moments += [t for t in notice.times_at(now) if t is not None]
    return max(moments)
