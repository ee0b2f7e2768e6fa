"""``notices bridge check``: every mistake in the file, with its place and a hint."""

# ruff: noqa: E501  (the expected reports are quoted whole, one message a line)

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.bridge.config import load_config
from generator.bridge.diagnostics import BRIDGE_CODES, format_diagnostic

REPOSITORY = Path(__file__).resolve().parents[2]
TOKENS = {"RSO_BRIDGE_MAX_TOKEN": "m" * 20, "RSO_BRIDGE_TELEGRAM_TOKEN": "t" * 20}

GOOD = """\
    site: https://notices.example.ru
    poll_interval: 120
    channels:
      salda-max:
        messenger: max
        chat_id: "-72000000000123"
        token_env: RSO_BRIDGE_MAX_TOKEN
      salda-telegram:
        messenger: Telegram
        chat_id: "@vks_salda"
        token_env: RSO_BRIDGE_TELEGRAM_TOKEN
    subscriptions:
      - feed: {organization: vks-verkhnyaya-salda}
        to: [salda-max, salda-telegram]
      - feed: https://other.example.ru/feeds/all/feed.json
        to: salda-telegram
    """

CASES = {
    "many mistakes at once": ("""\
        site: notices.example.ru
        poll_intervl: 300
        channels:
          vks-max:
            messenger: maks
            chat_id: -72000000000123
            token_env: RSO_MAX
          vks-tg:
            messenger: telegram
            chat_id: "@vks_salda"
            token_env: "12345:AAAbbb"
          spare:
            messenger: telegram
            chat_id: -100200
            token_env: RSO_BRIDGE_TELEGRAM_TOKEN
        subscriptions:
          - feed: {organization: vks-verkhnyaya-salda}
            to: [vks-max, vks-tgg]
          - feed: {url: https://x.ru/feed.json, settlement: salda}
            to: vks-tg
          - fed: {all: true}
        """, """\
        bridge.yml:1:7: error[B017]: site: 'notices.example.ru' не похоже на адрес
          hint: адрес начинается с https://
        bridge.yml:2:1: error[B010]: неизвестное поле 'poll_intervl' на верхнем уровне
          hint: может быть, 'poll_interval'?
        bridge.yml:5:16: error[B013]: мессенджер 'maks' не поддерживается
          hint: укажите max или telegram
        bridge.yml:7:16: error[B016]: переменная окружения RSO_MAX не задана или пуста
          hint: задайте её в файле окружения службы (EnvironmentFile) или перед запуском: export RSO_MAX=...
        bridge.yml:11:16: error[B015]: '12345:AAAbbb' не годится как имя переменной окружения
          hint: напишите имя переменной, а не сам токен: латиница, цифры, _, например RSO_BRIDGE_MAX_TOKEN
        bridge.yml:12:3: warning[B021]: канал spare (telegram -100200): ни одна лента в него не идёт
          hint: добавьте подписку с to: [spare] или удалите канал
        bridge.yml:17:12: error[B020]: лента по ключу 'organization' без адреса сайта
          hint: добавьте в начало файла site: https://адрес-сайта/
        bridge.yml:18:19: error[B018]: канал 'vks-tgg' не описан в разделе channels
          hint: может быть, 'vks-tg'?
        bridge.yml:19:11: error[B019]: feed подписки №2: указано сразу несколько: url, settlement
          hint: оставьте одно из url, organization, settlement, all
        bridge.yml:21:5: error[B010]: неизвестное поле 'fed' в подписке №3
          hint: может быть, 'feed'?
        bridge.yml:21:5: error[B011]: в подписке №3 нет поля 'feed'
          hint: лента: {url: ...}, {organization: ...}, {settlement: ...} или {all: true}
        bridge.yml:21:5: error[B011]: в подписке №3 нет поля 'to'
          hint: имя канала или список имён каналов
        """),
    "max chat given by name": ("""\
        channels:
          a:
            messenger: max
            chat_id: "@vks"
            token_env: RSO_BRIDGE_MAX_TOKEN
        subscriptions:
          - feed: https://x.ru/feed.json
            to: a
        """, """\
        bridge.yml:4:14: error[B014]: chat_id канала 'a': строка '@vks' не подходит
          hint: в Max chat_id — число, например -72000000000000; как его узнать — в docs/bridge.md
        """),
    "duplicate key": ("channels:\n  a: 1\n  a: 2\n", """\
        bridge.yml:3:3: error[B003]: ключ 'a' повторяется
          hint: у каждого ключа в словаре должно быть одно значение
        """),
    "tab in indentation": ("channels:\n\tx: 1\n", """\
        bridge.yml:2:1: error[B002]: ошибка YAML: found character '\\t' that cannot start any token
          hint: проверьте отступы (пробелы, не табуляция), двоеточия и скобки
        """),
    "empty file": ("", """\
        bridge.yml:1:1: error[B004]: ожидался словарь с разделами channels и subscriptions, найдено пустое значение
          hint: начните с примера из docs/bridge.md
        """),
    "wrong types": ("""\
        poll_interval: often
        channels: [a, b]
        subscriptions:
          feed: x
        """, """\
        bridge.yml:1:16: error[B023]: poll_interval: ожидалось число секунд не меньше 1, найдено строка 'often'
          hint: например, poll_interval: 300 — раз в пять минут
        bridge.yml:2:11: error[B012]: channels: ожидался словарь «ключ: значение», найдено список
        bridge.yml:4:3: error[B012]: subscriptions: ожидался список, найдено словарь
          hint: каждая подписка начинается с «- feed: ...»
        """),
    "the same feed twice to one channel": ("""\
        channels:
          a:
            messenger: telegram
            chat_id: -1001
            token_env: RSO_BRIDGE_TELEGRAM_TOKEN
        subscriptions:
          - feed: https://x.ru/feed.json
            to: [a, a]
        """, """\
        bridge.yml:8:13: warning[B022]: лента https://x.ru/feed.json уже направлена в канал a (telegram -1001)
          hint: лишнюю строку можно удалить
        """),
}


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
          env: dict[str, str] | None = None) -> tuple[object, str]:
    monkeypatch.chdir(tmp_path)
    Path("bridge.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    config, problems = load_config(Path("bridge.yml"), TOKENS if env is None else env)
    return config, "".join(format_diagnostic(problem) + "\n" for problem in problems)


@pytest.mark.parametrize("case", CASES)
def test_every_mistake_is_reported_with_place_and_hint(case: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = CASES[case]
    config, report = check(tmp_path, monkeypatch, text)
    assert report == textwrap.dedent(expected)
    assert (config is None) == ("error[" in report)


def test_a_good_file_gives_the_configuration(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    config, report = check(tmp_path, monkeypatch, GOOD)
    assert report == ""
    assert config is not None
    assert config.site == "https://notices.example.ru/"  # type: ignore[attr-defined]
    assert config.poll_interval == 120  # type: ignore[attr-defined]
    assert config.state_path == Path("rso-bridge.sqlite3")  # type: ignore[attr-defined]
    channels = {channel.name: channel for channel in config.channels}  # type: ignore[attr-defined]
    assert channels["salda-max"].chat_id == -72000000000123
    assert channels["salda-max"].api_url == "https://platform-api2.max.ru"
    assert channels["salda-telegram"].messenger == "telegram"
    assert channels["salda-telegram"].api_url == "https://api.telegram.org"
    assert [route.key for route in config.routes] == [  # type: ignore[attr-defined]
        "organization:vks-verkhnyaya-salda -> max:-72000000000123",
        "organization:vks-verkhnyaya-salda -> telegram:@vks_salda",
        "url:https://other.example.ru/feeds/all/feed.json -> telegram:@vks_salda"]


def test_tokens_are_required_only_where_they_are_used(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _, report = check(tmp_path, monkeypatch, GOOD, env={})
    assert report.count("error[B016]") == 2
    config, problems = load_config(Path("bridge.yml"), {}, require_tokens=False)
    assert config is not None and problems == []


def test_the_example_in_the_docs_passes_the_check(tmp_path: Path) -> None:
    page = (REPOSITORY / "docs" / "bridge.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", page, re.DOTALL)
    assert example is not None
    (tmp_path / "bridge.yml").write_text(example.group(1), encoding="utf-8")
    config, problems = load_config(tmp_path / "bridge.yml", TOKENS)
    assert problems == [] and config is not None
    for code in re.findall(r"\bB0\d\d\b", page):
        assert code in BRIDGE_CODES


def test_every_code_is_documented() -> None:
    page = (REPOSITORY / "docs" / "bridge.md").read_text(encoding="utf-8")
    assert [code for code in BRIDGE_CODES if code not in page] == []
