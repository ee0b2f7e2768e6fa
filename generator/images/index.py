"""What the image stage hands to the site and the feeds."""

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
    #: By notice id, 1200x630 PNG: only notices current or ended recently have one.
    cards: dict[str, Variant] = field(default_factory=dict)
    #: By (notice id, event index): 0 the publication, n the update n.
    event_cards: dict[tuple[str, int], Variant] = field(default_factory=dict)

    def photo(self, source: Path) -> PublishedPhoto | None:
        return self.photos.get(source)

    def card(self, notice_id: str) -> Variant | None:
        """The notice's card as it stands at the build's moment: the page's ``og:image``;
        ``None`` for a notice archived for more than ``retention.RECENT_WINDOW``."""
        return self.cards.get(notice_id)

    def event_card(self, notice_id: str, index: int) -> Variant | None:
        """The card of one event as it stood right after it: a feed item's image, for good.

        Only events a feed may list at the build's moment have one (``generator.retention``).
        """
        return self.event_cards.get((notice_id, index))
