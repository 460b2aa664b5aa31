"""Limits the Bot API sets on what a bot sends (plain numbers; no Telegram import)."""

# Characters of a message's text after entity parsing, counted in UTF-16 code units.
MAX_MESSAGE_LENGTH = 4096
# Bytes of an inline button's callback data.
MAX_CALLBACK_DATA_BYTES = 64
