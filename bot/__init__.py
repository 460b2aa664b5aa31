"""Stadtwarn: a city's Telegram bot for fraud warnings, contact officers and number checks."""
