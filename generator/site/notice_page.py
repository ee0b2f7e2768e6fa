"""The page of one notice: ``notices/<id>.md``, at a URL that never changes."""

from __future__ import annotations

from ..model import Notice, Photo, Update
from ..vocabulary import NOTICE_TYPES, SERVICE_OUTAGE, STATUSES, TYPE_HEADLINE
from .common import (
    ALL_FEEDS,
    DEMO_NOTE,
    Feed,
    Page,
    front_matter,
    link,
    organization_feed,
    place_feed,
    services_list,
    to_root,
)
from .data import SiteData, page_path_of
from .photos import figure
from .stats_hooks import notice_rights
from .status import badge
from .text import BodyRenderer, md
from .timefmt import bare_moment_text, moment_text, span_text


def notice_page(data: SiteData, notice: Notice, bodies: BodyRenderer) -> Page:
    source = notice.page_path
    sections = [
        _front(data, notice),
        f"# {md(notice.title)}\n",
        _badges(data, notice),
        DEMO_NOTE if notice.organization.demo else "",
        _facts(data, notice),
        _where(notice),
        _photos(data, source, notice.photos, notice.title),
        _body(notice, bodies),
        _timeline(data, notice, bodies),
        notice_rights(notice, data.now),
    ]
    last = max([notice.published, *(u.at for u in data.updates(notice))])
    return Page(source, "\n".join(s for s in sections if s), lastmod=last)


def _feeds(notice: Notice) -> list[Feed]:
    return [organization_feed(notice.organization), *(place_feed(p) for p in notice.places)]


def _front(data: SiteData, notice: Notice) -> str:
    card = data.images.card(notice.id)
    return front_matter(notice.title, _description(data, notice), kind="notice",
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
    return f'<p class="rso-badges">{badge(notice, data.now, always_live=True)} {kind}</p>\n'


def _facts(data: SiteData, notice: Notice) -> str:
    org = notice.organization
    tz = org.timezone
    start, end = data.times(notice)
    lines = []
    if notice.services:
        lines.append(f"- **Что отключено:** {services_list(notice)}")
    if start is not None or notice.type != "info":
        lines.append(f"- **Когда:** {span_text(start, end, tz)}{_revised(notice, data)}")
    dispatcher = org.contacts.dispatcher
    lines.append(
        f"- **Организация:** [{md(org.name)}]({link(notice.page_path, org.page_path)}), "
        f"диспетчер [{md(dispatcher)}]({tel(dispatcher)})"
    )
    lines.append(f"- **Опубликовано:** {moment_text(notice.published, tz)}")
    asof = (f'<p class="rso-asof" data-rso-asof>Статус указан на {moment_text(data.now, tz)}; '
            "при открытии страницы он пересчитывается по часам вашего устройства.</p>")
    return "\n".join(lines) + "\n\n" + asof + "\n"


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


def _where(notice: Notice) -> str:
    if not notice.areas:
        return ""
    lines = ["## Где { #where }", ""]
    for area in notice.areas:
        place = f"[{md(area.place.name)}]({link(notice.page_path, page_path_of(area.place))})"
        if area.whole_settlement:
            lines.append(f"- **{place}:** весь населённый пункт")
            continue
        lines.append(f"- **{place}**")
        for street in area.streets:
            houses = f"дома {md(street.houses.text)}" if street.houses else "вся улица"
            lines.append(f"    - {md(street.street)}: {houses}")
    return "\n".join(lines) + "\n"


def _photos(data: SiteData, source: str, photos: tuple[Photo, ...], title: str) -> str:
    figures = [figure(data.images, p, to_root(source), title) for p in photos]
    figures = [f for f in figures if f]
    if not figures:
        return ""
    return '<div class="rso-photos">\n' + "\n".join(figures) + "\n</div>\n"


def _body(notice: Notice, bodies: BodyRenderer) -> str:
    if not notice.body.strip():
        return ""
    body = bodies.render(notice.body)
    return f'## Подробности {{ #details }}\n\n<div class="rso-text">\n{body}\n</div>\n'


def _timeline(data: SiteData, notice: Notice, bodies: BodyRenderer) -> str:
    tz = notice.organization.timezone
    lines = ["## Ход событий { #timeline }", "",
             f"### {moment_text(notice.published, tz)} {{ #publication .rso-event }}", "",
             "Объявление опубликовано.", ""]
    for update in data.updates(notice):
        lines.append(_update(data, notice, update, bodies))
    return "\n".join(lines)


def _update(data: SiteData, notice: Notice, update: Update, bodies: BodyRenderer) -> str:
    tz = notice.organization.timezone
    parts = [f"### {moment_text(update.at, tz)} {{ #{update.anchor} .rso-event }}", ""]
    changes = []
    if update.status is not None:
        changes.append(STATUSES[update.status].capitalize() + ".")
    if update.start is not None:
        changes.append(f"Начало перенесено на {moment_text(update.start, tz)}.")
    if update.end is not None:
        changes.append(f"Окончание ожидается {moment_text(update.end, tz)}.")
    if changes:
        parts += [f"**{' '.join(changes)}**", ""]
    if update.text.strip():
        parts += [f'<div class="rso-text">\n{bodies.render(update.text)}\n</div>', ""]
    photos = _photos(data, notice.page_path, update.photos, notice.title)
    if photos:
        parts.append(photos)
    return "\n".join(parts)
