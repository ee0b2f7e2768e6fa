"""Photos on notice pages: the images stage's ``<picture>`` in a captioned ``<figure>``."""

from __future__ import annotations

from ..images import ImageIndex, picture_html
from ..model import Photo
from .text import attr


def figure(images: ImageIndex, photo: Photo, root: str, title: str) -> str:
    """``<figure>`` for a published photo; empty when the images stage did not publish it."""
    published = images.photo(photo.source)
    if published is None:
        return ""
    alt = photo.caption or f"Фотография к объявлению «{title}»"
    caption = f"<figcaption>{attr(photo.caption)}</figcaption>" if photo.caption else ""
    return f'<figure class="rso-photo">{picture_html(published, root, alt=alt)}{caption}</figure>'
