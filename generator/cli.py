"""The ``notices`` command line: each command wires library stages together.

A content mistake exits 1 with a message and no traceback; a bad option exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .diagnostics import ContentInvalid, NoticesError, UsageError
from .report import FORMATS, render
from .times import TimeFormatError, parse_now

DEFAULT_CONTENT = Path("content")

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except ContentInvalid as exc:
        sys.stdout.write(render(exc.diagnostics, getattr(args, "format", "text"), exc.files))
        print(f"notices: {exc}", file=sys.stderr)
        return exc.exit_code
    except NoticesError as exc:
        print(f"notices: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


class RussianParser(argparse.ArgumentParser):
    """argparse with its own headings and help option in Russian, like everything staff read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "аргументы"
        self._optionals.title = "параметры"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="показать эту справку и выйти")


def make_parser() -> argparse.ArgumentParser:
    parser = RussianParser(
        prog="notices",
        description="Уведомления РСО об отключениях: проверка, сборка сайта и лент, мосты в "
                    "мессенджеры.")
    commands = parser.add_subparsers(title="команды", metavar="COMMAND")
    _validate_parser(commands)
    _build_parser(commands)
    _new_parser(commands)
    _serve_parser(commands)
    _schema_parser(commands)
    _other_parsers(commands)
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR",
                        help="папка с notices/ и organizations/ (по умолчанию content/)")


def _now_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--now", metavar="TIME",
                        help=f"{what}, ISO 8601 со смещением, например 2026-11-23T12:00+05:00 "
                             "(по умолчанию — текущее время)")


def _now(args: argparse.Namespace) -> datetime:
    try:
        return parse_now(args.now)
    except TimeFormatError as exc:
        raise UsageError(f"--now: {exc}; пример: 2026-11-23T12:00+05:00") from exc


def _check_content(path: Path) -> None:
    if not path.is_dir():
        raise UsageError(f"папка с содержимым не найдена: {path}")


# -- validate -------------------------------------------------------------------------------

def _validate_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser("validate", help="проверить все уведомления и организации",
                            description="Проверяет каждый файл и сообщает обо всех ошибках: "
                                        "файл:строка:столбец, код, что не так и как исправить. "
                                        "Код выхода: 0 — ошибок нет, 1 — есть ошибки "
                                        "(и предупреждения при --strict), 2 — неверный вызов.")
    _content_option(p)
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text — для людей, github — аннотации в pull request, json — для программ")
    p.add_argument("--strict", action="store_true", help="считать предупреждения ошибками")
    _now_option(p, "момент проверки (с ним сравниваются времена публикации и обновлений)")
    p.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate

    _check_content(args.content)
    result = validate(args.content, _now(args))
    diagnostics = list(result.diagnostics)
    diagnostics += _repository_checks(args.content, result)
    sys.stdout.write(render(diagnostics, args.format, result.files))
    failed = any(d.is_error for d in diagnostics) or (args.strict and bool(diagnostics))
    return 1 if failed else 0


def _repository_checks(content: Path, result: object) -> list:  # type: ignore[type-arg]
    """Checks of the repository around the content (CODEOWNERS), when it is a repository."""
    from .validate import Validation

    assert isinstance(result, Validation)
    from .codeowners import check_codeowners

    root = content.resolve().parent
    if result.model is None or not (root / ".git").exists():
        return []
    return list(check_codeowners(root, result.model.organizations))


# -- build ----------------------------------------------------------------------------------

def _build_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser("build", help="проверить и собрать сайт с лентами",
                            description="Проверяет содержимое и, если ошибок нет, собирает сайт "
                                        "с лентами RSS, Atom, JSON Feed и iCalendar во временную "
                                        "папку, которая в конце заменяет папку --out. При ошибках "
                                        "ничего не записывается.")
    _content_option(p)
    p.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                   help="куда записать сайт (по умолчанию site/)")
    _now_option(p, "момент, на который собирается сайт")
    p.add_argument("--base-url", metavar="URL",
                   help="адрес сайта, например https://example.org/notices/ "
                        "(по умолчанию site_url из mkdocs.yml)")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="mkdocs.yml (по умолчанию — рядом с папкой содержимого)")
    p.set_defaults(handler=_build)


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .report import as_text

    _check_content(args.content)
    result = build(args.content, args.out, _now(args), args.base_url, args.config)
    if result.warnings:
        sys.stdout.write(as_text(result.warnings, 0))
    print(f"Собрано: {result.notices} уведомлений → {result.out}")
    return 0


# -- new ------------------------------------------------------------------------------------

def _new_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser("new", help="создать заготовку уведомления",
                            description="Создаёт правильную заготовку уведомления для организации "
                                        "с текущими местным временем и датой и печатает путь "
                                        "к файлу.")
    _content_option(p)
    p.add_argument("organization", help="идентификатор организации, например vks-verkhnyaya-salda")
    p.add_argument("type", choices=("planned", "unplanned", "emergency", "info"),
                   help="тип уведомления")
    p.add_argument("--slug", help="краткое имя файла латиницей, например lenina-voda")
    _now_option(p, "время публикации в заготовке")
    p.set_defaults(handler=_new)


def _new(args: argparse.Namespace) -> int:
    from .report import as_text
    from .skeleton import write_skeleton
    from .validate import load_organizations

    _check_content(args.content)
    organizations, problems = load_organizations(args.content)
    found = {o.id: o for o in organizations}
    if args.organization not in found:
        if problems:
            sys.stderr.write(as_text(problems, len(problems)))
        known = ", ".join(sorted(found)) or "нет ни одной"
        raise UsageError(f"организация «{args.organization}» не найдена; есть: {known}")
    path = write_skeleton(args.content, found[args.organization], args.type, _now(args),
                          args.slug)
    print(path)
    return 0


# -- serve ----------------------------------------------------------------------------------

def _serve_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser("serve", help="предпросмотр сайта с пересборкой при изменениях",
                            description="Собирает сайт, показывает его на http://127.0.0.1:PORT/ "
                                        "и пересобирает при каждом изменении в папке "
                                        "содержимого.")
    _content_option(p)
    p.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    _now_option(p, "момент, на который собирается предпросмотр")
    p.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    _check_content(args.content)
    serve(args.content, args.port, _now(args) if args.now else None)
    return 0


# -- schema ---------------------------------------------------------------------------------

def _schema_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser("schema", help="записать JSON Schema для редакторов",
                            description="Записывает JSON Schema уведомлений и организаций, "
                                        "по которой VS Code подсказывает поля.")
    p.add_argument("--out", type=Path, default=Path("generator/schema"), metavar="DIR",
                   help="папка для файлов схемы (по умолчанию generator/schema)")
    p.add_argument("--check", action="store_true",
                   help="не записывать, а проверить, что файлы схемы не устарели")
    p.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_files

    stale = []
    for name, text in schema_files().items():
        path = args.out / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(path)
    if stale:
        print("устарели файлы схемы: " + ", ".join(stale) + "; выполните notices schema",
              file=sys.stderr)
        return 1
    return 0


# -- commands of the publishing workflow and the bridge ------------------------------------

def _other_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import importlib

    for module in ("permissions", "codeowners", "bridge.cli"):  # INTEGRATION: import directly
        with contextlib.suppress(ImportError, AttributeError):
            importlib.import_module(f"generator.{module}").add_parser(commands)


if __name__ == "__main__":
    sys.exit(main())
