"""``bridge check``, ``check --online``, ``status`` and ``run`` as a person types them."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.bridge.cli import _lock, main

from .conftest import ENV, FEED, MAX_TOKEN, TELEGRAM_TOKEN, World


@pytest.fixture(autouse=True)
def tokens(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    yield
    logging.getLogger().handlers.clear()  # `run` installs its redacting handler


def test_check_accepts_a_good_file(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    config = world.write_config()
    assert main(["check", str(config)]) == 0
    assert capsys.readouterr().out == f"{config}: в порядке — каналов 2, подписок 2\n"


def test_check_refuses_a_bad_file(world: World, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RSO_BRIDGE_MAX_TOKEN")
    config = world.write_config()
    assert main(["check", str(config)]) == 1
    assert capsys.readouterr().out.startswith(
        f"{config}:8:16: error[B016]: переменная окружения RSO_BRIDGE_MAX_TOKEN не задана")


def test_check_online_finds_everything_in_order(world: World,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--online", str(world.write_config())]) == 0
    assert capsys.readouterr().out.endswith("подписок 2, всё доступно\n")


def test_check_online_reports_what_the_world_disagrees_with(
        world: World, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RSO_BRIDGE_MAX_TOKEN", "revoked-token-0000")
    text = world.default_config().replace("vks-verkhnyaya-salda", "vks-verhnyaya-salda")
    text = text.replace("chat_id: -1001234567890", "chat_id: -1009999999999")
    config = world.write_config(text)
    assert main(["check", "--online", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{config}:5:3: error[B033]: канал salda-max (max -72000000000123): "
                      "Max не принял токен (HTTP 401 verify.token: Invalid access_token)")
    assert out[1] == "  hint: проверьте токен в переменной RSO_BRIDGE_MAX_TOKEN"
    assert out[2].startswith(f"{config}:10:3: error[B034]: канал salda-telegram "
                             "(telegram -1009999999999): бот rso_notices_bot не видит чат")
    assert out[4] == (f"{config}:16:11: error[B030]: лента организации vks-verhnyaya-salda: "
                      f"такой ленты нет в {world.base_url}feeds/index.json")
    assert out[5] == "  hint: может быть, 'vks-verkhnyaya-salda'?"
    assert "revoked-token-0000" not in "\n".join(out)


def test_status_tells_health_after_a_run(world: World,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    config = world.write_config()
    assert main(["status", str(config)]) == 1
    assert "мост ещё не запускался" in capsys.readouterr().out
    world.publish("published")
    assert main(["run", "--once", "--backfill", "1", str(config)]) == 0
    assert main(["status", str(config)]) == 0
    out = capsys.readouterr().out
    assert "канал salda-max (max -72000000000123): отправлено 1, ждут 0, не приняты 0" in out
    assert out.endswith("итог: в порядке\n")
    assert main(["status", "--max-age", "0", str(config)]) == 1  # every answer is "too old"


def test_a_stopped_channel_makes_the_bridge_unhealthy(
        world: World, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    config = world.write_config()
    main(["run", "--once", str(config)])
    world.publish("published")
    monkeypatch.setenv("RSO_BRIDGE_TELEGRAM_TOKEN", "revoked-token-0000")
    assert main(["run", "--once", str(config)]) == 1
    monkeypatch.delenv("RSO_BRIDGE_TELEGRAM_TOKEN")  # status needs no tokens
    assert main(["status", str(config)]) == 1
    out = capsys.readouterr().out
    assert "ОСТАНОВЛЕН" in out and "Telegram не принял токен (401 Unauthorized)" in out


def test_a_second_bridge_on_the_same_state_refuses_to_start(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    config = world.write_config()
    held = _lock(Path(world.root / "state.sqlite3"))
    assert held is not None
    try:
        assert main(["run", "--once", str(config)]) == 1
        assert "другой экземпляр моста уже работает" in capsys.readouterr().err
    finally:
        held.close()
    assert main(["run", "--once", str(config)]) == 0


def test_the_commands_are_reachable_through_notices(world: World,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main as notices

    config = world.write_config()
    assert notices(["bridge", "check", str(config)]) == 0
    assert "в порядке" in capsys.readouterr().out
    assert notices(["bridge"]) == 2


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_check_online_tells_network_trouble_in_plain_words(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    config = world.write_config(world.default_config().replace(world.max.url, dead))
    world.site.stop()
    assert main(["check", "--online", str(config)]) == 1
    refused = "127.0.0.1 отказал в соединении: на этом адресе никто не принимает запросы"
    assert capsys.readouterr().out == (
        f"{config}:1:1: error[B031]: {world.base_url}feeds/index.json: {refused}\n"
        "  hint: проверьте адрес site и что сайт открывается\n"
        f"{config}:5:3: error[B035]: канал salda-max (max -72000000000123): нет ответа: "
        f"{refused}\n"
        "  hint: проверьте доступ в интернет с этого компьютера и повторите проверку позже; "
        "если задан api_url, проверьте его\n")


def test_check_online_tells_a_broken_feed_in_plain_words(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    config = world.write_config()
    world.feed_file.write_bytes(b"{\"version\": oops}")
    assert main(["check", "--online", str(config)]) == 1
    assert capsys.readouterr().out == (
        f"{config}:16:11: error[B032]: {world.base_url}{FEED}: документ не в формате JSON: "
        "ошибка в строке 1, столбце 13\n"
        "  hint: нужна лента JSON Feed (feed.json), не RSS и не страница\n")


def test_no_output_of_check_shows_a_token(world: World, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokens come from the environment; every report of a check leaves them out."""
    dead = f"http://127.0.0.1:{_closed_port()}"
    config = world.write_config(world.default_config().replace(world.telegram.url, dead))
    main(["check", "--online", str(config)])  # Telegram puts the token in the request path
    monkeypatch.setenv("RSO_BRIDGE_MAX_TOKEN", "revoked-token-0000")
    main(["check", "--online", str(config)])
    pasted = world.default_config().replace("token_env: RSO_BRIDGE_TELEGRAM_TOKEN",
                                            f'token_env: "{TELEGRAM_TOKEN}"')
    main(["check", str(world.write_config(pasted))])
    out, err = capsys.readouterr()
    assert "B035" in out and "B033" in out and "B015" in out
    for token in (MAX_TOKEN, TELEGRAM_TOKEN, "revoked-token-0000", TELEGRAM_TOKEN[8:]):
        assert token not in out + err


def test_a_state_file_of_something_else_is_refused_in_plain_words(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    config = world.write_config()
    (world.root / "state.sqlite3").write_text("мой список дел\n", encoding="utf-8")
    expected = (f"файл {world.root / 'state.sqlite3'} — не база состояния моста\n"
                "  hint: укажите в поле state другой файл: этот, видимо, нужен чему-то ещё\n")
    assert main(["run", "--once", str(config)]) == 1
    assert capsys.readouterr().err == expected
    assert main(["status", str(config)]) == 1
    assert capsys.readouterr().err == expected


def test_a_state_path_through_a_file_is_refused_in_plain_words(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    (world.root / "lib").write_text("", encoding="utf-8")
    config = world.write_config(world.default_config().replace(
        "state: state.sqlite3", "state: lib/state.sqlite3"))
    assert main(["run", "--once", str(config)]) == 1
    assert capsys.readouterr().err == (
        f"базу состояния {world.root / 'lib' / 'state.sqlite3'} не удаётся создать: на пути "
        "к ней вместо папки лежит файл\n"
        "  hint: укажите в поле state путь в существующей папке, например "
        "/var/lib/rso-bridge/state.sqlite3\n")
