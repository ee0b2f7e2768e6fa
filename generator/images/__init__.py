"""Photos and preview cards (Pillow).

Interface used by the validator, the site and the feeds:

* :func:`check_image` — can this photo file be published? (E040–E044)
* :func:`publish_images` — the build stage: resized, metadata-free variants of
  every photo and a 1200×630 card per notice, returned as an :class:`ImageIndex`
* :func:`picture_html` — the ``<picture>`` element a page shows a photo with

Modules: ``settings`` (limits, encoder settings), ``decode`` (reading untrusted
files), ``check``, ``encode``, ``cards`` and ``text`` (drawing), ``cache``,
``publish``, ``html``. The bundled font and its licence are in ``fonts/``.
"""

from __future__ import annotations

from .check import check_image
from .html import picture_html
from .index import ImageIndex, PublishedPhoto, Variant
from .publish import publish_images

__all__ = ["ImageIndex", "PublishedPhoto", "Variant", "check_image", "picture_html",
           "publish_images"]
