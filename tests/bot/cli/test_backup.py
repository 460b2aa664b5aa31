"""`stadtwarn backup FILE` and `stadtwarn restore FILE` on a database with five residents:
the round trip, and every refusal one line with nothing changed. The copy during a running
broadcast, and deleted residents in a backup: tests/bot/storage/test_backup_while_running.py."""

from __future__ import annotations

import os
import resource
import sqlite3
from pathlib import Path

import pytest

from bot.cli import EXIT_ALREADY_RUNNING, EXIT_BACKUP_FAILED, main
from bot.storage.lock import only_bot_on
from bot.storage.migrations import MIGRATIONS
from tests.auxil.cli import RESIDENTS, one_error_line, query, run_cli


def subscriber_count(db_path: Path) -> int:
    async def fetch(db):
        return (await db.fetch_one("SELECT COUNT(*) FROM subscribers"))[0]

    return query(db_path, fetch)


def backup_of(db_path: Path, tmp_path: Path, capsys) -> Path:
    target = tmp_path / "backups" / "stadtwarn-day1.sqlite3"
    target.parent.mkdir(exist_ok=True)
    assert main(["backup", str(target)]) == 0
    capsys.readouterr()
    return target


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_backup_and_restore_round_trip(db_path, tmp_path, capsys):
    target = tmp_path / "backups" / "stadtwarn-day1.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"last week's copy")  # replaced in one step
    assert main(["backup", str(target)]) == 0
    out = capsys.readouterr().out
    version = len(MIGRATIONS)
    assert out.startswith(f"Backup written: {target} (") and f"schema version {version}" in out
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
    copy.close()
    assert target.stat().st_mode & 0o077 == 0  # it holds chat ids: only the bot's user reads it

    async def leave(db):  # a resident leaves after the backup
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM subscribers WHERE chat_id = 1")

    query(db_path, leave)
    assert subscriber_count(db_path) == len(RESIDENTS) - 1
    assert main(["restore", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Restored {target} as {db_path} (schema version {version}); the bot " + (
        "brings it up to date when it starts."
    )
    kept = next(tmp_path.glob("stadtwarn.sqlite3.before-restore-*"))
    assert out[1].startswith(f"The previous database is kept as {kept};")
    assert subscriber_count(db_path) == len(RESIDENTS)  # opens as the bot opens it
    assert subscriber_count(kept) == len(RESIDENTS) - 1
    assert target.is_file()  # the backup stays


def test_restore_on_a_new_machine_without_a_database(tmp_path, db_path, capsys, monkeypatch):
    target = backup_of(db_path, tmp_path, capsys)
    new = tmp_path / "new" / "stadtwarn.sqlite3"
    monkeypatch.setenv("STADTWARN_DB", str(new))
    assert main(["restore", str(target)]) == 0
    assert "kept as" not in capsys.readouterr().out
    assert subscriber_count(new) == len(RESIDENTS)


@pytest.mark.parametrize("suffix", ["", "-wal", ".lock"])
def test_backup_refuses_the_live_database_and_its_files(db_path, capsys, suffix):
    before = files_in(db_path.parent)
    assert main(["backup", f"{db_path}{suffix}"]) == EXIT_BACKUP_FAILED
    line = one_error_line(capsys.readouterr().err)
    assert line == (
        f"stadtwarn: {db_path}{suffix} is the live database (or one of its files): give the "
        f"backup another name"
    )
    assert files_in(db_path.parent).keys() == before.keys()


def test_backup_into_a_missing_folder_is_one_line(db_path, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "nowhere" / "x.sqlite3")]) == EXIT_BACKUP_FAILED
    assert one_error_line(capsys.readouterr().err) == (
        f"stadtwarn: cannot write the backup {tmp_path}/nowhere/x.sqlite3: No such file or "
        f"directory; an older copy at that name is unchanged"
    )


@pytest.mark.slow
def test_backup_into_a_read_only_folder_is_one_line(db_path, tmp_path):
    """Also as root, without the capabilities that override file permissions."""
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "old.sqlite3").write_bytes(b"old copy")
    folder.chmod(0o555)
    try:
        result = run_cli(
            "backup", str(folder / "old.sqlite3"), cwd=tmp_path,
            env={"STADTWARN_DB": str(db_path)}, as_bot_user=True,
        )  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert result.returncode == EXIT_BACKUP_FAILED, result.stderr
    assert one_error_line(result.stderr) == (
        f"stadtwarn: cannot write the backup {folder}/old.sqlite3: Permission denied; an older "
        f"copy at that name is unchanged"
    )
    assert result.stdout == ""
    assert files_in(folder) == {"old.sqlite3": b"old copy"}


def test_restore_refuses_while_a_bot_holds_the_database(db_path, tmp_path, capsys):
    target = backup_of(db_path, tmp_path, capsys)
    with only_bot_on(db_path):  # as `stadtwarn run` holds it (a real bot process: see the
        # broadcast test in tests/bot/storage/test_backup_while_running.py)
        before = files_in(tmp_path)
        assert main(["restore", str(target)]) == EXIT_ALREADY_RUNNING
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"stadtwarn: a Stadtwarn bot (process {os.getpid()}) ")
    assert line.endswith(
        f" runs on {db_path}: stop it first (systemctl stop stadtwarn), then restore; nothing "
        f"was changed"
    )
    assert files_in(tmp_path) == before


def corrupt(path: Path) -> None:
    """A page in the middle overwritten, as a failing disk or a torn copy leaves it."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def newer(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (corrupt, "is damaged (quick_check: "),
        (newer, f"has schema version {len(MIGRATIONS) + 1}, newer than this program "),
        (lambda p: p.write_bytes(b"no database" * 1000), "is not a usable SQLite database"),
    ],
    ids=["corrupt", "newer schema", "not a database"],
)
def test_restore_refuses_a_bad_copy_and_leaves_the_live_database(
    db_path, tmp_path, capsys, spoil, expected
):
    target = backup_of(db_path, tmp_path, capsys)
    spoil(target)
    before = files_in(tmp_path)
    assert main(["restore", str(target)]) == EXIT_BACKUP_FAILED
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"stadtwarn: {target} {expected}") and "nothing was changed" in line
    after = files_in(tmp_path)
    after.pop(db_path.name + ".lock", None)  # the lock file, held while it checked
    before.pop(db_path.name + ".lock", None)
    assert after == before
    assert subscriber_count(db_path) == len(RESIDENTS)


def test_restore_of_a_missing_file_is_one_line(db_path, tmp_path, capsys):
    assert main(["restore", str(tmp_path / "nothere.sqlite3")]) == EXIT_BACKUP_FAILED
    assert one_error_line(capsys.readouterr().err) == (
        f"stadtwarn: cannot read the backup {tmp_path}/nothere.sqlite3: No such file or "
        f"directory; nothing was changed"
    )


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_the_old_copy_stays(db_path, tmp_path):
    """A disk that takes no more (here a file size limit smaller than the copy, which SQLite
    reports as a full disk)."""
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"yesterday's copy")
    limit = 64 * 1024
    result = run_cli(
        "backup", str(target), cwd=tmp_path, env={"STADTWARN_DB": str(db_path)},
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
    )  # fmt: skip
    assert result.returncode == EXIT_BACKUP_FAILED, result.stderr
    assert one_error_line(result.stderr) == (
        f"stadtwarn: cannot write the backup {target}: the disk is full or failing (disk I/O "
        f"error); an older copy at that name is unchanged"
    )
    assert target.read_bytes() == b"yesterday's copy"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
