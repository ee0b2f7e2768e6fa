"""The image stage: every photo of every published notice, and preview cards.

Cards: one per current or recently ended notice as it stands at the build's
moment (the page's ``og:image``) and one per event a feed may list, as the
notice stood right after it: the image of that event's feed item, the same in
every build while the item is in a feed (``generator.retention`` says which).
Equal cards (an update that changed neither status nor times) are one file.

Sources are looked up in the cache by the hash of their bytes (cards: of their
text) and the settings; only misses are decoded and encoded, on a pool of
worker processes when there are several. Files are then copied from the cache
into ``<site>/media/photos/`` and ``<site>/media/cards/``. A photo that cannot
be published (the validator reports these first) stops the build with the
same diagnostic codes; it never reaches the site.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..context import BuildContext
from ..diagnostics import ContentInvalid, error
from ..model import Model, Photo
from ..retention import has_own_card, listable_events
from .cache import CachedFile, ImageCache, cache_key
from .cards import CardSpec, card_spec, encode_card, event_card_spec
from .check import location_problem
from .decode import Problem, decode_upright
from .encode import encode_photo
from .index import ImageIndex, PublishedPhoto, Variant
from .settings import PhotoSettings

PHOTO_DIR = "media/photos"
CARD_DIR = "media/cards"
#: Workers are started fresh (not forked), so a build run from a threaded
#: process (``notices serve``) cannot inherit a held lock.
START_METHOD = "forkserver"


@dataclass(frozen=True)
class PhotoJob:
    source: Path
    key: str  # of the source bytes as hashed before the build started encoding
    cache_dir: Path
    settings: PhotoSettings
    url_dir = PHOTO_DIR


@dataclass(frozen=True)
class CardJob:
    key: str  # of the card's text and the drawing settings: equal cards, one job
    spec: CardSpec
    cache_dir: Path
    url_dir = CARD_DIR


@dataclass(frozen=True)
class CardPlan:
    """Which card every notice and every feed event shows, by cache key."""

    current: dict[str, str]  # notice id → its card at the build's moment
    events: dict[tuple[str, int], str]  # (notice id, event index) → the event's card
    specs: dict[str, CardSpec]  # cache key → what to draw, each distinct card once

    def jobs(self, cache_dir: Path) -> list[CardJob]:
        return [CardJob(key, spec, cache_dir) for key, spec in self.specs.items()]


Job = PhotoJob | CardJob
JobResult = tuple[CachedFile, ...] | Problem


@dataclass(frozen=True)
class PublishReport:
    index: ImageIndex
    photos_encoded: int = 0
    photos_reused: int = 0
    cards_drawn: int = 0  # distinct card files: notice and event cards that are equal count once
    cards_reused: int = 0


def publish_images(ctx: BuildContext) -> ImageIndex:
    """Write every photo variant and card into ``ctx.site_dir/media/``; say where they are."""
    return publish(ctx).index


def publish(ctx: BuildContext, *, workers: int | None = None,
            settings: PhotoSettings | None = None) -> PublishReport:
    """:func:`publish_images`, saying also how much was encoded and how much reused."""
    root = ctx.model.content_root
    captions = photo_captions(ctx.model)
    _refuse(_located_problems(captions, root), root)
    cards = plan_cards(ctx)
    jobs: list[Job] = [*photo_jobs(captions, ctx.cache_dir, settings or PhotoSettings()),
                       *cards.jobs(ctx.cache_dir)]
    shelf = _Shelf(ImageCache(ctx.cache_dir), ctx.site_dir)
    done = {job: shelf.reuse(job) for job in jobs}
    missing = [job for job, variants in done.items() if variants is None]
    results = run_jobs(missing, workers or available_cpus())
    _refuse({job.source: result for job, result in zip(missing, results, strict=True)
             if isinstance(job, PhotoJob) and isinstance(result, Problem)}, root)
    for job, result in zip(missing, results, strict=True):
        assert not isinstance(result, Problem)
        done[job] = shelf.publish(job, result)
    shelf.cache.prune(shelf.used)
    return _report(captions, cards, done, missing)


def photo_jobs(captions: dict[Path, str | None], cache_dir: Path,
               settings: PhotoSettings) -> list[PhotoJob]:
    return [PhotoJob(s, photo_key(s, settings), cache_dir, settings) for s in captions]


def plan_cards(ctx: BuildContext) -> CardPlan:
    """The cards this build publishes (``generator.retention``): the card at ``ctx.now`` of
    every notice that has one, and the card of every event a feed may list."""
    title = ctx.config.title
    specs: dict[str, CardSpec] = {}

    def key_of(spec: CardSpec) -> str:
        key = cache_key(spec.fingerprint())
        specs.setdefault(key, spec)
        return key

    current = {n.id: key_of(card_spec(n, ctx.now, title)) for n in ctx.model.published
               if has_own_card(n, ctx.now)}
    events = {(e.notice.id, e.index): key_of(event_card_spec(e, title))
              for e in listable_events(ctx.model, ctx.now)}
    return CardPlan(current, events, specs)


def photo_captions(model: Model) -> dict[Path, str | None]:
    """Every photo of every published notice and update, once, with its first caption."""
    captions: dict[Path, str | None] = {}
    for photo in _photos(model):
        if captions.get(photo.source) is None:
            captions[photo.source] = photo.caption
    return captions


def _photos(model: Model) -> Iterator[Photo]:
    for notice in model.published:
        yield from notice.photos
        for update in notice.updates:
            yield from update.photos


def photo_key(source: Path, settings: PhotoSettings) -> str:
    with source.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return cache_key(settings.fingerprint(), digest)


def run_jobs(jobs: Sequence[Job], workers: int) -> list[JobResult]:
    """Run every job, in worker processes when that can help; results in job order."""
    if workers <= 1 or len(jobs) < 2:
        return [run_job(job) for job in jobs]
    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        return list(pool.map(run_job, jobs))


def run_job(job: Job) -> JobResult:
    """Encode one photo or draw one card into the cache (runs in a worker process)."""
    cache = ImageCache(job.cache_dir)
    if isinstance(job, CardJob):
        return cache.store(job.key, [encode_card(job.spec)])
    data = job.source.read_bytes()
    image = decode_upright(data, min_width=max(job.settings.widths))
    if isinstance(image, Problem):
        return image
    key = cache_key(job.settings.fingerprint(), hashlib.sha256(data).hexdigest())
    return cache.store(key, encode_photo(image, job.settings))


def available_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _located_problems(captions: dict[Path, str | None], content_root: Path) -> dict[Path, Problem]:
    """Photos missing, outside content/ or not files (the validator reports these first)."""
    problems = {s: location_problem(s, content_root) for s in captions}
    return {s: p for s, p in problems.items() if p is not None}


def _refuse(problems: dict[Path, Problem], content_root: Path) -> None:
    if not problems:
        return
    diagnostics = []
    for source, problem in sorted(problems.items()):
        shown = source.relative_to(content_root) if source.is_relative_to(content_root) else source
        diagnostics.append(error(shown, 1, 1, problem.code, problem.message, problem.hint))
    raise ContentInvalid(diagnostics)


class _Shelf:
    """Puts encoded files from the cache into the site."""

    def __init__(self, cache: ImageCache, site_dir: Path) -> None:
        self.cache = cache
        self.site_dir = site_dir
        self.used: dict[str, tuple[CachedFile, ...]] = {}  # cache key → files, this build
        self._made: set[Path] = set()

    def reuse(self, job: Job) -> tuple[Variant, ...] | None:
        """The job's files, copied from the cache; ``None`` when it has to run."""
        files = self.cache.lookup(job.key)
        variants = None if files is None else self._copy(files, job.url_dir)
        if files is not None and variants is not None:
            self.used[job.key] = files
        return variants

    def publish(self, job: Job, files: tuple[CachedFile, ...]) -> tuple[Variant, ...]:
        self.used[job.key] = files
        variants = self._copy(files, job.url_dir)
        if variants is None:
            raise RuntimeError(f"cache files of {job.key} vanished right after being written")
        return variants

    def _copy(self, files: tuple[CachedFile, ...], url_dir: str) -> tuple[Variant, ...] | None:
        variants = []
        for cached in files:
            url = f"{url_dir}/{cached.name}"
            target = self.site_dir / url
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            if not self.cache.place(cached, target):
                return None
            variants.append(Variant(url, cached.width, cached.height, cached.mime, cached.length))
        return tuple(variants)


def _report(captions: dict[Path, str | None], plan: CardPlan,
            done: dict[Job, tuple[Variant, ...] | None], ran: list[Job]) -> PublishReport:
    photos: dict[Path, PublishedPhoto] = {}
    card_files: dict[str, Variant] = {}  # by cache key
    for job, variants in done.items():
        assert variants is not None, "every job was either reused or run"
        if isinstance(job, PhotoJob):
            photos[job.source] = PublishedPhoto(job.source, captions[job.source], variants)
        else:
            card_files[job.key] = variants[0]
    cards = {notice_id: card_files[key] for notice_id, key in plan.current.items()}
    event_cards = {event: card_files[key] for event, key in plan.events.items()}
    encoded = sum(isinstance(job, PhotoJob) for job in ran)
    drawn = len(ran) - encoded
    return PublishReport(ImageIndex(photos, cards, event_cards), encoded,
                         len(photos) - encoded, drawn, len(card_files) - drawn)
