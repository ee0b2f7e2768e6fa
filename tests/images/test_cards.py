"""Preview cards: Cyrillic really drawn (not boxes), everything fits, the facts are right."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from generator.images import publish_images
from generator.images.cards import (
    HEIGHT,
    STATUS_COLOURS,
    TYPE_COLOURS,
    WIDTH,
    CardSpec,
    card_spec,
    draw_card,
    encode_card,
    layout_card,
)
from generator.images.text import ELLIPSIS, FONT_FILES, font, missing_glyphs
from generator.model import Area, Place, StreetArea, Update

from .factory import NOW, TZ, context, notice, organization


def _spec(content: Path, **fields: Any) -> CardSpec:
    return card_spec(notice(content, **fields), NOW, "Отключения ЖКУ")


def _latin_only_font(size: int) -> ImageFont.FreeTypeFont:
    face = ImageFont.load_default(size=size)  # Pillow's bundled Aileron: Latin only
    if not isinstance(face, ImageFont.FreeTypeFont):
        pytest.skip("this Pillow has no FreeType, so no Latin-only TrueType font to compare")
    return face


def test_every_character_on_the_card_has_a_glyph_in_the_bundled_font(content: Path) -> None:
    _, lines = layout_card(_spec(content))
    text = "".join(line.text for line in lines)
    assert sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text) > 100
    for line in lines:
        assert missing_glyphs(font(line.weight, line.size), line.text) == set(), line.text


def test_the_glyph_check_catches_a_latin_only_font(content: Path) -> None:
    """The check above would fail with a font without Cyrillic: proven on one."""
    _, lines = layout_card(_spec(content))
    latin = _latin_only_font(40)
    missing = set().union(*(missing_glyphs(latin, line.text) for line in lines))
    assert {"А", "В", "И", "Я", "о", "д", "ж"} <= missing
    assert missing_glyphs(latin, "Status: active 09:15") == set()


def test_cyrillic_renders_as_letters_not_boxes(content: Path) -> None:
    """Each letter of a Cyrillic word is drawn differently, unlike .notdef boxes."""
    word = "Водоснабжение"
    for path in FONT_FILES.values():
        face = ImageFont.truetype(str(path), 48)
        shapes = {_rendered(face, ch) for ch in set(word)}
        assert len(shapes) == len(set(word))
    latin = _latin_only_font(48)
    assert len({_rendered(latin, ch) for ch in set(word)}) < len(set(word))


def _rendered(face: ImageFont.FreeTypeFont, ch: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 5), ch, font=face, fill=255)
    return image.tobytes()


def test_long_text_is_wrapped_and_cut_to_fit(content: Path) -> None:
    org = organization(content, name="Муниципальное унитарное предприятие «Водоканализационное "
                       "хозяйство городского округа Верхняя Салда» 🚰")
    place = Place(org.region, "посёлок Песчаный Карьер", org.timezone)
    streets = tuple(StreetArea(f"ул. Длинная{'очень' * n} {n}") for n in range(1, 12))
    spec = _spec(content, org=org, areas=(Area(place, streets),),
                 services=("cold_water", "hot_water", "heating", "electricity", "gas"))
    boxes, lines = layout_card(spec)
    pill = boxes[-1]
    for line in lines:
        face = font(line.weight, line.size)
        assert line.x >= 0 and line.x + face.getlength(line.text) <= WIDTH - 59, line.text
        assert line.y >= 0 and line.y + round(line.size * 1.25) <= HEIGHT
        above_pill = line.y + round(line.size * 1.25) <= pill.y0
        beside_pill = line.x >= pill.x1 or pill.x0 < line.x < pill.x1  # footer or pill text
        assert above_pill or beside_pill, line.text
        assert "🚰" not in line.text  # a character the font lacks is left out, not boxed
    cut = [line.text for line in lines if line.text.endswith(ELLIPSIS)]
    assert len(cut) >= 3  # the organization, the services and the places were cut
    assert lines[1].text.startswith("Муниципальное унитарное")


def test_the_card_states_type_services_places_times_and_status(content: Path) -> None:
    spec = _spec(content)
    assert spec.type_label == "АВАРИЙНАЯ СИТУАЦИЯ" and spec.type_colour == TYPE_COLOURS[
        "emergency"]
    assert spec.organization == "МУП «ВКС»"
    assert spec.headline == "Холодное водоснабжение"
    assert spec.places.replace("\u00a0", " ") == (
        "Верхняя Салда: ул. Ленина, ул. Энгельса; деревня Никитино")
    assert spec.times.replace("\u00a0", " ") == (
        "22.11.2026 с 09:15 до 18:00 (Екатеринбург, UTC+5)")
    assert (spec.status_label, spec.status_colour) == ("действует", STATUS_COLOURS["active"])


def test_status_and_end_are_those_known_at_build_time(content: Path) -> None:
    extended = Update(1, datetime(2026, 11, 22, 9, 55, tzinfo=TZ), "Продлено.",
                      end=datetime(2026, 11, 23, 2, 0, tzinfo=TZ))
    resolved_later = Update(2, datetime(2026, 11, 22, 15, 0, tzinfo=TZ), "Устранено.",
                            status="resolved")
    spec = _spec(content, updates=(extended, resolved_later))
    assert spec.times.replace("\u00a0", " ") == (
        "с 22.11.2026 09:15 до 23.11.2026 02:00 (Екатеринбург, UTC+5)")
    assert spec.status_label == "действует"  # the resolution comes after NOW

    resolved = Update(2, datetime(2026, 11, 22, 9, 58, tzinfo=TZ), "Устранено.",
                      status="resolved")
    assert _spec(content, updates=(extended, resolved)).status_label == "устранено"
    upcoming = _spec(content, type="planned", start=datetime(2026, 11, 25, 9, 0, tzinfo=TZ),
                     end=datetime(2026, 11, 25, 17, 0, tzinfo=TZ))
    assert (upcoming.type_label, upcoming.status_label) == ("ПЛАНОВЫЕ РАБОТЫ", "запланировано")
    open_ended = _spec(content, end=None)
    assert "окончание уточняется" in open_ended.times


def test_the_published_card_is_a_plain_1200x630_png_in_the_type_colour(
        content: Path, tmp_path: Path) -> None:
    the_notice = notice(content)
    ctx = context(content, (the_notice,), tmp_path / "site", tmp_path / "cache")
    card = publish_images(ctx).cards[the_notice.id]
    assert (card.width, card.height, card.mime) == (1200, 630, "image/png")
    path = ctx.site_dir / card.url
    assert card.length == path.stat().st_size
    with Image.open(path) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
        assert not {"exif", "icc_profile", "xmp", "transparency"} & set(image.info)
        pixels = image.convert("RGB")
    assert pixels.getpixel((5, 5)) == _rgb(TYPE_COLOURS["emergency"])
    assert pixels.getpixel((WIDTH // 2, HEIGHT - 20)) == (255, 255, 255)
    assert encode_card(card_spec(the_notice, NOW, ctx.config.title)).data == path.read_bytes()


def test_the_palette_png_is_the_drawing_within_a_few_levels(content: Path) -> None:
    """Saved with a palette to be small, the card still shows what was drawn."""
    spec = _spec(content)
    drawn = draw_card(spec)
    with Image.open(io.BytesIO(encode_card(spec).data)) as saved:
        difference = ImageChops.difference(drawn, saved.convert("RGB"))
    assert max(difference.tobytes()) <= 4
    assert len(drawn.getcolors(WIDTH * HEIGHT) or ()) > 256  # anti-aliasing: a palette is lossy


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return red, green, blue
