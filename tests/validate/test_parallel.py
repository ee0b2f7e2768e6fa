"""A large region is validated in two processes: the same model and the same messages."""

from __future__ import annotations

import gc
import shutil
from datetime import datetime
from multiprocessing import get_all_start_methods
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import generator.validate as validate_module
from generator.validate import validate

REPOSITORY = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))


@pytest.mark.skipif("fork" not in get_all_start_methods(), reason="fork is not available here")
def test_two_processes_find_the_same_notices_and_problems(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPOSITORY / "content", content)
    last = sorted((content / "notices").rglob("*.md"))[-1]  # checked by the second process
    last.write_text(last.read_text(encoding="utf-8").replace("type:", "tipe:", 1),
                    encoding="utf-8")
    alone = validate(content, NOW)
    monkeypatch.setattr(validate_module, "FORK_FROM", 2)
    monkeypatch.setattr(validate_module, "can_fork", lambda: True)  # pytest-xdist runs threads
    shared = validate(content, NOW)
    assert shared.diagnostics == alone.diagnostics
    assert any(d.path.endswith(last.name) for d in shared.errors)
    assert shared.files == alone.files > 10

    last.write_text(last.read_text(encoding="utf-8").replace("tipe:", "type:", 1),
                    encoding="utf-8")
    valid = validate(content, NOW)
    assert valid.model is not None
    monkeypatch.setattr(validate_module, "FORK_FROM", 10**9)
    assert validate(content, NOW).model == valid.model
    orgs = {id(o) for o in valid.model.organizations}
    assert all(id(n.organization) in orgs for n in valid.model.notices)


def test_notices_are_checked_with_the_garbage_collector_paused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking pauses cyclic collection; afterwards it is on again, also when a file is bad
    or when it was off before."""
    content = tmp_path / "content"
    shutil.copytree(REPOSITORY / "content", content)
    first = sorted((content / "notices").rglob("*.md"))[0]
    first.write_text("---\nid: [\n", encoding="utf-8")
    during: list[bool] = []
    check = validate_module._Checker.notice
    monkeypatch.setattr(validate_module._Checker, "notice",
                        lambda *args: (during.append(gc.isenabled()), check(*args))[1])
    assert gc.isenabled()
    assert validate(content, NOW).errors
    assert during and not any(during)
    assert gc.isenabled()
    gc.disable()
    try:
        assert validate(content, NOW).errors
        assert not gc.isenabled()
    finally:
        gc.enable()
