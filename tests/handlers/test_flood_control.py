"""End to end: replies respect Telegram's flood control; a 429 is retried, never dropped."""

import pytest

from tests.auxil.running_bot import running_bot


async def replies_to_all(telegram, tmp_path, residents, text: str, send_rate: float) -> list[str]:
    """Every resident sends `text` at once; the bot's first reply to each, in order."""
    async with running_bot(telegram, tmp_path / "db.sqlite3", send_rate=send_rate):
        for resident in residents:
            resident.send(text)
        return [(await resident.next_message(timeout=30)).text for resident in residents]


@pytest.mark.slow
@pytest.mark.parametrize("uplink", [None, (0.0, 0.6)], ids=["loopback", "up to 0.6 s late"])
async def test_flyer_campaign_every_start_is_answered_without_a_429(telegram, tmp_path, uplink):
    # Requests may reach Telegram late and out of order, far beyond the bot's 60 ms margin
    # (or a busy machine holds them up): each counts until its answer, so none trips.
    telegram.set_rate_limit(100, jitter=uplink)
    residents = [telegram.user(50_000 + i) for i in range(300)]
    for reply in await replies_to_all(telegram, tmp_path, residents, "/start winzerla", 100):
        assert reply.startswith("Sie erhalten jetzt Warnungen für Winzerla.")
    assert telegram.stats.too_many_requests == 0


@pytest.mark.slow
async def test_a_429_on_a_reply_is_retried_after_retry_after(telegram, tmp_path):
    # Telegram allows fewer messages than the bot's budget assumes: it answers 429.
    telegram.set_rate_limit(5)
    telegram.expect_rejections()
    residents = [telegram.user(60_000 + i) for i in range(20)]
    for reply in await replies_to_all(telegram, tmp_path, residents, "/hilfe", 30):
        assert reply.startswith("So hilft Ihnen Stadtwarn Jena")
    assert telegram.stats.too_many_requests > 0
    assert {r.error_code for r in telegram.rejections} == {429}
