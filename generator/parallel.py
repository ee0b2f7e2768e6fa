"""Two pieces of work at once on a large site: here, and in a forked child."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Generic, TypeVar, cast

T = TypeVar("T")

#: Below this many published notices everything runs in one process: forking costs more.
FORK_FROM = 2000


def can_fork() -> bool:
    """Whether a child can start as a copy of this process (Linux), sharing the model.

    Not while other threads run (``notices serve``): one of them may hold a lock
    the child would inherit held.
    """
    return "fork" in get_all_start_methods() and threading.active_count() == 1


def alongside(main: Callable[[], None], other: Callable[[], None], *, fork: bool) -> None:
    """Run ``main`` here and ``other`` in a forked child at the same time; an error of
    either is raised here. Without ``fork``, one after the other.

    The child leads a process group of its own, so that when ``main`` fails, or this
    process is interrupted while it waits, the child's own children (Pagefind, worker
    processes) are stopped with it.

    Objects alive at the fork are frozen for the garbage collector
    (:func:`gc.freeze`): a collection in either process would otherwise write to every
    one of them and so copy the memory the two share.
    """
    if not fork:
        main()
        other()
        return
    context = get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        os.setpgid(0, 0)
        try:
            other()
        except BaseException as failure:
            sender.send(_portable(failure))
        else:
            sender.send(None)

    process = context.Process(target=child, name=getattr(other, "__name__", "alongside"))
    with _frozen():
        process.start()
        sender.close()  # the child's copy stays open: reading ends when the child has written
        try:
            main()
            try:
                failure = receiver.recv()  # before join: a large failure would fill the pipe
            except EOFError:
                failure = None
            process.join()
        except BaseException:
            _stop(process.pid)
            process.join()
            raise
    if failure is None and process.exitcode != 0:
        failure = RuntimeError(f"the process {process.name!r} ended with code "
                               f"{process.exitcode}")
    if failure is not None:
        raise failure


@contextlib.contextmanager
def cycle_collection(enabled: bool) -> Iterator[None]:
    """Python's cyclic garbage collector on or off for the duration, then as it was.

    Off for work whose objects either live on (the model, the pages) or are freed by their
    reference counts: a collection there only walks the growing heap again. In a warm
    10,000-notice build the page process and the feeds process spent 0.9 s and 0.2 s of
    CPU in the collector and it found 736 and 1,748 objects to free. On for a library that
    leaves cycles behind: MkDocs' process freed 264,242 objects in the same build.
    A forked child inherits the setting. The setting is the whole process's: blocks that
    overlap in two threads would restore each other's state (builds run one at a time,
    ``notices serve`` included).
    """
    was_enabled = gc.isenabled()
    _set_collection(enabled)
    try:
        yield
    finally:
        _set_collection(was_enabled)


def _set_collection(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()


_freezes = 0  # alongside() calls under way in this process (they nest)


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """Objects alive now, out of the garbage collector's reach until the outermost
    :func:`alongside` of this process is done."""
    global _freezes
    gc.freeze()
    _freezes += 1
    try:
        yield
    finally:
        _freezes -= 1
        if _freezes == 0:
            gc.unfreeze()


class Handoff(Generic[T]):
    """One value that ``main`` of :func:`alongside` gives to ``other`` while both run:
    ``other`` first does what does not need it, then takes it (waiting if need be).

    Made before :func:`alongside`, with the same ``fork``. To a forked child the value
    goes as a pickle in the file ``path``, and the pipe only says that it is there: a
    pipe holds 64 KB, so sending a large value through it would stop the giver until
    the taker reads. Without ``fork``, ``main`` has run when ``other`` takes.
    """

    def __init__(self, path: Path, *, fork: bool) -> None:
        self._path = path
        self._given: list[T] = []
        self._pipe = get_context("fork").Pipe(duplex=False) if fork else None

    def give(self, value: T) -> None:
        if self._pipe is None:
            self._given.append(value)
            return
        temporary = self._path.with_name(self._path.name + ".tmp")
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(self._path)
        self._pipe[1].send(True)
        self.close()

    def close(self) -> None:
        """Nothing more will be given: a taker still waiting is told so (``take`` raises)
        instead of waiting for ever. Called by the giver once it is done, given or not."""
        if self._pipe is not None:
            self._pipe[1].close()

    def take(self) -> T:
        if not self._given and self._pipe is not None:
            receiver, sender = self._pipe
            sender.close()  # the child's copy: if the giver ends without giving, recv says so
            try:
                receiver.recv()
            except EOFError:
                raise RuntimeError("the main process ended without giving the value") from None
            self._given.append(cast(T, pickle.loads(self._path.read_bytes())))
        if not self._given:
            raise RuntimeError("Handoff.take before give")
        return self._given[0]


def _stop(pid: int | None) -> None:
    """Stop the child and everything it started."""
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def _portable(failure: BaseException) -> BaseException:
    """The failure itself when it crosses to the parent intact, else its traceback as text."""
    try:
        pickle.loads(pickle.dumps(failure))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(failure)))
    return failure
