"""Logging set-up that never lets the bot token reach a log line."""

from __future__ import annotations

import logging


class TokenRedactingFormatter(logging.Formatter):
    """Formats as usual, then replaces every occurrence of the secret (also in tracebacks)."""

    def __init__(self, secret: str | None, fmt: str | None = None) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if self._secret:
            text = text.replace(self._secret, "[token]")
        return text


def configure_logging(token: str | None, level: int = logging.INFO) -> None:
    """Root logging to stderr with the token redacted; httpx's URL lines kept quiet."""
    handler = logging.StreamHandler()
    handler.setFormatter(TokenRedactingFormatter(token))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the token is part of that URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
