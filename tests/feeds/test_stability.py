"""What bridges rely on between builds: same bytes, same ids, nothing early, no drafts."""

from __future__ import annotations

import dataclasses
import json
import locale
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import feedgen.entry
import feedgen.feed
import feedparser
import pytest
from lxml import etree

import generator.feeds.ical
import generator.feeds.items
import generator.feeds.xmlfeeds
from generator.model import Model

from .factory import (
    BASE_URL,
    CONFIG,
    DRAFT,
    LATE,
    LATER,
    LENINA,
    MIRA,
    NOW,
    Build,
    Site,
    local,
    rich_images,
    rich_model,
    rich_model_with_photos,
)

TAG = "tag:notices.example,2026:"
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"


def parse(path: Path) -> Any:
    return feedparser.parse(path.read_bytes())


def files_of(site: Site) -> dict[str, bytes]:
    return {str(p.relative_to(site.root)): p.read_bytes()
            for p in sorted((site.root / "feeds").rglob("*")) if p.is_file()}


def test_same_content_and_now_give_byte_identical_files(build: Build) -> None:
    images, files = rich_images()
    first = files_of(build(rich_model(), images=images, files=files))
    second = files_of(build(rich_model(), images=images, files=files))
    assert len(first) == 6 * 4 + 1
    assert first == second


class _PassesForDatetime(type):
    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, datetime)


class FarFuture(datetime, metaclass=_PassesForDatetime):
    """``datetime`` whose clock reads 2099: a default taken from the clock would show."""

    @classmethod
    def now(cls, tz: Any = None) -> FarFuture:  # type: ignore[override]
        return cls(2099, 1, 2, 3, 4, 5, tzinfo=tz)


def test_no_date_comes_from_the_clock(build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    before = files_of(build(rich_model()))
    monkeypatch.setattr(feedgen.feed, "datetime", FarFuture)
    monkeypatch.setattr(feedgen.entry, "datetime", FarFuture)
    after = files_of(build(rich_model()))
    assert after == before
    assert not any(b"2099" in data for data in after.values())


def test_feed_dates_come_from_the_newest_item(build: Build) -> None:
    site = build(rich_model())
    rss = site.feed("all", "all", "rss").read_text("utf-8")
    atom = site.feed("all", "all", "atom").read_text("utf-8")
    assert "<lastBuildDate>Mon, 23 Nov 2026 06:20:00 GMT</lastBuildDate>" in rss
    assert "<updated>2026-11-23T06:20:00+00:00</updated>" in atom.split("<entry>")[0]


def test_no_process_wide_locale_change(build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []

    def record(*args: object) -> str:
        calls.append(args)
        return "C"

    monkeypatch.setattr(locale, "setlocale", record)
    build(rich_model())
    assert calls == []


def item_images(site: Site, entry: dict[str, str]) -> dict[str, tuple[str | None, ...]]:
    """Each item's image as each format gives it, by item id: JSON Feed ``image``,
    RSS ``enclosure@url`` and ``media:content@url``, Atom ``link[@rel=enclosure]@href``."""
    found: dict[str, list[str | None]] = {}
    for item in json.loads((site.root / entry["json"]).read_text("utf-8"))["items"]:
        found[item["id"]] = [item.get("image")]
    for item in etree.parse(str(site.root / entry["rss"])).getroot().iter("item"):
        enclosure, media = item.find("enclosure"), item.find(f"{MEDIA}content")
        found[item.findtext("guid", "")] += [None if enclosure is None else enclosure.get("url"),
                                             None if media is None else media.get("url")]
    for item in etree.parse(str(site.root / entry["atom"])).getroot().iter(f"{ATOM}entry"):
        links = item.findall(f"{ATOM}link[@rel='enclosure']")
        found[item.findtext(f"{ATOM}id", "")].append(links[0].get("href") if links else None)
    return {item_id: tuple(urls) for item_id, urls in found.items()}


def test_build_at_two_moments_keeps_every_item_and_adds_the_resolution(
        build: Build, tmp_path: Path) -> None:
    """Photos and cards are published for real by the image stage in both builds; MIRA is
    resolved in between, so its status at the build's moment differs."""
    early = build(rich_model_with_photos(tmp_path / "content", MIRA), now=NOW, publish=True)
    late = build(rich_model_with_photos(tmp_path / "content", MIRA), now=LATER, publish=True)
    for entry in early.index()["feeds"]:
        for fmt, dates in (("rss", ("published",)), ("atom", ("published", "updated"))):
            first = {e.id: e for e in parse(early.root / entry[fmt]).entries}
            second = {e.id: e for e in parse(late.root / entry[fmt]).entries}
            for item_id, item in first.items():
                assert item_id in second, (entry[fmt], item_id)
                assert second[item_id].link == item.link
                for field in dates:
                    assert second[item_id][field] == item[field]
                assert second[item_id].title == item.title
        first_images, second_images = item_images(early, entry), item_images(late, entry)
        for item_id, urls in first_images.items():
            assert second_images[item_id] == urls, (entry["json"], item_id)
    first_json = {i["id"]: i for i in early.json_feed()["items"]}
    second_json = {i["id"]: i for i in late.json_feed()["items"]}
    for item_id, item in first_json.items():
        assert {k: second_json[item_id].get(k) for k in ("url", "date_published", "image")} == {
            k: item.get(k) for k in ("url", "date_published", "image")}
        url = item["image"].removeprefix(BASE_URL)
        assert (early.root / url).read_bytes() == (late.root / url).read_bytes(), item_id
    resolution = second_json[f"{TAG}{LENINA.id}/3"]
    assert f"{TAG}{LENINA.id}/3" not in first_json
    assert resolution["title"].startswith("Устранено: ")
    assert resolution["url"].endswith("#update-3")
    assert list(second_json).index(resolution["id"]) < list(second_json).index(
        f"{TAG}{LENINA.id}/0")
    kinds = {i["image"].removeprefix(BASE_URL).split("/")[1] for i in first_json.values()}
    assert kinds == {"photos", "cards"}  # items with photos and items with cards were compared
    published, resolved = (second_json[f"{TAG}{MIRA.id}/{n}"] for n in (0, 1))
    assert (published["_rso"]["status"], resolved["_rso"]["status"]) == ("active", "resolved")
    assert published["image"] != resolved["image"]  # each event shows its own status


def test_nothing_dated_after_now_is_in_any_feed(build: Build) -> None:
    site = build(rich_model(), now=NOW)
    for entry in site.index()["feeds"]:
        feed = (site.root / entry["json"]).read_text("utf-8")
        assert LATE.id not in feed
        assert f"{LENINA.id}/2" not in feed and f"{LENINA.id}/3" not in feed
        dates = [e.published_parsed for e in
                 feedparser.parse((site.root / entry["rss"]).read_bytes()).entries]
        assert all(tuple(d[:6]) <= (2026, 11, 23, 7, 0, 0) for d in dates), entry["rss"]
        calendar = (site.root / entry["ics"]).read_text("utf-8")
        assert "budushchee" not in calendar
    assert LATE.id in build(rich_model(), now=LATER).feed("all", "all", "json").read_text("utf-8")


def test_an_event_exactly_at_now_is_in(build: Build) -> None:
    site = build(rich_model(), now=local("2026-11-23 11:20"))
    assert f"{LENINA.id}/1" in site.feed("all", "all", "json").read_text("utf-8")


def test_drafts_appear_in_no_feed(build: Build) -> None:
    site = build(rich_model(), now=LATER)
    for path in site.every_file():
        assert DRAFT.id not in path.read_text("utf-8") and "Черновик" not in path.read_text("utf-8")


def test_newest_first_with_ties_broken_by_notice_id_then_index(build: Build) -> None:
    site = build(rich_model(), now=LATER)
    items = site.json_feed()["items"]
    keys = [(i["date_published"], i["_rso"]["notice_id"], i["_rso"]["event"]) for i in items]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
    assert len(set(keys)) == len(keys)


def test_files_do_not_depend_on_how_many_processes_wrote_them(build: Build) -> None:
    images, files = rich_images()
    alone = files_of(build(rich_model(), images=images, files=files, workers=1))
    shared = files_of(build(rich_model(), images=images, files=files, workers=2))
    assert shared == alone


def test_a_build_reuses_the_texts_and_events_the_last_one_encoded(
        build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    images, files = rich_images()
    cache = tmp_path / "kept"
    first = files_of(build(rich_model(), images=images, files=files, workers=2, cache=cache))
    assert sorted(p.name for p in (cache / "feeds").iterdir()) == [
        "calendar-events.json", "files", "item-texts.json"]

    def not_needed(*args: object) -> None:
        raise AssertionError("made again although the cache holds it")

    monkeypatch.setattr(generator.feeds.ical, "event_of", not_needed)
    monkeypatch.setattr(generator.feeds.items, "markdown_html", not_needed)
    # Both processes of the first build handed in what they encoded. (Without the feed
    # files, which would spare the items altogether.)
    shutil.rmtree(cache / "feeds" / "files")
    assert files_of(build(rich_model(), images=images, files=files, cache=cache)) == first
    monkeypatch.undo()
    moved = build(rich_model(), now=LATER, images=images, files=files, cache=cache)
    assert files_of(moved) == files_of(build(rich_model(), now=LATER, images=images,
                                             files=files))  # a fresh cache: same files


def test_entries_built_once_for_many_feeds_give_feedgens_own_bytes(
        build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    """An item's elements are built once and copied into every feed that lists it
    (``xmlfeeds.SharedEntry``): the files are those feedgen writes building them each time."""
    images, files = rich_images()
    shared = build(rich_model(), images=images, files=files)
    monkeypatch.setattr(generator.feeds.xmlfeeds, "SharedEntry", feedgen.entry.FeedEntry)
    plain = build(rich_model(), images=images, files=files)
    pairs = [(a, plain.root / a.relative_to(shared.root)) for a in shared.every_file()]
    assert sum(a.read_bytes().count(b"<enclosure") for a, _ in pairs if a.name == "rss.xml") > 3
    assert all(a.read_bytes() == b.read_bytes() for a, b in pairs)


def test_each_feed_gets_its_own_copy_of_a_shared_entry() -> None:
    from generator.feeds.xmlfeeds import SharedEntry

    entry = SharedEntry()
    entry.id("tag:notices.example,2026:n/0")
    entry.title("Авария")
    entry.content("Нет воды.", type="text")
    entry.updated(NOW)
    first, second = entry.atom_entry(), entry.atom_entry()
    assert first is not second
    assert etree.tostring(first) == etree.tostring(second)
    first.find("title").text = "changed in one feed"  # feedgen: no namespace until in a feed
    assert b"changed" not in etree.tostring(entry.atom_entry())


def _changed(m: Model, notice_id: str, **changes: Any) -> Model:
    return dataclasses.replace(m, notices=tuple(
        dataclasses.replace(n, **changes) if n.id == notice_id else n for n in m.notices))


def test_feed_files_from_the_cache_are_those_a_fresh_build_writes(build: Build,
                                                                  tmp_path: Path) -> None:
    """Feeds whose inputs did not change come whole from the cache; after each change
    below, the files equal those of a build with an empty cache."""
    images, files = rich_images()
    cache = tmp_path / "kept"
    base = rich_model()
    lenina = next(n for n in base.notices if n.id.endswith("lenina-kholodnaya-voda"))
    steps: list[tuple[str, Model, datetime, str]] = [
        ("as it was", base, NOW, BASE_URL),
        ("a title", _changed(base, lenina.id, title="Нет холодной воды: ул. Ленина"), NOW,
         BASE_URL),
        ("a body", _changed(base, lenina.id, body="Бригада на месте."), NOW, BASE_URL),
        ("an update's text", _changed(base, lenina.id, updates=tuple(
            dataclasses.replace(u, text=u.text + " Уточнение.") for u in lenina.updates)),
         NOW, BASE_URL),
        ("a notice gone", dataclasses.replace(base, notices=tuple(
            n for n in base.notices if n.id != lenina.id)), NOW, BASE_URL),
        ("an update's status and times", _changed(base, lenina.id, updates=(
            dataclasses.replace(lenina.updates[0], status="resolved",
                                end=lenina.updates[0].at),))
         if lenina.updates[0].status is None else _changed(base, lenina.id, updates=(
             dataclasses.replace(lenina.updates[0], status=None),)), NOW, BASE_URL),
        ("the organization's name and dispatcher", _changed(base, lenina.id, organization=(
            dataclasses.replace(lenina.organization, name="МУП «Водоканал»",
                                contacts=dataclasses.replace(lenina.organization.contacts,
                                                             dispatcher="+7 900 000-00-01")))),
         NOW, BASE_URL),
        ("the streets", _changed(base, lenina.id, areas=tuple(
            dataclasses.replace(a, streets=a.streets[:1] + a.streets[:1]) for a in lenina.areas)),
         NOW, BASE_URL),
        ("later", base, LATER, BASE_URL),
        ("another base URL", base, NOW, "https://other.example/"),
        ("as it was again", base, NOW, BASE_URL),
    ]
    assert lenina.updates
    first = files_of(build(base, images=images, files=files))
    for name, m, now, base_url in steps:
        config = dataclasses.replace(CONFIG, base_url=base_url)
        kept = build(m, now=now, images=images, files=files, cache=cache, config=config)
        fresh = build(m, now=now, images=images, files=files, config=config)
        assert files_of(kept) == files_of(fresh), name
        assert (files_of(kept) == first) == name.startswith("as it was"), name
    assert len(list((cache / "feeds" / "files").iterdir())) > 3 * 4
    retitled = dataclasses.replace(CONFIG, title="Отключения в области", tag_year=2027)
    kept = build(base, images=images, files=files, cache=cache, config=retitled)
    assert files_of(kept) == files_of(build(base, images=images, files=files, config=retitled))
    # An image published anew (another length on disk): the items showing it change.
    listed = build(base, images=images, files=files).feed("all", "all", "rss").read_text("utf-8")
    card = next(url for url in files if url.startswith("media/cards/") and url in listed)
    redrawn = {**files, card: files[card] + b"\0" * 100}
    kept = build(base, images=images, files=redrawn, cache=cache)
    assert files_of(kept) == files_of(build(base, images=images, files=redrawn))
    assert files_of(kept) != files_of(build(base, images=images, files=files))


def test_a_feed_from_the_cache_keeps_its_rendered_texts_for_the_next_build(
        build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    images, files = rich_images()
    cache = tmp_path / "kept"
    build(rich_model(), images=images, files=files, cache=cache)
    build(rich_model(), images=images, files=files, cache=cache)  # every feed from the cache
    rendered: list[str] = []
    real = generator.feeds.items.markdown_html

    def counted(source: str, base_url: str) -> str:
        rendered.append(source)
        return str(real.__wrapped__(source, base_url))

    monkeypatch.setattr(generator.feeds.items, "markdown_html", counted)
    lenina = next(n for n in rich_model().notices if n.id.endswith("lenina-kholodnaya-voda"))
    changed = _changed(rich_model(), lenina.id, title="Нет холодной воды: ул. Ленина")
    build(changed, images=images, files=files, cache=cache)
    assert rendered == []  # the title changed, the texts did not: none rendered again
