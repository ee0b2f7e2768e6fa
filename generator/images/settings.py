"""Limits and encoder settings of the image stage, declared once.

Everything that changes the bytes of an encoded file is part of a
fingerprint, so that the cache never serves a file a cold build would not
produce.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Final

from PIL import Image, features

#: A photo file larger than this is refused (E043): phones write 3–8 MB.
MAX_BYTES: Final = 25 * 1024 * 1024

#: More pixels than this is refused (E043) before decoding: 50 MP is 8160×6120.
MAX_PIXELS: Final = 50_000_000

# Set deliberately: Pillow warns above MAX_IMAGE_PIXELS and refuses to open an
# image over twice that (DecompressionBombError). decode.py refuses anything over
# MAX_PIXELS itself, after reading the header and before decoding a pixel.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

#: Pillow format names accepted for photos, with the name staff know. MPO is how
#: Pillow reads many phone JPEGs (a JPEG with a depth map or preview after it).
ACCEPTED_FORMATS: Final[dict[str, str]] = {
    "JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF",
}

#: Colour modes converted to RGB; anything else (CMYK, 16-bit, LAB, ...) is refused.
ACCEPTED_MODES: Final = frozenset({"1", "L", "LA", "P", "PA", "RGB", "RGBA"})

#: Bump when the pipeline changes in a way that alters output bytes.
PIPELINE_VERSION: Final = 1


@dataclass(frozen=True)
class PhotoSettings:
    widths: tuple[int, ...] = (480, 1280)  # published widths; never upscaled
    jpeg_quality: int = 80
    webp_quality: int = 78
    webp_method: int = 4  # 0 fast .. 6 small; 4 is libwebp's default trade-off

    def fingerprint(self) -> str:
        return json.dumps({"photo": asdict(self), **library_versions()}, sort_keys=True)


def library_versions() -> dict[str, object]:
    """Versions of everything that encodes or draws: a new one may give other bytes."""
    return {
        "pipeline": PIPELINE_VERSION,
        "pillow": Image.__version__,
        "jpeg": features.version("jpg"),
        "webp": features.version("webp"),
        "zlib": features.version("zlib"),
        "freetype": features.version("freetype2"),
        "lcms": features.version("littlecms2"),
    }
