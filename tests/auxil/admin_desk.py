"""The comms desk in Telegram, for end-to-end tests: residents who subscribe, and an admin
who walks the composer."""

from bot.devtools.standin import FakeUser

ADMIN, SECOND_ADMIN = 900, 901


def has_button(user: FakeUser, text: str) -> bool:
    return any(b.text == text for m in user.messages for row in m.buttons for b in row)


async def subscribe(telegram, user_id: int, district: str, language_code: str = "de") -> FakeUser:
    resident = telegram.user(user_id, language_code=language_code)
    await resident.ask(f"/start {district}")
    return resident


async def compose(
    admin: FakeUser,
    *,
    kind: str = "Falsche Polizei / 110",
    districts: tuple[str, ...] = ("Winzerla",),
    severity: str = "Warnung",
    text: str = "Bitte Vorsicht.",
    translations: dict[str, str] | None = None,
):
    """Walk the four steps and the optional translations (by language name, e.g.
    {"Українська": "…"}); return the control message under the preview (or the
    refusal of the text)."""
    admin.send("/warnung")
    await admin.wait_for(
        lambda u: u.messages and u.messages[-1].text.startswith("Neue Warnung – Schritt 1 von 4")
    )
    step = admin.messages[-1]
    admin.press(kind, message=step)
    await admin.wait_for_text("Schritt 2 von 4")
    for name in districts:
        admin.press(name, message=step)
        await admin.wait_for(lambda u, n=name: has_button(u, "✅ " + n))
    admin.press("Weiter", message=step)
    if (await admin.wait_for_text(("Schritt 3 von 4", "0 Empfänger."))).text.startswith("0"):
        admin.press("Trotzdem weiter", message=step)  # nobody subscribed there (yet)
        await admin.wait_for_text("Schritt 3 von 4")
    admin.press(severity, message=step)
    await admin.wait_for_text("Schritt 4 von 4")
    admin.send(text)
    answer = await admin.wait_for_text(("Übersetzungen (freiwillig)", "Der Text"))
    if answer.text.startswith("Der Text"):
        return answer
    for name, translation in (translations or {}).items():
        admin.press(name, message=answer)
        await admin.wait_for_text("Bitte senden Sie Ihren Text auf " + name)
        admin.send(translation)
        answer = await admin.wait_for(
            lambda u, n=name: next((m for m in u.messages if has_button_in(m, n + " ✓")), None)
        )
    admin.press("Weiter", message=answer)
    await admin.wait_for_text(("Oben sehen Sie", "Der Text"))
    return admin.messages[-1]


async def skip_translations(admin: FakeUser):
    """After the text: no translations, on to the preview; return the control message."""
    offer = await admin.wait_for_text("Übersetzungen (freiwillig)")
    admin.press("Weiter", message=offer)
    return await admin.wait_for_text("Oben sehen Sie")


def has_button_in(message, text: str) -> bool:
    return any(b.text == text for row in message.buttons for b in row)


async def send_now(admin: FakeUser, **choices) -> None:
    """Compose an alert (see `compose`) and press "Senden" at once."""
    control = await compose(admin, **choices)
    admin.press("Senden", message=control)


async def sent_status(admin: FakeUser):
    """The admin's status message once the alert is sent (it carries the alert's buttons)."""
    return await admin.wait_for(
        lambda u: next((m for m in u.messages if "ist verschickt" in m.text), None), timeout=15
    )


def alert_id_of(status) -> str:
    return status.buttons[0][0].callback_data.split(":")[2]


async def forged_press(telegram, resident: FakeUser, data: str) -> str:
    """A resident (not an admin) sends an admin button's data; wait for the answer."""
    await resident.wait_for(lambda u: u.messages, timeout=10)
    forged = resident.press_data(data, resident.messages[-1])
    await resident.wait_for(lambda _: forged in telegram.callback_answers)
    return forged
