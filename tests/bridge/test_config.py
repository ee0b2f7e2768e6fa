"""``notices bridge check``: every mistake in the file, with its place and a hint."""

# ruff: noqa: E501  (the expected reports are quoted whole, one message a line)

from __future__ import annotations

import errno
import os
import re
import textwrap
from pathlib import Path

import pytest

from generator.bridge.config import load_config
from generator.bridge.diagnostics import BRIDGE_CODES, error, format_diagnostic
from generator.bridge.explain import current_user, explain_read_failure

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
            token_env: "RSO-TG"
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
          hint: адрес начинается с https://, например https://notices.example.ru/
        bridge.yml:2:1: error[B010]: неизвестное поле 'poll_intervl' на верхнем уровне
          hint: может быть, 'poll_interval'?
        bridge.yml:5:16: error[B013]: мессенджер 'maks' не поддерживается
          hint: укажите max или telegram
        bridge.yml:7:16: error[B016]: переменная окружения RSO_MAX не задана или пуста
          hint: задайте её в файле окружения службы (EnvironmentFile) или перед запуском: export RSO_MAX=...
        bridge.yml:11:16: error[B015]: 'RSO-TG' не годится как имя переменной окружения
          hint: в имени переменной — только латинские буквы, цифры и _, например RSO_BRIDGE_MAX_TOKEN
        bridge.yml:12:3: warning[B021]: канал spare (telegram -100200): ни одна лента в него не идёт
          hint: добавьте подписку с to: [spare] или удалите канал
        bridge.yml:17:12: error[B020]: лента указана по ключу organization, а адрес сайта (site) не указан
          hint: добавьте в начало файла site: https://адрес-сайта/
        bridge.yml:18:19: error[B018]: канал 'vks-tgg' не описан в разделе channels
          hint: может быть, 'vks-tg'?
        bridge.yml:19:11: error[B019]: feed подписки №2: указаны сразу url и settlement, а нужно что-то одно
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
        bridge.yml:4:14: error[B014]: chat_id канала 'a': ожидалось число, а указана строка '@vks'
          hint: в Max chat_id — число, например -72000000000000; как его узнать — в docs/bridge.md
        """),
    # Every kind of value in a sentence that agrees with it: «указана строка»,
    # «указано число», «указан список», «значение не указано».
    "values of the wrong kind": ("""\
        poll_interval: often
        state: [a]
        channels:
          a:
            messenger: 7
            chat_id: [1]
            token_env:
          b: 1
        subscriptions:
          - feed: vks
            to: a
          - feed: 12
            to: 5
          - feed: {all: false}
            to: [[a]]
          - just text
        """, """\
        bridge.yml:1:16: error[B023]: poll_interval: ожидалось число секунд не меньше 1, а указана строка 'often'
          hint: например, poll_interval: 300 — раз в пять минут
        bridge.yml:2:8: error[B012]: state: ожидался путь к файлу, а указан список
          hint: файл базы состояния SQLite (по умолчанию rso-bridge.sqlite3 рядом с настройками)
        bridge.yml:5:16: error[B012]: messenger канала 'a': ожидалось max или telegram, а указано число 7
          hint: укажите max или telegram
        bridge.yml:6:14: error[B014]: chat_id канала 'a': ожидалось число, а указан список
          hint: в Max chat_id — число, например -72000000000000; как его узнать — в docs/bridge.md
        bridge.yml:7:5: error[B012]: token_env канала 'a': ожидалось имя переменной окружения, а значение не указано
          hint: имя переменной окружения, в которой лежит токен бота
        bridge.yml:8:6: error[B012]: канал 'b': ожидались поля messenger, chat_id и token_env, а указано число 1
          hint: каждый канал — имя с двоеточием, а под ним с отступом поля messenger, chat_id и token_env, как в примере из docs/bridge.md
        bridge.yml:10:11: error[B012]: feed подписки №1: 'vks' — не адрес ленты
          hint: укажите полный адрес ленты (feed: https://…/feed.json) или ключ: feed: {organization: vks-verkhnyaya-salda}
        bridge.yml:12:11: error[B012]: feed подписки №2: ожидался адрес ленты или её ключ, а указано число 12
          hint: укажите полный адрес ленты (feed: https://…/feed.json) или ключ: feed: {organization: vks-verkhnyaya-salda}
        bridge.yml:13:9: error[B018]: канал '5' не описан в разделе channels
          hint: опишите его в разделе channels
        bridge.yml:14:17: error[B012]: all в feed подписки №3: ожидалось true, а указано значение false
          hint: для общей ленты сайта пишите feed: {all: true}
        bridge.yml:15:10: error[B012]: to подписки №3: ожидалось имя канала, а указан список
          hint: имена каналов — те, что описаны в разделе channels
        bridge.yml:16:5: error[B012]: подписка №4: ожидались поля feed и to, а указана строка 'just text'
          hint: подписка — это «- feed: ...» и под ним с отступом «to: имя канала»
        """),
    # The only subscription naming the channel is refused for its feed: its error is
    # enough, the channel is not reported as unused (B021) on top of it.
    "a refused subscription still names its channel": ("""\
        channels:
          a:
            messenger: telegram
            chat_id: -1001
            token_env: RSO_BRIDGE_TELEGRAM_TOKEN
        subscriptions:
          - feed: {organization: 5, all: true}
            to: a
        """, """\
        bridge.yml:7:11: error[B019]: feed подписки №1: указаны сразу organization и all, а нужно что-то одно
          hint: оставьте одно из url, organization, settlement, all
        """),
    "duplicate key": ("channels:\n  a: 1\n  a: 2\n", """\
        bridge.yml:3:3: error[B003]: поле 'a' повторяется
          hint: у каждого поля должно быть одно значение: уберите лишнее или переименуйте его
        """),
    "tab in indentation": ("channels:\n\tx: 1\n", """\
        bridge.yml:2:1: error[B002]: здесь символ табуляции, а YAML допускает только пробелы
          hint: замените табуляцию пробелами (по два на уровень вложенности)
        """),
    "a telegram channel name without quotes": ("channels:\n  a:\n    chat_id: @vks_salda\n", """\
        bridge.yml:3:14: error[B002]: значение не может начинаться с символа «@»
          hint: возьмите всё значение в кавычки, например chat_id: "@vks_salda"
        """),
    "an unclosed quote": ("site: 'https://x.ru\nchannels: {}\n", """\
        bridge.yml:1:7: error[B002]: кавычка открыта и не закрыта до конца файла
          hint: поставьте такую же закрывающую кавычку в конце значения
        """),
    "a colon inside a value": ("subscriptions:\n  - feed: {organization: a b: c}\n", """\
        bridge.yml:2:29: error[B002]: в фигурных скобках { } пропущена запятая или закрывающая скобка
          hint: пишите так: feed: {organization: vks-verkhnyaya-salda}
        """),
    "a wrong indent": ("channels:\n  a: 1\n b: 2\n", """\
        bridge.yml:3:2: error[B002]: неверный отступ
          hint: поля одного уровня должны начинаться в одном столбце; делайте отступ пробелами, по два на уровень, как в примере из docs/bridge.md
        """),
    "a control character": ("channels: {}\nsubscriptions: [\x07]\n", """\
        bridge.yml:2:17: error[B002]: в файле невидимый служебный символ с кодом 0x07
          hint: удалите его: сотрите эту строку и наберите её заново
        """),
    "empty file": ("", """\
        bridge.yml:1:1: error[B004]: файл настроек пуст
          hint: начните с примера из docs/bridge.md
        """),
    "a list instead of sections": ("- a\n- b\n", """\
        bridge.yml:1:1: error[B004]: в файле ожидались разделы channels и subscriptions, а указан список
          hint: начните с примера из docs/bridge.md
        """),
    "wrong types of sections": ("""\
        channels: [a, b]
        subscriptions:
          feed: x
        """, """\
        bridge.yml:1:11: error[B012]: channels: ожидались описания каналов, а указан список
          hint: каждый канал — имя с двоеточием, а под ним с отступом поля messenger, chat_id и token_env, как в примере из docs/bridge.md
        bridge.yml:3:3: error[B012]: subscriptions: ожидался список подписок, а указаны поля «ключ: значение»
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

# Tokens pasted into the file where names belong: reported, never shown.
TELEGRAM_TOKEN_IN_FILE = "7000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
MAX_TOKEN_IN_FILE = "f9LHodD0cOKd8xWmZqR2vT7uY4iP1aS6dF3gH8jK5lZ0xC"
TOKENS_IN_FILE = f"""\
    channels:
      a:
        messenger: telegram
        chat_id: -1001
        token_env: "{TELEGRAM_TOKEN_IN_FILE}"
      b:
        messenger: max
        chat_id: "{MAX_TOKEN_IN_FILE}"
        token_env: {MAX_TOKEN_IN_FILE}
        token: {MAX_TOKEN_IN_FILE}
    subscriptions:
      - feed: https://x.ru/feed.json
        to: [a, b]
    """
TOKENS_IN_FILE_REPORT = """\
    bridge.yml:5:16: error[B015]: в token_env канала 'a', похоже, вписан сам токен бота, а нужно имя переменной окружения
      hint: уберите токен из файла: впишите его в файл окружения службы строкой RSO_BRIDGE_TELEGRAM_TOKEN=токен, а здесь оставьте token_env: RSO_BRIDGE_TELEGRAM_TOKEN; раз токен побывал в файле, лучше выпустить новый
    bridge.yml:8:14: error[B014]: chat_id канала 'b': ожидалось число, а указана строка (значение скрыто: похоже на токен)
      hint: в Max chat_id — число, например -72000000000000; как его узнать — в docs/bridge.md
    bridge.yml:9:16: error[B015]: в token_env канала 'b', похоже, вписан сам токен бота, а нужно имя переменной окружения
      hint: уберите токен из файла: впишите его в файл окружения службы строкой RSO_BRIDGE_MAX_TOKEN=токен, а здесь оставьте token_env: RSO_BRIDGE_MAX_TOKEN; раз токен побывал в файле, лучше выпустить новый
    bridge.yml:10:5: error[B010]: неизвестное поле 'token' в канале 'b'
      hint: сам токен в файл настроек не пишут: в token_env укажите имя переменной окружения, в которой он лежит
    """


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
          env: dict[str, str] | None = None) -> tuple[object, str]:
    config, problems = load_config(_write(tmp_path, monkeypatch, text),
                                   TOKENS if env is None else env)
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


def test_tokens_written_into_the_file_are_reported_but_never_shown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, report = check(tmp_path, monkeypatch, TOKENS_IN_FILE)
    assert report == textwrap.dedent(TOKENS_IN_FILE_REPORT)
    assert config is None
    assert TELEGRAM_TOKEN_IN_FILE not in report and MAX_TOKEN_IN_FILE not in report
    assert "AAHdqTcv" not in report and "f9LHodD0" not in report


def test_every_diagnostic_tells_what_to_do(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for text, _ in [*CASES.values(), (TOKENS_IN_FILE, "")]:
        _, problems = load_config(_write(tmp_path, monkeypatch, text), TOKENS)
        assert problems and all(problem.hint for problem in problems)
    with pytest.raises(ValueError, match="without a hint"):
        error("bridge.yml", 1, 1, "B012", "что-то не так", "")


def _write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("bridge.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return Path("bridge.yml")


def report_of(path: Path) -> str:
    _, problems = load_config(path, TOKENS)
    return "".join(format_diagnostic(problem) + "\n" for problem in problems)


def test_a_missing_file_is_named_with_its_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert report_of(Path("bridg.yml")) == (
        f"bridg.yml:1:1: error[B001]: файл настроек не найден: в папке {Path.cwd()} "
        "нет файла bridg.yml\n"
        "  hint: проверьте имя файла в команде; пример файла настроек — в docs/bridge.md\n")
    assert report_of(Path("etc/bridge.yml")) == (
        f"etc/bridge.yml:1:1: error[B001]: файл настроек не найден: нет папки "
        f"{Path.cwd() / 'etc'}\n"
        "  hint: проверьте путь к файлу в команде; пример файла настроек — в docs/bridge.md\n")


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    assert report_of(tmp_path) == (
        f"{tmp_path}:1:1: error[B001]: здесь папка, а нужен файл настроек\n"
        "  hint: укажите путь к самому файлу, например /etc/rso-bridge/bridge.yml\n")


def test_a_file_the_bridge_may_not_read(tmp_path: Path) -> None:
    path = tmp_path / "bridge.yml"
    path.write_text("channels: {}\n", encoding="utf-8")
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError as failure:
        refused = failure
    else:  # root reads any file: ask the same of the explanation directly
        refused = PermissionError(errno.EACCES, "Permission denied", str(path))
    explained = explain_read_failure(refused, path)
    user = current_user()
    assert explained.message == (f"нет права читать файл настроек: мост запущен от имени "
                                 f"пользователя {user}, а ему этот файл недоступен")
    assert explained.hint == (f"дайте пользователю {user} право читать файл (и входить в "
                              f"папку {tmp_path}) или запустите мост от имени того, кому файл "
                              "доступен")
    if os.geteuid() != 0:
        assert report_of(path) == (f"{path}:1:1: error[B001]: {explained.message}\n"
                                   f"  hint: {explained.hint}\n")


CP1251_HINT = ("  hint: сохраните файл в кодировке UTF-8 (в Блокноте: «Файл» → «Сохранить как» → "
               "«Кодировка: UTF-8») и проверьте его снова\n")


def test_a_file_saved_in_windows_1251(tmp_path: Path) -> None:
    path = tmp_path / "bridge.yml"
    path.write_bytes(textwrap.dedent(GOOD).replace(
        "channels:", "channels:  # каналы водоканала").encode("cp1251"))
    assert report_of(path) == (
        f"{path}:3:14: error[B005]: файл сохранён не в кодировке UTF-8, а, похоже, "
        "в Windows-1251: с этого места текст не читается\n" + CP1251_HINT)


def test_a_file_saved_in_utf16(tmp_path: Path) -> None:
    path = tmp_path / "bridge.yml"
    path.write_bytes(textwrap.dedent(GOOD).encode("utf-16"))
    assert report_of(path) == (
        f"{path}:1:1: error[B005]: файл сохранён не в кодировке UTF-8, а, похоже, "
        "в UTF-16: с этого места текст не читается\n" + CP1251_HINT)


def test_a_byte_order_mark_is_welcome(tmp_path: Path) -> None:
    path = tmp_path / "bridge.yml"
    path.write_bytes(textwrap.dedent(GOOD).encode("utf-8-sig"))
    assert report_of(path) == ""
