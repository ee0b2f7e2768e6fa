"""``notices new``: a correct skeleton notice for staff to fill in."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from .diagnostics import UsageError
from .model import Organization
from .places import slug as make_slug
from .vocabulary import NOTICE_TYPES, SERVICES

_TITLES = {
    "planned": "Плановое отключение: {service}",
    "unplanned": "Внеплановые работы: {service}",
    "emergency": "Авария: {service}",
    "info": "Информация для жителей",
}
_SLUGS = {"planned": "planovye-raboty", "unplanned": "vneplanovye-raboty",
          "emergency": "avariya", "info": "informatsiya"}


def write_skeleton(content: Path, org: Organization, kind: str, now: datetime,
                   slug: str | None = None) -> Path:
    """Write a skeleton for ``org`` of type ``kind`` at local time ``now``; return its path."""
    if kind not in NOTICE_TYPES:
        raise UsageError(f"неизвестный тип «{kind}»; допустимо: {', '.join(NOTICE_TYPES)}")
    local = now.astimezone(org.tz).replace(second=0, microsecond=0)
    name = make_slug(slug) if slug else f"{_SLUGS[kind]}-{local:%H%M}"
    folder = content / "notices" / org.id / f"{local:%Y}"
    path = folder / f"{local:%Y-%m-%d}-{name}.md"
    counter = 2
    while path.exists():
        path = folder / f"{local:%Y-%m-%d}-{name}-{counter}.md"
        counter += 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton_text(org, kind, local, depth=len(path.relative_to(content).parts)),
                    encoding="utf-8")
    return path


def skeleton_text(org: Organization, kind: str, local: datetime, depth: int) -> str:
    service = org.services[0]
    schema = "../" * depth + "generator/schema/notice.schema.json"
    lines = [
        "---",
        f"# yaml-language-server: $schema={schema}",
        "draft: true  # черновик: уберите эту строку, когда заполните уведомление",
        f"title: \"{_TITLES[kind].format(service=SERVICES[service])}\"",
        f"type: {kind}  # {', '.join(NOTICE_TYPES)}",
        f"published: {local:%Y-%m-%d %H:%M}  # местное время ({org.timezone})",
    ]
    if kind != "info":
        start = local if kind != "planned" else (local + timedelta(days=1)).replace(hour=9,
                                                                                     minute=0)
        lines += [
            f"services: [{service}]  # услуги организации: {', '.join(org.services)}",
            f"start: {start:%Y-%m-%d %H:%M}",
        ]
        if kind == "planned":
            lines.append(f"end: {start.replace(hour=17):%Y-%m-%d %H:%M}")
        else:
            lines.append(f"# end: {local + timedelta(hours=8):%Y-%m-%d %H:%M}  "
                         "# ожидаемое окончание, если известно")
        lines += [
            "# Населённые пункты организации: " + "; ".join(org.settlements),
            "areas:",
            f"  - settlement: {org.settlements[0]}",
            "    streets:",
            "      - street: ул. Ленина  # замените на нужную улицу",
            "        houses: \"1–15, 17\"  # если не указано — вся улица",
        ]
    lines += [
        "# updates:  # ход работ дописывается сюда, от ранних к поздним",
        f"#   - at: {local:%Y-%m-%d %H:%M}",
        "#     text: Работы завершены, подача восстановлена.",
        "#     status: resolved  # resolved — устранено, cancelled — отменено",
        "---",
        _BODIES[kind],
        "",
        f"Круглосуточная диспетчерская: {org.contacts.dispatcher}.",
        "",
    ]
    return "\n".join(lines)


_BODIES = {
    "planned": "Опишите, какие работы пройдут, что будет отключено и как подготовиться.",
    "unplanned": "Опишите, какие работы идут и почему, что отключено и как быть жителям.",
    "emergency": "Опишите, что случилось, что отключено, где получить помощь "
                 "(подвоз воды, пункт обогрева) и когда ждать восстановления.",
    "info": "Напишите сообщение для жителей.",
}
