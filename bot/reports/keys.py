"""Keyed hashes (HMAC-SHA256) that stand in for the chat in reports and votes. Without the
secret (STADTWARN_REPORT_KEY, never in the database) they cannot be traced to a chat; with it,
only by trying every chat id. Each use has its own label, so no two can be joined."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date


class ReportKeys:
    def __init__(self, secret: bytes | None = None) -> None:
        # No secret set: a random one for this process (de-duplication and limits then
        # start afresh after a restart, and earlier keys are unlinkable even with the file).
        self._secret = secret or secrets.token_bytes(32)

    def once(self, chat_id: int, subject: str, day: date) -> bytes:
        return self._mac("once", chat_id, subject, day.isoformat())

    def day(self, chat_id: int, day: date) -> bytes:
        return self._mac("day", chat_id, day.isoformat())

    def subject(self, chat_id: int, subject: str) -> bytes:
        return self._mac("subject", chat_id, subject)

    def voter(self, chat_id: int, alert_id: int) -> bytes:
        return self._mac("vote", chat_id, alert_id)

    def _mac(self, label: str, *parts: object) -> bytes:
        message = "\x1f".join([label, *(str(p) for p in parts)]).encode()
        return hmac.new(self._secret, message, hashlib.sha256).digest()[:16]
