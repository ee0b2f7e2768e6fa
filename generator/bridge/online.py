"""``bridge check --online``: the file is right, but does the world agree?

Read-only requests only: the site's ``feeds/index.json`` and each feed, then
for each channel the messenger's "who am I" (Max ``GET /me``, Telegram
``getMe``) and "show me this chat" (Max ``GET /chats/{chatId}``, Telegram
``getChat``). Nothing is posted.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .config import BridgeConfig, Channel, FeedRef
from .diagnostics import BridgeDiagnostic, did_you_mean, error
from .feed import FeedRejected, parse_feed
from .fetch import FeedIndex, Fetched, FetchFailed, Validators, conditional_get, index_url
from .fetch import parse_index as read_index
from .outcomes import Busy, Delivered, Refused
from .runner import make_client


def check_online(config: BridgeConfig, http: httpx.Client,
                 env: Mapping[str, str]) -> list[BridgeDiagnostic]:
    problems: list[BridgeDiagnostic] = []
    feeds = {route.feed for route in config.routes}
    index = _index(config, http, problems) if any(f.scope != "url" for f in feeds) else None
    for ref in sorted(feeds, key=lambda ref: ref.where):
        url = ref.value if ref.scope == "url" else (index.url_of(ref) if index else None)
        if index is not None and url is None:
            listing = index_url(index.site)
            problems.append(_at(config, ref.where, "B030", f"{ref.describe()}: такой ленты нет "
                                f"в {listing}",
                                did_you_mean(ref.value, index.keys(ref.scope))
                                or f"ключи всех лент сайта перечислены в {listing}"))
        if url is not None:
            _feed(config, ref, url, http, problems)
    for channel in config.channels:
        _channel(config, channel, http, env, problems)
    return sorted(problems)


def _at(config: BridgeConfig, where: tuple[int, int], code: str, message: str,
        hint: str) -> BridgeDiagnostic:
    return error(config.path, where[0], where[1], code, message, hint)


def _index(config: BridgeConfig, http: httpx.Client,
           problems: list[BridgeDiagnostic]) -> FeedIndex | None:
    url = index_url(config.site or "")
    result = conditional_get(http, url, Validators())
    if isinstance(result, Fetched):
        parsed = read_index(config.site or "", result.body)
        if isinstance(parsed, FeedIndex):
            return parsed
        reason = parsed
    else:
        reason = result.reason if isinstance(result, FetchFailed) else "сайт не прислал данных"
    problems.append(_at(config, (1, 1), "B031", f"{url}: {reason}",
                        "проверьте адрес site и что сайт открывается"))
    return None


def _feed(config: BridgeConfig, ref: FeedRef, url: str, http: httpx.Client,
          problems: list[BridgeDiagnostic]) -> None:
    result = conditional_get(http, url, Validators())
    if isinstance(result, FetchFailed):
        problems.append(_at(config, ref.where, "B031", f"{url}: {result.reason}",
                            "проверьте, что адрес ленты открывается в браузере"))
    elif isinstance(result, Fetched):
        feed = parse_feed(result.body)
        if isinstance(feed, FeedRejected):
            problems.append(_at(config, ref.where, "B032", f"{url}: {feed.describe()}",
                                "нужна лента JSON Feed (feed.json), не RSS и не страница"))


def _channel(config: BridgeConfig, channel: Channel, http: httpx.Client,
             env: Mapping[str, str], problems: list[BridgeDiagnostic]) -> None:
    client = make_client(channel, http, env)
    me = client.whoami()
    if isinstance(me, Refused):
        problems.append(_at(config, channel.where, "B033", f"{channel.describe()}: {me.reason}",
                            f"проверьте токен в переменной {channel.token_env}"))
        return
    if isinstance(me, Busy):
        problems.append(_at(config, channel.where, "B035",
                            f"{channel.describe()}: {me.reason}",
                            "проверьте доступ в интернет с этого компьютера и повторите "
                            "проверку позже; если задан api_url, проверьте его"))
        return
    chat = client.can_see_chat()
    if not isinstance(chat, Delivered):
        bot = f"бот {me.message_id}" if isinstance(me, Delivered) and me.message_id else "бот"
        problems.append(_at(config, channel.where, "B034",
                            f"{channel.describe()}: {bot} не видит чат ({chat.reason})",
                            "добавьте бота в канал администратором с правом публикации "
                            "и проверьте chat_id"))
