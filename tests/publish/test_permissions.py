"""`notices check-permissions` on real git repositories: who may change what in a pull request."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic
from generator.permissions import RepositoryError, check_permissions, first_changed_line

from .conftest import DRAFT_A, PUBLISHED_A, PUBLISHED_B, GitRepo, notice_text, organization_text

NEW_A = "content/notices/org-a/2026/2026-11-23-sportivnaya.md"
NEW_B = "content/notices/org-b/2026/2026-11-23-sportivnaya.md"


def refusals(repo: GitRepo, author: str) -> list[Diagnostic]:
    return check_permissions(repo.root, "main", author).diagnostics


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, diagnostics
    assert diagnostics[0].code == "E050"
    return diagnostics[0]


# -- an organization's own staff ------------------------------------------------------------------

def test_own_new_notice_photo_and_update_are_allowed(repo: GitRepo) -> None:
    repo.write(NEW_A, notice_text("2026-11-23"))
    repo.write("content/notices/org-a/2026/media/crew.jpg", "photo\n")
    repo.write(PUBLISHED_A, notice_text(updates=("Бригада на месте.", "Вода подана.")))
    repo.commit("alice publishes")

    result = check_permissions(repo.root, "main", "alice")

    assert result.diagnostics == []
    assert {c.path for c in result.changes} == {
        NEW_A, PUBLISHED_A, "content/notices/org-a/2026/media/crew.jpg"}


def test_login_compares_like_github_ignoring_case(repo: GitRepo) -> None:
    repo.write(NEW_A, notice_text("2026-11-23"))
    repo.commit("Alice publishes")

    assert refusals(repo, "Alice") == []


def test_own_draft_may_be_renamed_and_deleted(repo: GitRepo) -> None:
    repo.move(DRAFT_A, "content/notices/org-a/2026/2026-11-21-novoe-imya.md")
    repo.commit("rename the draft")
    assert refusals(repo, "anna") == []

    repo.remove("content/notices/org-a/2026/2026-11-21-novoe-imya.md")
    repo.commit("delete the draft")
    assert refusals(repo, "anna") == []


def test_maintainer_may_change_own_organization_file(repo: GitRepo) -> None:
    repo.write("content/organizations/org-a.yml",
               organization_text("org-a", "alice, anna, arkady", name="МУП «Водоканал»"))
    repo.commit("alice adds a colleague")

    assert refusals(repo, "alice") == []


# -- another organization -------------------------------------------------------------------------

def test_new_notice_for_another_organization_is_refused(repo: GitRepo) -> None:
    repo.write(NEW_B, notice_text("2026-11-23"))
    repo.commit("alice writes for org-b")

    refusal = only(refusals(repo, "alice"))

    assert (refusal.path, refusal.line, refusal.column) == (NEW_B, 1, 1)
    assert refusal.message == ("у автора alice нет права публиковать от имени организации "
                               "«org-b»: его логина нет в её списке maintainers")
    assert refusal.hint is not None and "boris" in refusal.hint
    assert "content/organizations/org-b.yml" in refusal.hint


def test_edit_of_another_organizations_notice_points_at_the_changed_line(repo: GitRepo) -> None:
    text = repo.read(PUBLISHED_B)
    repo.write(PUBLISHED_B, text.replace("end: 2026-11-20 18:00", "end: 2026-11-20 20:00"))
    repo.commit("alice extends org-b's works")

    refusal = only(refusals(repo, "alice"))

    changed = text.split("\n").index("end: 2026-11-20 18:00") + 1
    assert (refusal.path, refusal.line) == (PUBLISHED_B, changed)


def test_photo_in_another_organizations_folder_is_refused(repo: GitRepo) -> None:
    repo.write("content/notices/org-b/2026/media/x.jpg", "photo\n")
    repo.commit("alice adds a photo to org-b")

    assert only(refusals(repo, "alice")).path == "content/notices/org-b/2026/media/x.jpg"


def test_another_organizations_file_is_refused(repo: GitRepo) -> None:
    repo.write("content/organizations/org-b.yml",
               organization_text("org-b", "boris", name="ООО «Чужая вода»"))
    repo.commit("alice renames org-b")

    refusal = only(refusals(repo, "alice"))

    assert refusal.path == "content/organizations/org-b.yml"
    assert refusal.line == 2  # name:
    assert "нет права менять файл организации «org-b»" in refusal.message


def test_adding_oneself_to_another_organizations_maintainers_is_refused(repo: GitRepo) -> None:
    repo.write("content/organizations/org-b.yml", organization_text("org-b", "boris, alice"))
    repo.commit("alice joins org-b")

    refusal = only(refusals(repo, "alice"))

    assert refusal.path == "content/organizations/org-b.yml"
    assert refusal.line == 9  # maintainers:
    assert refusal.message == "нельзя добавить себя (alice) в maintainers чужой организации «org-b»"


def test_maintainers_are_those_of_the_base_not_of_the_request(repo: GitRepo) -> None:
    repo.write("content/organizations/org-b.yml", organization_text("org-b", "boris, alice"))
    repo.write(NEW_B, notice_text("2026-11-23"))
    repo.commit("alice joins org-b and publishes for it at once")

    paths = sorted(d.path for d in refusals(repo, "alice"))

    assert paths == ["content/notices/org-b/2026/2026-11-23-sportivnaya.md",
                     "content/organizations/org-b.yml"]


def test_authority_is_read_from_the_tip_of_the_base_branch(repo: GitRepo) -> None:
    repo.write(NEW_A, notice_text("2026-11-23"))
    repo.commit("anna's notice")
    repo.switch("main")
    repo.write("content/organizations/org-a.yml", organization_text("org-a", "alice"))
    repo.commit("anna has left org-a")
    repo.switch("pr")

    assert only(refusals(repo, "anna")).path == NEW_A


def test_changes_on_the_base_after_branching_are_not_the_requests(repo: GitRepo) -> None:
    repo.write(NEW_A, notice_text("2026-11-23"))
    repo.commit("alice's notice")
    repo.switch("main")
    repo.write(NEW_B, notice_text("2026-11-23"))
    repo.commit("boris published meanwhile")
    repo.switch("pr")

    assert refusals(repo, "alice") == []


# -- published notices: nobody renames, deletes or rewrites their history -------------------------

@pytest.mark.parametrize("author", ["alice", "root-admin"])
def test_renamed_published_notice_is_refused_for_everyone(repo: GitRepo, author: str) -> None:
    renamed = "content/notices/org-a/2026/2026-11-20-lenina-ispravleno.md"
    repo.move(PUBLISHED_A, renamed)
    repo.commit("rename a published notice")

    refusal = only(refusals(repo, author))

    assert refusal.path == renamed
    assert refusal.message.startswith("опубликованное уведомление нельзя переименовать")
    assert PUBLISHED_A in refusal.message


def test_renamed_and_rewritten_published_notice_is_still_refused(repo: GitRepo) -> None:
    repo.remove(PUBLISHED_A)
    repo.write("content/notices/org-a/2026/2026-11-20-drugoe.md",
               "---\ntitle: Совсем другое\n---\n")
    repo.commit("rewrite beyond rename detection")

    refusal = only(refusals(repo, "alice"))

    assert refusal.path == PUBLISHED_A
    assert refusal.message.startswith("опубликованное уведомление нельзя удалить")


@pytest.mark.parametrize("author", ["alice", "root-admin"])
def test_deleted_published_notice_is_refused_for_everyone(repo: GitRepo, author: str) -> None:
    repo.remove(PUBLISHED_A)
    repo.commit("delete a published notice")

    refusal = only(refusals(repo, author))

    assert refusal.path == PUBLISHED_A
    assert refusal.hint is not None and "status: cancelled" in refusal.hint


def test_removing_an_update_from_a_published_notice_is_refused(repo: GitRepo) -> None:
    repo.write(PUBLISHED_A, notice_text())
    repo.commit("drop the update")

    refusal = only(refusals(repo, "alice"))

    assert refusal.message == ("из опубликованного уведомления удалены обновления: "
                               "было 1, стало 0")


def test_fixing_an_updates_text_is_allowed(repo: GitRepo) -> None:
    repo.write(PUBLISHED_A, notice_text(updates=("Бригада уже на месте.",)))
    repo.commit("typo")

    assert refusals(repo, "alice") == []


def test_a_published_notice_cannot_become_a_draft_again(repo: GitRepo) -> None:
    repo.write(PUBLISHED_A, notice_text(draft=True, updates=("Бригада на месте.",)))
    repo.commit("hide it")

    assert "снова сделать черновиком" in only(refusals(repo, "alice")).message


# -- organizations and admins ---------------------------------------------------------------------

def test_new_organization_only_by_an_admin(repo: GitRepo) -> None:
    repo.write("content/organizations/org-c.yml", organization_text("org-c", "alice"))
    repo.write("content/notices/org-c/2026/2026-11-23-pervoe.md", notice_text("2026-11-23"))
    repo.commit("a new organization with its first notice")

    assert refusals(repo, "root-admin") == []
    paths = sorted(d.path for d in refusals(repo, "alice"))
    assert paths == ["content/notices/org-c/2026/2026-11-23-pervoe.md",
                     "content/organizations/org-c.yml"]


def test_admin_may_fix_an_organizations_maintainers(repo: GitRepo) -> None:
    repo.write("content/organizations/org-b.yml", organization_text("org-b", "bogdan"))
    repo.commit("boris has left; bogdan takes over")

    assert refusals(repo, "root-admin") == []


def test_admin_does_not_publish_for_an_existing_organization(repo: GitRepo) -> None:
    repo.write(NEW_B, notice_text("2026-11-23"))
    repo.commit("the admin writes for org-b")

    assert only(refusals(repo, "root-admin")).path == NEW_B


def test_making_oneself_an_admin_is_refused(repo: GitRepo) -> None:
    repo.write("content/admins.yml", "admins: [root-admin, alice]\n")
    repo.commit("alice becomes an admin")

    refusal = only(refusals(repo, "alice"))

    assert refusal.path == "content/admins.yml"
    assert refusal.message == ("файл content/admins.yml может менять только администратор "
                               "репозитория")


def test_files_outside_content_are_left_to_codeowners(repo: GitRepo) -> None:
    repo.write("README.md", "# Уведомления об отключениях\n")
    repo.commit("docs")

    assert refusals(repo, "alice") == []


# -- the repository itself ------------------------------------------------------------------------

def test_uncommitted_changes_are_not_judged(repo: GitRepo) -> None:
    repo.write(NEW_B, notice_text("2026-11-23"))

    assert check_permissions(repo.root, "main", "alice").changes == ()


def test_unknown_base_is_a_clear_error(repo: GitRepo) -> None:
    with pytest.raises(RepositoryError, match=r"origin/main.*fetch-depth: 0"):
        check_permissions(repo.root, "origin/main", "alice")


def test_command_line_prints_annotations_and_fails(repo: GitRepo) -> None:
    repo.write(NEW_B, notice_text("2026-11-23"))
    repo.commit("alice writes for org-b")

    result = subprocess.run(
        [sys.executable, "-m", "generator", "check-permissions", "--base", "main",
         "--author", "alice", "--repo", str(repo.root), "--format", "github"],
        capture_output=True, text=True, cwd=Path(__file__).parents[2])

    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"::error file={NEW_B},line=1,col=1,title=E050::")
    assert "Traceback" not in result.stderr


def test_command_line_passes_a_clean_request(repo: GitRepo) -> None:
    repo.write(NEW_A, notice_text("2026-11-23"))
    repo.commit("alice publishes")

    result = subprocess.run(
        [sys.executable, "-m", "generator", "check-permissions", "--base", "main",
         "--author", "alice", "--repo", str(repo.root)],
        capture_output=True, text=True, cwd=Path(__file__).parents[2])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ошибок нет" in result.stdout


def test_organization_file_named_yaml_is_read_too(repo: GitRepo) -> None:
    repo.move("content/organizations/org-b.yml", "content/organizations/org-b.yaml")
    repo.commit("admin renames the file")
    repo.git("branch", "-f", "main", "HEAD")
    repo.write("content/organizations/org-b.yaml", organization_text("org-b", "boris, bogdan"))
    repo.write(NEW_B, notice_text("2026-11-23"))
    repo.commit("boris adds a colleague and publishes")

    assert refusals(repo, "boris") == []
    assert {d.path for d in refusals(repo, "alice")} == {"content/organizations/org-b.yaml",
                                                          NEW_B}


def test_first_changed_line_is_where_an_annotation_goes() -> None:
    assert first_changed_line("a\nb\n", "a\nc\n") == 2
    assert first_changed_line("a\nb", "a\nb\nc") == 3
    assert first_changed_line("a\nb\nc", "a\nb") == 2
    assert first_changed_line(None, "a") == 1
