"""The comms desk's rules on plain values: 'Senden' counts as the author's approval and
queues once the approvals are complete; the author cannot approve their own alert; an
unknown alert is named as such; the engine is woken only when something was queued."""

import pytest

from bot.alerts.compose import AlertDraft, AlertInputError
from bot.alerts.desk import AlertDesk
from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts
from bot.vocabulary import AlertState, NoSuchAlert
from tests.auxil.delivery import NOW, add_resident

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
AUTHOR, SECOND = 900, 901
DRAFT = AlertDraft(
    kind="shock_call", severity="warning", district_ids=("winzerla",), text="Vorsicht."
)


def desk_of(db, approvals_required: int) -> tuple[AlertDesk, list[int]]:
    woken: list[int] = []
    desk = AlertDesk(
        db,
        CITY,
        TEXTS,
        approvals_required=approvals_required,
        rate=None,
        clock=lambda: NOW,
        notify=lambda: woken.append(1),
    )
    return desk, woken


async def test_send_with_one_approval_required_queues_at_once(db):
    await add_resident(db, 1, ("winzerla",))
    desk, woken = desk_of(db, 1)
    alert_id = await desk.create(DRAFT, AUTHOR)
    outcome = await desk.send(alert_id, AUTHOR)
    assert (outcome.queued, outcome.recipients, outcome.approvals) == (True, 1, 1)
    assert (await desk.get(alert_id)).state == AlertState.QUEUED
    assert woken == [1]


async def test_send_with_four_eyes_waits_for_a_second_admin(db):
    await add_resident(db, 1, ("winzerla",))
    desk, woken = desk_of(db, 2)
    alert_id = await desk.create(DRAFT, AUTHOR)
    outcome = await desk.send(alert_id, AUTHOR)
    assert (outcome.queued, outcome.approvals, outcome.approvals_required) == (False, 1, 2)
    assert (await desk.get(alert_id)).state == AlertState.AWAITING_APPROVAL
    assert woken == []
    with pytest.raises(AlertInputError) as raised:
        await desk.approve(alert_id, AUTHOR)
    assert raised.value.code == "not_author"
    outcome = await desk.approve(alert_id, SECOND)
    assert (outcome.queued, outcome.recipients, outcome.approvals) == (True, 1, 2)
    assert woken == [1]


async def test_an_unknown_alert_is_named(db):
    desk, _ = desk_of(db, 1)
    with pytest.raises(NoSuchAlert) as raised:  # an AlertInputError, as the desk's other errors
        await desk.get(404)
    assert (raised.value.code, raised.value.values) == ("no_alert", {"alert_id": 404})


async def test_draft_of_gives_back_what_was_stored_with_a_new_text(db):
    desk, _ = desk_of(db, 1)
    alert = await desk.get(await desk.create(DRAFT, AUTHOR))
    assert desk.draft_of(alert) == DRAFT
    assert desk.draft_of(alert, text="Neu.").text == "Neu."
