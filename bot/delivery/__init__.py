"""The delivery engine: a durable outbox that sends city alerts at Telegram's pace."""
