"""End to end: what a resident sees when the city withdraws an alert (Entwarnung)."""

import pytest

from bot.alerts.compose import AlertDraft
from bot.services import SERVICES_KEY
from tests.auxil.running_bot import FRIDAY_NOON, running_bot


@pytest.mark.slow
async def test_withdrawn_copy_leads_with_the_all_clear_and_the_notice_replies_to_it(
    telegram, tmp_path
):
    erika = telegram.user(61_001)
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        await erika.ask("/start winzerla")
        desk = application.bot_data[SERVICES_KEY].desk
        draft = AlertDraft("fake_police", "warning", ("winzerla",), False, variables={})
        alert_id = await desk.create(draft, admin_id=1)
        await desk.send(alert_id, admin_id=1)
        original = await erika.next_message(timeout=10)
        await desk.cancel(alert_id, admin_id=1)
        notice = await erika.next_message(timeout=10)
        await erika.wait_for(lambda _: original.edit_count > 0)
        listing = await erika.ask("/warnungen")

    # The copy itself: the all-clear first, the old content struck through below it.
    assert original.text.startswith("✅ Entwarnung: Diese Warnung gilt nicht mehr.")
    assert "Falsche Polizisten am Telefon" in original.text
    struck = [e for e in original.entities if e["type"] == "strikethrough"]
    assert struck and original.text[struck[0]["offset"] :].startswith("⚠️ Warnung der Stadt")
    # The notice answers that copy and names it, so a newer alert cannot be meant.
    assert notice.reply_to_message_id == original.message_id
    day = FRIDAY_NOON.strftime("%d.%m.%Y")
    assert notice.text.startswith(
        f"✅ Entwarnung: Die Warnung „Falsche Polizei / 110“ für Winzerla vom {day}"
    )
    # /warnungen says it was withdrawn and does not repeat it as if it still applied.
    assert "Entwarnung: Diese Warnung gilt nicht mehr." in listing.text
    assert "Falsche Polizisten am Telefon" not in listing.text
