"""The image stage: every photo of every published notice and a card per notice.

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
from .cache import CachedFile, ImageCache, cache_key
from .cards import CardSpec, card_spec, encode_card
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
    cache_dir: Path
    settings: PhotoSettings


@dataclass(frozen=True)
class CardJob:
    notice_id: str
    key: str
    spec: CardSpec
    cache_dir: Path


Job = PhotoJob | CardJob
JobResult = tuple[CachedFile, ...] | Problem


@dataclass(frozen=True)
class PublishReport:
    index: ImageIndex
    photos_encoded: int = 0
    photos_reused: int = 0
    cards_drawn: int = 0
    cards_reused: int = 0


def publish_images(ctx: BuildContext) -> ImageIndex:
    """Write every photo variant and card into ``ctx.site_dir/media/``; say where they are."""
    return publish(ctx).index


def publish(ctx: BuildContext, *, workers: int | None = None,
            settings: PhotoSettings | None = None) -> PublishReport:
    settings = settings or PhotoSettings()
    cache = ImageCache(ctx.cache_dir)
    captions = photo_captions(ctx.model)
    _refuse(_located_problems(captions, ctx.model.content_root), ctx.model.content_root)
    photo_keys = {source: photo_key(source, settings) for source in captions}
    cards = {n.id: card_spec(n, ctx.now, ctx.config.title) for n in ctx.model.published}
    card_keys = {notice_id: cache_key(spec.fingerprint()) for notice_id, spec in cards.items()}

    photo_dir, card_dir = ctx.site_dir / PHOTO_DIR, ctx.site_dir / CARD_DIR
    photo_dir.mkdir(parents=True, exist_ok=True)
    card_dir.mkdir(parents=True, exist_ok=True)
    photos = {s: _copy(cache, k, photo_dir, PHOTO_DIR) for s, k in photo_keys.items()}
    card_files = {n: _copy(cache, k, card_dir, CARD_DIR) for n, k in card_keys.items()}

    jobs: list[Job] = [PhotoJob(s, ctx.cache_dir, settings) for s, v in photos.items() if v is None]
    jobs += [CardJob(n, card_keys[n], cards[n], ctx.cache_dir)
             for n, v in card_files.items() if v is None]
    results = run_jobs(jobs, workers or available_cpus())
    _refuse({job.source: result for job, result in zip(jobs, results, strict=True)
             if isinstance(job, PhotoJob) and isinstance(result, Problem)},
            ctx.model.content_root)
    for job, result in zip(jobs, results, strict=True):
        assert not isinstance(result, Problem)
        if isinstance(job, PhotoJob):
            photos[job.source] = _write(cache, result, photo_dir, PHOTO_DIR)
        else:
            card_files[job.notice_id] = _write(cache, result, card_dir, CARD_DIR)

    index = ImageIndex(
        photos={s: PublishedPhoto(s, captions[s], _present(v)) for s, v in photos.items()},
        cards={n: _present(v)[0] for n, v in card_files.items()},
    )
    encoded = sum(isinstance(j, PhotoJob) for j in jobs)
    drawn = len(jobs) - encoded
    return PublishReport(index, encoded, len(photos) - encoded, drawn, len(card_files) - drawn)


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


def _copy(cache: ImageCache, key: str, dest: Path, url_dir: str) -> tuple[Variant, ...] | None:
    """The cached files of ``key`` written into ``dest``; ``None`` on a miss."""
    files = cache.lookup(key)
    return None if files is None else _write(cache, files, dest, url_dir, strict=False)


def _write(cache: ImageCache, files: tuple[CachedFile, ...], dest: Path, url_dir: str,
           *, strict: bool = True) -> tuple[Variant, ...] | None:
    variants = []
    for cached in files:
        data = cache.read(cached)
        if data is None:
            if strict:
                raise RuntimeError(f"cache file {cached.name} vanished right after it was written")
            return None
        (dest / cached.name).write_bytes(data)
        variants.append(Variant(f"{url_dir}/{cached.name}", cached.width, cached.height,
                                cached.mime, cached.length))
    return tuple(variants)


def _present(variants: tuple[Variant, ...] | None) -> tuple[Variant, ...]:
    assert variants is not None, "every source was either copied from the cache or encoded"
    return variants
