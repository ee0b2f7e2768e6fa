"""Fixtures: the site built by ``notices build`` on a real HTTP server, fake Max and Telegram,
and a clock that never waits.

The site is the real generator's output for ``tests/bridge/content`` (one emergency
with three updates, the last resolving it, and one earlier piece of information),
built once per session at several moments (``--now``), so that "publishing" is
swapping in the feeds of a later build, as a real deployment does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.bridge.config import BridgeConfig, load_config
from generator.bridge.runner import Bridge, Timing
from generator.bridge.state import Store

from .fakes import FakeMax, FakeTelegram, SiteServer

REPOSITORY = Path(__file__).resolve().parents[2]
CONTENT = Path(__file__).parent / "content"
ORGANIZATION = "vks-verkhnyaya-salda"
FEED = f"feeds/organizations/{ORGANIZATION}/feed.json"

MAX_TOKEN = "max-secret-token-f3a9c1d2e4b5a6978"
TELEGRAM_TOKEN = "7000001:AAH-telegram-secret-token-9Zq8Wx7"
MAX_CHAT = -72000000000123
TELEGRAM_CHAT = -1001234567890
ENV = {"RSO_BRIDGE_MAX_TOKEN": MAX_TOKEN, "RSO_BRIDGE_TELEGRAM_TOKEN": TELEGRAM_TOKEN}

#: The moment every in-process test's bridge first runs, unless it says otherwise.
SUBSCRIBED = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

#: Builds of tests/bridge/content at these moments (``--now``), with the first so many
#: updates of the Lenina emergency in its file, as staff append them one pull request at a
#: time. Events (UTC): information about Nikitino 06:00; the Lenina emergency published
#: 09:40, updated 11:00, 12:30 (extended) and 14:10 (resolved).
SNAPSHOTS: dict[str, tuple[str, int]] = {
    "empty": ("2026-11-22T05:00:00+00:00", 0),
    "nikitino": ("2026-11-22T08:00:00+00:00", 0),
    "published": ("2026-11-22T10:00:00+00:00", 0),
    "update-1": ("2026-11-22T11:30:00+00:00", 1),
    "resolved": ("2026-11-22T15:00:00+00:00", 3),
}
LENINA_FILE = f"notices/{ORGANIZATION}/2026/2026-11-22-lenina.md"


class FakeClock:
    """Time that moves only when the bridge sleeps; every sleep is recorded."""

    def __init__(self, start: datetime = SUBSCRIBED) -> None:
        self.start = start
        self.elapsed = 0.0
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return 1000.0 + self.elapsed

    def sleep(self, seconds: float) -> bool:
        self.sleeps.append(seconds)
        self.elapsed += max(0.0, seconds)
        return True

    def stopping(self) -> bool:
        return False

    def advance(self, seconds: float) -> None:
        self.elapsed += seconds


@dataclass(frozen=True)
class Snapshots:
    folders: dict[str, Path]

    def items(self, name: str) -> list[dict[str, Any]]:
        """The organization feed's items of that build, oldest first."""
        feed = json.loads((self.folders[name] / FEED).read_text(encoding="utf-8"))
        return list(reversed(feed["items"]))

    def titles(self, name: str) -> list[str]:
        return [item["title"] for item in self.items(name)]


@dataclass
class World:
    """Everything one test needs, wired together."""

    root: Path
    site: SiteServer
    snapshots: Snapshots
    max: FakeMax
    telegram: FakeTelegram
    clock: FakeClock
    requests: list[tuple[float, str]] = field(default_factory=list)  # (fake time, url)
    opened: list[Bridge] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.site.url + "/"

    @property
    def feed_file(self) -> Path:
        return self.root / "site" / FEED

    def publish(self, snapshot: str) -> None:
        """Deploy the feeds of that build, as a site's deploy step would."""
        shutil.rmtree(self.root / "site" / "feeds", ignore_errors=True)
        shutil.copytree(self.snapshots.folders[snapshot] / "feeds", self.root / "site" / "feeds")

    def titles(self, snapshot: str, *numbers: int) -> list[str]:
        titles = self.snapshots.titles(snapshot)
        return [titles[number] for number in numbers] if numbers else titles

    def write_config(self, body: str | None = None, name: str = "bridge.yml") -> Path:
        path = self.root / name
        path.write_text(textwrap.dedent(body or self.default_config()), encoding="utf-8")
        return path

    def default_config(self) -> str:
        return f"""\
            site: {self.base_url}
            state: state.sqlite3
            poll_interval: 1
            channels:
              salda-max:
                messenger: max
                chat_id: {MAX_CHAT}
                token_env: RSO_BRIDGE_MAX_TOKEN
                api_url: {self.max.url}
              salda-telegram:
                messenger: telegram
                chat_id: {TELEGRAM_CHAT}
                token_env: RSO_BRIDGE_TELEGRAM_TOKEN
                api_url: {self.telegram.url}
            subscriptions:
              - feed: {{organization: {ORGANIZATION}}}
                to: [salda-max, salda-telegram]
            """

    def config(self, path: Path | None = None, env: dict[str, str] | None = None) -> BridgeConfig:
        config, problems = load_config(path or self.write_config(), ENV if env is None else env)
        assert config is not None, problems
        return config

    def bridge(self, config: BridgeConfig | None = None, env: dict[str, str] | None = None,
               timing: Timing | None = None) -> Bridge:
        config = config or self.config()

        def note(request: httpx.Request) -> None:
            self.requests.append((self.clock.monotonic(), str(request.url)))

        http = httpx.Client(timeout=5, event_hooks={"request": [note]})
        bridge = Bridge(config, Store.open(config.state_path), http,
                        ENV if env is None else env, self.clock, timing or Timing())
        self.opened.append(bridge)
        return bridge

    def close(self) -> None:
        for bridge in self.opened:
            bridge.http.close()
            bridge.store.close()


def _with_updates(text: str, count: int) -> str:
    """The notice file with only its first ``count`` updates."""
    head, rest = text.split("updates:\n", 1)
    updates, tail = rest.split("---\n", 1)
    entries = ["  - at:" + entry for entry in updates.split("  - at:")[1:]]
    kept = "updates:\n" + "".join(entries[:count]) if count else ""
    return head + kept + "---\n" + tail


def _build(work: Path, base_url: str, name: str, moment: tuple[str, int]) -> Path:
    now, updates = moment
    content = work / name / "content"  # a copy: the build's image cache goes beside it
    shutil.copytree(CONTENT, content)
    notice = content / LENINA_FILE
    notice.write_text(_with_updates(notice.read_text(encoding="utf-8"), updates),
                      encoding="utf-8")
    out = work / name / "site"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
         "--now", now, "--base-url", base_url],
        cwd=REPOSITORY, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    server = SiteServer(tmp_path_factory.mktemp("nothing-yet"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def snapshots(site_server: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Snapshots:
    work = tmp_path_factory.mktemp("builds")
    with ThreadPoolExecutor(max_workers=3) as pool:
        folders = dict(zip(SNAPSHOTS, pool.map(
            lambda pair: _build(work, site_server.url + "/", *pair), SNAPSHOTS.items()),
            strict=True))
    return Snapshots(folders)


@pytest.fixture
def world(tmp_path: Path, site_server: SiteServer, snapshots: Snapshots) -> Iterator[World]:
    (tmp_path / "site").mkdir()
    site_server.root = tmp_path / "site"
    if site_server.httpd is None:
        site_server.start()
    with site_server.lock:
        site_server.log.clear()
    max_api = FakeMax(MAX_TOKEN, (MAX_CHAT,))
    telegram = FakeTelegram(TELEGRAM_TOKEN, (TELEGRAM_CHAT,))
    for server in (max_api, telegram):
        server.start()
    world = World(tmp_path, site_server, snapshots, max_api, telegram, FakeClock())
    world.publish("nikitino")  # on the site before any bridge starts
    yield world
    world.close()
    for server in (max_api, telegram):
        server.stop()
    if site_server.httpd is None:
        site_server.start()
