"""The resident site: Markdown pages from the model, built by MkDocs (Material), searched with Pagefind.

``render_site(ctx, images)`` writes the pages into ``ctx.work_dir``, writes the
effective MkDocs configuration beside them, builds into ``ctx.site_dir`` and
indexes the result with Pagefind. Pages are plain Markdown (with ``attr_list``
and ``md_in_html``); the custom HTML lives in ``theme/`` (a Material override)
and in ``assets/`` (the stylesheet and the small script that re-derives
statuses and answers house lookups in the browser).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import BuildContext
from ..images import ImageIndex
from .common import Page
from .data import SiteData
from .finish import run_pagefind, write_sitemap
from .hub_pages import (
    archive_pages,
    home_pages,
    organizations_index,
    places_index,
    region_pages,
    search_page,
)
from .mkdocs_run import SiteBuildError, build_shards, merge_into, plan_shards, read_base_config
from .notice_page import notice_page
from .organization_page import organization_pages
from .place_page import place_pages
from .text import BodyRenderer

__all__ = ["SiteBuildError", "hub_pages", "notice_pages", "render_site"]


def render_site(ctx: BuildContext, images: ImageIndex, *, material_search: bool = False) -> None:
    """Write, build and index the whole site into ``ctx.site_dir``.

    ``material_search`` builds Material's own search instead of nothing; it
    exists only so the benchmark can compare the two on the same site.
    """
    data = SiteData(ctx, images)
    hubs = list(hub_pages(data))
    notices = list(notice_pages(data))
    shards = plan_shards(ctx.work_dir / "mkdocs", len(notices))
    built = build_shards(shards, read_base_config(ctx.mkdocs_config), title=ctx.config.title,
                         site_url=ctx.config.base_url, hubs=hubs, notices=notices,
                         material_search=material_search)
    merge_into(built, ctx.site_dir)
    write_sitemap([*hubs, *notices], ctx.config.base_url, ctx.site_dir)
    run_pagefind(ctx.site_dir)


def hub_pages(data: SiteData) -> Iterator[Page]:
    """Every page except the notices' own."""
    yield from home_pages(data)
    yield search_page()
    yield places_index(data)
    yield organizations_index(data)
    yield from region_pages(data)
    yield from archive_pages(data)
    for org in sorted(data.model.organizations, key=lambda o: o.id):
        yield from organization_pages(data, org)
    for place in data.model.places:
        yield from place_pages(data, place)


def notice_pages(data: SiteData) -> Iterator[Page]:
    bodies = BodyRenderer()
    for notice in data.notices:
        yield notice_page(data, notice, bodies)
