"""Notice pages filled into the theme's page are the pages MkDocs itself builds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.site.shell import PROBE_PATH, Shell, ShellError, unsupported

from .conftest import REPOSITORY, BuiltSite, build_again
from .content import BUILT_AT, HOSTILE


@pytest.fixture(scope="module")
def by_mkdocs(site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same content and moment, every notice page built by MkDocs."""
    return build_again(site, tmp_path_factory.mktemp("by-mkdocs") / "site",
                       notices_by_mkdocs=True)


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


def test_settings_the_shell_cannot_follow_leave_notice_pages_to_mkdocs() -> None:
    assert unsupported({"markdown_extensions": ["toc", "tables", "attr_list"]}) is None
    assert unsupported({"markdown_extensions": ["smarty"]}) == "markdown_extensions: smarty"
    assert unsupported({"markdown_extensions": [{"toc": {"permalink": True}}]})
    assert unsupported({"theme": {"features": ["navigation.footer", "content.action.edit"]}})
    assert unsupported({"theme": {"features": ["toc.integrate"]}})
    assert unsupported({"extra": {"analytics": {"feedback": {"title": "?"}}}})


def test_edit_buttons_link_each_notice_page_to_its_own_file(site: BuiltSite,
                                                            tmp_path: Path) -> None:
    config = yaml.safe_load((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(repo_url="https://example.org/rso/notices", edit_uri="edit/main/docs/")
    config["theme"]["features"] = ["content.action.edit"]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    out = tmp_path / "site"
    build(site.content, out, BUILT_AT, base_url=site.base_url,
          mkdocs_config=tmp_path / "mkdocs.yml", cache_dir=tmp_path / "cache")
    page = (out / "notices" / HOSTILE / "index.html").read_text(encoding="utf-8")
    assert f"edit/main/docs/notices/{HOSTILE}.md" in page
    assert "_probe" not in page


def test_a_probe_path_left_in_the_page_stops_the_shell() -> None:
    """A part of the theme's page naming the probe's own file is a slot the shell does
    not know: it must stop rather than publish it on every notice page."""
    from generator.site.shell import _Template

    assert _Template.compile('<a href="../../../../">Сейчас</a>').parts
    with pytest.raises(ShellError, match="_probe"):
        _Template.compile('<a href="https://example.org/edit/main/docs/notices/_probe/0000/'
                          'probe.md" title="Edit">Edit</a>')
