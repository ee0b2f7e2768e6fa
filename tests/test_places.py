"""Settlement and street names compared as residents and staff write them."""

from __future__ import annotations

from generator.places import place_key, settlement_core, street_core


def test_a_street_compares_equal_however_its_type_is_written() -> None:
    assert street_core("улица Ленина") == street_core("ул. Ленина") == street_core("Ленина ул")
    assert street_core("пр. Мира") == street_core("проспект Мира") != street_core("ул. Мира")


def test_a_street_named_like_a_street_type_keeps_its_name() -> None:
    naberezhnaya = street_core("ул. Набережная")
    assert naberezhnaya == street_core("Набережная улица") == "ул. набережная"
    assert naberezhnaya not in {street_core("ул. Мира"), street_core("ул. 8 Марта")}
    assert street_core("наб. реки Исеть") == "наб. реки исеть"


def test_same_settlement_names_in_two_regions_are_two_places() -> None:
    assert settlement_core("посёлок Песчаный Карьер") == "песчаный карьер"
    assert place_key("Свердловская область", "деревня Никитино") != place_key(
        "Забайкальский край", "деревня Никитино")
