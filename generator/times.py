"""Times as staff write them, and as residents read them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*"
                   r"(Z|[+-]\d{2}:?\d{2})?$")

TIME_HINT = ("пишите местное время в виде 2026-11-22 09:40 "
             "или время со смещением: 2026-11-22T09:40+05:00")

#: City names for the zones of Russia, for "09:15 (Екатеринбург, UTC+5)".
ZONE_CITIES: dict[str, str] = {
    "Europe/Kaliningrad": "Калининград", "Europe/Moscow": "Москва", "Europe/Samara": "Самара",
    "Europe/Volgograd": "Волгоград", "Europe/Saratov": "Саратов", "Europe/Ulyanovsk": "Ульяновск",
    "Europe/Astrakhan": "Астрахань", "Europe/Kirov": "Киров",
    "Asia/Yekaterinburg": "Екатеринбург", "Asia/Omsk": "Омск", "Asia/Novosibirsk": "Новосибирск",
    "Asia/Barnaul": "Барнаул", "Asia/Tomsk": "Томск", "Asia/Novokuznetsk": "Новокузнецк",
    "Asia/Krasnoyarsk": "Красноярск", "Asia/Irkutsk": "Иркутск", "Asia/Chita": "Чита",
    "Asia/Yakutsk": "Якутск", "Asia/Khandyga": "Хандыга", "Asia/Vladivostok": "Владивосток",
    "Asia/Ust-Nera": "Усть-Нера", "Asia/Magadan": "Магадан", "Asia/Sakhalin": "Сахалин",
    "Asia/Srednekolymsk": "Среднеколымск", "Asia/Kamchatka": "Камчатка",
    "Asia/Anadyr": "Анадырь",
}

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")


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


def zone_label(tz: ZoneInfo, moment: datetime) -> str:
    """'Екатеринбург, UTC+5' for a zone at a moment."""
    offset = moment.astimezone(tz).utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    minutes = rest // 60
    utc = f"UTC{hours:+d}" + (f":{minutes:02d}" if minutes else "")
    city = ZONE_CITIES.get(tz.key)
    return f"{city}, {utc}" if city else utc


def format_local(moment: datetime, tz: ZoneInfo, *, zone: bool = True) -> str:
    """'22 ноября 2026, 09:15 (Екатеринбург, UTC+5)'."""
    local = moment.astimezone(tz)
    text = f"{local.day} {MONTHS_GENITIVE[local.month - 1]} {local.year}, {local:%H:%M}"
    return f"{text} ({zone_label(tz, moment)})" if zone else text


def parse_now(text: str | None) -> datetime:
    """``--now``: ISO 8601 with an explicit offset; the clock when absent."""
    if text is None:
        from datetime import UTC

        return datetime.now(UTC).replace(microsecond=0)
    match = _TIME.match(text.strip())
    if match is not None and match.group(7) is None:
        raise TimeFormatError(f"«{text}»: укажите смещение от UTC, иначе время неоднозначно")
    return parse_time(text, ZoneInfo("UTC"))
