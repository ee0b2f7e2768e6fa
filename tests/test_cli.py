"""The command line: help for every command, a section in the docs, exit codes, `new`."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.cli import main, make_parser

ROOT = Path(__file__).parent.parent
DOCS = (ROOT / "docs").glob("*.md")
BASE = Path(__file__).parent / "validate" / "base"


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices)


def test_every_command_has_help_and_a_docs_section() -> None:
    docs = "\n".join(path.read_text(encoding="utf-8") for path in DOCS)
    commands = _commands()
    assert {"validate", "build", "new", "serve", "schema"} <= set(commands)
    for name, parser in commands.items():
        assert parser.description, f"{name} has no description"
        assert f"## notices {name}" in docs, f"no section '## notices {name}' in docs/"


def test_help_runs_for_every_command() -> None:
    for name in _commands():
        result = subprocess.run([sys.executable, "-m", "generator", name, "--help"],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert "usage: notices" in result.stdout


def test_misuse_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--content", "/nonexistent"]) == 2
    assert "папка с содержимым не найдена" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "xml"])
    assert exc.value.code == 2


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--content", str(BASE), "--now", "2026-11-23T12:00+05:00"]) == 0
    future = "2026-11-01T12:00+05:00"  # the base notice is in the future of this moment
    assert main(["validate", "--content", str(BASE), "--now", future]) == 0
    assert main(["validate", "--content", str(BASE), "--now", future, "--strict"]) == 1
    assert "warning[W001]" in capsys.readouterr().out


def test_github_format_annotates_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.copytree(BASE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    notice = Path("content/notices/vks-test/2026/2026-11-22-lenina.md")
    notice.write_text(notice.read_text(encoding="utf-8").replace("type: emergency",
                                                                 "type: emergancy"),
                      encoding="utf-8")
    assert main(["validate", "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == ("::error file=content/notices/vks-test/2026/2026-11-22-lenina.md,line=3,"
                     "col=7,title=E013::«emergancy» не подходит для поля «type»; допустимо: "
                     "planned, unplanned, emergency, info%0Aвы имели в виду «emergency»?")


def test_new_writes_a_skeleton_that_passes_validation(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    now = datetime(2026, 11, 23, 7, 5, tzinfo=ZoneInfo("UTC"))
    for kind in ("planned", "unplanned", "emergency", "info"):
        assert main(["new", "--content", str(content), "vks-test", kind,
                     "--now", now.isoformat()]) == 0
    paths = [Path(line) for line in capsys.readouterr().out.split()]
    assert [p.name for p in paths] == [
        "2026-11-23-planovye-raboty-1205.md", "2026-11-23-vneplanovye-raboty-1205.md",
        "2026-11-23-avariya-1205.md", "2026-11-23-informatsiya-1205.md"]
    text = paths[0].read_text(encoding="utf-8")
    assert "draft: true" in text  # an untouched skeleton is never published
    assert "published: 2026-11-23 12:05" in text  # local time of the organization
    assert "# Населённые пункты организации: Верхняя Салда; посёлок Басьяновский" in text
    assert "$schema=../../../../generator/schema/notice.schema.json" in text
    assert main(["validate", "--content", str(content), "--now", now.isoformat(),
                 "--strict"]) == 0


def test_new_for_an_unknown_organization(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--content", str(BASE), "vks-tset", "info"]) == 2
    assert "организация «vks-tset» не найдена; есть: vks-test" in capsys.readouterr().err


def test_schema_files_are_current() -> None:
    assert main(["schema", "--check", "--out", str(ROOT / "generator/schema")]) == 0
