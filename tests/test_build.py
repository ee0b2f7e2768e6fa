"""`notices build`: nothing written on invalid content, never a half-written output folder."""

from __future__ import annotations

import gc
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator import build as build_module
from generator.cli import main
from generator.diagnostics import ContentInvalid

BASE = Path(__file__).parent / "validate" / "base"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(BASE, target)
    return target


def _old_site(out: Path) -> None:
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    (out / build_module.MARKER).write_text("", encoding="utf-8")


def test_invalid_content_writes_nothing(content: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    _old_site(out)
    notice = content / "notices/vks-test/2026/2026-11-22-lenina.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("end: 2026-11-22 18:00",
                                                                 "end: 2026-11-21 18:00"),
                      encoding="utf-8")
    code = main(["build", "--content", str(content), "--out", str(out),
                 "--now", NOW.isoformat()])
    captured = capsys.readouterr()
    assert code == 1
    assert "error[E030]" in captured.out
    files = sum(1 for p in content.rglob("*") if p.suffix in (".md", ".yml"))
    assert f"Проверено файлов: {files}." in captured.out  # not «0»: what validation read
    assert "ничего не записано" in captured.err
    assert "Traceback" not in captured.err
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_a_failing_stage_leaves_the_old_site(content: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    _old_site(out)

    def broken_stage(ctx: object, search_documents: Path) -> None:
        (ctx.site_dir / "half.html").write_text("half", encoding="utf-8")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "run_stages", broken_stage)
    with pytest.raises(RuntimeError, match="disk full"):
        build_module.build(content, out, NOW)
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_the_stages_run_with_the_collector_paused_and_it_is_on_after(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    states: list[bool] = []

    def stage(ctx: object, search_documents: Path) -> None:
        states.append(gc.isenabled())
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "run_stages", stage)
    with pytest.raises(RuntimeError, match="disk full"):
        build_module.build(content, tmp_path / "site", NOW)
    assert states == [False]
    assert gc.isenabled()


def test_build_replaces_the_old_site(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _old_site(out)
    result = build_module.build(content, out, NOW, base_url="http://127.0.0.1:8000/")
    assert result.notices == 1
    assert (out / "index.html").read_text(encoding="utf-8") != "old"
    assert (out / "feeds" / "index.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "site"]
    assert gc.isenabled()


def test_build_raises_content_invalid_with_every_diagnostic(content: Path,
                                                            tmp_path: Path) -> None:
    (content / "notices/vks-test/2026/2026-11-22-empty.md").write_text("", encoding="utf-8")
    with pytest.raises(ContentInvalid) as exc:
        build_module.build(content, tmp_path / "site", NOW)
    assert [d.code for d in exc.value.diagnostics] == ["E002"]


def test_a_notice_with_a_future_update_is_published_without_it(content: Path,
                                                               tmp_path: Path) -> None:
    from generator.validate import validate

    notice = content / "notices/vks-test/2026/2026-11-22-lenina.md"
    early = datetime(2026, 11, 22, 15, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))
    result = validate(content, early)
    assert [d.code for d in result.diagnostics] == ["W002"]  # the resolution at 19:10
    assert result.model is not None
    [published] = result.model.published
    assert published.source == notice
    assert published.status_at(early) == "active"


@pytest.mark.parametrize("where", ["content", "file", "foreign", "parent"])
def test_an_output_folder_that_is_not_a_site_is_refused(content: Path, tmp_path: Path,
                                                         where: str,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    targets = {"content": content, "file": tmp_path / "notes.txt",
               "foreign": tmp_path / "photos", "parent": tmp_path}
    out = targets[where]
    if where == "file":
        out.write_text("keep me", encoding="utf-8")
    if where == "foreign":
        out.mkdir()
        (out / "holiday.jpg").write_bytes(b"keep me")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    code = main(["build", "--content", str(content), "--out", str(out),
                 "--now", NOW.isoformat()])
    assert code == 2
    assert "--out" in capsys.readouterr().err or where == "foreign"
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_a_large_site_build_in_two_processes_gives_the_same_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From 2,000 notices the search index, feeds and statistics are made in a forked
    process and notice pages are written by two; forced here on the demo content."""
    import generator.site

    content = Path(__file__).resolve().parents[1] / "content"
    one = build_module.build(content, tmp_path / "one" / "site", NOW,
                             cache_dir=tmp_path / "cache")
    monkeypatch.setattr(build_module, "FORK_FROM", 1)
    monkeypatch.setattr(generator.site, "FORK_FROM", 1)
    for module in (build_module, generator.site):  # pytest-xdist runs threads of its own
        monkeypatch.setattr(module, "can_fork", lambda: True)
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(build_module, "MEMORY_SCRATCH", memory)
    two = build_module.build(content, tmp_path / "two" / "site", NOW,
                             cache_dir=tmp_path / "cache")
    assert list(memory.iterdir()) == []

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and "pagefind" not in p.parts}

    assert one.notices == two.notices > 10
    first, second = files(one.out), files(two.out)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert (two.out / "pagefind" / "pagefind-entry.json").is_file()


def _documents_folders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Where the build writes its search documents, as it does."""
    import generator.site

    seen: list[Path] = []
    write = generator.site.write_documents

    def spy(documents: Any, root: Path) -> None:
        seen.append(root)
        write(documents, root)

    monkeypatch.setattr(generator.site, "write_documents", spy)
    return seen


def test_search_documents_live_in_memory_and_are_removed(content: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(build_module, "MEMORY_SCRATCH", memory)
    seen = _documents_folders(monkeypatch)
    build_module.build(content, tmp_path / "site", NOW)
    assert len(seen) == 1 and seen[0].is_relative_to(memory)
    assert list(memory.iterdir()) == []
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_without_room_in_memory_search_documents_stay_beside_the_output(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(build_module, "MEMORY_SCRATCH", memory)
    monkeypatch.setattr(build_module, "MEMORY_MARGIN", 1 << 62)
    seen = _documents_folders(monkeypatch)
    build_module.build(content, tmp_path / "site", NOW)
    assert len(seen) == 1 and seen[0].is_relative_to(tmp_path)
    assert not seen[0].is_relative_to(memory) and not seen[0].exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "shm", "site"]


def test_a_failed_build_leaves_nothing_in_memory(content: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(build_module, "MEMORY_SCRATCH", memory)

    def broken_stage(ctx: object, search_documents: Path) -> None:
        search_documents.mkdir()
        (search_documents / "0.html").write_text("<p>half</p>", encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "run_stages", broken_stage)
    with pytest.raises(RuntimeError, match="disk full"):
        build_module.build(content, tmp_path / "site", NOW)
    assert list(memory.iterdir()) == []


def test_scratch_a_killed_build_left_in_memory_is_removed_later(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(build_module, "MEMORY_SCRATCH", memory)
    stale, recent, other = (memory / f"{build_module.MEMORY_PREFIX}{name}"
                            for name in ("stale", "recent", "other"))
    for folder in (stale, recent):
        folder.mkdir()
        (folder / "0.html").write_text("<p>left</p>", encoding="utf-8")
    other = memory / "someone-else"
    other.mkdir()
    old = time.time() - build_module.MEMORY_STALE_AFTER - 60
    for folder in (stale, other):
        os.utime(folder, (old, old))
    build_module.build(content, tmp_path / "site", NOW)
    assert sorted(p.name for p in memory.iterdir()) == [recent.name, other.name]


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_memory_headroom_reads_the_cgroup_limit(tmp_path: Path, version: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "cgroup"
    monkeypatch.setattr(build_module, "CGROUP_ROOT", root)
    proc = tmp_path / "proc-self-cgroup"
    if version == "v2":
        proc.write_text("0::/ci/job\n", encoding="utf-8")
        base, limit, usage = root / "ci/job", "memory.max", "memory.current"
    else:
        proc.write_text("5:devices:/\n4:memory:/ci/job\n0::/\n", encoding="utf-8")
        base, limit, usage = root / "memory/ci/job", "memory.limit_in_bytes", \
            "memory.usage_in_bytes"
    base.mkdir(parents=True)
    (base / limit).write_text("2147483648\n", encoding="utf-8")
    (base / usage).write_text("1610612736\n", encoding="utf-8")
    assert build_module.memory_headroom(proc) == 512 * 1024 * 1024
    (base / limit).write_text("max\n" if version == "v2" else "9223372036854771712\n",
                              encoding="utf-8")
    assert build_module.memory_headroom(proc) is None
    assert build_module.memory_headroom(tmp_path / "no-such-file") is None


def test_without_memory_to_spare_search_documents_stay_on_disk(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(build_module, "MEMORY_SCRATCH", memory)
    monkeypatch.setattr(build_module, "memory_headroom", lambda: 64 * 1024 * 1024)
    seen = _documents_folders(monkeypatch)
    build_module.build(content, tmp_path / "site", NOW)
    assert len(seen) == 1 and not seen[0].is_relative_to(memory)
