"""SQLite storage: the connection, the versioned schema and one module per table group."""

from bot.storage.database import Database

__all__ = ["Database"]
