"""The Max bot API, the few calls the bridge needs.

Followed: the OpenAPI schema published at dev.max.ru/docs-api (version 0.0.32,
archived in github.com/max-messenger-bot/max-bot-api-schemas, schema_2026_07_01):

* host ``platform-api2.max.ru`` (the docs ask to move off ``platform-api.max.ru``);
  the token goes in the ``Authorization`` header ("query parameters are no longer
  supported");
* ``POST /messages?chat_id=…`` with ``NewMessageBody`` ``{text (maxLength 4000),
  format: "html", attachments: [{type: "image", payload: {url}}]}``, answered with
  ``SendMessageResult`` ``{message: {body: {mid, seq, text, ...}, ...}}``;
* ``PUT /messages?message_id=<mid>`` with a ``NewMessageBody``; ``attachments: null``
  leaves the attachments as they are; answered with ``SimpleQueryResult``
  ``{success, message?}``. Posts in channels can be edited at any age;
* ``GET /me`` (``BotInfo``) and ``GET /chats/{chatId}`` (``Chat``) for the health check;
* errors: the HTTP status and ``{"code": "verify.token", "message": "Invalid
  access_token"}``; 401 authentication, 403 no access, 404 not found, 429 too
  many requests, 503 unavailable; ``attachment.not.ready`` means "try later".

The docs publish no per-chat limit (30 requests a second in all); the bridge keeps
to at most 2 messages a second per chat.
"""

from __future__ import annotations

from typing import Any

import httpx

from .feed import FeedItem
from .formatting import MAX_TEXT_LIMIT, compose, max_measure
from .outcomes import (
    Busy,
    Delivered,
    MessengerClient,
    Outcome,
    Posted,
    Refused,
    Rejected,
    retry_after_header,
)
from .state import PostRecord

TRANSIENT_CODES = ("attachment.not.ready",)


class MaxClient(MessengerClient):
    messenger = "max"
    min_interval = 0.5

    def post(self, item: FeedItem) -> Posted:
        text = compose(item, max_measure, MAX_TEXT_LIMIT)
        if item.image:
            outcome = self._send(text, [{"type": "image", "payload": {"url": item.image}}])
            if not isinstance(outcome, Rejected):
                return Posted(outcome, "photo")
        return Posted(self._send(text, []), "text")

    def edit_status(self, first: PostRecord, label: str) -> Outcome:
        text = compose(first.item, max_measure, MAX_TEXT_LIMIT, status_label=label, edited=True)
        body = {"text": text, "format": "html", "attachments": None}
        outcome = self._request("PUT", "/messages", {"message_id": first.message_id or ""}, body)
        if isinstance(outcome, Delivered):
            return Delivered(first.message_id or "")
        return outcome

    def whoami(self) -> Outcome:
        outcome = self._request("GET", "/me", {}, None)
        return outcome

    def can_see_chat(self) -> Outcome:
        return self._request("GET", f"/chats/{self.chat_id}", {}, None)

    def _send(self, text: str, attachments: list[dict[str, Any]]) -> Outcome:
        body = {"text": text, "format": "html", "attachments": attachments}
        return self._request("POST", "/messages", {"chat_id": str(self.chat_id)}, body)

    def _request(self, method: str, path: str, params: dict[str, str],
                 body: dict[str, Any] | None) -> Outcome:
        try:
            response = self.http.request(method, self.api_url + path, params=params, json=body,
                                         headers={"Authorization": self.token})
        except httpx.HTTPError as failure:
            return self.network_failure(failure)
        return self._judge(method, response)

    def _judge(self, method: str, response: httpx.Response) -> Outcome:
        data = _json(response)
        code, message = str(data.get("code", "")), str(data.get("message", ""))
        said = self.redact(f"HTTP {response.status_code} {code}: {message}".strip())
        status = response.status_code
        if status == 200:
            return _success(method, data)
        if status == 429 or code in TRANSIENT_CODES:
            return Busy(said, retry_after_header(response), maybe_delivered=False)
        if status >= 500:
            return Busy(said, retry_after_header(response))
        if status == 401:
            return Refused(f"Max не принял токен ({said})")
        if status == 403:
            return Refused(f"у бота нет доступа к чату ({said}); "
                           "добавьте бота в канал администратором")
        if status == 404 and method == "POST":
            return Refused(f"чат не найден ({said}); проверьте chat_id")
        return Rejected(said)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _success(method: str, data: dict[str, Any]) -> Outcome:
    if method == "PUT":
        if data.get("success") is False:
            return Rejected(f"Max не изменил сообщение: {data.get('message', '')}")
        return Delivered("")
    if method == "GET":
        name = data.get("username") or data.get("name") or data.get("first_name") \
            or data.get("title") or ""
        return Delivered(str(name))
    message = data.get("message")
    body = message.get("body") if isinstance(message, dict) else None
    mid = body.get("mid") if isinstance(body, dict) else None
    # A 200 without message.body.mid breaks the schema; the message exists all the same,
    # so it counts as sent (never resent), only it cannot be edited later.
    return Delivered(str(mid) if mid else "")
