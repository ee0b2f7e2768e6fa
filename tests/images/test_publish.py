"""The image stage as the build runs it: real files in, real files out, read back with Pillow."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from generator.diagnostics import ContentInvalid
from generator.images import ImageIndex, PublishedPhoto, picture_html, publish_images
from generator.images.publish import publish
from generator.model import Photo, Update

from .factory import SERIAL, TZ, context, notice, phone_photo

RED, BLUE = (255, 0, 0), (40, 120, 200)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _near(pixel: object, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


@pytest.mark.parametrize("icc", [True, False], ids=["with-icc", "without-icc"])
def test_published_variants_carry_no_metadata(icc: bool, content: Path, photo_dir: Path,
                                              tmp_path: Path) -> None:
    source = phone_photo(photo_dir / "pipe.jpg", size=(1600, 1000), icc=icc)
    with Image.open(source) as original:  # the test photo really carries what must go
        assert original.getexif().get_ifd(0x8825) and "comment" in original.info
        assert ("icc_profile" in original.info) == icc
    ctx = context(content, (notice(content, (Photo(source, "photos/pipe.jpg"),)),),
                  tmp_path / "out" / "site", tmp_path / "cache")
    index = publish_images(ctx)

    variants = index.photos[source].variants
    assert {v.mime for v in variants} == {"image/jpeg", "image/webp"}
    for variant in variants:
        path = ctx.site_dir / variant.url
        data = path.read_bytes()
        with Image.open(path) as image:
            assert len(image.getexif()) == 0
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(
                image.info)
            assert image.format == {"image/jpeg": "JPEG", "image/webp": "WEBP"}[variant.mime]
            assert image.size == (variant.width, variant.height)
        assert variant.length == len(data)
        for secret in (SERIAL.encode(), b"PhoneMaker", b"Exif\x00\x00"):
            assert secret not in data


def test_orientation_6_turns_a_landscape_photo_portrait(content: Path, photo_dir: Path,
                                                        tmp_path: Path) -> None:
    # Stored 400×200 with the marker top-left; orientation 6 means "rotate 90° clockwise
    # to display", so upright it is 200×400 with the marker top-right.
    source = phone_photo(photo_dir / "side.jpg", size=(400, 200), orientation=6)
    ctx = context(content, (notice(content, (Photo(source, "photos/side.jpg"),)),),
                  tmp_path / "site", tmp_path / "cache")
    photo = publish_images(ctx).photos[source]

    assert [(v.width, v.height) for v in photo.of_type("image/jpeg")] == [(200, 400)]
    for variant in photo.variants:
        with Image.open(ctx.site_dir / variant.url) as image:
            rgb = image.convert("RGB")
            assert rgb.size == (200, 400)
            assert _near(rgb.getpixel((180, 20)), RED)  # top-right
            assert _near(rgb.getpixel((20, 20)), BLUE)  # top-left
            assert _near(rgb.getpixel((20, 380)), BLUE)  # bottom-left


def test_widths_are_480_and_1280_and_never_upscaled(content: Path, photo_dir: Path,
                                                     tmp_path: Path) -> None:
    big = phone_photo(photo_dir / "big.jpg", size=(2000, 1500), orientation=1)
    mid = phone_photo(photo_dir / "mid.jpg", size=(900, 600), orientation=1)
    ctx = context(content, (notice(content, (Photo(big, "photos/big.jpg"),
                                             Photo(mid, "photos/mid.jpg"))),),
                  tmp_path / "site", tmp_path / "cache")
    index = publish_images(ctx)

    def sizes(photo: PublishedPhoto, mime: str) -> list[tuple[int, int]]:
        return [(v.width, v.height) for v in photo.of_type(mime)]

    for mime in ("image/jpeg", "image/webp"):
        assert sizes(index.photos[big], mime) == [(480, 360), (1280, 960)]
        assert sizes(index.photos[mid], mime) == [(480, 320), (900, 600)]
    assert index.photos[big].fallback.width == 1280


def test_the_original_is_never_published(content: Path, photo_dir: Path, tmp_path: Path) -> None:
    source = phone_photo(photo_dir / "pipe.jpg", size=(1000, 800), orientation=1)
    ctx = context(content, (notice(content, (Photo(source, "photos/pipe.jpg"),)),),
                  tmp_path / "site", tmp_path / "cache")
    publish_images(ctx)

    original = hashlib.sha256(source.read_bytes()).hexdigest()
    published = _files(ctx.site_dir)
    assert published  # photos and a card
    assert all(hashlib.sha256(b).hexdigest() != original for b in published.values())
    assert not any(Path(name).name == "pipe.jpg" for name in published)
    assert all(name.startswith(("media/photos/", "media/cards/")) for name in published)


def test_a_rebuild_encodes_only_new_photos(content: Path, photo_dir: Path,
                                           tmp_path: Path) -> None:
    first = phone_photo(photo_dir / "a.jpg", size=(800, 600))
    second = phone_photo(photo_dir / "b.jpg", size=(800, 600), marker=(0, 255, 0))
    cache = tmp_path / "cache"
    one = (notice(content, (Photo(first, "photos/a.jpg"),)),)
    cold = publish(context(content, one, tmp_path / "1" / "site", cache), workers=1)
    assert (cold.photos_encoded, cold.photos_reused, cold.cards_drawn) == (1, 0, 1)
    cached = {p: p.stat().st_mtime_ns for p in (cache / "images").rglob("*") if p.is_file()}

    warm = publish(context(content, one, tmp_path / "2" / "site", cache), workers=1)
    assert (warm.photos_encoded, warm.photos_reused) == (0, 1)
    assert (warm.cards_drawn, warm.cards_reused) == (0, 1)
    assert {p: p.stat().st_mtime_ns for p in cached} == cached  # nothing rewritten

    two = (notice(content, (Photo(first, "photos/a.jpg"), Photo(second, "photos/b.jpg"))),)
    grown = publish(context(content, two, tmp_path / "3" / "site", cache), workers=1)
    assert (grown.photos_encoded, grown.photos_reused) == (1, 1)
    assert _files(tmp_path / "2" / "site").items() <= _files(tmp_path / "3" / "site").items()


def test_a_damaged_cache_file_is_encoded_again(content: Path, photo_dir: Path,
                                              tmp_path: Path) -> None:
    source = phone_photo(photo_dir / "a.jpg", size=(800, 600))
    cache = tmp_path / "cache"
    one = (notice(content, (Photo(source, "photos/a.jpg"),)),)
    cold = publish(context(content, one, tmp_path / "1" / "site", cache), workers=1)
    cold_files = _files(tmp_path / "1" / "site")
    damaged = sorted((cache / "images" / "files").iterdir())[0]
    damaged.unlink()
    damaged.write_bytes(b"half a file")  # a new file: the first site's link keeps its bytes

    warm = publish(context(content, one, tmp_path / "2" / "site", cache), workers=1)
    assert (warm.photos_encoded + warm.cards_drawn) == 1
    assert _files(tmp_path / "2" / "site") == cold_files
    assert cold.index == warm.index


def test_two_builds_give_identical_bytes(content: Path, photo_dir: Path, tmp_path: Path) -> None:
    photos = tuple(Photo(phone_photo(photo_dir / f"p{n}.jpg", size=(1500 + 100 * n, 1000)),
                         f"photos/p{n}.jpg") for n in range(3))
    notices = (notice(content, photos[:2]), notice(content, photos[2:], slug="engelsa",
                                                    services=("sewerage",)))
    # Two cold builds (separate caches, one on the process pool), then a warm one.
    publish(context(content, notices, tmp_path / "a" / "site", tmp_path / "cache-a"), workers=2)
    publish(context(content, notices, tmp_path / "b" / "site", tmp_path / "cache-b"), workers=1)
    publish(context(content, notices, tmp_path / "c" / "site", tmp_path / "cache-a"), workers=2)

    a, b, c = (_files(tmp_path / x / "site") for x in "abc")
    assert len(a) == 3 * 4 + 2  # 3 photos × 2 widths × 2 formats, 2 cards
    assert a == b == c


def test_a_damaged_photo_stops_the_stage_with_its_code(content: Path, photo_dir: Path,
                                                       tmp_path: Path) -> None:
    """The validator reports it first; should one slip through, it still never reaches the site."""
    good = phone_photo(photo_dir / "good.jpg", size=(800, 600))
    bad = photo_dir / "bad.jpg"
    Image.effect_noise((1600, 1200), 60).convert("RGB").save(bad, "JPEG")
    bad.write_bytes(bad.read_bytes()[: bad.stat().st_size * 6 // 10])  # an upload cut short
    ctx = context(content, (notice(content, (Photo(good, "photos/good.jpg"),
                                             Photo(bad, "photos/bad.jpg"))),),
                  tmp_path / "site", tmp_path / "cache")
    with pytest.raises(ContentInvalid) as raised:
        publish(ctx, workers=2)
    [diagnostic] = raised.value.diagnostics
    assert diagnostic.code == "E042"
    assert diagnostic.path.endswith("photos/bad.jpg")
    assert "обрывается" in diagnostic.message


def test_photos_of_updates_are_published_and_drafts_are_not(content: Path, photo_dir: Path,
                                                           tmp_path: Path) -> None:
    works = phone_photo(photo_dir / "works.jpg", size=(800, 600))
    secret = phone_photo(photo_dir / "draft.jpg", size=(800, 600))
    update = Update(1, datetime(2026, 11, 22, 9, 50, tzinfo=TZ), "Ведутся работы.",
                    photos=(Photo(works, "photos/works.jpg", "Идут работы"),))
    published = notice(content, updates=(update,))
    draft = notice(content, (Photo(secret, "photos/draft.jpg"),), slug="draft", draft=True)
    index = publish_images(context(content, (published, draft), tmp_path / "site",
                                   tmp_path / "cache"))
    assert set(index.photos) == {works}
    assert index.photos[works].caption == "Идут работы"
    assert set(index.cards) == {published.id}


def test_transparent_png_is_laid_over_white(content: Path, photo_dir: Path,
                                            tmp_path: Path) -> None:
    source = photo_dir / "scheme.png"
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (0, 0, 300, 400))
    image.save(source)
    ctx = context(content, (notice(content, (Photo(source, "photos/scheme.png"),)),),
                  tmp_path / "site", tmp_path / "cache")
    photo = publish_images(ctx).photos[source]
    with Image.open(ctx.site_dir / photo.fallback.url) as published:
        assert published.mode == "RGB"
        assert _near(published.getpixel((500, 200)), (255, 255, 255), 6)
        assert _near(published.getpixel((100, 200)), (200, 30, 30))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_picture_html_has_srcset_size_and_lazy_loading(content: Path, photo_dir: Path,
                                                       tmp_path: Path) -> None:
    source = phone_photo(photo_dir / "pipe.jpg", size=(2000, 1500), orientation=1)
    caption = 'Место «прорыва» <ул. Ленина> & "двор"'
    ctx = context(content, (notice(content, (Photo(source, "photos/pipe.jpg", caption),)),),
                  tmp_path / "site", tmp_path / "cache")
    photo = publish_images(ctx).photos[source]

    parser = _Tags()
    parser.feed(picture_html(photo, base="../../"))
    (picture, _), (source_tag, webp), (img_tag, img) = parser.tags
    assert (picture, source_tag, img_tag) == ("picture", "source", "img")
    assert webp["type"] == "image/webp"
    assert webp["srcset"] == ", ".join(f"../../{v.url} {v.width}w"
                                       for v in photo.of_type("image/webp"))
    assert img["srcset"] == ", ".join(f"../../{v.url} {v.width}w"
                                      for v in photo.of_type("image/jpeg"))
    assert img["src"] == f"../../{photo.fallback.url}"
    assert (img["width"], img["height"]) == ("1280", "960")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert img["alt"] == caption and img["sizes"] and webp["sizes"]
    for variant in photo.variants:  # every URL points at a file that exists
        assert (ctx.site_dir / variant.url).is_file()


def test_an_empty_model_publishes_nothing(content: Path, tmp_path: Path) -> None:
    ctx = context(content, (), tmp_path / "site", tmp_path / "cache")
    assert publish_images(ctx) == ImageIndex()


def test_the_cache_forgets_what_no_build_used_for_a_week(content: Path, photo_dir: Path,
                                                        tmp_path: Path) -> None:
    kept = notice(content, (Photo(phone_photo(photo_dir / "a.jpg"), "photos/a.jpg"),))
    gone = notice(content, (Photo(phone_photo(photo_dir / "b.jpg", size=(500, 300)),
                                  "photos/b.jpg"),), slug="mira", title="Нет воды на ул. Мира")
    cache = tmp_path / "cache"
    both = publish(context(content, (kept, gone), tmp_path / "1" / "site", cache))
    files = cache / "images" / "files"
    gone_files = {Path(v.url).name for v in both.index.photos[gone.photos[0].source].variants}
    assert gone_files <= {p.name for p in files.iterdir()}

    alone = context(content, (kept,), tmp_path / "2" / "site", cache)
    publish(alone)  # a week has not passed: another build may still want them
    assert gone_files <= {p.name for p in files.iterdir()}

    week_ago = time.time() - 8 * 24 * 3600
    for made in [*(cache / "images" / "manifests").rglob("*.json"), *files.iterdir()]:
        os.utime(made, (week_ago, week_ago))
    again = publish(context(content, (kept,), tmp_path / "3" / "site", cache))
    left = {p.name for p in files.iterdir()}
    assert not gone_files & left  # the photo of the notice that went
    assert {Path(v.url).name for v in again.index.photos[kept.photos[0].source].variants} <= left
    assert (again.photos_encoded, again.cards_drawn) == (0, 0)  # what was used stayed


def test_published_images_are_readable_by_the_web_server(content: Path, photo_dir: Path,
                                                         tmp_path: Path) -> None:
    """Files reach the site as hard links to the cache: they must be world-readable (an
    nginx worker runs as another user), also when an older cache left them 0600."""
    source = phone_photo(photo_dir / "pipe.jpg")
    the_notice = notice(content, (Photo(source, "photos/pipe.jpg"),))
    first = context(content, (the_notice,), tmp_path / "1" / "site", tmp_path / "cache")
    publish(first)
    for cached in (tmp_path / "cache" / "images" / "files").iterdir():
        cached.chmod(0o600)
    second = context(content, (the_notice,), tmp_path / "2" / "site", tmp_path / "cache")
    publish(second)
    for site in (first.site_dir, second.site_dir):
        published = [p for p in (site / "media").rglob("*") if p.is_file()]
        assert published and all(p.stat().st_mode & 0o044 == 0o044 for p in published)
