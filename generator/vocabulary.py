"""The controlled vocabulary of the content format, with the Russian labels residents read."""

from __future__ import annotations

from typing import Final

SERVICES: Final[dict[str, str]] = {
    "cold_water": "холодное водоснабжение",
    "hot_water": "горячее водоснабжение",
    "heating": "отопление",
    "electricity": "электроснабжение",
    "gas": "газоснабжение",
    "sewerage": "водоотведение",
    "other": "другое",
}

#: What residents lack while a service is interrupted: "нет холодной воды".
SERVICE_OUTAGE: Final[dict[str, str]] = {
    "cold_water": "нет холодной воды",
    "hot_water": "нет горячей воды",
    "heating": "нет отопления",
    "electricity": "нет электричества",
    "gas": "нет газа",
    "sewerage": "не работает канализация",
    "other": "ограничение услуг",
}

NOTICE_TYPES: Final[dict[str, str]] = {
    "planned": "плановые работы",
    "unplanned": "внеплановые работы",
    "emergency": "аварийная ситуация",
    "info": "информация",
}

#: The short word that opens a feed item's title: "Авария: нет холодной воды — ...".
TYPE_HEADLINE: Final[dict[str, str]] = {
    "planned": "Плановые работы",
    "unplanned": "Внеплановые работы",
    "emergency": "Авария",
    "info": "Информация",
}

STATUSES: Final[dict[str, str]] = {
    "upcoming": "запланировано",
    "active": "действует",
    "overdue": "сроки нарушены",
    "completed": "завершено",
    "resolved": "устранено",
    "cancelled": "отменено",
    "info": "информация",
}

UPDATE_STATUSES: Final[tuple[str, ...]] = ("resolved", "cancelled")

#: Words naming the type of a settlement; ignored when settlement names are compared.
SETTLEMENT_TYPE_WORDS: Final[frozenset[str]] = frozenset({
    "город", "г", "г.", "посёлок", "поселок", "пос", "пос.", "п", "п.", "пгт", "пгт.",
    "рабочий", "деревня", "дер", "дер.", "д", "д.", "село", "с", "с.", "станция", "ст",
    "ст.", "хутор", "х", "х.", "микрорайон", "мкр", "мкр.", "садовое", "товарищество",
    "снт", "населённый", "населенный", "пункт", "городского", "типа",
})
