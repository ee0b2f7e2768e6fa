"""After MkDocs: the sitemap, deterministic and with real dates."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from .common import Page


def write_sitemap(pages: Sequence[Page], site_url: str, site_dir: Path) -> None:
    """``sitemap.xml`` and ``.gz`` listing every page; notices carry their last event's date.

    Replaces MkDocs' sitemap, which lists one shard only and dates entries by the clock.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(pages, key=lambda p: p.url):
        lastmod = f"<lastmod>{page.lastmod.date().isoformat()}</lastmod>" if page.lastmod else ""
        lines.append(f"<url><loc>{escape(site_url + page.url)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    data = "\n".join(lines).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
