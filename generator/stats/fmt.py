"""Numbers as residents read them: Russian decimal comma, hours, shares."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ..times import MONTHS_GENITIVE, MONTHS_NOMINATIVE


def number(value: float, digits: int = 1) -> str:
    """'3,5', '12', '0,3' — a Russian decimal comma, no trailing ',0'."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    text = text or "0"
    return "0" if text == "-0" else text.replace(".", ",")


def hours(value: float | None) -> str:
    """'3,5 ч'; long spans also in days: '340 ч (14,2 сут)'; '—' when there is no value."""
    if value is None:
        return "—"
    if abs(value) >= 48:
        return f"{number(value, 0)} ч ({number(value / 24)} сут)"
    return f"{number(value)} ч"


def share(count: int, of: int) -> str:
    """'25 % (3 из 12)'; '—' when there is nothing to divide."""
    if not of:
        return "—"
    return f"{number(100 * count / of, 0)} % ({count} из {of})"


def month_name(moment: datetime, tz: ZoneInfo) -> str:
    """'ноябрь 2026' for the local month of a moment."""
    local = moment.astimezone(tz)
    return f"{MONTHS_NOMINATIVE[local.month - 1]} {local.year}"


def day(moment: datetime, tz: ZoneInfo) -> str:
    """'23 ноября 2026'."""
    local = moment.astimezone(tz)
    return f"{local.day} {MONTHS_GENITIVE[local.month - 1]} {local.year}"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
