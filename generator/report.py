"""Diagnostics as text for people, as GitHub workflow commands, and as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .diagnostics import Diagnostic

FORMATS = ("text", "github", "json")


def render(diagnostics: Sequence[Diagnostic], fmt: str, files: int) -> str:
    return {"text": as_text, "github": as_github, "json": as_json}[fmt](diagnostics, files)


def as_text(diagnostics: Sequence[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{d.location()}: {d.severity.value}[{d.code}]: {d.message}")
        if d.hint:
            lines.append(f"  hint: {d.hint}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"Проверено файлов: {files}. Ошибок нет."
    return f"Проверено файлов: {files}. Ошибок: {errors}, предупреждений: {warnings}."


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """GitHub Actions workflow commands: each becomes an annotation on the changed line."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        props = (f"file={_escape_property(d.path)},line={d.line},col={d.column},"
                 f"title={_escape_property(f'{d.code}')}")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{command} {props}::{_escape_data(message)}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def as_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    items = [{"path": d.path, "line": d.line, "column": d.column, "code": d.code,
              "severity": d.severity.value, "message": d.message, "hint": d.hint}
             for d in diagnostics]
    return json.dumps({"files": files, "diagnostics": items}, ensure_ascii=False, indent=2) + "\n"
