"""Validation of one photo file: where it is, what it is, whether it can be published.

:func:`check_image` never raises, whatever the file: the validator calls it
for every photo a notice references and reports the result at the photo's
line. Messages are in Russian for staff; the validator puts the path as
written before them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .decode import Problem, decode_upright, too_many_bytes
from .settings import MAX_BYTES

_PATH_HINT = ("Проверьте имя файла и папку (большие и маленькие буквы различаются) и что "
              "фотография добавлена в репозиторий; путь пишется относительно файла уведомления.")


def check_image(path: Path, content_root: Path) -> tuple[str, str, str] | None:
    """(code, message, hint) when the photo at ``path`` cannot be published, else ``None``."""
    try:
        problem = find_problem(path, content_root)
    except Exception as exc:  # the last guard: a check must never crash
        problem = Problem("E042", f"файл не удалось прочитать (причина: {exc})",
                          "Проверьте, что это обычный файл фотографии, и загрузите его заново.")
    return None if problem is None else problem.as_tuple()


def find_problem(path: Path, content_root: Path) -> Problem | None:
    return location_problem(path, content_root) or _unreadable(path)


def location_problem(path: Path, content_root: Path) -> Problem | None:
    """Missing, outside content/ (a symlink included) or not a regular file."""
    return (_outside(path, content_root)
            or _missing(path)
            or _escaping_link(path, content_root)
            or _not_a_file(path))


def _outside(path: Path, content_root: Path) -> Problem | None:
    written = Path(os.path.normpath(os.path.abspath(path)))
    root = Path(os.path.normpath(os.path.abspath(content_root)))
    if written.is_relative_to(root):
        return None
    return Problem("E041", "путь ведёт за пределы папки content/",
                   "Положите фотографию внутрь content/ (удобно — рядом с файлом уведомления) "
                   "и укажите путь без «..», выходящих за content/.")


def _missing(path: Path) -> Problem | None:
    if path.exists():
        return None
    if path.is_symlink():
        return Problem("E040", f"символическая ссылка ведёт на несуществующий файл "
                       f"{os.readlink(path)}", _PATH_HINT)
    return Problem("E040", "файл фотографии не найден", _PATH_HINT)


def _escaping_link(path: Path, content_root: Path) -> Problem | None:
    if path.resolve().is_relative_to(content_root.resolve()):
        return None
    return Problem("E041", f"это символическая ссылка на файл вне папки content/ "
                   f"({path.resolve()}); такие файлы не публикуются",
                   "Замените ссылку самим файлом фотографии, положенным внутрь content/.")


def _not_a_file(path: Path) -> Problem | None:
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    what = "папка" if stat.S_ISDIR(mode) else "особый файл (канал или устройство)"
    return Problem("E042", f"на этом месте {what}, а не файл изображения",
                   "Укажите путь к самому файлу фотографии, например photos/pipe.jpg.")


def _unreadable(path: Path) -> Problem | None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        return too_many_bytes(size)  # refused before reading 50 MB into memory
    image = decode_upright(path.read_bytes())
    return image if isinstance(image, Problem) else None
