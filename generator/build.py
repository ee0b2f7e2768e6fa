"""The build: validate, run every stage into a temporary folder, swap it into place.

Nothing is written when validation fails, and a failed stage leaves the old
output untouched: the new site is assembled beside ``out`` and renamed over
it only at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ruamel.yaml import YAML

from .context import BuildContext
from .diagnostics import ContentInvalid, Diagnostic, UsageError
from .model import SiteConfig
from .parallel import FORK_FROM, Handoff, alongside, can_fork, cycle_collection
from .validate import validate


@dataclass(frozen=True)
class BuildResult:
    out: Path
    notices: int
    warnings: list[Diagnostic]


def build(content: Path, out: Path, now: datetime, base_url: str | None = None,
          mkdocs_config: Path | None = None, cache_dir: Path | None = None) -> BuildResult:
    """Build the whole site with feeds from ``content`` as of ``now`` into ``out``."""
    if not (content / "notices").is_dir() and not (content / "organizations").is_dir():
        raise UsageError(f"в {content} нет папок notices/ и organizations/")
    mkdocs_config = mkdocs_config or _default_mkdocs_config(content)
    config = load_site_config(mkdocs_config, base_url)
    with cycle_collection(False):  # see cycle_collection; MkDocs turns it on for itself
        return _build(content, out, now, config, mkdocs_config, cache_dir)


def _build(content: Path, out: Path, now: datetime, config: SiteConfig,
           mkdocs_config: Path | None, cache_dir: Path | None) -> BuildResult:
    checked = validate(content, now, config)
    if checked.model is None:
        raise ContentInvalid(checked.diagnostics, checked.files)
    out = out.resolve()
    check_output_folder(out, content.resolve())
    out.parent.mkdir(parents=True, exist_ok=True)
    with (tempfile.TemporaryDirectory(prefix=".notices-", dir=out.parent) as scratch,
          _memory_scratch(len(checked.model.published)) as memory):
        site_dir = Path(scratch) / "site"
        work_dir = Path(scratch) / "work"
        site_dir.mkdir()
        work_dir.mkdir()
        ctx = BuildContext(model=checked.model, now=now, config=config, site_dir=site_dir,
                           work_dir=work_dir,
                           cache_dir=cache_dir or out.parent / ".cache" / "notices",
                           mkdocs_config=mkdocs_config)
        run_stages(ctx, (Path(memory) if memory else Path(scratch)) / "search")
        (site_dir / MARKER).write_text("Собрано командой notices build.\n", encoding="utf-8")
        _swap(site_dir, out)
    return BuildResult(out, len(checked.model.published), checked.warnings)


def run_stages(ctx: BuildContext, search_documents: Path) -> None:
    """On a large site, two processes at once: this one publishes the images, then builds
    the pages; a forked one writes the search documents (into ``search_documents``) and
    starts Pagefind on them meanwhile, then takes the images (pages and feeds show them)
    and writes the feeds and statistics while Pagefind works. They write different
    folders of the site and read only the model."""
    from .feeds import write_feeds
    from .images import ImageIndex, publish_images
    from .site import index_for_search, render_site
    from .stats import write_stats_json

    forked = len(ctx.model.published) >= FORK_FROM and can_fork()
    images: Handoff[ImageIndex] = Handoff(ctx.work_dir.with_name("images.pickle"), fork=forked)

    def feeds_and_stats() -> None:
        # Beside the site's process, one process for the feeds: more would encode the
        # same items again each.
        write_feeds(ctx, images.take(), workers=1 if forked else None)
        write_stats_json(ctx)

    def search_feeds_and_stats() -> None:
        index_for_search(ctx, search_documents, feeds_and_stats)

    # The site's scratch files (tens of thousands on a large site) are no longer needed
    # once it is built: they are removed while the other process finishes.
    cleaning = threading.Thread(target=shutil.rmtree, args=(ctx.work_dir,),
                                kwargs={"ignore_errors": True})

    def site() -> None:
        try:
            published = publish_images(ctx)
            images.give(published)
        finally:
            images.close()
        render_site(ctx, published, search=False)
        cleaning.start()

    try:
        alongside(site, search_feeds_and_stats, fork=forked)
    finally:
        if cleaning.ident is not None:
            cleaning.join()


#: A folder in memory (tmpfs) for scratch files that live for seconds, where Linux has one.
MEMORY_SCRATCH = Path("/dev/shm")
MEMORY_PREFIX = "notices-search-"
#: Room the search documents may take per notice in memory (about 4 KB each), with a margin.
MEMORY_PER_NOTICE = 16 * 1024
MEMORY_MARGIN = 256 * 1024 * 1024
#: A scratch folder in memory this old is left from a build that was killed: removed.
MEMORY_STALE_AFTER = 6 * 3600


def _memory_scratch(notices: int) -> contextlib.AbstractContextManager[str | None]:
    """A temporary folder in memory for Pagefind's input, when there is one with room.

    The search documents (one small file per page) are written, read once by Pagefind and
    removed within seconds; in memory each costs a fraction of a file on disk. Without a
    usable ``/dev/shm`` they go to the build's scratch folder beside the output, as the
    rest. The build process removes the folder when it ends, however the process that
    wrote into it ended; what a killed build left is removed by a later one.
    """
    _forget_stale_scratch()
    needed = MEMORY_MARGIN + MEMORY_PER_NOTICE * notices
    try:
        room = shutil.disk_usage(MEMORY_SCRATCH).free
        headroom = memory_headroom()  # files in tmpfs count against the container's limit
        if (room >= needed and (headroom is None or headroom >= 2 * needed)
                and os.access(MEMORY_SCRATCH, os.W_OK | os.X_OK)):
            return tempfile.TemporaryDirectory(prefix=MEMORY_PREFIX, dir=MEMORY_SCRATCH)
    except OSError:
        pass
    return contextlib.nullcontext()


CGROUP_ROOT = Path("/sys/fs/cgroup")
#: cgroup v1 writes "no limit" as a number near 2**63.
NO_LIMIT = 1 << 60


def memory_headroom(proc_cgroup: Path = Path("/proc/self/cgroup")) -> int | None:
    """Bytes this process's memory cgroup (v2 or v1) may still take under its own limit;
    ``None`` when it has none or it cannot be read. Usage counts the page cache, so this
    errs low."""
    try:
        lines = proc_cgroup.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        number, controllers, path = [*line.split(":", 2), "", ""][:3]
        if number == "0" and controllers == "":
            base = CGROUP_ROOT / path.lstrip("/")
            files = (base / "memory.max", base / "memory.current")
        elif "memory" in controllers.split(","):
            base = CGROUP_ROOT / "memory" / path.lstrip("/")
            files = (base / "memory.limit_in_bytes", base / "memory.usage_in_bytes")
        else:
            continue
        try:
            limit, usage = (f.read_text(encoding="utf-8").strip() for f in files)
            if limit == "max" or int(limit) >= NO_LIMIT:
                continue
            return int(limit) - int(usage)
        except (OSError, ValueError):
            continue
    return None


def _forget_stale_scratch() -> None:
    try:
        folders = list(MEMORY_SCRATCH.glob(MEMORY_PREFIX + "*"))
    except OSError:
        return
    deadline = time.time() - MEMORY_STALE_AFTER
    for folder in folders:
        with contextlib.suppress(OSError):
            status = folder.lstat()
            if status.st_uid == os.getuid() and status.st_mtime < deadline:
                shutil.rmtree(folder)


#: A file every build leaves in its output, so that a later build knows it may replace the folder.
MARKER = ".notices-site"


def check_output_folder(out: Path, content: Path) -> None:
    """Refuse an --out that is not ours to replace: a file, the content, a folder of other files."""
    if out == Path(out.anchor) or out == Path.home():
        raise UsageError(f"--out {out}: в эту папку сайт не записывается; укажите, например, site/")
    if out == content or out in content.parents or content in out.parents:
        raise UsageError(f"--out {out} совпадает с папкой содержимого или содержит её; "
                         "укажите отдельную папку, например site/")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} — это файл, а не папка; укажите папку для сайта")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise UsageError(f"папка {out} не пуста и не похожа на сайт, собранный notices build; "
                         "чтобы ничего не потерять, она не будет заменена: укажите пустую или "
                         "новую папку")


def _swap(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` with two renames on the same file system."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _default_mkdocs_config(content: Path) -> Path | None:
    """mkdocs.yml beside the content folder, else in the current folder, else the defaults."""
    for candidate in (content.resolve().parent / "mkdocs.yml", Path.cwd() / "mkdocs.yml"):
        if candidate.is_file():
            return candidate
    return None


def load_site_config(mkdocs_config: Path | None, base_url: str | None) -> SiteConfig:
    """Site settings from ``mkdocs.yml`` (``site_name``, ``site_url``, ``extra.notices``)."""
    config = SiteConfig()
    if mkdocs_config is not None:
        data = YAML(typ="safe", pure=True)
        data.constructor.add_constructor(None, lambda loader, node: None)  # !!python/name etc.
        raw = data.load(mkdocs_config.read_text(encoding="utf-8")) or {}
        extra = (raw.get("extra") or {}).get("notices") or {}
        config = SiteConfig(
            title=raw.get("site_name") or config.title,
            base_url=raw.get("site_url") or config.base_url,
            tag_authority=extra.get("tag_authority", config.tag_authority),
            tag_year=int(extra.get("tag_year", config.tag_year)),
        )
    if base_url:
        config = replace(config, base_url=base_url)
    if not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    return config
