"""Thin Telegram adapters: read the update, call bot/, render a template, reply."""
