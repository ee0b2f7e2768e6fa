"""Draw the demo photos of the embedded content, so that they can be reproduced.

The pictures are drawn scenes (a trench with a burst pipe, a repair crew in
silhouette, steam over a heating main), not photographs: no real people or
places. One of them is stored rotated, with EXIF orientation 6 and a made-up
GPS position, so that the image pipeline has to honour the orientation and
strip the location before publishing.

Run from the repository root::

    .venv/bin/python tests/make_demo_photos.py

The files are committed; running the script again rewrites identical bytes.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SIZE = (960, 720)
ORIENTATION = 0x0112
GPS_IFD = 0x8825
Color = tuple[int, int, int]


@dataclass(frozen=True)
class DemoPhoto:
    path: Path
    draw: Callable[[random.Random], Image.Image]
    rotated_with_gps: bool = False


def _sky(draw: ImageDraw.ImageDraw, top: Color, bottom: Color, height: int) -> None:
    width = SIZE[0]
    for y in range(height):
        t = y / max(height - 1, 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=color)


def _snow_ground(draw: ImageDraw.ImageDraw, horizon: int, rng: random.Random) -> None:
    width, height = SIZE
    draw.rectangle([0, horizon, width, height], fill=(214, 220, 228))
    for _ in range(400):
        x, y = rng.randrange(width), rng.randrange(horizon, height)
        shade = rng.randrange(190, 235)
        draw.point((x, y), fill=(shade, shade + 5 if shade < 250 else shade, 240))


def _houses(draw: ImageDraw.ImageDraw, horizon: int, rng: random.Random) -> None:
    x = 20
    while x < SIZE[0] - 60:
        w, h = rng.randrange(120, 200), rng.randrange(140, 260)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=(148, 130, 118))
        for wy in range(horizon - h + 20, horizon - 30, 40):
            for wx in range(x + 14, x + w - 24, 36):
                lit = rng.random() < 0.35
                draw.rectangle([wx, wy, wx + 18, wy + 22],
                               fill=(238, 210, 120) if lit else (70, 80, 96))
        x += w + rng.randrange(30, 70)


def draw_trench(rng: random.Random) -> Image.Image:
    """A street dug open in winter, a blue water pipe with a crack, water in the pit."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    horizon = 300
    _sky(draw, (150, 172, 196), (210, 218, 226), horizon)
    _houses(draw, horizon, rng)
    _snow_ground(draw, horizon, rng)
    draw.polygon([(140, 470), (820, 470), (900, 700), (60, 700)], fill=(92, 70, 52))
    draw.polygon([(180, 500), (780, 500), (840, 690), (120, 690)], fill=(64, 48, 36))
    draw.ellipse([250, 600, 700, 690], fill=(88, 110, 128))
    draw.rectangle([100, 560, 860, 610], fill=(40, 86, 160))
    draw.rectangle([100, 560, 860, 572], fill=(90, 140, 210))
    draw.line([(470, 560), (490, 585), (478, 610)], fill=(20, 30, 40), width=4)
    for i in range(14):
        x = 482 + rng.randrange(-30, 30)
        draw.line([(484, 572), (x, 520 - i * 3)], fill=(170, 200, 230), width=2)
    for x in range(150, 820, 70):
        draw.rectangle([x, 440, x + 36, 452], fill=(226, 60, 40) if x % 140 else (245, 245, 245))
    draw.line([(140, 446), (820, 446)], fill=(226, 60, 40), width=3)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def _worker(draw: ImageDraw.ImageDraw, x: int, ground: int, scale: float, bent: bool) -> None:
    dark = (24, 26, 32)
    h = round(170 * scale)
    head = round(18 * scale)
    top = ground - h
    lean = round(30 * scale) if bent else 0
    draw.ellipse([x - head + lean, top, x + head + lean, top + 2 * head], fill=dark)
    draw.rectangle([x - head - 4 + lean, top - 4, x + head + 4 + lean, top + 8],
                   fill=(240, 150, 30))
    draw.polygon([(x - 24 + lean, top + 2 * head + 4), (x + 24 + lean, top + 2 * head + 4),
                  (x + 22, ground - round(70 * scale)), (x - 22, ground - round(70 * scale))],
                 fill=dark)
    draw.rectangle([x - 22, top + 2 * head + 40, x + 22 + lean, top + 2 * head + 52],
                   fill=(200, 210, 60))
    draw.line([(x - 12, ground - round(70 * scale)), (x - 18, ground)], fill=dark, width=12)
    draw.line([(x + 12, ground - round(70 * scale)), (x + 18, ground)], fill=dark, width=12)


def draw_crew(rng: random.Random) -> Image.Image:
    """Evening: three workers in silhouette by the pit, an excavator arm, a work lamp."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    horizon = 360
    _sky(draw, (30, 40, 70), (120, 100, 110), horizon)
    _houses(draw, horizon, rng)
    draw.rectangle([0, horizon, SIZE[0], SIZE[1]], fill=(70, 74, 84))
    draw.polygon([(460, 420), (920, 420), (940, 560), (440, 560)], fill=(44, 36, 30))
    draw.rectangle([620, 250, 860, 420], fill=(230, 170, 30))
    draw.rectangle([650, 270, 740, 340], fill=(60, 80, 100))
    draw.line([(740, 270), (560, 150), (500, 330)], fill=(210, 150, 20), width=22)
    draw.polygon([(470, 330), (540, 330), (520, 390), (480, 380)], fill=(60, 60, 60))
    draw.line([(120, 600), (120, 300)], fill=(40, 40, 40), width=8)
    draw.ellipse([96, 270, 160, 320], fill=(255, 244, 200))
    glow = Image.new("L", SIZE, 0)
    ImageDraw.Draw(glow).ellipse([-40, 160, 340, 520], fill=70)
    image.paste((255, 236, 180), mask=glow.filter(ImageFilter.GaussianBlur(60)))
    draw = ImageDraw.Draw(image)
    for x, scale, bent in ((250, 1.0, False), (340, 0.95, True), (410, 0.9, False)):
        _worker(draw, x, 640, scale, bent)
    return image.filter(ImageFilter.GaussianBlur(0.5))


def draw_heating_main(rng: random.Random) -> Image.Image:
    """A frosty morning: an open heating-main chamber with two pipes and steam rising."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    horizon = 320
    _sky(draw, (176, 196, 222), (236, 226, 214), horizon)
    _houses(draw, horizon, rng)
    _snow_ground(draw, horizon, rng)
    draw.rectangle([240, 470, 720, 650], fill=(90, 88, 84))
    draw.rectangle([260, 490, 700, 640], fill=(52, 50, 48))
    for y in (530, 590):
        draw.rectangle([200, y, 760, y + 34], fill=(120, 120, 118))
        draw.rectangle([200, y, 760, y + 8], fill=(170, 170, 166))
    steam = Image.new("L", SIZE, 0)
    steam_draw = ImageDraw.Draw(steam)
    for _ in range(60):
        x = rng.randrange(300, 660)
        y = rng.randrange(180, 520)
        r = rng.randrange(30, 80)
        steam_draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.randrange(150, 230))
    image.paste((245, 245, 245), mask=steam.filter(ImageFilter.GaussianBlur(18)))
    return image


def _rotated_with_gps(image: Image.Image) -> tuple[Image.Image, Image.Exif]:
    """Store the picture turned 90° counter-clockwise, tagged so viewers turn it back."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps.update({
        1: "N", 2: (58.0, 2.0, 45.0),   # made up: a point near Verkhnyaya Salda
        3: "E", 4: (60.0, 33.0, 20.0),
    })
    return image.transpose(Image.Transpose.ROTATE_90), exif


def render(photo: DemoPhoto) -> None:
    image = photo.draw(random.Random(photo.path.name))
    exif = Image.Exif()
    if photo.rotated_with_gps:
        image, exif = _rotated_with_gps(image)
    photo.path.parent.mkdir(parents=True, exist_ok=True)
    image.save(photo.path, "JPEG", quality=78, optimize=True, exif=exif.tobytes())


def demo_photos(root: Path = ROOT) -> tuple[DemoPhoto, ...]:
    salda = root / "content/notices/vks-verkhnyaya-salda/2026/media"
    chita = root / "content/notices/tgk14-chita/2026/media"
    return (
        DemoPhoto(salda / "lenina-trench.jpg", draw_trench, rotated_with_gps=True),
        DemoPhoto(salda / "lenina-crew.jpg", draw_crew),
        DemoPhoto(chita / "heating-main-steam.jpg", draw_heating_main),
    )


def main() -> int:
    for photo in demo_photos():
        render(photo)
        print(f"{photo.path.relative_to(ROOT)}: {photo.path.stat().st_size // 1024} КБ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
