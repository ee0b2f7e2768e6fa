"""What the pages are made of, worked out once per build.

``SiteData`` holds the notices visible at ``now`` (published, not drafts, not
dated in the future), each one's status at ``now`` and the indexes the pages
need (by organization, settlement, street, region and month), so that no
page walks the whole model again: the build stays linear in the notices.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, cached_property

from ..context import BuildContext
from ..images import ImageIndex
from ..model import Model, Notice, Organization, Place, Status, StreetArea, Update
from ..places import STREET_TYPES, fold, slug
from .status import CURRENT

#: How far ahead the home page looks for planned works, and how far back for finished ones.
UPCOMING_WINDOW = timedelta(days=14)
RECENT_WINDOW = timedelta(days=3)

_PRIORITY: dict[Status, int] = {"overdue": 0, "active": 1, "upcoming": 2, "info": 3,
                                "resolved": 4, "completed": 5, "cancelled": 6}
_TYPE_PRIORITY = {"emergency": 0, "unplanned": 1, "planned": 2, "info": 3}


@dataclass(frozen=True)
class StreetNotices:
    """One street of a settlement and the notices touching it (newest first)."""

    key: str
    name: str
    entries: tuple[tuple[Notice, StreetArea], ...]


@dataclass
class SiteData:
    ctx: BuildContext
    images: ImageIndex
    _status: dict[str, Status] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)  # notice id → its card's Markdown
    rows: dict[str, str] = field(default_factory=dict)  # notice id → its history row

    @property
    def model(self) -> Model:
        return self.ctx.model

    @property
    def now(self) -> datetime:
        return self.ctx.now

    @cached_property
    def notices(self) -> tuple[Notice, ...]:
        """Published notices whose publication time has come, sorted by id."""
        return tuple(n for n in self.model.published if n.published <= self.now)

    def status(self, notice: Notice) -> Status:
        cached = self._status.get(notice.id)
        if cached is None:
            cached = self._status[notice.id] = notice.status_at(self.now)
        return cached

    def updates(self, notice: Notice) -> tuple[Update, ...]:
        """The updates already made at ``now``: the timeline a reader sees."""
        return tuple(u for u in notice.updates if u.at <= self.now)

    def times(self, notice: Notice) -> tuple[datetime | None, datetime | None]:
        """Start and end in force at ``now`` (revisions made later are not yet known)."""
        return notice.times_at(self.now)

    def closed_at(self, notice: Notice) -> datetime | None:
        """When a finished notice finished: its closing update, or the end of completed works."""
        status = self.status(notice)
        if status in ("resolved", "cancelled"):
            closing = [u for u in self.updates(notice) if u.status is not None]
            return closing[-1].at
        if status == "completed":
            return self.times(notice)[1]
        return None

    # ----- orderings -------------------------------------------------------

    def current_order(self, notices: list[Notice]) -> list[Notice]:
        """Overdue, then active, then upcoming; emergencies first; earliest start first."""
        def key(n: Notice) -> tuple[int, int, str, str]:
            start = self.times(n)[0]
            return (_PRIORITY[self.status(n)], _TYPE_PRIORITY[n.type],
                    start.isoformat() if start else "", n.id)
        return sorted(notices, key=key)

    @staticmethod
    def newest_first(notices: list[Notice]) -> list[Notice]:
        return sorted(notices, key=lambda n: (n.published, n.id), reverse=True)

    def is_current(self, notice: Notice) -> bool:
        return self.status(notice) in CURRENT

    # ----- the home page's three lists -----------------------------------

    @cached_property
    def active(self) -> list[Notice]:
        return self.current_order([n for n in self.notices
                                   if self.status(n) in ("active", "overdue")])

    @cached_property
    def upcoming_soon(self) -> list[Notice]:
        horizon = self.now + UPCOMING_WINDOW
        soon = [n for n in self.notices if self.status(n) == "upcoming"
                and (self.times(n)[0] or self.now) <= horizon]
        return self.current_order(soon)

    @cached_property
    def recently_finished(self) -> list[Notice]:
        since = self.now - RECENT_WINDOW
        recent = [(self.closed_at(n), n) for n in self.notices]
        kept = [(at, n) for at, n in recent if at is not None and since <= at <= self.now]
        return [n for _, n in sorted(kept, key=lambda p: (p[0], p[1].id), reverse=True)]

    @cached_property
    def recently_finished_ids(self) -> frozenset[str]:
        return frozenset(n.id for n in self.recently_finished)

    @cached_property
    def recent_info(self) -> list[Notice]:
        since = self.now - timedelta(days=7)
        return self.newest_first([n for n in self.notices
                                  if self.status(n) == "info" and n.published >= since])

    # ----- indexes ----------------------------------------------------------

    @cached_property
    def by_organization(self) -> dict[str, list[Notice]]:
        index: dict[str, list[Notice]] = defaultdict(list)
        for notice in self.notices:
            index[notice.organization.id].append(notice)
        return index

    @cached_property
    def by_place(self) -> dict[str, list[Notice]]:
        index: dict[str, list[Notice]] = defaultdict(list)
        for notice in self.notices:
            for place in notice.places:
                index[key_of(place)].append(notice)
        return index

    @cached_property
    def by_month(self) -> dict[tuple[int, int], list[Notice]]:
        """Notices by the year and month of publication, in the organization's zone."""
        index: dict[tuple[int, int], list[Notice]] = defaultdict(list)
        for notice in self.notices:
            local = notice.published.astimezone(notice.tz)
            index[(local.year, local.month)].append(notice)
        return index

    @cached_property
    def regions(self) -> dict[str, list[Place]]:
        """Region name → its settlements, regions sorted by name."""
        index: dict[str, list[Place]] = defaultdict(list)
        for place in self.model.places:
            index[place.region].append(place)
        return dict(sorted(index.items(), key=lambda item: fold(item[0])))

    def in_place(self, place: Place) -> list[Notice]:
        return self.by_place.get(key_of(place), [])

    def whole_settlement(self, place: Place) -> list[Notice]:
        """Notices covering a whole settlement (no streets named)."""
        key = key_of(place)
        return [n for n in self.by_place.get(key, [])
                if any(a.whole_settlement and key_of(a.place) == key for a in n.areas)]

    def streets(self, place: Place) -> list[StreetNotices]:
        """The settlement's streets named by any notice, sorted by name, each newest first."""
        found: dict[str, list[tuple[Notice, StreetArea]]] = defaultdict(list)
        names: dict[str, str] = {}
        key = key_of(place)
        for notice in self.newest_first(self.by_place.get(key, [])):
            for area in notice.areas:
                if key_of(area.place) != key:
                    continue
                for street in area.streets:
                    found[street_key_of(street)].append((notice, street))
                    names.setdefault(street_key_of(street), street.street)
        streets = [StreetNotices(key, names[key], tuple(entries)) for key, entries in found.items()]
        return sorted(streets, key=lambda s: _street_sort_key(s.name))


# Place's key, page path and feed folder go through python-slugify, which is slow
# enough to dominate a 10,000-notice build when asked again for every mention;
# the model's values are remembered here, never recomputed differently.

@cache
def key_of(place: Place) -> str:
    return place.key


@cache
def page_path_of(place: Place) -> str:
    return place.page_path


@cache
def feed_dir_of(place: Place) -> str:
    return place.feed_dir


@cache
def street_key_of(street: StreetArea) -> str:
    return street.key


def region_slug(region: str) -> str:
    return slug(region)


def organizations_of_region(model: Model, region: str) -> list[Organization]:
    return sorted((o for o in model.organizations if o.region == region),
                  key=lambda o: fold(o.name))


def _street_sort_key(name: str) -> tuple[str, str]:
    """Streets sort by their proper name: «ул. Ленина» next to «пер. Ленина»."""
    words = fold(name).replace(".", ". ").split()
    proper = " ".join(w for w in words if w not in STREET_TYPES)
    return (proper, fold(name))
