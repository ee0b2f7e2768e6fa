"""Times as staff write them, and as residents read them: «22 ноября 2026, 09:15
(Екатеринбург, UTC+5)». The one place where times are formatted."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*"
                   r"(Z|[+-]\d{2}:?\d{2})?$")

TIME_HINT = ("пишите местное время в виде 2026-11-22 09:40 "
             "или время со смещением: 2026-11-22T09:40+05:00")

class TimeFormatError(ValueError):
    pass


def parse_time(text: str, tz: ZoneInfo) -> datetime:
    """Local wall time in ``tz``, or ISO 8601 with an explicit offset; always aware."""
    match = _TIME.match(text.strip())
    if match is None:
        raise TimeFormatError(f"«{text}» не похоже на дату и время")
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        naive = datetime(int(year), int(month), int(day), int(hour), int(minute),
                         int(second or 0))
    except ValueError as exc:
        raise TimeFormatError(f"«{text}»: такой даты или времени не бывает") from exc
    if offset is None:
        return naive.replace(tzinfo=tz)
    return datetime.fromisoformat(naive.isoformat() + ("+00:00" if offset == "Z" else offset))


def parse_now(text: str | None) -> datetime:
    """``--now``: ISO 8601 with an explicit offset; the clock when absent."""
    if text is None:
        from datetime import UTC

        return datetime.now(UTC).replace(microsecond=0)
    match = _TIME.match(text.strip())
    if match is not None and match.group(7) is None:
        raise TimeFormatError(f"«{text}»: укажите смещение от UTC, иначе время неоднозначно")
    return parse_time(text, ZoneInfo("UTC"))


# -- as residents read them ------------------------------------------------------------
#
# Every time is shown in the organization's zone, and the zone is named once per phrase.
# Nothing here reads the clock or the process's locale.

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


Zone = str | ZoneInfo  # an IANA name or the zone itself


def zone_label(moment: datetime, timezone: Zone) -> str:
    """«Екатеринбург, UTC+5» for a moment in a zone."""
    name = timezone.key if isinstance(timezone, ZoneInfo) else timezone
    city = ZONE_NAMES.get(name, name.rsplit("/", 1)[-1].replace("_", " "))
    moment = local(moment, timezone)
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


def local(moment: datetime, timezone: Zone) -> datetime:
    return moment.astimezone(timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone))


def date_text(moment: datetime) -> str:
    """«22 ноября 2026» for an already local moment."""
    return f"{moment.day} {MONTHS_GENITIVE[moment.month - 1]} {moment.year}"


def clock_text(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def moment_text(moment: datetime, timezone: Zone) -> str:
    """«22 ноября 2026, 09:15 (Екатеринбург, UTC+5)»."""
    here = local(moment, timezone)
    return f"{date_text(here)}, {clock_text(here)} ({zone_label(here, timezone)})"


def bare_moment_text(moment: datetime, timezone: Zone) -> str:
    """«22 ноября 2026, 09:15», the zone left to the surrounding phrase."""
    here = local(moment, timezone)
    return f"{date_text(here)}, {clock_text(here)}"


def span_text(start: datetime | None, end: datetime | None, timezone: Zone) -> str:
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
