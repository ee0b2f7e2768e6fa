"""Local stand-ins for what the bridge talks to, over real HTTP on 127.0.0.1.

* :class:`SiteServer` serves a folder like any static web server: ``ETag``,
  ``Last-Modified``, ``304 Not Modified`` for ``If-None-Match`` and
  ``If-Modified-Since``; it can be taken down and brought back on the same port.
* :class:`FakeMax` speaks the Max bot API wire format (OpenAPI schema 0.0.32,
  dev.max.ru/docs-api): ``Authorization`` header, ``POST /messages?chat_id=``,
  ``PUT /messages?message_id=``, ``GET /me``, ``GET /chats/{id}``, answers
  ``SendMessageResult`` / ``SimpleQueryResult``, errors ``{"code", "message"}``.
* :class:`FakeTelegram` speaks the Telegram Bot API wire format
  (core.telegram.org/bots/api): ``/bot<token>/<method>``, ``{"ok": true,
  "result"}`` or ``{"ok": false, "error_code", "description", "parameters"}``,
  checks HTML tags and lengths after entity parsing as Telegram does.

Both messenger fakes can be told to answer the next message-sending requests
with given errors (``script``), and to run a callback when a message has been
stored but before the answer goes back (``on_message``): that is where the
kill test kills the bridge.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class _Server:
    """A ThreadingHTTPServer on 127.0.0.1 in a daemon thread, with a request log."""

    def __init__(self) -> None:
        self.port = 0
        self.httpd: ThreadingHTTPServer | None = None
        self.log: list[tuple[str, str, int]] = []  # method, path, status
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                outer._dispatch(self, "GET")

            def do_POST(self) -> None:
                outer._dispatch(self, "POST")

            def do_PUT(self) -> None:
                outer._dispatch(self, "PUT")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                         daemon=True).start()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def _dispatch(self, request: BaseHTTPRequestHandler, method: str) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        status, headers, payload = self.handle(method, request.path, request.headers, body)
        with self.lock:
            self.log.append((method, request.path, status))
        try:
            request.send_response(status)
            for name, value in headers.items():
                request.send_header(name, value)
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            if method != "HEAD" and status != 304:
                request.wfile.write(payload)
        except OSError:
            pass  # the client is gone (killed): nothing to answer to

    def handle(self, method: str, path: str, headers: Any,
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        raise NotImplementedError

    def statuses(self, contains: str = "") -> list[int]:
        with self.lock:
            return [status for _, path, status in self.log if contains in path]


class SiteServer(_Server):
    """A static file server for the built site, with validators and 304."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def handle(self, method: str, path: str, headers: Any,
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        target = (self.root / urlsplit(path).path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or self.root.resolve() not in target.parents:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        content = target.read_bytes()
        etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
        modified = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": modified}
        if headers.get("If-None-Match") == etag:
            return 304, validators, b""
        if headers.get("If-None-Match") is None and headers.get("If-Modified-Since") == modified:
            return 304, validators, b""
        kind = "application/feed+json" if target.name.endswith(".json") else "text/html"
        return 200, {**validators, "Content-Type": kind}, content


def _json(status: int, data: dict[str, Any],
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})}, \
        json.dumps(data, ensure_ascii=False).encode()


class _Messenger(_Server):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.scripted: list[Answer] = []
        self.on_message: Callable[[dict[str, Any]], None] | None = None
        self.request_times: list[float] = []

    def script(self, *answers: Answer) -> None:
        """Answer the next message-sending or editing requests with these, in order."""
        with self.lock:
            self.scripted.extend(answers)

    def _next_scripted(self) -> Answer | None:
        with self.lock:
            self.request_times.append(time.monotonic())
            return self.scripted.pop(0) if self.scripted else None


class _TagCheck(HTMLParser):
    def __init__(self, allowed: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.unsupported: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.allowed:
            self.unsupported.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(markup: str, allowed: set[str]) -> tuple[str, list[str]]:
    check = _TagCheck(allowed)
    check.feed(markup)
    check.close()
    return "".join(check.text), check.unsupported


# dev.max.ru/docs-api, "HTML support": only these are rendered; all others are stripped.
MAX_TAGS = {"i", "em", "b", "strong", "del", "s", "ins", "u", "a", "pre", "code", "mark", "h1"}
# core.telegram.org/bots/api#html-style
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
                 "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"}


class FakeMax(_Messenger):
    def __init__(self, token: str, chats: tuple[int, ...]) -> None:
        super().__init__(token)
        self.chats = set(chats)
        self.messages: list[dict[str, Any]] = []  # every message as stored, in arrival order
        self.edits: list[dict[str, Any]] = []
        self.unsupported_tags: list[str] = []
        self.seq = 0

    def texts(self, chat_id: int) -> list[str]:
        return [message["text"] for message in self.messages if message["chat_id"] == chat_id]

    def handle(self, method: str, path: str, headers: Any,
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        if headers.get("Authorization") != self.token:
            return _json(401, {"code": "verify.token", "message": "Invalid access_token"})
        split = urlsplit(path)
        query = {key: values[0] for key, values in parse_qs(split.query).items()}
        if method == "GET" and split.path == "/me":
            return _json(200, {"user_id": 9001, "first_name": "Уведомления", "name":
                               "Уведомления", "username": "id6600000000_bot", "is_bot": True,
                               "last_activity_time": 1763800000000})
        if method == "GET" and split.path.startswith("/chats/"):
            chat = int(split.path.rsplit("/", 1)[1])
            if chat not in self.chats:
                return _json(404, {"code": "chat.not.found", "message": f"Chat {chat} not found"})
            return _json(200, {"chat_id": chat, "type": "channel", "status": "active",
                               "title": "Канал", "icon": None, "last_event_time": 0,
                               "participants_count": 10, "is_public": True,
                               "description": None})
        if split.path != "/messages" or method not in ("POST", "PUT"):
            return _json(404, {"code": "not.found", "message": "Method not found"})
        scripted = self._next_scripted()
        if scripted is not None:
            return _json(scripted.status, scripted.body, scripted.headers)
        try:
            data = json.loads(body)
        except ValueError:
            return _json(400, {"code": "proto.payload", "message": "Invalid JSON"})
        return self._send(query, data) if method == "POST" else self._edit(query, data)

    def _check_body(self, data: dict[str, Any]) -> str | None:
        text = data.get("text")
        if text is not None and (not isinstance(text, str) or len(text) > 4000):
            return "text: size must be between 0 and 4000"
        if data.get("format") not in (None, "html", "markdown"):
            return "format: must be markdown or html"
        for attachment in data.get("attachments") or []:
            if attachment.get("type") != "image" or not attachment.get("payload", {}).get("url"):
                return "attachments: unsupported attachment"
        return None

    def _send(self, query: dict[str, str], data: dict[str, Any]) -> tuple[int, dict[str, str],
                                                                          bytes]:
        chat = int(query.get("chat_id", "0"))
        if chat not in self.chats:
            return _json(404, {"code": "chat.not.found", "message": f"Chat {chat} not found"})
        problem = self._check_body(data)
        if problem:
            return _json(400, {"code": "proto.payload", "message": problem})
        text, unsupported = visible(data.get("text") or "", MAX_TAGS)
        with self.lock:
            self.seq += 1
            message: dict[str, Any] = {
                "chat_id": chat, "mid": f"mid.{chat & 0xffff:04x}{self.seq:012x}",
                "seq": self.seq, "html": data.get("text"), "text": text,
                "format": data.get("format"), "attachments": data.get("attachments") or []}
            self.messages.append(message)
            self.unsupported_tags += unsupported
        if self.on_message is not None:
            self.on_message(message)
        return _json(200, {"message": {
            "sender": {"user_id": 9001, "first_name": "Уведомления", "is_bot": True,
                       "last_activity_time": 0},
            "recipient": {"chat_id": chat, "chat_type": "channel", "user_id": None},
            "timestamp": int(time.time() * 1000),
            "body": {"mid": message["mid"], "seq": message["seq"], "text": text,
                     "attachments": [{"type": "image", "payload": {
                         "photo_id": 1, "token": "t", "url": item["payload"]["url"]}}
                         for item in message["attachments"]]},
            "url": f"https://max.ru/c/{chat}/{message['mid']}"}})

    def _edit(self, query: dict[str, str], data: dict[str, Any]) -> tuple[int, dict[str, str],
                                                                          bytes]:
        problem = self._check_body(data)
        if problem:
            return _json(400, {"code": "proto.payload", "message": problem})
        mid = query.get("message_id", "")
        found = [message for message in self.messages if message["mid"] == mid]
        if not found:
            return _json(404, {"code": "not.found", "message": "Message not found"})
        text, unsupported = visible(data.get("text") or "", MAX_TAGS)
        with self.lock:
            message = found[0]
            message.update(html=data.get("text"), text=text)
            if data.get("attachments") is not None:  # null: leave the attachments as they are
                message["attachments"] = data["attachments"]
            self.edits.append({"mid": mid, "text": text})
            self.unsupported_tags += unsupported
        return _json(200, {"success": True})


class FakeTelegram(_Messenger):
    def __init__(self, token: str, chats: tuple[int | str, ...]) -> None:
        super().__init__(token)
        self.chats = set(chats)
        self.messages: list[dict[str, Any]] = []
        self.edits: list[dict[str, Any]] = []
        self.bad_photo_urls: set[str] = set()
        self.next_id = 100

    def texts(self, chat_id: int | str) -> list[str]:
        return [message["text"] for message in self.messages if message["chat_id"] == chat_id]

    def handle(self, method: str, path: str, headers: Any,
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(path).path.split("/")
        if len(parts) != 3 or parts[1] != f"bot{self.token}":
            return _json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        name = parts[2]
        try:
            data = json.loads(body) if body else {}
        except ValueError:
            return self._error(400, "Bad Request: invalid JSON")
        if name == "getMe":
            return _json(200, {"ok": True, "result": {"id": 7000001, "is_bot": True,
                                                      "first_name": "Уведомления",
                                                      "username": "rso_notices_bot"}})
        chat = data.get("chat_id")
        if chat not in self.chats:
            return self._error(400, "Bad Request: chat not found")
        if name == "getChat":
            return _json(200, {"ok": True, "result": {"id": chat, "type": "channel",
                                                      "title": "Канал"}})
        handlers = {"sendMessage": self._send_message, "sendPhoto": self._send_photo,
                    "editMessageText": self._edit_text,
                    "editMessageCaption": self._edit_caption}
        if name not in handlers:
            return self._error(404, "Not Found")
        scripted = self._next_scripted()
        if scripted is not None:
            return _json(scripted.status, scripted.body, scripted.headers)
        return handlers[name](chat, data)

    def _error(self, code: int, description: str,
               **parameters: Any) -> tuple[int, dict[str, str], bytes]:
        answer: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            answer["parameters"] = parameters
        return _json(code, answer)

    def _parse(self, markup: str, mode: Any) -> tuple[str, str | None]:
        if mode != "HTML":
            return markup, None
        text, unsupported = visible(markup, TELEGRAM_TAGS)
        if unsupported:
            return text, (f"Bad Request: can't parse entities: Unsupported start tag "
                          f"\"{unsupported[0]}\"")
        return text, None

    @staticmethod
    def _length(text: str) -> int:
        return len(text.encode("utf-16-le")) // 2

    def _store(self, chat: Any, kind: str, text: str, photo: str | None) -> tuple[int, dict[
            str, str], bytes]:
        with self.lock:
            self.next_id += 1
            message = {"chat_id": chat, "message_id": self.next_id, "kind": kind, "text": text,
                       "photo": photo}
            self.messages.append(message)
        if self.on_message is not None:
            self.on_message(message)
        result: dict[str, Any] = {"message_id": message["message_id"], "date": int(time.time()),
                                  "chat": {"id": chat, "type": "channel", "title": "Канал"}}
        result["caption" if kind == "photo" else "text"] = text
        return _json(200, {"ok": True, "result": result})

    def _send_message(self, chat: Any, data: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        text, problem = self._parse(str(data.get("text", "")), data.get("parse_mode"))
        if problem:
            return self._error(400, problem)
        if not text.strip():
            return self._error(400, "Bad Request: message text is empty")
        if self._length(text) > 4096:
            return self._error(400, "Bad Request: message is too long")
        return self._store(chat, "text", text, None)

    def _send_photo(self, chat: Any, data: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        caption, problem = self._parse(str(data.get("caption", "")), data.get("parse_mode"))
        if problem:
            return self._error(400, problem)
        if self._length(caption) > 1024:
            return self._error(400, "Bad Request: message caption is too long")
        photo = str(data.get("photo", ""))
        if photo in self.bad_photo_urls or not photo.startswith("http"):
            return self._error(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return self._store(chat, "photo", caption, photo)

    def _find(self, chat: Any, data: dict[str, Any]) -> dict[str, Any] | None:
        for message in self.messages:
            if message["chat_id"] == chat and message["message_id"] == data.get("message_id"):
                return message
        return None

    def _edit(self, chat: Any, data: dict[str, Any], field_name: str,
              kind: str) -> tuple[int, dict[str, str], bytes]:
        message = self._find(chat, data)
        if message is None:
            return self._error(400, "Bad Request: message to edit not found")
        if message["kind"] != kind:
            return self._error(400, "Bad Request: there is no text in the message to edit"
                               if kind == "text" else
                               "Bad Request: there is no caption in the message to edit")
        text, problem = self._parse(str(data.get(field_name, "")), data.get("parse_mode"))
        if problem:
            return self._error(400, problem)
        if text == message["text"]:
            return self._error(400, "Bad Request: message is not modified: specified new "
                               "message content and reply markup are exactly the same as a "
                               "current content and reply markup of the message")
        with self.lock:
            message["text"] = text
            self.edits.append({"message_id": message["message_id"], "text": text})
        return _json(200, {"ok": True, "result": {"message_id": message["message_id"],
                                                  "chat": {"id": chat, "type": "channel"},
                                                  "date": int(time.time()), field_name: text}})

    def _edit_text(self, chat: Any, data: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        return self._edit(chat, data, "text", "text")

    def _edit_caption(self, chat: Any, data: dict[str, Any]) -> tuple[int, dict[str, str],
                                                                         bytes]:
        return self._edit(chat, data, "caption", "photo")


def too_many_requests_max(retry_after: int) -> Answer:
    return Answer(429, {"code": "too.many.requests", "message": "Too many requests"},
                  {"Retry-After": str(retry_after)})


def too_many_requests_telegram(retry_after: int) -> Answer:
    return Answer(429, {"ok": False, "error_code": 429,
                        "description": f"Too Many Requests: retry after {retry_after}",
                        "parameters": {"retry_after": retry_after}})


def internal_error_max() -> Answer:
    return Answer(500, {"code": "internal.error", "message": "Internal server error"})


def internal_error_telegram() -> Answer:
    return Answer(500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
