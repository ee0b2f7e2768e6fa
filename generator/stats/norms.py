"""The permissible interruptions of Decree No. 354, Appendix 1, read from ``norms.yml``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

NORMS_FILE = Path(__file__).with_name("norms.yml")


@dataclass(frozen=True)
class SingleLimit:
    """A permissible continuous interruption, for some notice types and maybe one situation."""

    hours: float
    types: tuple[str, ...]
    when: str | None = None  # None: always, for these types

    def applies_to(self, notice_type: str) -> bool:
        return notice_type in self.types


@dataclass(frozen=True)
class Exception_:
    """A situation in which the norm's figures do not apply: other rules set the duration."""

    types: tuple[str, ...]
    when: str  # «это ежегодные ремонтные и профилактические работы»
    when_not: str  # «это не ежегодные ремонтные и профилактические работы»
    rule: str

    def applies_to(self, notice_type: str) -> bool:
        return notice_type in self.types


@dataclass(frozen=True)
class Norm:
    service: str
    item: int
    item_confirmed: bool
    monthly_hours: float | None
    single: tuple[SingleLimit, ...]
    exceptions: tuple[Exception_, ...]
    quote: str
    sources: tuple[str, ...]

    def single_for(self, notice_type: str) -> tuple[SingleLimit, ...]:
        return tuple(limit for limit in self.single if limit.applies_to(notice_type))

    def exceptions_for(self, notice_type: str) -> tuple[Exception_, ...]:
        return tuple(exc for exc in self.exceptions if exc.applies_to(notice_type))


@dataclass(frozen=True)
class Norms:
    checked: date
    decree_short: str
    decree_short_dative: str
    decree_title: str
    decree_url: str
    appendix: int
    percent_per_hour: float
    by_service: dict[str, Norm]

    def get(self, service: str) -> Norm | None:
        return self.by_service.get(service)

    def citation(self, norm: Norm) -> str:
        """'Правила № 354, приложение 1, п. 4' — the source as residents read it."""
        return f"{self.decree_short}, приложение {self.appendix}, п. {norm.item}"


def _limit(raw: dict[str, Any]) -> SingleLimit:
    return SingleLimit(hours=float(raw["hours"]), types=tuple(raw["types"]), when=raw.get("when"))


def _exception(raw: dict[str, Any]) -> Exception_:
    return Exception_(types=tuple(raw["types"]), when=str(raw["when"]),
                      when_not=str(raw["when_not"]), rule=" ".join(str(raw["rule"]).split()))


def _norm(service: str, raw: dict[str, Any]) -> Norm:
    monthly = raw.get("monthly_hours")
    return Norm(
        service=service,
        item=int(raw["item"]),
        item_confirmed=bool(raw["item_confirmed"]),
        monthly_hours=None if monthly is None else float(monthly),
        single=tuple(_limit(limit) for limit in raw.get("single") or ()),
        exceptions=tuple(_exception(exc) for exc in raw.get("exceptions") or ()),
        quote=" ".join(str(raw["quote"]).split()),
        sources=tuple(raw.get("sources") or ()),
    )


def parse_norms(raw: dict[str, Any]) -> Norms:
    checked = raw["checked"]
    return Norms(
        checked=checked if isinstance(checked, date) else date.fromisoformat(str(checked)),
        decree_short=str(raw["decree"]["short"]),
        decree_short_dative=str(raw["decree"]["short_dative"]),
        decree_title=" ".join(str(raw["decree"]["title"]).split()),
        decree_url=str(raw["decree"]["url"]),
        appendix=int(raw["decree"]["appendix"]),
        percent_per_hour=float(raw["recalculation"]["percent_per_hour"]),
        by_service={name: _norm(name, body) for name, body in raw["services"].items()},
    )


@cache
def load_norms(path: Path = NORMS_FILE) -> Norms:
    """The reviewed norms shipped with the package."""
    return parse_norms(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
