"""``bridge status``: the health check, read from the state database alone.

Healthy means: every feed polled in the last week answered within ``max_age``
(three poll intervals by default), and no channel is stopped. Items the
messengers refused for good are listed, but do not make the bridge unhealthy:
the bridge itself works, a person has to look at those posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .config import BridgeConfig
from .state import Store

RECENT = timedelta(days=7)


@dataclass(frozen=True)
class HealthReport:
    lines: tuple[str, ...]
    healthy: bool


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "никогда"
    seconds = int((now - moment).total_seconds())
    if seconds < 120:
        return f"{moment:%Y-%m-%d %H:%M:%S} UTC ({seconds} с назад)"
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC ({seconds // 60} мин назад)"


def health_report(config: BridgeConfig, store: Store | None, now: datetime,
                  max_age: float | None = None) -> HealthReport:
    if store is None:
        return HealthReport((f"мост ещё не запускался: нет файла {config.state_path}",), False)
    limit = timedelta(seconds=max_age if max_age is not None else 3 * config.poll_interval)
    lines = [f"состояние: {config.state_path}", "ленты:"]
    healthy = True
    for feed in store.feed_health():
        touched = max(filter(None, (feed.last_ok_at, feed.last_error_at)), default=None)
        if touched is None or now - touched > RECENT:
            continue
        fresh = feed.last_ok_at is not None and now - feed.last_ok_at <= limit
        healthy &= fresh
        line = f"  {'ok ' if fresh else 'НЕТ'} {feed.url}: ответ {_ago(feed.last_ok_at, now)}"
        if feed.last_error:
            line += f"; последняя ошибка {_ago(feed.last_error_at, now)}: {feed.last_error}"
        lines.append(line)
    lines.append("каналы:")
    for channel in config.channels:
        state = store.channel_health(channel.chat_key, channel.name)
        lines.append(f"  {channel.describe()}: отправлено {state.sent}, ждут {state.pending}, "
                     f"не приняты {state.failed}; последний успех {_ago(state.last_ok_at, now)}")
        if state.stopped_at is not None:
            healthy = False
            lines.append(f"    ОСТАНОВЛЕН {_ago(state.stopped_at, now)}: {state.stop_reason}")
        for record in store.posts(channel.chat_key, "failed"):
            lines.append(f"    не принято: {record.item.id} {record.item.url}")
    lines.append("итог: " + ("в порядке" if healthy else "есть проблемы"))
    return HealthReport(tuple(lines), healthy)
