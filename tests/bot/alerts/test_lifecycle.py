"""The alert lifecycle's rules: a draft needs a district and a known severity; approving and
queueing in one transaction queues only once the approvals are complete; no step starts
from a state the transition table does not allow."""

import pytest

from bot.alerts import lifecycle
from bot.storage.alerts import NewAlert
from bot.vocabulary import AlertStateError
from tests.auxil.delivery import NOW, add_resident, cancel, draft_alert


def new_alert(**changes) -> NewAlert:
    values = dict(
        kind="fraud",
        severity="warning",
        district_ids=("winzerla",),
        all_districts=False,
        bodies={"de": "x", "en": "x"},
        created_by=1,
        approvals_required=1,
    )
    return NewAlert(**(values | changes))


@pytest.mark.parametrize(
    "changes", [{"severity": "loud"}, {"district_ids": (), "all_districts": False}]
)
async def test_a_draft_needs_a_known_severity_and_a_district(db, changes):
    with pytest.raises(ValueError):
        await lifecycle.create_draft(db, new_alert(**changes), NOW)


def test_the_approval_rule():
    assert lifecycle.Approval(1, 2).complete is False
    assert lifecycle.Approval(2, 2).complete is True
    assert lifecycle.Approval(3, 2).complete is True


async def test_approve_and_queue_queues_when_the_approvals_are_complete(db):
    await add_resident(db, 1, ("jena-nord",))
    alert_id = await draft_alert(db, approvals_required=2)
    first = await lifecycle.approve_and_queue(db, alert_id, 11, NOW)
    assert (first.approvals, first.required, first.recipients) == (1, 2, None)
    again = await lifecycle.approve_and_queue(db, alert_id, 11, NOW)  # the same admin
    assert (again.approvals, again.recipients) == (1, None)
    second = await lifecycle.approve_and_queue(db, alert_id, 12, NOW)
    assert (second.approvals, second.recipients) == (2, 1)
    with pytest.raises(AlertStateError) as raised:
        await lifecycle.approve_and_queue(db, alert_id, 13, NOW)  # queued: too late
    assert raised.value.code == "wrong_state"


async def test_queue_refuses_missing_approvals(db):
    alert_id = await draft_alert(db, approvals_required=1)
    with pytest.raises(AlertStateError) as raised:
        await lifecycle.queue(db, alert_id, NOW)
    assert raised.value.code == "missing_approvals"
    assert raised.value.values["approvals"] == 0


async def test_no_step_on_an_unknown_alert(db):
    with pytest.raises(AlertStateError) as raised:
        await lifecycle.approve(db, 404, 1, NOW)
    assert raised.value.code == "no_alert"


async def test_a_withdrawn_alert_takes_no_new_text(db):
    alert_id = await draft_alert(db)
    await cancel(db, alert_id, {"de": "w", "en": "w"}, {"de": "n", "en": "n"})
    with pytest.raises(AlertStateError):
        await lifecycle.update(db, alert_id, {"de": "x", "en": "x"}, NOW)
    with pytest.raises(AlertStateError):
        await lifecycle.discard(db, alert_id)
