"""The Telegram Bot API, the few methods the bridge needs.

Followed: core.telegram.org/bots/api —

* requests ``POST https://api.telegram.org/bot<token>/<method>`` with a JSON body;
  answers ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N,
  "description": "...", "parameters": {"retry_after": N, "migrate_to_chat_id": N}}``
  ("Making requests", ``ResponseParameters``);
* ``sendMessage`` (text 1–4096 characters after entities parsing), ``sendPhoto``
  with ``photo`` as an HTTP URL and ``caption`` of 0–1024 characters,
  ``parse_mode: "HTML"`` ("Formatting options", HTML style);
* ``editMessageText`` and ``editMessageCaption`` for the first post's status line;
  "Bad Request: message is not modified" means the edit is already there;
* ``getMe`` and ``getChat`` for the health check;
* flood control: error 429 with ``parameters.retry_after`` seconds to wait.
  Telegram's FAQ asks bots to stay under one message a second per chat, and
  twenty a minute per group or channel; the bridge keeps to one a second.
"""

from __future__ import annotations

from typing import Any

import httpx

from .feed import FeedItem
from .formatting import TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT, compose, telegram_measure
from .outcomes import Busy, Delivered, MessengerClient, Outcome, Posted, Refused, Rejected
from .state import PostRecord

#: 400 answers that mean the channel itself is unusable, not this one message.
CHANNEL_PROBLEMS = ("chat not found", "not enough rights", "need administrator rights",
                    "have no rights", "chat_write_forbidden", "bot is not a member",
                    "group chat was upgraded", "channel_private")


class TelegramClient(MessengerClient):
    messenger = "telegram"
    min_interval = 1.0

    def post(self, item: FeedItem) -> Posted:
        if item.image:
            caption = compose(item, telegram_measure, TELEGRAM_CAPTION_LIMIT)
            outcome = self._call("sendPhoto", {"photo": item.image, "caption": caption})
            if not isinstance(outcome, Rejected):
                return Posted(outcome, "photo")
        text = compose(item, telegram_measure, TELEGRAM_TEXT_LIMIT)
        return Posted(self._call("sendMessage", {"text": text}), "text")

    def edit_status(self, first: PostRecord, label: str) -> Outcome:
        message_id = int(first.message_id or 0)
        if first.kind == "photo":
            caption = compose(first.item, telegram_measure, TELEGRAM_CAPTION_LIMIT,
                              status_label=label, edited=True)
            outcome = self._call("editMessageCaption",
                                 {"message_id": message_id, "caption": caption})
        else:
            text = compose(first.item, telegram_measure, TELEGRAM_TEXT_LIMIT,
                           status_label=label, edited=True)
            outcome = self._call("editMessageText", {"message_id": message_id, "text": text})
        if isinstance(outcome, Rejected) and "message is not modified" in outcome.reason:
            return Delivered(first.message_id or "")
        return Delivered(first.message_id or "") if isinstance(outcome, Delivered) else outcome

    def whoami(self) -> Outcome:
        return self._call("getMe", {}, with_chat=False)

    def can_see_chat(self) -> Outcome:
        return self._call("getChat", {})

    def _call(self, method: str, fields: dict[str, Any], *, with_chat: bool = True) -> Outcome:
        body = {"chat_id": self.chat_id, **fields} if with_chat else fields
        if "text" in body or "caption" in body:
            body["parse_mode"] = "HTML"
        try:
            response = self.http.post(f"{self.api_url}/bot{self.token}/{method}", json=body)
        except httpx.HTTPError as failure:
            return self.network_failure(failure)
        return self._judge(response)

    def _judge(self, response: httpx.Response) -> Outcome:
        data = _json(response)
        if data.get("ok") is True:
            return _success(data.get("result"))
        code = data.get("error_code", response.status_code)
        description = str(data.get("description", ""))
        said = self.redact(f"{code} {description}".strip())
        raw_parameters = data.get("parameters")
        parameters: dict[str, Any] = raw_parameters if isinstance(raw_parameters, dict) else {}
        retry_after = parameters.get("retry_after")
        wait = float(retry_after) if isinstance(retry_after, int | float) else None
        if code == 429:
            return Busy(said, wait, maybe_delivered=False)
        if response.status_code >= 500 or (isinstance(code, int) and code >= 500):
            return Busy(said, wait)
        if code == 401:
            return Refused(f"Telegram не принял токен ({said})")
        if code == 403:
            return Refused(f"у бота нет доступа к каналу ({said}); "
                           "добавьте бота в канал администратором")
        if "migrate_to_chat_id" in parameters:
            return Refused(f"группа стала супергруппой ({said}); укажите chat_id "
                           f"{parameters['migrate_to_chat_id']}")
        if any(problem in description.lower() for problem in CHANNEL_PROBLEMS):
            return Refused(f"канал недоступен боту ({said})")
        return Rejected(said)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {"ok": False, "error_code": response.status_code,
                "description": f"ответ не JSON (HTTP {response.status_code})"}
    return data if isinstance(data, dict) else {}


def _success(result: Any) -> Delivered:
    if isinstance(result, dict):
        if "message_id" in result:
            return Delivered(str(result["message_id"]))
        name = result.get("username") or result.get("title") or result.get("first_name") or ""
        return Delivered(str(name))
    return Delivered("")
