"""One poll of every feed, and the loop that repeats it until SIGTERM.

A cycle:

1. every route (feed → chat) gets its moment of subscription the first time it is seen;
2. feeds named by key are found in the site's ``feeds/index.json``;
3. each feed is fetched once with a conditional GET; a new document is parsed
   whole, and its new items are queued in the outbox (SQLite) for every chat it
   goes to — on a route's first fetch only items newer than the subscription,
   plus the newest ``--backfill N``;
4. every chat's outbox is sent oldest first, paced to the messenger's per-chat
   limit; 429 waits as told, 5xx and time-outs back off and retry, 401/403 stop
   the channel; an item is marked sent only when the messenger confirms;
5. then first posts whose notice has moved on get their status line edited.

Nothing is kept only in memory: a restart resumes from the outbox.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import httpx

from .config import BridgeConfig, Channel, FeedRef, Route
from .diagnostics import did_you_mean
from .feed import FeedItem, FeedRejected, parse_feed
from .fetch import (
    FeedIndex,
    Fetched,
    FetchFailed,
    NotModified,
    Validators,
    conditional_get,
    index_url,
    parse_index,
)
from .max_api import MaxClient
from .outcomes import Busy, Delivered, MessengerClient, Outcome, Refused, Rejected
from .state import EditNeeded, PostRecord, RouteState, Store
from .telegram_api import TelegramClient

log = logging.getLogger("rso.bridge")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, aware, in UTC."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> bool:
        """Wait; False when a stop was requested meanwhile."""

    def stopping(self) -> bool: ...


class RealClock:
    def __init__(self, stop: threading.Event | None = None) -> None:
        self.stop = stop or threading.Event()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> bool:
        return not self.stop.wait(max(0.0, seconds))

    def stopping(self) -> bool:
        return self.stop.is_set()


@dataclass(frozen=True)
class Timing:
    attempts: int = 5  # tries of one request within one poll
    backoff_base: float = 2.0  # seconds before the second try; doubles each time
    backoff_max: float = 60.0
    longest_wait: float = 120.0  # a longer wait is left to the next poll
    http_timeout: float = 20.0

    def backoff(self, attempt: int) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** max(0, attempt - 1))


@dataclass
class CycleReport:
    queued: int = 0
    posted: int = 0
    edited: int = 0
    failed: int = 0
    feed_problems: int = 0
    left_pending: int = 0
    stopped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.feed_problems or self.left_pending or self.stopped)

    def summary(self) -> str:
        return (f"поставлено в очередь {self.queued}, отправлено {self.posted}, "
                f"изменено {self.edited}, не принято {self.failed}, "
                f"ждут отправки {self.left_pending}, ошибок лент {self.feed_problems}"
                + (f", остановлены: {', '.join(self.stopped)}" if self.stopped else ""))


@dataclass(frozen=True)
class PostTask:
    record: PostRecord


@dataclass(frozen=True)
class EditTask:
    edit: EditNeeded


@dataclass
class _ChatQueue:
    channel: Channel
    client: MessengerClient
    tasks: deque[PostTask | EditTask]
    ready_at: float
    attempt: int = 0
    edits_loaded: bool = False
    uncertain: bool = False  # the head post may have reached the messenger unconfirmed


CLIENTS: dict[str, type[MessengerClient]] = {"max": MaxClient, "telegram": TelegramClient}


def make_client(channel: Channel, http: httpx.Client, env: Mapping[str, str]) -> MessengerClient:
    return CLIENTS[channel.messenger](http, channel.api_url, env.get(channel.token_env, ""),
                                      channel.chat_id)


class Bridge:
    def __init__(self, config: BridgeConfig, store: Store, http: httpx.Client,
                 env: Mapping[str, str], clock: Clock, timing: Timing | None = None) -> None:
        self.config = config
        self.store = store
        self.http = http
        self.clock = clock
        self.timing = timing or Timing()
        self.clients = {channel.chat_key: make_client(channel, http, env)
                        for channel in config.channels}
        self.stopped: set[str] = set()  # chat keys refused for this run
        self.not_before: dict[str, float] = {}  # chat key → monotonic moment it may be called
        self._index: tuple[Validators, FeedIndex] | None = None

    # The loop
    def run_forever(self, backfill: int | None = None) -> None:
        log.info("мост запущен: лент %d, каналов %d, опрос раз в %g с",
                 len({route.feed for route in self.config.routes}), len(self.config.channels),
                 self.config.poll_interval)
        while not self.clock.stopping():
            report = self.run_cycle(backfill)
            backfill = None
            log.info("опрос завершён: %s", report.summary())
            if not self.clock.sleep(self.config.poll_interval):
                break
        log.info("мост остановлен по сигналу; незавершённое будет отправлено при следующем запуске")

    def run_cycle(self, backfill: int | None = None) -> CycleReport:
        report = CycleReport()
        now = self.clock.now()
        states = {route: self.store.register_route(route.key, now) for route in self.config.routes}
        if backfill and all(state.baseline_done for state in states.values()):
            log.info("--backfill действует только при первом запуске подписки; "
                     "все подписки уже запущены")
        for url, routes in self._routes_by_url(report).items():
            if self.clock.stopping():
                return report
            self._poll(url, routes, states, backfill, report)
        self._deliver(report)
        return report

    # Finding and reading feeds
    def _routes_by_url(self, report: CycleReport) -> dict[str, list[Route]]:
        needs_index = any(route.feed.scope != "url" for route in self.config.routes)
        index = self._feed_index(report) if needs_index else None
        urls = {ref: self._feed_url(ref, index, report)
                for ref in dict.fromkeys(route.feed for route in self.config.routes)}
        grouped: dict[str, list[Route]] = {}
        for route in self.config.routes:
            url = urls[route.feed]
            if url is not None:
                grouped.setdefault(url, []).append(route)
        return grouped

    def _feed_url(self, ref: FeedRef, index: FeedIndex | None,
                  report: CycleReport) -> str | None:
        if ref.scope == "url":
            return ref.value
        if index is None:
            return None
        url = index.url_of(ref)
        if url is None:
            hint = did_you_mean(ref.value, index.keys(ref.scope))
            log.error("%s: такой ленты нет в %s%s", ref.describe(), index_url(index.site),
                      f" ({hint})" if hint else "")
            report.feed_problems += 1
        return url

    def _feed_index(self, report: CycleReport) -> FeedIndex | None:
        site = self.config.site or ""
        url = index_url(site)
        cached = self._index
        result = conditional_get(self.http, url, cached[0] if cached else Validators())
        if isinstance(result, NotModified) and cached is not None:
            return cached[1]
        if isinstance(result, Fetched):
            parsed = parse_index(site, result.body)
            if isinstance(parsed, FeedIndex):
                self._index = (result.validators, parsed)
                self.store.feed_answered(url, self.clock.now(), None)
                return parsed
            reason = parsed
        else:
            reason = result.reason if isinstance(result, FetchFailed) else "304 без данных"
        log.warning("список лент %s недоступен: %s; попробуем при следующем опросе", url, reason)
        self.store.feed_failed(url, self.clock.now(), reason)
        report.feed_problems += 1
        return None

    def _poll(self, url: str, routes: list[Route], states: dict[Route, RouteState],
              backfill: int | None, report: CycleReport) -> None:
        fresh = any(not states[route].baseline_done for route in routes)
        result = conditional_get(self.http, url,
                                 Validators() if fresh else self.store.validators(url))
        now = self.clock.now()
        if isinstance(result, NotModified):
            log.debug("лента %s не изменилась (304)", url)
            self.store.feed_answered(url, now, None)
            return
        if isinstance(result, FetchFailed):
            log.warning("лента %s недоступна: %s; попробуем при следующем опросе", url,
                        result.reason)
            self.store.feed_failed(url, now, result.reason)
            report.feed_problems += 1
            return
        feed = parse_feed(result.body)
        if isinstance(feed, FeedRejected):
            log.error("лента %s испорчена, из неё ничего не отправлено: %s", url, feed.describe())
            self.store.feed_failed(url, now, "неверный формат: " + feed.describe())
            report.feed_problems += 1
            return
        for route in routes:
            report.queued += self._queue(route, list(feed.items), states[route], backfill, now)
        self.store.feed_answered(url, now, result.validators)

    def _queue(self, route: Route, items: list[FeedItem], state: RouteState,
               backfill: int | None, now: datetime) -> int:
        chat = route.channel.chat_key
        if state.baseline_done:
            baseline = self.store.baseline_ids(route.key)
            queued = self.store.enqueue(chat, [item for item in items
                                               if item.id not in baseline], now)
        else:
            newest = sorted(items, key=lambda item: item.order_key, reverse=True)
            wanted = {item.id for item in newest[:backfill or 0]}
            old = [item.id for item in items
                   if item.published <= state.subscribed_at and item.id not in wanted]
            queued = self.store.enqueue(chat, [item for item in items if item.id not in old], now)
            self.store.set_baseline(route.key, old)
            log.info("%s → %s: подписка начата %s; старых записей пропущено %d",
                     route.feed.describe(), route.channel.describe(),
                     state.subscribed_at.isoformat(timespec="seconds"), len(old))
        if queued:
            log.info("%s → %s: новых записей %d", route.feed.describe(),
                     route.channel.describe(), queued)
        return queued

    # Sending
    def _deliver(self, report: CycleReport) -> None:
        queues = [queue for queue in map(self._chat_queue, self._used_channels())
                  if queue is not None]
        while queues and not self.clock.stopping():
            queue = min(queues, key=lambda candidate: candidate.ready_at)
            if not self._load_edits_when_done(queue) or \
                    not self._step(queue, report):
                queues.remove(queue)
        for channel in self._used_channels():
            report.left_pending += len(self.store.outbox(channel.chat_key))

    def _used_channels(self) -> list[Channel]:
        seen: dict[str, Channel] = {}
        for route in self.config.routes:
            seen.setdefault(route.channel.chat_key, route.channel)
        return list(seen.values())

    def _chat_queue(self, channel: Channel) -> _ChatQueue | None:
        if channel.chat_key in self.stopped:
            return None
        tasks: deque[PostTask | EditTask] = deque(map(PostTask,
                                                      self.store.outbox(channel.chat_key)))
        ready_at = max(self.clock.monotonic(), self.not_before.get(channel.chat_key, 0.0))
        return _ChatQueue(channel, self.clients[channel.chat_key], tasks, ready_at)

    def _load_edits_when_done(self, queue: _ChatQueue) -> bool:
        """After the posts, the edits; False when the chat has nothing left to do."""
        if not queue.tasks and not queue.edits_loaded:
            queue.edits_loaded = True
            queue.tasks.extend(map(EditTask, self.store.edits_needed(queue.channel.chat_key)))
        return bool(queue.tasks)

    def _step(self, queue: _ChatQueue, report: CycleReport) -> bool:
        """Do the chat's next task; False when the chat is done for this poll."""
        wait = queue.ready_at - self.clock.monotonic()
        if wait > 0 and not self.clock.sleep(wait):
            return False
        task = queue.tasks[0]
        outcome = self._post(queue, task.record, report) if isinstance(task, PostTask) \
            else self._edit(queue, task.edit, report)
        pace = self.clock.monotonic() + queue.client.min_interval
        queue.ready_at = self.not_before[queue.channel.chat_key] = pace
        if isinstance(outcome, Busy):
            queue.uncertain |= isinstance(task, PostTask) and outcome.maybe_delivered
            return self._retry_later(queue, outcome)
        queue.tasks.popleft()
        queue.attempt = 0
        queue.uncertain = False
        if isinstance(outcome, Refused):
            self._stop_channel(queue.channel, outcome.reason, report)
            return False
        return True

    def _post(self, queue: _ChatQueue, record: PostRecord, report: CycleReport) -> Outcome:
        channel, item = queue.channel, record.item
        if queue.uncertain or (record.state == "sending" and queue.attempt == 0):
            log.warning("%s: запись %s могла уже уйти, но подтверждение не получено или не "
                        "записано (мост был остановлен аварийно или оборвалась связь); "
                        "отправляем снова — возможен один дубль", channel.describe(), item.id)
        self.store.mark_sending(channel.chat_key, item.id)
        posted = queue.client.post(item)
        outcome = posted.outcome
        if isinstance(outcome, Delivered):
            self.store.mark_sent(channel.chat_key, item.id, outcome.message_id, posted.kind,
                                 self.clock.now())
            self.store.channel_ok(channel.chat_key, channel.name, self.clock.now())
            log.info("%s: отправлено %s (сообщение %s)", channel.describe(), item.id,
                     outcome.message_id or "без номера")
            report.posted += 1
        elif isinstance(outcome, Rejected):
            self.store.mark_failed(channel.chat_key, item.id, outcome.reason)
            log.error("%s: мессенджер не принял запись %s: %s; она отмечена как неотправленная",
                      channel.describe(), item.id, outcome.reason)
            report.failed += 1
        elif isinstance(outcome, Refused) or (isinstance(outcome, Busy)
                                              and not outcome.maybe_delivered):
            self.store.mark_pending(channel.chat_key, item.id)  # certainly not posted
        return outcome

    def _edit(self, queue: _ChatQueue, edit: EditNeeded, report: CycleReport) -> Outcome:
        channel, first = queue.channel, edit.first
        if not first.message_id:
            self.store.mark_shown(channel.chat_key, first.item.id, edit.label)
            log.warning("%s: первое сообщение %s без номера, изменить его нельзя",
                        channel.describe(), first.item.id)
            return Rejected("нет номера сообщения")
        outcome = queue.client.edit_status(first, edit.label)
        if isinstance(outcome, Delivered):
            self.store.mark_shown(channel.chat_key, first.item.id, edit.label)
            log.info("%s: в первом сообщении %s статус теперь «%s»", channel.describe(),
                     first.message_id, edit.label)
            report.edited += 1
        elif isinstance(outcome, Rejected):
            self.store.mark_shown(channel.chat_key, first.item.id, edit.label)
            log.warning("%s: не удалось изменить первое сообщение %s: %s; обновление "
                        "опубликовано отдельным сообщением", channel.describe(),
                        first.message_id, outcome.reason)
        return outcome

    def _retry_later(self, queue: _ChatQueue, busy: Busy) -> bool:
        queue.attempt += 1
        delay = busy.retry_after if busy.retry_after is not None \
            else self.timing.backoff(queue.attempt)
        key = queue.channel.chat_key
        self.not_before[key] = max(self.not_before.get(key, 0.0), self.clock.monotonic() + delay)
        if queue.attempt >= self.timing.attempts or delay > self.timing.longest_wait:
            log.warning("%s: мессенджер занят или недоступен (%s); отложено до следующего опроса",
                        queue.channel.describe(), busy.reason)
            return False
        log.info("%s: %s; повтор через %g с (попытка %d из %d)", queue.channel.describe(),
                 busy.reason, delay, queue.attempt + 1, self.timing.attempts)
        queue.ready_at = max(queue.ready_at, self.clock.monotonic() + delay)
        return True

    def _stop_channel(self, channel: Channel, reason: str, report: CycleReport) -> None:
        self.stopped.add(channel.chat_key)
        self.store.channel_stopped(channel.chat_key, channel.name, self.clock.now(), reason)
        report.stopped.append(channel.name)
        log.error("%s остановлен до перезапуска моста: %s. Проверьте токен в переменной %s и "
                  "что бот — администратор канала; записи ждут в очереди и уйдут после "
                  "перезапуска", channel.describe(), reason, channel.token_env)
