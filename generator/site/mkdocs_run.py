"""The effective MkDocs configuration, and the MkDocs build itself.

A large site is built in shards, one process per core: every shard has the
same navigation and stub copies of the hub pages it does not build (so links
resolve the same way), plus its share of the pages. The shards' pages are
then moved into one site. MkDocs builds pages one at a time, so this is what
keeps a large build within budget on two cores. (Notice pages usually do not
reach MkDocs at all: see ``shell``.)
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..feeds import webcal_url
from ..parallel import alongside, cycle_collection
from ..rawhtml import unmarked_length
from .common import Page, write_files

PACKAGE = Path(__file__).parent
THEME_DIR = PACKAGE / "theme"
ASSETS_DIR = PACKAGE / "assets"
DEFAULT_CONFIG = PACKAGE / "default-mkdocs.yml"
ASSETS_URL = "assets/rso/"

PAGE_COST = 1500
WRITE_COST = 300  # writing one file before shard 0 starts, in the same units

#: MkDocs work per extra process (about 1,500 notice pages): below this a second
#: process costs more than it saves.
WORK_PER_SHARD = 1500 * (PAGE_COST + 4000)

NAV: list[dict[str, str]] = [
    {"Сейчас": "index.md"},
    {"Населённые пункты": "places/index.md"},
    {"Организации": "organizations/index.md"},
    {"Регионы": "regions/index.md"},
    {"Архив": "archive/index.md"},
    {"Поиск": "search.md"},
]
NOT_IN_NAV = "/notices/\n/organizations/\n/places/\n/regions/\n/archive/\n/now/\n"
REQUIRED_EXTENSIONS = ("toc", "tables", "attr_list", "md_in_html")
#: Reads the pages' marked HTML blocks without parsing them (``generator.rawhtml``).
RAW_EXTENSION = "generator.rawhtml"


class SiteBuildError(RuntimeError):
    """MkDocs or Pagefind failed: a defect of the generator, not of the content."""


@dataclass(frozen=True)
class Shard:
    index: int
    root: Path  # holds mkdocs.yml, docs/ and site/

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def read_base_config(path: Path | None) -> dict[str, Any]:
    """The repository's ``mkdocs.yml`` (or the packaged default) as a plain mapping."""
    source = path if path is not None else DEFAULT_CONFIG
    with source.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    if not isinstance(loaded, dict):
        raise SiteBuildError(f"{source}: expected a mapping of MkDocs settings")
    return loaded


def effective_config(base: dict[str, Any], *, title: str, site_url: str, docs_dir: Path,
                     site_dir: Path, material_search: bool = False,
                     raw_blocks: bool = True) -> dict[str, Any]:
    """The site's settings on top of the repository's: what residents' pages need."""
    config = dict(base)
    theme = dict(config.get("theme") or {})
    theme.update({"name": "material", "custom_dir": str(THEME_DIR), "language": "ru",
                  "font": False})
    extra = dict(config.get("extra") or {})
    extra["generator"] = False
    extra["rso_webcal"] = webcal_url(site_url)
    config.update({
        "site_name": title,
        "site_url": site_url,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": theme,
        "extra": extra,
        "plugins": ["search"] if material_search else [],
        "markdown_extensions": [*_extensions(config.get("markdown_extensions") or []),
                                *([RAW_EXTENSION] if raw_blocks else [])],
        "extra_css": [ASSETS_URL + "notices.css"],
        "extra_javascript": [ASSETS_URL + "notices.js"],
        "nav": NAV,
        "not_in_nav": NOT_IN_NAV,
        "strict": True,
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "info"},
            "links": {"not_found": "warn", "anchors": "info", "absolute_links": "info",
                      "unrecognized_links": "info"},
        },
    })
    config.setdefault("copyright", "Сведения публикуют организации, которые оказывают услуги.")
    return config


def _extensions(user: list[Any]) -> list[Any]:
    names = {next(iter(e)) if isinstance(e, dict) else e for e in user}
    return [*user, *(e for e in REQUIRED_EXTENSIONS if e not in names)]


def write_config(config: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_pages(pages: Sequence[Page], docs: Path, *, raw_blocks: bool = True) -> None:
    """The pages' Markdown, with their HTML blocks marked for ``RAW_EXTENSION`` or plain."""
    write_files(docs, ((page.path, page.marked if raw_blocks else page.text) for page in pages))


def write_assets(docs: Path) -> None:
    shutil.copytree(ASSETS_DIR, docs / ASSETS_URL, dirs_exist_ok=True)


def stub(page: Page) -> Page:
    """A hub page reduced to its front matter: enough for links and navigation in a shard."""
    text = page.marked
    end = text.find("\n---\n", 4)
    head = text[: end + 5] if text.startswith("---\n") and end > 0 else ""
    return Page(page.path, head + "# …\n")


def plan_shards(root: Path, work: int, cpus: int | None = None) -> list[Shard]:
    """As many shards as cores, but no more than the work (:func:`build_cost` units) needs."""
    cores = cpus or os.cpu_count() or 1
    count = max(1, min(cores, work // WORK_PER_SHARD))
    return [Shard(i, root / f"shard-{i}") for i in range(count)]


@dataclass(frozen=True)
class SiteSources:
    """What MkDocs builds, and the settings.

    ``pages`` are shared out between the shards (``first`` go to shard 0); every
    shard also holds a stub of each hub page it does not build, so that links and
    the navigation resolve the same way in every shard.
    """

    base: dict[str, Any]
    title: str
    site_url: str
    hubs: Sequence[Page]
    pages: Sequence[Page]
    first: Sequence[Page] = ()
    material_search: bool = False
    #: Whether MkDocs reads the pages' marked HTML blocks unparsed (``generator.rawhtml``).
    raw_blocks: bool = True

    def config_for(self, shard: Shard) -> dict[str, Any]:
        return effective_config(self.base, title=self.title, site_url=self.site_url,
                                docs_dir=shard.docs, site_dir=shard.site,
                                material_search=self.material_search,
                                raw_blocks=self.raw_blocks)

    def work(self) -> int:
        return sum(map(build_cost, self.pages))


def build_shards(shards: Sequence[Shard], sources: SiteSources,
                 meanwhile: Callable[[], None] = lambda: None, *, fork: bool = False) -> Path:
    """Build the shards in parallel and gather their pages into shard 0's site.

    Shards 1.. are written and started first; ``meanwhile`` runs while they
    build, before shard 0 (with the ``first`` pages and the assets) is built here,
    or, with ``fork``, while a forked copy of this process builds shard 0 (a fork starts
    at once: no new interpreter to load).
    """
    shares = share_out(sources.pages, len(shards),
                       head_start=WRITE_COST * len(sources.pages))
    shares[0] = [*sources.first, *shares[0]]

    def docs_of(shard: Shard) -> list[Page]:
        own = {page.path for page in shares[shard.index]}
        return [*(stub(p) for p in sources.hubs if p.path not in own), *shares[shard.index]]

    others = []
    try:
        for shard in shards[1:]:
            write_pages(docs_of(shard), shard.docs, raw_blocks=sources.raw_blocks)
            write_config(sources.config_for(shard), shard.config)
            others.append(_start(shard))
        main = shards[0]
        write_pages(docs_of(main), main.docs, raw_blocks=sources.raw_blocks)
        write_assets(main.docs)
        write_config(sources.config_for(main), main.config)
        alongside(meanwhile, lambda: run_mkdocs(str(main.config)), fork=fork)
    finally:
        failures = [_finish(process) for process in others]
    if any(failures):
        raise SiteBuildError("\n".join(f for f in failures if f))
    for shard in shards[1:]:
        for page in shares[shard.index]:
            _move(shard.site / output_file(page), shards[0].site / output_file(page))
    return shards[0].site


def output_file(page: Page) -> str:
    """The file MkDocs writes for a page, relative to the site (``use_directory_urls``)."""
    return "404.html" if page.path == "404.md" else page.url + "index.html"


def share_out(pages: Sequence[Page], count: int, head_start: int = 0) -> list[list[Page]]:
    """Pages per shard, so that every shard has about as much work.

    Before shard 0 starts, this process writes the pages and the search
    documents while the other shards already run, so shard 0 starts with that
    weight (``head_start``). Which shard builds a page does not change the page.
    """
    loads = [head_start] + [0] * (count - 1)
    shares: list[list[Page]] = [[] for _ in range(count)]
    for page in sorted(pages, key=lambda p: (-build_cost(p), p.path)):
        lightest = min(range(count), key=lambda i: (loads[i], i))
        shares[lightest].append(page)
        loads[lightest] += build_cost(page)
    return shares


def build_cost(page: Page) -> int:
    """MkDocs' time for a page, in units of about 0.8 µs: a fixed part (the theme's
    template, a new Markdown instance) plus the length of the Markdown it parses
    (marked HTML blocks cost next to nothing: ``generator.rawhtml``), as measured on
    a 10,000-notice site."""
    return PAGE_COST + unmarked_length(page.marked)


def _start(shard: Shard) -> subprocess.Popen[str]:
    """Build one shard in its own process: ``python -m generator.site.shard <config>``."""
    return subprocess.Popen([sys.executable, "-m", "generator.site.shard", str(shard.config)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen[str]) -> str:
    """Wait for a shard; its output if it failed, else an empty string."""
    output, _ = process.communicate()
    return "" if process.returncode == 0 else f"shard {process.args!r}: {output}"


def run_mkdocs(config_file: str) -> None:
    """One MkDocs build; warnings (broken links, …) are defects and fail it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with cycle_collection(True):  # MkDocs leaves cycles behind (see cycle_collection)
            config = load_config(config_file)
            build(config)
    except (Abort, ConfigurationError) as error:
        raise SiteBuildError(f"MkDocs: {error}\n" + "\n".join(handler.messages)) from None
    finally:
        logger.removeHandler(handler)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def merge_into(source: Path, target: Path) -> None:
    """Move every file of ``source`` into ``target``, keeping files already there elsewhere."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and destination.is_dir():
            merge_into(entry, destination)
        else:
            if destination.is_dir():
                shutil.rmtree(destination)
            os.replace(entry, destination)
