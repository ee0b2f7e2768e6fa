"""Logging for the bridge: Russian messages for the person who runs it, tokens never shown.

Telegram puts the token in the request path (``/bot<token>/sendMessage``), and
httpx logs request URLs, so redaction is done on the final text of every log
line, whoever wrote it: a token becomes ``***`` before anything reaches the
journal.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

LOGGER_NAME = "rso.bridge"
MASK = "***"


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str], fmt: str) -> None:
        super().__init__(fmt)
        # Longest first, so that a token containing another is masked whole.
        self.secrets = sorted({secret for secret in secrets if len(secret) >= 4}, key=len,
                              reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text


def setup_logging(secrets: Iterable[str], verbose: bool = False,
                  stream: TextIO | None = None) -> logging.Handler:
    """Send every log line (ours, httpx's) through one redacting handler on stderr."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.INFO if verbose else logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler


def bridge_logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)
