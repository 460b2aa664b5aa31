"""A language is a folder messages/<code>/ plus its line in messages/languages.txt, nothing else.

The test adds a test-only language "xx" that way (German words, each message marked) and
drives the real bot: the menu, /start, the language buttons, an alert and its withdrawal."""

import shutil
from pathlib import Path

import pytest

from bot.alerts.compose import AlertDraft
from bot.services import SERVICES_KEY
from bot.settings import BUNDLED_MESSAGES_DIR
from bot.storage.database import Database
from bot.texts import Texts
from tests.auxil.db_probe import rows_about
from tests.auxil.running_bot import running_bot

MARK = "⟦xx⟧"


def messages_with_test_language(root: Path) -> Path:
    """A copy of the bundled messages plus "xx": the German folder, every message marked."""
    messages = root / "messages"
    shutil.copytree(BUNDLED_MESSAGES_DIR, messages)
    shutil.copytree(messages / "de", messages / "xx")
    for template in (messages / "xx").glob("*.html.j2"):
        if template.name != "macros.html.j2":
            template.write_text(f"{MARK} " + template.read_text("utf-8"), "utf-8")
    labels = messages / "xx" / "labels.txt.j2"
    labels.write_text(
        labels.read_text("utf-8").replace('language_name = "Deutsch"', 'language_name = "Xx"'),
        "utf-8",
    )
    with (messages / "languages.txt").open("a", encoding="utf-8") as listing:
        listing.write("xx\n")  # the one line
    return messages


@pytest.mark.slow
async def test_a_language_added_as_a_folder_works_end_to_end(telegram, tmp_path):
    messages = messages_with_test_language(tmp_path)
    db_path = tmp_path / "db.sqlite3"
    resident = telegram.user(70_001, language_code="xx")
    async with running_bot(telegram, db_path, messages_dir=messages) as application:
        subscribed = await resident.ask("/start winzerla")
        prompt = await resident.ask("/sprache")

        desk = application.bot_data[SERVICES_KEY].desk
        draft = AlertDraft("shock_call", "warning", ("winzerla",), False)
        alert_id = await desk.create(draft, admin_id=1)
        await desk.send(alert_id, admin_id=1)
        alert = await resident.next_message(timeout=10)
        alert_text = alert.text
        await desk.cancel(alert_id, admin_id=1)
        notice = await resident.next_message(timeout=10)
        await resident.wait_for(lambda _: alert.edit_count > 0)
        stored = {r["language"] for r in await _alert_texts(db_path)}

    assert subscribed.text.startswith(MARK)
    names = [b.text for row in prompt.buttons for b in row]
    assert names[:2] == ["Deutsch", "English"] and names[-1] == "Xx"
    menu = [c["command"] for c in telegram.commands("xx", scope={"type": "all_private_chats"})]
    assert "pruefen" in menu and "warnungen" in menu
    assert alert_text.startswith(MARK) and "Schockanrufe" in alert_text
    assert notice.text.startswith(MARK)
    assert alert.text.startswith(MARK) and "Entwarnung" in alert.text
    assert stored == {*Texts(messages).languages}
    assert "xx" in stored
    assert await rows_about(db_path, 70_001) > 0


async def _alert_texts(db_path: Path):
    db = await Database.open(db_path)
    try:
        return await db.fetch_all("SELECT language FROM alert_texts")
    finally:
        await db.close()
