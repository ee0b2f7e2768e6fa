"""The resident site: Markdown from the model, built by MkDocs (Material), searched with Pagefind.

``render_site(ctx, images)`` writes the pages into ``ctx.work_dir``, writes the
effective MkDocs configuration beside them (``mkdocs_run``), builds them into
``ctx.site_dir`` (in one process per core on a large site) and, meanwhile,
indexes lean search documents with Pagefind (``search_index``). Notice pages,
written as headings and HTML blocks, are put into the theme's page without
MkDocs' per-page work (``shell``); their Markdown is the same page for any
builder. Pages are plain
Markdown (with ``attr_list`` and ``md_in_html``); the custom HTML lives in
``theme/`` (a Material override) and in ``assets/`` (the stylesheet, the small
script that re-derives statuses and answers house lookups in the browser, and
the search page's script).

Modules: ``data`` (what pages are made of, worked out once), ``common`` (page
record, links, front matter, notice cards), ``notice_page``, ``organization_page``,
``place_page``, ``hub_pages`` (home, lists, regions, archive, search), ``status``
(badges carrying their times), ``text`` (escaping, sanitising),
``photos``, ``stats_hooks``, ``shell`` (notice pages from a probe page), ``finish``
(sitemap), ``serve`` (``notices serve``).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..context import BuildContext
from ..images import ImageIndex
from ..parallel import FORK_FROM, alongside, can_fork
from .common import Page, write_files
from .data import SiteData
from .finish import write_sitemap
from .hub_pages import (
    archive_pages,
    home_pages,
    organizations_index,
    places_index,
    region_pages,
    search_page,
)
from .mkdocs_run import (
    SiteBuildError,
    SiteSources,
    build_shards,
    merge_into,
    output_file,
    plan_shards,
    read_base_config,
)
from .notice_page import notice_page
from .organization_page import organization_pages
from .place_page import place_pages
from .search_index import finish_pagefind, search_documents, start_pagefind, write_documents
from .shell import PROBE_PATH, Shell, ShellError, probe_page, unsupported
from .text import BodyRenderer

__all__ = ["SiteBuildError", "hub_pages", "index_for_search", "notice_pages", "render_site"]

log = logging.getLogger(__name__)


def render_site(ctx: BuildContext, images: ImageIndex, *, material_search: bool = False,
                notices_by_mkdocs: bool = False, search: bool = True,
                raw_blocks: bool = True) -> None:
    """Write, build and index the whole site into ``ctx.site_dir``.

    MkDocs builds the hub pages and a probe page; notice pages are the probe's
    page filled in (``shell``), unless ``notices_by_mkdocs``. ``material_search``
    builds Material's own search instead of nothing (every page by MkDocs, so
    that its index holds them); it exists only so the benchmark can compare the
    two on the same site. Without ``search`` the caller runs :func:`index_for_search`
    itself (the build does, in another process). Without ``raw_blocks`` MkDocs parses
    every HTML block of the pages (``generator.rawhtml``): the same pages, slower.
    """
    clock = _Clock()
    data = SiteData(ctx, images)
    bodies = BodyRenderer(ctx.cache_dir / "site" / "bodies.json")
    hubs = list(hub_pages(data))
    clock.lap(f"{len(hubs)} hub pages made")
    base = read_base_config(ctx.mkdocs_config)
    reason = unsupported(base)
    if reason and not notices_by_mkdocs:
        log.info("notice pages are built by MkDocs: the shell does not know %s", reason)
    by_mkdocs = notices_by_mkdocs or material_search or reason is not None
    notices: list[Page] = []

    def make_notices() -> None:
        notices.extend(notice_pages(data, bodies))
        clock.lap(f"{len(notices)} notice pages made")

    if by_mkdocs:
        make_notices()
    sources = SiteSources(
        base=base, title=ctx.config.title,
        site_url=ctx.config.base_url, hubs=hubs, pages=[*hubs, *notices] if by_mkdocs else hubs,
        first=[] if by_mkdocs else [probe_page()], material_search=material_search,
        raw_blocks=raw_blocks)
    indexing: list[subprocess.Popen[str]] = []

    def meanwhile() -> None:
        """While MkDocs builds the hub pages: the notice pages, and the search index."""
        if not by_mkdocs:
            make_notices()
        if search:
            indexing.append(start_search_index(ctx, data, bodies, ctx.work_dir / "search"))
            clock.lap("search documents written, Pagefind started")

    try:
        shards = plan_shards(ctx.work_dir / "mkdocs", sources.work())
        fork = not by_mkdocs and len(data.notices) >= FORK_FROM and can_fork()
        built = build_shards(shards, sources, meanwhile=meanwhile, fork=fork)
        clock.lap(f"MkDocs built {len(sources.pages)} pages in {len(shards)} process(es)"
                  + (" (forked, beside the notice pages; this is the wait after them)"
                     if fork else ""))
        if not by_mkdocs:
            shell = read_shell(built)
            alongside(lambda: fill_notices(built, shell, notices[::2]),
                      lambda: fill_notices(built, shell, notices[1::2]), fork=fork)
            clock.lap(f"{len(notices)} notice pages filled into the theme's page")
    finally:
        failures = [finish_pagefind(process) for process in indexing]
    if any(failures):
        raise SiteBuildError("\n".join(f for f in failures if f))
    clock.lap("Pagefind index written")
    bodies.save()
    merge_into(built, ctx.site_dir)
    write_sitemap([*hubs, *notices], ctx.config.base_url, ctx.site_dir)
    clock.lap("site assembled")


def start_search_index(ctx: BuildContext, data: SiteData, bodies: BodyRenderer,
                       documents: Path) -> subprocess.Popen[str]:
    """Write the search documents into ``documents`` and start Pagefind on them."""
    write_documents(search_documents(data, bodies), documents)
    return start_pagefind(documents, ctx.site_dir / "pagefind")


def index_for_search(ctx: BuildContext, documents: Path,
                     meanwhile: Callable[[], None] = lambda: None) -> None:
    """The site's search index, on its own: ``meanwhile`` runs while Pagefind works; the
    search documents are removed as soon as Pagefind is done, while ``meanwhile`` goes on.
    Search documents show no images, so this needs none (the build runs it while the
    images are published)."""
    bodies = BodyRenderer(ctx.cache_dir / "site" / "bodies.json")
    process = start_search_index(ctx, SiteData(ctx, ImageIndex()), bodies, documents)
    outcome: list[str | BaseException | None] = [None]

    def finish() -> None:
        try:
            outcome[0] = finish_pagefind(process)
        except BaseException as error:  # raised below, in the caller's thread
            outcome[0] = error
        finally:
            shutil.rmtree(documents, ignore_errors=True)

    finishing = threading.Thread(target=finish)
    finishing.start()
    try:
        meanwhile()
    finally:
        finishing.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    if outcome[0]:
        raise SiteBuildError(outcome[0])


def read_shell(site: Path) -> Shell:
    """The theme's page for notices, from the probe page MkDocs built (then removed)."""
    probe = site / output_file(probe_page())
    try:
        shell = Shell.parse(probe.read_text(encoding="utf-8"))
    except ShellError as error:
        raise SiteBuildError(f"{probe}: {error}") from None
    shutil.rmtree(site.joinpath(*PROBE_PATH.split("/")[:2]))  # notices/_probe/
    return shell


def fill_notices(site: Path, shell: Shell, notices: list[Page]) -> None:
    """Write notice pages into ``site``."""
    def filled(page: Page) -> str:
        assert page.html is not None, f"{page.path} has no HTML blocks"
        return shell.fill(page.html, page.url)

    try:
        write_files(site, ((output_file(page), filled(page)) for page in notices))
    except ShellError as error:
        raise SiteBuildError(str(error)) from None


class _Clock:
    """Logs how long each step of the site build took (logger ``generator.site``)."""

    def __init__(self) -> None:
        self._last = time.perf_counter()

    def lap(self, what: str) -> None:
        now = time.perf_counter()
        log.info("%s: %.2f s", what, now - self._last)
        self._last = now


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


def notice_pages(data: SiteData, bodies: BodyRenderer) -> Iterator[Page]:
    for notice in data.notices:
        yield notice_page(data, notice, bodies)
