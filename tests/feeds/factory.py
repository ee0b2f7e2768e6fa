"""Models built in the test, real image files, and the `build` fixture that writes the feeds."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from generator.context import BuildContext
from generator.feeds import write_feeds
from generator.houses import parse_houses
from generator.images import ImageIndex, PublishedPhoto, Variant, publish_images
from generator.model import (
    Area,
    Contacts,
    Model,
    Notice,
    Organization,
    Photo,
    Place,
    SiteConfig,
    StreetArea,
    Update,
)

YEKT = ZoneInfo("Asia/Yekaterinburg")
CHITA = ZoneInfo("Asia/Chita")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=YEKT)
BASE_URL = "https://notices.example/"
CONFIG = SiteConfig(title="Отключения ЖКУ", base_url=BASE_URL, tag_authority="notices.example",
                    tag_year=2026)


def local(text: str, tz: ZoneInfo = YEKT) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def organization(org_id: str = "vks-verkhnyaya-salda", name: str = "МУП «ВКС»",
                 region: str = "Свердловская область", timezone: str = "Asia/Yekaterinburg",
                 settlements: tuple[str, ...] = ("Верхняя Салда", "деревня Никитино"),
                 ) -> Organization:
    return Organization(
        id=org_id, name=name, region=region, timezone=timezone,
        services=("cold_water", "hot_water", "heating", "sewerage"), settlements=settlements,
        contacts=Contacts(dispatcher="+7 34345 0-00-00"), maintainers=("staff",),
        source=Path(f"/content/organizations/{org_id}.yml"))


VKS = organization()
TGK = organization("tgk14-chita", "ПАО «ТГК-14»", "Забайкальский край", "Asia/Chita",
                   ("Чита",))


def place(org: Organization, name: str) -> Place:
    return Place(org.region, name, org.timezone)


def area(org: Organization, name: str, *streets: tuple[str, str | None]) -> Area:
    return Area(place(org, name), tuple(
        StreetArea(street, parse_houses(houses) if houses else None) for street, houses in streets))


def notice(slug: str, published: datetime, *, org: Organization = VKS, type: str = "emergency",
           services: tuple[str, ...] = ("cold_water",), title: str = "Нет воды на ул. Ленина",
           start: datetime | None = None, end: datetime | None = None,
           areas: tuple[Area, ...] | None = None, updates: tuple[Update, ...] = (),
           photos: tuple[Photo, ...] = (), draft: bool = False, body: str = "Текст.") -> Notice:
    if areas is None:
        areas = () if type == "info" else (area(org, org.settlements[0], ("ул. Ленина", "1–15")),)
    local_date = published.astimezone(org.tz).date()
    return Notice(
        id=f"{org.id}/{local_date.year}/{local_date.isoformat()}-{slug}", organization=org,
        title=title, type=type, services=services if type != "info" else (),  # type: ignore[arg-type]
        published=published, source=Path(f"/content/notices/{org.id}/{slug}.md"),
        start=start if start is not None or type == "info" else published,
        end=end, areas=areas, photos=photos,
        updates=updates, draft=draft, body=body)


def update(index: int, at: datetime, text: str = "Работы идут.", **kwargs: Any) -> Update:
    return Update(index=index, at=at, text=text, **kwargs)


def model(*notices: Notice, organizations: tuple[Organization, ...] = (VKS, TGK)) -> Model:
    return Model(organizations=organizations, notices=tuple(sorted(notices, key=lambda n: n.id)),
                 content_root=Path("/content"), config=CONFIG)


@dataclass(frozen=True)
class Site:
    root: Path

    def index(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / "feeds/index.json").read_text("utf-8"))
        return data

    def feed(self, scope: str, key: str, fmt: str) -> Path:
        entry = next(f for f in self.index()["feeds"] if f["scope"] == scope and f["key"] == key)
        return self.root / entry[fmt]

    def json_feed(self, scope: str = "all", key: str = "all") -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.feed(scope, key, "json").read_text("utf-8"))
        return data

    def every_file(self) -> list[Path]:
        return [self.root / e[fmt] for e in self.index()["feeds"]
                for fmt in ("rss", "atom", "json", "ics")]


Build = Callable[..., Site]


@pytest.fixture
def build(tmp_path: Path) -> Build:
    """Write the feeds of a model into a fresh folder: ``build(model, now=..., images=...)``.

    ``publish=True`` runs the real image stage first (photos and cards drawn by
    Pillow) and feeds from its index. Each build has an empty cache of its own,
    unless ``cache`` names one.
    """
    counter = iter(range(1000))

    def run(m: Model, now: datetime = NOW, images: ImageIndex | None = None,
            files: dict[str, bytes] | None = None, workers: int | None = None,
            publish: bool = False, cache: Path | None = None,
            config: SiteConfig = CONFIG) -> Site:
        number = next(counter)
        root = tmp_path / f"site-{number}"
        root.mkdir()
        for url, data in (files or {}).items():
            (root / url).parent.mkdir(parents=True, exist_ok=True)
            (root / url).write_bytes(data)
        ctx = BuildContext(model=m, now=now, config=config, site_dir=root,
                           work_dir=tmp_path / "work",
                           cache_dir=cache or tmp_path / f"cache-{number}",
                           mkdocs_config=None)
        if publish:
            images = publish_images(ctx)
        write_feeds(ctx, images or ImageIndex(), workers=workers)
        return Site(root)

    return run


def jpeg_bytes(size: int) -> bytes:
    """A file of ``size`` bytes that starts like a JPEG (feeds only read its size)."""
    return b"\xff\xd8\xff\xe0" + bytes(size - 6) + b"\xff\xd9"


def photo_index(photo: Photo, url: str, length: int) -> tuple[ImageIndex, dict[str, bytes]]:
    variant = Variant(url=url, width=1280, height=960, mime="image/jpeg", length=length)
    small = Variant(url=url.replace(".jpg", "-480.jpg"), width=480, height=360,
                    mime="image/jpeg", length=length // 4)
    webp = Variant(url=url.replace(".jpg", ".webp"), width=1280, height=960, mime="image/webp",
                   length=length // 2)
    published = PublishedPhoto(photo.source, photo.caption, (small, webp, variant))
    return ImageIndex(photos={photo.source: published}), {url: jpeg_bytes(length),
                                                          small.url: jpeg_bytes(length // 4)}


HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


LATER = datetime(2026, 11, 23, 20, 0, tzinfo=YEKT)
TRENCH = Photo(Path("/content/notices/vks/media/lenina-trench.jpg"), "media/lenina-trench.jpg",
               "Место порыва")
CREW = Photo(Path("/content/notices/vks/media/lenina-crew.jpg"), "media/lenina-crew.jpg")

LENINA = notice(
    "lenina-kholodnaya-voda", local("2026-11-23 09:40"),
    title="Отключение холодной воды на ул. Ленина",
    start=local("2026-11-23 09:15"), end=local("2026-11-23 18:00"), photos=(TRENCH,),
    body="Утром произошёл **порыв**.\n\nВода будет к вечеру. [Схема объезда](../map/).",
    updates=(
        update(1, local("2026-11-23 11:20"), "Место повреждения найдено.", photos=(CREW,)),
        update(2, local("2026-11-23 14:00"), "Работы затянулись.", end=local("2026-11-23 20:00")),
        update(3, local("2026-11-23 19:10"), "Подача воды восстановлена.", status="resolved"),
    ))
SPORTIVNAYA = notice(
    "sportivnaya-zamena-zadvizhki", local("2026-11-20 10:10"), type="planned",
    title="Замена задвижки на ул. Спортивной", start=local("2026-11-26 09:00"),
    end=local("2026-11-26 17:00"),
    areas=(area(VKS, "Верхняя Салда", ("ул. Спортивная", "чётные 2–20"), ("ул. Устинова", None)),),
    updates=(update(1, local("2026-11-22 09:30"), "Работы отменены.", status="cancelled"),))
NIKITINO = notice(
    "nikitino-promyvka", local("2026-11-21 08:00"), type="unplanned", services=("hot_water",),
    title="Промывка сетей в Никитино", start=local("2026-11-21 09:00"),
    areas=(area(VKS, "деревня Никитино"),),
    updates=(update(1, local("2026-11-22 10:00"), "Промывка продолжается."),))
MOROZY = notice("kak-uberech-vodoprovod", local("2026-11-16 10:00"), type="info",
                title="Как уберечь водопровод от морозов", body="Утеплите трубы.")
DRAFT = notice("chernovik", local("2026-11-22 08:00"), title="Черновик", draft=True,
               start=local("2026-11-24 09:00"), end=local("2026-11-24 12:00"))
LATE = notice("budushchee", local("2026-11-23 15:00"), title="Отключение после полудня",
              start=local("2026-11-23 15:00"), end=local("2026-11-23 23:00"))
CHITA_HEAT = notice(
    "severny-poryv-teplotrassy", local("2026-11-23 13:10", CHITA), org=TGK,
    services=("heating", "hot_water"), title="Порыв теплотрассы в мкр. Северном",
    start=local("2026-11-23 12:40", CHITA), end=local("2026-11-24 02:00", CHITA),
    areas=(area(TGK, "Чита", ("мкр. Северный", None)),))

RICH = (LENINA, SPORTIVNAYA, NIKITINO, MOROZY, DRAFT, LATE, CHITA_HEAT)

#: Not in RICH: an accident without photos, resolved between NOW and LATER, so its
#: status at the build's moment (and the notice's card) differs between the two.
MIRA = notice("mira-poryv", local("2026-11-23 10:30"), title="Порыв на ул. Мира",
              start=local("2026-11-23 10:15"), end=local("2026-11-23 17:00"),
              areas=(area(VKS, "Верхняя Салда", ("ул. Мира", None)),),
              updates=(update(1, local("2026-11-23 16:30"), "Порыв устранён.",
                              status="resolved"),))


def rich_model() -> Model:
    return model(*RICH)


def rich_images() -> tuple[ImageIndex, dict[str, bytes]]:
    """The trench photo published (crew photo not), and a preview card for every notice
    (as of the build) and for every event (as of that event)."""
    photos, files = photo_index(TRENCH, "media/photos/trench-1280.jpg", 54_321)
    cards: dict[str, Variant] = {}
    event_cards: dict[tuple[str, int], Variant] = {}
    for number, n in enumerate(RICH):
        cards[n.id] = _fake_card(f"media/cards/card-{number}.png", 1000 + number, files)
        for event in n.events():
            event_cards[n.id, event.index] = _fake_card(
                f"media/cards/card-{number}-{event.index}.png", 2000 + 10 * number + event.index,
                files)
    return ImageIndex(photos=photos.photos, cards=cards, event_cards=event_cards), files


def _fake_card(url: str, size: int, files: dict[str, bytes]) -> Variant:
    files[url] = b"\x89PNG\r\n\x1a\n" + bytes(size - 8)
    return Variant(url, 1200, 630, "image/png", size)


def rich_model_with_photos(content: Path, *extra: Notice) -> Model:
    """The rich model (and ``extra`` notices) with their photos as real JPEG files under
    ``content``, for the image stage."""
    def real(photo: Photo) -> Photo:
        path = content / photo.source.relative_to("/content")
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shade = len(photo.src) * 7 % 256
            Image.new("RGB", (800, 600), (shade, 90, 160)).save(path, "JPEG", quality=90)
        return replace(photo, source=path)

    def moved(n: Notice) -> Notice:
        updates = tuple(replace(u, photos=tuple(map(real, u.photos))) for u in n.updates)
        return replace(n, photos=tuple(map(real, n.photos)), updates=updates)

    return replace(model(*map(moved, RICH + extra)), content_root=content)
