"""The bridge against the built site on a real HTTP server and fake Max and Telegram.

The clock is fake: pacing, 429 waits and back-off are recorded, not slept, so
these tests check what the bridge waits without spending the time.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from itertools import pairwise

from generator.bridge.logs import setup_logging
from generator.bridge.runner import Timing

from .conftest import ENV, FEED, MAX_CHAT, MAX_TOKEN, TELEGRAM_CHAT, TELEGRAM_TOKEN, World
from .fakes import (
    Answer,
    internal_error_max,
    internal_error_telegram,
    too_many_requests_max,
    too_many_requests_telegram,
)

#: Oldest first in the "resolved" build: 0 Nikitino (06:00, before the subscription at
#: 09:00), 1 the Lenina emergency (09:40), 2 its first update, 3 the extension, 4 resolved.
NIKITINO, LENINA, UPDATE_1, EXTENDED, RESOLVED = range(5)


def titles(world: World) -> tuple[list[str], list[str]]:
    """First lines of every message each messenger stored, in arrival order."""
    return ([text.splitlines()[0] for text in world.max.texts(MAX_CHAT)],
            [text.splitlines()[0] for text in world.telegram.texts(TELEGRAM_CHAT)])


def gaps(world: World, url: str) -> list[float]:
    """Fake seconds between successive sending or editing requests to one messenger."""
    times = [moment for moment, requested in world.requests if requested.startswith(url)
             and ("/messages" in requested or "/send" in requested or "/edit" in requested)]
    return [later - earlier for earlier, later in pairwise(times)]


def test_a_notice_and_its_three_updates_arrive_in_order_and_the_first_post_is_edited(
        world: World) -> None:
    bridge = world.bridge()
    assert bridge.run_cycle().ok  # subscribes at 09:00; Nikitino (06:00) is older: skipped
    world.publish("published")
    assert bridge.run_cycle().posted == 2
    world.publish("update-1")
    bridge.run_cycle()
    world.publish("resolved")  # the extension and the resolution arrive together
    report = bridge.run_cycle()

    expected = world.titles("resolved", LENINA, UPDATE_1, EXTENDED, RESOLVED)
    assert titles(world) == (expected, expected)
    assert expected[-1].startswith("Устранено: ")
    assert report.ok and report.posted == 4 and report.edited == 2
    first_max, first_telegram = world.max.messages[0], world.telegram.messages[0]
    card = world.snapshots.items("published")[LENINA]["image"]  # as it was when first posted
    assert first_max["attachments"] == [{"type": "image", "payload": {"url": card}}]
    assert first_telegram["kind"] == "photo" and first_telegram["photo"] == card
    # Only the resolution changed the status: one edit per messenger, of the first post.
    assert [edit["mid"] for edit in world.max.edits] == [first_max["mid"]]
    assert [edit["message_id"] for edit in world.telegram.edits] == [first_telegram["message_id"]]
    for first in (first_max, first_telegram):
        assert first["text"].splitlines()[1] == "Статус (обновлено): устранено"
        assert "Статус: действует" not in first["text"]
    assert world.max.messages[3]["text"].splitlines()[1] == "Статус: устранено"
    assert world.max.unsupported_tags == []


def test_a_post_is_the_items_title_status_body_and_one_link(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("update-1")
    bridge.run_cycle()
    item = world.snapshots.items("update-1")[UPDATE_1]
    update = world.max.messages[1]
    assert update["text"].splitlines()[:2] == [item["title"], "Статус: действует"]
    assert "Место порыва найдено, идёт замена участка трубы." in update["text"]
    assert "Диспетчер МУП «ВКС»: +7 34345 0-00-00" in update["text"]
    assert update["html"].count("<a ") == 1
    assert update["html"].endswith(f'<a href="{item["url"]}">Подробнее на сайте</a>')
    assert item["url"].endswith("#update-1")


def test_requests_to_one_chat_keep_to_the_messengers_limits(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("resolved")
    bridge.run_cycle()
    assert len(gaps(world, world.max.url)) == 4 and min(gaps(world, world.max.url)) >= 0.5
    assert len(gaps(world, world.telegram.url)) == 4
    assert min(gaps(world, world.telegram.url)) >= 1.0


def test_first_run_posts_only_what_is_newer_than_the_subscription(world: World) -> None:
    world.publish("published")  # Nikitino 06:00 is older than the subscription, Lenina is not
    bridge = world.bridge()
    bridge.run_cycle()
    assert titles(world) == ([world.titles("published", 1)[0]],) * 2


def test_an_item_that_shows_up_late_is_posted_even_if_dated_before(world: World) -> None:
    world.publish("empty")
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("nikitino")  # dated 06:00, three hours before the subscription
    bridge.run_cycle()
    assert titles(world) == (world.titles("nikitino"),) * 2


def test_backfill_posts_the_last_n_oldest_first(world: World) -> None:
    world.clock.start = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # everything is older
    world.publish("resolved")
    report = world.bridge().run_cycle(backfill=2)
    assert report.posted == 4
    assert titles(world) == (world.titles("resolved", EXTENDED, RESOLVED),) * 2


def test_429_waits_as_told_then_sends_once(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("published")
    world.max.script(too_many_requests_max(7))
    world.telegram.script(too_many_requests_telegram(3))
    report = bridge.run_cycle()
    assert report.ok and report.posted == 2
    assert titles(world) == (world.titles("published", 1),) * 2
    assert gaps(world, world.max.url) == [7.0]  # Max: Retry-After: 7
    assert gaps(world, world.telegram.url) == [3.0]  # Telegram: parameters.retry_after 3


def test_a_500_then_success_backs_off_and_sends_once(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("published")
    world.max.script(internal_error_max(), internal_error_max())
    world.telegram.script(internal_error_telegram())
    report = bridge.run_cycle()
    assert report.ok and report.posted == 2
    assert len(world.max.messages) == 1 and len(world.telegram.messages) == 1
    assert gaps(world, world.max.url) == [2.0, 4.0]  # back off 2 s, then 4 s
    assert gaps(world, world.telegram.url) == [2.0]


def test_a_messenger_down_all_poll_long_leaves_the_post_queued_for_the_next(world: World) -> None:
    bridge = world.bridge(timing=Timing(attempts=3))
    bridge.run_cycle()
    world.publish("published")
    world.max.script(*(internal_error_max() for _ in range(3)))
    report = bridge.run_cycle()
    assert report.left_pending == 1 and not report.ok
    assert world.max.messages == [] and len(world.telegram.messages) == 1
    world.clock.advance(300)
    report = bridge.run_cycle()  # the feed answers 304; the outbox still holds the post
    assert report.ok and len(world.max.messages) == 1 and len(world.telegram.messages) == 1
    assert world.site.statuses(FEED)[-1] == 304


def test_the_feed_server_down_for_a_while_loses_nothing(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("update-1")
    world.site.stop()
    for _ in range(3):
        report = bridge.run_cycle()
        assert report.feed_problems == 1 and report.posted == 0
    world.site.start()  # same port, same files
    report = bridge.run_cycle()
    assert report.ok and report.posted == 4
    assert titles(world) == (world.titles("update-1", LENINA, UPDATE_1),) * 2


def test_a_malformed_feed_is_logged_posts_nothing_and_loses_nothing(world: World,
                                                                    caplog) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("update-1")
    good = world.feed_file.read_text(encoding="utf-8")
    world.feed_file.write_text(good.replace('"date_published": "2026-11-22T11:00:00Z"',
                                            '"date_published": "вчера"'), encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="rso.bridge"):
        report = bridge.run_cycle()
    assert report.feed_problems == 1 and report.posted == 0
    assert "испорчена, из неё ничего не отправлено" in caplog.text
    assert "date_published 'вчера'" in caplog.text
    world.feed_file.write_text(good[: len(good) // 2], encoding="utf-8")  # cut short: not JSON
    assert bridge.run_cycle().posted == 0
    world.feed_file.write_text(good, encoding="utf-8")
    report = bridge.run_cycle()
    assert report.ok and titles(world) == (world.titles("update-1", LENINA, UPDATE_1),) * 2


def test_304_polls_post_nothing(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("published")
    bridge.run_cycle()
    sent = (len(world.max.messages), len(world.telegram.messages))
    world.publish("published")  # deployed again: same bytes, new files
    for _ in range(3):
        report = bridge.run_cycle()
        assert report.ok and report.posted == 0 and report.queued == 0
    assert world.site.statuses(FEED)[-3:] == [304, 304, 304]
    assert (len(world.max.messages), len(world.telegram.messages)) == sent


def test_401_stops_that_channel_and_the_others_go_on(world: World, caplog) -> None:
    wrong = {**ENV, "RSO_BRIDGE_MAX_TOKEN": "revoked-token-0000"}
    bridge = world.bridge(env=wrong)
    bridge.run_cycle()
    world.publish("published")
    with caplog.at_level(logging.ERROR, logger="rso.bridge"):
        report = bridge.run_cycle()
    assert report.stopped == ["salda-max"] and not report.ok
    assert world.max.statuses("/messages") == [401]  # asked once, never retried
    assert titles(world)[1] == world.titles("published", 1)
    assert "остановлен до перезапуска" in caplog.text and "RSO_BRIDGE_MAX_TOKEN" in caplog.text
    world.publish("update-1")
    bridge.run_cycle()
    assert world.max.statuses("/messages") == [401]  # still stopped in this run
    # Restarted with the right token: everything queued meanwhile goes out, in order.
    assert world.bridge().run_cycle().ok
    assert titles(world)[0] == world.titles("update-1", 1, 2)


def test_403_from_telegram_stops_the_channel(world: World) -> None:
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("published")
    world.telegram.script(Answer(403, {"ok": False, "error_code": 403, "description":
                                       "Forbidden: bot is not a member of the channel chat"}))
    report = bridge.run_cycle()
    assert report.stopped == ["salda-telegram"] and len(world.max.messages) == 1


def test_an_image_telegram_cannot_fetch_goes_as_text(world: World) -> None:
    for item in world.snapshots.items("resolved"):
        world.telegram.bad_photo_urls.add(item["image"])
    bridge = world.bridge()
    bridge.run_cycle()
    world.publish("resolved")
    assert bridge.run_cycle().ok
    assert {message["kind"] for message in world.telegram.messages} == {"text"}
    assert world.telegram.edits[0]["message_id"] == world.telegram.messages[0]["message_id"]


def test_one_item_in_two_feeds_of_one_channel_is_posted_once(world: World) -> None:
    config = world.write_config(world.default_config().replace(
        "            subscriptions:\n",
        "            subscriptions:\n"
        "              - feed: {settlement: sverdlovskaia-oblast--verkhniaia-salda}\n"
        "                to: salda-max\n"
        "              - feed: {all: true}\n"
        "                to: [salda-max]\n"))
    bridge = world.bridge(world.config(config))
    bridge.run_cycle()
    world.publish("published")
    report = bridge.run_cycle()
    assert report.ok and titles(world)[0] == world.titles("published", 1)


def test_tokens_never_appear_in_the_log(world: World) -> None:
    stream = io.StringIO()
    setup_logging(ENV.values(), verbose=True, stream=stream)
    try:
        bridge = world.bridge()
        bridge.run_cycle()
        world.publish("resolved")
        world.telegram.script(too_many_requests_telegram(1), internal_error_telegram())
        bridge.run_cycle()
        world.bridge(env={**ENV, "RSO_BRIDGE_TELEGRAM_TOKEN": TELEGRAM_TOKEN + "x"}).run_cycle()
    finally:
        logging.getLogger().handlers.clear()
    text = stream.getvalue()
    assert "/bot***/sendPhoto" in text  # httpx logged the URL, with the token masked
    assert TELEGRAM_TOKEN not in text and MAX_TOKEN not in text
    assert TELEGRAM_TOKEN.split(":")[1] not in text


def test_the_state_survives_a_new_bridge_on_the_same_file(world: World) -> None:
    world.bridge().run_cycle()
    world.publish("published")
    world.bridge().run_cycle()
    world.publish("update-1")
    world.clock.advance(3600)  # a later start must not move the subscription moment
    report = world.bridge().run_cycle()
    assert report.posted == 2 and titles(world)[0] == world.titles("update-1", 1, 2)
