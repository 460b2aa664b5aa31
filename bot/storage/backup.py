"""Backup and restore of the database file, while the bot runs and writes.

A backup is SQLite's online backup API, in one step, into memory: one short read
transaction on the live file (in WAL mode the bot goes on writing meanwhile), so the copy is
one consistent moment. From memory it is written compactly (`VACUUM INTO`) to a hidden
temporary file beside the target, checked, synced and renamed over the target: a reader (the
city's nightly file backup) sees the old copy or the new one, never half of one. `VACUUM`
rebuilds every page, so a row deleted before the moment of the copy (a resident's /stop) is
in no byte of it, even before the running bot's own scrub (bot/storage/scrub.py) ran.

A restore holds the bot's lock (bot/storage/lock.py) throughout, so no bot runs on the file
meanwhile; it checks a staged copy (quick_check, a schema version this program knows), moves
the old file with its -wal and -shm aside (`<db>.before-restore-<UTC time>`) and renames the
copy into place. The running bot migrates an older copy at its start, as after any upgrade."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bot.storage.database import BUSY_TIMEOUT_MS, DatabaseUnusable, unusable
from bot.storage.lock import DatabaseInUse, only_bot_on, running_bot
from bot.storage.migrations import MIGRATIONS

KEPT_INFIX = ".before-restore-"  # the old database, set aside by a restore
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside a database, moved with it
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed. `code` names its
    phrase in cli.txt.j2 (error_<code>), `values` fill it."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(f"{code}: {values}")
        self.code = code
        self.values = values


class BotRunning(BackupError):
    """A restore while a bot runs on the database."""


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int  # bytes
    version: int  # schema version (PRAGMA user_version)


def back_up(db_path: Path, target: Path) -> Copy:
    """A consistent, compact copy of the database at `db_path` as the file `target`."""
    _refuse_live_names(db_path, target, "backup_is_live")
    if target.is_dir():
        raise BackupError("backup_is_folder", path=target)
    snapshot = _snapshot(db_path)
    try:
        temporary = _new_file_beside(target, "backup_write")
        try:
            snapshot.execute("VACUUM INTO ?", (str(temporary),))
            version = _checked(temporary, target)
            _sync(temporary)
            os.replace(temporary, target)
            _sync_folder(target.parent)
        except (OSError, sqlite3.Error) as error:
            _remove(temporary)
            raise BackupError("backup_write", path=target, reason=_reason(error)) from None
        except BaseException:
            _remove(temporary)
            raise
    finally:
        snapshot.close()
    return Copy(target, target.stat().st_size, version)


def _snapshot(db_path: Path) -> sqlite3.Connection:
    """The live database as one moment, in memory (checked: a damaged file is no backup)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source = _connect(db_path)
        try:
            source.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            (page_size,) = source.execute("PRAGMA page_size").fetchone()
            memory.execute(f"PRAGMA page_size={int(page_size)}")  # memory takes no other
            source.backup(memory)  # all pages in one step: one read transaction
        finally:
            source.close()
        (verdict,) = memory.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"damaged ({' '.join(str(verdict).split())})")
    except (OSError, sqlite3.Error) as error:
        memory.close()
        raise DatabaseUnusable(unusable(db_path, error)) from None
    return memory


def restore(copy: Path, db_path: Path, now: datetime) -> tuple[Copy, Path | None]:
    """`copy` as the database at `db_path`; returns it and where the old file was set
    aside (None if there was none). Raises BotRunning while a bot runs on the database."""
    _refuse_live_names(db_path, copy, "restore_is_live")
    pid = running_bot(db_path)
    try:
        with only_bot_on(db_path):
            staged = _staged(copy, db_path)
            try:
                version = _checked(staged, copy)
                kept = _set_aside(db_path, now)
                os.replace(staged, db_path)
                _sync_folder(db_path.parent)
            except OSError as error:
                raise BackupError("restore_write", path=db_path, reason=_reason(error)) from None
            finally:
                _remove(staged)
    except DatabaseInUse:
        raise BotRunning("restore_bot_runs", path=db_path, pid=pid or "?") from None
    return Copy(db_path, db_path.stat().st_size, version), kept


def _staged(copy: Path, db_path: Path) -> Path:
    """The copy's bytes in a hidden new file beside the database, with the old file's mode
    (and owner, when run as root), synced."""
    try:
        source = open(copy, "rb")  # noqa: SIM115 - closed below, errors told apart
    except OSError as error:
        raise BackupError("restore_read", path=copy, reason=_reason(error)) from None
    staged = _new_file_beside(db_path, "restore_write")
    try:
        with source, open(staged, "wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        _same_owner_and_mode(staged, db_path)
    except OSError as error:
        _remove(staged)
        raise BackupError("restore_write", path=db_path, reason=_reason(error)) from None
    return staged


def _checked(path: Path, shown_as: Path) -> int:
    """The schema version of the database file at `path` (named `shown_as` in errors) if it
    is whole and a version this program knows; else BackupError."""
    try:
        connection = _connect(path)
        try:
            (verdict,) = connection.execute("PRAGMA quick_check(1)").fetchone()
            (version,) = connection.execute("PRAGMA user_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError("not_a_database", path=shown_as, reason=str(error)) from None
    if verdict != "ok":
        raise BackupError("damaged_copy", path=shown_as, verdict=" ".join(str(verdict).split()))
    if version == 0:
        raise BackupError("not_stadtwarn", path=shown_as)
    if version > len(MIGRATIONS):
        raise BackupError("newer_copy", path=shown_as, version=version, known=len(MIGRATIONS))
    return int(version)


def _set_aside(db_path: Path, now: datetime) -> Path | None:
    """Move the old database and its side files to `<db>.before-restore-<UTC time>` (its
    write-ahead log first copied in where possible). None if there was no database."""
    if not db_path.exists():
        _check_no_side_files(db_path)
        return None
    with contextlib.suppress(sqlite3.Error):  # damaged, say: it is kept as it is
        connection = _connect(db_path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            connection.close()
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    kept = db_path.with_name(f"{db_path.name}{KEPT_INFIX}{stamp}")
    for number in range(2, 100):
        if not any(Path(f"{kept}{side}").exists() for side in ("", *SIDE_FILES)):
            break
        kept = db_path.with_name(f"{db_path.name}{KEPT_INFIX}{stamp}-{number}")
    # The log first: the copy must never find the old file's log beside it.
    for side in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.rename(f"{db_path}{side}", f"{kept}{side}")
    os.rename(db_path, kept)
    return kept


def _check_no_side_files(db_path: Path) -> None:
    """A log left without its database would be read into the restored copy."""
    for side in SIDE_FILES:
        if Path(f"{db_path}{side}").exists():
            raise BackupError("stray_log", path=Path(f"{db_path}{side}"))


def _refuse_live_names(db_path: Path, other: Path, code: str) -> None:
    live = os.path.realpath(db_path)
    names = {live, *(live + suffix for suffix in (*SIDE_FILES, ".lock"))}
    same = os.path.realpath(other) in names
    with contextlib.suppress(OSError):
        same = same or os.path.samefile(other, db_path)
    if same:
        raise BackupError(code, path=other)


def _new_file_beside(path: Path, code: str) -> Path:
    """A new, empty, hidden file in `path`'s folder, only this user may read."""
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temporary, _NEW, 0o600))
            return temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise BackupError(code, path=path, reason=_reason(error)) from None
    raise BackupError(code, path=path, reason="no free temporary name")


def _same_owner_and_mode(path: Path, like: Path) -> None:
    try:
        old = like.stat()
    except FileNotFoundError:
        return
    os.chmod(path, stat.S_IMODE(old.st_mode))
    if os.geteuid() == 0:  # root restores for the bot's user: the file stays the bot's
        os.chown(path, old.st_uid, old.st_gid)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """The rename on disk too (a folder that cannot be synced is left as it is)."""
    with contextlib.suppress(OSError):
        _sync(folder)


def _remove(path: Path) -> None:
    for side in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{side}")


def _reason(error: BaseException) -> str:
    """Why a write failed, in a few words: the OS's, or SQLite's ("database or disk is
    full")."""
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "is full" in str(error):
        return "the disk is full"
    if "disk I/O error" in str(error):  # also a file size limit, or a disk that fails
        return "the disk is full or failing (disk I/O error)"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _connect(path: Path) -> sqlite3.Connection:
    """The existing database file at `path`, never a new one (`mode=rw`); the path quoted
    for the URI, where `?`, `#` and `%` would mean something else."""
    return sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=rw", uri=True)
