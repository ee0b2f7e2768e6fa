"""Writing every feed of the site: choose each feed's items, encode them once, write files."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path

from feedgen.entry import FeedEntry
from lxml import etree

from ..context import BuildContext
from ..images import ImageIndex
from ..model import Event, Notice
from ..parallel import can_fork
from ..retention import MAX_FILE_BYTES, events_by, wanted
from ..textcache import TextCache, digest
from . import jsonfeed, xmlfeeds
from .ical import CalendarMaker
from .items import FeedItem, ItemMaker, event_image
from .scopes import Scope, partition, retained, scopes
from .text import one_line

#: The date of a feed with no items yet: fixed, so an empty feed never changes.
NO_ITEMS_DATE = datetime(1970, 1, 1, tzinfo=UTC)
INDEX_PATH = "feeds/index.json"
#: Sites with fewer published notices are written in one process: forking would cost more.
PARALLEL_FROM = 2000
MAX_WORKERS = 2
#: Kept between builds in the cache folder (``generator.textcache``): rendered staff
#: texts and encoded VEVENTs.
TEXT_CACHE = "item-texts.json"
CALENDAR_CACHE = "calendar-events.json"
#: Kept between builds in the cache folder: each feed's RSS, Atom and JSON files by the
#: digest of everything they are made of (:class:`FeedFiles`).
FILES_CACHE = "files"
#: Libraries whose output is in the files (feedgen and lxml write them; Python-Markdown
#: and nh3 make the items' HTML).
FILE_LIBRARIES = ("feedgen", "lxml", "markdown", "nh3")
#: A cached feed file no build used for this long is removed.
FILES_PRUNE_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class Encoded:
    """One item in each format, with the bytes it adds to each file."""

    item: FeedItem
    entry: FeedEntry
    json: str
    sizes: tuple[int, int, int]  # rss, atom, json


class Encoder:
    """Encodes each event once, however many feeds carry it."""

    def __init__(self, ctx: BuildContext, images: ImageIndex) -> None:
        self._ctx = ctx
        self._images = images
        self._items = ItemMaker(ctx, images, ctx.cache_dir / "feeds" / TEXT_CACHE)
        self._done: dict[tuple[str, int], Encoded] = {}
        self.calendars = CalendarMaker(ctx, ctx.cache_dir / "feeds" / CALENDAR_CACHE)
        self.files = FeedFiles.of(ctx)
        self._notice_digests: dict[str, str] = {}
        self._event_keys: dict[tuple[str, int], str] = {}

    def files_key(self, scope: Scope, events: list[Event], keep: int) -> str:
        """The digest of everything a scope's RSS, Atom and JSON files are made of: the
        generator's code and libraries, the site's settings, what the feed says of itself,
        and the events it may list (the ``keep`` newest), each with its notice's whole
        record and its image as published in this site."""
        parts = [FILES_VERSION, repr(self._ctx.config),
                 repr((scope.kind, scope.key, scope.title, scope.description, scope.dir,
                       scope.page_url)), str(keep)]
        parts += map(self._event_key, events[:keep])
        return digest("\n".join(parts))

    def _event_key(self, event: Event) -> str:
        """An event's part of a feed's key, worked out once for all the feeds listing it."""
        key = (event.notice.id, event.index)
        if key not in self._event_keys:
            notice = event.notice
            if notice.id not in self._notice_digests:
                self._notice_digests[notice.id] = digest(repr(notice) + _offsets(notice))
            image = event_image(self._ctx, self._images, event)
            self._event_keys[key] = (f"{notice.id} {event.index} "
                                     f"{self._notice_digests[notice.id]} {image!r}")
        return self._event_keys[key]

    def keep_texts(self, events: list[Event]) -> None:
        """The rendered staff texts of these events' items stay in the cache, though their
        feed came whole from it (a later build may need them)."""
        for event in events:
            self._items.keep_text(event)

    def caches(self) -> tuple[TextCache, TextCache]:
        """What this encoder kept for the next build: staff texts, calendar events."""
        return self._items.texts, self.calendars.cache

    def encoded(self, event: Event) -> Encoded:
        key = (event.notice.id, event.index)
        if key not in self._done:
            item = self._items.item(event)
            entry = xmlfeeds.feed_entry(item)
            encoded_json = jsonfeed.item_json(item)
            rss, atom = xmlfeeds.entry_sizes(entry)
            self._done[key] = Encoded(item, entry, encoded_json,
                                      (rss, atom, jsonfeed.item_size(encoded_json)))
        return self._done[key]


def write_feeds(ctx: BuildContext, images: ImageIndex, workers: int | None = None) -> None:
    """Write every feed and ``feeds/index.json`` into ``ctx.site_dir``.

    ``workers`` processes share the work (default: up to 2 for a large site,
    where fork is available); the files do not depend on how it was shared.
    """
    all_scopes = scopes(ctx)
    groups = partition(all_scopes, workers or default_workers(ctx))
    if len(groups) == 1:
        for cache in write_group(ctx, images, groups[0]):
            cache.save()
    else:
        _write_in_processes(ctx, images, groups)
    FeedFiles.of(ctx).prune()
    index = {"version": 1, "feeds": [scope.index_entry() for scope in all_scopes]}
    _write(ctx.site_dir / INDEX_PATH,
           (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def default_workers(ctx: BuildContext) -> int:
    if len(ctx.model.published) < PARALLEL_FROM or not can_fork():
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def write_group(ctx: BuildContext, images: ImageIndex,
                group: list[Scope]) -> tuple[TextCache, ...]:
    """Write the group's feeds; the caches, with the entries they used."""
    encoder = Encoder(ctx, images)
    for scope in group:
        write_scope(ctx, scope, encoder)
    return encoder.caches()


# The job of forked workers: set before the fork, so nothing big is pickled.
_job: tuple[BuildContext, ImageIndex, list[list[Scope]]] | None = None


def _write_in_processes(ctx: BuildContext, images: ImageIndex, groups: list[list[Scope]]) -> None:
    """Group 0 here, the others in forked processes at the same time."""
    global _job
    _job = (ctx, images, groups)
    try:
        with get_context("fork").Pool(len(groups) - 1) as pool:
            others = pool.map_async(_write_job_group, range(1, len(groups)))
            caches = write_group(ctx, images, groups[0])
            for used in others.get():
                for cache, entries in zip(caches, used, strict=True):
                    cache.add(entries)
        for cache in caches:
            cache.save()
    finally:
        _job = None


def _write_job_group(number: int) -> list[dict[str, str]]:
    """Write a group in a worker; the entries of each cache it used."""
    assert _job is not None
    ctx, images, groups = _job
    return [cache.used() for cache in write_group(ctx, images, groups[number])]


def write_scope(ctx: BuildContext, scope: Scope, encoder: Encoder) -> None:
    events = events_by(scope.notices, ctx.now)
    keep = wanted(events, ctx.now)  # the feed lists at most these, newest first
    key = encoder.files_key(scope, events, keep)
    files = encoder.files.get(key)
    if files is None:
        files = feed_files(ctx, scope, events[:keep], encoder)
        encoder.files.put(key, files)
    else:
        encoder.keep_texts(events[:keep])
    files["ics"] = encoder.calendars.calendar_bytes(scope)
    for fmt, data in files.items():
        _write(ctx.site_dir / scope.path(fmt), data)


def feed_files(ctx: BuildContext, scope: Scope, events: list[Event],
               encoder: Encoder) -> dict[str, bytes]:
    """The scope's RSS, Atom and JSON files: of ``events`` (the newest the feed may list),
    those that fit under the size limit."""
    empty = encode_files(ctx, scope, [])
    overhead = max(len(data) for data in empty.values())
    count = retained(_largest_sizes(events, encoder), overhead, len(events))
    files = encode_files(ctx, scope, [encoder.encoded(e) for e in events[:count]])
    while count > 0 and max(len(data) for data in files.values()) >= MAX_FILE_BYTES:
        count -= 1  # the estimate was short: never write a file over the limit
        files = encode_files(ctx, scope, [encoder.encoded(e) for e in events[:count]])
    return files


def _files_version() -> str:
    """Every module of the generator, Python, libxml2 and the libraries that shape the
    files: any change to one of them makes every cached feed file a miss."""
    package = Path(__file__).resolve().parent.parent
    code = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        code.update(module.relative_to(package).as_posix().encode())
        code.update(module.read_bytes())
    return " ".join([code.hexdigest(), sys.version, f"libxml2 {etree.LIBXML_VERSION}",
                     *(f"{name} {version(name)}" for name in FILE_LIBRARIES)])


#: Worked out when the module is loaded: the code that runs, not what is on disk later.
FILES_VERSION = _files_version()


def _offsets(notice: Notice) -> str:
    """The UTC offset of each of the notice's times: its record names a zone and a wall
    time, and what that is in UTC comes from the time zone data installed."""
    moments = [notice.published, notice.start, notice.end,
               *(m for u in notice.updates for m in (u.at, u.start, u.end))]
    return repr([m.utcoffset() if m is not None else None for m in moments])


class FeedFiles:
    """Feeds' RSS, Atom and JSON files as an earlier build wrote them, by the key of all
    they are made of (:meth:`Encoder.files_key`): from one build to the next most feeds
    do not change, and encoding them is most of the feeds' work.

    Each file is written under a temporary name and renamed, so a reader finds a whole
    file or none, and an entry missing a file is a miss. Reading an entry marks it used;
    files no build used for ``FILES_PRUNE_AFTER`` are removed (:meth:`prune`).
    """

    FORMATS = ("rss", "atom", "json")

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of(cls, ctx: BuildContext) -> FeedFiles:
        return cls(ctx.cache_dir / "feeds" / FILES_CACHE)

    def get(self, key: str) -> dict[str, bytes] | None:
        paths = {fmt: self.folder / f"{key}.{fmt}" for fmt in self.FORMATS}
        try:
            files = {fmt: path.read_bytes() for fmt, path in paths.items()}
        except OSError:
            return None
        for path in paths.values():
            with contextlib.suppress(OSError):  # a read-only cache is still read
                os.utime(path)
        return files

    def put(self, key: str, files: dict[str, bytes]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for fmt in self.FORMATS:
            handle, name = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(files[fmt])
                os.chmod(name, 0o644)
                os.replace(name, self.folder / f"{key}.{fmt}")
            except BaseException:
                Path(name).unlink(missing_ok=True)
                raise

    def prune(self, now: float | None = None) -> None:
        """Remove the files no build used for ``FILES_PRUNE_AFTER``."""
        deadline = (time.time() if now is None else now) - FILES_PRUNE_AFTER.total_seconds()
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < deadline:
                    os.unlink(entry.path)


def _largest_sizes(events: list[Event], encoder: Encoder) -> Iterator[int]:
    for event in events:
        yield max(encoder.encoded(event).sizes)


def encode_files(ctx: BuildContext, scope: Scope, encoded: list[Encoded]) -> dict[str, bytes]:
    """The RSS, Atom and JSON Feed files of a scope holding ``encoded``, newest first."""
    updated = encoded[0].item.date if encoded else NO_ITEMS_DATE
    page = ctx.absolute(scope.page_url)
    author = one_line(ctx.config.title)
    head = xmlfeeds.FeedHead(scope.feed_id(ctx), scope.title, scope.description, page,
                             ctx.absolute(scope.path("rss")), ctx.absolute(scope.path("atom")),
                             author, updated)
    entries = [e.entry for e in encoded]
    json_head = jsonfeed.JsonHead(scope.title, scope.description, page,
                                  ctx.absolute(scope.path("json")), author, scope.kind, scope.key)
    return {"rss": xmlfeeds.rss_bytes(head, entries),
            "atom": xmlfeeds.atom_bytes(head, entries),
            "json": jsonfeed.feed_json(json_head, [e.json for e in encoded])}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
