"""What a messenger answered, as values the runner acts on.

::

    Outcome
     ├── Delivered   the messenger confirmed; carries its message id
     ├── Busy        429, 5xx, time-out, network: wait (as told, if told) and try again
     ├── Refused     401/403, chat gone: this channel stops until someone fixes it
     └── Rejected    this one message was refused as it is (400): record it as failed
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import httpx

from .explain import explain_network_failure
from .feed import FeedItem
from .state import PostRecord


@dataclass(frozen=True)
class Delivered:
    message_id: str


@dataclass(frozen=True)
class Busy:
    reason: str
    retry_after: float | None = None  # seconds the messenger asked us to wait, when it said
    #: True when the request may have reached the messenger (time-out, 5xx): sending it
    #: again may double the post. False for 429, which certainly posted nothing.
    maybe_delivered: bool = True


@dataclass(frozen=True)
class Refused:
    reason: str


@dataclass(frozen=True)
class Rejected:
    reason: str


Outcome = Delivered | Busy | Refused | Rejected


@dataclass(frozen=True)
class Posted:
    outcome: Outcome
    kind: str  # "photo" or "text"


class MessengerClient(ABC):
    """One bot token talking to one chat."""

    messenger: str
    #: The pause between two requests to one chat (the messenger's per-chat rate limit).
    min_interval: float

    def __init__(self, http: httpx.Client, api_url: str, token: str, chat_id: int | str) -> None:
        self.http = http
        self.api_url = api_url.rstrip("/")
        self.token = token
        self.chat_id = chat_id

    @abstractmethod
    def post(self, item: FeedItem) -> Posted:
        """Send the item as a new message."""

    @abstractmethod
    def edit_status(self, first: PostRecord, label: str) -> Outcome:
        """Rewrite an earlier first post so that its status line shows ``label``."""

    @abstractmethod
    def whoami(self) -> Outcome:
        """Ask who the bot is (checks the token); Delivered carries the bot's name."""

    @abstractmethod
    def can_see_chat(self) -> Outcome:
        """Ask for the chat (checks that the bot was added to it)."""

    def redact(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text

    def network_failure(self, failure: httpx.HTTPError) -> Busy:
        host = httpx.URL(self.api_url).host or self.api_url
        return Busy(f"нет ответа: {explain_network_failure(failure, host)}")


def retry_after_header(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (RFC 9110 §10.2.3); bot APIs do not send the date form."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
