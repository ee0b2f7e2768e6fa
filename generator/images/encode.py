"""Encoding published photo variants: resized, sRGB, without any metadata.

What is published is built from pixels alone: a fresh image receives the
resized pixels, so no EXIF (GPS, camera serial), XMP, comment or ICC profile
of the original can reach the site. Colours tagged with an ICC profile are
converted to sRGB first, the colour space browsers assume for untagged images.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageCms

from .settings import PhotoSettings

_WHITE = (255, 255, 255)


@dataclass(frozen=True)
class Encoded:
    """One encoded file, not yet written anywhere."""

    width: int
    height: int
    mime: str
    data: bytes

    @property
    def extension(self) -> str:
        return {"image/jpeg": "jpg", "image/webp": "webp", "image/png": "png"}[self.mime]


def encode_photo(image: Image.Image, settings: PhotoSettings) -> list[Encoded]:
    """Every published variant of an upright photo: each width, as JPEG and WebP."""
    widths = target_widths(image.width, settings.widths)
    largest = _to_srgb(resize(_flatten(image), widths[-1]), image.info.get("icc_profile"))
    result: list[Encoded] = []
    for width in widths:
        variant = largest if width == largest.width else resize(largest, width)
        pixels = without_metadata(variant)
        result.append(_save(pixels, "image/jpeg", settings))
        result.append(_save(pixels, "image/webp", settings))
    return result


def target_widths(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths narrower than the source, plus the source width if narrower
    than the widest: a photo is never upscaled."""
    chosen = sorted({w for w in widths if w <= source_width})
    if source_width < max(widths):
        chosen.append(source_width)
    return sorted(set(chosen))


def resize(image: Image.Image, width: int) -> Image.Image:
    if image.width == width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def without_metadata(image: Image.Image) -> Image.Image:
    """A new RGB image holding only the pixels: ``info`` (EXIF, XMP, ICC, comments) is empty."""
    return Image.frombytes("RGB", image.size, image.convert("RGB").tobytes())


def _flatten(image: Image.Image) -> Image.Image:
    """RGB; transparency is laid over white, as a page background would show it."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if not has_alpha:
        return image if image.mode == "RGB" else image.convert("RGB")
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, _WHITE)
    flat.paste(rgba, mask=rgba.getchannel("A"))
    flat.info = dict(image.info)  # keep the ICC profile for the conversion to sRGB
    return flat


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _srgb(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unreadable or grey profile: keep the pixels as they are
    return converted if converted is not None else image


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _save(image: Image.Image, mime: str, settings: PhotoSettings) -> Encoded:
    buffer = io.BytesIO()
    if mime == "image/jpeg":
        image.save(buffer, "JPEG", quality=settings.jpeg_quality, optimize=True,
                   progressive=True, subsampling="4:2:0")
    else:
        image.save(buffer, "WEBP", quality=settings.webp_quality, method=settings.webp_method)
    return Encoded(image.width, image.height, mime, buffer.getvalue())
