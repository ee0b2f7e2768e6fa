"""Notice pages filled into the theme's page are the pages MkDocs itself builds."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import generator.site
from generator.build import build
from generator.site.shell import PROBE_PATH, Shell, ShellError

from .conftest import REPOSITORY, BuiltSite
from .content import BUILT_AT, HOSTILE


@pytest.fixture(scope="module")
def by_mkdocs(site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same content and moment, every notice page built by MkDocs."""
    out = tmp_path_factory.mktemp("by-mkdocs") / "site"
    patch = pytest.MonkeyPatch()
    patch.setattr(generator.site, "render_site",
                  functools.partial(generator.site.render_site, notices_by_mkdocs=True))
    try:
        build(site.content, out, BUILT_AT, base_url=site.base_url,
              mkdocs_config=REPOSITORY / "mkdocs.yml", cache_dir=out.parent / "cache")
    finally:
        patch.undo()
    return out


def pages(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*.html")
            if "pagefind" not in p.parts}


def test_every_page_is_byte_for_byte_what_mkdocs_builds(site: BuiltSite, by_mkdocs: Path) -> None:
    filled, built = pages(site.root), pages(by_mkdocs)
    assert filled.keys() == built.keys()
    notices = [p for p in filled if p.parts[0] == "notices"]
    assert len(notices) == len(site.model.published)
    assert [p for p in filled if filled[p] != built[p]] == []
    assert not (site.root / PROBE_PATH).parent.exists()  # the probe is not published


def test_a_hostile_title_stays_text_in_every_slot(site: BuiltSite) -> None:
    html = site.html(f"notices/{HOSTILE}")
    assert "<script>alert(1)" not in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; Промывка *сети* {#x} - " in html
    assert '<h1 id="title">&lt;script&gt;alert(1)&lt;/script&gt; Промывка *сети* {#x}</h1>' in html


def test_a_theme_that_lost_a_slot_stops_the_build_with_a_clear_error(site: BuiltSite) -> None:
    probe = (site.root / "index.html").read_text(encoding="utf-8")  # not the probe page
    with pytest.raises(ShellError, match="has the theme changed"):
        Shell.parse(probe)
