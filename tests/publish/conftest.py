"""Real git repositories in tmp_path, shaped like this project's content."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ORGANIZATION = """\
id: {org_id}
name: {name}
region: Свердловская область
timezone: Asia/Yekaterinburg
services: [cold_water]
settlements: [Верхняя Салда]
contacts:
  dispatcher: "+7 000 000-00-00"
maintainers: [{maintainers}]
"""

NOTICE = """\
---
title: Отключение холодной воды
type: planned
services: [cold_water]
published: {day} 09:00
start: {day} 10:00
end: {day} 18:00
areas:
  - settlement: Верхняя Салда
{draft}{updates}---
Текст уведомления.
"""

UPDATE = """\
  - at: {day} {time}
    text: {text}
"""


def notice_text(day: str = "2026-11-20", *, draft: bool = False,
                updates: tuple[str, ...] = ()) -> str:
    timeline = ""
    if updates:
        timeline = "updates:\n" + "".join(
            UPDATE.format(day=day, time=f"{11 + i:02d}:00", text=text)
            for i, text in enumerate(updates))
    return NOTICE.format(day=day, draft="draft: true\n" if draft else "", updates=timeline)


def organization_text(org_id: str, maintainers: str, name: str = "МУП «Вода»") -> str:
    return ORGANIZATION.format(org_id=org_id, name=name, maintainers=maintainers)


class GitRepo:
    """A throwaway repository; every call runs the real git."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                    "GIT_AUTHOR_NAME": "Тест", "GIT_AUTHOR_EMAIL": "test@example.org",
                    "GIT_COMMITTER_NAME": "Тест", "GIT_COMMITTER_EMAIL": "test@example.org"}
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, env=self.env, check=True,
                                capture_output=True, text=True)
        return result.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def remove(self, path: str) -> None:
        self.git("rm", "-q", path)

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def branch(self, name: str) -> None:
        self.git("switch", "-q", "-c", name)

    def switch(self, name: str) -> None:
        self.git("switch", "-q", name)


PUBLISHED_A = "content/notices/org-a/2026/2026-11-20-lenina.md"
DRAFT_A = "content/notices/org-a/2026/2026-11-21-chernovik.md"
PUBLISHED_B = "content/notices/org-b/2026/2026-11-20-gorkogo.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main: org-a (alice, anna), org-b (boris), admin root-admin; a PR branch `pr` off main."""
    r = GitRepo(tmp_path / "repo")
    r.write("content/admins.yml", "admins: [root-admin]\n")
    r.write("content/organizations/org-a.yml", organization_text("org-a", "alice, anna"))
    r.write("content/organizations/org-b.yml", organization_text("org-b", "boris"))
    r.write(PUBLISHED_A, notice_text(updates=("Бригада на месте.",)))
    r.write("content/notices/org-a/2026/media/pipe.jpg", "not really a jpeg\n")
    r.write(DRAFT_A, notice_text("2026-11-21", draft=True))
    r.write(PUBLISHED_B, notice_text())
    r.write("README.md", "# Уведомления\n")
    r.commit("base")
    r.branch("pr")
    return r
