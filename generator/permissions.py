"""Who may change what in a pull request: ``notices check-permissions``.

The change judged is what the pull request carries: the commits between the
merge base of ``--base`` and ``HEAD``. Uncommitted files are not looked at;
in CI the working tree is the checked-out pull request, and locally a staff
member commits first. Authority is read from the tip of ``--base`` (the
branch the request goes into), never from the request itself, so nobody can
grant themselves a right in the same change that uses it.

Rules, each refusal an E050 diagnostic on the changed file:

* ``content/notices/<org>/...``: only the organization's maintainers (as of
  the base). An organization that is not in the base yet: only the admins.
* ``content/organizations/<org>.yml``: changing or deleting one, only its
  maintainers or the admins (so adding oneself to another organization's
  ``maintainers`` is refused); adding a new one, only the admins.
* ``content/admins.yml`` and any other file under ``content/``: only the admins.
* A published notice (in the base and not a draft there) is never renamed,
  moved or deleted, and none of its updates is removed, by anyone: its feed
  item ids would change or vanish. A notice is withdrawn with a ``cancelled`` update.

Files outside ``content/`` are not judged here: CODEOWNERS gives them to the
admins, and branch protection asks for their review.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from .codeowners import (
    ADMINS_FILE,
    OrganizationOwners,
    login_key,
    read_admins,
    read_organization_owners,
)
from .diagnostics import Diagnostic, NoticesError, error, sort_diagnostics
from .yamlsource import BOOL, YMap, YScalar, YSeq, parse_yaml, split_front_matter

ChangeKind = Literal["added", "modified", "deleted", "renamed"]
ORGANIZATION_SUFFIXES = (".yml", ".yaml")  # as the validator reads them


class RepositoryError(NoticesError):
    """git could not answer: no repository, an unknown base branch, a shallow clone."""

    exit_code = 2


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    path: str  # repository-relative, POSIX; for a deletion, the removed path
    old_path: str | None = None  # for a rename, the path before


@dataclass(frozen=True)
class Authority:
    """Who may do what, as the base branch says."""

    admins: frozenset[str]
    organizations: dict[str, OrganizationOwners]

    def is_admin(self, author: str) -> bool:
        return login_key(author) in self.admins

    def maintains(self, author: str, org_id: str) -> bool:
        org = self.organizations.get(org_id)
        return org is not None and login_key(author) in {login_key(m) for m in org.maintainers}


@dataclass(frozen=True)
class Layout:
    """Where content lives in the repository (``content`` unless told otherwise)."""

    content: str = "content"

    def organization_of_notice(self, path: str) -> str | None:
        parts = PurePosixPath(path).parts
        root = PurePosixPath(self.content).parts
        if parts[:len(root)] == root and len(parts) > len(root) + 2 \
                and parts[len(root)] == "notices":
            return parts[len(root) + 1]
        return None

    def organization_file(self, path: str) -> str | None:
        p = PurePosixPath(path)
        if p.parent == PurePosixPath(self.content, "organizations") \
                and p.suffix in ORGANIZATION_SUFFIXES:
            return p.stem
        return None

    def is_notice(self, path: str) -> bool:
        return self.organization_of_notice(path) is not None and path.endswith(".md")

    def in_content(self, path: str) -> bool:
        return PurePosixPath(path).is_relative_to(self.content)

    def organization_path(self, org_id: str) -> str:
        return f"{self.content}/organizations/{org_id}.yml"


# -- git ---------------------------------------------------------------------------------------

def _git(repo: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                                check=False)
    except FileNotFoundError as exc:
        raise RepositoryError("программа git не найдена") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise RepositoryError(f"git {' '.join(args)}: {message}")
    return result.stdout


def resolve_commit(repo: Path, ref: str) -> str:
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except RepositoryError as exc:
        raise RepositoryError(
            f"ветка или коммит «{ref}» не найдены в {repo}; в GitHub Actions нужен "
            "actions/checkout с fetch-depth: 0") from exc


def merge_base(repo: Path, base: str, head: str) -> str:
    try:
        return _git(repo, "merge-base", base, head).decode().strip()
    except RepositoryError as exc:
        raise RepositoryError(f"у «{base}» и «{head}» нет общего предка; история неполна? "
                              "(в GitHub Actions нужен fetch-depth: 0)") from exc


def read_at(repo: Path, commit: str, path: str) -> str | None:
    """A file's text at a commit, or None when it does not exist there."""
    result = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"{commit}:{path}"],
                            capture_output=True, check=False)
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8-sig", "replace").replace("\r\n", "\n")


def list_at(repo: Path, commit: str, folder: str) -> list[str]:
    """The names of the files in a folder at a commit; none when the folder is absent."""
    out = _git(repo, "ls-tree", "-z", "--name-only", commit, "--", f"{folder}/")
    names = out.decode("utf-8", "replace").split("\0")
    return sorted(PurePosixPath(name).name for name in names if name)


def changed_files(repo: Path, old: str, new: str) -> list[Change]:
    """The files changed between two commits, with renames detected."""
    out = _git(repo, "diff", "--no-ext-diff", "--name-status", "-z", "-M", old, new)
    return list(_parse_name_status(out.decode("utf-8", "replace").split("\0")))


def _parse_name_status(fields: list[str]) -> Iterator[Change]:
    kinds: dict[str, ChangeKind] = {"A": "added", "M": "modified", "T": "modified",
                                    "D": "deleted"}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            yield Change("renamed", new, old) if status[0] == "R" else Change("added", new)
            continue
        yield Change(kinds.get(status[0], "modified"), fields[i + 1])
        i += 2


# -- authority and notices as they were ----------------------------------------------------------

def load_authority(repo: Path, commit: str, layout: Layout) -> Authority:
    admins = read_admins(read_at(repo, commit, f"{layout.content}/{ADMINS_FILE}"))
    organizations = {}
    folder = f"{layout.content}/organizations"
    for name in list_at(repo, commit, folder):
        org_id, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        if suffix in ORGANIZATION_SUFFIXES and org_id not in organizations:
            source = Path(folder, name)
            owners = read_organization_owners(source, read_at(repo, commit, source.as_posix()))
            if owners is not None:
                organizations[org_id] = owners
    return Authority(frozenset(login_key(a) for a in admins), organizations)


def is_published(text: str | None) -> bool:
    """A notice file that exists and is not a draft; an unreadable one counts as published."""
    if text is None:
        return False
    root = _front_matter(text)
    if root is None:
        return True
    draft = root.get("draft")
    return not (isinstance(draft, YScalar) and draft.tag == BOOL and draft.value.lower() == "true")


def update_count(text: str | None) -> int:
    root = _front_matter(text) if text is not None else None
    updates = root.get("updates") if root is not None else None
    return len(updates.items) if isinstance(updates, YSeq) else 0


def _front_matter(text: str) -> YMap | None:
    yaml_text, _, problems = split_front_matter(text, "")
    if problems:
        return None
    root, _ = parse_yaml(yaml_text, "")
    return root if isinstance(root, YMap) else None


def first_changed_line(before: str | None, after: str | None) -> int:
    """The first line of ``after`` that differs from ``before`` (1 for a new file)."""
    if before is None or after is None:
        return 1
    old, new = before.split("\n"), after.split("\n")
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return number
    return max(1, min(len(old) + 1, len(new)))


# -- the rules -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Review:
    repo: Path
    author: str
    authority: Authority
    fork_point: str
    head: str
    layout: Layout

    def before(self, path: str) -> str | None:
        return read_at(self.repo, self.fork_point, path)

    def after(self, path: str) -> str | None:
        return read_at(self.repo, self.head, path)


@dataclass(frozen=True)
class PermissionCheck:
    changes: tuple[Change, ...]
    diagnostics: list[Diagnostic]


def check_permissions(repo: Path, base: str, author: str,
                      content: str = "content") -> PermissionCheck:
    """Every refusal for ``author``'s change from the merge base of ``base`` to HEAD."""
    base_tip = resolve_commit(repo, base)
    head = resolve_commit(repo, "HEAD")
    layout = Layout(content.strip("/"))
    review = _Review(repo, author, load_authority(repo, base_tip, layout),
                     merge_base(repo, base_tip, head), head, layout)
    changes = tuple(changed_files(repo, review.fork_point, head))
    diagnostics = [d for change in changes for d in judge(change, review)]
    return PermissionCheck(changes, sort_diagnostics(diagnostics))


def judge(change: Change, review: _Review) -> list[Diagnostic]:
    """The refusals one changed file earns; a published notice's rules come first."""
    removed = change.old_path if change.kind == "renamed" else (
        change.path if change.kind == "deleted" else None)
    if removed is not None and review.layout.is_notice(removed) \
            and is_published(review.before(removed)):
        if change.kind == "renamed":
            return [_renamed_published(change.path, removed)]
        return [_deleted_published(change.path)]
    touched: list[tuple[str, ChangeKind]] = [(change.path, change.kind)]
    if change.kind == "renamed" and change.old_path is not None:
        touched = [(change.old_path, "deleted"), (change.path, "added")]
    problems = [d for path, kind in touched for d in _authorize(path, kind, review)]
    if not problems and change.kind == "modified" and review.layout.is_notice(change.path):
        problems = _published_edits(change.path, review)
    return problems


def _authorize(path: str, kind: ChangeKind, review: _Review) -> list[Diagnostic]:
    layout, authority, author = review.layout, review.authority, review.author
    org_id = layout.organization_of_notice(path)
    if org_id is not None:
        if org_id not in authority.organizations:
            return [] if authority.is_admin(author) else [_unknown_organization(path, org_id,
                                                                                 review)]
        return [] if authority.maintains(author, org_id) else [_not_maintainer(path, org_id,
                                                                                  review)]
    org_id = layout.organization_file(path)
    if org_id is not None:
        if org_id not in authority.organizations:
            return [] if authority.is_admin(author) else [_new_organization(path, org_id,
                                                                              review)]
        if authority.maintains(author, org_id) or authority.is_admin(author):
            return []
        return [_foreign_organization_file(path, org_id, kind, review)]
    if layout.in_content(path) and not authority.is_admin(author):
        return [_admins_only(path, review)]
    return []


# -- messages ------------------------------------------------------------------------------------

def _line(path: str, review: _Review) -> int:
    return first_changed_line(review.before(path), review.after(path))


def _listing(logins: tuple[str, ...] | frozenset[str]) -> str:
    return ", ".join(sorted(logins)) if logins else "(никто)"


def _not_maintainer(path: str, org_id: str, review: _Review) -> Diagnostic:
    maintainers = review.authority.organizations[org_id].maintainers
    return error(path, _line(path, review), 1, "E050",
                 f"у автора {review.author} нет права публиковать от имени организации "
                 f"«{org_id}»: его логина нет в её списке maintainers",
                 f"уведомления этой организации меняют: {_listing(maintainers)}; если вы её "
                 f"сотрудник, попросите их добавить вас в maintainers в "
                 f"{review.layout.organization_path(org_id)}")


def _unknown_organization(path: str, org_id: str, review: _Review) -> Diagnostic:
    return error(path, _line(path, review), 1, "E050",
                 f"организации «{org_id}» ещё нет в основной ветке, и публиковать от её "
                 "имени нельзя",
                 "сначала администратор репозитория добавляет файл организации "
                 f"{review.layout.organization_path(org_id)}; администраторы: "
                 f"{_listing(review.authority.admins)}")


def _new_organization(path: str, org_id: str, review: _Review) -> Diagnostic:
    return error(path, 1, 1, "E050",
                 f"новую организацию «{org_id}» может добавить только администратор "
                 "репозитория",
                 f"администраторы перечислены в {review.layout.content}/{ADMINS_FILE}: "
                 f"{_listing(review.authority.admins)}; попросите одного из них")


def _foreign_organization_file(path: str, org_id: str, kind: ChangeKind,
                               review: _Review) -> Diagnostic:
    owners = review.authority.organizations[org_id]
    hint = ("файл организации меняют её сотрудники из maintainers "
            f"({_listing(owners.maintainers)}) или администраторы "
            f"({_listing(review.authority.admins)})")
    after = read_organization_owners(Path(path), review.after(path))
    if after is not None and _adds_author(owners, after, review.author):
        return error(path, after.maintainers_line, 1, "E050",
                     f"нельзя добавить себя ({review.author}) в maintainers чужой "
                     f"организации «{org_id}»",
                     f"попросите сотрудника из её maintainers ({_listing(owners.maintainers)}) "
                     "добавить вас своим запросом")
    action = "удалять" if kind == "deleted" else "менять"
    return error(path, _line(path, review), 1, "E050",
                 f"у автора {review.author} нет права {action} файл организации «{org_id}»: "
                 "его логина нет в её списке maintainers", hint)


def _adds_author(before: OrganizationOwners, after: OrganizationOwners, author: str) -> bool:
    key = login_key(author)
    return key in {login_key(m) for m in after.maintainers} \
        and key not in {login_key(m) for m in before.maintainers}


def _admins_only(path: str, review: _Review) -> Diagnostic:
    return error(path, _line(path, review), 1, "E050",
                 f"файл {path} может менять только администратор репозитория",
                 f"администраторы: {_listing(review.authority.admins)}; уведомления и "
                 "фотографии кладите в папку своей организации "
                 f"{review.layout.content}/notices/<организация>/")


_WITHDRAW = ("чтобы отозвать уведомление, добавьте в updates запись со status: cancelled; "
             "ошибку в тексте исправьте в самом файле")


def _deleted_published(path: str) -> Diagnostic:
    return error(path, 1, 1, "E050",
                 "опубликованное уведомление нельзя удалить: его записи уже разошлись по "
                 "лентам и каналам",
                 f"верните файл; {_WITHDRAW}")


def _renamed_published(path: str, old_path: str) -> Diagnostic:
    return error(path, 1, 1, "E050",
                 f"опубликованное уведомление нельзя переименовать или перенести "
                 f"(было {old_path}): по имени файла строятся идентификаторы записей в лентах, "
                 "и подписчики получили бы его заново",
                 f"верните прежнее имя файла; {_WITHDRAW}")


def _published_edits(path: str, review: _Review) -> list[Diagnostic]:
    """A published notice stays published, and its updates are only ever appended."""
    before, after = review.before(path), review.after(path)
    if not is_published(before):
        return []
    if not is_published(after):
        return [error(path, _line(path, review), 1, "E050",
                      "опубликованное уведомление нельзя снова сделать черновиком: "
                      "его записи уже разошлись по лентам и каналам",
                      f"уберите draft: true; {_WITHDRAW}")]
    was, now = update_count(before), update_count(after)
    if now >= was:
        return []
    return [error(path, _line(path, review), 1, "E050",
                  f"из опубликованного уведомления удалены обновления: было {was}, стало {now}",
                  "обновления только добавляются в конец списка updates; текст прежней "
                  "записи можно исправить, но не удалить её")]


# -- command line --------------------------------------------------------------------------------

def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from .report import FORMATS

    p = commands.add_parser(
        "check-permissions", help="проверить, что автор запроса вправе внести эти изменения",
        description="Сравнивает HEAD с общим предком ветки --base и отказывает (код выхода 1), "
                    "если автор меняет уведомления или файл чужой организации, добавляет "
                    "организацию, не будучи администратором, или переименовывает либо "
                    "удаляет опубликованное уведомление. Права берутся из ветки --base. "
                    "Незакоммиченные изменения не проверяются.")
    p.add_argument("--base", required=True, metavar="REF",
                   help="ветка, в которую направлен запрос, например origin/main")
    p.add_argument("--author", required=True, metavar="LOGIN",
                   help="логин автора запроса на git-хостинге")
    p.add_argument("--repo", type=Path, default=Path("."), metavar="DIR",
                   help="папка репозитория (по умолчанию текущая)")
    p.add_argument("--content", default="content", metavar="DIR",
                   help="папка содержимого внутри репозитория (по умолчанию content)")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text — для людей, github — аннотации в pull request, json — для программ")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .report import render

    try:
        repo = Path(_git(args.repo, "rev-parse", "--show-toplevel").decode().strip())
    except RepositoryError as exc:
        raise RepositoryError(f"папка {args.repo} не является репозиторием git") from exc
    result = check_permissions(repo, args.base, args.author, args.content)
    sys.stdout.write(render(result.diagnostics, args.format, len(result.changes)))
    return 1 if result.diagnostics else 0
