"""The pages that lead to notices: home («сейчас»), lists, regions, archive, search."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Notice
from ..places import fold
from ..times import moment_text, month_title
from .common import (
    ALL_FEEDS,
    Feed,
    Page,
    card_list,
    chunks,
    front_matter,
    link,
    pages_nav,
    paginated_paths,
)
from .data import (
    RECENT_WINDOW,
    UPCOMING_WINDOW,
    SiteData,
    organizations_of_region,
    page_path_of,
    region_slug,
)
from .stats_hooks import region_stats
from .text import md

PER_PAGE = 50
HOME_LIMIT = 50


def home_pages(data: SiteData) -> list[Page]:
    source = "index.md"
    tz = data.model.organizations[0].timezone if data.model.organizations else "UTC"
    sections = [
        ("active", "Действуют сейчас", data.active, "Сейчас отключений нет."),
        ("upcoming", f"В ближайшие {UPCOMING_WINDOW.days} дней", data.upcoming_soon,
         "Плановых отключений в ближайшие две недели не объявлено."),
        ("recent", f"Завершены за {RECENT_WINDOW.days} дня", data.recently_finished,
         "За последние три дня ничего не завершалось."),
    ]
    parts = [
        front_matter("Сейчас", "Отключения воды, тепла, электричества и газа: что действует сейчас "
                     "и что запланировано", kind="home", feeds=[ALL_FEEDS]),
        "# Отключения сейчас\n",
        f'<p class="rso-asof" data-rso-asof>Сведения на {moment_text(data.now, tz)}. '
        "Статусы пересчитываются при открытии страницы.</p>\n",
        _search_form(),
    ]
    pages: list[Page] = []
    for key, title, notices, empty in sections:
        parts.append(f"## {title} {{ #{key} }}\n")
        parts.append(card_list(data, source, notices[:HOME_LIMIT], empty))
        if len(notices) > HOME_LIMIT:
            lists = list_pages(data, f"now/{key}.md", title, notices)
            parts.append(f"[Весь список ({len(notices)})]({link(source, lists[0].path)})\n")
            pages += lists
    if data.recent_info:
        parts += ["## Объявления { #info }\n",
                  card_list(data, source, data.recent_info[:HOME_LIMIT], "")]
    parts += ["## Населённые пункты { #places }\n", _places_by_region(data, source)]
    return [Page(source, "\n".join(parts)), *pages]


def _search_form() -> str:
    return ('<form class="rso-search-form" action="search/" role="search">'
            '<label for="rso-home-q">Найти улицу, посёлок или организацию</label>'
            '<input id="rso-home-q" name="q" type="search" placeholder="например, Ленина">'
            '<button type="submit" class="md-button">Найти</button></form>\n')


def list_pages(data: SiteData, first: str, title: str, notices: Sequence[Notice],
               intro: str = "", *, compact: bool = False, feeds: Sequence[Feed] = ()) -> list[Page]:
    """A paginated list of notice cards: ``first``, ``…/page-2.md``, …"""
    groups = chunks(notices, PER_PAGE)
    paths = paginated_paths(first, len(groups))
    pages = []
    for index, group in enumerate(groups):
        heading = title if index == 0 else f"{title}, страница {index + 1}"
        text = (front_matter(heading, feeds=feeds) + f"# {md(title)}\n\n" + intro
                + card_list(data, paths[index], group, "Объявлений нет.", compact=compact)
                + pages_nav(paths, index))
        pages.append(Page(paths[index], text))
    return pages


def _places_by_region(data: SiteData, source: str) -> str:
    lines = []
    for region, places in data.regions.items():
        if len(data.regions) > 1:
            lines += [f"**{md(region)}**", ""]
        for place in sorted(places, key=lambda p: fold(p.name)):
            current = sum(1 for n in data.in_place(place) if data.is_current(n))
            note = f" — {current} {_plural(current)}" if current else ""
            lines.append(f"- [{md(place.name)}]({link(source, page_path_of(place))}){note}")
        lines.append("")
    return "\n".join(lines)


def _plural(count: int) -> str:
    """«1 объявление», «2 объявления», «5 объявлений»."""
    if count % 10 == 1 and count % 100 != 11:
        return "объявление"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "объявления"
    return "объявлений"


def places_index(data: SiteData) -> Page:
    source = "places/index.md"
    return Page(source, front_matter("Населённые пункты") + "# Населённые пункты\n\n"
                + "Выберите свой населённый пункт: на его странице можно проверить дом.\n\n"
                + _places_by_region(data, source))


def organizations_index(data: SiteData) -> Page:
    source = "organizations/index.md"
    lines = [front_matter("Организации"), "# Организации\n"]
    for region in data.regions:
        if len(data.regions) > 1:
            lines.append(f"## {md(region)}\n")
        for org in organizations_of_region(data.model, region):
            lines.append(f"- [{md(org.name)}]({link(source, org.page_path)}) — "
                         f"{', '.join(md(s) for s in org.settlements)}")
        lines.append("")
    return Page(source, "\n".join(lines))


def region_pages(data: SiteData) -> list[Page]:
    index_source = "regions/index.md"
    index = [front_matter("Регионы"), "# Регионы\n"]
    pages = []
    for region, places in data.regions.items():
        source = f"regions/{region_slug(region)}.md"
        index.append(f"- [{md(region)}]({link(index_source, source)})")
        current = [n for p in places for n in data.in_place(p) if data.is_current(n)]
        current = data.current_order(list(dict.fromkeys(current)))
        orgs = organizations_of_region(data.model, region)
        text = [
            front_matter(region, f"{region}: отключения по населённым пунктам",
                         feeds=[ALL_FEEDS]),
            f"# {md(region)}\n",
            "## Сейчас и в ближайшее время { #current }\n",
            card_list(data, source, current[:HOME_LIMIT],
                      "Действующих и запланированных отключений нет."),
            "## Организации { #organizations }\n",
            "\n".join(f"- [{md(o.name)}]({link(source, o.page_path)})" for o in orgs) + "\n",
            "## Населённые пункты { #places }\n",
            "\n".join(f"- [{md(p.name)}]({link(source, page_path_of(p))})"
                      for p in sorted(places, key=lambda p: fold(p.name))) + "\n",
            region_stats(data.model, region, data.now),
        ]
        pages.append(Page(source, "\n".join(text)))
    return [Page(index_source, "\n".join(index) + "\n"), *pages]


def archive_pages(data: SiteData) -> list[Page]:
    index_source = "archive/index.md"
    index = [front_matter("Архив", feeds=[ALL_FEEDS]), "# Архив по месяцам\n"]
    pages: list[Page] = []
    year = None
    for (y, m), notices in sorted(data.by_month.items(), reverse=True):
        if y != year:
            index.append(f"\n## {y} {{ #year-{y} }}\n")
            year = y
        first = f"archive/{y:04d}-{m:02d}.md"
        index.append(f"- [{month_title(y, m)}]({link(index_source, first)}) — "
                     f"{len(notices)} {_plural(len(notices))}")
        pages += list_pages(data, first, f"Архив: {month_title(y, m)}",
                            data.newest_first(notices), compact=True, feeds=[ALL_FEEDS])
    if not data.by_month:
        index.append("Объявлений пока нет.")
    return [Page(index_source, "\n".join(index) + "\n"), *pages]


def search_page() -> Page:
    text = (front_matter("Поиск", "Поиск по объявлениям об отключениях", kind="search", search=True)
            + "# Поиск\n\n"
            + '<div class="rso-search" data-rso-search hidden>\n'
            '<form class="rso-search-form" role="search">'
            '<label for="rso-q">Улица, населённый пункт, организация или услуга</label>'
            '<input id="rso-q" name="q" type="search" autocomplete="off" '
            'placeholder="например, отключение воды Ленина">'
            '<button type="submit" class="md-button md-button--primary">Найти</button></form>\n'
            '<p class="rso-search__status" role="status" aria-live="polite"></p>\n'
            '<ol class="rso-search__results"></ol>\n'
            "</div>\n\n"
            "<noscript><p>Поиск работает с включённым JavaScript. Без него найдите свой адрес "
            "в списке населённых пунктов.</p></noscript>\n\n"
            "[Все населённые пункты](places/index.md) · [Архив](archive/index.md)\n")
    return Page("search.md", text)
