"""The content model: what the validator produces and every later stage reads.

All objects are frozen. Paths and URLs are worked out here once; no other
module recomputes a notice's page path or URL. Times are aware datetimes in
the organization's zone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from .houses import HouseSet
from .places import place_key, street_core

NoticeType = Literal["planned", "unplanned", "emergency", "info"]
Status = Literal["upcoming", "active", "overdue", "completed", "resolved", "cancelled", "info"]
UpdateStatus = Literal["resolved", "cancelled"]


@dataclass(frozen=True)
class Contacts:
    dispatcher: str
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    region: str
    timezone: str
    services: tuple[str, ...]
    settlements: tuple[str, ...]
    contacts: Contacts
    maintainers: tuple[str, ...]
    source: Path
    full_name: str | None = None
    channels: tuple[tuple[str, str], ...] = ()
    demo: bool = False

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def page_path(self) -> str:
        """Markdown source path of the organization's page, relative to the docs folder."""
        return f"organizations/{self.id}.md"

    @property
    def url(self) -> str:
        """URL of the organization's page, relative to the site root."""
        return f"organizations/{self.id}/"

    @property
    def feed_dir(self) -> str:
        return f"feeds/organizations/{self.id}/"


@dataclass(frozen=True)
class Place:
    """A settlement: one place whichever organizations serve it, unique per region."""

    region: str
    name: str
    timezone: str

    @property
    def key(self) -> str:
        return place_key(self.region, self.name)

    @property
    def page_path(self) -> str:
        return f"places/{self.key}.md"

    @property
    def url(self) -> str:
        return f"places/{self.key}/"

    @property
    def feed_dir(self) -> str:
        return f"feeds/places/{self.key}/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class StreetArea:
    street: str
    houses: HouseSet | None = None  # None: the whole street

    @property
    def key(self) -> str:
        return street_core(self.street)


@dataclass(frozen=True)
class Area:
    place: Place
    streets: tuple[StreetArea, ...] = ()  # empty: the whole settlement

    @property
    def whole_settlement(self) -> bool:
        return not self.streets


@dataclass(frozen=True)
class Photo:
    source: Path  # absolute path of the original file (never published)
    src: str  # as written by staff, relative to the notice file
    caption: str | None = None


@dataclass(frozen=True)
class Update:
    index: int  # 1.. in timeline order; the feed item id uses it
    at: datetime
    text: str
    status: UpdateStatus | None = None
    start: datetime | None = None  # a revised start
    end: datetime | None = None  # a revised estimated end
    photos: tuple[Photo, ...] = ()

    @property
    def anchor(self) -> str:
        return f"update-{self.index}"


@dataclass(frozen=True)
class Event:
    """A feed event: the publication (index 0) or one update (1..)."""

    notice: Notice
    index: int
    at: datetime
    update: Update | None = None

    @property
    def anchor(self) -> str | None:
        return None if self.update is None else self.update.anchor


@dataclass(frozen=True)
class Notice:
    id: str  # "<org-id>/<YYYY>/<YYYY-MM-DD>-<slug>", the path without extension
    organization: Organization
    title: str
    type: NoticeType
    services: tuple[str, ...]
    published: datetime
    source: Path
    start: datetime | None = None
    end: datetime | None = None
    areas: tuple[Area, ...] = ()
    photos: tuple[Photo, ...] = ()
    updates: tuple[Update, ...] = ()
    draft: bool = False
    body: str = ""

    @property
    def page_path(self) -> str:
        return f"notices/{self.id}.md"

    @property
    def url(self) -> str:
        return f"notices/{self.id}/"

    @property
    def slug(self) -> str:
        return self.id.rsplit("/", 1)[-1]

    @property
    def tz(self) -> ZoneInfo:
        return self.organization.tz

    @property
    def current_start(self) -> datetime | None:
        """The start, as revised by the latest update that revised it."""
        revised = [u.start for u in self.updates if u.start is not None]
        return revised[-1] if revised else self.start

    @property
    def current_end(self) -> datetime | None:
        """The estimated end, as revised by the latest update that revised it."""
        revised = [u.end for u in self.updates if u.end is not None]
        return revised[-1] if revised else self.end

    def times_at(self, now: datetime) -> tuple[datetime | None, datetime | None]:
        """Start and end in force at ``now``: revisions made later are not yet known."""
        start, end = self.start, self.end
        for update in self.updates:
            if update.at <= now:
                start, end = update.start or start, update.end or end
        return start, end

    @property
    def closing_update(self) -> Update | None:
        """The last update that resolved or cancelled the notice, if any."""
        closing = [u for u in self.updates if u.status is not None]
        return closing[-1] if closing else None

    def status_at(self, now: datetime) -> Status:
        """The spec's six rules, in order, counting only updates already made at ``now``."""
        return _status(self, [u for u in self.updates if u.at <= now], now)

    def final_status(self, now: datetime) -> Status:
        """The status counting every update, even those dated after ``now``."""
        return _status(self, list(self.updates), now)

    def events(self) -> Iterator[Event]:
        yield Event(self, 0, self.published)
        for update in self.updates:
            yield Event(self, update.index, update.at, update)

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(dict.fromkeys(area.place for area in self.areas))


def _status(notice: Notice, updates: list[Update], now: datetime) -> Status:
    statuses = [u.status for u in updates if u.status is not None]
    if statuses and statuses[-1] == "cancelled":
        return "cancelled"
    if statuses and statuses[-1] == "resolved":
        return "resolved"
    if notice.type == "info":
        return "info"
    starts = [u.start for u in updates if u.start is not None]
    ends = [u.end for u in updates if u.end is not None]
    start = starts[-1] if starts else notice.start
    end = ends[-1] if ends else notice.end
    if start is not None and now < start:
        return "upcoming"
    if end is None or now < end:
        return "active"
    return "completed" if notice.type == "planned" else "overdue"


@dataclass(frozen=True)
class SiteConfig:
    """Settings read from ``mkdocs.yml`` (``site_name``, ``site_url``, ``extra.notices``)."""

    title: str = "Отключения ЖКУ"
    base_url: str = "http://127.0.0.1:8000/"
    tag_authority: str = "rso-notices.example"
    tag_year: int = 2026

    def tag(self, notice_id: str, index: int) -> str:
        """The RFC 4151 id of a feed item; it depends only on the notice id and the index."""
        return f"tag:{self.tag_authority},{self.tag_year}:{notice_id}/{index}"


@dataclass(frozen=True)
class Model:
    organizations: tuple[Organization, ...]
    notices: tuple[Notice, ...]  # every notice, drafts included, sorted by id
    content_root: Path
    config: SiteConfig = SiteConfig()

    @cached_property
    def published(self) -> tuple[Notice, ...]:
        """Notices that are not drafts."""
        return tuple(n for n in self.notices if not n.draft)

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """Every settlement of every organization, one per region and name, sorted."""
        seen: dict[str, Place] = {}
        for org in sorted(self.organizations, key=lambda o: o.id):
            for name in org.settlements:
                place = Place(org.region, name, org.timezone)
                seen.setdefault(place.key, place)
        return tuple(sorted(seen.values(), key=lambda p: (p.region, p.name)))

    @cached_property
    def organization_by_id(self) -> dict[str, Organization]:
        return {org.id: org for org in self.organizations}

    @cached_property
    def place_by_key(self) -> dict[str, Place]:
        return {place.key: place for place in self.places}

    @cached_property
    def _notices_by_org(self) -> dict[str, list[Notice]]:
        index: dict[str, list[Notice]] = defaultdict(list)
        for notice in self.published:
            index[notice.organization.id].append(notice)
        return index

    @cached_property
    def _notices_by_place(self) -> dict[str, list[Notice]]:
        index: dict[str, list[Notice]] = defaultdict(list)
        for notice in self.published:
            for place in notice.places:
                index[place.key].append(notice)
        return index

    @cached_property
    def _organizations_by_place(self) -> dict[str, list[Organization]]:
        index: dict[str, list[Organization]] = defaultdict(list)
        for org in sorted(self.organizations, key=lambda o: o.id):
            for name in org.settlements:
                index[Place(org.region, name, org.timezone).key].append(org)
        return index

    def notices_of(self, org: Organization) -> tuple[Notice, ...]:
        """Published notices of one organization, sorted by id."""
        return tuple(self._notices_by_org.get(org.id, ()))

    def notices_in(self, place: Place) -> tuple[Notice, ...]:
        """Published notices touching one settlement, whichever organization wrote them."""
        return tuple(self._notices_by_place.get(place.key, ()))

    def organizations_in(self, place: Place) -> tuple[Organization, ...]:
        return tuple(self._organizations_by_place.get(place.key, ()))
