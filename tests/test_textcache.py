"""Texts kept between builds: reused for the same input and version, pruned to what was used."""

from __future__ import annotations

from pathlib import Path

from generator.textcache import TextCache, digest


def test_a_text_is_kept_for_the_next_build_of_the_same_version(tmp_path: Path) -> None:
    path = tmp_path / "texts.json"
    first = TextCache(path, "v1")
    assert first.get(digest("a")) is None
    first.put(digest("a"), "A")
    first.put(digest("b"), "B")
    first.save()
    second = TextCache(path, "v1")
    assert second.get(digest("a")) == "A"
    second.save()  # only "a" was used by this build
    assert TextCache(path, "v1").get(digest("b")) is None
    assert TextCache(path, "v2").get(digest("a")) is None  # rules or libraries changed


def test_entries_used_by_another_process_are_saved_too(tmp_path: Path) -> None:
    path = tmp_path / "texts.json"
    worker = TextCache(None, "v1")
    worker.put("k", "from the worker")
    main = TextCache(path, "v1")
    main.add(worker.used())
    main.save()
    assert TextCache(path, "v1").get("k") == "from the worker"


def test_an_unreadable_file_is_an_empty_cache(tmp_path: Path) -> None:
    path = tmp_path / "texts.json"
    path.write_text("{not json", encoding="utf-8")
    assert TextCache(path, "v1").get("k") is None
    path.write_text('{"version": "v1", "texts": []}', encoding="utf-8")
    assert TextCache(path, "v1").get("k") is None
