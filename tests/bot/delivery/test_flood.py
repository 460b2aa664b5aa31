"""FloodBudget: pacing, priority lanes, 429 pauses."""

import asyncio
import itertools

import pytest

from bot.delivery.flood import FloodBudget, Priority


def now() -> float:
    return asyncio.get_running_loop().time()


async def test_paces_evenly_without_bursts():
    budget = FloodBudget(rate=100)
    start = now()
    times = []
    for _ in range(21):
        await budget.acquire(Priority.BROADCAST)
        times.append(now() - start)
    assert times[0] < 0.01
    assert times[-1] >= 0.2 - 0.005  # 20 intervals of 10 ms
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.01 - 0.003


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


async def test_later_shorter_pause_never_shortens_a_running_one():
    budget = FloodBudget(rate=None)
    budget.pause(0.4)
    budget.pause(0.05)
    assert budget.paused_for > 0.3
    start = now()
    await asyncio.wait_for(budget.acquire(Priority.REPLY), timeout=5)
    assert now() - start >= 0.39


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
