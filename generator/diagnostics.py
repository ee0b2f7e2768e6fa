"""Diagnostics: content mistakes as values.

A check never raises for a staff member's mistake: it returns
:class:`Diagnostic` values, which are collected, sorted and reported together.
Every code is stable; :data:`CODES` is the table the staff guide documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


#: Every diagnostic code, with a one-line Russian summary for the staff guide.
CODES: dict[str, str] = {
    # Reading the file
    "E001": "файл не в кодировке UTF-8",
    "E002": "файл пуст",
    "E003": "файл слишком большой",
    "E004": "на месте файла находится папка или иной объект",
    "E005": "ошибка синтаксиса YAML",
    "E006": "нет блока свойств между строками ---",
    "E007": "табуляция в отступе",
    "E008": "ключ повторяется",
    # Shape of the data
    "E010": "неизвестное поле",
    "E011": "обязательное поле отсутствует",
    "E012": "значение неверного типа",
    "E013": "значение не из словаря",
    "E014": "неверный формат даты и времени",
    "E015": "неверный идентификатор или имя файла",
    "E016": "текст слишком длинный или пустой",
    "E017": "неверный часовой пояс",
    "E018": "значение в списке повторяется",
    # Organizations and places
    "E020": "организация не найдена",
    "E021": "населённый пункт не обслуживается организацией",
    "E022": "услуга не оказывается организацией",
    "E023": "неверный формат списка домов",
    # Time order and status
    "E030": "окончание не позже начала",
    "E031": "обновления не по порядку времени",
    "E032": "обновление раньше публикации",
    "E033": "повторное «устранено» или «отменено»",
    "E034": "запись после отмены",
    "E035": "дата в имени файла не совпадает с датой публикации",
    "E036": "идентификатор уведомления повторяется",
    "E037": "файл уведомления лежит не в той папке",
    # Photos
    "E040": "файл фотографии не найден",
    "E041": "фотография вне папки content/",
    "E042": "файл не является изображением или повреждён",
    "E043": "изображение слишком большое",
    "E044": "изображение в неподдерживаемом формате",
    # Repository rules
    "E050": "изменение не разрешено автору",
    "E051": "файл CODEOWNERS устарел",
    # Warnings
    "W001": "время публикации ещё не наступило",
    "W002": "время обновления ещё не наступило",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one file, at one place."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def error(path: Path | str, line: int, column: int, code: str, message: str,
          hint: str | None = None) -> Diagnostic:
    return Diagnostic(str(path), line, column, code, message, hint, Severity.ERROR)


def warning(path: Path | str, line: int, column: int, code: str, message: str,
            hint: str | None = None) -> Diagnostic:
    return Diagnostic(str(path), line, column, code, message, hint, Severity.WARNING)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.column, d.code, d.message))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


class NoticesError(Exception):
    """Base of the exceptions a user can cause; the command line prints them without a traceback.

    NoticesError
     ├── ContentInvalid   validation found errors; carries the diagnostics
     └── UsageError       a bad option or argument (exit code 2)
    """

    exit_code = 1


class ContentInvalid(NoticesError):
    """Content with errors: what was found, and in how many files it was looked for."""

    def __init__(self, diagnostics: list[Diagnostic], files: int = 0) -> None:
        self.diagnostics = diagnostics
        self.files = files
        errors = sum(1 for d in diagnostics if d.is_error)
        super().__init__(f"найдено ошибок: {errors}; ничего не записано")

    def __reduce__(self) -> tuple[type[ContentInvalid], tuple[list[Diagnostic], int]]:
        """Pickled as its arguments, so it reaches the parent of a forked process intact."""
        return type(self), (self.diagnostics, self.files)


class UsageError(NoticesError):
    exit_code = 2
