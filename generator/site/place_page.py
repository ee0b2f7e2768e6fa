"""The page of one settlement: its streets, their notices, and the house lookup.

One page per settlement whichever organizations serve it; the house lookup
embeds, for every street, the house rules of the notices that still matter
(current, upcoming or just finished) as JSON, and ``assets/notices.js``
answers "is my house affected?" with the same rules as ``generator/houses.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Notice, Place
from ..places import slug
from ..rawhtml import raw_block
from ..retention import is_recent
from ..times import span_text
from .common import (
    Heading,
    Page,
    card_list,
    card_list_html,
    chunks,
    front_matter,
    link,
    pages_nav,
    paginated_paths,
    place_feed,
    services_text,
    to_root,
)
from .data import SiteData, StreetNotices, page_path_of
from .notice_page import tel
from .stats_hooks import place_outages
from .status import FINISHED, status_json
from .text import attr, json_script, md

PER_PAGE = 50
CURRENT_LIMIT = 50  # current notices shown in full; the rest are in «Все объявления»
PER_STREET = 5  # notices listed under a street (current first)


def place_pages(data: SiteData, place: Place) -> list[Page]:
    notices = data.newest_first(data.in_place(place))
    groups = chunks(notices, PER_PAGE)
    paths = paginated_paths(page_path_of(place), len(groups))
    feeds = [place_feed(place)]
    pages = [_first(data, place, notices, groups[0], paths, feeds)]
    for index in range(1, len(groups)):
        text = (front_matter(f"{place.name}: все объявления, страница {index + 1}", feeds=feeds)
                + f"# {md(place.name)}: все объявления\n\n"
                + f"[Страница населённого пункта]({link(paths[index], page_path_of(place))})\n\n"
                + card_list(data, paths[index], groups[index], "", compact=True)
                + pages_nav(paths, index))
        pages.append(Page(paths[index], text))
    return pages


def _first(data: SiteData, place: Place, notices: list[Notice], history: Sequence[Notice],
           paths: list[str], feeds: list) -> Page:
    source = page_path_of(place)
    streets = data.streets(place)
    current = data.current_order([n for n in notices if data.is_current(n)])
    whole = data.whole_settlement(place)
    parts = [
        front_matter(place.name, f"{place.name} ({place.region}): отключения воды, тепла и света",
                     kind="place", feeds=feeds),
        f"# {md(place.name)}\n",
        _served_by(data, place, source),
        "## Проверить свой дом { #lookup }\n",
        lookup_form(data, place, streets, whole),
        "## Сейчас и в ближайшее время { #current }\n",
        card_list(data, source, current[:CURRENT_LIMIT],
                  "Действующих и запланированных отключений нет."),
        _more(len(current) - CURRENT_LIMIT),
        "## Весь населённый пункт { #whole }\n",
        _current_and_past(data, source, whole, "Объявлений обо всём населённом пункте не было."),
        "## Улицы { #streets }\n",
        _streets(data, source, streets),
        "## Все объявления { #history }\n",
        card_list(data, source, history, "Объявлений пока не было.", compact=True),
        pages_nav(paths, 0),
        place_outages(data.model, place, data.now),
    ]
    return Page(source, "\n".join(p for p in parts if p))


def _served_by(data: SiteData, place: Place, source: str) -> str:
    lines = [f"{md(place.region)}.", "", "Обслуживают:", ""]
    for org in data.model.organizations_in(place):
        lines.append(f"- [{md(org.name)}]({link(source, org.page_path)}) — диспетчер "
                     f"[{md(org.contacts.dispatcher)}]({tel(org.contacts.dispatcher)})")
    return "\n".join(lines) + "\n"


def _latest(data: SiteData, notices: list[Notice]) -> list[Notice]:
    """Current notices first, then those finished in the last 30 days (``is_recent``); at
    most ``PER_STREET``. The rest are in the settlement's history."""
    current = data.current_order([n for n in notices if data.is_current(n)])
    past = [n for n in data.newest_first(notices)
            if not data.is_current(n) and is_recent(n, data.now)]
    return (current + past)[:PER_STREET]


def _current_and_past(data: SiteData, source: str, notices: list[Notice], empty: str) -> str:
    """One line per recent notice (the cards are in «Сейчас»), then where to find the rest."""
    if not notices:
        return f"{empty}\n"
    return raw_block(_recent_html(data, source, notices))


def _recent_html(data: SiteData, source: str, notices: list[Notice]) -> str:
    shown = _latest(data, notices)
    parts = [card_list_html(data, source, shown, compact=True) if shown
             else "<p>За последние 30 дней объявлений не было.</p>"]
    if len(notices) > len(shown):
        link = '<a href="#history">«Все объявления»</a>'
        parts.append(f"<p>{MORE.format(count=len(notices) - len(shown), link=link)}</p>")
    return "\n\n".join(parts)


MORE = "Ещё {count} — в разделе {link}."


def _more(count: int) -> str:
    return MORE.format(count=count, link="[«Все объявления»](#history)") + "\n" if count > 0 else ""


def _streets(data: SiteData, source: str, streets: list[StreetNotices]) -> str:
    """Each street as a heading (not in the table of contents: a town has hundreds) and
    its recent notices, written in HTML as one block: the longest part of the page."""
    if not streets:
        return "Объявлений по отдельным улицам не было.\n"
    parts = []
    for street, anchor in zip(streets, street_anchors(streets), strict=True):
        notices = list(dict.fromkeys(n for n, _ in street.entries))
        parts += [Heading(3, street.name, anchor).html(), _recent_html(data, source, notices)]
    return raw_block("\n\n".join(parts))


def street_anchors(streets: list[StreetNotices]) -> list[str]:
    """``street-ul-lenina``, unique within the page."""
    seen: dict[str, int] = {}
    anchors = []
    for street in streets:
        base = "street-" + slug(street.key)
        seen[base] = seen.get(base, 0) + 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return anchors


# ----- the house lookup ---------------------------------------------------

def lookup_form(data: SiteData, place: Place, streets: list[StreetNotices],
                whole: list[Notice]) -> str:
    payload = lookup_data(data, place, streets, whole)
    options = "".join(f'<option value="{attr(s.key)}">{attr(s.name)}</option>' for s in streets)
    form = (
        '<form class="rso-lookup" data-rso-lookup hidden>\n'
        '<div class="rso-lookup__field"><label for="rso-street">Улица</label>'
        '<select id="rso-street" name="street" required>'
        '<option value="">— выберите улицу —</option>'
        f'{options}<option value="*">другая улица (нет в списке)</option></select></div>'
        '<div class="rso-lookup__field"><label for="rso-house">Номер дома</label>'
        '<input id="rso-house" name="house" type="text" autocomplete="off" '
        'placeholder="например, 17 или 19к2" required></div>'
        '<button type="submit" class="md-button md-button--primary">Проверить</button>\n'
        '<div class="rso-lookup__result" role="status" aria-live="polite"></div>\n'
        f'<script type="application/json" class="rso-lookup-data">{json_script(payload)}</script>\n'
        "</form>")
    return (
        raw_block(form) + "\n"
        + '<noscript><p>Проверка по номеру дома работает с включённым JavaScript. '
        "Ниже перечислены все улицы и объявления по ним.</p></noscript>\n"
    )


def lookup_data(data: SiteData, place: Place, streets: list[StreetNotices],
                whole: list[Notice]) -> dict[str, object]:
    """The notices that may still matter to a house, and which houses each covers."""
    root = to_root(page_path_of(place))
    refs: dict[str, int] = {}
    notices: list[dict[str, object]] = []

    def ref(notice: Notice) -> int:
        if notice.id not in refs:
            refs[notice.id] = len(notices)
            notices.append(_lookup_notice(data, notice, root))
        return refs[notice.id]

    street_items = []
    for street in streets:
        covered = [[ref(n), None if s.houses is None else s.houses.to_json()]
                   for n, s in street.entries if _matters(data, n)]
        street_items.append({"key": street.key, "name": street.name, "notices": covered})
    whole_refs = [ref(n) for n in whole if _matters(data, n)]
    return {"place": place.name, "streets": street_items, "whole": whole_refs, "notices": notices}


def _matters(data: SiteData, notice: Notice) -> bool:
    """Current, upcoming, or finished within the home page's recent window."""
    if data.status(notice) not in FINISHED:
        return data.status(notice) != "info"
    return notice.id in data.recently_finished_ids


def _lookup_notice(data: SiteData, notice: Notice, root: str) -> dict[str, object]:
    start, end = data.times(notice)
    return {
        "title": notice.title,
        "url": root + notice.url,
        "what": services_text(notice),
        "when": span_text(start, end, notice.organization.timezone),
        "status": status_json(notice),
    }

