"""The content schema, declared once.

The validator walks these declarations to check keys, presence and types;
``notices schema`` turns them into JSON Schema for editors (VS Code with the
YAML extension reads the ``# yaml-language-server: $schema=`` line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from .vocabulary import NOTICE_TYPES, SERVICES, UPDATE_STATUSES

Kind = Literal["text", "id", "enum", "time", "bool", "timezone", "houses", "list", "map"]
Required = Literal["always", "never", "unless_info", "planned"]

TIME_PATTERN = (r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?"
                r"([+-]\d{2}:?\d{2}|Z)?$")
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    doc: str
    required: Required = "never"
    choices: tuple[str, ...] = ()
    item: Field | Schema | None = None  # for lists: each item; for maps: the nested schema
    max_length: int | None = None
    example: str | None = None
    unique: bool = False  # list items must not repeat


@dataclass(frozen=True)
class Schema:
    name: str
    doc: str
    fields: tuple[Field, ...]
    open: bool = False  # free keys allowed (contacts, channels)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _text(name: str, doc: str, required: Required = "never", max_length: int | None = None,
          example: str | None = None) -> Field:
    return Field(name, "text", doc, required, max_length=max_length, example=example)


def _time(name: str, doc: str, required: Required = "never") -> Field:
    return Field(name, "time", doc, required, example="2026-11-22 09:40")


def _enum_list(name: str, doc: str, choices: tuple[str, ...], required: Required) -> Field:
    return Field(name, "list", doc, required, item=Field("", "enum", doc, choices=choices),
                 unique=True, example=f"[{choices[0]}]")


SERVICE_LIST_DOC = "услуги: " + ", ".join(f"{k} ({v})" for k, v in SERVICES.items())

CONTACTS = Schema("contacts", "Контакты организации", (
    _text("dispatcher", "круглосуточный телефон диспетчерской", "always",
          example="+7 34345 0-00-00"),
    _text("phone", "телефон приёмной"),
    _text("email", "электронная почта"),
    _text("website", "сайт"),
    _text("address", "адрес"),
), open=True)

CHANNELS = Schema("channels", "Каналы в мессенджерах, куда мосты повторяют ленту", (
    _text("max", "ссылка на канал в Max", example="https://max.ru/..."),
    _text("telegram", "ссылка на канал в Telegram", example="https://t.me/..."),
), open=True)

ORGANIZATION = Schema("organization", "Ресурсоснабжающая организация", (
    Field("id", "id", "идентификатор: латинские строчные буквы, цифры и дефис; "
          "совпадает с именем файла", "always", example="vks-verkhnyaya-salda"),
    _text("name", "краткое название, которое знают жители", "always", 140, "МУП «ВКС»"),
    _text("full_name", "полное название", max_length=300),
    _text("region", "субъект РФ", "always", 100, "Свердловская область"),
    Field("timezone", "timezone", "часовой пояс IANA", "always", example="Asia/Yekaterinburg"),
    _enum_list("services", SERVICE_LIST_DOC, tuple(SERVICES), "always"),
    Field("settlements", "list", "населённые пункты, которые обслуживает организация",
          "always", item=_text("", "населённый пункт"), unique=True,
          example="[Верхняя Салда, посёлок Басьяновский]"),
    Field("contacts", "map", "контакты", "always", item=CONTACTS),
    Field("channels", "map", "каналы в мессенджерах", item=CHANNELS),
    Field("maintainers", "list", "логины сотрудников на git-хостинге, которым разрешено "
          "публиковать от имени организации", "always", item=_text("", "логин"), unique=True,
          example="[ivanova-vks]"),
    Field("demo", "bool", "демонстрационные данные (телефоны и люди вымышлены)"),
))

STREET = Schema("street", "Улица", (
    _text("street", "улица, как её пишут жители", "always", 140, "ул. Ленина"),
    Field("houses", "houses", "дома; если не указано — вся улица", example="1–15, 17, 19к2"),
))

AREA = Schema("area", "Территория", (
    _text("settlement", "населённый пункт из списка организации", "always",
          example="Верхняя Салда"),
    Field("streets", "list", "улицы; если не указано — весь населённый пункт", item=STREET,
          example="[{street: ул. Ленина, houses: \"1–15\"}]"),
))

PHOTO = Schema("photo", "Фотография", (
    _text("src", "путь к файлу относительно файла уведомления", "always",
          example="media/pipe.jpg"),
    _text("caption", "подпись", max_length=300),
))

UPDATE = Schema("update", "Обновление", (
    _time("at", "время обновления", "always"),
    _text("text", "что изменилось", "always", 2000),
    Field("status", "enum", "resolved — устранено, cancelled — отменено",
          choices=UPDATE_STATUSES),
    _time("start", "уточнённое начало"),
    _time("end", "уточнённое окончание"),
    Field("photos", "list", "фотографии", item=Field("", "text", "путь к файлу"),
          example="[media/works.jpg]"),
))

NOTICE = Schema("notice", "Уведомление об отключении или работах", (
    _text("title", "заголовок, не длиннее 140 символов", "always", 140,
          "Отключение холодной воды на ул. Ленина"),
    Field("type", "enum", "тип: " + ", ".join(f"{k} ({v})" for k, v in NOTICE_TYPES.items()),
          "always", choices=tuple(NOTICE_TYPES)),
    _enum_list("services", SERVICE_LIST_DOC, tuple(SERVICES), "unless_info"),
    _time("published", "время публикации", "always"),
    _time("start", "начало", "unless_info"),
    _time("end", "ожидаемое окончание (для плановых работ обязательно)", "planned"),
    Field("areas", "list", "где: населённые пункты, улицы, дома", "unless_info", item=AREA,
          example="[{settlement: Верхняя Салда}]"),
    Field("photos", "list", "фотографии", item=PHOTO,
          example="[{src: media/pipe.jpg, caption: Место повреждения}]"),
    Field("updates", "list", "ход работ: обновления, от ранних к поздним", item=UPDATE,
          example="[{at: 2026-11-22 12:30, text: Повреждение локализовано.}]"),
    Field("draft", "bool", "черновик: проверяется, но не публикуется"),
))


def json_schema(schema: Schema) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of one declared schema, for editors."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": schema.doc, **_object(schema)}


def _object(schema: Schema) -> dict[str, object]:
    required = [f.name for f in schema.fields if f.required == "always"]
    result: dict[str, object] = {
        "type": "object",
        "description": schema.doc,
        "properties": {f.name: _property(f) for f in schema.fields},
        "additionalProperties": schema.open,
    }
    if required:
        result["required"] = required
    return result


def _property(field: Field) -> dict[str, object]:
    result: dict[str, object]
    if field.kind == "list":
        item = field.item
        items = _object(item) if isinstance(item, Schema) else _property(item) if item else {}
        result = {"type": "array", "items": items}
        if field.unique:
            result["uniqueItems"] = True
    elif field.kind == "map":
        assert isinstance(field.item, Schema)
        result = _object(field.item)
    elif field.kind == "enum":
        result = {"enum": list(field.choices)}
    elif field.kind == "bool":
        result = {"type": "boolean"}
    elif field.kind == "time":
        result = {"type": "string", "pattern": TIME_PATTERN}
    elif field.kind == "id":
        result = {"type": "string", "pattern": ID_PATTERN}
    elif field.kind == "houses":
        result = {"type": ["string", "integer"]}
    else:
        result = {"type": "string"}
        if field.max_length:
            result["maxLength"] = field.max_length
    result["description"] = field.doc
    if field.example:
        result["examples"] = [field.example]
    return result


def schema_files() -> dict[str, str]:
    """File name → JSON text of every editor schema."""
    return {f"{schema.name}.schema.json":
            json.dumps(json_schema(schema), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for schema in (ORGANIZATION, NOTICE)}
