"""End to end: residents who write while Telegram answers 5xx or drops connections still get
their answer once it is back (within the reply deadline), not silence."""

import pytest

from tests.auxil.running_bot import running_bot

OUTAGE = 4.0  # seconds


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["502", "disconnect"])
async def test_a_resident_who_writes_during_an_outage_gets_the_answer_after_it(
    telegram, tmp_path, kind
):
    telegram.expect_rejections()
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        erika = telegram.user(4100)
        telegram.outage(OUTAGE, kind=kind)
        erika.send("/hilfe")
        reply = await erika.next_message(timeout=OUTAGE + 30)
    assert reply.text.startswith("So hilft Ihnen Stadtwarn Jena")
    assert telegram.injected_failures  # it did fail first
