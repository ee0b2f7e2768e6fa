"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), by hand: feedgen has none.

Items are serialized one by one, so a feed's size is known item by item and
the same item is encoded once however many feeds carry it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from .items import FeedItem

VERSION = "https://jsonfeed.org/version/1.1"
MIME = "application/feed+json"
_INDENT = "  "


@dataclass(frozen=True)
class JsonHead:
    title: str
    description: str
    home_page_url: str
    feed_url: str
    author: str
    scope: str
    key: str


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def item_json(item: FeedItem) -> str:
    """One item as a line of the ``items`` array (one line each: JSON's fast encoder)."""
    data: dict[str, object] = {
        "id": item.id,
        "url": item.link,
        "title": item.title,
        "content_html": item.html,
        "content_text": item.text,
        "date_published": rfc3339(item.date),
    }
    if item.image is not None:
        data["image"] = item.image.url
    data["authors"] = [{"name": item.author, "url": item.author_url}]
    data["_rso"] = item.rso.to_json()
    return _INDENT * 2 + json.dumps(data, ensure_ascii=False)


def feed_json(head: JsonHead, items: list[str]) -> bytes:
    """The whole feed from its head and items already encoded by :func:`item_json`."""
    top = {
        "version": VERSION,
        "title": head.title,
        "home_page_url": head.home_page_url,
        "feed_url": head.feed_url,
        "description": head.description,
        "language": "ru",
        "authors": [{"name": head.author}],
        "_rso": {"scope": head.scope, "key": head.key},
        "items": [],
    }
    text = json.dumps(top, ensure_ascii=False, indent=2)
    if items:
        head_text, tail = text.rsplit('"items": []', 1)  # "items" is the last key
        text = head_text + '"items": [\n' + ",\n".join(items) + "\n  ]" + tail
    return (text + "\n").encode("utf-8")


def item_size(encoded: str) -> int:
    """Bytes an encoded item adds to a feed, its separator included."""
    return len(encoded.encode("utf-8")) + 2
