from __future__ import annotations

import pytest

from generator.houses import HouseListError, parse_house, parse_houses


@pytest.mark.parametrize(("listing", "house", "covered"), [
    ("1–15, 17, 19к2", "1", True),
    ("1–15, 17, 19к2", "15", True),
    ("1–15, 17, 19к2", "3а", True),  # a range covers lettered houses in it
    ("1–15, 17, 19к2", "16", False),
    ("1–15, 17, 19к2", "17", True),
    ("1–15, 17, 19к2", "17а", False),  # a single house is only that house
    ("1–15, 17, 19к2", "19 к 2", True),
    ("1–15, 17, 19к2", "19К2", True),
    ("1–15, 17, 19к2", "19", False),
    ("чётные 2–20", "4", True),
    ("чётные 2–20", "5", False),
    ("чётные 2–20", "22", False),
    ("нечётные", "101", True),
    ("нечетные", "100", False),
    ("12/1, 7 стр. 1", "12/1", True),
    ("12/1, 7 стр. 1", "7с1", True),
    ("1-5; 9", "9", True),
])
def test_house_lists(listing: str, house: str, covered: bool) -> None:
    assert parse_houses(listing).covers(house) is covered


@pytest.mark.parametrize(("listing", "message"), [
    ("1–15, 17 и 19", "не удалось прочитать номер дома «17 и 19»"),
    ("15–1", "в диапазоне «15–1» первый номер больше второго"),
    ("чётные с 2", "после «чётные» ожидается диапазон вроде «2–20», а найдено «с 2»"),
    (" , ", "список домов пуст"),
])
def test_unreadable_lists_say_which_part(listing: str, message: str) -> None:
    with pytest.raises(HouseListError, match=message):
        parse_houses(listing)


def test_a_typed_house_that_is_not_a_number_matches_nothing() -> None:
    assert parse_house("дом у реки") is None
    assert not parse_houses("1–15").covers("дом у реки")
