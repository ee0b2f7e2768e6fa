"""The built site's HTML, read like the spec: pages, links, feeds, safety, no other host."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.build import build

from .conftest import REPOSITORY, BuiltSite
from .content import (
    BUILT_AT,
    CHITA_NIKITINO,
    HISTORY_COUNT,
    HOSTILE,
    LENINA,
    LENINA_TITLE,
    MIRA,
    NIKITINO,
    SPORTIVNAYA,
)


class Tags(HTMLParser):
    """Every start tag of a document with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag
                and all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def html_files(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.root.rglob("*.html") if "pagefind" not in p.parts)


def test_every_published_notice_has_its_page_at_its_url(site: BuiltSite) -> None:
    for notice in site.model.published:
        html = site.html(notice.url)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert heading and heading.group(1).strip() == escape(notice.title, quote=False), notice.id


def test_a_notice_page_has_its_timeline_anchors_and_times_with_zone(site: BuiltSite) -> None:
    page = tags(site.html(f"notices/{HOSTILE}"))
    ids = {a.get("id") for _, a in page.tags}
    assert {"publication", "update-1", "update-2"} <= ids
    html = site.html(f"notices/{HOSTILE}")
    assert "16 ноября 2026, 09:00 — 19:00 (Екатеринбург, UTC+5)" in html
    assert "окончание перенесено, сначала объявляли 16 ноября 2026, 17:00" in html


def test_a_notice_page_links_its_feeds_and_preview_card(site: BuiltSite) -> None:
    page = tags(site.html(f"notices/{LENINA}"))
    alternates = {a["href"] for a in page.find("link") if "alternate" in a.get("rel", "").split()}
    base = site.base_url
    for folder in ["feeds/organizations/vks-test/",
                   "feeds/places/sverdlovskaia-oblast--verkhniaia-salda/", "feeds/all/"]:
        for name in ["rss.xml", "atom.xml", "feed.json"]:
            assert base + folder + name in alternates
    image = page.find("meta", property="og:image")[0]["content"]
    assert image.startswith(base + "media/cards/") and image.endswith(".png")
    assert (site.root / image.removeprefix(base)).is_file()
    assert page.find("meta", name="twitter:image")[0]["content"] == image
    links = {a.get("href") for a in page.find("a")}
    calendar = "feeds/organizations/vks-test/calendar.ics"
    webcal = "webcal://" + base.removeprefix("http://") + calendar
    assert webcal in links


def test_a_notice_page_shows_its_photo_from_the_images_stage(site: BuiltSite) -> None:
    page = tags(site.html(f"notices/{LENINA}"))
    images = page.find("img")
    photo = [i for i in images if i.get("alt") == "Место порыва у дома № 9"]
    assert photo and photo[0]["src"].startswith("../../../../media/")
    assert (site.root / f"notices/{LENINA}" / photo[0]["src"]).resolve().is_file()


def test_notice_text_cannot_run_script(site: BuiltSite) -> None:
    html = site.html(f"notices/{HOSTILE}")
    page = tags(html)
    for tag, attributes in page.tags:
        assert tag not in ("iframe", "object", "embed"), tag
        assert not [k for k in attributes if k.startswith("on")], (tag, attributes)
        for key in ("href", "src"):
            assert not attributes.get(key, "").strip().lower().startswith("javascript:")
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert not [s for s in scripts if "alert" in s]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Промывка *сети* {#x}" in html
    assert ('<a href="https://example.org/" rel="noopener noreferrer nofollow">обычной</a>'
            in html)


def test_the_organization_page_has_contacts_channels_feeds_and_history(site: BuiltSite) -> None:
    html = site.html("organizations/vks-test")
    page = tags(html)
    hrefs = [a.get("href", "") for a in page.find("a")]
    assert "tel:+73434500000" in hrefs
    assert "mailto:vks@example.org" in hrefs and "https://t.me/vks_test" in hrefs
    assert site.base_url + "feeds/organizations/vks-test/rss.xml" in hrefs
    assert LENINA_TITLE in html and "Замена задвижки на ул. Спортивной" in html
    second = site.html("organizations/vks-test/page-2")
    shown = html.count("Промывка сети №") + second.count("Промывка сети №")
    assert shown == HISTORY_COUNT
    assert 'href="../"' in second or "Страница 2 из 2" in second


def test_a_settlement_served_by_two_organizations_is_one_page(site: BuiltSite) -> None:
    html = site.html("places/sverdlovskaia-oblast--verkhniaia-salda")
    assert "МУП «ВКС»" in html and "АО «Тепло»" in html
    assert LENINA_TITLE in html and "Нет отопления на ул. Мира" in html
    ids = {a.get("id") for _, a in tags(html).tags}
    assert {"street-ul-lenina", "street-ul-mira", "street-ul-sportivnaia"} <= ids


def test_same_named_settlements_of_two_regions_are_two_pages(site: BuiltSite) -> None:
    sverdlovsk = site.html("places/sverdlovskaia-oblast--nikitino")
    chita = site.html("places/zabaikalskii-krai--nikitino")
    assert "Промывка водопровода в деревне Никитино" in sverdlovsk
    assert "Авария на водопроводе в Никитине" not in sverdlovsk
    assert "Авария на водопроводе в Никитине" in chita
    whole = sverdlovsk.split('id="whole"')[1].split('id="streets"')[0]
    assert "Промывка водопровода в деревне Никитино" in whole
    assert CHITA_NIKITINO and NIKITINO


def test_the_house_lookup_data_holds_the_generators_house_rules(site: BuiltSite) -> None:
    import json

    html = site.html("places/sverdlovskaia-oblast--verkhniaia-salda")
    raw = re.search(r'<script type="application/json" class="rso-lookup-data">(.*?)</script>',
                    html, re.S)
    assert raw
    data = json.loads(raw.group(1))
    lenina = next(s for s in data["streets"] if s["name"] == "ул. Ленина")
    notice = next(n for n in site.model.published if n.id == LENINA)
    rules = notice.areas[0].streets[0].houses
    assert rules is not None
    assert [rules.to_json()] == [pair[1] for pair in lenina["notices"]
                                 if data["notices"][pair[0]]["title"] == LENINA_TITLE]


def test_statuses_carry_their_times_for_the_script(site: BuiltSite) -> None:
    badge = tags(site.html(f"notices/{SPORTIVNAYA}")).find("span", data_rso_status="")[0]
    assert badge["data-type"] == "planned"
    assert badge["data-start"] == "2026-11-23T10:00:00+05:00"
    assert badge["data-end"] == "2026-11-23T18:00:00+05:00"
    hostile = tags(site.html(f"notices/{HOSTILE}")).find("span", data_rso_status="")[0]
    assert hostile["data-resolved"] == "2026-11-16T18:30:00+05:00"
    assert '"end":"2026-11-16T19:00:00+05:00"' in hostile["data-revisions"]
    assert "действует" in site.html(f"notices/{MIRA}")  # as of the build


def test_the_archive_lists_every_month(site: BuiltSite) -> None:
    index = site.html("archive")
    for month in ["Ноябрь 2026", "Октябрь 2026", "Сентябрь 2026"]:
        assert month in index
    november = site.html("archive/2026-11")
    assert LENINA_TITLE in november


def test_notice_pages_stay_out_of_the_navigation(site: BuiltSite) -> None:
    page = tags(site.html(f"notices/{LENINA}"))
    nav_links = [a["href"] for _, a in page.tags if "md-nav__link" in a.get("class", "").split()
                 and not a.get("href", "#").startswith("#")]
    hubs = ["places", "organizations", "regions", "archive", "search"]
    assert nav_links == ["../../../..", *(f"../../../../{hub}/" for hub in hubs)]
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    entry = f"<loc>{site.base_url}notices/{LENINA}/</loc><lastmod>2026-11-22</lastmod>"
    assert entry in sitemap


def test_no_page_asks_another_host_for_anything(site: BuiltSite) -> None:
    base = urlsplit(site.base_url)
    fetching = {"script": "src", "img": "src", "source": "srcset", "iframe": "src",
                "audio": "src", "video": "src"}
    for path in html_files(site):
        page = tags(path.read_text(encoding="utf-8"))
        for tag, attributes in page.tags:
            urls = []
            if tag in fetching:
                listed = attributes.get(fetching[tag], "").split(",")
                urls = [u.strip().split(" ")[0] for u in listed]
            if tag == "link" and attributes.get("rel") in ("stylesheet", "preconnect", "preload",
                                                           "icon", "modulepreload"):
                urls = [attributes.get("href", "")]
            for url in urls:
                parts = urlsplit(url)
                assert not parts.netloc or parts.netloc == base.netloc, (path, tag, url)
    for css in site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", text), css


def test_the_search_index_is_built(site: BuiltSite) -> None:
    bundle = site.root / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-entry.json").is_file()
    assert any(bundle.glob("pagefind.ru_*.pf_meta"))


@pytest.mark.slow
def test_the_same_content_and_now_give_the_same_pages(site: BuiltSite, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(site.content, again, BUILT_AT, base_url=site.base_url,
          mkdocs_config=REPOSITORY / "mkdocs.yml", cache_dir=tmp_path / "cache")
    first = {p.relative_to(site.root): p.read_bytes() for p in html_files(site)}
    second = {p.relative_to(again): p.read_bytes()
              for p in sorted(q for q in again.rglob("*.html") if "pagefind" not in q.parts)}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert (site.root / "sitemap.xml").read_bytes() == (again / "sitemap.xml").read_bytes()
