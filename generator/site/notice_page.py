"""The page of one notice: ``notices/<id>.md``, at a URL that never changes.

The page is made of headings and HTML blocks (:class:`~.common.Heading`, strings).
As Markdown (``Page.text``) the headings are Markdown and the blocks raw HTML, which
MkDocs passes through as written; the same blocks give the page's HTML directly
(``Page.html``), which ``shell`` puts into the theme's page without running
Python-Markdown, ten thousand times faster in aggregate. Both give the same page:
``tests/site/test_shell.py`` builds the notices both ways and compares them.
"""

from __future__ import annotations

from ..model import Notice, Photo, Update
from ..times import bare_moment_text, moment_text, span_text
from ..vocabulary import NOTICE_TYPES, SERVICE_OUTAGE, STATUSES, TYPE_HEADLINE
from .common import (
    ALL_FEEDS,
    DEMO_NOTE,
    Block,
    Feed,
    FrontMatter,
    Heading,
    HtmlPage,
    Page,
    normalized,
    organization_feed,
    place_feed,
    services_list,
    to_root,
)
from .data import SiteData
from .photos import figure
from .stats_hooks import notice_rights
from .status import badge
from .text import BodyRenderer, attr


def notice_page(data: SiteData, notice: Notice, bodies: BodyRenderer) -> Page:
    root = to_root(notice.page_path)
    blocks: list[Block] = [
        Heading(1, notice.title, "title"),
        _badges(data, notice),
        DEMO_NOTE if notice.organization.demo else "",
        _facts(data, notice, root),
        *_where(notice, root),
        _photos(data, root, notice.photos, notice.title),
        *_body(notice, bodies),
        *_timeline(data, notice, bodies, root),
        *_rights(notice, data),
    ]
    page = HtmlPage(_front(data, notice), tuple(
        normalized(b) if isinstance(b, str) else b for b in blocks if b))
    last = max([notice.published, *(u.at for u in data.updates(notice))])
    return Page(notice.page_path, page, lastmod=last)


def _feeds(notice: Notice) -> list[Feed]:
    return [organization_feed(notice.organization), *(place_feed(p) for p in notice.places)]


def _front(data: SiteData, notice: Notice) -> FrontMatter:
    card = data.images.card(notice.id)
    return FrontMatter(notice.title, _description(data, notice), kind="notice",
                       feeds=[*_feeds(notice), ALL_FEEDS], image=card.url if card else None)


def _description(data: SiteData, notice: Notice) -> str:
    """«Авария: нет холодной воды — Верхняя Салда. 22 ноября 2026, 09:15 — 18:00 (…)»."""
    what = ", ".join(SERVICE_OUTAGE[s] for s in notice.services)
    where = ", ".join(p.name for p in notice.places)
    head = (TYPE_HEADLINE[notice.type] + (f": {what}" if what else "")
            + (f" — {where}" if where else ""))
    start, end = data.times(notice)
    if notice.type == "info" and start is None:
        return head
    return f"{head}. {span_text(start, end, notice.organization.timezone)}"


def _badges(data: SiteData, notice: Notice) -> str:
    kind = f'<span class="rso-kind rso-kind--{notice.type}">{NOTICE_TYPES[notice.type]}</span>'
    return f'<p class="rso-badges">{badge(notice, data.now, always_live=True)} {kind}</p>'


def _facts(data: SiteData, notice: Notice, root: str) -> str:
    org = notice.organization
    tz = org.timezone
    start, end = data.times(notice)
    facts = []
    if notice.services:
        facts.append(("Что отключено:", attr(services_list(notice))))
    if start is not None or notice.type != "info":
        facts.append(("Когда:", attr(span_text(start, end, tz) + _revised(notice, data))))
    dispatcher = org.contacts.dispatcher
    facts.append(("Организация:", f'<a href="{root}{org.url}">{attr(org.name)}</a>, '
                                  f'диспетчер <a href="{tel(dispatcher)}">{attr(dispatcher)}</a>'))
    facts.append(("Опубликовано:", attr(moment_text(notice.published, tz))))
    items = "\n".join(f"<li><strong>{label}</strong> {value}</li>" for label, value in facts)
    asof = (f'<p class="rso-asof" data-rso-asof>Статус указан на {moment_text(data.now, tz)}; '
            "при открытии страницы он пересчитывается по часам вашего устройства.</p>")
    return f'<ul class="rso-facts">\n{items}\n</ul>\n{asof}'


def _revised(notice: Notice, data: SiteData) -> str:
    """«(окончание перенесено; первоначально — …)» when an update moved the times."""
    start, end = data.times(notice)
    tz = notice.organization.timezone
    notes = []
    if notice.start is not None and start != notice.start:
        notes.append(f"начало перенесено, сначала объявляли {bare_moment_text(notice.start, tz)}")
    if notice.end is not None and end != notice.end:
        notes.append(f"окончание перенесено, сначала объявляли {bare_moment_text(notice.end, tz)}")
    return f"; {'; '.join(notes)}" if notes else ""


def tel(phone: str) -> str:
    """``tel:`` link target: the digits with a leading plus kept."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def _where(notice: Notice, root: str) -> list[Block]:
    if not notice.areas:
        return []
    items = []
    for area in notice.areas:
        place = f'<a href="{root}{area.place.url}">{attr(area.place.name)}</a>'
        if area.whole_settlement:
            items.append(f"<li><strong>{place}:</strong> весь населённый пункт</li>")
            continue
        streets = "\n".join(
            f"<li>{attr(s.street)}: "
            + (f"дома {attr(s.houses.text)}" if s.houses else "вся улица") + "</li>"
            for s in area.streets)
        items.append(f"<li><strong>{place}</strong>\n<ul>\n{streets}\n</ul>\n</li>")
    return [Heading(2, "Где", "where"), '<ul class="rso-where">\n' + "\n".join(items) + "\n</ul>"]


def _photos(data: SiteData, root: str, photos: tuple[Photo, ...], title: str) -> str:
    figures = [figure(data.images, p, root, title) for p in photos]
    figures = [f for f in figures if f]
    if not figures:
        return ""
    return '<div class="rso-photos">\n' + "\n".join(figures) + "\n</div>"


def _body(notice: Notice, bodies: BodyRenderer) -> list[Block]:
    if not notice.body.strip():
        return []
    return [Heading(2, "Подробности", "details"),
            f'<div class="rso-text">\n{bodies.render(notice.body)}\n</div>']


def _timeline(data: SiteData, notice: Notice, bodies: BodyRenderer, root: str) -> list[Block]:
    tz = notice.organization.timezone
    blocks: list[Block] = [
        Heading(2, "Ход событий", "timeline"),
        Heading(3, moment_text(notice.published, tz), "publication", "rso-event"),
        "<p>Объявление опубликовано.</p>",
    ]
    for update in data.updates(notice):
        blocks += _update(data, notice, update, bodies, root)
    return blocks


def _update(data: SiteData, notice: Notice, update: Update, bodies: BodyRenderer,
            root: str) -> list[Block]:
    tz = notice.organization.timezone
    blocks: list[Block] = [Heading(3, moment_text(update.at, tz), update.anchor, "rso-event")]
    changes = []
    if update.status is not None:
        changes.append(STATUSES[update.status].capitalize() + ".")
    if update.start is not None:
        changes.append(f"Начало перенесено на {moment_text(update.start, tz)}.")
    if update.end is not None:
        changes.append(f"Окончание ожидается {moment_text(update.end, tz)}.")
    if changes:
        blocks.append(f"<p><strong>{attr(' '.join(changes))}</strong></p>")
    if update.text.strip():
        blocks.append(f'<div class="rso-text">\n{bodies.render(update.text)}\n</div>')
    blocks.append(_photos(data, root, update.photos, notice.title))
    return blocks


def _rights(notice: Notice, data: SiteData) -> list[Block]:
    rights = notice_rights(notice, data.now)
    return [Heading(2, "Ваши права", "rights"), rights] if rights else []
