"""The alert vocabulary: one transition table for every action on an alert."""

import pytest

from bot.vocabulary import (
    STARTS_FROM,
    AlertAction,
    AlertInputError,
    AlertState,
    AlertStateError,
    NoSuchAlert,
    QueueOrder,
    Severity,
    may,
    require,
)


def test_every_action_has_its_states():
    assert set(STARTS_FROM) == set(AlertAction)


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        (AlertAction.DISCARD, AlertState.DRAFT, True),
        (AlertAction.DISCARD, AlertState.QUEUED, False),
        (AlertAction.QUEUE, AlertState.AWAITING_APPROVAL, True),
        (AlertAction.QUEUE, AlertState.DONE, False),
        (AlertAction.UPDATE, AlertState.SENDING, True),
        (AlertAction.UPDATE, AlertState.DRAFT, False),
        (AlertAction.CANCEL, AlertState.DONE, True),
        (AlertAction.CANCEL, AlertState.CANCELLED, False),
        (AlertAction.UPDATE, "done", True),  # a stored state is a plain string
    ],
)
def test_transitions(action, state, allowed):
    assert may(action, state) is allowed


# Every action against every state, written out by hand so that a change to STARTS_FROM
# has to be made twice: D draft, A awaiting approval, Q queued, S sending, F done (finished),
# C cancelled. A letter in an action's row: the action may start from that state.
ALLOWED = {
    AlertAction.DISCARD: "DA",
    AlertAction.APPROVE: "DA",
    AlertAction.QUEUE: "DA",
    AlertAction.UPDATE: "QSF",
    AlertAction.CANCEL: "DAQSF",
}
LETTER = {
    AlertState.DRAFT: "D",
    AlertState.AWAITING_APPROVAL: "A",
    AlertState.QUEUED: "Q",
    AlertState.SENDING: "S",
    AlertState.DONE: "F",
    AlertState.CANCELLED: "C",
}


def test_the_letters_name_every_state():
    assert set(LETTER) == set(AlertState)


@pytest.mark.parametrize("state", list(AlertState))
@pytest.mark.parametrize("action", list(AlertAction))
def test_every_action_state_pair(action, state):
    assert may(action, state) is (LETTER[state] in ALLOWED[action])
    assert may(action, str(state)) is (LETTER[state] in ALLOWED[action])  # as stored


def test_urgent_goes_first_in_the_outbox():
    assert QueueOrder.of(Severity.URGENT) < QueueOrder.of("warning") == QueueOrder.NORMAL


def test_no_such_alert_is_one_error_caught_as_either():
    with pytest.raises(NoSuchAlert) as raised:
        require(AlertAction.QUEUE, None, 7)
    assert isinstance(raised.value, AlertInputError)
    assert isinstance(raised.value, AlertStateError)
    assert (raised.value.code, raised.value.values) == ("no_alert", {"alert_id": 7})
