"""Logging set-up that never lets the bot token reach a log line."""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter


class TokenRedactingFormatter(logging.Formatter):
    """Formats as usual, then replaces every occurrence of the secret (also in tracebacks)."""

    def __init__(self, secret: str | None, fmt: str | None = None) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secret)


class JsonLines(JsonFormatter):
    """One JSON object per record, for log collectors: `time` (UTC, ISO 8601), `level`,
    `logger`, `message`, and `exc_info` with a traceback. The token is redacted as in text:
    its characters need no escaping in JSON."""

    def __init__(self, secret: str | None) -> None:
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            json_ensure_ascii=False,
        )
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secret)


def redact(text: str, token: str | None) -> str:
    """`text` without the token, and without its secret part (after the colon) alone."""
    if token:
        text = text.replace(token, "[token]")
        secret = token.partition(":")[2]
        if len(secret) >= 8:
            text = text.replace(secret, "[token]")
    return text


def configure_logging(token: str | None, level: int = logging.INFO, log_format="text") -> None:
    """Root logging to stderr with the token redacted, as text or JSON lines (`log_format`);
    httpx's URL lines kept quiet."""
    handler = logging.StreamHandler()
    json_lines = log_format == "json"
    handler.setFormatter(JsonLines(token) if json_lines else TokenRedactingFormatter(token))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the token is part of that URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def logs_as_json() -> bool:
    """Whether the log is JSON lines: then an error's last line is one of them, too."""
    return any(isinstance(h.formatter, JsonLines) for h in logging.getLogger().handlers)


class ExpectedErrors(logging.Filter):
    """Expected conditions (Telegram unreachable, a rejected token) log as one line with
    the error's name and message, not as a traceback; records starting with one of
    `dropped` are left out (what the bot reports better itself, once per outage)."""

    def __init__(self, *types: type[BaseException], dropped: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.types = types
        self.dropped = dropped

    def filter(self, record: logging.LogRecord) -> bool:
        if self.dropped and str(record.msg).startswith(self.dropped):
            return False
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and isinstance(error, self.types):
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {error})"
            record.args = None
            record.exc_info = record.exc_text = None
        return True


def quiet_tracebacks(*types: type[BaseException], dropped: tuple[str, ...] = ()) -> None:
    """From now on, errors of these types log without a traceback (see ExpectedErrors)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(ExpectedErrors(*types, dropped=dropped))
