"""End to end: paid broadcasts go beyond the free 30/s only for the alerts the city pays for,
and never trip the strict stand-in."""

import pytest

from bot.delivery.paid import PaidBroadcast
from tests.auxil.admin_desk import ADMIN, send_now, subscribe
from tests.auxil.running_bot import running_bot

RESIDENTS = 120


def alert_sends(telegram, text: str) -> list[dict]:
    """The copies of the alert with `text` sent to residents (not the admin's preview)."""
    return [
        p
        for m, p in telegram.requests
        if m == "sendMessage" and text in p.get("text", "") and int(p["chat_id"]) != ADMIN
    ]


async def all_received(residents, text: str) -> None:
    for resident in residents:
        await resident.wait_for(lambda u: any(text in m.text for m in u.messages), timeout=30)


def paid(params: dict) -> bool:
    return str(params.get("allow_paid_broadcast", "")).lower() == "true"


@pytest.mark.slow
async def test_an_urgent_alert_goes_out_paid_and_fast_a_warning_at_the_free_pace(
    telegram, tmp_path
):
    telegram.set_rate_limit(30)  # strict: 30/s free, 1000/s paid, one a second per chat
    async with running_bot(
        telegram,
        tmp_path / "db.sqlite3",
        admin_ids=frozenset({ADMIN}),
        paid_broadcast=PaidBroadcast.URGENT,
    ):
        residents = [await subscribe(telegram, 3000 + i, "winzerla") for i in range(RESIDENTS)]
        admin = telegram.user(ADMIN)
        await send_now(admin, severity="Dringend", text="Falsche Polizisten unterwegs.")
        await all_received(residents, "Falsche Polizisten unterwegs.")
        await send_now(admin, severity="Warnung", text="Zweite Warnung.")
        await all_received(residents, "Zweite Warnung.")

    urgent = alert_sends(telegram, "Falsche Polizisten unterwegs.")
    assert len(urgent) == RESIDENTS and all(paid(p) for p in urgent)
    warning = alert_sends(telegram, "Zweite Warnung.")
    assert len(warning) == RESIDENTS and not any(paid(p) for p in warning)
    replies = [p for m, p in telegram.requests if m == "sendMessage" and int(p["chat_id"]) == ADMIN]
    assert replies and not any(paid(p) for p in replies)
    # Beyond the free limit in some second, and still never a 429.
    assert telegram.stats.max_sends_within(1.0) > 30
    assert telegram.stats.too_many_requests == 0


@pytest.mark.slow
async def test_without_paid_broadcasts_everything_keeps_to_the_free_limit(telegram, tmp_path):
    telegram.set_rate_limit(30)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        residents = [await subscribe(telegram, 4000 + i, "winzerla") for i in range(60)]
        await send_now(telegram.user(ADMIN), severity="Dringend", text="Dringend ohne Geld.")
        await all_received(residents, "Dringend ohne Geld.")
    assert not any(paid(p) for p in alert_sends(telegram, "Dringend ohne Geld."))
    assert telegram.stats.max_sends_within(1.0) <= 30
    assert telegram.stats.too_many_requests == 0
