"""After MkDocs: the sitemap (deterministic, with real dates) and the Pagefind index."""

from __future__ import annotations

import gzip
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from .common import Page
from .mkdocs_run import SiteBuildError


def write_sitemap(pages: Sequence[Page], site_url: str, site_dir: Path) -> None:
    """``sitemap.xml`` and ``.gz`` listing every page; notices carry their last event's date.

    Replaces MkDocs' sitemap, which lists one shard only and dates entries by the clock.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(pages, key=lambda p: p.url):
        lines.append(f"<url><loc>{escape(site_url + page.url)}</loc>"
                     + (f"<lastmod>{page.lastmod.date().isoformat()}</lastmod>" if page.lastmod else "")
                     + "</url>")
    lines.append("</urlset>\n")
    data = "\n".join(lines).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def pagefind_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]


def run_pagefind(site_dir: Path) -> None:
    """Index the built site for Russian search (stemming, chunked index) into ``pagefind/``."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SiteBuildError(f"Pagefind failed ({result.returncode}):\n{result.stderr}{result.stdout}")
