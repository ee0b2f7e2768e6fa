"""Who owns what: organization maintainers, repository admins, and the CODEOWNERS file.

An organization's ``maintainers`` may publish for it; the repository admins,
listed in ``content/admins.yml``, may add organizations and own everything
outside the organizations' folders. GitHub learns the same from a CODEOWNERS
file, which is generated here from those two sources and never edited by hand:

    *                                        @admin ...   (everything else: the admins)
    /content/organizations/<org-id>.yml      @maintainer ...
    /content/notices/<org-id>/               @maintainer ...

``check_codeowners`` reports E051 when the committed file differs from the
generated text; ``notices validate`` calls it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .diagnostics import Diagnostic, UsageError, error
from .yamlsource import YMap, YScalar, YSeq, parse_yaml

ADMINS_FILE = "admins.yml"  # inside the content folder
#: Where GitHub looks for the file, in its order; the first one found is the one in force.
CODEOWNERS_LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
GENERATED_PATH = ".github/CODEOWNERS"
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")

_HEADER = """\
# Файл создан командой `notices codeowners`; не меняйте его вручную.
# Кто может публиковать от имени организации, задаёт поле maintainers
# в content/organizations/<организация>.yml, администраторов — content/admins.yml.
# После их изменения выполните `notices codeowners` и добавьте этот файл в тот же запрос.
"""


class Owned(Protocol):
    """Anything with an organization id and its maintainers' logins (a model Organization too)."""

    @property
    def id(self) -> str: ...

    @property
    def maintainers(self) -> tuple[str, ...]: ...

    @property
    def source(self) -> Path: ...


@dataclass(frozen=True)
class OrganizationOwners:
    """An organization file read only for its maintainers (any revision, even an invalid one)."""

    id: str
    maintainers: tuple[str, ...]
    source: Path  # the file; only its name is used
    maintainers_line: int = 1  # the line of the ``maintainers`` key, for messages


def login_key(login: str) -> str:
    """Logins compare as GitHub compares them: without a leading @ and ignoring case."""
    return login.strip().removeprefix("@").casefold()


def read_organization_owners(source: Path, text: str | None) -> OrganizationOwners | None:
    """The maintainers listed in an organization file's text; None when it is absent."""
    if text is None:
        return None
    root, _ = parse_yaml(text.replace("\r\n", "\n"), source.name)
    if not isinstance(root, YMap):
        return OrganizationOwners(source.stem, (), source)
    key = root.key_node("maintainers")
    return OrganizationOwners(source.stem, _scalars(root.get("maintainers")), source,
                              key.line if key else 1)


def read_admins(text: str | None) -> tuple[str, ...]:
    """The logins under ``admins:`` in ``content/admins.yml``; none when the file is absent."""
    if text is None:
        return ()
    root, _ = parse_yaml(text.replace("\r\n", "\n"), ADMINS_FILE)
    return _scalars(root.get("admins")) if isinstance(root, YMap) else ()


def _scalars(node: object) -> tuple[str, ...]:
    if isinstance(node, YSeq):
        return tuple(item.value.strip() for item in node.items
                     if isinstance(item, YScalar) and not item.is_null and item.value.strip())
    if isinstance(node, YScalar) and not node.is_null and node.value.strip():
        return (node.value.strip(),)
    return ()


def load_admins(content: Path) -> tuple[str, ...]:
    path = content / ADMINS_FILE
    return read_admins(path.read_text(encoding="utf-8-sig") if path.is_file() else None)


def load_organization_owners(content: Path) -> list[OrganizationOwners]:
    """Every organization file of the working tree, read only for its maintainers."""
    folder = content / "organizations"
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")
                   and p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []
    return [owners for path in paths
            if (owners := read_organization_owners(path, path.read_text(encoding="utf-8-sig")))]


# -- the generated text ------------------------------------------------------------------------

def codeowners_text(organizations: Iterable[Owned], admins: Sequence[str],
                    content_prefix: str = "content") -> str:
    """The CODEOWNERS file: admins own everything, each organization its file and folder."""
    prefix = "/" + content_prefix.strip("/") + "/" if content_prefix.strip("/") else "/"
    lines = [_HEADER]
    admin_owners = _owners(admins)
    if admin_owners:
        lines.append(f"*  {admin_owners}\n")
    for org in sorted(organizations, key=lambda o: o.id):
        owners = _owners(org.maintainers) or admin_owners
        lines.append(f"\n# {org.id}\n")
        lines.append(f"{prefix}organizations/{org.source.name}  {owners}".rstrip() + "\n")
        lines.append(f"{prefix}notices/{org.id}/  {owners}".rstrip() + "\n")
    return "".join(lines)


def _owners(logins: Iterable[str]) -> str:
    """``@login`` for each well-formed login, once each; a malformed one would break the file."""
    seen: dict[str, str] = {}
    for login in logins:
        bare = login.strip().removeprefix("@")
        if _LOGIN.match(bare):
            seen.setdefault(bare.casefold(), "@" + bare)
    return " ".join(seen.values())


# -- checking the committed file ---------------------------------------------------------------

def committed_codeowners(repo_root: Path) -> Path | None:
    """The CODEOWNERS file GitHub would use, or None when the repository has none."""
    for location in CODEOWNERS_LOCATIONS:
        if (repo_root / location).is_file():
            return repo_root / location
    return None


def check_codeowners(repo_root: Path, organizations: Iterable[Owned],
                     content: Path | None = None) -> list[Diagnostic]:
    """E051 when the committed CODEOWNERS is missing or differs from the generated text."""
    content = (content or repo_root / "content").resolve()
    expected = codeowners_text(organizations, load_admins(content),
                               _relative(content, repo_root.resolve()))
    path = committed_codeowners(repo_root)
    hint = "выполните notices codeowners и добавьте файл .github/CODEOWNERS в тот же запрос"
    if path is None:
        return [error(GENERATED_PATH, 1, 1, "E051", "файла CODEOWNERS нет в репозитории", hint)]
    shown = path.relative_to(repo_root).as_posix()
    found = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if found == expected:
        return []
    line, wanted, present = _first_difference(expected, found)
    return [error(shown, line, 1, "E051",
                  f"файл CODEOWNERS устарел: в строке {line} должно быть «{wanted}», "
                  f"а записано «{present}»", hint)]


def _first_difference(expected: str, found: str) -> tuple[int, str, str]:
    wanted, present = expected.split("\n"), found.split("\n")
    for number in range(max(len(wanted), len(present))):
        a = wanted[number] if number < len(wanted) else "(конец файла)"
        b = present[number] if number < len(present) else "(конец файла)"
        if a != b:
            return number + 1, a, b
    return 1, "", ""  # unreachable when the texts differ


def _relative(content: Path, repo_root: Path) -> str:
    try:
        return content.relative_to(repo_root).as_posix()
    except ValueError as exc:
        raise UsageError(f"папка содержимого {content} лежит вне репозитория {repo_root}") from exc


# -- command line ------------------------------------------------------------------------------

def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "codeowners", help="записать файл .github/CODEOWNERS по полям maintainers",
        description="Создаёт .github/CODEOWNERS: администраторы из content/admins.yml "
                    "отвечают за весь репозиторий, сотрудники из maintainers каждой "
                    "организации — за её файл и папку уведомлений. С --check ничего не "
                    "записывает, а проверяет, что файл не устарел (код выхода 1).")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                   help="папка с notices/ и organizations/ (по умолчанию content/)")
    p.add_argument("--check", action="store_true",
                   help="не записывать, а проверить, что файл не устарел")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .report import as_text

    content: Path = args.content.resolve()
    if not content.is_dir():
        raise UsageError(f"папка с содержимым не найдена: {args.content}")
    repo_root = content.parent
    organizations = load_organization_owners(content)
    if args.check:
        problems = check_codeowners(repo_root, organizations, content)
        sys.stdout.write(as_text(problems, 1))
        return 1 if problems else 0
    target = repo_root / GENERATED_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(codeowners_text(organizations, load_admins(content),
                                      _relative(content, repo_root)), encoding="utf-8")
    print(target.relative_to(repo_root).as_posix())
    return 0
