"""Two pieces of work at once: here and in a forked child, failures reported here."""

from __future__ import annotations

import gc
import time
from multiprocessing import get_all_start_methods
from pathlib import Path

import pytest

from generator.parallel import Handoff, alongside, can_fork, cycle_collection

pytestmark = pytest.mark.skipif("fork" not in get_all_start_methods(),
                                reason="fork is not available here")


def test_both_run_and_the_child_writes_beside_this_process(tmp_path: Path) -> None:
    alongside(lambda: (tmp_path / "main").write_text("here"),
              lambda: (tmp_path / "other").write_text("child"), fork=True)
    assert (tmp_path / "main").read_text() == "here"
    assert (tmp_path / "other").read_text() == "child"


def test_a_failure_of_the_child_is_raised_here() -> None:
    def other() -> None:
        raise ValueError("feeds: broken")

    with pytest.raises(ValueError, match="feeds: broken"):
        alongside(lambda: None, other, fork=True)


def test_a_failure_that_cannot_cross_arrives_as_its_traceback() -> None:
    class Local(Exception):  # defined in a function: pickle cannot find it
        pass

    def other() -> None:
        raise Local("lost?")

    with pytest.raises(RuntimeError, match=r"Local: lost\?"):
        alongside(lambda: None, other, fork=True)


def test_a_failure_here_stops_the_child(tmp_path: Path) -> None:
    def main() -> None:
        raise KeyError("site")

    def other() -> None:
        time.sleep(30)
        (tmp_path / "late").write_text("should not be here")

    started = time.monotonic()
    with pytest.raises(KeyError):
        alongside(main, other, fork=True)
    assert time.monotonic() - started < 10 and not (tmp_path / "late").exists()


def test_without_fork_they_run_one_after_the_other() -> None:
    order: list[str] = []
    alongside(lambda: order.append("main"), lambda: order.append("other"), fork=False)
    assert order == ["main", "other"]


def test_a_large_failure_of_the_child_does_not_hang() -> None:
    def other() -> None:
        raise RuntimeError("x" * 200_000)  # more than a pipe holds

    with pytest.raises(RuntimeError, match="xxxx"):
        alongside(lambda: time.sleep(0.2), other, fork=True)


def test_a_content_error_of_the_child_arrives_whole() -> None:
    from generator.diagnostics import ContentInvalid, error

    def other() -> None:
        raise ContentInvalid([error("a.md", 1, 1, "E001", "плохо", "исправьте")])

    with pytest.raises(ContentInvalid) as raised:
        alongside(lambda: None, other, fork=True)
    assert [d.message for d in raised.value.diagnostics] == ["плохо"]


def test_a_failure_here_stops_the_childs_own_children(tmp_path: Path) -> None:
    import subprocess
    import sys

    marker = tmp_path / "grandchild"

    def other() -> None:
        subprocess.run([sys.executable, "-c", "import time, pathlib, sys; time.sleep(3); "
                        f"pathlib.Path({str(marker)!r}).write_text('late')"], check=False)

    def main() -> None:
        time.sleep(0.5)
        raise KeyError("site")

    with pytest.raises(KeyError):
        alongside(main, other, fork=True)
    time.sleep(4)
    assert not marker.exists()


def test_no_fork_while_other_threads_run() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()


def test_a_handoff_crosses_to_the_child_however_large(tmp_path: Path) -> None:
    value = {"cards": ["x" * 100 for _ in range(20_000)]}  # 2 MB: far more than a pipe holds
    handoff: Handoff[dict[str, list[str]]] = Handoff(tmp_path / "value.pickle", fork=True)
    given_at: list[float] = []

    def main() -> None:
        handoff.give(value)
        given_at.append(time.monotonic())

    def other() -> None:
        time.sleep(1)  # work that needs no value: the giver must not wait for it
        (tmp_path / "taking").write_text(repr(time.monotonic()))
        (tmp_path / "taken").write_text(str(handoff.take() == value))

    alongside(main, other, fork=True)
    assert given_at[0] < float((tmp_path / "taking").read_text())  # one clock for both
    assert (tmp_path / "taken").read_text() == "True"


def test_a_child_waiting_for_a_handoff_never_given_is_told(tmp_path: Path) -> None:
    handoff: Handoff[int] = Handoff(tmp_path / "value.pickle", fork=True)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="without giving"):
        alongside(handoff.close, handoff.take, fork=True)
    assert time.monotonic() - started < 20


def test_a_handoff_without_fork_gives_in_order(tmp_path: Path) -> None:
    handoff: Handoff[int] = Handoff(tmp_path / "value.pickle", fork=False)
    taken: list[int] = []
    alongside(lambda: handoff.give(7), lambda: taken.append(handoff.take()), fork=False)
    assert taken == [7] and not (tmp_path / "value.pickle").exists()


def test_a_child_waiting_for_a_handoff_is_stopped_when_this_process_fails(
        tmp_path: Path) -> None:
    handoff: Handoff[int] = Handoff(tmp_path / "value.pickle", fork=True)

    def main() -> None:
        time.sleep(0.3)
        raise KeyError("images")

    def other() -> None:
        (tmp_path / "late").write_text(str(handoff.take()))

    with pytest.raises(KeyError):
        alongside(main, other, fork=True)
    assert not (tmp_path / "late").exists()


@pytest.mark.parametrize("before", [True, False])
@pytest.mark.parametrize("during", [True, False])
def test_cycle_collection_is_set_for_the_block_and_restored(before: bool, during: bool) -> None:
    (gc.enable if before else gc.disable)()
    try:
        with cycle_collection(during):
            assert gc.isenabled() is during
        assert gc.isenabled() is before
        with pytest.raises(KeyError), cycle_collection(during):
            raise KeyError("a failure inside")
        assert gc.isenabled() is before
    finally:
        gc.enable()
