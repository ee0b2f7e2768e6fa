"""Problems found in a bridge configuration file, as values.

They reuse :class:`generator.diagnostics.Diagnostic` (path, line, column, code,
message, hint, severity) with codes of their own, ``B0xx``, so that
``notices bridge check`` reports the way ``notices validate`` does::

    bridge.yml:12:5: error[B018]: канал 'vks-maks' не описан в разделе channels
      hint: может быть, 'vks-max'?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, Severity

#: Every bridge diagnostic code, with a one-line Russian summary for docs/bridge.md.
BRIDGE_CODES: dict[str, str] = {
    # Reading the file
    "B001": "файл настроек не найден или не читается",
    "B002": "ошибка синтаксиса YAML",
    "B003": "ключ повторяется",
    "B004": "файл пуст или в нём нет разделов «ключ: значение»",
    "B005": "файл не в кодировке UTF-8",
    # Shape of the data
    "B010": "неизвестное поле",
    "B011": "обязательное поле отсутствует",
    "B012": "значение неверного типа",
    "B013": "мессенджер не из списка max, telegram",
    "B014": "неверный идентификатор чата",
    "B015": "неверное имя переменной окружения",
    "B016": "переменная окружения с токеном не задана",
    "B017": "неверный адрес (URL)",
    "B018": "канал не описан в разделе channels",
    "B019": "у ленты должно быть ровно одно из полей url, organization, settlement, all",
    "B020": "для ленты по ключу нужен адрес сайта site",
    "B021": "канал описан, но ни одна лента в него не идёт",
    "B022": "одна и та же лента направлена в канал дважды",
    "B023": "неверное число",
    # Checks over the network (bridge check --online)
    "B030": "ленты с таким ключом нет в feeds/index.json",
    "B031": "сайт или лента недоступны",
    "B032": "лента не читается как JSON Feed",
    "B033": "мессенджер отклонил токен",
    "B034": "бот не видит чат или канал",
    "B035": "мессенджер недоступен",
}


@dataclass(frozen=True, order=True)
class BridgeDiagnostic(Diagnostic):
    """A :class:`Diagnostic` whose code comes from :data:`BRIDGE_CODES`, always with a hint:
    the person reading it is told what to do, not only what is wrong."""

    def __post_init__(self) -> None:
        if self.code not in BRIDGE_CODES:
            raise ValueError(f"unknown bridge diagnostic code {self.code}")
        if not self.hint:
            raise ValueError(f"bridge diagnostic {self.code} without a hint")


def error(path: Path | str, line: int, column: int, code: str, message: str,
          hint: str) -> BridgeDiagnostic:
    return BridgeDiagnostic(str(path), line, column, code, message, hint, Severity.ERROR)


def warning(path: Path | str, line: int, column: int, code: str, message: str,
            hint: str) -> BridgeDiagnostic:
    return BridgeDiagnostic(str(path), line, column, code, message, hint, Severity.WARNING)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``path:line:col: error[B0xx]: message`` and, when there is one, an indented hint line."""
    head = (f"{diagnostic.location()}: {diagnostic.severity.value}"
            f"[{diagnostic.code}]: {diagnostic.message}")
    return head if diagnostic.hint is None else f"{head}\n  hint: {diagnostic.hint}"


def did_you_mean(found: str, known: Iterable[str]) -> str | None:
    """A hint naming the closest known word, or None when nothing is close."""
    matches = difflib.get_close_matches(found, list(known), n=1, cutoff=0.6)
    return f"может быть, '{matches[0]}'?" if matches else None
