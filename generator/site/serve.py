"""``notices serve``: a local preview for staff that rebuilds when the content changes.

The site is built with :func:`generator.build.build` into a temporary folder,
served on 127.0.0.1, and built again (debounced) whenever a file under the
content folder changes. A build that fails validation keeps the last good
site on show and prints the diagnostics.
"""

from __future__ import annotations

import functools
import shutil
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..diagnostics import ContentInvalid, NoticesError
from ..report import render

HOST = "127.0.0.1"
QUIET_SECONDS = 0.3  # wait for a burst of saves to end before rebuilding


class _Handler(SimpleHTTPRequestHandler):
    """Static files, never cached by the browser, without a log line per request."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Changes(FileSystemEventHandler):
    def __init__(self, preview: Preview) -> None:
        self._preview = preview

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):
            self._preview.changed()


class Preview:
    """The preview server: ``start()``, then ``stop()``; ``serve()`` runs one until Ctrl+C."""

    def __init__(self, content: Path, port: int, now: datetime | None = None,
                 out: TextIO = sys.stdout) -> None:
        self.content = content.resolve()
        self.port = port
        self.now = now
        self.url = f"http://{HOST}:{port}/"
        self.builds = 0  # successful builds so far
        self.failures = 0  # builds refused by validation
        self._out = out
        self._folder = Path(tempfile.mkdtemp(prefix="notices-serve-"))
        self.site = self._folder / "site"
        self._dirty = threading.Event()
        self._last_change = 0.0
        self._stopping = threading.Event()
        self._built = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._observer: Any = None

    def start(self) -> None:
        self.rebuild()
        handler = functools.partial(_Handler, directory=str(self.site))
        self._server = ThreadingHTTPServer((HOST, self.port), handler)
        self._observer = Observer()
        self._observer.schedule(_Changes(self), str(self.content), recursive=True)
        self._observer.start()
        self._threads = [threading.Thread(target=self._server.serve_forever, daemon=True),
                         threading.Thread(target=self._rebuild_loop, daemon=True)]
        for thread in self._threads:
            thread.start()
        self._say(f"Предпросмотр: {self.url} — пересборка при изменениях в {self.content} "
                  "(Ctrl+C — выход)")

    def stop(self) -> None:
        self._stopping.set()
        self._dirty.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        shutil.rmtree(self._folder, ignore_errors=True)

    def changed(self) -> None:
        self._last_change = time.monotonic()
        self._dirty.set()

    def wait_for_build(self, after: int, timeout: float) -> bool:
        """Wait until more than ``after`` builds were attempted (for tests and tools)."""
        with self._built:
            return self._built.wait_for(lambda: self.builds + self.failures > after, timeout)

    def rebuild(self) -> None:
        from ..build import build

        started = time.monotonic()
        now = self.now or datetime.now(UTC)
        try:
            result = build(self.content, self.site, now, base_url=self.url)
        except ContentInvalid as invalid:
            self._say(render(invalid.diagnostics, "text", 0) + f"Сайт не пересобран: {invalid}")
            self._ensure_placeholder()
            self._count(failed=True)
            return
        except NoticesError as error:
            self._say(f"Сайт не пересобран: {error}")
            self._ensure_placeholder()
            self._count(failed=True)
            return
        self._say(f"Собрано: {result.notices} уведомлений за {time.monotonic() - started:.1f} с")
        self._count(failed=False)

    def _rebuild_loop(self) -> None:
        while not self._stopping.is_set():
            self._dirty.wait()
            if self._stopping.is_set():
                return
            while time.monotonic() - self._last_change < QUIET_SECONDS:
                time.sleep(QUIET_SECONDS / 3)
            self._dirty.clear()
            self.rebuild()

    def _count(self, *, failed: bool) -> None:
        with self._built:
            if failed:
                self.failures += 1
            else:
                self.builds += 1
            self._built.notify_all()

    def _ensure_placeholder(self) -> None:
        """Before the first good build, a page that says where the errors are."""
        if self.site.exists():
            return
        self.site.mkdir(parents=True)
        (self.site / "index.html").write_text(
            '<!doctype html><html lang="ru"><meta charset="utf-8">'
            "<title>Ошибки в содержимом</title><p>Сайт не собран: в содержимом есть ошибки. "
            "Они перечислены в терминале, где запущен <code>notices serve</code>. "
            "Исправьте их и сохраните файл.</p></html>",
            encoding="utf-8")

    def _say(self, text: str) -> None:
        print(text.rstrip(), file=self._out, flush=True)


def serve(content: Path, port: int, now: datetime | None = None) -> None:
    """Preview the site at http://127.0.0.1:<port>/ until interrupted, rebuilding on change.

    ``now`` fixes the moment the site describes; without it each build uses the clock.
    """
    preview = Preview(content, port, now)
    preview.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
