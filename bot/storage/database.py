"""One aiosqlite connection with the schema migrated, a transaction helper and row readers.

Storage modules take a connection (`Connection`) and never open a transaction; the service
that changes several tables opens one with `Database.transaction()` and passes it on."""

from __future__ import annotations

import asyncio
import errno
import os
import re
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.storage.migrations import MIGRATIONS

Connection = aiosqlite.Connection
BUSY_TIMEOUT_MS = 30_000
_DISK_TROUBLE = re.compile(r"is full|disk I/O error")
PROBE_BYTES = 32 * 1024  # the trial write after a full disk: several pages, like a real one
SCRUB_WAIT_MS = 200  # a scrub never holds the bot's database thread longer than this waiting
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default


class DatabaseUnusable(Exception):
    """The database file cannot be used (not a database, corrupt, newer than this program,
    not writable). The message is one line: what, and what to do."""


class DiskFull(DatabaseUnusable):
    """A write failed because the disk is full (or failing: an I/O error, a file size limit)."""


class Database:
    """The bot's SQLite database. Open with `await Database.open(path)`."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection
        self._write_lock = asyncio.Lock()
        self.path = ""
        self.full_since: float | None = None  # monotonic time of the first write that failed

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating the folder and file if needed), check and migrate to the newest
        schema. Raises DatabaseUnusable, with nothing left open, if that is not possible."""
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            connection = await aiosqlite.connect(str(path), isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseUnusable(unusable(path, error)) from None
        try:
            database = await cls._prepared(connection)
            database.path = str(path)
            return database
        except (OSError, sqlite3.Error, DatabaseUnusable) as error:
            await connection.close()  # its thread would otherwise keep the process alive
            if isinstance(error, DatabaseUnusable):
                raise
            raise DatabaseUnusable(unusable(path, error)) from None
        except BaseException:
            await asyncio.shield(connection.close())
            raise

    @classmethod
    async def _prepared(cls, connection: aiosqlite.Connection) -> Database:
        connection.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            # A CLI queueing a million recipients holds the write lock for seconds.
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
            "PRAGMA synchronous=NORMAL",
            # Deleted rows are overwritten, so a deleted resident cannot be read back
            # from free pages of the file.
            "PRAGMA secure_delete=ON",
        ):
            await _run(connection, pragma)
        # Fail now, not at a resident's first /start: can we write, is the file whole? SQLite
        # opens a file it may not write read-only without a word (a restored backup with the
        # wrong owner); only a real write tells, here one rolled back at once.
        await connection.execute("BEGIN IMMEDIATE")
        try:
            async with connection.execute("PRAGMA user_version") as cursor:
                (version,) = await cursor.fetchone()
            await _run(connection, f"PRAGMA user_version = {int(version)}")
        finally:
            if connection.in_transaction:
                await connection.execute("ROLLBACK")
        async with connection.execute("PRAGMA quick_check(1)") as cursor:
            (verdict,) = await cursor.fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"damaged ({' '.join(str(verdict).split())})")
        database = cls(connection)
        await database._migrate()
        return database

    async def close(self) -> None:
        await self.connection.close()

    async def checkpoint_every(self, pages: int) -> None:
        """This connection copies the WAL into the file at a commit past `pages` pages (0:
        never; see bot/storage/checkpoint.py)."""
        await _run(self.connection, f"PRAGMA wal_autocheckpoint={int(pages)}")

    async def schema_version(self) -> int:
        async with self.connection.execute("PRAGMA user_version") as cursor:
            (version,) = await cursor.fetchone()
        return int(version)

    async def _migrate(self) -> None:
        current = await self.schema_version()
        if current > len(MIGRATIONS):
            raise DatabaseUnusable(
                f"the database has schema version {current}, newer than this program "
                f"({len(MIGRATIONS)}): update Stadtwarn, or restore a backup"
            )
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            await self._apply(version, script)

    async def _apply(self, version: int, script: str) -> None:
        try:
            await self.connection.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except Exception:
            if self.connection.in_transaction:
                await self.connection.rollback()
            raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction; coroutines sharing the connection take turns."""
        async with self._write_lock:
            try:
                # Inside the try: a cancellation while BEGIN runs must still roll back,
                # or the shared connection would stay stuck in a transaction.
                await self.connection.execute("BEGIN IMMEDIATE")
                yield self.connection
            except BaseException as error:
                await asyncio.shield(self.connection.rollback())
                self._note_full(error)
                raise
            try:
                await self.connection.commit()
            except sqlite3.OperationalError as error:
                await asyncio.shield(self.connection.rollback())
                self._note_full(error)
                raise

    def _note_full(self, error: BaseException) -> None:
        """SQLite's "database or disk is full" and "disk I/O error" become DiskFull, and the
        time they began is kept."""
        if isinstance(error, sqlite3.OperationalError) and _DISK_TROUBLE.search(str(error)):
            if self.full_since is None:
                self.full_since = time.monotonic()
            raise DiskFull(f"writing to the database {self.path} failed: {error}") from error

    async def writable(self) -> bool:
        """Try a real write, as large as a resident's (PROBE_BYTES written, then deleted),
        and copy the write-ahead log into the file; True and the trouble is over if both
        worked. A one-page write can still fit when a real one does not, and a write can fit
        in space the log already has while the file cannot grow."""
        try:
            async with self.transaction() as conn:
                await conn.execute(
                    "INSERT OR REPLACE INTO disk_probe (id, filler) VALUES (1, zeroblob(?))",
                    (PROBE_BYTES,),
                )
            async with self.transaction() as conn:
                await conn.execute("DELETE FROM disk_probe")
            async with self._write_lock:
                await _run(self.connection, "PRAGMA wal_checkpoint(PASSIVE)")
        except DiskFull:
            return False
        except sqlite3.OperationalError as error:
            if _DISK_TROUBLE.search(str(error)):
                return False
            raise
        self.full_since = None
        return True

    def full_for(self) -> float:
        """Seconds writes have been failing for a full disk (0 if the last write worked)."""
        return 0.0 if self.full_since is None else time.monotonic() - self.full_since

    async def scrub(self) -> bool:
        """Rebuild the file (VACUUM) and empty the write-ahead log, so deleted rows are in
        no byte of either. Waits at most SCRUB_WAIT_MS for other processes; False if they kept
        the database busy (try again later)."""
        async with self._write_lock:  # none of our transactions in between
            await _run(self.connection, f"PRAGMA busy_timeout={SCRUB_WAIT_MS}")
            try:
                await _run(self.connection, "VACUUM")
                async with self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                    busy, _, _ = await cursor.fetchone()
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
                return False
            finally:
                await _run(self.connection, f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return busy == 0

    async def fetch_all(self, sql: str, parameters: tuple = ()) -> list[aiosqlite.Row]:
        return await fetch_all(self.connection, sql, parameters)

    async def fetch_one(self, sql: str, parameters: tuple = ()) -> aiosqlite.Row | None:
        return await fetch_one(self.connection, sql, parameters)


async def fetch_all(conn: Connection, sql: str, parameters: tuple = ()) -> list[aiosqlite.Row]:
    async with conn.execute(sql, parameters) as cursor:
        return list(await cursor.fetchall())


async def fetch_one(conn: Connection, sql: str, parameters: tuple = ()) -> aiosqlite.Row | None:
    async with conn.execute(sql, parameters) as cursor:
        return await cursor.fetchone()


async def _run(connection: aiosqlite.Connection, sql: str) -> None:
    """Run and finish a statement: a PRAGMA's unread result row would leave it in progress,
    and VACUUM refuses to run beside a statement in progress."""
    async with connection.execute(sql) as cursor:
        await cursor.fetchall()


def unusable(path: Path | str, error: BaseException) -> str:
    """The one line for a database that cannot be opened: what, and what to do."""
    name = getattr(error, "sqlite_errorname", "")
    folder = Path(path).parent
    denied = isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    if name == "SQLITE_READONLY_DIRECTORY" or (denied and not os.access(folder, os.W_OK)):
        return (
            f"the database folder {folder} is read-only: give the bot's user write "
            f"access to it (SQLite keeps its write-ahead log beside the file), or set "
            f"STADTWARN_DB to a file in another folder"
        )
    if name.startswith("SQLITE_READONLY"):
        return (
            f"the database {path} is read-only: give the bot's user write access to it "
            f"(chown or chmod; also its -wal and -shm files if there), or set STADTWARN_DB "
            f"to another file"
        )
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return (
        f"the database {path} cannot be used: {reason}. Check the file and its folder "
        f"(writable by this user), restore a backup, or set STADTWARN_DB to another file"
    )
