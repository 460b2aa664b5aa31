"""City alerts: composing a draft and the comms desk service behind Telegram and the CLI."""
