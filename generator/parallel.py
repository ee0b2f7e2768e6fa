"""Two pieces of work at once on a large site: here, and in a forked child."""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Callable
from multiprocessing import get_all_start_methods, get_context

#: Below this many published notices everything runs in one process: forking costs more.
FORK_FROM = 2000


def can_fork() -> bool:
    """Whether a child can start as a copy of this process (Linux), sharing the model."""
    return "fork" in get_all_start_methods()


def alongside(main: Callable[[], None], other: Callable[[], None], *, fork: bool) -> None:
    """Run ``main`` here and ``other`` in a forked child at the same time; an error of
    either is raised here. Without ``fork``, one after the other."""
    if not fork:
        main()
        other()
        return
    context = get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            other()
        except BaseException as failure:
            sender.send(_portable(failure))
        else:
            sender.send(None)

    process = context.Process(target=child, name=getattr(other, "__name__", "alongside"))
    process.start()
    try:
        main()
    except BaseException:
        process.terminate()
        raise
    finally:
        process.join()
    failure = receiver.recv() if receiver.poll() else RuntimeError(
        f"the process {process.name!r} ended with code {process.exitcode}")
    if failure is not None:
        raise failure


def _portable(failure: BaseException) -> BaseException:
    """The failure itself when it can cross to the parent, else its traceback as text."""
    try:
        pickle.dumps(failure)
    except Exception:
        return RuntimeError("".join(traceback.format_exception(failure)))
    return failure
