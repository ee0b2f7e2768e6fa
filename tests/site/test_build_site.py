"""How the pages reach MkDocs: plain Markdown, and shards that build the same site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.images import ImageIndex
from generator.site import hub_pages, mkdocs_run, notice_pages
from generator.site.common import Page
from generator.site.data import SiteData
from generator.site.mkdocs_run import (
    WORK_PER_SHARD,
    WRITE_COST,
    build_cost,
    plan_shards,
    share_out,
    stub,
)
from generator.site.text import BodyRenderer

from .conftest import REPOSITORY, BuiltSite
from .content import BUILT_AT


def pages_of(site: BuiltSite, tmp_path: Path) -> tuple[list[Page], list[Page]]:
    from generator.build import load_site_config
    from generator.context import BuildContext

    config = load_site_config(REPOSITORY / "mkdocs.yml", site.base_url)
    ctx = BuildContext(site.model, BUILT_AT, config, tmp_path, tmp_path, tmp_path, None)
    data = SiteData(ctx, ImageIndex())
    return list(hub_pages(data)), list(notice_pages(data, BodyRenderer()))


def test_pages_are_plain_markdown_with_front_matter(site: BuiltSite, tmp_path: Path) -> None:
    hubs, notices = pages_of(site, tmp_path)
    assert len(notices) == len(site.model.published)
    for page in [*hubs, *notices]:
        assert page.text.startswith("---\n"), page.path
        head, body = page.text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head)
        assert isinstance(meta["title"], str)
        assert "{%" not in body and "{{" not in body, page.path  # no template syntax
    paths = [p.path for p in [*hubs, *notices]]
    assert len(paths) == len(set(paths))


def test_shares_cover_every_page_once_and_balance_the_work(site: BuiltSite,
                                                           tmp_path: Path) -> None:
    hubs, notices = pages_of(site, tmp_path)
    pages = [*hubs, *notices]
    head_start = WRITE_COST * len(pages)
    shares = share_out(pages, 2, head_start)
    assert sorted(p.path for share in shares for p in share) == sorted(p.path for p in pages)
    loads = [sum(map(build_cost, share)) for share in shares]
    loads[0] += head_start
    assert abs(loads[0] - loads[1]) <= max(map(build_cost, pages))
    assert share_out(pages, 2, head_start) == shares


def test_a_small_site_is_built_in_one_process(tmp_path: Path) -> None:
    assert len(plan_shards(tmp_path, WORK_PER_SHARD - 1, cpus=2)) == 1
    assert len(plan_shards(tmp_path, 20 * WORK_PER_SHARD, cpus=2)) == 2
    assert len(plan_shards(tmp_path, 20 * WORK_PER_SHARD, cpus=1)) == 1


def test_a_stub_keeps_the_front_matter_only() -> None:
    page = Page("organizations/x.md", '---\ntitle: "X"\n---\n# X\n\nlong text')
    assert stub(page).text == '---\ntitle: "X"\n---\n# …\n'


@pytest.mark.slow
def test_a_sharded_build_gives_the_same_pages(site: BuiltSite, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_run, "WORK_PER_SHARD", 10)  # hub pages in two processes
    out = tmp_path / "sharded"
    build(site.content, out, BUILT_AT, base_url=site.base_url,
          mkdocs_config=REPOSITORY / "mkdocs.yml", cache_dir=tmp_path / "cache")
    single = {p.relative_to(site.root): p.read_bytes() for p in site.root.rglob("*.html")
              if "pagefind" not in p.parts}
    sharded = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.html")
               if "pagefind" not in p.parts}
    assert single.keys() == sharded.keys()
    assert [k for k in single if single[k] != sharded[k]] == []


def test_search_index_failures_reach_the_caller_and_documents_go(
        site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.site
    from generator.build import load_site_config
    from generator.context import BuildContext

    config = load_site_config(REPOSITORY / "mkdocs.yml", site.base_url)
    (tmp_path / "site").mkdir()
    ctx = BuildContext(site.model, BUILT_AT, config, tmp_path / "site", tmp_path / "work",
                       tmp_path / "cache", None)
    documents = tmp_path / "search"
    ran: list[bool] = []

    def broken(process: subprocess.Popen[str]) -> None:
        assert any(documents.iterdir())  # written, and still there while Pagefind reads
        process.communicate()
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    def failed(process: subprocess.Popen[str]) -> str:
        process.communicate()
        return "Pagefind failed"

    monkeypatch.setattr(generator.site, "finish_pagefind", broken)
    with pytest.raises(UnicodeDecodeError):
        generator.site.index_for_search(ctx, documents, lambda: ran.append(True))
    assert ran == [True] and not documents.exists()

    monkeypatch.setattr(generator.site, "finish_pagefind", failed)
    with pytest.raises(generator.site.SiteBuildError, match="Pagefind failed"):
        generator.site.index_for_search(ctx, documents)
    assert not documents.exists()
