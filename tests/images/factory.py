"""Real models, build contexts and phone-like photos for the image stage tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageCms

from generator.context import BuildContext
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

TZ = ZoneInfo("Asia/Yekaterinburg")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=TZ)
ORIENTATION, GPS_IFD, BODY_SERIAL, EXIF_IFD = 0x0112, 0x8825, 0xA431, 0x8769
SERIAL = "CAMSERIAL-0042-XYZ"


def organization(content: Path, name: str = "МУП «ВКС»") -> Organization:
    return Organization(
        id="vks-verkhnyaya-salda", name=name, region="Свердловская область",
        timezone="Asia/Yekaterinburg", services=("cold_water", "sewerage"),
        settlements=("Верхняя Салда", "деревня Никитино"),
        contacts=Contacts(dispatcher="+7 34345 0-00-00"), maintainers=("crew",),
        source=content / "organizations" / "vks-verkhnyaya-salda.yml")


def notice(content: Path, photos: tuple[Photo, ...] = (), updates: tuple[Update, ...] = (),
           org: Organization | None = None, slug: str = "lenina", **fields: object) -> Notice:
    org = org or organization(content)
    place = Place(org.region, "Верхняя Салда", org.timezone)
    village = Place(org.region, "деревня Никитино", org.timezone)
    values: dict[str, object] = dict(
        id=f"{org.id}/2026/2026-11-22-{slug}", organization=org,
        title="Отключение холодной воды на ул. Ленина", type="emergency",
        services=("cold_water",), published=datetime(2026, 11, 22, 9, 40, tzinfo=TZ),
        source=content / "notices" / org.id / "2026" / f"2026-11-22-{slug}.md",
        start=datetime(2026, 11, 22, 9, 15, tzinfo=TZ),
        end=datetime(2026, 11, 22, 18, 0, tzinfo=TZ),
        areas=(Area(place, (StreetArea("ул. Ленина"), StreetArea("ул. Энгельса"))),
               Area(village)),
        photos=photos, updates=updates)
    values.update(fields)
    return Notice(**values)  # type: ignore[arg-type]


def context(content: Path, notices: tuple[Notice, ...], site: Path, cache: Path,
            now: datetime = NOW) -> BuildContext:
    model = Model(organizations=(notices[0].organization,) if notices else (),
                  notices=tuple(sorted(notices, key=lambda n: n.id)), content_root=content)
    site.mkdir(parents=True, exist_ok=True)
    (site.parent / "work").mkdir(parents=True, exist_ok=True)
    return BuildContext(model=model, now=now, config=SiteConfig(), site_dir=site,
                        work_dir=site.parent / "work", cache_dir=cache, mkdocs_config=None)


def phone_photo(path: Path, size: tuple[int, int] = (400, 200), orientation: int = 6,
                marker: tuple[int, int, int] = (255, 0, 0), icc: bool = True) -> Path:
    """A JPEG as a phone writes it: stored sideways with an orientation tag, GPS position,
    camera serial, a comment and (unless told not to) an ICC profile. A 40×40 marker
    sits in the stored top-left corner."""
    image = Image.new("RGB", size, (40, 120, 200))
    image.paste(marker, (0, 0, 40, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = SERIAL
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (57.0, 38.0, 12.5), 3: "E", 4: (60.0, 11.0, 3.25)})
    path.parent.mkdir(parents=True, exist_ok=True)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() if icc else None
    image.save(path, "JPEG", quality=95, exif=exif, comment=b"taken by " + SERIAL.encode(),
               icc_profile=profile)
    return path
