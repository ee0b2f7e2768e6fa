"""A synthetic region written as real content files, for benchmarks and tests.

    python benchmarks/synthetic.py --out DIR --organizations N --notices M [--seed S] [--now TIME]

writes ``DIR/organizations/*.yml`` and ``DIR/notices/<org>/<YYYY>/<date>-<slug>.md`` in
the content format (``/work/shared/spec/content-format.md``): organizations of
several regions and time zones, notices of every type spread over the two years
before ``--now``, streets from a list of common Russian street names, house
lists in every form the format knows, 0–3 updates each (revised ends,
resolutions, cancellations). The same arguments always write the same bytes,
and every file passes ``notices validate --now TIME``.

Library use: ``generate(out, organizations, notices, seed=1, now=None)``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.places import settlement_core, slug

#: The reference moment of the demo content; the default ``--now``.
REFERENCE_NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))
SPAN = timedelta(days=730)
RECENT = timedelta(days=3)
RECENT_SHARE = 0.1  # a tenth of the notices fall in the last days, so some are still active

REGIONS: tuple[tuple[str, str], ...] = (
    ("Свердловская область", "Asia/Yekaterinburg"),
    ("Челябинская область", "Asia/Yekaterinburg"),
    ("Пермский край", "Asia/Yekaterinburg"),
    ("Тюменская область", "Asia/Yekaterinburg"),
    ("Новосибирская область", "Asia/Novosibirsk"),
    ("Иркутская область", "Asia/Irkutsk"),
    ("Забайкальский край", "Asia/Chita"),
    ("Московская область", "Europe/Moscow"),
)

TOWNS: tuple[str, ...] = (
    "Каменск", "Озёрск", "Светлогорск", "Лесогорск", "Красноборск", "Верхнеречинск",
    "Нижнеключевск", "Заводоуральск", "Березники-Северные", "Сосновоборск", "Горнозаводск",
    "Новоивановск", "Краснотурьинск", "Белокаменск", "Среднеуральск", "Кедровогорск",
    "Медногорск", "Старореченск", "Рудногорск", "Ключевск",
)
#: Settlement-type word and names that agree with it in gender.
VILLAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("село", ("Никольское", "Покровское", "Троицкое", "Красное", "Озёрное", "Светлое",
              "Раздолье", "Знаменское", "Богородское", "Успенское")),
    ("посёлок", ("Октябрьский", "Первомайский", "Заречный", "Луговой", "Садовый", "Лесной",
                 "Степной", "Южный", "Кедровый", "Шахтёрский", "Совхозный", "Рудный")),
    ("деревня", ("Берёзовка", "Сосновка", "Ивановка", "Михайловка", "Александровка",
                 "Каменка", "Васильевка", "Петровка", "Дубровка", "Ольховка", "Липовка",
                 "Рябиновка", "Калиновка", "Марьино")),
)
STREETS: tuple[str, ...] = (
    "ул. Ленина", "ул. Мира", "ул. Советская", "ул. Школьная", "ул. Садовая",
    "ул. Центральная", "ул. Молодёжная", "ул. Лесная", "ул. Новая", "ул. Набережная",
    "ул. Октябрьская", "ул. Заречная", "ул. Гагарина", "ул. Пушкина", "ул. Кирова",
    "ул. Комсомольская", "ул. Первомайская", "ул. Пролетарская", "ул. Полевая", "ул. Зелёная",
    "ул. Рабочая", "ул. Строителей", "ул. Калинина", "ул. Чапаева", "ул. Ломоносова",
    "ул. Маяковского", "ул. Горького", "ул. Чехова", "ул. Свердлова", "ул. Энгельса",
    "ул. Карла Маркса", "ул. Победы", "ул. Луговая", "ул. Солнечная", "ул. Весенняя",
    "ул. Северная", "ул. Южная", "ул. Восточная", "ул. Юбилейная", "ул. Спортивная",
    "ул. Железнодорожная", "ул. Заводская", "ул. Вокзальная", "ул. 8 Марта", "ул. Декабристов",
    "пер. Школьный", "пер. Садовый", "пер. Почтовый", "пр-т Ленина", "пр-т Победы",
    "б-р Культуры", "мкр. Северный", "мкр. Южный", "пл. Революции",
)


@dataclass(frozen=True)
class Profile:
    """A kind of utility: its name pattern and the services it provides."""

    key: str
    name: str
    services: tuple[str, ...]


PROFILES: tuple[Profile, ...] = (
    Profile("vodokanal", "МУП «Водоканал»", ("cold_water", "sewerage")),
    Profile("teploset", "МУП «Тепловые сети»", ("heating", "hot_water")),
    Profile("elektroset", "АО «Горэлектросеть»", ("electricity",)),
    Profile("gazset", "Филиал «Газовые сети»", ("gas",)),
    Profile("zhkh", "МУП «ЖКХ-Сервис»", ("cold_water", "hot_water", "heating", "sewerage")),
)

SERVICE_GENITIVE: dict[str, str] = {
    "cold_water": "холодной воды", "hot_water": "горячей воды", "heating": "отопления",
    "electricity": "электроэнергии", "gas": "газа", "sewerage": "водоотведения",
    "other": "коммунальных услуг",
}
EMERGENCY_TITLES: dict[str, tuple[str, ...]] = {
    "cold_water": ("Порыв водопровода", "Авария на водоводе", "Отключение холодной воды"),
    "hot_water": ("Порыв трубопровода горячей воды", "Отключение горячей воды"),
    "heating": ("Порыв на теплотрассе", "Авария на тепловой сети", "Нет отопления"),
    "electricity": ("Авария на линии электропередачи", "Отключение электроэнергии"),
    "gas": ("Утечка газа", "Аварийное отключение газа"),
    "sewerage": ("Засор канализационного коллектора", "Авария на канализационной сети"),
}
CAUSES: dict[str, tuple[str, ...]] = {
    "cold_water": ("на водопроводе произошёл порыв", "повреждена задвижка в колодце",
                   "после промерзания грунта треснула труба"),
    "hot_water": ("повреждён трубопровод горячего водоснабжения",
                  "вышел из строя подогреватель в тепловом пункте"),
    "heating": ("на теплотрассе произошёл порыв", "повреждена тепловая камера",
                "остановлен насос на котельной"),
    "electricity": ("повреждён кабель при земляных работах", "сработала защита на подстанции",
                    "на провода упало дерево"),
    "gas": ("обнаружена утечка на газопроводе", "повреждён газопровод при земляных работах"),
    "sewerage": ("засорился канализационный коллектор", "остановилась насосная станция"),
}
WORKS: dict[str, tuple[str, ...]] = {
    "cold_water": ("замена участка водопровода", "замена задвижки", "промывка сетей",
                   "подключение нового водовода"),
    "hot_water": ("гидравлические испытания", "ремонт теплового пункта", "замена задвижек"),
    "heating": ("ремонт теплотрассы", "замена участка тепловой сети", "опрессовка сетей"),
    "electricity": ("ремонт трансформаторной подстанции", "замена опор линии",
                    "обрезка деревьев под линией"),
    "gas": ("замена участка газопровода", "техническое обслуживание газопровода"),
    "sewerage": ("прочистка коллектора", "ремонт канализационного колодца"),
}
#: Information notices: (title, text, the service it concerns or None for any utility).
INFO: tuple[tuple[str, str, str | None], ...] = (
    ("Как уберечь трубы от морозов",
     "Утеплите водомерный узел и не оставляйте открытыми окна в подъездах.", "cold_water"),
    ("График подвоза питьевой воды",
     "Автоцистерна приезжает по вторникам и пятницам с 9:00 до 12:00.", "cold_water"),
    ("Результаты лабораторного контроля воды",
     "Пробы воды, взятые на этой неделе, соответствуют санитарным нормам.", "cold_water"),
    ("Итоги подготовки к отопительному сезону",
     "Опрессовка сетей закончена, котельные готовы к пуску.", "heating"),
    ("Что делать, если батареи чуть тёплые",
     "Сначала сообщите в свою управляющую компанию: она обязана зарегистрировать заявку.",
     "heating"),
    ("Как не остаться без света в грозу",
     "Выключайте из розеток технику, если видите искрение на линии, сразу звоните нам.",
     "electricity"),
    ("Проверка газового оборудования",
     "Специалисты обойдут квартиры по графику; пустите их, это бесплатно.", "gas"),
    ("Пополнен аварийный запас материалов",
     "На складе есть трубы, задвижки и резервное оборудование, поэтому аварии устраняем "
     "быстрее.", None),
    ("Как сообщить об аварии",
     "Звоните в круглосуточную диспетчерскую; назовите адрес и что случилось.", None),
)
INFO_ADDENDA: tuple[str, ...] = (
    "Дополнение: график уточнён, подробности — у диспетчера.",
    "Информация обновлена по вопросам жителей.",
)
PREPARATION: tuple[str, ...] = (
    "Подготовка к работам идёт по графику.",
    "Список домов уточнён, изменений нет.",
)
REPAIR: tuple[str, ...] = (
    "Бригада на месте, идёт вскрытие грунта.",
    "Место повреждения найдено, ведутся работы.",
    "Подвезли дополнительную технику и материалы.",
)
WORKING: tuple[str, ...] = (
    "Работы идут по графику.",
    "Бригада заканчивает основной этап работ.",
)
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря")
TYPE_WEIGHTS = (("planned", 40), ("unplanned", 20), ("emergency", 30), ("info", 10))
SLUG_WORDS = {"planned": "plan", "unplanned": "vneplan", "emergency": "avariya", "info": "info"}


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    region: str
    timezone: str
    services: tuple[str, ...]
    town: str
    settlements: tuple[str, ...]
    dispatcher: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Street:
    name: str
    houses: str | None  # None: the whole street


@dataclass(frozen=True)
class AreaSpec:
    settlement: str
    streets: tuple[Street, ...]  # empty: the whole settlement


@dataclass(frozen=True)
class UpdateSpec:
    at: datetime
    text: str
    end: datetime | None = None
    status: str | None = None


@dataclass(frozen=True)
class NoticeSpec:
    org: Org
    slug: str
    title: str
    type: str
    services: tuple[str, ...]
    published: datetime
    start: datetime | None
    end: datetime | None
    areas: tuple[AreaSpec, ...]
    updates: tuple[UpdateSpec, ...]
    body: str
    iso_times: bool

    @property
    def path(self) -> str:
        local = self.published.astimezone(self.org.tz)
        return f"notices/{self.org.id}/{local:%Y}/{local:%Y-%m-%d}-{self.slug}.md"


# -- organizations ---------------------------------------------------------------------------


def make_organizations(rng: random.Random, count: int) -> list[Org]:
    width = len(str(count))
    return [make_organization(rng, index + 1, width) for index in range(count)]


def make_organization(rng: random.Random, number: int, width: int) -> Org:
    region, timezone = rng.choice(REGIONS)
    profile = rng.choice(PROFILES)
    town = rng.choice(TOWNS)
    settlements = [f"город {town}", *pick_villages(rng, rng.randint(2, 8))]
    return Org(
        id=f"{profile.key}-{cached_slug(town)}-{number:0{width}d}",
        name=f"{profile.name} г. {town}",
        region=region,
        timezone=timezone,
        services=profile.services,
        town=town,
        settlements=tuple(settlements),
        dispatcher=f"+7 900 {number % 1000:03d}-{rng.randrange(100):02d}-00",
    )


def pick_villages(rng: random.Random, count: int) -> list[str]:
    chosen: dict[str, str] = {}
    while len(chosen) < count:
        kind, names = rng.choice(VILLAGES)
        name = f"{kind} {rng.choice(names)}"
        chosen.setdefault(settlement_core(name), name)
    return list(chosen.values())


@cache
def cached_slug(text: str) -> str:
    return slug(text)


def organization_yaml(org: Org) -> str:
    settlements = "".join(f"  - {q(s)}\n" for s in org.settlements)
    return (
        "# Синтетические данные для замеров скорости: телефоны и логины вымышлены\n"
        f"id: {org.id}\n"
        f"name: {q(org.name)}\n"
        f"region: {q(org.region)}\n"
        f"timezone: {org.timezone}\n"
        f"services: [{', '.join(org.services)}]\n"
        f"settlements:\n{settlements}"
        f"contacts:\n  dispatcher: {q(org.dispatcher)}\n"
        f"channels:\n  max: https://max.ru/demo_{org.id.replace('-', '_')}\n"
        f"maintainers: [staff-{org.id}]\n"
        "demo: true\n"
    )


# -- notices ---------------------------------------------------------------------------------


def make_notice(rng: random.Random, org: Org, number: int, now: datetime) -> NoticeSpec:
    kind = weighted(rng, TYPE_WEIGHTS)
    published = publication_time(rng, now, org.tz)
    services = pick_services(rng, org.services) if kind != "info" else ()
    start, end = work_period(rng, kind, published)
    areas = make_areas(rng, org, kind)
    topic = pick_topic(rng, kind, services or org.services)
    title = make_title(kind, services, areas, topic)
    updates = make_updates(rng, kind, services, published, start, end, now)
    body = make_body(rng, kind, services, areas, org, topic)
    place = areas[0].streets[0].name if areas and areas[0].streets else (
        areas[0].settlement if areas else title)
    notice_slug = f"{SLUG_WORDS[kind]}-{cached_slug(place)[:40]}-{number}"
    return NoticeSpec(org, notice_slug, title, kind, services, published, start, end, areas,
                      updates, body, iso_times=rng.random() < 0.1)


def weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def publication_time(rng: random.Random, now: datetime, tz: ZoneInfo) -> datetime:
    span = RECENT if rng.random() < RECENT_SHARE else SPAN
    moment = now.astimezone(tz) - timedelta(minutes=rng.randrange(int(span.total_seconds() // 60)))
    return moment.replace(second=0, microsecond=0)


def pick_services(rng: random.Random, services: tuple[str, ...]) -> tuple[str, ...]:
    first = rng.choice(services)
    if len(services) > 1 and rng.random() < 0.25:
        return tuple(s for s in services if s == first or rng.random() < 0.5)
    return (first,)


def work_period(rng: random.Random, kind: str, published: datetime
                ) -> tuple[datetime | None, datetime | None]:
    if kind == "info":
        return None, None
    if kind == "planned":
        day = published + timedelta(days=rng.randint(1, 10))
        start = day.replace(hour=rng.choice((8, 9, 10)), minute=0)
        return start, start + timedelta(hours=rng.randint(3, 10))
    if kind == "unplanned":
        start = published + timedelta(minutes=rng.randrange(15, 240, 15))
        return start, start + timedelta(hours=rng.randint(2, 8))
    start = published - timedelta(minutes=rng.randrange(5, 90))
    end = start + timedelta(hours=rng.randint(3, 24)) if rng.random() < 0.8 else None
    return start, end


def make_areas(rng: random.Random, org: Org, kind: str) -> tuple[AreaSpec, ...]:
    if kind == "info" and rng.random() < 0.5:
        return ()
    count = 1 if rng.random() < 0.75 else min(len(org.settlements), rng.randint(2, 3))
    settlements = rng.sample(org.settlements, count)
    return tuple(make_area(rng, settlement) for settlement in settlements)


def make_area(rng: random.Random, settlement: str) -> AreaSpec:
    is_town = settlement.startswith("город ")
    if not is_town and rng.random() < 0.4:
        return AreaSpec(settlement, ())
    names = rng.sample(STREETS, rng.randint(1, 4 if is_town else 2))
    return AreaSpec(settlement, tuple(Street(name, make_houses(rng)) for name in names))


def make_houses(rng: random.Random) -> str | None:
    form = rng.randrange(6)
    low = rng.randint(1, 40)
    high = low + rng.randint(2, 30)
    if form == 0:
        return None
    if form == 1:
        return f"{low}–{high}, {high + 2}, {high + 4}к{rng.randint(1, 3)}"
    if form == 2:
        return f"{rng.choice(('чётные', 'нечётные'))} {low * 2}–{high * 2}"
    if form == 3:
        return rng.choice(("чётные", "нечётные"))
    if form == 4:
        return f"{low}, {low + 2}а, {high}/{rng.randint(1, 4)}"
    return f"{low}–{high}"


@dataclass(frozen=True)
class Topic:
    """What a notice is about: a headline and the sentence that opens its text."""

    headline: str
    lead: str


def pick_topic(rng: random.Random, kind: str, services: tuple[str, ...]) -> Topic:
    service = services[0]
    if kind == "info":
        title, text, _ = rng.choice([i for i in INFO if i[2] is None or i[2] in services])
        return Topic(title, text)
    if kind == "emergency":
        return Topic(rng.choice(EMERGENCY_TITLES[service]),
                     f"{rng.choice(CAUSES[service]).capitalize()}. Аварийная бригада выехала "
                     "на место, ход работ сообщаем здесь же.")
    work = rng.choice(WORKS[service])
    prefix = "Внеплановые работы" if kind == "unplanned" else "Плановые работы"
    return Topic(f"{prefix}: {work}, нет {SERVICE_GENITIVE[service]}",
                 f"Проводится {work}. На время работ не будет {SERVICE_GENITIVE[service]}.")


def make_title(kind: str, services: tuple[str, ...], areas: tuple[AreaSpec, ...],
               topic: Topic) -> str:
    where = place_label(areas)
    return (f"{topic.headline} — {where}" if where else topic.headline)[:140]


def place_label(areas: tuple[AreaSpec, ...]) -> str:
    if not areas:
        return ""
    first = areas[0]
    name = first.settlement.removeprefix("город ")
    return f"{name}, {first.streets[0].name}" if first.streets else name


def make_updates(rng: random.Random, kind: str, services: tuple[str, ...], published: datetime,
                 start: datetime | None, end: datetime | None, now: datetime
                 ) -> tuple[UpdateSpec, ...]:
    closing = closing_status(rng, kind)
    total = max(rng.choice((0, 0, 1, 1, 2, 3)), closing is not None)
    if total == 0:
        return ()
    times = update_times(rng, total, published, start, end, closing)
    updates: list[UpdateSpec] = []
    current_end = end
    for index, at in enumerate(times):
        if at > now:
            break
        if closing is not None and index == len(times) - 1:
            updates.append(UpdateSpec(at, closing_text(closing, services), status=closing))
            break
        revised = revised_end(rng, kind, current_end, at)
        current_end = revised or current_end
        text = progress_text(rng, kind, start is not None and at < start, revised)
        updates.append(UpdateSpec(at, text, end=revised))
    return tuple(updates)


def closing_status(rng: random.Random, kind: str) -> str | None:
    roll = rng.random()
    if kind == "planned":
        return "cancelled" if roll < 0.05 else ("resolved" if roll < 0.35 else None)
    if kind == "emergency":
        return "resolved" if roll < 0.85 else None
    if kind == "unplanned":
        return "resolved" if roll < 0.6 else None
    return None


def update_times(rng: random.Random, count: int, published: datetime, start: datetime | None,
                 end: datetime | None, closing: str | None) -> list[datetime]:
    """Distinct minutes after publication, before the start when the work is cancelled."""
    if closing == "cancelled" and start is not None:
        window = max(int((start - published).total_seconds() // 60) - 1, count)
    else:
        target = end or (start or published) + timedelta(hours=12)
        window = max(int((target - published).total_seconds() // 60), 60, count) + 60
    offsets = sorted(rng.sample(range(1, window + 1), count))
    return [published + timedelta(minutes=m) for m in offsets]


def revised_end(rng: random.Random, kind: str, end: datetime | None,
                at: datetime) -> datetime | None:
    if kind == "info" or end is None or rng.random() < 0.5:
        return None
    base = max(end, at)
    return (base + timedelta(hours=rng.randint(1, 6))).replace(minute=0)


def progress_text(rng: random.Random, kind: str, before_start: bool,
                  revised: datetime | None) -> str:
    if kind == "info":
        choices = INFO_ADDENDA
    elif before_start:
        choices = PREPARATION
    elif kind == "emergency":
        choices = REPAIR
    else:
        choices = WORKING
    text = rng.choice(choices)
    if revised is not None:
        text += f" Срок окончания перенесён на {local_words(revised)}."
    return text


def closing_text(status: str, services: tuple[str, ...]) -> str:
    if status == "cancelled":
        return "Работы отменены и будут перенесены, о новой дате сообщим отдельно."
    lacking = ", ".join(SERVICE_GENITIVE[s] for s in services) or "услуг"
    return f"Работы завершены, подача {lacking} восстановлена."


def make_body(rng: random.Random, kind: str, services: tuple[str, ...],
              areas: tuple[AreaSpec, ...], org: Org, topic: Topic) -> str:
    paragraphs = [topic.lead]
    if areas:
        paragraphs.append("**Затронуты:** " + "; ".join(area_words(a) for a in areas) + ".")
    if "cold_water" in services:
        street = rng.choice(STREETS)
        paragraphs.append(f"**Где взять воду.** Автоцистерна с питьевой водой стоит у дома "
                          f"№ {rng.randint(1, 60)} по {street}.")
    if kind in ("planned", "emergency") and rng.random() < 0.4:
        closed, detour = rng.sample(STREETS, 2)
        paragraphs.append(f"**Проезд.** Движение по {closed} ограничено, объезд по {detour}.")
    paragraphs.append(f"Справки — круглосуточная диспетчерская {org.name}, {org.dispatcher}.")
    return "\n\n".join(paragraphs) + "\n"


def area_words(area: AreaSpec) -> str:
    if not area.streets:
        return f"{area.settlement} полностью"
    streets = ", ".join(s.name + (f" ({s.houses})" if s.houses else "") for s in area.streets)
    return f"{area.settlement}: {streets}"


def local_words(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]}, {moment:%H:%M}"


def notice_text(spec: NoticeSpec) -> str:
    def when(moment: datetime) -> str:
        local = moment.astimezone(spec.org.tz)
        return local.isoformat(timespec="minutes") if spec.iso_times else f"{local:%Y-%m-%d %H:%M}"

    lines = ["---", f"title: {q(spec.title)}", f"type: {spec.type}"]
    if spec.services:
        lines.append(f"services: [{', '.join(spec.services)}]")
    lines.append(f"published: {when(spec.published)}")
    if spec.start is not None:
        lines.append(f"start: {when(spec.start)}")
    if spec.end is not None:
        lines.append(f"end: {when(spec.end)}")
    lines += areas_yaml(spec.areas)
    if spec.updates:
        lines.append("updates:")
    for update in spec.updates:
        lines.append(f"  - at: {when(update.at)}")
        if update.status is not None:
            lines.append(f"    status: {update.status}")
        lines.append(f"    text: {q(update.text)}")
        if update.end is not None:
            lines.append(f"    end: {when(update.end)}")
    lines += ["---", spec.body]
    return "\n".join(lines)


def areas_yaml(areas: tuple[AreaSpec, ...]) -> list[str]:
    lines = ["areas:"] if areas else []
    for area in areas:
        lines.append(f"  - settlement: {q(area.settlement)}")
        if area.streets:
            lines.append("    streets:")
        for street in area.streets:
            lines.append(f"      - street: {q(street.name)}")
            if street.houses is not None:
                lines.append(f"        houses: {q(street.houses)}")
    return lines


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


# -- writing ---------------------------------------------------------------------------------


def generate(out: Path, organizations: int, notices: int, seed: int = 1,
             now: datetime | None = None) -> None:
    """Write a synthetic region into ``out`` (``organizations/`` and ``notices/``).

    Deterministic for ``seed`` and ``now`` (default: the demo's reference moment).
    Refuses to write into a folder that already holds content.
    """
    if organizations < 1:
        raise ValueError("at least one organization is needed")
    moment = now or REFERENCE_NOW
    if moment.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    for sub in ("organizations", "notices"):
        if (out / sub).exists() and any((out / sub).iterdir()):
            raise FileExistsError(f"{out / sub} is not empty")
    rng = random.Random(seed)
    orgs = make_organizations(rng, organizations)
    write(out, {f"organizations/{o.id}.yml": organization_yaml(o) for o in orgs})
    specs = (make_notice(rng, orgs[i % len(orgs)], i + 1, moment) for i in range(notices))
    write(out, {spec.path: notice_text(spec) for spec in specs})


def write(out: Path, files: dict[str, str]) -> None:
    folders: set[Path] = set()
    for relative, text in files.items():
        path = out / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder to write content into")
    parser.add_argument("--organizations", type=int, default=20)
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--now", type=datetime.fromisoformat, default=REFERENCE_NOW,
                        help="ISO 8601 with offset, e.g. 2026-11-23T12:00+05:00")
    parser.add_argument("--force", action="store_true",
                        help="remove DIR/organizations and DIR/notices first")
    args = parser.parse_args(argv)
    if args.now.tzinfo is None:
        parser.error("--now needs an offset, e.g. 2026-11-23T12:00+05:00")
    if args.force:
        for sub in ("organizations", "notices"):
            shutil.rmtree(args.out / sub, ignore_errors=True)
    started = time.perf_counter()
    try:
        generate(args.out, args.organizations, args.notices, args.seed, args.now)
    except FileExistsError as exc:
        parser.error(f"{exc}; use --force or another --out")
    print(f"{args.organizations} organizations, {args.notices} notices → {args.out} "
          f"in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
