"""Status badges that carry their own times, so the page's script can re-derive them.

Each badge shows the status as of the build (what a reader without JavaScript
sees) and carries, in ``data-`` attributes, everything ``Notice.status_at``
needs: the type, the start and end in force, when it was resolved or
cancelled, and every revision of the start or end with the time it was made.
``assets/notices.js`` applies the same six rules at the reader's clock.
"""

from __future__ import annotations

from datetime import datetime

from ..model import Notice, Status
from ..times import iso
from ..vocabulary import STATUSES
from .text import attr, json_attr

#: Statuses that still concern residents: shown first and in house lookups.
CURRENT: frozenset[Status] = frozenset({"active", "overdue", "upcoming"})
FINISHED: frozenset[Status] = frozenset({"resolved", "completed", "cancelled"})


def badge(notice: Notice, now: datetime, *, always_live: bool = False) -> str:
    """``<span class="rso-status rso-status--active" data-…>действует</span>``.

    A status that time alone cannot change any more (resolved, cancelled, past
    its end) is printed without the data for the script, unless ``always_live``
    (the notice's own page carries it always).
    """
    status = notice.status_at(now)
    live = always_live or may_change(notice, now)
    data = f" data-rso-status{status_data(notice)}" if live else ""
    return f'<span class="rso-status rso-status--{status}"{data}>{STATUSES[status]}</span>'


def may_change(notice: Notice, now: datetime) -> bool:
    """Whether the status at a later moment may differ from the status at ``now``."""
    if any(update.at > now for update in notice.updates):
        return True
    status = notice.status_at(now)
    return status == "upcoming" or (status == "active" and notice.current_end is not None)


def status_data(notice: Notice) -> str:
    """The ``data-`` attributes the script reads (each with a leading space)."""
    parts = []
    for name, value in status_json(notice).items():
        text = json_attr(value) if name == "revisions" else attr(str(value))
        parts.append(f' data-{name}="{text}"')
    return "".join(parts)


def status_json(notice: Notice) -> dict[str, object]:
    """Type, first announced start and end, closing times and revisions, for the script."""
    data: dict[str, object] = {"type": notice.type}
    if notice.start is not None:
        data["start"] = iso(notice.start)
    if notice.end is not None:
        data["end"] = iso(notice.end)
    for update in notice.updates:
        if update.status is not None:
            data[update.status] = iso(update.at)
    revisions = revisions_json(notice)
    if revisions:
        data["revisions"] = revisions
    return data


def revisions_json(notice: Notice) -> list[dict[str, str]]:
    """Updates that revised the start or end: ``{"at", "start"?, "end"?}`` in order."""
    revisions: list[dict[str, str]] = []
    for update in notice.updates:
        if update.start is None and update.end is None:
            continue
        item = {"at": iso(update.at)}
        if update.start is not None:
            item["start"] = iso(update.start)
        if update.end is not None:
            item["end"] = iso(update.end)
        revisions.append(item)
    return revisions
