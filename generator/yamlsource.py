"""Reading content files into YAML nodes that remember their line and column.

Staff edit these files in web editors, so a byte-order mark and CRLF line
endings are accepted. Everything that can go wrong while reading (encoding,
size, fences, tabs, syntax, duplicated keys) becomes a :class:`Diagnostic`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .diagnostics import Diagnostic, error

MAX_FILE_BYTES = 1024 * 1024
_TAB_INDENT = re.compile(r"^[ ]*\t")
_FENCE = "---"


STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class YScalar:
    value: str
    tag: str
    line: int  # 1-based, in the file
    column: int  # 1-based

    @property
    def is_null(self) -> bool:
        return self.tag == NULL


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    line: int
    column: int


@dataclass(frozen=True)
class YMap:
    entries: dict[str, tuple[YScalar, YNode]] = field(default_factory=dict)
    line: int = 1
    column: int = 1

    def get(self, key: str) -> YNode | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key_node(self, key: str) -> YScalar | None:
        entry = self.entries.get(key)
        return entry[0] if entry else None


YNode = YScalar | YSeq | YMap


@dataclass(frozen=True)
class Source:
    """A content file read and parsed: its YAML root and, for notices, the Markdown body."""

    path: Path
    display: str  # the path as shown in messages
    root: YNode | None
    body: str = ""
    text: str = ""


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, decoded and with line endings normalised, or the reason it can't be read."""
    if not path.is_file():
        kind = "папка" if path.is_dir() else "не обычный файл"
        return None, [error(display, 1, 1, "E004", f"ожидался файл, а здесь {kind}",
                            "уберите этот объект или переименуйте его так, чтобы имя не "
                            "оканчивалось на .md или .yml")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [error(display, 1, 1, "E003",
                            f"файл занимает {size / 1024 / 1024:.1f} МБ, а допустимо не более 1 МБ"
                            .replace(".", ",", 1),
                            "фотографии кладите отдельными файлами и ссылайтесь на них "
                            "в поле photos")]
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding_error(display, data, exc)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error(display, 1, 1, "E002", "файл пуст",
                            "заполните файл по образцу: notices new создаёт заготовку")]
    return text, []


def _encoding_error(display: str, data: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    guess = _guess_encoding(data)
    found = f" (похоже, он в кодировке {guess})" if guess else ""
    return error(display, line, column, "E001",
                 f"файл не в кодировке UTF-8{found}: байт 0x{data[exc.start]:02x} "
                 "не читается как UTF-8",
                 "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → "
                 "кодировка UTF-8)")


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp866", "utf_16", "latin_1"]).best()
    return None if best is None else best.encoding.replace("_", "-")


def split_front_matter(text: str, display: str) -> tuple[str, str, list[Diagnostic]]:
    """Split a notice into its YAML block and its Markdown body.

    The YAML text keeps blank lines in place of the fence so that node lines are file lines.
    """
    lines = text.split("\n")
    if lines[0].strip() != _FENCE:
        return "", text, [error(display, 1, 1, "E006",
                                "уведомление должно начинаться со строки --- и блока свойств",
                                "первая строка файла: ---, затем поля title, type, ..., "
                                "затем снова --- и текст уведомления")]
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == _FENCE:
            yaml_text = "\n".join(["", *lines[1:number]])
            body = "\n".join(lines[number + 1:]).strip("\n")
            return yaml_text, body, []
    return "", text, [error(display, 1, 1, "E006",
                            "блок свойств не закрыт: нет второй строки ---",
                            "добавьте строку --- после последнего поля, перед текстом")]


def parse_yaml(yaml_text: str, display: str) -> tuple[YNode | None, list[Diagnostic]]:
    tabs = [error(display, number, len(m.group(0)), "E007",
                  "в отступе стоит символ табуляции, а YAML допускает только пробелы",
                  "замените табуляцию пробелами (по два на уровень вложенности)")
            for number, line in enumerate(yaml_text.split("\n"), start=1)
            if (m := _TAB_INDENT.match(line))]
    if tabs:
        return None, tabs
    diagnostics: list[Diagnostic] = []
    try:
        root = _Composer(_events(yaml_text), display, diagnostics).document()
    except MarkedYAMLError as exc:
        return None, [_syntax_error(display, exc)]
    return root, diagnostics


def _syntax_error(display: str, exc: MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (exc.problem or "").strip()
    return error(display, line, column, "E005",
                 f"ошибка разметки YAML: {_explain(problem)}",
                 "проверьте отступы и двоеточия; текст с двоеточием, # или кавычками "
                 "заключите в кавычки: title: \"Ремонт: ул. Ленина\"")


_PROBLEMS = {
    "mapping values are not allowed": "здесь не может стоять «ключ: значение» "
                                      "(лишнее двоеточие или неверный отступ)",
    "could not find expected ':'": "не найдено двоеточие после имени поля",
    "found unexpected end of stream": "файл оборвался (не закрыта кавычка или скобка)",
    "expected <block end>, but found '<block mapping start>'": "неверный отступ",
    "expected <block end>, but found '-'": "неверный отступ у элемента списка",
    "found character '\\t' that cannot start any token": "табуляция вместо пробелов",
}


def _explain(problem: str) -> str:
    for english, russian in _PROBLEMS.items():
        if problem.startswith(english):
            return f"{russian} ({problem})"
    return problem or "разметка не читается"


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


def _scalar_tag(event: ScalarEvent) -> str:
    """YAML 1.2 core-schema resolution, limited to what the content format uses."""
    if event.style or (event.tag and event.tag != "!"):
        return STR
    if event.value in _NULLS:
        return NULL
    return BOOL if event.value in _BOOLS else STR


def _events(text: str) -> Iterator[Event]:
    """libyaml's parser events, through ruamel.yaml's C extension (ruamel.yaml.clib)."""
    parser = CParser(text)
    try:
        while (event := parser.get_event()) is not None:
            yield event
            if isinstance(event, StreamEndEvent):
                return
    finally:
        parser.dispose()


class _Composer:
    """Builds :data:`YNode` trees straight from libyaml's events (faster than ruamel's composer)."""

    def __init__(self, events: Iterator[Event], display: str,
                 diagnostics: list[Diagnostic]) -> None:
        self.events, self.display, self.diagnostics = events, display, diagnostics
        self.anchors: dict[str, YNode] = {}

    def document(self) -> YNode | None:
        for event in self.events:
            if isinstance(event, DocumentStartEvent):
                first = next(self.events)
                return None if isinstance(first, DocumentEndEvent) else self.node(first)
        return None

    def node(self, event: Event) -> YNode:
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        result: YNode
        if isinstance(event, AliasEvent):
            return self.anchors.get(str(event.anchor), YScalar("", NULL, line, column))
        if isinstance(event, ScalarEvent):
            result = YScalar(str(event.value), _scalar_tag(event), line, column)
        elif isinstance(event, SequenceStartEvent):
            items = []
            for item in self.events:
                if isinstance(item, SequenceEndEvent):
                    break
                items.append(self.node(item))
            result = YSeq(tuple(items), line, column)
        else:
            assert isinstance(event, MappingStartEvent)
            result = self.mapping(line, column)
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.anchors[str(anchor)] = result
        return result

    def mapping(self, line: int, column: int) -> YMap:
        entries: dict[str, tuple[YScalar, YNode]] = {}
        for event in self.events:
            if isinstance(event, MappingEndEvent):
                break
            key = self.node(event)
            value = self.node(next(self.events))
            if not isinstance(key, YScalar):
                self.diagnostics.append(error(
                    self.display, key.line, key.column, "E012",
                    "имя поля должно быть словом, а найден список или набор полей"))
            elif key.value in entries:
                first = entries[key.value][0]
                self.diagnostics.append(error(
                    self.display, key.line, key.column, "E008",
                    f"поле «{key.value}» повторяется: оно уже есть в строке {first.line}",
                    "оставьте одно из двух значений и удалите другое"))
            else:
                entries[key.value] = (key, value)
        return YMap(entries, line, column)


def load_source(path: Path, display: str, *, front_matter: bool) -> tuple[Source | None,
                                                                           list[Diagnostic]]:
    """Read one organization (plain YAML) or notice (front matter + Markdown) file."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    body = ""
    yaml_text = text
    if front_matter:
        yaml_text, body, problems = split_front_matter(text, display)
        if problems:
            return None, problems
    root, problems = parse_yaml(yaml_text, display)
    if any(d.is_error for d in problems) and root is None:
        return None, problems
    return Source(path, display, root, body, text), problems
