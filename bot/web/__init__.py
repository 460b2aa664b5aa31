"""The bot's small HTTP server (STADTWARN_HTTP): Telegram's webhook, /healthz, /metrics and
the public site, on the bot's own event loop. No PTB here: the composition root hands in the
function that takes an update."""
