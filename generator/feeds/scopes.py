"""Which feeds exist and which events each one lists.

A feed covers a scope: the whole site, one organization, or one settlement
(whichever organizations serve it). Its events are those of its published
notices that happened by ``now``, newest first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..context import BuildContext
from ..model import Notice, Organization, Place
from ..retention import MAX_FILE_BYTES
from .text import one_line

ScopeKind = Literal["all", "organization", "settlement"]

FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json", "ics": "calendar.ics"}

#: About how many notices fill a calendar or a feed up to the size limit.
WORK_CAP = 300


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    key: str
    title: str
    description: str
    dir: str  # relative to the site root, ending with "/"
    page_url: str  # the HTML page the feed belongs to, relative to the site root
    notices: tuple[Notice, ...]
    home: str = ""  # the organization whose notices fill it mostly ("" for the whole site)

    def path(self, fmt: str) -> str:
        return self.dir + FILES[fmt]

    def feed_id(self, ctx: BuildContext) -> str:
        """A tag URI for the feed itself: like item ids, independent of the base URL."""
        config = ctx.config
        return f"tag:{config.tag_authority},{config.tag_year}:feeds/{self.kind}/{self.key}"

    def index_entry(self) -> dict[str, str]:
        return {"scope": self.kind, "key": self.key, "title": self.title,
                **{fmt: self.path(fmt) for fmt in FILES}}


def scopes(ctx: BuildContext) -> list[Scope]:
    """Every feed of the site: the whole site, each organization, each settlement; sorted."""
    model = ctx.model
    whole = Scope("all", "all", one_line(ctx.config.title),
                  "Все уведомления об отключениях и авариях", "feeds/all/", "", model.published)
    organizations = [organization_scope(ctx, org) for org in sorted(model.organizations,
                                                                      key=lambda o: o.id)]
    places = [place_scope(ctx, place) for place in sorted(model.places, key=lambda p: p.key)]
    return [whole, *organizations, *places]


def organization_scope(ctx: BuildContext, org: Organization) -> Scope:
    name = one_line(org.name)
    return Scope("organization", org.id, f"{one_line(ctx.config.title)}: {name}",
                 f"Отключения и аварии: {one_line(org.full_name or org.name)}", org.feed_dir,
                 org.url, ctx.model.notices_of(org), home=org.id)


def place_scope(ctx: BuildContext, place: Place) -> Scope:
    where = f"{one_line(place.name)}, {one_line(place.region)}"
    serving = sorted(org.id for org in ctx.model.organizations_in(place))
    return Scope("settlement", place.key, f"{one_line(ctx.config.title)}: {where}",
                 f"Отключения и аварии: {where}", place.feed_dir, place.url,
                 ctx.model.notices_in(place), home=serving[0] if serving else "")


def retained(sizes: Iterator[int], overhead: int, keep: int) -> int:
    """How many of the newest events a feed keeps: at most ``keep``
    (:func:`~generator.retention.wanted`), and no more than fit under the size limit.

    ``sizes`` yields the bytes each event adds to the largest of the feed's
    files, in order; ``overhead`` is that file's size with no items.
    """
    total, count = overhead, 0
    for size in sizes:
        if count == keep or total + size >= MAX_FILE_BYTES:
            break
        total, count = total + size, count + 1
    return count


def partition(all_scopes: list[Scope], parts: int) -> list[list[Scope]]:
    """``all_scopes`` in at most ``parts`` groups of similar work, each organization's scopes
    (its own feed and its settlements') kept together so that they share encoded items."""
    weight: dict[str, int] = {}
    for scope in all_scopes:
        work = min(len(scope.notices), WORK_CAP)  # what a feed encodes is capped by its size
        weight[scope.home] = weight.get(scope.home, 0) + work
    loads = [0] * max(1, parts)
    group_of: dict[str, int] = {}
    for home in sorted(weight, key=lambda h: (-weight[h], h)):
        group_of[home] = loads.index(min(loads))
        loads[group_of[home]] += weight[home]
    groups: list[list[Scope]] = [[] for _ in loads]
    for scope in all_scopes:
        groups[group_of[scope.home]].append(scope)
    return [group for group in groups if group]
