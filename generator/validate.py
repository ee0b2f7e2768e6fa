"""Validation: read every content file, check every rule, build the model.

``validate(content, now)`` never raises for a content mistake: every problem
becomes a :class:`Diagnostic`, all are collected, and the model is returned
only when there is no error.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .diagnostics import Diagnostic, error, has_errors, sort_diagnostics, warning
from .houses import EXAMPLE as HOUSES_EXAMPLE
from .houses import HouseListError, parse_houses
from .model import (
    Area,
    Contacts,
    Model,
    Notice,
    NoticeType,
    Organization,
    Photo,
    Place,
    SiteConfig,
    StreetArea,
    Update,
    UpdateStatus,
)
from .parallel import FORK_FROM, can_fork, cycle_collection
from .places import settlement_core
from .schema import ID_PATTERN, NOTICE, ORGANIZATION, PHOTO, UPDATE, Schema
from .schema import Field as SchemaField
from .times import TIME_HINT, TimeFormatError, parse_time
from .yamlsource import BOOL, YMap, YNode, YScalar, YSeq, load_source

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".tif", ".tiff",
                            ".bmp"})
_NOTICE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-([a-z0-9][a-z0-9-]*)$")


@dataclass(frozen=True)
class Validation:
    model: Model | None
    diagnostics: list[Diagnostic]
    files: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def validate(content: Path, now: datetime, config: SiteConfig | None = None,
             display_root: Path | None = None) -> Validation:
    """Check every file under ``content`` as of ``now``; return the model when all is well."""
    checker = _Checker(content.resolve(), now, display_root or Path.cwd())
    organizations = checker.organizations()
    # The build pauses the collector already; this is for `notices validate` on its own
    # (10,000 notices: 3.7–4.9 s with collections, 3.3–3.9 s without, same peak memory).
    with cycle_collection(False):
        notices = checker.notices({o.id: o for o in organizations})
    diagnostics = sort_diagnostics(checker.diagnostics)
    model = None
    if not has_errors(diagnostics):
        model = Model(tuple(organizations), tuple(sorted(notices, key=lambda n: n.id)),
                      content.resolve(), config or SiteConfig())
    return Validation(model, diagnostics, checker.files)


@dataclass
class _Checker:
    content: Path
    now: datetime
    display_root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    errors: int = 0
    broken_organizations: set[str] = field(default_factory=set)

    # -- paths -------------------------------------------------------------------------------

    def display(self, path: Path) -> str:
        try:
            return os.path.relpath(path, self.display_root)
        except ValueError:
            return str(path)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        self.errors += diagnostic.is_error

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    # -- organizations -----------------------------------------------------------------------

    def organizations(self) -> list[Organization]:
        folder = self.content / "organizations"
        result = []
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
                continue
            self.files += 1
            org = self.organization(path)
            if org is None:
                self.broken_organizations.add(path.stem)
            else:
                result.append(org)
        return result

    def organization(self, path: Path) -> Organization | None:
        shown = self.display(path)
        source, problems = load_source(path, shown, front_matter=False)
        self.extend(problems)
        if source is None or problems:
            return None
        before = self.errors
        root = self.mapping(source.root, shown, ORGANIZATION)
        if root is None:
            return None
        f = _Fields(self, shown, root)
        org_id = f.text("id")
        if org_id is not None and org_id != path.stem:
            f.fail("id", "E015", f"id «{org_id}» не совпадает с именем файла «{path.name}»",
                   f"переименуйте файл в {org_id}.yml или исправьте id на «{path.stem}»")
        timezone = f.timezone("timezone")
        contacts_node = root.get("contacts")
        contacts = None
        if isinstance(contacts_node, YMap):
            c = _Fields(self, shown, contacts_node)
            dispatcher = c.text("dispatcher")
            if dispatcher is not None:
                contacts = Contacts(dispatcher, c.text("phone"), c.text("email"),
                                    c.text("website"), c.text("address"))
        channels_node = root.get("channels")
        channels: tuple[tuple[str, str], ...] = ()
        if isinstance(channels_node, YMap):
            channels = tuple((k, v[1].value) for k, v in sorted(channels_node.entries.items())
                             if isinstance(v[1], YScalar) and not v[1].is_null)
        name, region = f.text("name"), f.text("region")
        services = f.text_list("services")
        settlements = f.text_list("settlements")
        maintainers = f.text_list("maintainers")
        if self.errors > before or None in (org_id, name, region, timezone, contacts):
            return None
        return Organization(
            id=cast(str, org_id), name=cast(str, name), region=cast(str, region),
            timezone=cast(str, timezone), services=services, settlements=settlements,
            contacts=cast(Contacts, contacts), maintainers=maintainers, source=path,
            full_name=f.text("full_name"), channels=channels, demo=f.flag("demo"))

    # -- notices -----------------------------------------------------------------------------

    def notices(self, organizations: dict[str, Organization]) -> list[Notice]:
        folder = self.content / "notices"
        jobs: list[tuple[Path, str, str]] = []
        seen: dict[str, str] = {}
        for path in _walk(folder):
            shown = self.display(path)
            if path.suffix.lower() in IMAGE_SUFFIXES and not path.is_dir():
                continue
            if path.suffix != ".md":
                self.add(error(shown, 1, 1, "E037",
                               f"файл «{path.name}» не будет прочитан: уведомление — это файл .md",
                               "переименуйте файл так, чтобы он оканчивался на .md "
                               "(строчными буквами), или уберите его из папки notices/"))
                continue
            self.files += 1
            notice_id = path.relative_to(folder).with_suffix("").as_posix()
            if notice_id.lower() in seen:
                self.add(error(shown, 1, 1, "E036",
                               f"уведомление с идентификатором «{notice_id}» уже есть: "
                               f"{seen[notice_id.lower()]}",
                               "дайте файлу другое имя"))
                continue
            seen[notice_id.lower()] = shown
            jobs.append((path, shown, notice_id))
        return [n for n in self._check_notices(jobs, organizations) if n is not None]

    def _check_notices(self, jobs: list[tuple[Path, str, str]],
                       organizations: dict[str, Organization]) -> list[Notice | None]:
        """Each notice file checked; on a large region, the second half in a forked process
        at the same time (each file is checked on its own, so the result is the same)."""
        if len(jobs) < FORK_FROM or not can_fork():
            return [self.notice(*job, organizations) for job in jobs]
        half = len(jobs) // 2
        with get_context("fork").Pool(1) as pool:
            other = pool.apply_async(_check_batch, (self, jobs[half:], organizations))
            first = [self.notice(*job, organizations) for job in jobs[:half]]
            second, diagnostics = other.get()
        self.extend(diagnostics)
        # the child's notices hold copies of the organizations: point them back at ours
        return first + [None if n is None else replace(n, organization=organizations[
            n.organization.id]) for n in second]

    def notice(self, path: Path, shown: str, notice_id: str,
               organizations: dict[str, Organization]) -> Notice | None:
        org = self.notice_organization(shown, notice_id, organizations)
        source, problems = load_source(path, shown, front_matter=True)
        self.extend(problems)
        if source is None or problems:
            return None
        before = self.errors
        root = self.mapping(source.root, shown, NOTICE)
        if root is None or org is None:
            return None
        f = _Fields(self, shown, root, org.tz)
        kind = cast(NoticeType | None, f.enum("type"))
        self.require_by_type(f, kind)
        title = f.text("title")
        services = f.text_list("services")
        self.check_services(f, services, org)
        published = f.time("published")
        start, end = f.time("start"), f.time("end")
        self.check_order(f, "end", start, end)
        if published is not None:
            self.check_file_date(f, notice_id, published, org)
            if published > self.now:
                self.add(warning(shown, *f.position("published"), "W001",
                                 "время публикации ещё не наступило: уведомление появится "
                                 "в лентах, когда оно наступит", "если это ошибка, "
                                 "исправьте дату публикации"))
        areas = self.areas(f, org)
        photos = self.photos(f, root.get("photos"), path)
        updates = self.updates(f, root.get("updates"), path, published, start)
        draft = f.flag("draft")
        if self.errors > before or kind is None or title is None or published is None:
            return None
        return Notice(id=notice_id, organization=org, title=title, type=kind, services=services,
                      published=published, source=path, start=start, end=end, areas=areas,
                      photos=photos, updates=updates, draft=draft, body=source.body)

    def notice_organization(self, shown: str, notice_id: str,
                            organizations: dict[str, Organization]) -> Organization | None:
        parts = notice_id.split("/")
        layout_hint = ("уведомление кладётся в content/notices/<организация>/<год>/"
                       "<ГГГГ-ММ-ДД>-<краткое-имя>.md, например "
                       "content/notices/vks-verkhnyaya-salda/2026/2026-11-22-lenina.md")
        if len(parts) != 3:
            self.add(error(shown, 1, 1, "E037", "файл лежит не на своём месте", layout_hint))
            return None
        org_id, year, name = parts
        match = _NOTICE_NAME.match(name)
        if match is None:
            self.add(error(shown, 1, 1, "E015",
                           f"имя файла «{name}.md» должно иметь вид ГГГГ-ММ-ДД-краткое-имя.md "
                           "(латинские строчные буквы, цифры и дефисы)",
                           "например: 2026-11-22-lenina-voda.md"))
        elif match.group(1) != year:
            self.add(error(shown, 1, 1, "E037",
                           f"файл от {match.group(1)} года лежит в папке «{year}»",
                           f"перенесите файл в папку {org_id}/{match.group(1)}/"))
        if org_id in organizations:
            return organizations[org_id]
        if org_id not in self.broken_organizations:
            hint = _closest(org_id, organizations)
            self.add(error(shown, 1, 1, "E020",
                           f"организации «{org_id}» нет в content/organizations/",
                           f"вы имели в виду «{hint}»?" if hint else
                           "сначала добавьте файл организации content/organizations/"
                           f"{org_id}.yml"))
        return None

    def require_by_type(self, f: _Fields, kind: str | None) -> None:
        if kind is None:
            return
        needed = {"planned": ("services", "start", "end", "areas"),
                  "unplanned": ("services", "start", "areas"),
                  "emergency": ("services", "start", "areas"),
                  "info": ()}[kind]
        for name in needed:
            if f.root.get(name) is None:
                spec = NOTICE.field(name)
                example = f", например: {name}: {spec.example}" if spec and spec.example else ""
                f.missing(name, f"для типа «{kind}» обязательно поле «{name}» ({spec.doc})"
                          if spec else f"для типа «{kind}» обязательно поле «{name}»",
                          f"добавьте поле {name}{example}")

    def check_services(self, f: _Fields, services: tuple[str, ...], org: Organization) -> None:
        node = f.root.get("services")
        if not isinstance(node, YSeq):
            return
        for item, value in zip(node.items, services, strict=False):
            if value not in org.services:
                self.add(error(f.shown, item.line, item.column, "E022",
                               f"услуга «{value}» не оказывается организацией {org.id}",
                               "услуги организации: " + ", ".join(org.services)))

    def check_order(self, f: _Fields, name: str, start: datetime | None,
                    end: datetime | None, node: YMap | None = None) -> None:
        if start is None or end is None or end > start:
            return
        line, column = _Fields(self, f.shown, node or f.root).position(name)
        self.add(error(f.shown, line, column, "E030",
                       f"окончание ({end:%Y-%m-%d %H:%M}) должно быть позже начала "
                       f"({start:%Y-%m-%d %H:%M})",
                       "проверьте дату и время окончания"))

    def check_file_date(self, f: _Fields, notice_id: str, published: datetime,
                        org: Organization) -> None:
        match = _NOTICE_NAME.match(notice_id.rsplit("/", 1)[-1])
        local = published.astimezone(org.tz).date().isoformat()
        if match and "-".join(match.group(1, 2, 3)) != local:
            self.add(error(f.shown, *f.position("published"), "E035",
                           f"дата в имени файла ({'-'.join(match.group(1, 2, 3))}) не совпадает "
                           f"с местной датой публикации ({local})",
                           f"назовите файл {local}-{match.group(4)}.md или исправьте "
                           "время публикации"))

    # -- areas ------------------------------------------------------------------------------

    def areas(self, f: _Fields, org: Organization) -> tuple[Area, ...]:
        node = f.root.get("areas")
        if not isinstance(node, YSeq):
            return ()
        cores = {settlement_core(s): s for s in org.settlements}
        result = []
        for item in node.items:
            if not isinstance(item, YMap):
                continue
            area = _Fields(self, f.shown, item)
            name = area.text("settlement")
            if name is None:
                continue
            canonical = cores.get(settlement_core(name))
            if canonical is None:
                guess = difflib.get_close_matches(settlement_core(name), list(cores), n=1,
                                                  cutoff=0.5)
                hint = (f"вы имели в виду «{cores[guess[0]]}»?" if guess else
                        "населённые пункты организации: " + ", ".join(org.settlements))
                self.add(error(f.shown, *area.position("settlement"), "E021",
                               f"населённый пункт «{name}» не обслуживается организацией "
                               f"{org.id}", hint))
                continue
            streets = self.streets(area)
            result.append(Area(Place(org.region, canonical, org.timezone), streets))
        return tuple(result)

    def streets(self, area: _Fields) -> tuple[StreetArea, ...]:
        node = area.root.get("streets")
        if not isinstance(node, YSeq):
            return ()
        result = []
        for item in node.items:
            if not isinstance(item, YMap):
                continue
            s = _Fields(self, area.shown, item)
            street = s.text("street")
            houses_node = item.get("houses")
            houses = None
            if isinstance(houses_node, YScalar) and not houses_node.is_null:
                try:
                    houses = parse_houses(houses_node.value)
                except HouseListError as exc:
                    self.add(error(area.shown, houses_node.line, houses_node.column, "E023",
                                   f"список домов «{houses_node.value}» не читается: {exc}",
                                   f"пишите так: houses: \"{HOUSES_EXAMPLE}\""))
            if street is not None:
                result.append(StreetArea(street, houses))
        return tuple(result)

    # -- photos ------------------------------------------------------------------------------

    def photos(self, f: _Fields, node: YNode | None, notice_path: Path) -> tuple[Photo, ...]:
        if not isinstance(node, YSeq):
            return ()
        result = []
        for item in node.items:
            if isinstance(item, YMap):
                p = _Fields(self, f.shown, item)
                src, caption = p.text("src"), p.text("caption")
                where = item.get("src") or item
            else:
                src = item.value if isinstance(item, YScalar) else None
                caption, where = None, item
            if src is None:
                continue
            photo = self.photo(f.shown, where, notice_path, src, caption)
            if photo is not None:
                result.append(photo)
        return tuple(result)

    def photo(self, shown: str, where: YNode, notice_path: Path, src: str,
              caption: str | None) -> Photo | None:
        from .images.check import check_image

        path = notice_path.parent / src
        problem = check_image(path, self.content)
        if problem is not None:
            code, message, hint = problem
            self.add(error(shown, where.line, where.column, code, f"«{src}»: {message}", hint))
            return None
        return Photo(path.resolve(), src, caption)

    # -- updates -----------------------------------------------------------------------------

    def updates(self, f: _Fields, node: YNode | None, notice_path: Path,
                published: datetime | None, start: datetime | None) -> tuple[Update, ...]:
        if not isinstance(node, YSeq):
            return ()
        result: list[Update] = []
        previous: datetime | None = None
        closed_by: tuple[str, int] | None = None
        for index, item in enumerate(node.items, start=1):
            if not isinstance(item, YMap):
                continue
            u = _Fields(self, f.shown, item, f.tz)
            at = u.time("at")
            text = u.text("text")
            status = cast(UpdateStatus | None, u.enum("status"))
            new_start, new_end = u.time("start"), u.time("end")
            self.check_order(u, "end", new_start or start, new_end, item)
            line, column = item.line, item.column
            if closed_by is not None:
                kind, closed_line = closed_by
                if kind == "cancelled":
                    self.add(error(f.shown, line, column, "E034",
                                   f"после отмены (строка {closed_line}) обновлений быть не может",
                                   "если работы всё же будут, опубликуйте новое уведомление"))
                elif status is not None:
                    self.add(error(f.shown, *u.position("status"), "E033",
                                   f"уведомление уже отмечено как устранённое в строке "
                                   f"{closed_line}",
                                   "уберите повторный status; для уточнений пишите обновление "
                                   "без status"))
            if status is not None and (closed_by is None or closed_by[0] != "cancelled"):
                closed_by = (status, line)
            if at is not None:
                if published is not None and at < published:
                    self.add(error(f.shown, *u.position("at"), "E032",
                                   "обновление не может быть раньше публикации "
                                   f"({published:%Y-%m-%d %H:%M})",
                                   "проверьте дату и время обновления"))
                if previous is not None and at < previous:
                    self.add(error(f.shown, *u.position("at"), "E031",
                                   "обновления должны идти по времени: это раньше предыдущего "
                                   f"({previous:%Y-%m-%d %H:%M})",
                                   "новые обновления дописываются в конец списка"))
                if at > self.now:
                    self.add(warning(f.shown, *u.position("at"), "W002",
                                     "время обновления ещё не наступило: в лентах оно появится, "
                                     "когда наступит", "если это ошибка, исправьте время"))
                previous = at
            photos = self.photos(u, item.get("photos"), notice_path)
            if at is not None and text is not None:
                result.append(Update(index, at, text, status, new_start, new_end, photos))
        return tuple(result)

    # -- generic shape -----------------------------------------------------------------------

    def mapping(self, root: YNode | None, shown: str, schema: Schema) -> YMap | None:
        if not isinstance(root, YMap):
            line, column = (root.line, root.column) if root is not None else (1, 1)
            self.add(error(shown, line, column, "E012",
                           "ожидался набор полей «имя: значение»",
                           "посмотрите образец в руководстве или создайте файл командой "
                           "notices new"))
            return None
        self.check_shape(root, schema, shown)
        return root

    def check_shape(self, node: YMap, schema: Schema, shown: str) -> None:
        suggested: set[str] = set()
        for key, (key_node, value) in node.entries.items():
            spec = schema.field(key)
            if spec is None:
                if not schema.open:
                    closest = difflib.get_close_matches(key, schema.names, n=1, cutoff=0.5)
                    suggested.update(closest)
                    self.add(error(shown, key_node.line, key_node.column, "E010",
                                   f"неизвестное поле «{key}»",
                                   f"вы имели в виду «{closest[0]}»?" if closest else
                                   "допустимые поля: " + ", ".join(schema.names)))
                continue
            self.check_value(value, spec, shown)
        for spec in schema.fields:
            if spec.name in suggested:
                continue  # the misspelt key above already points at it
            if spec.required == "always" and node.get(spec.name) is None:
                example = f": {spec.example}" if spec.example else ""
                self.add(error(shown, node.line, node.column, "E011",
                               f"нет обязательного поля «{spec.name}» ({spec.doc})",
                               f"добавьте строку {spec.name}{example}"))

    def check_value(self, value: YNode, spec: SchemaField, shown: str) -> None:
        if isinstance(value, YScalar) and value.is_null and spec.kind != "text":
            self.add(error(shown, value.line, value.column, "E012",
                           f"поле «{spec.name}» пустое", _example_hint(spec)))
            return
        if spec.kind in ("list",):
            self.check_list(value, spec, shown)
        elif spec.kind == "map":
            if not isinstance(value, YMap):
                self.add(_type_error(shown, value, spec, "набор полей «имя: значение»"))
            else:
                assert isinstance(spec.item, Schema)
                self.check_shape(value, spec.item, shown)
        elif not isinstance(value, YScalar):
            self.add(_type_error(shown, value, spec, "одно значение"))
        else:
            self.check_scalar(value, spec, shown)

    def check_list(self, value: YNode, spec: SchemaField, shown: str) -> None:
        if not isinstance(value, YSeq):
            self.add(_type_error(shown, value, spec, "список"))
            return
        if not value.items and spec.required != "never":
            self.add(error(shown, value.line, value.column, "E012",
                           f"список «{spec.name}» пуст", _example_hint(spec)))
        seen: dict[str, int] = {}
        for item in value.items:
            if isinstance(spec.item, Schema):
                if isinstance(item, YMap):
                    self.check_shape(item, spec.item, shown)
                elif spec.item is PHOTO and isinstance(item, YScalar):
                    continue
                else:
                    self.add(_type_error(shown, item, spec, "набор полей «имя: значение»"))
            elif spec.item is not None:
                self.check_value(item, spec.item if spec.item.name else
                                 _named(spec.item, spec.name), shown)
            if spec.unique and isinstance(item, YScalar):
                if item.value in seen:
                    self.add(error(shown, item.line, item.column, "E018",
                                   f"«{item.value}» указано в списке «{spec.name}» дважды",
                                   "уберите повтор"))
                seen.setdefault(item.value, item.line)

    def check_scalar(self, value: YScalar, spec: SchemaField, shown: str) -> None:
        text = value.value
        if spec.kind == "text" and not value.is_null:
            if not text.strip():
                self.add(error(shown, value.line, value.column, "E016",
                               f"поле «{spec.name}» пустое", _example_hint(spec)))
            elif spec.max_length and len(text) > spec.max_length:
                self.add(error(shown, value.line, value.column, "E016",
                               f"поле «{spec.name}» длиной {len(text)} символов, а допустимо "
                               f"не более {spec.max_length}",
                               "сократите текст; подробности напишите в тексте уведомления"))
        elif spec.kind == "enum" and text not in spec.choices:
            closest = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.4)
            self.add(error(shown, value.line, value.column, "E013",
                           f"«{text}» не подходит для поля «{spec.name}»; допустимо: "
                           + ", ".join(spec.choices),
                           f"вы имели в виду «{closest[0]}»?" if closest else spec.doc))
        elif spec.kind == "bool" and value.tag != BOOL:
            self.add(_type_error(shown, value, spec, "true или false"))
        elif spec.kind == "id" and not re.match(ID_PATTERN, text):
            self.add(error(shown, value.line, value.column, "E015",
                           f"идентификатор «{text}» должен состоять из латинских строчных букв, "
                           "цифр и дефисов (от 2 до 64 символов)",
                           "например: vks-verkhnyaya-salda"))


class _Fields:
    """Typed reads of one mapping's fields, reporting conversion problems at their place."""

    def __init__(self, checker: _Checker, shown: str, root: YMap,
                 tz: ZoneInfo | None = None) -> None:
        self.checker, self.shown, self.root, self.tz = checker, shown, root, tz

    def position(self, name: str) -> tuple[int, int]:
        node = self.root.get(name)
        if node is not None:
            return node.line, node.column
        return self.root.line, self.root.column

    def fail(self, name: str, code: str, message: str, hint: str | None = None) -> None:
        self.checker.add(error(self.shown, *self.position(name), code, message, hint))

    def missing(self, name: str, message: str, hint: str) -> None:
        self.checker.add(error(self.shown, self.root.line, self.root.column, "E011", message,
                               hint))

    def scalar(self, name: str) -> YScalar | None:
        node = self.root.get(name)
        if isinstance(node, YScalar) and not node.is_null:
            return node
        return None

    def text(self, name: str) -> str | None:
        node = self.scalar(name)
        return node.value.strip() if node is not None and node.value.strip() else None

    def enum(self, name: str) -> str | None:
        spec = NOTICE.field(name) or UPDATE.field(name)
        value = self.text(name)
        return value if spec is not None and value in spec.choices else None

    def flag(self, name: str) -> bool:
        node = self.scalar(name)
        return node is not None and node.tag == BOOL and node.value.lower() == "true"

    def text_list(self, name: str) -> tuple[str, ...]:
        node = self.root.get(name)
        if not isinstance(node, YSeq):
            return ()
        return tuple(dict.fromkeys(i.value.strip() for i in node.items
                                   if isinstance(i, YScalar) and i.value.strip()))

    def time(self, name: str) -> datetime | None:
        node = self.scalar(name)
        if node is None or self.tz is None:
            return None
        try:
            return parse_time(node.value, self.tz)
        except TimeFormatError as exc:
            self.checker.add(error(self.shown, node.line, node.column, "E014",
                                   f"поле «{name}»: {exc}", TIME_HINT))
            return None

    def timezone(self, name: str) -> str | None:
        node = self.scalar(name)
        if node is None:
            return None
        try:
            ZoneInfo(node.value)
        except (ZoneInfoNotFoundError, ValueError):
            zones = [z for z in available_timezones() if z.startswith(("Europe/", "Asia/"))]
            closest = difflib.get_close_matches(node.value, zones, n=1, cutoff=0.5)
            self.checker.add(error(self.shown, node.line, node.column, "E017",
                                   f"часовой пояс «{node.value}» неизвестен",
                                   f"вы имели в виду «{closest[0]}»?" if closest else
                                   "например: Asia/Yekaterinburg, Europe/Moscow, Asia/Chita"))
            return None
        return node.value


def _check_batch(parent: _Checker, jobs: list[tuple[Path, str, str]],
                 organizations: dict[str, Organization],
                 ) -> tuple[list[Notice | None], list[Diagnostic]]:
    """Check notice files in a worker process: the notices and what was found."""
    checker = _Checker(parent.content, parent.now, parent.display_root,
                       broken_organizations=set(parent.broken_organizations))
    return [checker.notice(*job, organizations) for job in jobs], checker.diagnostics


def _walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` in sorted order; a directory named like a notice is yielded."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and path.suffix != ".md":
            yield from _walk(path)
        else:
            yield path


def _closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return found[0] if found else None


def _example_hint(spec: SchemaField) -> str | None:
    return f"например: {spec.name}: {spec.example}" if spec.example and spec.name else None


def _named(spec: SchemaField, name: str) -> SchemaField:
    from dataclasses import replace

    return replace(spec, name=name)


def _type_error(shown: str, value: YNode, spec: SchemaField, expected: str) -> Diagnostic:
    found = {YScalar: "одно значение", YSeq: "список", YMap: "набор полей"}[type(value)]
    return error(shown, value.line, value.column, "E012",
                 f"в поле «{spec.name}» ожидается {expected}, а найдено: {found}",
                 _example_hint(spec))



def load_organizations(content: Path) -> tuple[list[Organization], list[Diagnostic]]:
    """Only the organizations, for commands that need no notice (``notices new``)."""
    from datetime import UTC

    checker = _Checker(content.resolve(), datetime.now(UTC), Path.cwd())
    organizations = checker.organizations()
    return organizations, sort_diagnostics(checker.diagnostics)
