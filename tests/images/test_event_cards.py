"""Event cards: the image of a feed item, the notice as it stood right after that event.

A feed item must never change its image, so its card may depend on nothing
that happens after its event; the notice's own card (the page's og:image)
follows the build's moment.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from generator.images import ImageIndex, publish_images
from generator.images.cards import card_spec, event_card_spec
from generator.images.publish import publish
from generator.model import Event, Notice, Update

from .factory import NOW, TZ, context, notice

TITLE = "Отключения ЖКУ"
#: Revised end, then resolved: both made before NOW.
EXTENDED = Update(1, datetime(2026, 11, 22, 9, 50, tzinfo=TZ), "Продлено.",
                  end=datetime(2026, 11, 23, 2, 0, tzinfo=TZ))
RESOLVED = Update(2, datetime(2026, 11, 22, 9, 55, tzinfo=TZ), "Устранено.", status="resolved")


def _event(the_notice: Notice, index: int) -> Event:
    return next(e for e in the_notice.events() if e.index == index)


def _times(the_notice: Notice, index: int) -> tuple[str, str]:
    spec = event_card_spec(_event(the_notice, index), TITLE)
    return spec.times.replace("\u00a0", " "), spec.status_label


def test_each_event_card_shows_the_times_and_status_right_after_its_event(content: Path) -> None:
    resolved = notice(content, updates=(EXTENDED, RESOLVED))
    assert _times(resolved, 0) == ("22.11.2026 с 09:15 до 18:00 (Екатеринбург, UTC+5)",
                                   "действует")
    assert _times(resolved, 1) == (
        "с 22.11.2026 09:15 до 23.11.2026 02:00 (Екатеринбург, UTC+5)", "действует")
    assert _times(resolved, 2)[1] == "устранено"
    assert card_spec(resolved, NOW, TITLE).status_label == "устранено"


def test_an_event_card_ignores_later_updates_and_the_build_moment(content: Path) -> None:
    planned: dict[str, Any] = {"type": "planned",
                               "start": datetime(2026, 11, 25, 9, 0, tzinfo=TZ),
                               "end": datetime(2026, 11, 25, 17, 0, tzinfo=TZ)}
    alone = notice(content, **planned)
    later = notice(content, updates=(EXTENDED, RESOLVED), **planned)
    first = event_card_spec(_event(alone, 0), TITLE)
    assert event_card_spec(_event(later, 0), TITLE) == first
    assert first.status_label == "запланировано"
    after_the_works = datetime(2026, 11, 26, 12, 0, tzinfo=TZ)
    assert card_spec(alone, after_the_works, TITLE).status_label == "завершено"


def test_an_event_keeps_its_card_file_while_the_notice_card_follows_the_moment(
        content: Path, tmp_path: Path) -> None:
    """Built cold twice (separate caches), before and after the resolution."""
    resolved_later = Update(1, NOW + timedelta(hours=5), "Устранено.", status="resolved")
    the_notice = notice(content, updates=(resolved_later,))
    early = publish_images(context(content, (the_notice,), tmp_path / "a" / "site",
                                   tmp_path / "a" / "cache"))
    late_ctx = context(content, (the_notice,), tmp_path / "b" / "site", tmp_path / "b" / "cache",
                       now=NOW + timedelta(hours=6))
    late = publish_images(late_ctx)

    publication = early.event_card(the_notice.id, 0)
    assert publication is not None and late.event_card(the_notice.id, 0) == publication
    assert (tmp_path / "a" / "site" / publication.url).read_bytes() == (
        late_ctx.site_dir / publication.url).read_bytes()
    assert early.event_card(the_notice.id, 1) is None  # not made yet at NOW
    resolution = late.event_card(the_notice.id, 1)
    assert resolution is not None and resolution.url != publication.url
    assert (late_ctx.site_dir / resolution.url).is_file()
    assert early.card(the_notice.id) == publication  # at NOW the notice is as published
    assert late.card(the_notice.id) == resolution  # the page shows it resolved


def test_only_events_a_feed_can_list_get_a_card(content: Path, tmp_path: Path) -> None:
    future = Update(1, NOW + timedelta(minutes=1), "Позже.", status="resolved")
    shown = notice(content, updates=(EXTENDED, future))
    draft = notice(content, slug="draft", draft=True)
    upcoming = notice(content, slug="later", published=NOW + timedelta(hours=1))
    index = publish_images(context(content, (shown, draft, upcoming), tmp_path / "site",
                                   tmp_path / "cache"))
    assert set(index.event_cards) == {(shown.id, 0), (shown.id, 1)}
    assert index.event_card(draft.id, 0) is None and index.event_card(upcoming.id, 0) is None
    assert set(index.cards) == {shown.id, upcoming.id}  # pages: every published notice


def test_equal_cards_are_drawn_once_and_published_once(content: Path, tmp_path: Path) -> None:
    """An update that changes neither status nor times shows the same card as before it."""
    remark = Update(1, datetime(2026, 11, 22, 9, 45, tzinfo=TZ), "Бригада на месте.")
    the_notice = notice(content, updates=(remark, replace(EXTENDED, index=2)))
    ctx = context(content, (the_notice,), tmp_path / "site", tmp_path / "cache")
    report = publish(ctx, workers=1)
    index: ImageIndex = report.index
    cards = [index.event_card(the_notice.id, n) for n in range(3)]
    assert cards[0] == cards[1] != cards[2]
    assert index.card(the_notice.id) == cards[2]  # at NOW the notice is as after update 2
    assert report.cards_drawn == 2
    assert len(list((ctx.site_dir / "media" / "cards").iterdir())) == 2
