"""deploy/nginx/rso-notices.conf, served by Debian's nginx on 127.0.0.1 over built sites.

The server block is taken from the example file as it is; only `listen` and
`root` are pointed at this test's port and folder, inside a minimal main
configuration that keeps every file nginx writes in tmp_path.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

REPO = Path(__file__).parents[2]
EXAMPLE = REPO / "deploy" / "nginx" / "rso-notices.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MIME_TYPES = Path("/etc/nginx/mime.types")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))

pytestmark = pytest.mark.skipif(NGINX is None or not MIME_TYPES.is_file(),
                                reason="nginx is not installed (Debian package `nginx`)")

MAIN_CONFIG = """\
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{server}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_block(port: int, root: Path) -> str:
    """The example's server block, listening on 127.0.0.1:port over root."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s[^;]*;\n", "", text, flags=re.M)
    assert listens >= 1, "the example has no listen directive"
    text, roots = re.subn(r"^(\s*)root\s[^;]*;", rf"\1root {root};", text, count=1, flags=re.M)
    assert roots == 1, "the example has no root directive"
    return text.replace("server {", f"server {{\n    listen 127.0.0.1:{port};", 1)


def wait_until_listening(port: int, process: subprocess.Popen[bytes], error_log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {error_log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nginx did not start listening within 10 s")


def start_nginx(site: Path, tmp: Path) -> Iterator[str]:
    """nginx serving site with the example configuration; yields the base URL."""
    assert NGINX is not None
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    # A root master switches workers to `nobody`, who may not read tmp_path; keep root then.
    user = "user root;" if os.geteuid() == 0 else ""
    config = tmp / "nginx.conf"
    config.write_text(MAIN_CONFIG.format(user=user, tmp=tmp, mime_types=MIME_TYPES,
                                         server=server_block(port, site.resolve())),
                      encoding="utf-8")
    error_log = tmp / "error.log"
    command = [NGINX, "-p", str(tmp), "-c", str(config), "-e", str(error_log)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(port, process, error_log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- a small site made here: the server's behaviour, independent of the build ---------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Отключения</title>
{items}</channel></rss>
"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("small-site")
    feeds = site / "feeds" / "all"
    feeds.mkdir(parents=True)
    items = "".join(f"<item><guid isPermaLink=\"false\">tag:x,2026:n/{i}</guid>"
                    f"<title>Нет холодной воды — ул. Ленина, {i}</title></item>\n"
                    for i in range(40))
    (feeds / "rss.xml").write_text(RSS.format(items=items), encoding="utf-8")
    (feeds / "atom.xml").write_text('<feed xmlns="http://www.w3.org/2005/Atom"/>\n')
    (feeds / "feed.json").write_text('{"version": "https://jsonfeed.org/version/1.1"}\n')
    (feeds / "calendar.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (site / "feeds" / "index.json").write_text('{"version": 1, "feeds": []}\n')
    (site / "index.html").write_text("<!doctype html><title>Отключения</title>\n")
    (site / "404.html").write_text("<!doctype html><title>Не найдено</title>\n")
    return site


@pytest.fixture(scope="module")
def small_server(small_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from start_nginx(small_site, tmp_path_factory.mktemp("nginx-small"))


def get(url: str, **headers: str) -> httpx.Response:
    """A GET without compression unless asked (httpx asks for gzip by default)."""
    return httpx.get(url, headers={"Accept-Encoding": "identity", **headers})


def test_feed_has_validators_and_a_one_minute_cache(small_server: str) -> None:
    response = get(small_server + "feeds/all/rss.xml")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert response.headers["etag"]
    assert response.headers["last-modified"].endswith(" GMT")
    assert response.headers["cache-control"] == "max-age=60"
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<title>Отключения</title>" in response.text


def test_second_get_with_if_none_match_is_not_modified(small_server: str) -> None:
    url = small_server + "feeds/all/rss.xml"
    first = get(url)

    second = get(url, **{"If-None-Match": first.headers["etag"]})

    assert second.status_code == 304
    assert second.content == b""
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == "max-age=60"


def test_conditional_get_works_through_gzip_too(small_server: str) -> None:
    url = small_server + "feeds/all/rss.xml"
    first = get(url, **{"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    assert first.headers["vary"] == "Accept-Encoding"
    assert first.headers["etag"].startswith('W/"')  # gzip weakens it

    second = get(url, **{"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]})

    assert second.status_code == 304


def test_if_modified_since_is_not_modified(small_server: str) -> None:
    url = small_server + "feeds/all/rss.xml"
    first = get(url)

    second = get(url, **{"If-Modified-Since": first.headers["last-modified"]})

    assert second.status_code == 304


def test_a_changed_feed_gets_a_new_etag(small_site: Path, small_server: str) -> None:
    url = small_server + "feeds/all/atom.xml"
    first = get(url)
    path = small_site / "feeds" / "all" / "atom.xml"
    path.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Новое</title></feed>\n')
    os.utime(path, (time.time() + 5, time.time() + 5))

    second = get(url, **{"If-None-Match": first.headers["etag"]})

    assert second.status_code == 200
    assert second.headers["etag"] != first.headers["etag"]


@pytest.mark.parametrize(("path", "content_type"), [
    ("feeds/all/atom.xml", "application/atom+xml; charset=utf-8"),
    ("feeds/all/feed.json", "application/feed+json; charset=utf-8"),
    ("feeds/all/calendar.ics", "text/calendar; charset=utf-8"),
    ("feeds/index.json", "application/json; charset=utf-8"),
    ("", "text/html; charset=utf-8"),
])
def test_content_types(small_server: str, path: str, content_type: str) -> None:
    assert get(small_server + path).headers["content-type"] == content_type


def test_pages_revalidate_every_time(small_server: str) -> None:
    response = get(small_server)

    assert response.headers["cache-control"] == "no-cache"
    assert get(small_server, **{"If-None-Match": response.headers["etag"]}).status_code == 304


def test_missing_page_gets_the_sites_404(small_server: str) -> None:
    response = get(small_server + "notices/net-takogo/")

    assert response.status_code == 404
    assert "Не найдено" in response.text


# -- the real build ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build

    out = tmp_path_factory.mktemp("built") / "site"
    build(REPO / "content", out, NOW, "http://127.0.0.1/",
          cache_dir=tmp_path_factory.mktemp("build-cache"))
    return out


@pytest.mark.slow
def test_every_feed_of_a_real_build_is_served_with_validators(
        built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    expected_types = {"rss": "application/rss+xml", "atom": "application/atom+xml",
                      "json": "application/feed+json", "ics": "text/calendar"}
    index = json.loads((built_site / "feeds" / "index.json").read_text(encoding="utf-8"))
    for base in start_nginx(built_site, tmp_path_factory.mktemp("nginx-built")):
        assert get(base).status_code == 200
        for feed in index["feeds"][:3]:
            for kind, content_type in expected_types.items():
                url = base + feed[kind]
                first = get(url)
                assert first.status_code == 200, url
                assert first.headers["content-type"] == f"{content_type}; charset=utf-8", url
                assert first.headers["cache-control"] == "max-age=60", url
                assert first.headers["last-modified"], url
                again = get(url, **{"If-None-Match": first.headers["etag"]})
                assert again.status_code == 304, url
