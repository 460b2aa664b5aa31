"""The alert vocabulary: one transition table for every action on an alert."""

import pytest

from bot.vocabulary import STARTS_FROM, AlertAction, AlertState, QueueOrder, Severity, may


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


def test_urgent_goes_first_in_the_outbox():
    assert QueueOrder.of(Severity.URGENT) < QueueOrder.of("warning") == QueueOrder.NORMAL
