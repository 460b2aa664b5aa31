"""The flood budget's ledger: exactly the slots that may still count in Telegram's window,
whatever order their answers come back in."""

from bot.delivery.slots import FLIGHT_CAP, Ledger, Slot

WINDOW = 1.01


def test_an_early_answer_frees_its_own_slot_and_a_late_one_holds_only_its_own():
    ledger = Ledger()
    slots = [Slot(0.0) for _ in range(3)]
    for slot in slots:
        ledger.add(slot)
        ledger.restamp(slot, 0.0, True)  # all three leave at once
    # While flying, each may count until a whole FLIGHT_CAP after it left.
    assert ledger.full_until(3, WINDOW) == FLIGHT_CAP + WINDOW
    ledger.restamp(slots[0], 0.300, False)  # the first is answered last
    ledger.restamp(slots[1], 0.010, False)
    ledger.restamp(slots[2], 0.020, False)
    # With a limit of 3, the next may go when the earliest answer leaves the window,
    # not when the first grant's (late) answer does.
    assert ledger.full_until(3, WINDOW) == 0.010 + WINDOW
    ledger.prune(0.010)  # a window after that answer: it no longer counts
    assert len(ledger) == 2
    assert ledger.full_until(2, WINDOW) == 0.020 + WINDOW


def test_a_slot_pruned_before_its_request_left_counts_again():
    ledger = Ledger([Slot(0.0)])
    slot = Slot(0.0)
    ledger.add(slot)
    ledger.prune(0.5)  # both granted long ago: gone
    assert len(ledger) == 0
    ledger.restamp(slot, 2.0, True)  # the request leaves only now
    assert len(ledger) == 1 and ledger.full_until(1, WINDOW) == 2.0 + FLIGHT_CAP + WINDOW


def test_fewer_slots_than_the_limit_never_hold_up_a_grant():
    ledger = Ledger(Slot(t / 10) for t in range(5))
    assert ledger.full_until(6, WINDOW) == 0.0
    assert ledger.full_until(5, WINDOW) == 0.0 + WINDOW
