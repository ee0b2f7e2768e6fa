"""The pre-commit hook runs `notices validate` when content changes, in a real repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GitRepo

REPO = Path(__file__).parents[2]
BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"
NOTICE = "content/notices/vks-verkhnyaya-salda/2026/2026-11-23-lenina-kholodnaya-voda.md"


@pytest.fixture
def staff_repo(tmp_path: Path) -> GitRepo:
    """A clone-like copy of this repository's content with the hook configuration."""
    if not PRE_COMMIT.is_file():
        pytest.fail(f"pre-commit is not installed beside {sys.executable}: pip install pre-commit")
    repo = GitRepo(tmp_path / "staff")
    shutil.copytree(REPO / "content", repo.root / "content")
    (repo.root / ".github").mkdir()
    shutil.copy(REPO / ".github" / "CODEOWNERS", repo.root / ".github" / "CODEOWNERS")
    shutil.copy(REPO / ".pre-commit-config.yaml", repo.root / ".pre-commit-config.yaml")
    repo.commit("content")
    return repo


def pre_commit(repo: GitRepo, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**repo.env, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(repo.root.parent / "pre-commit-home"),
           "PYTHONPATH": str(REPO)}
    repo.git("add", "-A")
    return subprocess.run([str(PRE_COMMIT), "run", "--color", "never", "--files", *files],
                          cwd=repo.root, env=env, capture_output=True, text=True, timeout=300)


def test_hook_configuration_and_manifest_are_valid() -> None:
    for command, path in (("validate-config", ".pre-commit-config.yaml"),
                          ("validate-manifest", ".pre-commit-hooks.yaml")):
        result = subprocess.run([str(PRE_COMMIT), command, str(REPO / path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_notice_stops_the_commit_with_the_validators_message(
        staff_repo: GitRepo) -> None:
    text = staff_repo.read(NOTICE)
    staff_repo.write(NOTICE, text.replace("type: emergency", "type: emergncy", 1))

    result = pre_commit(staff_repo, NOTICE)

    assert result.returncode == 1, result.stdout
    assert "проверка уведомлений (notices validate)" in result.stdout
    line = text.split("\n").index("type: emergency") + 1
    assert f"{NOTICE}:{line}:7: error[E013]" in result.stdout


def test_a_correct_change_passes(staff_repo: GitRepo) -> None:
    text = staff_repo.read(NOTICE)
    staff_repo.write(NOTICE, text.replace("Бригада вскрыла грунт", "Бригада вскрыла асфальт", 1))

    result = pre_commit(staff_repo, NOTICE)

    assert result.returncode == 0, result.stdout
    assert "Passed" in result.stdout


def test_the_hook_is_skipped_when_no_content_changed(staff_repo: GitRepo) -> None:
    staff_repo.write("README.md", "# Уведомления\n")

    result = pre_commit(staff_repo, "README.md")

    assert result.returncode == 0
    assert "(no files to check)Skipped" in result.stdout
