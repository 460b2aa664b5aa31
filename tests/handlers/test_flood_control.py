"""End to end: replies respect Telegram's flood control; a 429 is retried, never dropped."""

from tests.auxil.running_bot import running_bot


async def test_flyer_campaign_every_start_is_answered_without_a_429(telegram, tmp_path):
    telegram.set_rate_limit(100)
    residents = [telegram.user(50_000 + i) for i in range(300)]
    async with running_bot(telegram, tmp_path / "db.sqlite3", send_rate=100):
        for resident in residents:
            resident.send("/start winzerla")
        for resident in residents:
            reply = await resident.next_message(timeout=30)
            assert reply.text.startswith("Sie erhalten jetzt Warnungen für Winzerla.")
    assert telegram.stats.too_many_requests == 0


async def test_a_429_on_a_reply_is_retried_after_retry_after(telegram, tmp_path):
    # Telegram allows fewer messages than the bot's budget assumes: it answers 429.
    telegram.set_rate_limit(5)
    telegram.expect_rejections()
    residents = [telegram.user(60_000 + i) for i in range(20)]
    async with running_bot(telegram, tmp_path / "db.sqlite3", send_rate=30):
        for resident in residents:
            resident.send("/hilfe")
        for resident in residents:
            reply = await resident.next_message(timeout=30)
            assert reply.text.startswith("So hilft Ihnen Stadtwarn Jena")
    assert telegram.stats.too_many_requests > 0
    assert {r.error_code for r in telegram.rejections} == {429}
