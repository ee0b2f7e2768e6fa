"""House lists as staff write them: ``1–15, 17, 19к2``, ``чётные 2–20``, ``нечётные``.

Grammar (items separated by commas or semicolons)::

    item    := parity? range | parity | house
    parity  := "чётные" | "четные" | "нечётные" | "нечетные"  (also "чет.", "нечет.")
    range   := number ("–" | "-" | "—" | "..") number
    house   := number suffix?          e.g. 17, 19к2, 5а, 12/1, 7 стр. 1

A range covers every house whose number lies in it (so ``1–15`` covers ``3а``),
restricted to one parity when a parity word is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Parity = Literal["even", "odd"]

_PARITY_WORDS: dict[str, Parity] = {
    "чётные": "even", "четные": "even", "чет.": "even", "чёт.": "even", "чет": "even",
    "нечётные": "odd", "нечетные": "odd", "нечет.": "odd", "нечёт.": "odd", "нечет": "odd",
}
_RANGE = re.compile(r"^(\d{1,5})\s*(?:–|—|-|\.\.)\s*(\d{1,5})$")
_HOUSE = re.compile(r"^(\d{1,5})\s*([а-яёa-z]?)\s*(?:(?:к|корп\.?|корпус)\s*(\d+))?"
                    r"\s*(?:/\s*(\d+))?\s*(?:(?:стр\.?|строение|с)\s*(\d+))?$")

EXAMPLE = "1–15, 17, 19к2, чётные 2–20, нечётные"


class HouseListError(ValueError):
    """A house list that cannot be read; the message says which part."""


@dataclass(frozen=True)
class HouseRule:
    """One item of a house list: an exact house, or a range of numbers with a parity."""

    low: int
    high: int
    parity: Parity | None = None
    exact: str | None = None  # a single house: only this normalised label matches

    def covers(self, number: int, label: str) -> bool:
        if self.exact is not None:
            return label == self.exact
        if not self.low <= number <= self.high:
            return False
        return self.parity is None or (number % 2 == 0) == (self.parity == "even")

    def to_json(self) -> dict[str, object]:
        return {"low": self.low, "high": self.high, "parity": self.parity, "exact": self.exact}


@dataclass(frozen=True)
class HouseSet:
    """A parsed house list; ``text`` is what staff wrote."""

    text: str
    rules: tuple[HouseRule, ...]

    def covers(self, house: str) -> bool:
        parsed = parse_house(house)
        if parsed is None:
            return False
        number, label = parsed
        return any(rule.covers(number, label) for rule in self.rules)

    def to_json(self) -> list[dict[str, object]]:
        return [rule.to_json() for rule in self.rules]


def normalise_house(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def parse_house(text: str) -> tuple[int, str] | None:
    """A house as residents type it → (number, normalised label), or None.

    >>> parse_house("19 к 2")
    (19, '19к2')
    """
    match = _HOUSE.match(normalise_house(text))
    if match is None:
        return None
    number, letter, block, fraction, building = match.groups()
    label = number + letter
    if block:
        label += f"к{block}"
    if fraction:
        label += f"/{fraction}"
    if building:
        label += f"с{building}"
    return int(number), label


def parse_houses(text: str) -> HouseSet:
    """Parse a house list, raising :class:`HouseListError` naming the unreadable item."""
    items = [item.strip() for item in re.split(r"[,;]", str(text))]
    if not any(items):
        raise HouseListError("список домов пуст")
    rules = tuple(_parse_item(item) for item in items if item)
    return HouseSet(str(text), rules)


def _parse_item(item: str) -> HouseRule:
    words = normalise_house(item).split(maxsplit=1)
    parity = _PARITY_WORDS.get(words[0]) if words else None
    rest = words[1] if parity and len(words) > 1 else ("" if parity else normalise_house(item))
    if parity and not rest:
        return HouseRule(0, 99999, parity)
    match = _RANGE.match(rest)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if low > high:
            raise HouseListError(f"в диапазоне «{item}» первый номер больше второго")
        return HouseRule(low, high, parity)
    if parity:
        raise HouseListError(f"после «{item.split()[0]}» ожидается диапазон вроде «2–20», "
                             f"а найдено «{rest}»")
    house = parse_house(rest)
    if house is None:
        raise HouseListError(f"не удалось прочитать номер дома «{item}»")
    number, label = house
    return HouseRule(number, number, exact=label)
