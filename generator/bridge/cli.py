"""``notices bridge ...``: each command a few lines that wire the bridge's parts together.

Wiring from generator/cli.py::

    from generator.bridge import cli as bridge_cli
    bridge_cli.add_parser(subparsers)
    ...
    return args.handler(args)   # every bridge command sets handler, returning the exit code

Exit codes: 0 all well; 1 a problem a person must look at (bad configuration,
feed or channel trouble after ``--once``, unhealthy ``status``); 2 misuse.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import IO

import httpx

from .config import BridgeConfig, load_config
from .diagnostics import format_diagnostic
from .explain import explain_state_failure
from .health import health_report
from .logs import setup_logging
from .online import check_online
from .runner import Bridge, RealClock, Timing
from .state import Store

USER_AGENT = "rso-notices-bridge/0.1"


DESCRIPTION = ("Мост читает ленты сайта и публикует новые записи в каналы Max и Telegram. "
               "Настройки — в одном YAML-файле, токены — в переменных окружения. "
               "Подробно: docs/bridge.md.")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``bridge check|run|status``; every command sets ``handler(args) -> exit code``."""
    bridge = subparsers.add_parser("bridge", help="перепостинг лент в каналы Max и Telegram",
                                   description=DESCRIPTION)
    add_commands(bridge)


def add_commands(bridge: argparse.ArgumentParser) -> None:
    bridge.set_defaults(handler=lambda args: _usage(bridge))
    commands = bridge.add_subparsers(dest="bridge_command", metavar="КОМАНДА")

    check = commands.add_parser(
        "check", help="проверить файл настроек",
        description="Проверяет файл настроек и сообщает все ошибки в виде "
                    "файл:строка:столбец: error[B0xx]: что не так, со строкой hint: как исправить.")
    check.add_argument("config", type=Path, metavar="CONFIG", help="файл настроек моста (YAML)")
    check.add_argument("--online", action="store_true",
                       help="ещё и обратиться к сайту и мессенджерам: открываются ли ленты, "
                            "принимают ли токены, видит ли бот свои каналы (ничего не публикует)")
    check.set_defaults(handler=run_check)

    run = commands.add_parser(
        "run", help="запустить мост",
        description="Опрашивает ленты и публикует новые записи, старые первыми. Без --once "
                    "работает, пока не получит SIGTERM или Ctrl+C.")
    run.add_argument("config", type=Path, metavar="CONFIG", help="файл настроек моста (YAML)")
    run.add_argument("--once", action="store_true",
                     help="один опрос и выход (для cron); код выхода 1, если что-то не удалось")
    run.add_argument("--backfill", type=_count, default=None, metavar="N",
                     help="при первом запуске подписки опубликовать ещё N последних записей, "
                          "появившихся до подписки")
    run.add_argument("--verbose", "-v", action="store_true", help="подробный журнал")
    run.set_defaults(handler=run_bridge)

    status = commands.add_parser(
        "status", help="проверка здоровья по базе состояния",
        description="Показывает, когда каждая лента последний раз отвечала, сколько записей "
                    "отправлено и ждёт, какие каналы остановлены. Код выхода 1, если мост "
                    "нездоров: лента не отвечала дольше --max-age или канал остановлен.")
    status.add_argument("config", type=Path, metavar="CONFIG", help="файл настроек моста (YAML)")
    status.add_argument("--max-age", type=float, default=None, metavar="СЕКУНДЫ",
                        help="сколько лента может молчать (по умолчанию три интервала опроса)")
    status.set_defaults(handler=run_status)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("ожидалось число не меньше 0")
    return value


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _load(path: Path, env: Mapping[str, str], out: IO[str]) -> BridgeConfig | None:
    config, problems = load_config(path, env)
    for problem in problems:
        print(format_diagnostic(problem), file=out)
    return config


def _http() -> httpx.Client:
    return httpx.Client(timeout=Timing().http_timeout, follow_redirects=True,
                        headers={"User-Agent": USER_AGENT})


def run_check(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    config = _load(args.config, env, sys.stdout)
    if config is None:
        return 1
    if args.online:
        with _http() as http:
            problems = check_online(config, http, env)
        for problem in problems:
            print(format_diagnostic(problem))
        if problems:
            return 1
    print(f"{args.config}: в порядке — каналов {len(config.channels)}, "
          f"подписок {len(config.routes)}" + (", всё доступно" if args.online else ""))
    return 0


def run_bridge(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    config = _load(args.config, env, sys.stderr)
    if config is None:
        return 1
    setup_logging([env[channel.token_env] for channel in config.channels], args.verbose)
    try:
        lock = _lock(config.state_path)
    except OSError as failure:
        return _state_trouble(failure, config.state_path)
    if lock is None:
        print(f"другой экземпляр моста уже работает с {config.state_path}", file=sys.stderr)
        return 1
    stop = threading.Event()
    try:
        store = Store.open(config.state_path)
    except (OSError, sqlite3.Error) as failure:
        lock.close()
        return _state_trouble(failure, config.state_path)
    try:
        with _http() as http:
            bridge = Bridge(config, store, http, env, RealClock(stop))
            if args.once:
                report = bridge.run_cycle(args.backfill)
                print(f"опрос завершён: {report.summary()}", file=sys.stderr)
                return 0 if report.ok else 1
            _stop_on_signals(stop)
            bridge.run_forever(args.backfill)
            return 0
    finally:
        store.close()
        lock.close()


def run_status(args: argparse.Namespace) -> int:
    config, problems = load_config(args.config, require_tokens=False)
    for problem in problems:
        print(format_diagnostic(problem), file=sys.stderr)
    if config is None:
        return 1
    store = None
    try:
        store = Store.open_existing(config.state_path)
        report = health_report(config, store, RealClock().now(), args.max_age)
    except (OSError, sqlite3.Error) as failure:
        return _state_trouble(failure, config.state_path)
    finally:
        if store is not None:
            store.close()
    print("\n".join(report.lines))
    return 0 if report.healthy else 1


def _state_trouble(failure: OSError | sqlite3.Error, path: Path) -> int:
    explained = explain_state_failure(failure, path)
    print(f"{explained.message}\n  hint: {explained.hint}", file=sys.stderr)
    return 1


def _lock(state_path: Path) -> IO[str] | None:
    state_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(state_path.with_name(state_path.name + ".lock"), "w")  # noqa: SIM115
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _stop_on_signals(stop: threading.Event) -> None:
    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bridge", description=DESCRIPTION)
    add_commands(parser)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    result: int = args.handler(args)
    return result
