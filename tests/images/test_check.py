"""check_image: every bad photo gets its code and a message staff can act on; none raises."""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from generator.diagnostics import CODES
from generator.images import check_image
from generator.images.settings import MAX_BYTES, MAX_PIXELS

from .factory import phone_photo


def _png(width: int, height: int, depth: int, colour_type: int, rows: bytes) -> bytes:
    """A PNG written by hand, for what Pillow will not write (16-bit RGB, huge sizes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def _noise_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def not_an_image(folder: Path) -> Path:
    path = folder / "pipe.jpg"
    path.write_text("Фото будет позже", encoding="utf-8")
    return path


def truncated_jpeg(folder: Path) -> Path:
    data = _noise_jpeg()
    path = folder / "cut.jpg"
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def decompression_bomb(folder: Path) -> Path:
    """A valid 1-bit PNG of 20000×20000 (400 MP) in about 50 KB."""
    path = folder / "bomb.png"
    path.write_bytes(_png(20000, 20000, 1, 0, (b"\x00" + bytes(2500)) * 20000))
    return path


def just_over_the_pixel_limit(folder: Path) -> Path:
    """9000×6000 = 54 MP: over our limit, under the point where Pillow itself refuses."""
    path = folder / "54mp.png"
    path.write_bytes(_png(9000, 6000, 1, 0, (b"\x00" + bytes(1125)) * 6000))
    return path


def fifty_megabytes(folder: Path) -> Path:
    path = folder / "huge.jpg"
    with path.open("wb") as handle:  # a valid JPEG start, then a sparse 50 MB tail
        handle.write(_noise_jpeg())
        handle.truncate(50 * 2**20)
    return path


def animated_gif(folder: Path) -> Path:
    path = folder / "blink.gif"
    frames = [Image.new("RGB", (60, 40), colour) for colour in ("red", "green", "blue")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=200, loop=0)
    return path


def cmyk_jpeg(folder: Path) -> Path:
    path = folder / "print.jpg"
    Image.new("CMYK", (60, 40), (0, 200, 200, 0)).save(path, "JPEG")
    return path


def grey_16_bit_png(folder: Path) -> Path:
    path = folder / "scan16.png"
    Image.new("I;16", (60, 40), 40000).save(path)
    return path


def rgb_16_bit_png(folder: Path) -> Path:
    """Pillow reads this as 8-bit RGB without a word; the header says 16."""
    path = folder / "rgb16.png"
    path.write_bytes(_png(4, 4, 16, 2, (b"\x00" + bytes(4 * 6)) * 4))
    return path


def symlink_outside(folder: Path) -> Path:
    outside = folder.parents[4] / "secret.jpg"  # beside content/, not inside it
    phone_photo(outside, size=(60, 40))
    path = folder / "link.jpg"
    os.symlink(outside, path)
    return path


def path_outside(folder: Path) -> Path:
    phone_photo(folder.parents[4] / "elsewhere.jpg", size=(60, 40))
    return folder / ".." / ".." / ".." / ".." / ".." / "elsewhere.jpg"


def missing(folder: Path) -> Path:
    return folder / "Pipe.JPG"


def dangling_symlink(folder: Path) -> Path:
    path = folder / "gone.jpg"
    os.symlink("never-was.jpg", path)
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "album.jpg"
    path.mkdir()
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.jpg"
    path.write_bytes(b"")
    return path


def heic(folder: Path) -> Path:
    path = folder / "IMG_0001.HEIC"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64))
    return path


def tiff(folder: Path) -> Path:
    path = folder / "scan.tif"
    Image.new("RGB", (60, 40)).save(path, "TIFF")
    return path


BAD: list[tuple[Callable[[Path], Path], str, str]] = [
    (not_an_image, "E042", "не является изображением"),
    (truncated_jpeg, "E042", "обрывается"),
    (empty_file, "E042", "пуст"),
    (a_folder, "E042", "папка"),
    (decompression_bomb, "E043", "400 Мп"),
    (just_over_the_pixel_limit, "E043", "9000×6000"),
    (fifty_megabytes, "E043", "50.0 МБ"),
    (animated_gif, "E044", "анимированное изображение (GIF, кадров: 3) не публикуется"),
    (cmyk_jpeg, "E044", "CMYK"),
    (grey_16_bit_png, "E044", "16 бит"),
    (rgb_16_bit_png, "E044", "16 бит"),
    (heic, "E044", "HEIC"),
    (tiff, "E044", "формат TIFF"),
    (symlink_outside, "E041", "символическая ссылка на файл вне папки content/"),
    (path_outside, "E041", "за пределы папки content/"),
    (missing, "E040", "не найден"),
    (dangling_symlink, "E040", "never-was.jpg"),
]


@pytest.mark.parametrize(("make", "code", "found"), BAD, ids=[m.__name__ for m, _, _ in BAD])
def test_each_bad_photo_gets_its_message(make: Callable[[Path], Path], code: str, found: str,
                                         content: Path, photo_dir: Path) -> None:
    result = check_image(make(photo_dir), content)
    assert result is not None
    got_code, message, hint = result
    assert got_code == code and code in CODES
    assert found in message
    assert len(hint) > 20 and hint[0].isupper()  # says what to do, in a sentence


def test_the_limits_are_the_ones_stated() -> None:
    assert MAX_BYTES == 25 * 2**20
    assert MAX_PIXELS == 50_000_000 == Image.MAX_IMAGE_PIXELS


GOOD: list[tuple[str, Callable[[Path], object]]] = [
    ("phone.jpg", lambda p: phone_photo(p, size=(400, 200))),
    ("screen.png", lambda p: Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(p)),
    ("grey.png", lambda p: Image.new("L", (300, 200), 128).save(p)),
    ("still.gif", lambda p: Image.new("P", (300, 200), 3).save(p)),
    ("photo.webp", lambda p: Image.new("RGB", (300, 200), "teal").save(p, "WEBP")),
    # Many phones write MPO: a JPEG with a second picture after it. Only the first is used.
    ("depth.jpg", lambda p: Image.new("RGB", (300, 200), "navy").save(
        p, "MPO", save_all=True, append_images=[Image.new("RGB", (300, 200), "white")])),
]


@pytest.mark.parametrize(("name", "make"), GOOD, ids=[n for n, _ in GOOD])
def test_good_photos_pass(name: str, make: Callable[[Path], object], content: Path,
                          photo_dir: Path) -> None:
    make(photo_dir / name)
    assert check_image(photo_dir / name, content) is None


def test_a_symlink_inside_content_is_fine(content: Path, photo_dir: Path) -> None:
    phone_photo(photo_dir / "real.jpg")
    os.symlink("real.jpg", photo_dir / "alias.jpg")
    assert check_image(photo_dir / "alias.jpg", content) is None


def test_no_input_makes_it_raise(content: Path, photo_dir: Path) -> None:
    """Random bytes and every kind of file cut at many points: a result, never an exception."""
    rng = random.Random(5)
    samples = [_noise_jpeg()]
    for fmt in ("PNG", "GIF", "WEBP", "MPO"):
        buffer = io.BytesIO()
        Image.effect_noise((120, 80), 50).convert("RGB").save(buffer, fmt)
        samples.append(buffer.getvalue())
    samples.append(phone_photo(photo_dir / "src.jpg", size=(300, 200)).read_bytes())
    cases = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(30)]
    for data in samples:
        cases += [data[:cut] for cut in sorted(rng.sample(range(1, len(data)), 25))]
        flipped = bytearray(data)
        for _ in range(20):
            flipped[rng.randrange(len(flipped))] ^= 0xFF
        cases.append(bytes(flipped))
    path = photo_dir / "case.jpg"
    for data in cases:
        path.write_bytes(data)
        result = check_image(path, content)
        assert result is None or result[0] in {"E042", "E043", "E044"}
