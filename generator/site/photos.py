"""Photos on notice pages: a responsive ``<picture>`` with a caption."""

from __future__ import annotations

from ..images import ImageIndex, PublishedPhoto
from ..model import Photo
from .text import attr

SIZES = "(min-width: 76.25em) 40rem, 100vw"


def figure(images: ImageIndex, photo: Photo, root: str, title: str) -> str:
    """``<figure>`` for a published photo; empty when the images stage did not publish it."""
    published = images.photo(photo.source)
    if published is None:
        return ""
    alt = photo.caption or f"Фотография к объявлению «{title}»"
    caption = f"<figcaption>{attr(photo.caption)}</figcaption>" if photo.caption else ""
    return f'<figure class="rso-photo">{picture(published, root, alt)}{caption}</figure>'


def picture(photo: PublishedPhoto, root: str, alt: str) -> str:
    sources = []
    for mime in ("image/avif", "image/webp"):
        variants = photo.of_type(mime)
        if variants:
            srcset = ", ".join(f"{root}{v.url} {v.width}w" for v in variants)
            sources.append(f'<source type="{mime}" srcset="{attr(srcset)}" sizes="{SIZES}">')
    img = photo.fallback
    return (f"<picture>{''.join(sources)}<img src=\"{attr(root + img.url)}\" width=\"{img.width}\" "
            f'height="{img.height}" alt="{attr(alt)}" loading="lazy" decoding="async"></picture>')
