"""Reading a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1) into items.

The generator publishes one item per event of a notice (the publication and
every update), newest first, with an ``_rso`` extension object::

    {"id": "tag:example.ru,2026:vks/2026/2026-11-22-lenina/1",
     "url": "https://example.ru/.../#update-1", "title": "Устранено: ...",
     "content_html": "<p>...</p>", "content_text": "...",
     "date_published": "2026-11-22T14:10:00Z", "image": "https://...",
     "_rso": {"notice_id": "...", "event": 1, "organization": "...",
              "type": "emergency", "status": "resolved", "status_label": "устранено"}}

A feed from elsewhere, without ``_rso``, is reposted too, only without the
status line and without editing earlier posts. A document with any bad item is
refused as a whole: nothing of it is posted until it is fixed, so nothing is
lost and nothing goes out of order.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from .explain import explain_bad_json

JSON_FEED_VERSION_PREFIX = "https://jsonfeed.org/version/1"


@dataclass(frozen=True)
class FeedItem:
    id: str
    url: str
    title: str
    content_html: str
    content_text: str
    published: datetime  # aware, UTC
    image: str | None = None
    notice_id: str | None = None  # from _rso; None for feeds of other sites
    event: int | None = None  # 0 for the publication, 1.. for updates
    status: str | None = None
    status_label: str | None = None

    @property
    def order_key(self) -> tuple[datetime, str, int, str]:
        """Oldest first; events of one notice in their own order."""
        return (self.published, self.notice_id or "", self.event or 0, self.id)

    @property
    def is_first_post(self) -> bool:
        return self.notice_id is not None and self.event == 0

    def to_json(self) -> str:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FeedItem:
        data = json.loads(text)
        data["published"] = datetime.fromisoformat(data["published"])
        return cls(**data)


@dataclass(frozen=True)
class Feed:
    items: tuple[FeedItem, ...]  # as published: newest first
    next_url: str | None = None


@dataclass(frozen=True)
class FeedRejected:
    """The document is not a usable JSON Feed; every reason found, for the log."""

    reasons: tuple[str, ...]

    def describe(self) -> str:
        shown = "; ".join(self.reasons[:5])
        more = len(self.reasons) - 5
        return shown + (f"; и ещё {more}" if more > 0 else "")


def parse_feed(body: bytes) -> Feed | FeedRejected:
    try:
        document = json.loads(body.decode("utf-8"))
    except ValueError as failure:  # UnicodeDecodeError included
        return FeedRejected((explain_bad_json(failure),))
    if not isinstance(document, dict):
        return FeedRejected(("ожидался объект JSON Feed",))
    reasons: list[str] = []
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith(JSON_FEED_VERSION_PREFIX):
        reasons.append(f"version {version!r} — это не JSON Feed 1.x")
    raw_items = document.get("items")
    if not isinstance(raw_items, list):
        return FeedRejected((*reasons, "нет списка items"))
    items = [_item(raw, index, reasons) for index, raw in enumerate(raw_items)]
    reasons.extend(_duplicate_ids(items))
    if reasons:
        return FeedRejected(tuple(reasons))
    next_url = document.get("next_url")
    return Feed(tuple(item for item in items if item is not None),
                next_url if isinstance(next_url, str) else None)


def _item(raw: Any, index: int, reasons: list[str]) -> FeedItem | None:
    where = f"items[{index}]"
    if not isinstance(raw, dict):
        reasons.append(f"{where}: ожидался объект")
        return None
    item_id, url = raw.get("id"), raw.get("url")
    html, text = raw.get("content_html"), raw.get("content_text")
    problems = []
    if not isinstance(item_id, str) or not item_id:
        problems.append("нет id")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        problems.append("нет абсолютного url")
    if not isinstance(html, str) and not isinstance(text, str):
        problems.append("нет ни content_html, ни content_text")
    published = _date(raw.get("date_published"))
    if published is None:
        problems.append(f"date_published {raw.get('date_published')!r} — не дата RFC 3339")
    extension = _extension(raw.get("_rso"), problems)
    if problems:
        reasons.append(f"{where} ({item_id!r}): " + ", ".join(problems))
        return None
    assert isinstance(item_id, str) and isinstance(url, str) and published is not None
    image = raw.get("image")
    title = raw.get("title")
    return FeedItem(
        id=item_id, url=url, title=title if isinstance(title, str) else "",
        content_html=html if isinstance(html, str) else "",
        content_text=text if isinstance(text, str) else "",
        published=published,
        image=image if isinstance(image, str) and image.startswith(("http://", "https://"))
        else None,
        **extension,
    )


def _extension(raw: Any, problems: list[str]) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append("_rso не объект")
        return {}
    notice_id, event = raw.get("notice_id"), raw.get("event")
    status, label = raw.get("status"), raw.get("status_label")
    if not isinstance(notice_id, str) or not notice_id:
        problems.append("_rso.notice_id отсутствует")
    if not isinstance(event, int) or isinstance(event, bool) or event < 0:
        problems.append(f"_rso.event {event!r} — не номер события")
    if not isinstance(status, str) or not isinstance(label, str) or not label:
        problems.append("_rso.status или _rso.status_label отсутствует")
    return {"notice_id": notice_id, "event": event, "status": status, "status_label": label}


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


def _duplicate_ids(items: list[FeedItem | None]) -> list[str]:
    seen: set[str] = set()
    reasons = []
    for item in items:
        if item is None:
            continue
        if item.id in seen:
            reasons.append(f"id {item.id!r} повторяется")
        seen.add(item.id)
    return reasons
