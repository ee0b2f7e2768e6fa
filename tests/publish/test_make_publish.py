"""`make publish DEST=...` mirrors a built site into a folder, with rsync or a plain copy."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .test_nginx import NGINX, get, start_nginx

REPO = Path(__file__).parents[2]
WAYS = ["no-such-rsync", "rsync"]  # the plain copy, and rsync when it is installed


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "feeds" / "all").mkdir(parents=True)
    (site / "feeds" / "all" / "rss.xml").write_text("<rss/>\n", encoding="utf-8")
    (site / "notices" / "a b").mkdir(parents=True)
    (site / "notices" / "a b" / "index.html").write_text("<p>пробел в имени</p>\n")
    (site / "index.html").write_text("<title>новая</title>\n", encoding="utf-8")
    return site


def make_stale_destination(root: Path) -> Path:
    dest = root / "www"
    (dest / "notices" / "removed" / "deep").mkdir(parents=True)
    (dest / "notices" / "removed" / "deep" / "index.html").write_text("old\n")
    (dest / "index.html").write_text("<title>старая</title>\n", encoding="utf-8")
    return dest


def require_publish_target() -> None:
    if "\npublish:" not in (REPO / "Makefile").read_text(encoding="utf-8"):
        pytest.fail("the Makefile has no `publish:` target, which docs/publishing.md documents")


def publish(site: Path, dest: Path, rsync: str) -> subprocess.CompletedProcess[str]:
    require_publish_target()
    # -o build: take the site as built; this test is about the copy, not the build.
    return subprocess.run(["make", "--no-print-directory", "-o", "build", "publish",
                           f"SITE={site}", f"DEST={dest}", f"RSYNC={rsync}"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def assert_same_tree(a: Path, b: Path) -> None:
    comparison = filecmp.dircmp(a, b)
    assert comparison.left_only == comparison.right_only == comparison.diff_files == [], a
    for sub in comparison.common_dirs:
        assert_same_tree(a / sub, b / sub)


def need(rsync: str) -> None:
    if rsync == "rsync" and shutil.which("rsync") is None:
        pytest.skip("rsync is not installed; the plain-copy case covers this machine")


def rebuild_identically(site: Path) -> None:
    """What a build does to unchanged content: the same bytes, written anew (a later mtime)."""
    later = time.time() + 120
    for path in site.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes())
            os.utime(path, (later, later))


@pytest.mark.parametrize("rsync", WAYS)
def test_publish_mirrors_the_site(tmp_path: Path, rsync: str) -> None:
    need(rsync)
    site, dest = make_site(tmp_path), make_stale_destination(tmp_path)

    result = publish(site, dest, rsync)

    assert result.returncode == 0, result.stdout + result.stderr
    assert_same_tree(site, dest)
    assert not (dest / "notices" / "removed").exists()


def test_publish_without_dest_says_how(tmp_path: Path) -> None:
    require_publish_target()
    result = subprocess.run(["make", "--no-print-directory", "-o", "build", "publish",
                             f"SITE={make_site(tmp_path)}"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)

    assert result.returncode != 0
    assert "make publish DEST=" in result.stderr


@pytest.mark.parametrize("rsync", WAYS)
def test_unchanged_files_keep_their_time_and_changed_ones_get_a_new_one(
        tmp_path: Path, rsync: str) -> None:
    need(rsync)
    site, dest = make_site(tmp_path), tmp_path / "www"
    assert publish(site, dest, rsync).returncode == 0
    feed, page = dest / "feeds" / "all" / "rss.xml", dest / "index.html"
    feed_time, page_time = feed.stat().st_mtime_ns, page.stat().st_mtime_ns

    rebuild_identically(site)
    (site / "index.html").write_text("<title>другая</title>\n", encoding="utf-8")
    os.utime(site / "index.html", (time.time() + 240, time.time() + 240))
    assert publish(site, dest, rsync).returncode == 0

    assert feed.stat().st_mtime_ns == feed_time
    assert page.stat().st_mtime_ns != page_time
    assert page.read_text(encoding="utf-8") == "<title>другая</title>\n"


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (Debian package `nginx`)")
@pytest.mark.parametrize("rsync", WAYS)
def test_bridges_get_304_across_an_identical_rebuild(tmp_path: Path, rsync: str) -> None:
    need(rsync)
    site, dest = make_site(tmp_path), tmp_path / "www"
    assert publish(site, dest, rsync).returncode == 0
    for base in start_nginx(dest, tmp_path / "nginx"):
        first = get(base + "feeds/all/rss.xml")

        rebuild_identically(site)
        assert publish(site, dest, rsync).returncode == 0

        again = get(base + "feeds/all/rss.xml", **{"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
