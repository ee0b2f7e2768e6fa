"""Preview cards: 1200×630 PNGs shown by messengers for a pasted link and by feed items.

A card states what a resident needs before opening the link: who, what kind
of notice (in its colour), which service, where, when (local time, zone
named) and the status. Two kinds are drawn from the same layout:

* a notice's card (:func:`card_spec`) shows it as it stands at the build's
  moment; it is the page's ``og:image`` and changes as the page does;
* an event's card (:func:`event_card_spec`) shows the notice as it stood
  right after one event (its publication or an update): the status the feeds
  give that event and the times as revised up to it. It depends on nothing
  later, so the image of a feed item never changes once published.

Every piece of text is wrapped and cut with an ellipsis to fit its box;
characters the bundled font lacks are left out rather than drawn as boxes.
Cards are saved as palette PNGs drawn straight into palette indexes
(:func:`draw_indexed`): a third the size of a full-colour PNG, and with no
quantizing step, which took four fifths of a card's time.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from ..model import Event, Notice
from ..times import zone_label
from ..vocabulary import NOTICE_TYPES, SERVICES, STATUSES
from .encode import Encoded
from .settings import library_versions
from .text import NBSP, Weight, drawable, fit_lines, font, fonts_fingerprint

WIDTH, HEIGHT = 1200, 630
MARGIN = 60
TEXT_WIDTH = WIDTH - 2 * MARGIN
BAND_HEIGHT = 100
#: Bump when the drawing or the encoding changes the bytes of a card.
CARD_LAYOUT_VERSION = 3
#: Entries of the palette PNG: ramps between each text colour and the colour under it.
PALETTE_COLOURS = 256
PNG_COMPRESS_LEVEL = 3  # level 6: 17 % smaller, three times the time

TYPE_COLOURS: dict[str, str] = {
    "planned": "#1565c0",
    "unplanned": "#b45309",
    "emergency": "#c62828",
    "info": "#455a64",
}
STATUS_COLOURS: dict[str, str] = {
    "upcoming": "#1565c0",
    "active": "#c2410c",
    "overdue": "#b71c1c",
    "completed": "#2e7d32",
    "resolved": "#2e7d32",
    "cancelled": "#616161",
    "info": "#455a64",
}
INK = "#1f2933"
MUTED = "#52606d"
BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class CardSpec:
    """Everything drawn on a card; equal specs give identical PNG bytes."""

    type_label: str
    type_colour: str
    organization: str
    headline: str
    places: str
    times: str
    status_label: str
    status_colour: str
    site_title: str

    def fingerprint(self) -> str:
        # vars(): the fields, all strings (asdict would deep-copy each); same JSON
        return json.dumps({"card": vars(self), "drawing": _drawing_fingerprint()},
                          ensure_ascii=False, sort_keys=True)


@cache
def _drawing_fingerprint() -> str:
    """What else the bytes of a card depend on: layout, fonts, libraries (once per process)."""
    return json.dumps({"layout": CARD_LAYOUT_VERSION, "fonts": fonts_fingerprint(),
                       **library_versions()}, sort_keys=True)


@dataclass(frozen=True)
class TextLine:
    x: int
    y: int  # top of the line box
    text: str
    weight: Weight
    size: int
    colour: str


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int
    colour: str
    radius: int = 0


def card_spec(notice: Notice, now: datetime, site_title: str) -> CardSpec:
    """The notice's card at ``now``: status and times counting the updates made by then."""
    status = notice.status_at(now)
    services = ", ".join(SERVICES[s] for s in notice.services)
    return CardSpec(
        type_label=NOTICE_TYPES[notice.type].upper(),
        type_colour=TYPE_COLOURS[notice.type],
        organization=notice.organization.name,
        headline=_capitalised(services) if services else notice.title,
        places=places_text(notice),
        times=times_text(notice, now),
        status_label=STATUSES[status],
        status_colour=STATUS_COLOURS[status],
        site_title=site_title,
    )


def event_card_spec(event: Event, site_title: str) -> CardSpec:
    """The card of one feed event: the notice right after it, at the event's time.

    Its status is the feeds' ``_rso.status`` of the event; later updates and
    the build's moment play no part, so the card never changes.
    """
    return card_spec(notice_after(event), event.at, site_title)


def notice_after(event: Event) -> Notice:
    """The notice as it stood right after ``event``: its updates up to and including it."""
    return replace(event.notice, updates=event.notice.updates[:event.index])


def places_text(notice: Notice) -> str:
    parts = []
    for area in notice.areas:
        streets = ", ".join(_unbroken(s.street) for s in area.streets)
        name = _unbroken(area.place.name)
        parts.append(f"{name}: {streets}" if streets else name)
    return "; ".join(parts)


def _unbroken(name: str) -> str:
    """A name whose words stay on one line ("деревня Никитино", "ул. Ленина")."""
    return NBSP.join(name.split())


def times_text(notice: Notice, now: datetime) -> str:
    """The interval as known at ``now``: '22.11.2026 с 09:15 до 18:00 (Екатеринбург, UTC+5)'."""
    start, end = notice.times_at(now)
    tz = notice.tz
    if start is None:
        return f"опубликовано {_local(notice.published, tz)} {_zone(tz, notice.published)}"
    zone = _zone(tz, start)
    if end is None:
        return f"с {_local(start, tz)}, окончание уточняется {zone}"
    if start.astimezone(tz).date() == end.astimezone(tz).date():
        return f"{start.astimezone(tz):%d.%m.%Y} с {_hm(start, tz)} до {_hm(end, tz)} {zone}"
    return f"с {_local(start, tz)} до {_local(end, tz)} {zone}"


def _hm(moment: datetime, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz):%H:%M}"


def _zone(tz: ZoneInfo, moment: datetime) -> str:
    return f"({_unbroken(zone_label(moment, tz))})"


def _local(moment: datetime, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz):%d.%m.%Y %H:%M}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def layout_card(spec: CardSpec) -> tuple[list[Box], list[TextLine]]:
    """Where every box and line goes; each line already fits the card."""
    boxes = [Box(0, 0, WIDTH, BAND_HEIGHT, spec.type_colour)]
    lines = _block(spec.type_label, "bold", 40, "#ffffff", y=28, max_lines=1)
    y = BAND_HEIGHT + 28
    blocks: tuple[tuple[str, Weight, int, str, int, int], ...] = (
        (spec.organization, "bold", 34, MUTED, 1, 14),
        (spec.headline, "bold", 50, INK, 2, 18),
        (_labelled("Где: ", spec.places), "regular", 34, INK, 2, 14),
        (_labelled("Когда: ", spec.times), "regular", 32, INK, 2, 0),
    )
    for text, weight, size, colour, max_lines, gap in blocks:
        block = _block(text, weight, size, colour, y=y, max_lines=max_lines)
        lines += block
        y += _line_height(size) * len(block) + (gap if block else 0)
    pill, pill_text = _status_pill(spec)
    footer = _block(spec.site_title, "regular", 26, MUTED, y=HEIGHT - 36 - _line_height(26),
                    max_lines=1, x=pill.x1 + 30, width=WIDTH - MARGIN - pill.x1 - 30,
                    align_right=True)
    return [*boxes, pill], [*lines, pill_text, *footer]


def _labelled(label: str, text: str) -> str:
    return label + text if text else ""


def _status_pill(spec: CardSpec) -> tuple[Box, TextLine]:
    size = 32
    face = font("bold", size)
    text = drawable(face, f"Статус: {spec.status_label}")
    width = int(face.getlength(text)) + 48
    top = HEIGHT - 36 - 64
    box = Box(MARGIN, top, MARGIN + width, top + 64, spec.status_colour, radius=32)
    return box, TextLine(MARGIN + 24, top + (64 - _line_height(size)) // 2, text, "bold",
                         size, "#ffffff")


def _block(text: str, weight: Weight, size: int, colour: str, *, y: int, max_lines: int,
           x: int = MARGIN, width: int = TEXT_WIDTH, align_right: bool = False) -> list[TextLine]:
    face = font(weight, size)
    lines = fit_lines(drawable(face, text), face, width, max_lines) if width > 0 else []
    result = []
    for n, line in enumerate(lines):
        left = x + width - int(face.getlength(line)) if align_right else x
        result.append(TextLine(left, y + n * _line_height(size), line, weight, size, colour))
    return result


def _line_height(size: int) -> int:
    return round(size * 1.25)


def draw_card(spec: CardSpec) -> Image.Image:
    """The card in full colour: the reference the palette PNG is checked against."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    boxes, lines = layout_card(spec)
    for box in boxes:
        draw.rounded_rectangle((box.x0, box.y0, box.x1, box.y1), radius=box.radius,
                               fill=box.colour)
    for line in lines:
        draw.text((line.x, line.y), line.text, font=font(line.weight, line.size),
                  fill=line.colour)
    return image


def draw_indexed(spec: CardSpec) -> Image.Image:
    """The card drawn straight into palette indexes, with no quantizing afterwards.

    Every line of text sits on one flat colour. Each pair (colour under the
    text, colour of the text) gets a ramp of palette entries from the one to
    the other; the text is drawn with the ramp's last index over its first, so
    the anti-aliased edges, blended index by index, land on the ramp's
    in-between colours. Flat colours are exact; edges are within a couple of levels.
    """
    boxes, lines = layout_card(spec)
    under = [_colour_under(line, boxes) for line in lines]
    pairs = sorted(set(zip(under, (line.colour for line in lines), strict=True)))
    flat = {box.colour for box in boxes} | {BACKGROUND}
    pairs += [(colour, colour) for colour in sorted(flat - {bg for bg, _ in pairs})]
    levels = PALETTE_COLOURS // len(pairs)
    start = {pair: n * levels for n, pair in enumerate(pairs)}
    index = {bg: start[bg, fg] for bg, fg in reversed(pairs)}  # a flat colour: its first ramp
    image = Image.new("P", (WIDTH, HEIGHT), index[BACKGROUND])
    image.putpalette(_ramps(pairs, levels))
    draw = ImageDraw.Draw(image)
    draw.fontmode = "L"  # anti-aliased, blended index by index (Pillow's default for P is "1")
    for box in boxes:
        draw.rounded_rectangle((box.x0, box.y0, box.x1, box.y1), radius=box.radius,
                               fill=index[box.colour])
    for line, background in zip(lines, under, strict=True):
        first = start[background, line.colour]
        face = font(line.weight, line.size)
        if first != index[background]:  # the same colour, at this ramp's index
            draw.rectangle((line.x - 2, line.y, line.x + int(face.getlength(line.text)) + 2,
                            line.y + _line_height(line.size)), fill=first)
        draw.text((line.x, line.y), line.text, font=face, fill=first + levels - 1)
    return image


def _colour_under(line: TextLine, boxes: list[Box]) -> str:
    """The flat colour a line is drawn on: the last box holding its top left corner."""
    for box in reversed(boxes):
        if box.x0 <= line.x < box.x1 and box.y0 <= line.y < box.y1:
            return box.colour
    return BACKGROUND


def _ramps(pairs: list[tuple[str, str]], levels: int) -> list[int]:
    palette: list[int] = []
    for background, ink in pairs:
        low, high = _rgb(background), _rgb(ink)
        for step in range(levels):
            palette += [round(a + (b - a) * step / (levels - 1)) for a, b in
                        zip(low, high, strict=True)]
    return palette


def _rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return red, green, blue


def encode_card(spec: CardSpec) -> Encoded:
    """The card as a palette PNG, drawn in palette indexes (:func:`draw_indexed`)."""
    buffer = io.BytesIO()
    draw_indexed(spec).save(buffer, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    return Encoded(WIDTH, HEIGHT, "image/png", buffer.getvalue())
