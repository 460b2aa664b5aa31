"""End to end: the comms desk composes, previews, approves and sends an alert in Telegram."""

import pytest

from tests.auxil.admin_desk import (
    ADMIN,
    SECOND_ADMIN,
    alert_id_of,
    compose,
    forged_press,
    send_now,
    sent_status,
    skip_translations,
    subscribe,
)
from tests.auxil.db_probe import rows_about
from tests.auxil.running_bot import running_bot


@pytest.mark.slow
async def test_admin_composes_previews_and_sends(telegram, tmp_path):
    db = tmp_path / "db.sqlite3"
    async with running_bot(telegram, db, admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 1, "winzerla")
        hans = await subscribe(telegram, 2, "winzerla")
        john = await subscribe(telegram, 3, "winzerla", "en")
        lobeda = await subscribe(telegram, 4, "neulobeda")
        admin = telegram.user(ADMIN)

        control = await compose(
            admin, kind="Falsche Anrufe: Stadt/Stadtwerke", text="Heute <viele> Anrufe & mehr"
        )
        german, english = admin.messages[-3], admin.messages[-2]
        assert german.text.startswith("⚠️ Warnung der Stadt Jena")
        assert "Heute <viele> Anrufe & mehr" in german.text
        assert english.text.startswith("⚠️ Warning from the city of Jena")
        assert "Empfänger: 3." in control.text
        assert [b.text for row in control.buttons for b in row] == ["Senden", "Ändern", "Abbrechen"]

        admin.press("Senden", message=control)
        await admin.wait_for(lambda u: "ist verschickt" in u.messages[-1].text, timeout=15)
        status = admin.messages[-1]
        assert "▓▓▓▓▓▓▓▓▓▓ 3 / 3" in status.text
        assert "Blockiert: 0 · Fehlgeschlagen: 0" in status.text

        for resident in (erika, hans):
            alert = await resident.next_message()
            assert alert.text.startswith("⚠️ Warnung der Stadt Jena")
            assert "Heute <viele> Anrufe & mehr" in alert.text
            assert "Für: Winzerla." in alert.text
        assert (await john.next_message()).text.startswith("⚠️ Warning from the city of Jena")
        assert len(lobeda.messages) == 1  # only the welcome

        listing = await erika.ask("/warnungen")
        assert listing.text.startswith("Warnungen der letzten 30 Tage für Ihre Ortsteile")
        assert "Heute <viele> Anrufe & mehr" in listing.text
        none = await lobeda.ask("/warnungen")
        assert none.text.startswith("In den letzten 30 Tagen gab es keine Warnungen")
    assert await rows_about(db, ADMIN) == 0  # the admin is staff, not a subscriber


@pytest.mark.slow
async def test_non_admin_sees_nothing_and_forged_buttons_fail(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 10, "winzerla")
        mallory = telegram.user(11)
        assert (await mallory.ask("/warnung")).text.startswith("Das habe ich nicht verstanden.")

        admin = telegram.user(ADMIN)
        control = await compose(admin, kind="Schockanrufe", severity="Info", text="Test")
        alert_id = control.buttons[0][0].callback_data.split(":")[2]
        for data in (
            f"adm:send:{alert_id}",
            f"adm:ok:{alert_id}",
            f"adm:edit:{alert_id}",
            "ak:shock_call",
        ):
            query = mallory.press_data(data, control)
            await mallory.wait_for(lambda _, q=query: q in telegram.callback_answers)
            assert "nicht mehr gültig" in telegram.callback_answers[query].text
        # Nothing went out: the draft is still waiting for its author.
        admin.press("Abbrechen", message=control)
        await admin.wait_for_text("Verworfen.")
    assert len(erika.messages) == 1


@pytest.mark.slow
async def test_over_long_text_is_refused_before_queueing(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 20, "winzerla")
        admin = telegram.user(ADMIN)
        refusal = await compose(admin, kind="Freier Text", severity="Dringend", text="x" * 4500)
        assert refusal.text.startswith("Der Text ist zu lang.")
        assert "Es wurde nichts gesendet." in refusal.text
        admin.send("Kurz und klar.")
        control = await skip_translations(admin)
        control = admin.messages[-1]
        admin.press("Senden", message=control)
        alert = await erika.next_message(timeout=10)
    assert alert.text.startswith("🚨 DRINGEND – Warnung der Stadt Jena")
    assert "Kurz und klar." in alert.text
    assert alert.disable_notification is False  # urgent always rings


@pytest.mark.slow
async def test_change_rewrites_the_text(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 30, "winzerla")
        admin = telegram.user(ADMIN)
        control = await compose(admin, kind="Anlagebetrug", severity="Info", text="Erste Fassung")
        old_send = control.buttons[0][0].callback_data
        admin.press("Ändern", message=control)
        await admin.wait_for_text("Was möchten Sie ändern?")
        admin.press("Text ändern")
        await admin.wait_for_text("Schritt 4 von 4")
        admin.send("Zweite Fassung")
        await skip_translations(admin)
        admin.press("Senden", message=admin.messages[-1])
        alert = await erika.next_message(timeout=10)
        # The first draft is gone: its 'Senden' (e.g. from a second device) does nothing.
        query = admin.press_data(old_send, control)
        await admin.wait_for(lambda _: query in telegram.callback_answers)
    assert "Zweite Fassung" in alert.text and "Erste Fassung" not in alert.text
    assert telegram.callback_answers[query].text == "Diese Warnung ist schon erledigt."


@pytest.mark.slow
async def test_change_districts_and_severity_keeps_the_text(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        winzerla = await subscribe(telegram, 31, "winzerla")
        lobeda = await subscribe(telegram, 32, "neulobeda")
        admin = telegram.user(ADMIN)
        control = await compose(admin, severity="Info", text="Bitte Vorsicht in Lobeda.")
        assert "Empfänger: 1." in control.text

        admin.press("Ändern", message=control)
        step = await admin.wait_for_text("Was möchten Sie ändern?")
        admin.press("Ortsteile ändern", message=step)
        await admin.wait_for_button("✅ Winzerla")
        admin.press("✅ Winzerla", message=step)
        await admin.wait_for(lambda u: "Winzerla" in u.last_message.button_texts)
        admin.press("Neulobeda", message=step)
        await admin.wait_for_button("✅ Neulobeda")
        admin.press("Weiter", message=step)
        control = await admin.wait_for_text("Oben sehen Sie")  # straight back to the preview

        admin.press("Ändern", message=control)
        step = await admin.wait_for_text("Was möchten Sie ändern?")
        admin.press("Dringlichkeit ändern", message=step)
        await admin.wait_for_text("Schritt 3 von 4")
        admin.press("Dringend", message=step)
        control = await admin.wait_for_text("Oben sehen Sie")
        admin.press("Senden", message=control)
        alert = await lobeda.next_message(timeout=10)
        await admin.wait_for(lambda u: any("ist verschickt" in m.text for m in u.messages), 15)
    assert alert.text.startswith("🚨")  # urgent now
    assert "Bitte Vorsicht in Lobeda." in alert.text and "Neulobeda" in alert.text
    assert len(winzerla.messages) == 1  # only the welcome: no longer a recipient


async def ammerbach_chosen(admin):
    """Steps 1 and 2 with Ammerbach, where nobody has subscribed; returns the step message."""
    admin.send("/warnung")
    step = await admin.wait_for_text("Neue Warnung – Schritt 1 von 4")
    admin.press("Schockanrufe", message=step)
    await admin.wait_for_text("Schritt 2 von 4")
    admin.press("Ammerbach", message=step)
    await admin.wait_for_button("✅ Ammerbach")
    admin.press("Weiter", message=step)
    return step


@pytest.mark.slow
async def test_districts_nobody_subscribed_to_ask_before_going_on(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 33, "winzerla")
        admin = telegram.user(ADMIN)
        step = await ammerbach_chosen(admin)
        question = await admin.wait_for_text("0 Empfänger.")
        assert question.button_texts == ["Trotzdem weiter", "Ortsteile ändern"]
        admin.press("Ortsteile ändern", message=step)
        await admin.wait_for_text("Schritt 2 von 4")
        admin.press("Winzerla", message=step)
        await admin.wait_for_button("✅ Winzerla")
        admin.press("Weiter", message=step)
        await admin.wait_for_text("Schritt 3 von 4")  # Erika lives there: no question

        # "Trotzdem weiter" goes on to the severity, as the comms desk decided.
        step = await ammerbach_chosen(admin)
        await admin.wait_for_text("0 Empfänger.")
        admin.press("Trotzdem weiter", message=step)
        await admin.wait_for_text("Schritt 3 von 4")
    assert len(erika.messages) == 1


@pytest.mark.slow
async def test_four_eyes_rule(telegram, tmp_path):
    admins = frozenset({ADMIN, SECOND_ADMIN})
    async with running_bot(
        telegram, tmp_path / "db.sqlite3", admin_ids=admins, approvals_required=2
    ):
        erika = await subscribe(telegram, 40, "winzerla")
        second = telegram.user(SECOND_ADMIN)
        admin = telegram.user(ADMIN)
        control = await compose(admin)
        assert "Nach „Senden“ muss eine zweite Person aus dem Team freigeben." in control.text
        admin.press("Senden", message=control)
        await admin.wait_for(lambda u: "wartet auf Freigabe" in u.messages[-1].text)
        request = await second.wait_for(
            lambda u: u.messages and u.messages[-1].text.startswith("Freigabe nötig")
        )
        request = second.messages[-1]
        alert_id = request.buttons[0][0].callback_data.split(":")[2]
        assert len(erika.messages) == 1  # nothing sent yet

        # The author cannot approve their own alert.
        query = admin.press_data(f"adm:ok:{alert_id}", control)
        await admin.wait_for(lambda _: query in telegram.callback_answers)
        assert "zweite Person" in telegram.callback_answers[query].text

        second.press("Freigeben", message=request)
        alert = await erika.next_message(timeout=10)
    assert alert.text.startswith("⚠️ Warnung der Stadt Jena")
    assert "Falsche Polizisten am Telefon" in alert.text


@pytest.mark.slow
async def test_blocked_and_vanished_residents_are_marked_inactive(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 50, "winzerla")
        blocker = await subscribe(telegram, 51, "winzerla")
        await subscribe(telegram, 52, "winzerla")
        telegram.expect_rejections()
        telegram.block(51)  # Telegram tells the bot (my_chat_member): no more sends to 51
        telegram.forget_chat(52)  # the bot learns only when sending: 400 chat not found
        admin = telegram.user(ADMIN)
        control = await compose(
            admin,
            kind="Phishing / falsche Webseiten",
            severity="Info",
            text="Keine Links anklicken.",
        )
        assert "Empfänger: 2." in control.text
        admin.press("Senden", message=control)
        await admin.wait_for(lambda u: "ist verschickt" in u.messages[-1].text, timeout=15)
        assert "1 / 2" in admin.messages[-1].text
        assert "Blockiert: 1 · Fehlgeschlagen: 0" in admin.messages[-1].text
        assert "Keine Links anklicken." in (await erika.next_message()).text
        assert [r.error_code for r in telegram.rejections] == [400]

        # 52 is never tried again; 51 unblocks the bot and gets the next alert.
        telegram.unblock(51)
        control = await compose(admin, kind="Schockanrufe", severity="Info", text="Zweite.")
        assert "Empfänger: 2." in control.text
        admin.press("Senden", message=control)
        assert "Zweite." in (await blocker.next_message(timeout=10)).text
    assert [r.error_code for r in telegram.rejections] == [400]


@pytest.mark.slow
async def test_flood_control_during_a_broadcast_loses_nothing(telegram, tmp_path):
    # Telegram allows fewer messages than the bot was told (20 instead of 30 a second).
    telegram.set_rate_limit(20)
    telegram.expect_rejections()
    async with running_bot(
        telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN}), send_rate=30
    ):
        residents = [await subscribe(telegram, 100 + i, "winzerla") for i in range(40)]
        admin = telegram.user(ADMIN)
        await send_now(admin, kind="Schockanrufe", severity="Warnung", text="Achtung.")
        for resident in residents:
            alert = await resident.next_message(timeout=30)
            assert "Schockanrufe" in alert.text
    assert telegram.stats.too_many_requests > 0
    assert {r.error_code for r in telegram.rejections} == {429}


@pytest.mark.slow
async def test_residents_get_answers_while_a_broadcast_runs(telegram, tmp_path):
    telegram.set_rate_limit(20)
    async with running_bot(
        telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN}), send_rate=20
    ):
        residents = [await subscribe(telegram, 200 + i, "winzerla") for i in range(80)]
        admin = telegram.user(ADMIN)
        await send_now(admin, kind="Schockanrufe", severity="Info", text="Achtung.")
        await telegram.wait_for(lambda tg: sum(len(r.messages) > 1 for r in residents) >= 10)
        asking = telegram.user(299)
        asking.send("/hilfe")
        reply = await asking.next_message(timeout=10)
        delivered = sum(len(r.messages) > 1 for r in residents)
        assert reply.text.startswith("So hilft Ihnen Stadtwarn Jena")
        assert delivered < 60  # answered long before the broadcast was through
        for resident in residents:
            await resident.wait_for(lambda u: len(u.messages) > 1, timeout=30)
    assert telegram.stats.too_many_requests == 0


@pytest.mark.slow
async def test_approval_request_goes_out_in_the_second_admins_language(telegram, tmp_path):
    admins = frozenset({ADMIN, SECOND_ADMIN})
    async with running_bot(
        telegram, tmp_path / "db.sqlite3", admin_ids=admins, approvals_required=2
    ):
        second = telegram.user(SECOND_ADMIN)
        await second.ask("/sprache")
        second.press("English")
        await second.wait_for(lambda u: u.messages[-1].edit_count > 0)
        admin = telegram.user(ADMIN)
        await send_now(admin)
        await second.wait_for(
            lambda u: u.messages and u.messages[-1].text.startswith("Approval needed")
        )
        request = second.messages[-1]
    assert [b.text for row in request.buttons for b in row] == ["Approve", "Reject"]


@pytest.mark.slow
async def test_a_resident_mid_conversation_gets_replies_and_the_alert_without_a_429(
    telegram, tmp_path
):
    # The stand-in's default: one new message a second per chat after a burst of three.
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        residents = [await subscribe(telegram, 300 + i, "winzerla") for i in range(30)]
        erika = residents[0]
        admin = telegram.user(ADMIN)
        await send_now(admin, kind="Schockanrufe", severity="Warnung", text="Achtung.")
        for text in ("/hilfe", "/kontakt", "/warnungen", "/datenschutz"):
            erika.send(text)  # four questions while her copy of the alert is on its way
        await erika.wait_for(lambda u: len(u.messages) >= 6, timeout=15)
        for resident in residents:
            await resident.wait_for(
                lambda u: any("Schockanrufe" in m.text for m in u.messages), timeout=15
            )
    texts = [m.text for m in erika.messages[1:]]
    assert any(t.startswith("⚠️ Warnung der Stadt Jena") for t in texts)  # the alert itself
    assert any(t.startswith("So hilft Ihnen Stadtwarn Jena") for t in texts)
    assert telegram.stats.too_many_requests == 0


@pytest.mark.slow
async def test_step_four_shows_the_templates_own_words_before_the_admin_writes(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        admin = telegram.user(ADMIN)
        await compose(admin, kind="Falsche Polizei / 110")
    step_four = next(m.text for m in admin.messages if m.text.startswith("Schritt 4 von 4"))
    assert "Er steht unter dem Hinweis der Vorlage:" in step_four
    assert "Die Polizei ruft nie mit der Nummer 110 an." in step_four


@pytest.mark.slow
async def test_an_admin_withdraws_a_sent_alert_from_its_status_message(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 70, "winzerla")
        mallory = await subscribe(telegram, 71, "winzerla")
        admin = telegram.user(ADMIN)
        await send_now(admin)
        status = await sent_status(admin)
        copy = await erika.next_message(timeout=10)
        alert_id = alert_id_of(status)

        await forged_press(telegram, mallory, f"adm:withdraw_yes:{alert_id}")  # nothing happens

        admin.press("Entwarnung senden", message=status)
        question = await admin.wait_for_text(f"Warnung #{alert_id} zurücknehmen?")
        assert "✅ Entwarnung: Diese Warnung gilt nicht mehr." in question.text
        assert copy.edit_count == 0  # nothing withdrawn before the yes
        admin.press("Ja, Entwarnung senden", message=question)
        await admin.wait_for_text("✅ Entwarnung für Warnung")
        notice = await erika.next_message(timeout=10)
    assert copy.text.startswith("✅ Entwarnung: Diese Warnung gilt nicht mehr.")
    assert notice.reply_to_message_id == copy.message_id
