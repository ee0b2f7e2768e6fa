"""Decoding an untrusted photo within limits, turned upright.

The validator and the encoder share :func:`decode_upright`, so a photo that
passes validation is one the encoder can read. Every way a file can be bad
comes back as a :class:`Problem` (a value), never as an exception.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from .settings import ACCEPTED_FORMATS, ACCEPTED_MODES, MAX_BYTES, MAX_PIXELS

_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")
_ACCEPTED_NAMES = "JPEG, PNG, WebP или GIF"


@dataclass(frozen=True)
class Problem:
    """Why a photo cannot be published: a diagnostic code, what was found, what to do."""

    code: str
    message: str
    hint: str

    def as_tuple(self) -> tuple[str, str, str]:
        return self.code, self.message, self.hint


def decode_upright(data: bytes, *, min_width: int | None = None) -> Image.Image | Problem:
    """Decode ``data`` and turn it upright from its EXIF orientation.

    ``min_width``: the decoded image may be smaller than the original (JPEG
    decoders scale by 1/2, 1/4, 1/8 for free) but stays at least this wide when
    the original is; ``None`` decodes at the smallest scale, enough to prove
    the whole file is readable.
    """
    if not data:
        return Problem("E042", "файл пуст (0 байт)", "Загрузите фотографию заново.")
    if len(data) > MAX_BYTES:
        return too_many_bytes(len(data))
    if _is_heif(data):
        return Problem("E044", "формат HEIC/HEIF (так снимает iPhone) не поддерживается",
                       "Сохраните снимок в JPEG: на iPhone — Настройки → Камера → Форматы → "
                       "«Наиболее совместимый», или экспортируйте фото в JPEG.")
    with warnings.catch_warnings():
        # Corrupt-EXIF and palette notes are not our concern. Pillow's bomb warning
        # (over MAX_PIXELS) is silenced too: _refusal checks the same limit right after
        # the header is read and names the dimensions; nothing is decoded before it.
        # Over twice the limit Pillow raises DecompressionBombError, caught below.
        warnings.simplefilter("ignore")
        try:
            return _decode(data, min_width)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            return _bomb(exc)
        except Exception as exc:  # any decoder failure means a damaged file
            return _damaged(exc)


def too_many_bytes(size: int) -> Problem:
    return Problem(
        "E043",
        f"файл слишком большой: {size / 2**20:.1f} МБ, а допускается не больше "
        f"{MAX_BYTES // 2**20} МБ",
        "Уменьшите фотографию (например, до 4000 пикселей по длинной стороне) или сохраните "
        "её в JPEG с качеством 85–90 %; на сайте она показывается не шире 1280 пикселей.")


def _decode(data: bytes, min_width: int | None) -> Image.Image | Problem:
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        return Problem("E042", "файл не является изображением: формат не распознан",
                       f"Приложите фотографию в формате {_ACCEPTED_NAMES} и проверьте, "
                       "что она открывается на компьютере.")
    problem = _refusal(image, data)
    if problem is not None:
        return problem
    _draft(image, min_width)
    image.load()
    return _upright(image)


def _refusal(image: Image.Image, data: bytes) -> Problem | None:
    """What makes a readable file unfit for publication, if anything."""
    fmt = image.format or "?"
    if fmt not in ACCEPTED_FORMATS:
        return Problem("E044", f"формат {fmt} не поддерживается",
                       f"Сохраните фотографию как {_ACCEPTED_NAMES}.")
    width, height = image.size
    if width * height > MAX_PIXELS:
        return _too_many_pixels(width * height, f"{width}×{height}")
    if fmt != "MPO" and getattr(image, "is_animated", False):
        return Problem("E044", f"анимированное изображение ({ACCEPTED_FORMATS[fmt]}, "
                       f"кадров: {getattr(image, 'n_frames', '?')}) не публикуется: "
                       "на сайт выкладываются только неподвижные снимки",
                       "Сохраните нужный кадр отдельной картинкой JPEG или PNG и укажите её.")
    if image.mode == "CMYK":
        return Problem("E044", "изображение в цветовой модели CMYK (для типографской печати) "
                       "не публикуется: на экранах цвета исказились бы",
                       "Сохраните копию в RGB (sRGB), например «Экспорт для веб» в JPEG "
                       "в графическом редакторе, и укажите её.")
    if _is_16_bit(image, data):
        return Problem("E044", "изображение с глубиной цвета 16 бит на канал не публикуется: "
                       "сайт принимает 8-битные изображения",
                       "Сохраните копию с глубиной 8 бит на канал (JPEG или PNG), например "
                       "в GIMP: Изображение → Точность → 8 бит.")
    if image.mode not in ACCEPTED_MODES:
        return Problem("E044", f"цветовой режим {image.mode} не поддерживается",
                       "Сохраните фотографию в RGB как JPEG или PNG.")
    return None


def _is_16_bit(image: Image.Image, data: bytes) -> bool:
    """16 bits per channel. Pillow reads 16-bit RGB PNGs as 8-bit RGB, so read the header."""
    if image.mode.startswith("I") or image.mode == "F":
        return True
    return image.format == "PNG" and data[12:16] == b"IHDR" and len(data) > 24 and data[24] == 16


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _draft(image: Image.Image, min_width: int | None) -> None:
    """Let a JPEG decoder scale down by 1/2..1/8 while staying at least ``min_width`` wide."""
    if image.format not in ("JPEG", "MPO"):
        return
    width, height = image.size
    upright_width = height if _orientation(image) in (5, 6, 7, 8) else width
    ratio = 1 / 8 if min_width is None else min(1.0, min_width / upright_width)
    image.draft(image.mode, (max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio))))


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # unreadable EXIF: treat as upright
        return 1


def _upright(image: Image.Image) -> Image.Image:
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:  # unreadable EXIF: publish as stored
        return image
    return upright if upright is not None else image


def _damaged(exc: Exception) -> Problem:
    if "truncated" in str(exc):
        return Problem("E042", "файл повреждён: изображение обрывается, файл загружен "
                       "не полностью",
                       "Загрузите фотографию заново с устройства, на котором она открывается "
                       "целиком.")
    return Problem("E042", f"файл повреждён и не читается (причина: {exc or type(exc).__name__})",
                   "Загрузите фотографию заново; если не поможет, откройте её на компьютере "
                   "и сохраните в JPEG ещё раз.")


def _bomb(exc: Exception) -> Problem:
    match = _PIXELS_IN_MESSAGE.search(str(exc))
    pixels = int(match.group(1)) if match else MAX_PIXELS + 1
    return _too_many_pixels(pixels, None)


def _too_many_pixels(pixels: int, dimensions: str | None) -> Problem:
    size = f"{dimensions} пикселей, " if dimensions else ""
    return Problem(
        "E043",
        f"изображение слишком большое: {size}{pixels / 1e6:.0f} Мп, а допускается не больше "
        f"{MAX_PIXELS // 1_000_000} Мп; такой файл может быть «бомбой распаковки» и не "
        "обрабатывается",
        "Уменьшите фотографию до 50 Мп или меньше (например, 8000×6000 или 4000×3000 "
        "пикселей) и сохраните в JPEG.")
