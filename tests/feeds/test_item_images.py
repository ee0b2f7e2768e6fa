"""An item's image, with the image stage run for real: the event's photo, else its own card."""

from __future__ import annotations

from pathlib import Path

from generator.images.cards import encode_card, event_card_spec
from generator.model import Event

from .factory import BASE_URL, CONFIG, LATER, MIRA, Build, rich_model_with_photos


def test_a_card_item_shows_the_notice_right_after_its_event_with_the_items_status(
        build: Build, tmp_path: Path) -> None:
    model = rich_model_with_photos(tmp_path / "content", MIRA)
    site = build(model, now=LATER, publish=True)
    events: dict[tuple[str, int], Event] = {
        (e.notice.id, e.index): e for n in model.published for e in n.events()}
    checked = 0
    for entry in site.index()["feeds"]:
        feed = site.json_feed(entry["scope"], entry["key"])
        for item in feed["items"]:
            rso = item["_rso"]
            event = events[rso["notice_id"], rso["event"]]
            spec = event_card_spec(event, CONFIG.title)
            assert spec.status_label == rso["status_label"], item["id"]
            if "/media/cards/" in item["image"]:
                published = (site.root / item["image"].removeprefix(BASE_URL)).read_bytes()
                assert published == encode_card(spec).data, item["id"]
                checked += 1
    assert checked > 10
