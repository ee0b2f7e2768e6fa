"""What the site and the data files get: accessible SVG, tables, and deterministic stats.json."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown

from generator.context import BuildContext
from generator.model import Model, SiteConfig
from generator.stats import (
    organization_stats_markdown,
    place_outages_markdown,
    region_stats_markdown,
    write_stats_json,
)

from .factory import CHITA, area, local, model, notice, organization, place

SVG = "{http://www.w3.org/2000/svg}"
NOW = local("2026-11-23 12:00")
VKS = organization("vks")
TEPLO = organization("teplo-chita", tz=CHITA, region="Забайкальский край",
                     settlements=("Чита",))


def sample_model() -> Model:
    return model(
        (VKS, TEPLO),
        notice(VKS, "a", kind="unplanned", published="2026-11-20 09:00", start="2026-11-20 09:00",
               end="2026-11-20 11:00", areas=(area(VKS, "ул. Ленина"),),
               updates=(("2026-11-20 10:00", {}), ("2026-11-20 19:00", {"status": "resolved"}))),
        notice(VKS, "b", kind="planned", services=("hot_water",), published="2026-10-01 09:00",
               start="2026-10-05 09:00", end="2026-10-05 12:00"),
        notice(TEPLO, "c", services=("heating",), published="2026-11-22 20:00",
               start="2026-11-22 20:00", end="2026-11-23 08:00"),
    )


def svgs(text: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", text, flags=re.S)]


def test_charts_are_well_formed_accessible_svg_with_the_numbers_as_tables() -> None:
    text = organization_stats_markdown(sample_model(), VKS, NOW)
    charts = svgs(text)
    assert len(charts) == 3
    ids: set[str] = set()
    for svg in charts:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        ids |= {title.get("id"), desc.get("id")}  # type: ignore[arg-type]
        assert not list(svg.iter(f"{SVG}script"))
    assert len(ids) == 6  # unique on the page
    assert "<script" not in text and "https://" not in text
    assert "| Тип уведомления | Число |" in text
    assert "| Аварии и внеплановые работы: сроки нарушены | 100 % (1 из 1) |" in text
    assert "Как считается." in text
    assert 'href="../../stats/vks.json"' in text


def test_charts_survive_markdown_untouched() -> None:
    text = region_stats_markdown(sample_model(), "Забайкальский край", NOW)
    html = markdown.markdown(text, extensions=["md_in_html", "tables"])
    assert len(svgs(html)) == 3
    assert '<figure class="rso-chart"><svg' in html
    assert html.count("<table>") == 3
    assert "markdown" not in html  # the attribute was consumed by md_in_html


def test_region_counts_only_its_organizations() -> None:
    text = region_stats_markdown(sample_model(), "Забайкальский край", NOW)
    assert "всего уведомлений: 1." in text


def test_place_table_compares_with_the_monthly_norm() -> None:
    text = place_outages_markdown(sample_model(), place(VKS), NOW)
    assert ("<tr><th>Где</th><th>Услуга</th><th>Октябрь 2026</th><th>Ноябрь 2026</th>"
            "<th>Допустимо за месяц</th></tr>") in text
    assert ("<tr><td>ул. Ленина</td><td>холодное водоснабжение</td><td>0 ч</td>"
            "<td><strong>10 ч — больше нормы</strong></td><td>8 ч</td></tr>") in text
    assert ("<tr><td>Весь населённый пункт</td><td>горячее водоснабжение</td><td>3 ч</td>"
            "<td>0 ч</td><td>8 ч</td></tr>") in text


def test_place_table_names_the_exception_that_may_excuse_the_hours() -> None:
    accident = notice(VKS, "e", published="2026-11-20 09:00", start="2026-11-20 09:00",
                      updates=(("2026-11-20 19:00", {"status": "resolved"}),))
    maintenance = notice(VKS, "m", kind="planned", services=("hot_water",),
                         published="2026-11-01 09:00", start="2026-11-10 09:00",
                         end="2026-11-17 09:00")
    text = place_outages_markdown(model((VKS,), accident, maintenance), place(VKS), NOW)
    assert ("<td>Весь населённый пункт</td><td>холодное водоснабжение</td><td>0 ч</td>"
            "<td>10 ч — больше нормы, если авария не в централизованных сетях холодного "
            "водоснабжения</td><td>8 ч</td>") in text
    assert ("<td>горячее водоснабжение</td><td>0 ч</td><td>168 ч (7 сут) — больше нормы, "
            "если это не ежегодные ремонтные и профилактические работы</td><td>8 ч</td>") in text


def test_place_without_outages_says_so() -> None:
    quiet = model((VKS,))
    assert "перерывов не было" in place_outages_markdown(quiet, place(VKS), NOW)


def build_context(site: Path, m: Model) -> BuildContext:
    return BuildContext(model=m, now=NOW, config=SiteConfig(), site_dir=site,
                        work_dir=site / "work", cache_dir=site / "cache", mkdocs_config=None)


def read_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def test_stats_json_is_deterministic_and_indexed(tmp_path: Path) -> None:
    write_stats_json(build_context(tmp_path / "one", sample_model()))
    write_stats_json(build_context(tmp_path / "two", sample_model()))
    one, two = read_tree(tmp_path / "one"), read_tree(tmp_path / "two")
    assert one == two
    index = json.loads(one["stats/index.json"])
    listed = ([o["path"] for o in index["organizations"]] + [r["path"] for r in index["regions"]]
              + [index["site"]["path"]])
    assert sorted(listed) == sorted(k for k in one if k != "stats/index.json")
    assert index["as_of"] == "2026-11-23T07:00:00Z"
    assert index["norms"]["checked"] == "2026-11-23"
    assert index["norms"]["services"]["heating"]["item"] == 14


def test_organization_json_holds_the_figures(tmp_path: Path) -> None:
    write_stats_json(build_context(tmp_path, sample_model()))
    doc = json.loads((tmp_path / "stats" / "vks.json").read_text(encoding="utf-8"))
    assert doc["scope"] == "organization" and doc["key"] == "vks"
    assert doc["notices_by_type"] == {"emergency": 0, "info": 0, "planned": 1, "unplanned": 1}
    reactive = doc["emergency_and_unplanned"]
    assert reactive["start_to_resolution"] == {"median_hours": 10.0, "n": 1, "p90_hours": 10.0}
    assert reactive["publication_to_first_update"]["median_hours"] == 1.0
    assert reactive["overdue"] == {"count": 1, "of": 1, "share": 1.0}
    assert doc["planned"]["advance_notice"]["median_hours"] == 96.0
    lenina = next(r for r in doc["places"][0]["rows"] if r["street"] == "ул. Ленина")
    assert lenina["hours"]["cold_water"] == {"current_month": {"strict": 10.0, "total": 10.0},
                                             "previous_month": {"strict": 0.0, "total": 0.0}}
    region = json.loads((tmp_path / "stats" / "regions" / "zabaikalskii-krai.json").read_text())
    assert region["organizations"] == ["teplo-chita"]


def test_organization_json_counts_only_its_own_notices_in_shared_settlements(
        tmp_path: Path) -> None:
    other = organization("teplo-salda")  # serves the same settlement
    m = model((VKS, other),
              notice(other, "x", services=("heating",), published="2026-11-20 09:00",
                     start="2026-11-20 09:00",
                     updates=(("2026-11-20 12:00", {"status": "resolved"}),)))
    write_stats_json(build_context(tmp_path, m))
    mine = json.loads((tmp_path / "stats" / "vks.json").read_text(encoding="utf-8"))
    theirs = json.loads((tmp_path / "stats" / "teplo-salda.json").read_text(encoding="utf-8"))
    assert mine["places"][0]["rows"] == []
    assert theirs["places"][0]["rows"][0]["hours"]["heating"]["current_month"]["total"] == 3.0
