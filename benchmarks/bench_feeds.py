"""Benchmark: writing every feed of synthetic regions of growing size.

    python benchmarks/bench_feeds.py [--sizes 1000,2500,5000,10000] [--organizations 40]

For each size: writes the synthetic region (benchmarks/synthetic.py), validates
it into a Model, gives every notice a preview card file, then times
``generator.feeds.write_feeds`` alone (wall clock, and CPU of this process and
its worker processes) and prints a Markdown table: feeds, files, items written,
total and largest file size. The model's own indexes (``Model.notices_in``),
built once per build by whichever stage asks first, are timed apart. Then the
feeds are written again into a new folder with the cache the first run left
(calendar events and rendered texts: a warm build).
Target (issue 4): 10,000 notices in under 10 s on 2 cores; every file under 250 KB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REFERENCE_NOW, generate

from generator.context import BuildContext
from generator.feeds import write_feeds
from generator.feeds.text import markdown_html
from generator.images import ImageIndex, Variant
from generator.model import Model, SiteConfig
from generator.retention import MAX_FILE_BYTES
from generator.validate import validate

CONFIG = SiteConfig(base_url="https://notices.example/", tag_authority="notices.example")
CARD = b"\x89PNG\r\n\x1a\n" + bytes(24_000)


def region(folder: Path, organizations: int, notices: int, now: datetime) -> Model:
    content = folder / "content"
    generate(content, organizations, notices, seed=1, now=now)
    checked = validate(content, now, CONFIG)
    if checked.model is None:
        raise SystemExit(f"the synthetic region does not validate: {checked.diagnostics[:3]}")
    return checked.model


def cards(model: Model, site: Path) -> ImageIndex:
    """A card file per notice and per event, as the images stage would publish them."""
    index: dict[str, Variant] = {}
    events: dict[tuple[str, int], Variant] = {}
    (site / "media/cards").mkdir(parents=True, exist_ok=True)
    for number, notice in enumerate(model.published):
        url = f"media/cards/{number:05d}.png"
        (site / url).write_bytes(CARD)
        index[notice.id] = Variant(url, 1200, 630, "image/png", len(CARD))
        for event in notice.events():
            event_url = f"media/cards/{number:05d}-{event.index}.png"
            (site / event_url).write_bytes(CARD)
            events[(notice.id, event.index)] = Variant(event_url, 1200, 630, "image/png",
                                                       len(CARD))
    return ImageIndex(cards=index, event_cards=events)


def measure(model: Model, folder: Path, now: datetime) -> dict[str, float]:
    site = folder / "site"
    images = cards(model, site)
    ctx = BuildContext(model=model, now=now, config=CONFIG, site_dir=site,
                       work_dir=folder / "work", cache_dir=folder / "cache", mkdocs_config=None)
    started = time.perf_counter()
    for place in model.places:  # the model's own indexes, built once per build by whoever
        model.notices_in(place)  # asks first (the site stage does, before the feeds)
    model.notices_of(model.organizations[0])
    indexes = time.perf_counter() - started
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    write_feeds(ctx, images)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    # Again into a new folder (its own card files) with the cache the first run left, as CI
    # between commits; the in-process memo of rendered texts is emptied first.
    again = BuildContext(model=model, now=now, config=CONFIG, site_dir=folder / "again",
                         work_dir=folder / "work", cache_dir=folder / "cache",
                         mkdocs_config=None)
    again_images = cards(model, folder / "again")
    markdown_html.cache_clear()
    started = time.perf_counter()
    write_feeds(again, again_images)
    warm = time.perf_counter() - started
    files = [p for p in (site / "feeds").rglob("*") if p.is_file()]
    sizes = [p.stat().st_size for p in files]
    items = sum(p.read_text("utf-8").count("<item>") for p in files if p.name == "rss.xml")
    return {"seconds": seconds, "cpu": cpu, "warm": warm, "indexes": indexes,
            "files": len(files), "items": items,
            "feeds": sum(1 for p in files if p.name == "rss.xml"),
            "total_mb": sum(sizes) / 1e6, "largest_kb": max(sizes) / 1e3,
            "over": sum(1 for s in sizes if s >= MAX_FILE_BYTES)}


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the feed workers)."""
    own, children = (resource.getrusage(who)
                     for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--organizations", type=int, default=40)
    args = parser.parse_args()
    now = REFERENCE_NOW
    print("| notices | feeds | files | RSS items | model indexes s | write_feeds s | CPU s | "
          "warm write_feeds s | total MB | largest KB | files ≥ 250 KB | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            model = region(folder, args.organizations, size, now)
            m = measure(model, folder, now)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"| {size} | {m['feeds']:.0f} | {m['files']:.0f} | {m['items']:.0f} | "
                  f"{m['indexes']:.2f} | {m['seconds']:.2f} | {m['cpu']:.2f} | "
                  f"{m['warm']:.2f} | "
                  f"{m['total_mb']:.1f} | {m['largest_kb']:.0f} | "
                  f"{m['over']:.0f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
