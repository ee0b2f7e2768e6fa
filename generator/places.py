"""Settlement and street names: how they are compared and how they become slugs."""

from __future__ import annotations

import re
from functools import lru_cache

from slugify import slugify

from .vocabulary import SETTLEMENT_TYPE_WORDS

_WORD = re.compile(r"[\w.]+", re.UNICODE)

#: Street-type words and the one abbreviation each is shown with.
STREET_TYPES: dict[str, str] = {
    "улица": "ул.", "ул": "ул.", "ул.": "ул.",
    "проспект": "пр-т", "пр-т": "пр-т", "просп.": "пр-т", "пр.": "пр-т",
    "переулок": "пер.", "пер": "пер.", "пер.": "пер.",
    "бульвар": "б-р", "б-р": "б-р", "бул.": "б-р",
    "площадь": "пл.", "пл": "пл.", "пл.": "пл.",
    "шоссе": "ш.", "ш.": "ш.",
    "проезд": "пр-д", "пр-д": "пр-д",
    "тупик": "туп.", "туп.": "туп.",
    "набережная": "наб.", "наб.": "наб.",
    "микрорайон": "мкр.", "мкр": "мкр.", "мкр.": "мкр.",
    "квартал": "кв-л", "кв-л": "кв-л",
}


def fold(text: str) -> str:
    """Lower case with ё read as е and runs of spaces collapsed."""
    return " ".join(text.lower().replace("ё", "е").split())


def settlement_core(name: str) -> str:
    """The comparable core of a settlement name: no type words, case or ё.

    >>> settlement_core("посёлок Песчаный Карьер")
    'песчаный карьер'
    """
    words = [w for w in fold(name).split() if w not in SETTLEMENT_TYPE_WORDS]
    return " ".join(words) or fold(name)


@lru_cache(maxsize=65536)
def street_core(name: str) -> str:
    """The comparable core of a street name: type word normalised, case and ё ignored.

    >>> street_core("улица Ленина") == street_core("ул. Ленина")
    True
    >>> street_core("ул. Набережная") == street_core("Набережная улица") != street_core("ул. Мира")
    True
    """
    words = fold(name).replace(".", ". ").split()
    kinds = [STREET_TYPES[w] for w in words if w in STREET_TYPES]
    rest = [w for w in words if w not in STREET_TYPES]
    if not rest and len(words) > 1:
        # "ул. Набережная", "Набережная улица": a type word is the name; the kind is the other
        kind = next((w for w in words if STREET_TYPES[w] != "наб."), words[0])
        return " ".join([STREET_TYPES[kind], *(w for w in words if w != kind)])
    return " ".join(kinds[:1] + rest)


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A URL slug with Russian transliteration: 'Верхняя Салда' → 'verkhniaia-salda'.

    Cached: python-slugify tries to import the optional ``unidecode`` on every call.
    """
    return slugify(text.replace("ё", "е").replace("Ё", "Е"), max_length=80) or "x"


@lru_cache(maxsize=65536)
def place_key(region: str, settlement: str) -> str:
    """The stable key of a settlement: region and name, so same names in two regions differ."""
    return f"{slug(region)}--{slug(settlement_core(settlement))}"
