"""Texts an earlier build made from the same input, kept in the build's cache folder.

Rendering staff Markdown or encoding a calendar event gives the same text for
the same input and library versions, and most notices do not change between
two builds. A :class:`TextCache` is a JSON file of ``digest of the input →
text`` with a version string naming what else the text depends on (our rules,
the libraries); a file of another version, or an unreadable one, is ignored.
Saving keeps only the entries this build used, so the file does not grow with
notices long gone. Reusing an entry gives exactly the text making it would.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TextCache:
    """Texts by the digest of their input: those of the file at ``path`` (when it was
    written with the same ``version``) and those made by this build."""

    def __init__(self, path: Path | None, version: str) -> None:
        self._path = path
        self._version = version
        self._earlier = self._read() if path is not None else {}
        self._used: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        text = self._used.get(key)
        if text is None:
            text = self._earlier.get(key)
            if text is not None:
                self._used[key] = text
        return text

    def put(self, key: str, text: str) -> None:
        self._used[key] = text

    def get_or_make(self, key: str, make: Callable[[], str]) -> str:
        """The text kept for ``key``, else ``make()``'s, kept from now on."""
        text = self.get(key)
        if text is None:
            text = make()
            self.put(key, text)
        return text

    def used(self) -> dict[str, str]:
        """The entries this build used or made (a worker process hands them back)."""
        return self._used

    def add(self, entries: dict[str, str]) -> None:
        """Entries another process of this build used."""
        self._used.update(entries)

    def save(self) -> None:
        """Write the entries this build used, replacing the file in one rename."""
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        # A name of its own, so that two builds sharing the cache never write one file.
        handle, name = tempfile.mkstemp(dir=self._path.parent, prefix=self._path.name,
                                        suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump({"version": self._version, "texts": self._used}, file,
                          ensure_ascii=False)
            os.chmod(name, 0o644)
            os.replace(name, self._path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

    def _read(self) -> dict[str, str]:
        assert self._path is not None
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self._version:
            return {}
        texts = data.get("texts")
        return texts if isinstance(texts, dict) else {}
