"""Fixtures of the site tests: one real build per session, served on 127.0.0.1, and Chromium.

The site is built with ``generator.build.build`` (validation, images, MkDocs,
Pagefind, feeds) from the content written by ``content.py``, as of
``BUILT_AT``; the browser's clock reads ``READ_AT``, a day later.
"""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.model import Model
from generator.validate import validate

from .content import BUILT_AT, READ_AT, write_content

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = REPOSITORY / "tests" / "artifacts"


@dataclass(frozen=True)
class BuiltSite:
    content: Path
    root: Path  # the site folder
    base_url: str  # http://127.0.0.1:<port>/
    model: Model

    def html(self, url: str) -> str:
        return (self.root / url / "index.html").read_text(encoding="utf-8")


def build_again(site: BuiltSite, out: Path, **render_options: bool) -> Path:
    """The test content built again into ``out`` at the same moment, the site rendered
    with ``render_site(**render_options)``: a variant to compare with ``site``."""
    import generator.site

    patch = pytest.MonkeyPatch()
    patch.setattr(generator.site, "render_site",
                  functools.partial(generator.site.render_site, **render_options))
    try:
        build(site.content, out, BUILT_AT, base_url=site.base_url,
              mkdocs_config=REPOSITORY / "mkdocs.yml", cache_dir=out.parent / "cache")
    finally:
        patch.undo()
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The test content built a day before it is read, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("site")
    content = write_content(folder / "content")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    out = folder / "out"
    build(content, out, BUILT_AT, base_url=base_url, mkdocs_config=REPOSITORY / "mkdocs.yml",
          cache_dir=folder / "cache")
    model = validate(content, BUILT_AT).model
    assert model is not None
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield BuiltSite(content, out, base_url, model)
    server.shutdown()
    server.server_close()


@dataclass
class Requests:
    """Every URL the browser asked for."""

    urls: list[str] = field(default_factory=list)

    def leaving(self, base_url: str) -> list[str]:
        return [u for u in self.urls if not u.startswith(base_url) and not u.startswith("data:")]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def requests() -> Requests:
    return Requests()


@pytest.fixture
def phone(chromium: Any, site: BuiltSite, requests: Requests) -> Iterator[Any]:
    """A page on a 390×844 phone whose clock reads ``READ_AT``; every request is recorded."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU",
                                   timezone_id="Asia/Yekaterinburg")
    context.on("request", lambda request: requests.urls.append(request.url))
    page = context.new_page()
    page.clock.set_fixed_time(READ_AT)
    yield page
    context.close()
