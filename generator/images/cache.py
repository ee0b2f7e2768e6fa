"""A content-addressed cache of encoded files, kept between builds.

Layout under ``<cache_dir>/images/``::

    manifests/<k[:2]>/<key>.json   what one source (photo or card) was encoded into
    files/<name>                   the encoded bytes; the name starts with their SHA-256

A key is the SHA-256 of everything the output depends on: the source bytes
(or the card's text) and the settings fingerprint, library versions
included. Entries are written to a temporary name and renamed, the manifest
last, so an interrupted build leaves no half entry; a damaged entry (a file
missing or of the wrong length) reads as a miss. Files reach the site as hard
links: nothing ever writes to a published file in place (every build makes a
new folder), so a link is as safe as a copy and costs no bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

from .encode import Encoded

#: An entry the build did not use is forgotten once it was made this long ago.
PRUNE_AFTER = timedelta(days=7)
#: Pruning looks at the cache only once it holds this many times the entries a build uses.
PRUNE_SLACK = 1.25


@dataclass(frozen=True)
class CachedFile:
    name: str  # "<sha256 prefix>-<width>.<ext>", unique by content
    width: int
    height: int
    mime: str
    length: int


def cache_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def file_name(encoded: Encoded) -> str:
    digest = hashlib.sha256(encoded.data).hexdigest()[:20]
    return f"{digest}-{encoded.width}.{encoded.extension}"


class ImageCache:
    def __init__(self, cache_dir: Path) -> None:
        self.root = cache_dir / "images"
        self._files = self.root / "files"
        self._manifests = self.root / "manifests"

    def lookup(self, key: str) -> tuple[CachedFile, ...] | None:
        """The files of an entry, or ``None``. Whether each is still there with its length
        is checked when it is placed (:meth:`place`), not twice."""
        return self.lookup_manifest(key) or None

    def store(self, key: str, encoded: list[Encoded]) -> tuple[CachedFile, ...]:
        files = []
        for item in encoded:
            name = file_name(item)
            _write_atomically(self._files / name, item.data)
            files.append(CachedFile(name, item.width, item.height, item.mime, len(item.data)))
        manifest = json.dumps({"files": [asdict(f) for f in files]}, ensure_ascii=False, indent=1)
        _write_atomically(self._manifest(key), manifest.encode())
        return tuple(files)

    def place(self, cached: CachedFile, target: Path) -> bool:
        """Put a cached file at ``target``: a hard link when the file system allows (a
        build places thousands of cards), else a copy. ``False`` when the file is gone
        or no longer has its length (a damaged cache reads as a miss)."""
        source = self._files / cached.name
        try:
            status = source.stat()
            if not stat.S_ISREG(status.st_mode) or status.st_size != cached.length:
                return False
            if status.st_mode & FILE_MODE != FILE_MODE:  # made by a version that left 0600
                os.chmod(source, FILE_MODE)
            target.unlink(missing_ok=True)
            try:
                os.link(source, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(source, target)
        except OSError:
            return False
        return True

    def prune(self, used: dict[str, tuple[CachedFile, ...]], *, now: float | None = None) -> int:
        """Forget entries this build did not use that were made more than ``PRUNE_AFTER``
        ago; how many. Runs only once the cache holds a quarter more entries than were
        used, so a build usually spends no time here. Cards of events that have left every
        feed and photos of deleted notices go; what another build made recently stays.

        A file goes only when no remaining entry lists it and it too is older than
        ``PRUNE_AFTER`` (equal bytes are one file, possibly listed by several entries,
        and a build sharing the cache writes its files before its entry).
        """
        manifests = self.root / "manifests"
        if not manifests.is_dir():
            return 0
        entries = [e for folder in os.scandir(manifests) if folder.is_dir()
                   for e in os.scandir(folder.path) if e.name.endswith(".json")]
        if len(entries) <= PRUNE_SLACK * len(used):
            return 0
        deadline = (time.time() if now is None else now) - PRUNE_AFTER.total_seconds()
        pruned = 0
        for entry in entries:
            key = entry.name.removesuffix(".json")
            if key in used or _made_after(entry.path, deadline):
                continue
            Path(entry.path).unlink(missing_ok=True)
            pruned += 1
        if pruned:
            self._forget_unlisted_files(deadline)
        return pruned

    def _forget_unlisted_files(self, deadline: float) -> None:
        listed = {cached.name for folder in (self.root / "manifests").iterdir()
                  if folder.is_dir() for manifest in folder.glob("*.json")
                  for cached in self.lookup_manifest(manifest.stem)}
        for entry in os.scandir(self.root / "files"):
            if entry.name not in listed and not _made_after(entry.path, deadline):
                Path(entry.path).unlink(missing_ok=True)

    def lookup_manifest(self, key: str) -> tuple[CachedFile, ...]:
        """The files a manifest lists, whether or not they are still there."""
        try:
            raw = json.loads(self._manifest(key).read_text(encoding="utf-8"))
            return tuple(CachedFile(**item) for item in raw["files"])
        except (OSError, ValueError, KeyError, TypeError):
            return ()

    def _manifest(self, key: str) -> Path:
        return self._manifests / key[:2] / f"{key}.json"


#: Cache files reach the site as hard links: readable by the web server's user.
FILE_MODE = 0o644


def _made_after(path: str, moment: float) -> bool:
    """Whether a file was written after ``moment``; a file already gone counts as recent
    (another build is at work on the cache)."""
    try:
        return os.stat(path).st_mtime > moment
    except FileNotFoundError:
        return True


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
