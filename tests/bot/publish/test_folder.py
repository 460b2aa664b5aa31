"""Where the site's files go: into an empty folder through a hidden one, moved into place
whole and readable by everyone whatever the umask; into a written site file by file, a
symlink replaced and never followed; a stopped run's hidden folder cleaned up; a second
process writes the same bytes as one; a folder the bot may not write is an OSError and the
site that was there stays as it was."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from bot.publish.folder import STAGING_PREFIX, Target
from bot.publish.site import FORK_FROM
from tests.auxil.cli import one_error_line, run_cli
from tests.auxil.public_site import TEXTS


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def umask_077():
    before = os.umask(0o077)
    yield
    os.umask(before)


async def test_an_empty_folder_gets_the_whole_site_readable_by_everyone(desk, tmp_path, umask_077):
    await desk.send("Heute viele Anrufe.")
    out = tmp_path / "site"
    written = await desk.publish(out)

    assert written.changed == written.files == len(tree(out))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing hidden left
    for path in out.rglob("*"):
        want = 0o755 if path.is_dir() else 0o644
        assert stat.S_IMODE(path.stat().st_mode) == want, path
    assert stat.S_IMODE(out.stat().st_mode) & 0o055 == 0o055  # the web server may enter
    assert "Heute viele Anrufe." in (out / "index.html").read_text("utf-8")


async def test_a_symlink_in_a_written_site_is_replaced_never_followed(desk, tmp_path):
    await desk.send("Heute viele Anrufe.")
    out = tmp_path / "site"
    await desk.publish(out)
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"precious")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(outside)

    desk.later(minutes=1)
    await desk.publish(out)

    assert outside.read_bytes() == b"precious"
    index = out / "index.html"
    assert not index.is_symlink() and b"Heute viele Anrufe." in index.read_bytes()


async def test_a_stopped_runs_hidden_folder_is_removed_a_running_ones_left(desk, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    stale, running = out / f"{STAGING_PREFIX}old", out / f"{STAGING_PREFIX}now"
    for folder in (stale, running):
        (folder / "warnung").mkdir(parents=True)
        (folder / "warnung" / "1.html").write_text("half")
    hour_ago = time.time() - 3700
    os.utime(stale, (hour_ago, hour_ago))

    target = Target.of(out)

    assert not stale.exists() and running.exists()
    assert target.staging is not None  # neither is the site: the folder counts as empty
    await desk.send("Heute viele Anrufe.")
    await desk.publish(out)
    assert (out / "index.html").is_file() and running.exists()


@pytest.mark.slow
async def test_two_processes_write_the_same_site_as_one(desk, tmp_path):
    for n in range(FORK_FROM):
        districts = (("winzerla",), ("neulobeda", "zwaetzen"))[n % 2]
        await desk.send(f"Warnung {n}.", district_ids=districts)
        desk.later(minutes=7)
    one, two = tmp_path / "one", tmp_path / "two"

    await desk.publish(one)
    await desk.publish(two, processes=2)

    assert tree(one) == tree(two)
    assert len(tree(two)) > FORK_FROM * len(TEXTS.languages)
    again = await desk.publish(two, processes=2)  # into the written site: nothing changed
    assert again.changed == 0


@pytest.mark.parametrize("written", [False, True], ids=["empty folder", "written site"])
async def test_a_read_only_folder_is_an_error_and_the_site_stays(desk, tmp_path, written):
    """As the bot's user, not root: `stadtwarn publish` under setpriv without the
    capabilities that override file permissions (tests/auxil/unprivileged.py)."""
    await desk.send("Heute viele Anrufe.")
    out = tmp_path / "site"
    out.mkdir()
    if written:
        await desk.publish(out)
    before = tree(out)
    out.chmod(0o555)
    for folder in out.rglob("*"):
        if folder.is_dir():
            folder.chmod(0o555)
    result = run_cli(
        "publish", "--out", str(out), cwd=tmp_path,
        env={"STADTWARN_DB": str(tmp_path / "stadtwarn.sqlite3")}, as_bot_user=True,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    line = one_error_line(result.stderr)
    assert line.startswith(f"stadtwarn: cannot write to {out}") and "ermission denied" in line
    assert tree(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
