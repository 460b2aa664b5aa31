"""FloodBudget: pacing, priority lanes, 429 pauses."""

import asyncio

import pytest

from bot.delivery.flood import FloodBudget, Priority
from bot.delivery.slots import FLIGHT_CAP
from bot.devtools.standin.rate_limit import FloodRules


def now() -> float:
    return asyncio.get_running_loop().time()


def most_within(times: list[float], window: float) -> int:
    """The most grants that fall into any closed window of `window` seconds."""
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] > window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def grant_times(budget: FloodBudget, count: int, chat_id: int | None = None) -> list[float]:
    """When each slot was granted (not when this task got to run again: a busy machine may
    resume one late and the next on time, which says nothing about the budget)."""
    times = []
    for _ in range(count):
        granted = await budget.acquire(Priority.BROADCAST, chat_id)
        times.append(granted if granted is not None else now())
    return times


@pytest.mark.slow
async def test_never_more_than_the_limit_in_any_window_with_margin():
    budget = FloodBudget(rate=20)
    times = await grant_times(budget, 61)
    # Telegram's second plus our own 10 ms, counted from the answers (here: at once); the
    # network's delay is within each request's flight, see the two tests below.
    assert budget.ledger_window == pytest.approx(1.010)
    assert most_within(times, budget.ledger_window) <= 20
    # Close to the limit: 60 intervals at 20 / 1.065 s take 3.2 s (a loaded machine: later).
    assert 60 / budget.pace - 0.05 <= times[-1] - times[0] <= 2 * 60 / budget.pace


@pytest.mark.slow
async def test_a_fresh_budget_starts_at_the_even_pace_not_with_a_burst():
    # After a restart, the previous process may have sent at full pace until just now.
    budget = FloodBudget(rate=20)
    start = now()
    times = await grant_times(budget, 10)
    assert times[0] - start >= 1 / budget.pace - 0.005
    assert times[-1] - start >= 10 / budget.pace - 0.02


@pytest.mark.slow
async def test_one_chat_gets_three_at_once_then_one_a_window_and_never_blocks_others():
    budget = FloodBudget(rate=100)
    erika = [asyncio.create_task(budget.acquire(Priority.BROADCAST, 7)) for _ in range(4)]
    await asyncio.wait_for(asyncio.gather(*erika[:3]), timeout=5)
    hans = asyncio.create_task(budget.acquire(Priority.BROADCAST, 8))
    await asyncio.wait_for(hans, timeout=5)
    assert not erika[3].done()  # Hans went first; Erika's fourth waits for her own chat
    start = now()
    await asyncio.wait_for(erika[3], timeout=5)
    assert now() - start >= budget.window / 3 - 0.05  # a third of a token was due


@pytest.mark.slow
async def test_after_a_429_sending_resumes_slower_then_recovers():
    budget = FloodBudget(rate=30)
    full = budget.pace
    budget.pause(0.2)
    assert budget.pace == pytest.approx(30 / (budget.window) * 0.85)  # wider margin, slower
    assert budget.pace < full * 0.85
    start = now()
    times = await grant_times(budget, 5)
    assert times[0] - start >= 0.19  # nothing during the pause
    # The reduced pace, and no burst after the pause: a late timer may shorten one gap, but
    # the schedule never runs ahead, so four intervals take at least four intervals.
    assert times[-1] - times[0] >= 4 / budget.pace - 0.005


@pytest.mark.slow
async def test_waiting_reply_goes_before_waiting_broadcasts():
    budget = FloodBudget(rate=20)
    await budget.acquire(Priority.BROADCAST)  # takes the free slot; next is 50 ms away
    order: list[str] = []

    async def take(name: str, priority: Priority):
        await budget.acquire(priority)
        order.append(name)

    broadcasts = [asyncio.create_task(take(f"b{i}", Priority.BROADCAST)) for i in range(4)]
    await asyncio.sleep(0)
    urgent = asyncio.create_task(take("urgent", Priority.URGENT))
    reply = asyncio.create_task(take("reply", Priority.REPLY))
    await asyncio.wait_for(asyncio.gather(*broadcasts, urgent, reply), timeout=5)
    assert order == ["reply", "urgent", "b0", "b1", "b2", "b3"]


@pytest.mark.slow
async def test_later_shorter_pause_never_shortens_a_running_one():
    budget = FloodBudget(rate=None)
    budget.pause(0.4)
    budget.pause(0.05)
    assert budget.paused_for > 0.3
    start = now()
    await asyncio.wait_for(budget.acquire(Priority.REPLY), timeout=5)
    assert now() - start >= 0.39


@pytest.mark.slow
async def test_pause_also_delays_waiters_already_queued():
    budget = FloodBudget(rate=10)
    await budget.acquire()
    start = now()
    waiter = asyncio.create_task(budget.acquire(Priority.BROADCAST))
    await asyncio.sleep(0)
    budget.pause(0.3)
    budget.pause(0.01)
    await asyncio.wait_for(waiter, timeout=5)
    assert now() - start >= 0.29


async def test_longer_pause_extends():
    budget = FloodBudget(rate=None)
    budget.pause(0.05)
    budget.pause(0.3)
    assert budget.paused_for > 0.25


async def test_pacing_off_and_rate_bounds():
    budget = FloodBudget(rate=None)
    start = now()
    for _ in range(5000):
        await budget.acquire(Priority.BROADCAST)
    assert now() - start < 1.0
    budget.rate = 1000
    assert budget.rate == 1000
    with pytest.raises(ValueError):
        budget.rate = 1001
    with pytest.raises(ValueError):
        FloodBudget(rate=0)


async def test_cancelled_waiter_does_not_block_the_lane():
    budget = FloodBudget(rate=20)
    await budget.acquire()
    doomed = asyncio.create_task(budget.acquire(Priority.REPLY))
    await asyncio.sleep(0)
    doomed.cancel()
    await asyncio.wait_for(budget.acquire(Priority.BROADCAST), timeout=5)
    assert budget.waiting == 0


async def test_requests_that_all_get_429_in_one_episode_slow_down_only_once():
    budget = FloodBudget(rate=30)
    window, full = budget.window, budget.pace
    for _ in range(10):  # ten sends in flight, all answered 429 at once
        budget.pause(1.0)
    assert budget.window == pytest.approx(window + 0.010)
    assert budget.pace == pytest.approx(30 / budget.window * 0.85)
    assert budget.pace > full * 0.8


@pytest.mark.slow
async def test_a_request_that_leaves_late_counts_from_when_it_left():
    # One slot is held up 0.3 s after its grant (a busy loop): counted from when that
    # request really left, no window holds more than 10.
    budget = FloodBudget(rate=10)
    before = await grant_times(budget, 10)  # the seeded ledger has passed; a steady state

    async def late_sender():
        await budget.acquire(Priority.BROADCAST)
        await asyncio.sleep(0.3)
        left = now()
        with budget.in_flight():
            pass
        return left

    late = asyncio.create_task(late_sender())
    await asyncio.sleep(0)  # it queues first
    times = await grant_times(budget, 20)
    left = await late
    assert most_within(sorted([*before, left, *times]), budget.ledger_window) <= 10


@pytest.mark.slow
async def test_a_request_answered_late_counts_until_its_answer():
    # A busy loop may hold the request up on its way to Telegram: Telegram may count it
    # any time before the answer, so no window that holds the answer holds more than 10.
    budget = FloodBudget(rate=10)
    before = await grant_times(budget, 10)
    answered = asyncio.get_running_loop().create_future()

    async def slow_request():
        await budget.acquire(Priority.BROADCAST)
        with budget.in_flight():
            await asyncio.sleep(0.3)
        answered.set_result(now())

    task = asyncio.create_task(slow_request())
    await asyncio.sleep(0)
    times = await grant_times(budget, 20)
    moments = sorted([*before, await answered, *times])
    assert most_within(moments, budget.ledger_window) <= 10
    await task


@pytest.mark.slow
async def test_a_hung_request_holds_up_the_others_only_briefly():
    budget = FloodBudget(rate=10)
    await grant_times(budget, 10)
    hung = asyncio.Event()

    async def hung_request():
        await budget.acquire(Priority.BROADCAST)
        with budget.in_flight():
            await hung.wait()

    task = asyncio.create_task(hung_request())
    await asyncio.sleep(0)
    start = now()
    times = await grant_times(budget, 10)
    # It counts as arrived FLIGHT_CAP (1 s) after it left: two windows at most.
    assert times[-1] - start <= budget.ledger_window + FLIGHT_CAP + 0.2
    hung.set()
    await task


@pytest.mark.slow
async def test_a_message_to_a_chat_that_arrives_late_leaves_room_for_the_next():
    # A busy machine may deliver a chat's first reply 0.3 s after its grant and the next ones
    # at once. Telegram counts them when they arrive, so the budget counts each until its
    # answer, and Telegram's own per-chat rule (the stand-in's) rejects none of them.
    budget = FloodBudget(rate=100)
    arrivals: list[float] = []
    for delay in (0.3, 0, 0, 0, 0, 0.3, 0, 0, 0):  # one reply at a time, the first late
        await budget.acquire(Priority.REPLY, 7)  # in this task: in_flight() finds its slot
        with budget.in_flight():
            await asyncio.sleep(delay)
            arrivals.append(now())
    judged: list[float] = []
    telegram = FloodRules(per_second=100).control(clock=lambda: judged[-1])
    for moment in arrivals:
        judged.append(moment)
        assert telegram.check(7, new_message=True) == 0, arrivals
