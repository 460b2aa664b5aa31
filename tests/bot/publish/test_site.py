"""Writing the site: only what changed is written again, a CAP message once written keeps
its file; a folder that cannot be written raises OSError and leaves no temporary file; the
running bot's publisher logs one clear line for it and goes on."""

import asyncio
import logging

import pytest

from bot.delivery.expiry import Expiry
from bot.publish.publisher import Publisher
from tests.auxil.public_site import SETUP, Desk


async def test_only_what_changed_is_written_again(desk, tmp_path):
    await desk.send("Heute viele Anrufe.")
    first = await desk.publish(tmp_path)
    assert first.changed == first.files
    assert (await desk.publish(tmp_path)).changed == 0
    cap = tmp_path / "cap" / "stadtwarn-jena-1-1.xml"
    stamp = cap.stat().st_mtime_ns
    desk.later(minutes=1)  # "Stand" moves on: the lists' pages change, no CAP file
    again = await desk.publish(tmp_path)
    assert 0 < again.changed < first.files
    assert cap.stat().st_mtime_ns == stamp


async def test_a_folder_that_cannot_be_made_raises(desk, tmp_path):
    (tmp_path / "site").write_text("a file where the site's folder should be")
    with pytest.raises(OSError):
        await desk.publish(tmp_path / "site")


async def test_the_publisher_logs_one_line_and_goes_on(db, tmp_path, caplog):
    desk = Desk(db)
    await desk.send("Heute viele Anrufe.")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the site's folder should be")
    publisher = Publisher(db, SETUP, blocked, clock=lambda: desk.now, lasts=Expiry().of)
    with caplog.at_level(logging.ERROR, logger="bot.publish.publisher"):
        publisher.start()
        await wait_for(lambda: publisher.failures == 1)
        await desk.send("Noch eine Warnung.")  # a change: it tries again, and fails again
        publisher.wake()
        await wait_for(lambda: publisher.failures == 2)
        assert not publisher._task.done()
        await publisher.close()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1, lines
    assert f"public site: cannot write to {blocked}" in lines[0]
    assert "Traceback" not in caplog.text


async def test_the_publisher_rewrites_after_a_change(db, tmp_path):
    desk = Desk(db)
    publisher = Publisher(db, SETUP, tmp_path, clock=lambda: desk.now, lasts=Expiry().of)
    publisher.start()
    try:
        await wait_for(lambda: "Zurzeit keine Warnungen" in read(tmp_path / "index.html"))
        await desk.send("Heute viele Anrufe.")
        publisher.wake()
        await wait_for(lambda: "Schockanrufe" in read(tmp_path / "index.html"))
    finally:
        await publisher.close()


def read(path) -> str:
    return path.read_text("utf-8") if path.is_file() else ""


async def wait_for(condition, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "not within 5 s"
        await asyncio.sleep(0.05)
