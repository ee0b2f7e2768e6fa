"""Small builders for Model objects in the statistics tests: real model classes, no mocks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.model import Area, Contacts, Model, Notice, Organization, Place, StreetArea, Update

URAL = "Asia/Yekaterinburg"
CHITA = "Asia/Chita"


def organization(org_id: str = "vks", tz: str = URAL, region: str = "Свердловская область",
                 settlements: tuple[str, ...] = ("Верхняя Салда",),
                 services: tuple[str, ...] = ("cold_water", "hot_water", "heating", "gas",
                                              "electricity", "sewerage")) -> Organization:
    return Organization(org_id, f"Организация {org_id}", region, tz, services, settlements,
                        Contacts("+7 000 000-00-00"), ("staff",), Path(f"{org_id}.yml"))


def local(text: str, tz: str = URAL) -> datetime:
    """'2026-11-22 09:15' as an aware local time."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))


def place(org: Organization, name: str | None = None) -> Place:
    return Place(org.region, name or org.settlements[0], org.timezone)


def area(org: Organization, *streets: str, settlement: str | None = None) -> Area:
    return Area(place(org, settlement), tuple(StreetArea(s) for s in streets))


def update(index: int, at: str, org: Organization, status: str | None = None,
           end: str | None = None, start: str | None = None) -> Update:
    return Update(index, local(at, org.timezone), "Обновление.", status,  # type: ignore[arg-type]
                  None if start is None else local(start, org.timezone),
                  None if end is None else local(end, org.timezone))


def notice(org: Organization, slug: str, *, kind: str = "emergency",
           services: tuple[str, ...] = ("cold_water",), published: str,
           start: str | None = None, end: str | None = None,
           areas: tuple[Area, ...] | None = None,
           updates: tuple[tuple[str, dict[str, str]], ...] = ()) -> Notice:
    """A notice; ``updates`` are (time, fields) pairs in timeline order."""
    tz = org.timezone
    built = tuple(update(i, at, org, **fields) for i, (at, fields) in enumerate(updates, 1))
    return Notice(
        id=f"{org.id}/{published[:4]}/{published[:10]}-{slug}",
        organization=org, title=f"Уведомление {slug}", type=kind,  # type: ignore[arg-type]
        services=services if kind != "info" else (),
        published=local(published, tz), source=Path(f"{slug}.md"),
        start=None if start is None else local(start, tz),
        end=None if end is None else local(end, tz),
        areas=(area(org),) if areas is None and kind != "info" else (areas or ()),
        updates=built,
    )


def model(orgs: tuple[Organization, ...], *notices: Notice) -> Model:
    return Model(orgs, tuple(sorted(notices, key=lambda n: n.id)), Path("content"))
