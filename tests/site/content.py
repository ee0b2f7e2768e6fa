"""A small content folder for the site tests, written file by file as staff would.

The reader's moment is ``READ_AT``; the site is built a day earlier
(``BUILT_AT``), so a page read at ``READ_AT`` must re-derive some statuses:

* the Lenina emergency has no end: active when built and when read;
* the Sportivnaya planned works start between the two: built «запланировано»,
  read «действует»;
* the heating emergency on ул. Мира ends between the two without being
  resolved: built «действует», read «сроки нарушены».
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")
READ_AT = datetime(2026, 11, 23, 12, 0, tzinfo=YEKATERINBURG)
BUILT_AT = READ_AT - timedelta(days=1)

LENINA = "vks-test/2026/2026-11-22-lenina"
LENINA_TITLE = "Отключение холодной воды на ул. Ленина"
SPORTIVNAYA = "vks-test/2026/2026-11-20-sportivnaya"
MIRA = "teplo-test/2026/2026-11-21-mira"
HOSTILE = "vks-test/2026/2026-11-15-xss"
NIKITINO = "vks-test/2026/2026-11-08-nikitino"
CHITA_NIKITINO = "voda-chita/2026/2026-11-19-nikitino"
HISTORY_COUNT = 55  # enough for the organization's history to need a second page

ORGANIZATIONS = {
    "vks-test": """\
id: vks-test
name: МУП «ВКС»
full_name: Муниципальное унитарное предприятие «Водоканализационное хозяйство»
region: Свердловская область
timezone: Asia/Yekaterinburg
services: [cold_water, sewerage]
settlements:
  - Верхняя Салда
  - деревня Никитино
contacts:
  dispatcher: "+7 34345 0-00-00"
  email: vks@example.org
  website: https://vks.example.org/
channels:
  telegram: https://t.me/vks_test
maintainers: [vks-staff]
""",
    "teplo-test": """\
id: teplo-test
name: АО «Тепло»
region: Свердловская область
timezone: Asia/Yekaterinburg
services: [heating, hot_water]
settlements:
  - Верхняя Салда
contacts:
  dispatcher: "+7 34345 1-11-11"
maintainers: [teplo-staff]
""",
    "voda-chita": """\
id: voda-chita
name: Водоканал Читы
region: Забайкальский край
timezone: Asia/Chita
services: [cold_water]
settlements:
  - Никитино
contacts:
  dispatcher: "+7 3022 22-22-22"
maintainers: [chita-staff]
""",
}

NOTICES = {
    LENINA: f"""\
---
title: {LENINA_TITLE}
type: emergency
services: [cold_water]
published: 2026-11-22 09:40
start: 2026-11-22 09:15
areas:
  - settlement: Верхняя Салда
    streets:
      - street: ул. Ленина
        houses: "1–15, 17, 19к2"
      - street: ул. Энгельса
photos:
  - src: media/pipe.jpg
    caption: Место порыва у дома № 9
updates:
  - at: 2026-11-22 11:20
    text: "Бригада нашла место повреждения:\tидёт замена участка трубы."  # a tab, as pasted
---
Утром на водопроводе по ул. Ленина произошёл порыв.

**Где взять воду.** Автоцистерна стоит во дворе дома № 12 по ул. Энгельса.
""",
    SPORTIVNAYA: """\
---
title: Замена задвижки на ул. Спортивной
type: planned
services: [cold_water]
published: 2026-11-20 10:00
start: 2026-11-23 10:00
end: 2026-11-23 18:00
areas:
  - settlement: Верхняя Салда
    streets:
      - street: ул. Спортивная
        houses: "чётные 2–20"
---
Плановая замена задвижки.
""",
    MIRA: """\
---
title: Нет отопления на ул. Мира
type: emergency
services: [heating]
published: 2026-11-21 20:30
start: 2026-11-21 20:00
end: 2026-11-23 06:00
areas:
  - settlement: Верхняя Салда
    streets:
      - street: ул. Мира
        houses: нечётные
---
Порыв на теплотрассе.
""",
    HOSTILE: """\
---
title: "<script>alert(1)</script> Промывка *сети* {#x}"
type: planned
services: [cold_water]
published: 2026-11-15 10:00
start: 2026-11-16 09:00
end: 2026-11-16 17:00
areas:
  - settlement: Верхняя Салда
    streets:
      - street: ул. Ленина
        houses: "21–40"
updates:
  - at: 2026-11-16 12:00
    end: 2026-11-16 19:00
    text: "Работы продлены. <img src=x onerror=alert(2)>"
  - at: 2026-11-16 18:30
    status: resolved
    text: Подача воды восстановлена.
---
Текст <script>alert(3)</script> с [опасной ссылкой](javascript:alert(4)) и
<a href="https://example.org/" onclick="alert(5)">обычной</a>.

<iframe src="https://evil.example/"></iframe>
""",
    NIKITINO: """\
---
title: Промывка водопровода в деревне Никитино
type: planned
services: [cold_water]
published: 2026-11-08 09:00
start: 2026-11-10 09:00
end: 2026-11-10 15:00
areas:
  - settlement: деревня Никитино
---
Промывка сети во всей деревне.
""",
    CHITA_NIKITINO: """\
---
title: Авария на водопроводе в Никитине
type: emergency
services: [cold_water]
published: 2026-11-19 08:00
start: 2026-11-19 07:30
end: 2026-11-19 13:00
areas:
  - settlement: Никитино
updates:
  - at: 2026-11-19 12:40
    status: resolved
    text: Устранено.
---
Авария устранена.
""",
}


def history_notice(number: int) -> tuple[str, str]:
    """An old, resolved planned notice of vks-test (``number`` from 1)."""
    day = datetime(2026, 9, 1, 9, 0) + timedelta(days=number)
    notice_id = f"vks-test/2026/{day:%Y-%m-%d}-promyvka-{number}"
    text = f"""\
---
title: Промывка сети № {number}
type: planned
services: [cold_water]
published: {day:%Y-%m-%d %H:%M}
start: {day + timedelta(hours=24):%Y-%m-%d %H:%M}
end: {day + timedelta(hours=30):%Y-%m-%d %H:%M}
areas:
  - settlement: Верхняя Салда
    streets:
      - street: ул. Школьная
---
Плановая промывка.
"""
    return notice_id, text


def write_content(root: Path) -> Path:
    """Write the whole content folder under ``root``; returns it."""
    for org_id, text in ORGANIZATIONS.items():
        path = root / "organizations" / f"{org_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    notices = dict(NOTICES)
    notices.update(history_notice(n) for n in range(1, HISTORY_COUNT + 1))
    for notice_id, text in notices.items():
        path = root / "notices" / f"{notice_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    photo = root / "notices" / "vks-test" / "2026" / "media" / "pipe.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), (70, 110, 160)).save(photo, quality=85)
    return root
