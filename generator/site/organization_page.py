"""The page of one organization: contacts, channels, feeds, its notices and history."""

from __future__ import annotations

from ..model import Organization, Place
from ..vocabulary import SERVICES
from .common import (
    DEMO_NOTE,
    Page,
    card_list,
    chunks,
    front_matter,
    link,
    organization_feed,
    pages_nav,
    paginated_paths,
)
from .data import SiteData, key_of, page_path_of
from .notice_page import tel
from .stats_hooks import organization_stats
from .text import email_url, md, safe_link, web_url

PER_PAGE = 50
CHANNEL_NAMES = {"max": "Max", "telegram": "Telegram", "vk": "ВКонтакте", "ok": "Одноклассники"}


def organization_pages(data: SiteData, org: Organization) -> list[Page]:
    notices = data.by_organization.get(org.id, [])
    current = data.current_order([n for n in notices if data.is_current(n)])
    history = data.newest_first([n for n in notices if not data.is_current(n)])
    groups = chunks(history, PER_PAGE)
    paths = paginated_paths(org.page_path, len(groups))
    feeds = [organization_feed(org)]
    pages = [_first(data, org, current, groups[0], paths, feeds)]
    for index in range(1, len(groups)):
        text = (front_matter(f"{org.name}: история, страница {index + 1}", feeds=feeds)
                + f"# {md(org.name)}: история\n\n"
                + f"[Страница организации]({link(paths[index], org.page_path)})\n\n"
                + card_list(data, paths[index], groups[index], "", compact=True)
                + pages_nav(paths, index))
        pages.append(Page(paths[index], text))
    return pages


def _first(data: SiteData, org: Organization, current: list, history, paths: list[str],
           feeds: list) -> Page:
    source = org.page_path
    parts = [
        front_matter(org.name, f"{org.name}: отключения, контакты, подписка", kind="organization",
                     feeds=feeds),
        f"# {md(org.name)}\n",
        f"{md(org.full_name)}\n" if org.full_name else "",
        DEMO_NOTE if org.demo else "",
        f"Регион: {md(org.region)}. Услуги: {', '.join(SERVICES[s] for s in org.services)}.\n",
        "[Подписаться на объявления](#subscribe): RSS, Atom, JSON Feed, календарь.\n",
        _contacts(org),
        _channels(org),
        "## Сейчас и в ближайшее время { #current }\n",
        card_list(data, source, current, "Действующих и запланированных отключений нет."),
        "## Населённые пункты { #places }\n",
        _places(data, org, source),
        "## История { #history }\n",
        card_list(data, source, history, "Завершённых объявлений пока нет.", compact=True),
        pages_nav(paths, 0),
        organization_stats(data.model, org, data.now),
    ]
    return Page(source, "\n".join(p for p in parts if p))


def _contacts(org: Organization) -> str:
    c = org.contacts
    lines = ["## Контакты { #contacts }", "",
             f"- **Диспетчерская (круглосуточно):** [{md(c.dispatcher)}]({tel(c.dispatcher)})"]
    if c.phone:
        lines.append(f"- **Телефон:** [{md(c.phone)}]({tel(c.phone)})")
    if c.email:
        lines.append(f"- **Эл. почта:** {safe_link(c.email, email_url(c.email))}")
    if c.website:
        lines.append(f"- **Сайт:** {safe_link(c.website, web_url(c.website))}")
    if c.address:
        lines.append(f"- **Адрес:** {md(c.address)}")
    return "\n".join(lines) + "\n"


def _channels(org: Organization) -> str:
    if not org.channels:
        return ""
    lines = ["## Каналы в мессенджерах { #channels }", ""]
    for kind, url in org.channels:
        lines.append(f"- {safe_link(CHANNEL_NAMES.get(kind, kind), web_url(url))}")
    return "\n".join(lines) + "\n"


def _places(data: SiteData, org: Organization, source: str) -> str:
    lines = []
    for name in org.settlements:
        place = Place(org.region, name, org.timezone)
        canonical = data.model.place_by_key.get(key_of(place), place)
        lines.append(f"- [{md(canonical.name)}]({link(source, page_path_of(canonical))})")
    return "\n".join(lines) + "\n"
