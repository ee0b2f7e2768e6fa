"""The bridge as the service runs it: a real process, killed, stopped, restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .conftest import ENV, MAX_CHAT, MAX_TOKEN, TELEGRAM_CHAT, TELEGRAM_TOKEN, World
from .fakes import too_many_requests_max

REPOSITORY = Path(__file__).resolve().parents[2]


def bridge_process(config: Path, *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.bridge", "run", str(config), *arguments],
        cwd=REPOSITORY, env={**os.environ, **ENV}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen[str], timeout: float = 30) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=timeout)
    assert MAX_TOKEN not in stderr and TELEGRAM_TOKEN not in stderr
    return process.returncode, stderr


def wait_for(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def first_lines(texts: list[str]) -> list[str]:
    return [text.splitlines()[0] for text in texts]


def test_killed_between_sending_and_recording_doubles_at_most_that_one_post(
        world: World) -> None:
    config = world.write_config()
    assert finish(bridge_process(config, "--once"))[0] == 0  # subscribes; Nikitino is old
    world.publish("resolved")  # the Lenina emergency and its three updates

    process = bridge_process(config, "--once")
    arrived: list[dict[str, Any]] = []

    def kill_on_second(message: dict[str, Any]) -> None:
        arrived.append(message)
        if len(arrived) == 2:  # Max has stored it; the bridge never hears back
            os.kill(process.pid, signal.SIGKILL)

    world.max.on_message = kill_on_second
    assert finish(process)[0] == -signal.SIGKILL
    world.max.on_message = None

    code, stderr = finish(bridge_process(config, "--once"))
    assert code == 0
    assert "возможен один дубль" in stderr
    titles = world.titles("resolved", 1, 2, 3, 4)
    assert first_lines(world.max.texts(MAX_CHAT)) == [titles[0], titles[1], *titles[1:]]
    assert first_lines(world.telegram.texts(TELEGRAM_CHAT)) == titles

    code, stderr = finish(bridge_process(config, "--once"))  # and nothing more, ever
    assert code == 0 and len(world.max.messages) == 5 and len(world.telegram.messages) == 4


def test_sigterm_stops_the_service_cleanly_even_while_it_waits_on_a_429(world: World) -> None:
    config = world.write_config()
    assert finish(bridge_process(config, "--once"))[0] == 0
    world.publish("published")
    world.max.script(too_many_requests_max(60))
    process = bridge_process(config)
    wait_for(lambda: len(world.telegram.messages) == 1
             and bool(world.max.statuses("/messages")))
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code, stderr = finish(process, timeout=15)
    assert code == 0 and time.monotonic() - started < 10
    assert "остановлен по сигналу" in stderr
    assert world.max.messages == []  # still owed, and kept:
    assert finish(bridge_process(config, "--once"))[0] == 0
    assert first_lines(world.max.texts(MAX_CHAT)) == world.titles("published", 1)


def test_the_long_running_mode_polls_again_and_posts_what_appears(world: World) -> None:
    config = world.write_config()
    process = bridge_process(config)  # poll_interval: 1
    wait_for(lambda: len(world.site.statuses("feed.json")) >= 1)
    world.publish("published")  # the Lenina emergency
    wait_for(lambda: len(world.max.messages) == 1 and len(world.telegram.messages) == 1)
    world.publish("resolved")
    wait_for(lambda: len(world.telegram.edits) == 1)
    wait_for(lambda: 304 in world.site.statuses("feed.json"))  # a quiet poll
    process.send_signal(signal.SIGTERM)
    assert finish(process)[0] == 0
    assert first_lines(world.telegram.texts(TELEGRAM_CHAT)) == world.titles("resolved")[1:]
    assert world.telegram.texts(TELEGRAM_CHAT)[0].splitlines()[1] == \
        "Статус (обновлено): устранено"
