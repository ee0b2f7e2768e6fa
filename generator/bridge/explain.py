"""Python's and the libraries' English failures, told in plain Russian.

Whoever runs the bridge reads its messages, and ``[Errno 13] Permission
denied`` or ``'utf-8' codec can't decode byte 0xe0`` tells them nothing they
can act on. Each function here turns one kind of failure into a sentence that
says what was found and, separately, what to do; the English original is
never shown::

    OSError while reading a file    -> explain_read_failure
    a folder in place of the file   -> explain_not_a_file
    OSError, sqlite3.Error on state -> explain_state_failure
    UnicodeDecodeError in a file    -> explain_not_utf8
    YAMLError                       -> explain_yaml_error
    httpx.HTTPError                 -> explain_network_failure
    an HTTP status other than 200   -> explain_status
    JSON that does not parse        -> explain_bad_json
"""

from __future__ import annotations

import errno
import json
import os
import pwd
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import httpx
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError


@dataclass(frozen=True)
class Explained:
    message: str
    hint: str
    where: tuple[int, int] = (1, 1)  # line, column in the file, when it is known


def current_user() -> str:
    """The name of the user the bridge runs as, to say whom to give access to."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"с номером {os.geteuid()}"


def _error_name(failure: OSError) -> str:
    return errno.errorcode.get(failure.errno or 0, str(failure.errno))


# Reading the configuration file


def explain_read_failure(failure: OSError, path: Path) -> Explained:
    """Why the configuration file at ``path`` cannot be read."""
    folder = path.absolute().parent
    if isinstance(failure, FileNotFoundError):
        if not folder.is_dir():
            return Explained(f"файл настроек не найден: нет папки {folder}",
                             "проверьте путь к файлу в команде; пример файла настроек — "
                             "в docs/bridge.md")
        return Explained(f"файл настроек не найден: в папке {folder} нет файла {path.name}",
                         "проверьте имя файла в команде; пример файла настроек — "
                         "в docs/bridge.md")
    if isinstance(failure, IsADirectoryError):
        return explain_not_a_file(path)
    if isinstance(failure, PermissionError):
        user = current_user()
        return Explained(f"нет права читать файл настроек: мост запущен от имени "
                         f"пользователя {user}, а ему этот файл недоступен",
                         f"дайте пользователю {user} право читать файл (и входить в папку "
                         f"{folder}) или запустите мост от имени того, кому файл доступен")
    return Explained(f"система не дала прочитать файл настроек (код ошибки "
                     f"{_error_name(failure)})",
                     "проверьте, что диск или сетевая папка доступны; если ошибка "
                     "повторяется, покажите это сообщение администратору сервера")


def explain_not_a_file(path: Path) -> Explained:
    kind = "папка" if path.is_dir() else "не обычный файл"
    return Explained(f"здесь {kind}, а нужен файл настроек",
                     "укажите путь к самому файлу, например /etc/rso-bridge/bridge.yml")


def explain_state_failure(failure: OSError | sqlite3.Error, path: Path) -> Explained:
    """Why the state database at ``path`` cannot be opened."""
    folder = path.absolute().parent
    user = current_user()
    if isinstance(failure, sqlite3.DatabaseError) and "not a database" in str(failure):
        return Explained(f"файл {path} — не база состояния моста",
                         "укажите в поле state другой файл: этот, видимо, нужен чему-то ещё")
    if isinstance(failure, PermissionError | sqlite3.OperationalError):
        return Explained(f"базу состояния {path} не удаётся открыть для записи: у "
                         f"пользователя {user} нет права писать в папку {folder} "
                         f"или в сам файл",
                         f"дайте пользователю {user} право записи в папку {folder} "
                         "или укажите в поле state путь в папке, куда он может писать")
    if isinstance(failure, NotADirectoryError | FileExistsError):
        return Explained(f"базу состояния {path} не удаётся создать: на пути к ней вместо "
                         "папки лежит файл",
                         "укажите в поле state путь в существующей папке, например "
                         "/var/lib/rso-bridge/state.sqlite3")
    if isinstance(failure, OSError):
        return Explained(f"система не дала открыть базу состояния {path} (код ошибки "
                         f"{_error_name(failure)})",
                         "проверьте, что диск доступен и на нём есть место")
    return Explained(f"база состояния {path} повреждена или занята другой программой",
                     "остановите другие экземпляры моста; если не помогло, переименуйте "
                     "файл — мост начнёт заново и опубликует только новые записи")


# Text of a file


#: charset_normalizer's names of the encodings Russian files usually come in.
_ENCODINGS: dict[str, str] = {
    "cp1251": "Windows-1251", "koi8_r": "KOI8-R", "cp866": "CP866 (DOS)",
    "utf_16": "UTF-16", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16",
}


def explain_not_utf8(data: bytes, failure: UnicodeDecodeError) -> Explained:
    """The file is not UTF-8: where the first bad byte is, and which encoding it looks like."""
    line = data.count(b"\n", 0, failure.start) + 1
    start = data.rfind(b"\n", 0, failure.start) + 1
    column = len(data[start:failure.start].decode("utf-8", errors="replace")) + 1
    guess = _guess_encoding(data)
    found = f", а, похоже, в {guess}" if guess else ""
    return Explained(f"файл сохранён не в кодировке UTF-8{found}: с этого места текст "
                     "не читается",
                     "сохраните файл в кодировке UTF-8 (в Блокноте: «Файл» → «Сохранить "
                     "как» → «Кодировка: UTF-8») и проверьте его снова",
                     (line, column))


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    return None if best is None else _ENCODINGS.get(best.encoding)


# YAML syntax

_QUOTE = "возьмите всё значение в кавычки, например chat_id: \"@vks_salda\""
_INDENT = ("поля одного уровня должны начинаться в одном столбце; делайте отступ "
           "пробелами, по два на уровень, как в примере из docs/bridge.md")

#: ruamel.yaml's problem texts, by how they begin: what it means and what to do.
_YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("found character '\\t'", "здесь символ табуляции, а YAML допускает только пробелы",
     "замените табуляцию пробелами (по два на уровень вложенности)"),
    ("found character", "значение не может начинаться с символа {char}", _QUOTE),
    ("found undefined alias", "значение не может начинаться со звёздочки *", _QUOTE),
    ("mapping values are not allowed", "двоеточие в неожиданном месте",
     "если двоеточие — часть значения (например, адреса), возьмите значение в кавычки; "
     "если нет — проверьте, не пропущено ли двоеточие в строке выше и верен ли отступ"),
    ("sequence entries are not allowed", "дефис элемента списка стоит не на своём месте",
     "пишите элемент списка с новой строки («- vks-max») или списком в скобках: "
     "to: [vks-max]"),
    ("could not find expected ':'", "не найдено двоеточие после имени поля",
     "после имени поля нужны двоеточие и пробел, например chat_id: -72000000000123"),
    ("expected <block end>, but found '<scalar>'",
     "лишний текст: после закрывающей кавычки или на неверном отступе",
     "возьмите в кавычки всё значение целиком и проверьте отступ"),
    ("expected <block end>", "неверный отступ", _INDENT),
    ("expected ',' or '}'", "в фигурных скобках { } пропущена запятая или закрывающая скобка",
     "пишите так: feed: {organization: vks-verkhnyaya-salda}"),
    ("expected ',' or ']'", "в квадратных скобках [ ] пропущена запятая или закрывающая "
     "скобка", "пишите так: to: [vks-max, vks-telegram]"),
    ("expected the node content", "лишняя закрывающая скобка {char}",
     "уберите её или возьмите значение в кавычки"),
    ("found unknown escape character", "в двойных кавычках после обратной косой черты \\ "
     "стоит знак, который YAML не понимает",
     "возьмите значение в одинарные кавычки '…' или напишите \\\\ вместо \\"),
    ("but found another document", "в файле несколько документов, разделённых строкой ---",
     "оставьте один: уберите лишние строки ---"),
    ("expected alphabetic or numeric character", "значение начинается со служебного символа",
     _QUOTE),
)


def explain_yaml_error(failure: YAMLError, text: str) -> Explained:
    """A YAML syntax error (or a character YAML refuses) at the place it was found."""
    if isinstance(failure, ReaderError):
        line, column = _line_column(text, failure.position)
        return Explained(f"в файле невидимый служебный символ с кодом {failure.character:#04x}",
                         "удалите его: сотрите эту строку и наберите её заново", (line, column))
    if not isinstance(failure, MarkedYAMLError):
        return Explained("разметка YAML не читается", _INDENT)
    problem = str(failure.problem or "")
    mark = failure.problem_mark or failure.context_mark
    duplicate = re.match(r'found duplicate key "([^"]*)"', problem)
    if duplicate:
        message, hint = (f"поле '{duplicate.group(1)}' повторяется",
                         "у каждого поля должно быть одно значение: уберите лишнее "
                         "или переименуйте его")
    elif problem.startswith("found unexpected end of stream") and failure.context_mark:
        mark = failure.context_mark
        message, hint = ("кавычка открыта и не закрыта до конца файла",
                         "поставьте такую же закрывающую кавычку в конце значения")
    else:
        message, hint = _yaml_problem(problem)
    where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Explained(message, hint, where)


def _yaml_problem(problem: str) -> tuple[str, str]:
    char = problem.split("'")[1] if problem.count("'") >= 2 else ""
    for beginning, message, hint in _YAML_PROBLEMS:
        if problem.startswith(beginning):
            return message.replace("{char}", f"«{char}»"), hint
    return "разметка YAML здесь не читается", (
        "проверьте отступы (пробелы, не табуляция), двоеточия, кавычки и скобки")


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


# The network


def explain_network_failure(failure: httpx.HTTPError, host: str) -> str:
    """Why a request to ``host`` got no answer."""
    said = str(failure)
    if isinstance(failure, httpx.TimeoutException):
        return f"{host} не ответил вовремя"
    if isinstance(failure, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"адрес {host} не подходит: нужен адрес, начинающийся с https:// или http://"
    if isinstance(failure, httpx.TooManyRedirects):
        return f"{host} перенаправляет запрос по кругу"
    if isinstance(failure, httpx.ConnectError):
        if "CERTIFICATE" in said or "SSL" in said:
            return f"сертификат HTTPS у {host} не прошёл проверку"
        if "Name or service not known" in said or "name resolution" in said \
                or "nodename nor servname" in said or "No address associated" in said:
            return f"адрес {host} не найден: такого имени нет в DNS или нет доступа в интернет"
        if "Connection refused" in said:
            return f"{host} отказал в соединении: на этом адресе никто не принимает запросы"
        return f"не удалось подключиться к {host}"
    if isinstance(failure, httpx.TransportError):
        return f"соединение с {host} оборвалось"
    return f"ошибка сети при обращении к {host}"


def explain_status(status: int) -> str:
    """An HTTP answer other than 200 or 304 to a GET, for the site's feeds."""
    if status == 404:
        return "такой страницы на сайте нет (HTTP 404)"
    if status in (401, 403):
        return f"сайт не дал доступ (HTTP {status})"
    if status == 429:
        return "сайт просит обращаться реже (HTTP 429)"
    if status >= 500:
        return f"сбой на стороне сайта (HTTP {status})"
    return f"сайт ответил кодом HTTP {status} вместо документа"


def explain_bad_json(failure: ValueError) -> str:
    """Why a document is not JSON: not UTF-8, or where the JSON breaks."""
    if isinstance(failure, UnicodeDecodeError):
        return "документ не в кодировке UTF-8"
    if isinstance(failure, json.JSONDecodeError):
        return (f"документ не в формате JSON: ошибка в строке {failure.lineno}, "
                f"столбце {failure.colno}")
    return "документ не в формате JSON"
