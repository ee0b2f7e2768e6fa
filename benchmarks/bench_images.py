"""Benchmark of the image stage: N phone photos of 12 megapixels, cold and warm cache.

Generates the photos once into ``--workdir`` (4000×3000 JPEGs of about 4 MB,
every fourth stored sideways with EXIF orientation 6, all with GPS), builds a
model of notices holding five photos each, and times:

* ``check_image`` on every photo (what the validator spends),
* a cold build of the image stage (empty cache) on the worker pool,
* a cold build in one process (``--serial``), to show what the pool brings,
* a warm build (everything cached),
* a warm build after 10 new photos were added (only those are encoded).

Run from the repository root::

    .venv/bin/python benchmarks/bench_images.py              # 500 photos
    .venv/bin/python benchmarks/bench_images.py --count 40   # a quick run
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageChops

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.context import BuildContext
from generator.images import check_image
from generator.images import publish as publish_module
from generator.images.publish import PublishReport, publish
from generator.model import (
    Area,
    Contacts,
    Model,
    Notice,
    Organization,
    Photo,
    Place,
    SiteConfig,
)

SIZE = (4000, 3000)
TZ = ZoneInfo("Asia/Yekaterinburg")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=TZ)
PHOTOS_PER_NOTICE = 5
NEW_PHOTOS = 10
BASES = 4


@dataclass(frozen=True)
class Row:
    phase: str
    seconds: float
    photos_encoded: int
    cards_drawn: int
    note: str = ""


def main() -> None:
    args = _arguments()
    publish_module.START_METHOD = args.start_method
    workdir = args.workdir.resolve()
    content = workdir / "content"
    started = time.perf_counter()
    sources = make_photos(content / "notices" / "photos", args.count + NEW_PHOTOS, args.workers)
    print(f"photos ready in {time.perf_counter() - started:.1f} s "
          f"({sum(p.stat().st_size for p in sources) / 2**20:.0f} MB)", file=sys.stderr)
    base, extra = sources[: args.count], sources[args.count:]
    rows = [_time_checks(base, content)]
    if args.serial:
        rows.append(_time_build("cold, 1 process", content, base, workdir / "serial", 1))
    rows.append(_time_build(f"cold, pool of {args.workers}", content, base, workdir / "main",
                            args.workers))
    rows.append(_time_build("warm", content, base, workdir / "main", args.workers))
    rows.append(_time_build(f"warm + {NEW_PHOTOS} new photos", content, base + extra,
                            workdir / "main", args.workers))
    report = render(rows, args)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=500, help="photos (default 500)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-images"))
    parser.add_argument("--serial", action="store_true", help="also time a 1-process cold build")
    parser.add_argument("--start-method", default=publish_module.START_METHOD,
                        choices=["fork", "forkserver", "spawn"])
    parser.add_argument("--write", type=Path, help="also write the Markdown report here")
    return parser.parse_args()


def make_photos(folder: Path, count: int, workers: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo-{i:04d}.jpg" for i in range(count)]
    missing = [i for i, p in enumerate(paths) if not p.exists()]
    if missing:
        with multiprocessing.get_context("forkserver").Pool(workers) as pool:
            pool.starmap(_write_photo, [(paths[i], i) for i in missing], chunksize=4)
    return paths


_bases: dict[int, Image.Image] = {}


def _write_photo(path: Path, n: int) -> None:
    """A photo-like 12 MP picture: coarse colour blobs plus sensor-like grain, shifted per
    photo so that every file differs; GPS and a camera serial in EXIF like a phone's."""
    base = _bases.get(n % BASES) or _bases.setdefault(n % BASES, _base_picture())
    picture = ImageChops.offset(base, (n * 97) % SIZE[0], (n * 61) % SIZE[1])
    exif = Image.Exif()
    exif[0x0112] = 6 if n % 4 == 0 else 1
    exif.get_ifd(0x8769)[0xA431] = f"SERIAL-{n:06d}"
    exif.get_ifd(0x8825).update({1: "N", 2: (57.0, 38.0, float(n % 60)), 3: "E",
                                 4: (60.0, 11.0, 3.0)})
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif)
    path.write_bytes(buffer.getvalue())


def _base_picture() -> Image.Image:
    """Large soft shapes, finer detail and sensor grain: about 4 MB as a 12 MP JPEG."""
    width, height = SIZE

    def channel(coarse: int) -> Image.Image:
        shapes = Image.effect_noise((width // coarse, height // coarse), 80)
        detail = Image.effect_noise((width // 3, height // 3), 18)
        grain = Image.effect_noise(SIZE, 4)
        picture = ImageChops.add(shapes.resize(SIZE, Image.Resampling.BICUBIC),
                                 detail.resize(SIZE, Image.Resampling.BILINEAR), offset=-128)
        return ImageChops.add(picture, grain, offset=-128)

    return Image.merge("RGB", (channel(24), channel(32), channel(16)))


def model_of(content: Path, sources: list[Path]) -> Model:
    org = Organization(
        id="bench", name="МУП «ВКС»", region="Свердловская область",
        timezone="Asia/Yekaterinburg", services=("cold_water",), settlements=("Верхняя Салда",),
        contacts=Contacts("+7 000"), maintainers=("x",), source=content / "org.yml")
    place = Place(org.region, "Верхняя Салда", org.timezone)
    notices = []
    for n in range(0, len(sources), PHOTOS_PER_NOTICE):
        day = date(2026, 1, 1).toordinal() + n // PHOTOS_PER_NOTICE
        published = datetime.combine(date.fromordinal(day), datetime.min.time(), TZ)
        photos = tuple(Photo(p, p.name, f"Снимок {p.stem}")
                       for p in sources[n:n + PHOTOS_PER_NOTICE])
        notices.append(Notice(
            id=f"bench/{published:%Y}/{published:%Y-%m-%d}-n{n:04d}", organization=org,
            title=f"Уведомление {n}", type="emergency", services=("cold_water",),
            published=published, source=content / f"n{n}.md", start=published,
            areas=(Area(place),), photos=photos))
    return Model((org,), tuple(notices), content)


def _time_checks(sources: list[Path], content: Path) -> Row:
    started = time.perf_counter()
    problems = [p for p in sources if check_image(p, content) is not None]
    assert not problems, problems[:3]
    return Row("check_image (validator), 1 process", time.perf_counter() - started, 0, 0)


def _time_build(phase: str, content: Path, sources: list[Path], root: Path,
                workers: int) -> Row:
    cache = root / "cache"
    if phase.startswith("cold"):
        shutil.rmtree(cache, ignore_errors=True)
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    ctx = BuildContext(model=model_of(content, sources), now=NOW, config=SiteConfig(),
                       site_dir=site, work_dir=root, cache_dir=cache, mkdocs_config=None)
    report, seconds = _timed(lambda: publish(ctx, workers=workers))
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
    return Row(phase, seconds, report.photos_encoded, report.cards_drawn,
               f"{len(sources)} photos, {len(ctx.model.published)} cards, {size:.0f} MB out")


def _timed(run: Callable[[], PublishReport]) -> tuple[PublishReport, float]:
    started = time.perf_counter()
    report = run()
    return report, time.perf_counter() - started


def render(rows: list[Row], args: argparse.Namespace) -> str:
    lines = [
        "# Image stage benchmark",
        "",
        f"Date: {date.today().isoformat()}. Machine: {_cpu_model()}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}, Pillow {Image.__version__}.",
        f"Command: `.venv/bin/python benchmarks/bench_images.py --count {args.count} "
        f"--workers {args.workers}{' --serial' if args.serial else ''}` "
        f"(pool start method: {args.start_method}).",
        f"Input: {args.count} JPEGs of 4000×3000 (12 MP, ~4 MB each); output per photo: "
        "480 and 1280 px wide, JPEG and WebP; one 1200×630 PNG card per "
        f"{PHOTOS_PER_NOTICE} photos.",
        "",
        "| phase | seconds | photos encoded | cards drawn | ms per photo | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        per = row.seconds / args.count * 1000
        lines.append(f"| {row.phase} | {row.seconds:.2f} | {row.photos_encoded} | "
                     f"{row.cards_drawn} | {per:.1f} | {row.note} |")
    return "\n".join(lines) + "\n"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
