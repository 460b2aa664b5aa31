"""End to end with the running bot and STADTWARN_PUBLIC_DIR: the comms desk sends an alert,
updates it and withdraws it; within 5 s of each step index.html shows it, and the CAP folder
holds Alert, Update and Cancel, each referencing the last."""

import asyncio

import pytest
from lxml import etree

from bot.alerts.compose import AlertDraft
from bot.publish.cap import schema
from bot.services import SERVICES_KEY
from tests.auxil.admin_desk import subscribe
from tests.auxil.public_site import cap_of, cap_text
from tests.auxil.running_bot import running_bot

pytestmark = pytest.mark.slow


async def shows(path, text: str, timeout: float = 5.0) -> str:
    """The file's text once it holds `text`; fails after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = path.read_text("utf-8") if path.is_file() else ""
        if text in found:
            return found
        assert loop.time() < deadline, f"{path.name} does not show {text!r} within {timeout} s"
        await asyncio.sleep(0.05)


async def test_send_update_withdraw_each_shows_within_5_s(telegram, tmp_path):
    site = tmp_path / "site"
    async with running_bot(
        telegram, tmp_path / "db.sqlite3", public_dir=site, bot_username="stadtwarn_jena_bot"
    ) as application:
        resident = await subscribe(telegram, 501, "winzerla")
        index = site / "index.html"
        await shows(index, "Zurzeit keine Warnungen.")
        desk = application.bot_data[SERVICES_KEY].desk
        draft = AlertDraft("shock_call", "warning", ("winzerla",), False, "Heute in Winzerla.")
        alert_id = await desk.create(draft, admin_id=1)
        await desk.send(alert_id, admin_id=1)
        await shows(index, "Heute in Winzerla.")
        await resident.next_message(timeout=10)  # she got it in Telegram too

        await desk.update_text(alert_id, "Die Anrufe gehen weiter.")
        await shows(index, "Die Anrufe gehen weiter.")
        await shows(index, "Aktualisiert")

        await desk.cancel(alert_id, admin_id=1)
        await shows(index, "Entwarnung")
        await shows(index, "Zurzeit keine Warnungen.")

    cap = {path.stem: cap_of(path) for path in (site / "cap").glob("*.xml")}
    assert len(cap) == 3
    # follow the chain from the message that references none (the bot's clock is fixed, so
    # all three were sent in the same second)
    (first,) = [m for m in cap.values() if cap_text(m, "references") is None]
    chain = [first]
    while referring := [
        m
        for m in cap.values()
        if (cap_text(m, "references") or ",,").split(",")[1] == cap_text(chain[-1], "identifier")
    ]:
        chain.extend(referring)
    assert [cap_text(m, "msgType") for m in chain] == ["Alert", "Update", "Cancel"]
    checker = schema()
    assert all(checker.validate(etree.parse(str(p))) for p in (site / "cap").glob("*.xml"))
    assert "501" not in (site / "alerts.json").read_text("utf-8")
