"""CODEOWNERS is generated from the organizations' maintainers and checked for drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.codeowners import (
    OrganizationOwners,
    check_codeowners,
    codeowners_text,
    load_organization_owners,
)

from .conftest import GitRepo, organization_text

REPO = Path(__file__).parents[2]


def run_codeowners(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "codeowners", *args],
                          capture_output=True, text=True, cwd=root,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def owners(org_id: str, *maintainers: str) -> OrganizationOwners:
    return OrganizationOwners(org_id, maintainers, Path(f"content/organizations/{org_id}.yml"))


def test_generated_text_gives_each_organization_its_file_and_folder() -> None:
    organizations = [owners("org-b", "boris"),
                     owners("org-a", "alice", "@Anna", "alice", "not a login")]

    text = codeowners_text(organizations, ("root-admin",))

    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "*  @root-admin",
        "/content/organizations/org-a.yml  @alice @Anna",
        "/content/notices/org-a/  @alice @Anna",
        "/content/organizations/org-b.yml  @boris",
        "/content/notices/org-b/  @boris",
    ]


def test_organization_without_maintainers_falls_back_to_admins() -> None:
    text = codeowners_text([owners("org-a")], ("root-admin",))

    assert "/content/notices/org-a/  @root-admin" in text.splitlines()


def test_out_of_date_codeowners_is_detected(repo: GitRepo) -> None:
    content = repo.root / "content"
    assert run_codeowners(repo.root).returncode == 0
    assert check_codeowners(repo.root, load_organization_owners(content)) == []

    repo.write("content/organizations/org-b.yml", organization_text("org-b", "boris, bogdan"))
    problems = check_codeowners(repo.root, load_organization_owners(content))

    assert len(problems) == 1
    stale = problems[0]
    assert (stale.path, stale.code) == (".github/CODEOWNERS", "E051")
    line = repo.read(".github/CODEOWNERS").splitlines().index(
        "/content/organizations/org-b.yml  @boris") + 1
    assert stale.line == line
    assert stale.message == (f"файл CODEOWNERS устарел: в строке {line} должно быть "
                             "«/content/organizations/org-b.yml  @boris @bogdan», "
                             "а записано «/content/organizations/org-b.yml  @boris»")


def test_missing_codeowners_is_reported(repo: GitRepo) -> None:
    problems = check_codeowners(repo.root, load_organization_owners(repo.root / "content"))

    assert [(d.path, d.code, d.message) for d in problems] == [
        (".github/CODEOWNERS", "E051", "файла CODEOWNERS нет в репозитории")]


def test_command_check_fails_when_stale_and_passes_after_regeneration(repo: GitRepo) -> None:
    run_codeowners(repo.root)
    repo.write("content/organizations/org-a.yml", organization_text("org-a", "alice"))

    stale = run_codeowners(repo.root, "--check")
    assert stale.returncode == 1
    assert "error[E051]" in stale.stdout

    assert run_codeowners(repo.root).stdout.strip() == ".github/CODEOWNERS"
    assert run_codeowners(repo.root, "--check").returncode == 0


def test_validate_reports_a_stale_codeowners(repo: GitRepo) -> None:
    """`notices validate` runs the same check when the content folder is in a repository."""
    run_codeowners(repo.root)
    repo.write("content/organizations/org-a.yml", organization_text("org-a", "alice"))

    result = subprocess.run([sys.executable, "-m", "generator", "validate"],
                            capture_output=True, text=True, cwd=repo.root,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})

    assert "error[E051]" in result.stdout
    assert result.returncode == 1


def test_this_repositorys_codeowners_is_up_to_date() -> None:
    content = REPO / "content"

    assert check_codeowners(REPO, load_organization_owners(content)) == []
