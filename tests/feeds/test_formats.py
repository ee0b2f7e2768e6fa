"""Every feed read as a client reads it: feedparser, a JSON Schema of JSON Feed 1.1, icalendar."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import icalendar
import jsonschema
from lxml import etree

from generator.feeds.scopes import FILES

from .factory import LENINA, TRENCH, Build, Site, rich_images, rich_model

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text("utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"


def rich_site(build: Build) -> Site:
    images, files = rich_images()
    return build(rich_model(), images=images, files=files)


def test_index_lists_the_site_every_organization_and_every_settlement(build: Build) -> None:
    site = rich_site(build)
    index = site.index()
    assert index["version"] == 1
    keys = [(f["scope"], f["key"]) for f in index["feeds"]]
    assert keys == [
        ("all", "all"),
        ("organization", "tgk14-chita"),
        ("organization", "vks-verkhnyaya-salda"),
        ("settlement", "sverdlovskaia-oblast--nikitino"),
        ("settlement", "sverdlovskaia-oblast--verkhniaia-salda"),
        ("settlement", "zabaikalskii-krai--chita"),
    ]
    for entry in index["feeds"]:
        assert set(entry) == {"scope", "key", "title", *FILES}
        for fmt in FILES:
            assert not entry[fmt].startswith("/")
            assert (site.root / entry[fmt]).is_file(), entry[fmt]
    assert index["feeds"][2]["rss"] == "feeds/organizations/vks-verkhnyaya-salda/rss.xml"
    assert index["feeds"][4]["atom"] == (
        "feeds/places/sverdlovskaia-oblast--verkhniaia-salda/atom.xml")


def test_feedparser_reads_every_rss_and_atom_feed_without_error(build: Build) -> None:
    site = rich_site(build)
    for entry in site.index()["feeds"]:
        for fmt, version in (("rss", "rss20"), ("atom", "atom10")):
            parsed = feedparser.parse((site.root / entry[fmt]).read_bytes())
            assert parsed.bozo == 0, (entry[fmt], parsed.get("bozo_exception"))
            assert parsed.version == version
            assert parsed.feed.title == entry["title"]
            assert parsed.entries, entry[fmt]


def test_every_json_feed_is_valid_json_feed_1_1(build: Build) -> None:
    site = rich_site(build)
    for entry in site.index()["feeds"]:
        feed = json.loads((site.root / entry["json"]).read_text("utf-8"))
        jsonschema.validate(feed, SCHEMA)
        assert feed["feed_url"] == "https://notices.example/" + entry["json"]


def test_the_schema_rejects_what_json_feed_1_1_forbids() -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "t",
            "items": [{"id": "1", "content_text": "x", "date_published": "2026-11-23 09:40"}]}
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(feed))
    assert errors, "a date that is not RFC 3339 must be refused"
    no_content = {"version": "https://jsonfeed.org/version/1.1", "title": "t",
                  "items": [{"id": "1"}]}
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(no_content))


def test_icalendar_reads_every_calendar(build: Build) -> None:
    site = rich_site(build)
    for entry in site.index()["feeds"]:
        calendar = icalendar.Calendar.from_ical((site.root / entry["ics"]).read_bytes())
        assert calendar["VERSION"] == "2.0"
        assert calendar.get_missing_tzids() == set()


def test_rss_has_a_self_link_guids_that_are_not_permalinks_and_ttl(build: Build) -> None:
    site = rich_site(build)
    path = site.feed("organization", "vks-verkhnyaya-salda", "rss")
    channel = etree.parse(str(path)).getroot().find("channel")
    assert channel is not None
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == ("https://notices.example/feeds/organizations/"
                                     "vks-verkhnyaya-salda/rss.xml")
    assert channel.findtext("ttl") == "5"
    guids = channel.findall("item/guid")
    assert guids and all(g.get("isPermaLink") == "false" for g in guids)
    assert all(g.text and g.text.startswith("tag:notices.example,2026:") for g in guids)


def item_element(site: Site, fmt: str, index: int) -> etree._Element:
    root = etree.parse(str(site.feed("all", "all", fmt))).getroot()
    items = root.findall("channel/item") if fmt == "rss" else root.findall(f"{ATOM}entry")
    return items[index]


def lenina_publication_index(site: Site) -> int:
    ids = [i["id"] for i in site.json_feed()["items"]]
    return ids.index(f"tag:notices.example,2026:{LENINA.id}/0")


def test_rss_enclosure_is_the_notice_photo_with_its_real_length(build: Build) -> None:
    site = rich_site(build)
    item = item_element(site, "rss", lenina_publication_index(site))
    enclosure = item.find("enclosure")
    assert enclosure is not None
    photo_file = site.root / "media/photos/trench-1280.jpg"
    assert enclosure.get("url") == "https://notices.example/media/photos/trench-1280.jpg"
    assert enclosure.get("length") == str(photo_file.stat().st_size) == "54321"
    assert enclosure.get("type") == "image/jpeg"
    media = item.find(f"{MEDIA}content")
    assert media is not None and media.get("url") == enclosure.get("url")
    assert media.get("fileSize") == "54321" and media.get("medium") == "image"


def test_atom_enclosure_keeps_rel_length_and_type(build: Build) -> None:
    site = rich_site(build)
    entry = item_element(site, "atom", lenina_publication_index(site))
    links = entry.findall(f"{ATOM}link")
    enclosures = [link for link in links if link.get("rel") == "enclosure"]
    assert len(enclosures) == 1
    assert enclosures[0].get("href") == "https://notices.example/media/photos/trench-1280.jpg"
    assert enclosures[0].get("length") == "54321"
    assert enclosures[0].get("type") == "image/jpeg"
    alternates = [link for link in links if link.get("rel") in (None, "alternate")]
    assert [a.get("href") for a in alternates] == [
        f"https://notices.example/notices/{LENINA.id}/"]
    parsed = feedparser.parse(site.feed("all", "all", "atom").read_bytes())
    assert any(e.get("enclosures") for e in parsed.entries)


def test_no_file_says_length_none(build: Build) -> None:
    site = rich_site(build)
    for path in site.every_file():
        assert b'length="None"' not in path.read_bytes()
        assert b'length="0"' not in path.read_bytes()


def test_update_without_a_published_photo_gets_its_event_card(build: Build) -> None:
    site = rich_site(build)
    items = {i["id"]: i for i in site.json_feed()["items"]}
    update_1 = items[f"tag:notices.example,2026:{LENINA.id}/1"]  # its crew photo is unpublished
    images = rich_images()[0]
    assert update_1["image"] == "https://notices.example/" + images.event_cards[LENINA.id, 1].url
    assert update_1["image"] != "https://notices.example/" + images.cards[LENINA.id].url
    assert items[f"tag:notices.example,2026:{LENINA.id}/0"]["image"].endswith("trench-1280.jpg")
    assert TRENCH.source in rich_images()[0].photos


def test_without_any_image_there_is_no_enclosure(build: Build) -> None:
    site = build(rich_model())
    for fmt in ("rss", "atom"):
        data = site.feed("all", "all", fmt).read_bytes()
        assert b"enclosure" not in data and b"media:content" not in data
    assert all("image" not in i for i in site.json_feed()["items"])


def test_a_card_listed_but_missing_from_the_site_is_not_advertised(build: Build) -> None:
    images, files = rich_images()
    files = {url: data for url, data in files.items() if "cards" not in url}
    site = build(rich_model(), images=images, files=files)
    items = site.json_feed()["items"]
    assert [i for i in items if "image" in i] != []
    assert all("cards" not in i.get("image", "") for i in items)
