"""A database with one alert's whole life (sent, updated, withdrawn) and a second one for the
whole city, written as the public site."""

import pytest

from tests.auxil.delivery import add_resident
from tests.auxil.public_site import Desk

SECRET_CHAT = 987654321  # a resident's chat id: it must appear in no file of the site


@pytest.fixture
async def desk(db) -> Desk:
    await add_resident(db, SECRET_CHAT, ("winzerla",))
    return Desk(db)


@pytest.fixture
async def site(desk, tmp_path):
    """The site after: a warning for Winzerla and Neulobeda, updated 20 min later and
    withdrawn 20 min after that; then an urgent one for the whole city."""
    first = await desk.send("Heute viele Anrufe.", district_ids=("winzerla", "neulobeda"))
    desk.later(minutes=20)
    await desk.desk.update_text(first, "Die Anrufe gehen weiter.")
    desk.later(minutes=20)
    await desk.desk.cancel(first, 900)
    desk.later(minutes=5)
    await desk.send(
        "In ganz Jena.", kind="fake_police", severity="urgent", district_ids=(),
        all_districts=True, variables={"number": "110"},
    )  # fmt: skip
    out = tmp_path / "site"
    await desk.publish(out)
    return out
