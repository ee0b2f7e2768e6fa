"""Feed items: one per event of a notice (its publication, then each update).

An item depends only on its notice up to and including its event (and the
images published for it: its photo or its event card), never on the build
time, so its id, link, date, text and image stay put from one build to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from ..context import BuildContext
from ..images import ImageIndex, Variant
from ..model import Area, Event, Notice, Photo, Update
from ..textcache import TextCache, digest
from ..times import MONTHS_GENITIVE, bare_moment_text, date_text, moment_text, zone_label
from ..vocabulary import SERVICE_OUTAGE, STATUSES, TYPE_HEADLINE
from .text import (
    MARKDOWN_VERSION,
    Block,
    Body,
    capped,
    clean,
    fit,
    html_text,
    markdown_html,
    one_line,
)

#: How long the place part of a title may grow before it ends in "и др.".
TITLE_PLACE_LIMIT = 90
#: How long the "where" part of a body may be before it is shortened.
WHERE_LIMIT = 400
DISPATCHER_LIMIT = 100


@dataclass(frozen=True)
class Image:
    """The one image of an item, as published: absolute URL, type and real size in bytes."""

    url: str
    mime: str
    length: int
    width: int
    height: int


@dataclass(frozen=True)
class RsoInfo:
    """The JSON Feed ``_rso`` extension shared with the bridges (see docs/feeds.md)."""

    notice_id: str
    event: int
    organization: str
    type: str
    status: str
    status_label: str

    def to_json(self) -> dict[str, object]:
        return {"notice_id": self.notice_id, "event": self.event,
                "organization": self.organization, "type": self.type,
                "status": self.status, "status_label": self.status_label}


@dataclass(frozen=True)
class FeedItem:
    id: str  # tag URI: notice id and event index only
    link: str  # absolute; "#update-<n>" for updates
    date: datetime  # the event time, in UTC
    title: str
    html: str
    text: str
    image: Image | None
    author: str  # the organization's name
    author_url: str
    rso: RsoInfo


class ItemMaker:
    """Makes each event's item once, however many feeds carry it."""

    def __init__(self, ctx: BuildContext, images: ImageIndex, cache: Path | None = None) -> None:
        self._ctx = ctx
        self._images = images
        self._made: dict[tuple[str, int], FeedItem] = {}
        #: Staff Markdown rendered by an earlier build with the same rules and libraries.
        self.texts = TextCache(cache, MARKDOWN_VERSION)

    def item(self, event: Event) -> FeedItem:
        key = (event.notice.id, event.index)
        if key not in self._made:
            self._made[key] = make_item(self._ctx, self._images, event, self.markdown)
        return self._made[key]

    def markdown(self, source: str, base_url: str) -> str:
        """:func:`~.text.markdown_html`, or what an earlier build made of the same text."""
        return self.texts.get_or_make(_text_key(source, base_url),
                                      lambda: markdown_html(source, base_url))

    def keep_text(self, event: Event) -> None:
        """Keep the rendered staff text of an event's item for the next build, without
        making the item (its feed's files came whole from the cache)."""
        self.texts.get(_text_key(staff_source(event), item_link(self._ctx, event)))


def _text_key(source: str, base_url: str) -> str:
    return digest(f"{base_url}\n{source}")


def item_link(ctx: BuildContext, event: Event) -> str:
    """The notice page, with the update's anchor for an update."""
    return ctx.absolute(event.notice.url) + (f"#{event.anchor}" if event.anchor else "")


def staff_source(event: Event) -> str:
    """The staff Markdown of an event's item: the notice's body, or the update's text."""
    return event.notice.body if event.update is None else event.update.text


#: Renders staff Markdown for a feed item: (source, base URL) → HTML.
Render = Callable[[str, str], str]


def make_item(ctx: BuildContext, images: ImageIndex, event: Event,
              render: Render = markdown_html) -> FeedItem:
    notice = event.notice
    link = item_link(ctx, event)
    body = item_body(ctx, event, link, render)
    status = notice_until(notice, event.index).status_at(event.at)
    return FeedItem(
        id=ctx.config.tag(notice.id, event.index),
        link=link,
        date=event.at.astimezone(UTC),
        title=clean(item_title(event)),
        html=clean(body.html),
        text=clean(body.text),
        image=event_image(ctx, images, event),
        author=one_line(notice.organization.name),
        author_url=ctx.absolute(notice.organization.url),
        rso=RsoInfo(notice.id, event.index, notice.organization.id, notice.type, status,
                    STATUSES[status]),
    )


def notice_until(notice: Notice, index: int) -> Notice:
    """The notice as it stood right after its event ``index`` (0: as first published)."""
    if index >= len(notice.updates):
        return notice
    return replace(notice, updates=notice.updates[:index])


def notice_at(notice: Notice, moment: datetime) -> Notice:
    """The notice counting only the updates made by ``moment``."""
    made = tuple(u for u in notice.updates if u.at <= moment)
    return notice if len(made) == len(notice.updates) else replace(notice, updates=made)


# Titles ---------------------------------------------------------------------------------------


def item_title(event: Event) -> str:
    """'Авария: нет холодной воды — Верхняя Салда, ул. Ленина'; updates say what changed."""
    notice = event.notice
    lead = TYPE_HEADLINE[notice.type] if event.update is None else change_label(event)
    return f"{lead}: {notice_subject(notice)}"


def notice_subject(notice: Notice) -> str:
    """What is off and where: 'нет холодной воды — Верхняя Салда, ул. Ленина'."""
    if notice.type == "info" or not notice.services:
        what = one_line(notice.title)
    else:
        what = ", ".join(SERVICE_OUTAGE[s] for s in notice.services)
    where = short_where(notice.areas)
    return f"{what} — {where}" if where else what


def short_where(areas: tuple[Area, ...], limit: int = TITLE_PLACE_LIMIT) -> str:
    """Settlements and streets on one line, ending in 'и др.' past ``limit`` characters."""
    pieces: list[tuple[str, str]] = []
    for area in areas:
        pieces.append(("; ", one_line(area.place.name)))
        pieces.extend((", ", one_line(s.street)) for s in area.streets)
    text = ""
    for number, (separator, piece) in enumerate(pieces):
        candidate = piece if number == 0 else text + separator + piece
        if number > 0 and len(candidate) > limit:
            return text + " и др."
        text = candidate
    return text


def change_label(event: Event) -> str:
    """What an update changed: 'Устранено', 'Отменено', 'Продлено до 20:00', 'Обновление'."""
    update = event.update
    assert update is not None
    before = notice_until(event.notice, event.index - 1)
    if update.status == "cancelled":
        return "Отменено"
    if update.status == "resolved":
        return "Устранено"
    tz = event.notice.tz
    if update.end is not None and update.end != before.current_end:
        until = short_time(update.end, update.at, tz)
        if before.current_end is None:
            return f"Ожидаемое окончание — {until}"
        later = update.end > before.current_end
        return f"Продлено до {until}" if later else f"Сокращено до {until}"
    if update.start is not None and update.start != before.current_start:
        return f"Начало перенесено на {short_time(update.start, update.at, tz)}"
    return "Обновление"


def short_time(moment: datetime, said_at: datetime, tz: ZoneInfo) -> str:
    """'20:00' on the day it was said, '23 ноября, 08:00' on another day (local time)."""
    local, said = moment.astimezone(tz), said_at.astimezone(tz)
    if local.date() == said.date():
        return f"{local:%H:%M}"
    return f"{local.day} {MONTHS_GENITIVE[local.month - 1]}, {local:%H:%M}"


# Bodies ---------------------------------------------------------------------------------------


def item_body(ctx: BuildContext, event: Event, link: str, render: Render = markdown_html) -> Body:
    notice = event.notice
    if event.update is None:
        blocks = [heading(notice), *times_blocks(notice.start, notice.end, notice),
                  *where_blocks(notice.areas), *staff_blocks(staff_source(event), link, render)]
    else:
        blocks = [heading(notice), *staff_blocks(staff_source(event), link, render),
                  *revised_times(event.update, notice), status_block(event)]
    return fit([*blocks, footer(notice, link)])


def heading(notice: Notice) -> Block:
    title = one_line(notice.title)
    return Block(f"<p><b>{escape(title, quote=False)}</b></p>", title, title, rank=3)


def times_blocks(start: datetime | None, end: datetime | None, notice: Notice) -> list[Block]:
    if notice.type == "info" or start is None:
        return []
    return [Block.of_text(f"Когда: {period(start, end, notice)}")]


def revised_times(update: Update, notice: Notice) -> list[Block]:
    if update.start is None and update.end is None:
        return []
    after = notice_until(notice, update.index)
    if after.current_start is None:
        return []
    return [Block.of_text(f"Новые сроки: {period(after.current_start, after.current_end, notice)}")]


def period(start: datetime, end: datetime | None, notice: Notice) -> str:
    """'23 ноября 2026, с 09:15 до 18:00 (Екатеринбург, UTC+5)' in the organization's zone."""
    tz = notice.tz
    zone = zone_label(start, tz)
    if end is None:
        return f"с {bare_moment_text(start, tz)} ({zone}), окончание пока неизвестно"
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if local_start.date() == local_end.date():
        return f"{date_text(local_start)}, с {local_start:%H:%M} до {local_end:%H:%M} ({zone})"
    end_zone = zone_label(end, tz)
    if end_zone == zone:
        return (f"с {bare_moment_text(start, tz)} до {bare_moment_text(end, tz)} "
                f"({zone})")
    return f"с {moment_text(start, tz)} до {moment_text(end, tz)}"


def where_blocks(areas: tuple[Area, ...]) -> list[Block]:
    if not areas:
        return []
    lines = [area_line(a) for a in areas]
    plain = "Где: " + "; ".join(lines)
    if len(lines) == 1:
        block = Block(f"<p>{escape(plain, quote=False)}</p>", plain, plain, rank=2)
    else:
        items = "".join(f"<li>{escape(line, quote=False)}</li>" for line in lines)
        text = "Где:\n" + "\n".join(f"• {line}" for line in lines)
        block = Block(f"<p>Где:</p><ul>{items}</ul>", text, plain, rank=2)
    return [capped(block, WHERE_LIMIT)]


def area_line(area: Area) -> str:
    """'Верхняя Салда: ул. Ленина (д. 1–15, 17), ул. Энгельса' or '… — весь населённый пункт'."""
    place = one_line(area.place.name)
    if area.whole_settlement:
        return f"{place} — весь населённый пункт"
    streets = [one_line(s.street) + (f" (д. {one_line(s.houses.text)})" if s.houses else "")
               for s in area.streets]
    return f"{place}: " + ", ".join(streets)


def staff_blocks(source: str, link: str, render: Render = markdown_html) -> list[Block]:
    html = render(source, link)
    if not html:
        return []
    text = html_text(html)
    return [Block(html, text, text, rank=1)]


def status_block(event: Event) -> Block:
    status = notice_until(event.notice, event.index).status_at(event.at)
    return Block.of_text(f"Статус: {STATUSES[status]}.")


def footer(notice: Notice, link: str) -> Block:
    dispatcher = one_line(notice.organization.contacts.dispatcher)[:DISPATCHER_LIMIT]
    name = one_line(notice.organization.name)
    call = f"Диспетчер {name}: {dispatcher}"
    html = (f"<p>{escape(call, quote=False)}<br>"
            f'<a href="{escape(link)}">Подробнее на сайте</a></p>')
    return Block(html, f"{call}\nПодробнее: {link}")


# Images ---------------------------------------------------------------------------------------


def event_image(ctx: BuildContext, images: ImageIndex, event: Event) -> Image | None:
    """The event's first photo, else the event's preview card, as a published file.

    The card is the event's own (the notice right after it), never the notice's card
    of the build's moment, so an item's image stays put from one build to the next.
    """
    photos: tuple[Photo, ...] = event.update.photos if event.update else event.notice.photos
    variant = photo_variant(images, photos[0].source) if photos else None
    variant = variant or images.event_card(event.notice.id, event.index)
    return published_image(ctx, variant) if variant else None


def photo_variant(images: ImageIndex, source: Path) -> Variant | None:
    published = images.photo(source)
    if published is None or not published.variants:
        return None
    jpegs = published.of_type("image/jpeg")
    return jpegs[-1] if jpegs else max(published.variants, key=lambda v: (v.width, v.url))


def published_image(ctx: BuildContext, variant: Variant) -> Image | None:
    """The variant with its real size on disk; none when the file is not in the site."""
    path = ctx.site_dir / variant.url.lstrip("/")
    if not path.is_file():
        return None
    return Image(ctx.absolute(variant.url), variant.mime, path.stat().st_size,
                 variant.width, variant.height)
