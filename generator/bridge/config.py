"""The bridge configuration: one YAML file, read and checked completely.

The file says which feed goes to which channel of which messenger::

    site: https://notices.example.ru/
    state: /var/lib/rso-bridge/state.sqlite3
    poll_interval: 300
    channels:
      vks-max:
        messenger: max
        chat_id: -72000000000000
        token_env: RSO_BRIDGE_MAX_TOKEN
    subscriptions:
      - feed: {organization: vks-verkhnyaya-salda}
        to: [vks-max]

Tokens never live in the file: a channel names the environment variable that
holds its bot token. :func:`load_config` reads everything, reports every
problem as a :class:`BridgeDiagnostic`, and returns a :class:`BridgeConfig`
only when there is no error.
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import YAMLError

from .diagnostics import BridgeDiagnostic, did_you_mean, error, warning
from .explain import explain_not_a_file, explain_not_utf8, explain_read_failure, explain_yaml_error

# The schema, declared once: every key with the Russian line docs/bridge.md shows.
TOP_LEVEL_KEYS: dict[str, str] = {
    "site": "адрес сайта с уведомлениями; по нему находится feeds/index.json",
    "state": "файл базы состояния SQLite (по умолчанию rso-bridge.sqlite3 рядом с настройками)",
    "poll_interval": "как часто проверять ленты, в секундах (по умолчанию 300)",
    "channels": "каналы: имя → мессенджер, chat_id, переменная с токеном",
    "subscriptions": "список: какая лента (feed) в какие каналы (to)",
}
CHANNEL_KEYS: dict[str, str] = {
    "messenger": "max или telegram",
    "chat_id": "идентификатор канала: число; в Telegram можно @имя_канала",
    "token_env": "имя переменной окружения, в которой лежит токен бота",
    "api_url": "адрес API мессенджера, если нужен не стандартный",
}
SUBSCRIPTION_KEYS: dict[str, str] = {
    "feed": "лента: {url: ...}, {organization: ...}, {settlement: ...} или {all: true}",
    "to": "имя канала или список имён каналов",
}
FEED_KEYS: dict[str, str] = {
    "url": "полный адрес ленты JSON Feed",
    "organization": "идентификатор организации из feeds/index.json",
    "settlement": "ключ населённого пункта из feeds/index.json",
    "all": "true — общая лента сайта",
}

MESSENGERS: tuple[str, ...] = ("max", "telegram")
DEFAULT_API_URL: dict[str, str] = {
    # dev.max.ru/docs-api: "направляйте запросы на домен platform-api2.max.ru
    # вместо platform-api.max.ru" (OpenAPI schema 0.0.32, servers: platform-api2.max.ru).
    "max": "https://platform-api2.max.ru",
    # core.telegram.org/bots/api: "https://api.telegram.org/bot<token>/METHOD_NAME".
    "telegram": "https://api.telegram.org",
}
DEFAULT_POLL_INTERVAL = 300.0
DEFAULT_STATE_FILE = "rso-bridge.sqlite3"

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TELEGRAM_USERNAME = re.compile(r"^@[A-Za-z][A-Za-z0-9_]{3,31}$")
_INTEGER = re.compile(r"^-?[0-9]{1,20}$")
_TELEGRAM_TOKEN = re.compile(r"[0-9]{5,}:[A-Za-z0-9_-]{20,}")


@dataclass(frozen=True)
class Channel:
    """One chat or channel of one messenger, with the variable that holds its bot token."""

    name: str
    messenger: str
    chat_id: int | str
    token_env: str
    api_url: str
    where: tuple[int, int] = field(default=(1, 1), compare=False)  # line, column in the file

    @property
    def chat_key(self) -> str:
        """The chat's identity in the state database: a post is never sent twice to it."""
        return f"{self.messenger}:{self.chat_id}"

    def describe(self) -> str:
        return f"канал {self.name} ({self.messenger} {self.chat_id})"


@dataclass(frozen=True)
class FeedRef:
    """A feed named by URL, or by scope and key through the site's feeds/index.json."""

    scope: str  # "url", "organization", "settlement" or "all"
    value: str  # the URL for "url", else the key ("all" for the whole site)
    where: tuple[int, int] = field(default=(1, 1), compare=False)  # line, column in the file

    @property
    def key(self) -> str:
        return f"{self.scope}:{self.value}"

    def describe(self) -> str:
        if self.scope == "url":
            return f"лента {self.value}"
        if self.scope == "all":
            return "общая лента сайта"
        noun = "организации" if self.scope == "organization" else "населённого пункта"
        return f"лента {noun} {self.value}"


@dataclass(frozen=True)
class Route:
    """One feed going to one channel; the unit that has a moment of subscription."""

    feed: FeedRef
    channel: Channel

    @property
    def key(self) -> str:
        return f"{self.feed.key} -> {self.channel.chat_key}"


@dataclass(frozen=True)
class BridgeConfig:
    path: Path
    site: str | None  # ends with "/"
    state_path: Path
    poll_interval: float
    channels: tuple[Channel, ...]
    routes: tuple[Route, ...]


class _Checker:
    """Walks the parsed YAML once, collecting every problem it meets."""

    def __init__(self, path: Path, env: Mapping[str, str], require_tokens: bool) -> None:
        self.path = path
        self.shown = str(path)
        self.env = env
        self.require_tokens = require_tokens
        self.problems: list[BridgeDiagnostic] = []

    # Positions: ruamel counts from 0, diagnostics from 1.
    def key_at(self, node: CommentedMap, key: Any) -> tuple[int, int]:
        line, column = node.lc.key(key)
        return line + 1, column + 1

    def value_at(self, node: CommentedMap, key: Any) -> tuple[int, int]:
        """Where the value is; for an empty one (``key:``), where its key is."""
        if node.get(key) is None:
            return self.key_at(node, key)
        line, column = node.lc.value(key)
        return line + 1, column + 1

    def item_at(self, node: CommentedSeq, index: int) -> tuple[int, int]:
        line, column = node.lc.item(index)
        return line + 1, column + 1

    def add(self, where: tuple[int, int], code: str, message: str, hint: str) -> None:
        self.problems.append(error(self.shown, where[0], where[1], code, message, hint))

    def warn(self, where: tuple[int, int], code: str, message: str, hint: str) -> None:
        self.problems.append(warning(self.shown, where[0], where[1], code, message, hint))

    def known_keys(self, node: CommentedMap, known: Mapping[str, str], where: str) -> None:
        for key in node:
            if str(key) not in known:
                self.add(self.key_at(node, key), "B010", f"неизвестное поле '{key}' {where}",
                         _unknown_key_hint(str(key), known))

    def mapping(self, parent: CommentedMap, key: str, what: str, expected: str,
                hint: str) -> CommentedMap | None:
        value = parent.get(key)
        if not isinstance(value, CommentedMap):
            self.add(self.value_at(parent, key), "B012",
                     f"{what}: ожидались {expected}, {_found(value)}", hint)
            return None
        return value

    def text(self, parent: CommentedMap, key: str, what: str, expected: str,
             hint: str) -> str | None:
        value = parent.get(key)
        if not isinstance(value, str) or not value.strip():
            self.add(self.value_at(parent, key), "B012",
                     f"{what}: {expected}, {_found(value)}", hint)
            return None
        return value.strip()

    def url(self, parent: CommentedMap, key: str, what: str, hint: str) -> str | None:
        text = self.text(parent, key, what, "ожидался адрес", hint)
        if text is not None and not re.match(r"^https?://[^\s/]+", text):
            self.add(self.value_at(parent, key), "B017",
                     f"{what}: {_quoted(text)} не похоже на адрес",
                     "адрес начинается с https://, например https://notices.example.ru/")
            return None
        return text


def _unknown_key_hint(key: str, known: Mapping[str, str]) -> str:
    if "token" in key.lower() and "token_env" in known:
        return ("сам токен в файл настроек не пишут: в token_env укажите имя переменной "
                "окружения, в которой он лежит")
    return did_you_mean(key, known) or f"допустимые поля: {', '.join(known)}"


def looks_like_token(text: str) -> bool:
    """A Telegram token (``123456:AA...``) or a long random-looking string like a Max token."""
    if _TELEGRAM_TOKEN.search(text):
        return True
    return (len(text) >= 32 and not re.search(r"[\s/.]", text)
            and any(c.islower() for c in text) and any(c.isupper() for c in text)
            and any(c.isdigit() for c in text))


def _quoted(text: str) -> str:
    """A value from the file as shown in a message; a token is never shown."""
    return "(значение скрыто: похоже на токен)" if looks_like_token(text) else f"'{text}'"


def _found(value: Any) -> str:
    """What the file has instead, as the end of a sentence: «…, а указана строка 'x'»."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "а значение не указано"
    if isinstance(value, bool):
        return f"а указано значение {str(value).lower()}"
    if isinstance(value, int | float):
        return f"а указано число {value}"
    if isinstance(value, str):
        return f"а указана строка {_quoted(value)}"
    if isinstance(value, list):
        return "а указан список"
    if isinstance(value, dict):
        return "а указаны поля «ключ: значение»"
    if isinstance(value, date):
        return f"а указана дата {value}"
    return "а указано значение другого вида"


def load_config(path: Path, env: Mapping[str, str] | None = None, *,
                require_tokens: bool = True,
                ) -> tuple[BridgeConfig | None, list[BridgeDiagnostic]]:
    """Read and check the file; the config comes back only when there is no error.

    ``require_tokens=False`` skips the check that each token variable is set,
    for commands that never talk to a messenger (``bridge status``).
    """
    checker = _Checker(path, os.environ if env is None else env, require_tokens)
    root = _parse(path, checker)
    if root is None:
        return None, checker.problems
    config = _build(root, checker)
    has_error = any(problem.is_error for problem in checker.problems)
    return (None if has_error else config), sorted(checker.problems)


def _read(path: Path, checker: _Checker) -> str | None:
    if path.exists() and not path.is_file():
        failure = explain_not_a_file(path)
        checker.add(failure.where, "B001", failure.message, failure.hint)
        return None
    try:
        data = path.read_bytes()
    except OSError as problem:
        failure = explain_read_failure(problem, path)
        checker.add(failure.where, "B001", failure.message, failure.hint)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        failure = explain_not_utf8(data, problem)
        checker.add(failure.where, "B005", failure.message, failure.hint)
        return None


def _parse(path: Path, checker: _Checker) -> CommentedMap | None:
    text = _read(path, checker)
    if text is None:
        return None
    try:
        with warnings.catch_warnings():  # ruamel warns in English on stderr (reused anchors)
            warnings.simplefilter("ignore")
            root = YAML(typ="rt").load(text)
    except YAMLError as problem:
        failure = explain_yaml_error(problem, text)
        checker.add(failure.where, "B003" if isinstance(problem, DuplicateKeyError) else "B002",
                    failure.message, failure.hint)
        return None
    if not isinstance(root, CommentedMap):
        checker.add((1, 1), "B004",
                    "файл настроек пуст" if root is None else
                    f"в файле ожидались разделы channels и subscriptions, {_found(root)}",
                    "начните с примера из docs/bridge.md")
        return None
    return root


def _build(root: CommentedMap, checker: _Checker) -> BridgeConfig:
    checker.known_keys(root, TOP_LEVEL_KEYS, "на верхнем уровне")
    for key in ("channels", "subscriptions"):
        if key not in root:
            checker.add((1, 1), "B011", f"нет раздела '{key}'", TOP_LEVEL_KEYS[key])
    site = _site(root, checker)
    channels = _channels(root, checker)
    section = root.get("channels")
    declared = [str(name) for name in section] if isinstance(section, CommentedMap) else []
    routes = _routes(root, checker, {channel.name: channel for channel in channels}, declared,
                     site)
    _warn_unused(root, checker, channels, routes)
    return BridgeConfig(
        path=checker.path, site=site, state_path=_state_path(root, checker),
        poll_interval=_poll_interval(root, checker),
        channels=tuple(channels), routes=tuple(routes),
    )


def _site(root: CommentedMap, checker: _Checker) -> str | None:
    if "site" not in root:
        return None
    site = checker.url(root, "site", "site", TOP_LEVEL_KEYS["site"])
    return None if site is None else site.rstrip("/") + "/"


def _state_path(root: CommentedMap, checker: _Checker) -> Path:
    state = checker.text(root, "state", "state", "ожидался путь к файлу",
                         TOP_LEVEL_KEYS["state"]) if "state" in root else None
    chosen = Path(state or DEFAULT_STATE_FILE).expanduser()
    return chosen if chosen.is_absolute() else checker.path.parent / chosen


def _poll_interval(root: CommentedMap, checker: _Checker) -> float:
    if "poll_interval" not in root:
        return DEFAULT_POLL_INTERVAL
    value = root["poll_interval"]
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or value < 1:
        checker.add(checker.value_at(root, "poll_interval"), "B023",
                    f"poll_interval: ожидалось число секунд не меньше 1, {_found(value)}",
                    "например, poll_interval: 300 — раз в пять минут")
        return DEFAULT_POLL_INTERVAL
    return float(value)


_CHANNEL_SHAPE = ("каждый канал — имя с двоеточием, а под ним с отступом поля messenger, "
                  "chat_id и token_env, как в примере из docs/bridge.md")


def _channels(root: CommentedMap, checker: _Checker) -> list[Channel]:
    if "channels" not in root:
        return []
    section = checker.mapping(root, "channels", "channels", "описания каналов",
                              _CHANNEL_SHAPE)
    if section is None:
        return []
    found = (_channel(str(name), section, checker) for name in section)
    return [channel for channel in found if channel is not None]


def _channel(name: str, section: CommentedMap, checker: _Checker) -> Channel | None:
    node = checker.mapping(section, name, f"канал '{name}'",
                           "поля messenger, chat_id и token_env", _CHANNEL_SHAPE)
    if node is None:
        return None
    checker.known_keys(node, CHANNEL_KEYS, f"в канале '{name}'")
    for key in ("messenger", "chat_id", "token_env"):
        if key not in node:
            checker.add(checker.key_at(section, name), "B011",
                        f"в канале '{name}' нет поля '{key}'", CHANNEL_KEYS[key])
    messenger = _messenger(node, name, checker)
    chat_id = _chat_id(node, name, messenger, checker) if "chat_id" in node else None
    token_env = _token_env(node, name, checker) if "token_env" in node else None
    api_url = checker.url(node, "api_url", f"api_url канала '{name}'",
                          CHANNEL_KEYS["api_url"]) if "api_url" in node else None
    if messenger is None or chat_id is None or token_env is None:
        return None
    return Channel(name, messenger, chat_id, token_env,
                   (api_url or DEFAULT_API_URL[messenger]).rstrip("/"),
                   checker.key_at(section, name))


def _messenger(node: CommentedMap, name: str, checker: _Checker) -> str | None:
    if "messenger" not in node:
        return None
    value = checker.text(node, "messenger", f"messenger канала '{name}'",
                         "ожидалось max или telegram", "укажите max или telegram")
    if value is None:
        return None
    if value.lower() not in MESSENGERS:
        checker.add(checker.value_at(node, "messenger"), "B013",
                    f"мессенджер {_quoted(value)} не поддерживается",
                    did_you_mean(value.lower(), MESSENGERS) or "укажите max или telegram")
        return None
    return value.lower()


def _chat_id(node: CommentedMap, name: str, messenger: str | None,
             checker: _Checker) -> int | str | None:
    value = node["chat_id"]
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(value.strip())
    if isinstance(value, str) and messenger == "telegram" and _TELEGRAM_USERNAME.match(value):
        return value
    if messenger == "telegram":
        expected = "ожидалось число или @имя_канала"
        hint = "в Telegram укажите число (например -1001234567890) или \"@имя_канала\""
    else:
        expected = "ожидалось число"
        hint = ("в Max chat_id — число, например -72000000000000; как его узнать — "
                "в docs/bridge.md")
    checker.add(checker.value_at(node, "chat_id"), "B014",
                f"chat_id канала '{name}': {expected}, {_found(value)}", hint)
    return None


def _token_env(node: CommentedMap, name: str, checker: _Checker) -> str | None:
    value = checker.text(node, "token_env", f"token_env канала '{name}'",
                         "ожидалось имя переменной окружения", CHANNEL_KEYS["token_env"])
    if value is None:
        return None
    where = checker.value_at(node, "token_env")
    if looks_like_token(value):
        example = f"RSO_BRIDGE_{str(node.get('messenger', 'max')).upper()}_TOKEN"
        if not _ENV_NAME.match(example):
            example = "RSO_BRIDGE_MAX_TOKEN"
        checker.add(where, "B015", f"в token_env канала '{name}', похоже, вписан сам токен "
                    "бота, а нужно имя переменной окружения",
                    f"уберите токен из файла: впишите его в файл окружения службы строкой "
                    f"{example}=токен, а здесь оставьте token_env: {example}; раз токен "
                    "побывал в файле, лучше выпустить новый")
        return None
    if not _ENV_NAME.match(value):
        checker.add(where, "B015", f"'{value}' не годится как имя переменной окружения",
                    "в имени переменной — только латинские буквы, цифры и _, "
                    "например RSO_BRIDGE_MAX_TOKEN")
        return None
    if checker.require_tokens and not checker.env.get(value, "").strip():
        checker.add(where, "B016", f"переменная окружения {value} не задана или пуста",
                    "задайте её в файле окружения службы (EnvironmentFile) или перед запуском: "
                    f"export {value}=...")
    return value


def _routes(root: CommentedMap, checker: _Checker, channels: Mapping[str, Channel],
            declared: list[str], site: str | None) -> list[Route]:
    section = root.get("subscriptions")
    if "subscriptions" not in root:
        return []
    if not isinstance(section, CommentedSeq):
        checker.add(checker.value_at(root, "subscriptions"), "B012",
                    f"subscriptions: ожидался список подписок, {_found(section)}",
                    "каждая подписка начинается с «- feed: ...»")
        return []
    routes: list[Route] = []
    seen: set[str] = set()
    for index, entry in enumerate(section):
        for route, where in _subscription(section, index, entry, checker, channels, declared,
                                          site):
            if route.key in seen:
                checker.warn(where, "B022", f"{route.feed.describe()} уже направлена в "
                             f"{route.channel.describe()}", "лишнюю строку можно удалить")
                continue
            seen.add(route.key)
            routes.append(route)
    return routes


def _subscription(section: CommentedSeq, index: int, entry: Any, checker: _Checker,
                  channels: Mapping[str, Channel], declared: list[str], site: str | None,
                  ) -> Iterator[tuple[Route, tuple[int, int]]]:
    if not isinstance(entry, CommentedMap):
        checker.add(checker.item_at(section, index), "B012",
                    f"подписка №{index + 1}: ожидались поля feed и to, {_found(entry)}",
                    "подписка — это «- feed: ...» и под ним с отступом «to: имя канала»")
        return
    checker.known_keys(entry, SUBSCRIPTION_KEYS, f"в подписке №{index + 1}")
    for key in ("feed", "to"):
        if key not in entry:
            checker.add(checker.item_at(section, index), "B011",
                        f"в подписке №{index + 1} нет поля '{key}'", SUBSCRIPTION_KEYS[key])
    feed = _feed(entry, index, checker, site) if "feed" in entry else None
    targets = list(_targets(entry, index, checker, channels, declared)) if "to" in entry \
        else []
    if feed is not None:
        for channel, where in targets:
            yield Route(feed, channel), where


_FEED_EXAMPLE = ("укажите полный адрес ленты (feed: https://…/feed.json) или ключ: "
                 "feed: {organization: vks-verkhnyaya-salda}")


def _feed(entry: CommentedMap, index: int, checker: _Checker,
          site: str | None) -> FeedRef | None:
    value = entry["feed"]
    where = checker.value_at(entry, "feed")
    what = f"feed подписки №{index + 1}"
    if isinstance(value, str) and re.match(r"^https?://", value.strip()):
        return FeedRef("url", value.strip(), where)
    if isinstance(value, str) and value.strip():
        checker.add(where, "B012", f"{what}: {_quoted(value.strip())} — не адрес ленты",
                    _FEED_EXAMPLE)
        return None
    if not isinstance(value, CommentedMap):
        checker.add(where, "B012", f"{what}: ожидался адрес ленты или её ключ, {_found(value)}",
                    _FEED_EXAMPLE)
        return None
    checker.known_keys(value, FEED_KEYS, f"в {what}")
    present = [key for key in FEED_KEYS if key in value]
    if len(present) != 1:
        checker.add(where, "B019", f"{what}: " + (
            "не указано, какая лента: нет ни url, ни organization, ни settlement, ни all"
            if not present else
            f"указаны сразу {', '.join(present[:-1])} и {present[-1]}, а нужно что-то одно"),
            "оставьте одно из url, organization, settlement, all")
        return None
    found = _feed_of_scope(value, present[0], what, checker, site)
    return None if found is None else FeedRef(found.scope, found.value, where)


def _feed_of_scope(node: CommentedMap, scope: str, what: str, checker: _Checker,
                   site: str | None) -> FeedRef | None:
    if scope == "url":
        url = checker.url(node, "url", f"url в {what}", FEED_KEYS["url"])
        return None if url is None else FeedRef("url", url)
    if scope == "all":
        if node["all"] is not True:
            checker.add(checker.value_at(node, "all"), "B012",
                        f"all в {what}: ожидалось true, {_found(node['all'])}",
                        "для общей ленты сайта пишите feed: {all: true}")
            return None
        key = "all"
    else:
        raw = node[scope]
        if not isinstance(raw, str | int) or isinstance(raw, bool) or not str(raw).strip():
            checker.add(checker.value_at(node, scope), "B012",
                        f"{scope} в {what}: ожидался ключ из feeds/index.json, {_found(raw)}",
                        FEED_KEYS[scope])
            return None
        key = str(raw).strip()
    if site is None:
        checker.add(checker.key_at(node, scope), "B020",
                    f"лента указана по ключу {scope}, а адрес сайта (site) не указан",
                    "добавьте в начало файла site: https://адрес-сайта/")
    return FeedRef(scope, key)


def _targets(entry: CommentedMap, index: int, checker: _Checker, channels: Mapping[str, Channel],
             declared: list[str]) -> Iterator[tuple[Channel, tuple[int, int]]]:
    what = f"to подписки №{index + 1}"
    value = entry["to"]
    if isinstance(value, str | int) and not isinstance(value, bool):
        names: list[tuple[Any, tuple[int, int]]] = [(value, checker.value_at(entry, "to"))]
    elif isinstance(value, CommentedSeq) and value:
        names = [(name, checker.item_at(value, i)) for i, name in enumerate(value)]
    else:
        checker.add(checker.value_at(entry, "to"), "B012",
                    f"{what}: ожидалось имя канала или список имён, {_found(value)}",
                    "например to: vks-max или to: [vks-max, vks-telegram]")
        return
    for name, where in names:
        channel = channels.get(str(name))
        if channel is not None:
            yield channel, where
        elif str(name) in declared:
            continue  # described, with mistakes of its own, already reported
        elif isinstance(name, str | int) and not isinstance(name, bool):
            checker.add(where, "B018", f"канал {_quoted(str(name))} не описан в разделе channels",
                        did_you_mean(str(name), declared) or "опишите его в разделе channels")
        else:
            checker.add(where, "B012", f"{what}: ожидалось имя канала, {_found(name)}",
                        "имена каналов — те, что описаны в разделе channels")


def _named_channels(root: CommentedMap) -> set[str]:
    """Every channel name some subscription sends to, whether or not its feed is right."""
    section = root.get("subscriptions")
    names: set[str] = set()
    for entry in section if isinstance(section, CommentedSeq) else []:
        value = entry.get("to") if isinstance(entry, CommentedMap) else None
        for name in value if isinstance(value, CommentedSeq) else [value]:
            if isinstance(name, str | int) and not isinstance(name, bool):
                names.add(str(name))
    return names


def _warn_unused(root: CommentedMap, checker: _Checker, channels: list[Channel],
                 routes: list[Route]) -> None:
    """B021 for a channel no subscription names; a rejected subscription still counts,
    its own error already says what to fix."""
    named = {route.channel.name for route in routes} | _named_channels(root)
    section = root.get("channels")
    for channel in channels:
        if channel.name not in named and isinstance(section, CommentedMap):
            checker.warn(checker.key_at(section, channel.name), "B021",
                         f"{channel.describe()}: ни одна лента в него не идёт",
                         "добавьте подписку с to: [" + channel.name + "] или удалите канал")
