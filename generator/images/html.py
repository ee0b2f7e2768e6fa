"""The HTML a page uses to show a published photo."""

from __future__ import annotations

from html import escape

from .index import PublishedPhoto, Variant

#: The content column of the site is at most about 800 CSS pixels wide.
DEFAULT_SIZES = "(max-width: 840px) 100vw, 800px"
DEFAULT_ALT = "Фотография к уведомлению"


def picture_html(photo: PublishedPhoto, base: str = "", *, alt: str | None = None,
                 sizes: str = DEFAULT_SIZES) -> str:
    """A ``<picture>``: WebP first, a JPEG ``<img>`` with ``srcset``, its size and lazy loading.

    ``base`` is prefixed to every URL (e.g. ``"../../"`` from a page's folder);
    ``alt`` defaults to the photo's caption.
    """
    fallback = photo.fallback
    text = alt if alt is not None else (photo.caption or DEFAULT_ALT)
    webp = photo.of_type("image/webp")
    source = (f'<source type="image/webp" srcset="{_srcset(webp, base)}" '
              f'sizes="{escape(sizes)}">' if webp else "")
    img = (f'<img src="{escape(base + fallback.url)}" '
           f'srcset="{_srcset(photo.of_type("image/jpeg"), base)}" sizes="{escape(sizes)}" '
           f'width="{fallback.width}" height="{fallback.height}" loading="lazy" '
           f'decoding="async" alt="{escape(text)}">')
    return f"<picture>{source}{img}</picture>"


def _srcset(variants: tuple[Variant, ...], base: str) -> str:
    return ", ".join(f"{escape(base + v.url)} {v.width}w" for v in variants)
