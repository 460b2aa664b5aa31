"""The bot's deep links, t.me/<bot>?start=<district or alias>: who opens one starts the bot
and is subscribed (handlers/start.py reads the start parameter). Printed on the flyers and
shown on the public site."""

from __future__ import annotations


def deep_link(bot_username: str, start: str = "") -> str:
    """The link to the bot; with `start`, one that subscribes to that district or alias."""
    return f"https://t.me/{bot_username}" + (f"?start={start}" if start else "")
