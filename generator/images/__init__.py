"""Photos and preview cards (Pillow).

Interface used by the site and the feeds; the implementation lives in the
modules of this package (``photos``, ``cards``, ``check``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Variant:
    """One published image file."""

    url: str  # relative to the site root, e.g. "media/photos/ab12cd-480.webp"
    width: int
    height: int
    mime: str  # "image/webp", "image/jpeg", "image/png"
    length: int  # bytes


@dataclass(frozen=True)
class PublishedPhoto:
    source: Path  # the original, never published
    caption: str | None
    variants: tuple[Variant, ...]  # every size and format

    def of_type(self, mime: str) -> tuple[Variant, ...]:
        return tuple(sorted((v for v in self.variants if v.mime == mime), key=lambda v: v.width))

    @property
    def fallback(self) -> Variant:
        """The largest JPEG: for <img src>, feeds' enclosures and messengers."""
        return self.of_type("image/jpeg")[-1]


@dataclass(frozen=True)
class ImageIndex:
    photos: dict[Path, PublishedPhoto] = field(default_factory=dict)  # by Photo.source
    cards: dict[str, Variant] = field(default_factory=dict)  # by notice id, 1200x630 PNG

    def photo(self, source: Path) -> PublishedPhoto | None:
        return self.photos.get(source)

    def card(self, notice_id: str) -> Variant | None:
        return self.cards.get(notice_id)
