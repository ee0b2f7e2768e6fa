"""MkDocs leaves cycles behind: it runs with Python's cyclic garbage collector on, also
inside a build that pauses it, and leaves it as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import mkdocs.commands.build
import pytest

from generator.site.mkdocs_run import run_mkdocs


def test_mkdocs_runs_with_the_collector_on_inside_a_paused_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(mkdocs.commands.build, "build", lambda config: seen.append(gc.isenabled()))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    gc.disable()
    try:
        run_mkdocs(str(tmp_path / "mkdocs.yml"))
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [True]
