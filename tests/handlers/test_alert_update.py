"""End to end: an admin changes the text of a sent alert from its status message."""

import pytest

from tests.auxil.admin_desk import (
    ADMIN,
    alert_id_of,
    forged_press,
    send_now,
    sent_status,
    subscribe,
)
from tests.auxil.running_bot import running_bot


@pytest.mark.slow
async def test_an_admin_changes_the_text_of_a_sent_alert(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 80, "winzerla")
        mallory = await subscribe(telegram, 81, "winzerla")
        admin = telegram.user(ADMIN)
        await send_now(admin, text="Anrufer nennen sich Herr Weber.")
        status = await sent_status(admin)
        copy = await erika.next_message(timeout=10)
        alert_id = alert_id_of(status)

        await forged_press(telegram, mallory, f"adm:update:{alert_id}")  # nothing happens

        admin.press("Text ändern", message=status)
        asked = await admin.wait_for_text(f"Neuer Text für Warnung #{alert_id}")
        assert "Anrufer nennen sich Herr Weber." in asked.text  # the current text, to copy from
        admin.send("Anrufer nennen sich Herr Weber oder Frau <Kurz>.")
        question = await admin.wait_for_text(f"Warnung #{alert_id} so ändern?")
        assert "Frau <Kurz>" in question.text  # escaped, shown as written
        assert copy.edit_count == 0  # nothing changed before the yes
        admin.press("Ja, so ändern", message=question)
        done = await admin.wait_for_text(f"✅ Warnung #{alert_id} wird geändert.")
        assert "2 zugestellte Kopien werden geändert." in done.text
        await erika.wait_for(lambda _: copy.edit_count == 1, timeout=10)
    assert "Frau <Kurz>" in copy.text
    assert "Herr Weber." not in copy.text


@pytest.mark.slow
async def test_no_keeps_the_text_and_cancel_leaves_the_alert_alone(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 82, "winzerla")
        admin = telegram.user(ADMIN)
        await send_now(admin, text="Erster Text.")
        status = await sent_status(admin)
        copy = await erika.next_message(timeout=10)

        admin.press("Text ändern", message=status)
        await admin.wait_for_text("Neuer Text für Warnung")
        admin.send("Zweiter Text.")
        question = await admin.wait_for_text("Warnung #")
        admin.press("Nein, Text lassen", message=question)
        await admin.wait_for_text("Nicht geändert.")

        admin.press("Text ändern", message=status)
        await admin.wait_for_text("Neuer Text für Warnung")
        admin.send("/abbrechen")
        await admin.wait_for_text("Nicht geändert.")
        # After /abbrechen, a text is a question to the check again, not a new alert text.
        admin.send("Zweiter Text.")
        await admin.wait_for(lambda u: not u.last_message.text.startswith("Nicht geändert."))
        assert not admin.last_message.text.startswith("Warnung #")
    assert copy.edit_count == 0 and "Erster Text." in copy.text
