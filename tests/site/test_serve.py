"""`notices serve`: a preview on 127.0.0.1 that rebuilds when content changes."""

from __future__ import annotations

import io
import shutil
import urllib.request
from pathlib import Path

from generator.site.serve import Preview

from .conftest import BuiltSite, free_port
from .content import BUILT_AT, LENINA, LENINA_TITLE


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def test_the_preview_rebuilds_on_change_and_keeps_the_last_good_site(
        site: BuiltSite, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    log = io.StringIO()
    preview = Preview(content, free_port(), BUILT_AT, out=log)
    preview.start()
    try:
        assert LENINA_TITLE in fetch(preview.url)
        notice = content / "notices" / f"{LENINA}.md"
        notice.write_text(notice.read_text(encoding="utf-8").replace(
            f"title: {LENINA_TITLE}", "title: Порыв на ул. Ленина"), encoding="utf-8")
        assert preview.wait_for_build(1, timeout=60)
        assert "Порыв на ул. Ленина" in fetch(preview.url)
        notice.write_text(notice.read_text(encoding="utf-8").replace(
            "type: emergency", "type: авария"), encoding="utf-8")
        assert preview.wait_for_build(2, timeout=60)
        assert preview.failures == 1
        assert "error[E" in log.getvalue() and "Сайт не пересобран" in log.getvalue()
        assert "Порыв на ул. Ленина" in fetch(preview.url)
    finally:
        preview.stop()
