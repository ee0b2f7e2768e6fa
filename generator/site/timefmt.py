"""Times as residents read them: «22 ноября 2026, 09:15 (Екатеринбург, UTC+5)».

Every time is shown in the organization's zone, and the zone is named once
per phrase. Nothing here reads the clock or the process's locale.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)

#: Russian names of the zones used in Russia; other zones show their IANA city.
ZONE_NAMES: dict[str, str] = {
    "Europe/Kaliningrad": "Калининград",
    "Europe/Moscow": "Москва",
    "Europe/Simferopol": "Симферополь",
    "Europe/Kirov": "Киров",
    "Europe/Volgograd": "Волгоград",
    "Europe/Astrakhan": "Астрахань",
    "Europe/Saratov": "Саратов",
    "Europe/Ulyanovsk": "Ульяновск",
    "Europe/Samara": "Самара",
    "Asia/Yekaterinburg": "Екатеринбург",
    "Asia/Omsk": "Омск",
    "Asia/Novosibirsk": "Новосибирск",
    "Asia/Barnaul": "Барнаул",
    "Asia/Tomsk": "Томск",
    "Asia/Novokuznetsk": "Новокузнецк",
    "Asia/Krasnoyarsk": "Красноярск",
    "Asia/Irkutsk": "Иркутск",
    "Asia/Chita": "Чита",
    "Asia/Yakutsk": "Якутск",
    "Asia/Khandyga": "Хандыга",
    "Asia/Vladivostok": "Владивосток",
    "Asia/Ust-Nera": "Усть-Нера",
    "Asia/Magadan": "Магадан",
    "Asia/Sakhalin": "Сахалин",
    "Asia/Srednekolymsk": "Среднеколымск",
    "Asia/Kamchatka": "Камчатка",
    "Asia/Anadyr": "Анадырь",
    "UTC": "UTC",
}


def zone_label(moment: datetime, timezone: str) -> str:
    """«Екатеринбург, UTC+5» for a moment in a zone."""
    city = ZONE_NAMES.get(timezone, timezone.rsplit("/", 1)[-1].replace("_", " "))
    offset = utc_offset(moment.utcoffset() or timedelta(0))
    return offset if city == "UTC" else f"{city}, {offset}"


def utc_offset(offset: timedelta) -> str:
    """«UTC+5», «UTC+5:30», «UTC−3», «UTC»."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def date_text(moment: datetime) -> str:
    """«22 ноября 2026» for an already local moment."""
    return f"{moment.day} {MONTHS_GENITIVE[moment.month - 1]} {moment.year}"


def clock_text(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def moment_text(moment: datetime, timezone: str) -> str:
    """«22 ноября 2026, 09:15 (Екатеринбург, UTC+5)»."""
    here = local(moment, timezone)
    return f"{date_text(here)}, {clock_text(here)} ({zone_label(here, timezone)})"


def bare_moment_text(moment: datetime, timezone: str) -> str:
    """«22 ноября 2026, 09:15», the zone left to the surrounding phrase."""
    here = local(moment, timezone)
    return f"{date_text(here)}, {clock_text(here)}"


def span_text(start: datetime | None, end: datetime | None, timezone: str) -> str:
    """A period in one phrase with the zone named once.

    «22 ноября 2026, 09:15 — 18:00 (Екатеринбург, UTC+5)» within a day,
    «с 22 ноября 2026, 09:15 (…), окончание не объявлено» without an end.
    """
    if start is None and end is None:
        return "сроки не объявлены"
    if start is None:
        assert end is not None
        return f"до {moment_text(end, timezone)}"
    first = local(start, timezone)
    zone = zone_label(first, timezone)
    if end is None:
        return f"с {date_text(first)}, {clock_text(first)} ({zone}), окончание не объявлено"
    last = local(end, timezone)
    if last.date() == first.date():
        tail = clock_text(last)
    else:
        tail = f"{date_text(last)}, {clock_text(last)}"
    return f"{date_text(first)}, {clock_text(first)} — {tail} ({zone})"


def month_title(year: int, month: int) -> str:
    """«Ноябрь 2026»."""
    return f"{MONTHS_NOMINATIVE[month - 1].capitalize()} {year}"


def iso(moment: datetime) -> str:
    """ISO 8601 with the offset, to the second: what the page's script reads."""
    return moment.isoformat(timespec="seconds")
