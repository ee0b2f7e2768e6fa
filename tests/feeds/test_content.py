"""The feeds of the embedded demo content, with its photos and cards published for real."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest
from lxml import etree

from generator.context import BuildContext
from generator.feeds import write_feeds
from generator.images import ImageIndex, publish_images
from generator.model import SiteConfig
from generator.validate import validate

CONTENT = Path(__file__).resolve().parents[2] / "content"
SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text("utf-8"))
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))
CONFIG = SiteConfig(base_url="https://notices.example/", tag_authority="notices.example")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImageIndex]:
    if not (CONTENT / "notices").is_dir():
        pytest.skip("no embedded content")
    checked = validate(CONTENT, NOW, CONFIG)
    assert checked.model is not None, [str(d) for d in checked.diagnostics]
    folder = tmp_path_factory.mktemp("demo")
    ctx = BuildContext(model=checked.model, now=NOW, config=CONFIG, site_dir=folder / "site",
                       work_dir=folder / "work", cache_dir=folder / "cache", mkdocs_config=None)
    (folder / "site").mkdir()
    images = publish_images(ctx)
    write_feeds(ctx, images)
    return folder / "site", images


def test_demo_feeds_parse_and_validate(demo_site: tuple[Path, ImageIndex]) -> None:
    site, _ = demo_site
    index = json.loads((site / "feeds/index.json").read_text("utf-8"))
    assert len(index["feeds"]) > 5
    for entry in index["feeds"]:
        for fmt in ("rss", "atom"):
            parsed = feedparser.parse((site / entry[fmt]).read_bytes())
            assert parsed.bozo == 0, (entry[fmt], parsed.get("bozo_exception"))
        jsonschema.validate(json.loads((site / entry["json"]).read_text("utf-8")), SCHEMA)
        icalendar.Calendar.from_ical((site / entry["ics"]).read_bytes())
        for fmt in ("rss", "atom", "json", "ics"):
            assert (site / entry[fmt]).stat().st_size < 250_000


def test_demo_enclosures_point_at_published_files_of_their_real_size(
        demo_site: tuple[Path, ImageIndex]) -> None:
    site, images = demo_site
    root = etree.parse(str(site / "feeds/all/rss.xml")).getroot()
    enclosures = root.findall("channel/item/enclosure")
    if not images.photos and not images.cards:
        pytest.skip("the images stage published nothing")
    assert enclosures
    for enclosure in enclosures:
        url = enclosure.get("url", "")
        assert url.startswith("https://notices.example/")
        published = site / url.removeprefix("https://notices.example/")
        assert enclosure.get("length") == str(published.stat().st_size)
        assert enclosure.get("type") in ("image/jpeg", "image/png", "image/webp")
