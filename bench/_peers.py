"""What a PTB user would pick instead of Stadtwarn's flood budget, sending one message to
each chat through the same stand-in: PTB's AIORateLimiter, and fixed batches (25 messages,
then a 1.05-s wait, as eknoes/covidbot does)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from telegram import Bot
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, ExtBot

BATCH, BATCH_PAUSE = 25, 1.05
IN_FLIGHT = 64


async def with_aio_rate_limiter(token: str, api_url: str, chats: Iterable[int]) -> None:
    """PTB's AIORateLimiter at its defaults (30/s overall, retries on 429)."""
    limiter = AIORateLimiter(max_retries=10)
    async with ExtBot(token, base_url=api_url, rate_limiter=limiter) as bot:
        room = asyncio.Semaphore(IN_FLIGHT)

        async def send(chat_id: int) -> None:
            async with room:
                await bot.send_message(chat_id, "Benchmark: bitte ignorieren.")

        await asyncio.gather(*(send(chat_id) for chat_id in chats))


async def in_fixed_batches(token: str, api_url: str, chats: Iterable[int]) -> None:
    """25 at once, then wait 1.05 s; a 429 waits out retry_after and sends again."""
    async with Bot(token, base_url=api_url) as bot:
        chats = list(chats)
        for start in range(0, len(chats), BATCH):
            await asyncio.gather(*(_send(bot, c) for c in chats[start : start + BATCH]))
            await asyncio.sleep(BATCH_PAUSE)


async def _send(bot: Bot, chat_id: int) -> None:
    while True:
        try:
            await bot.send_message(chat_id, "Benchmark: bitte ignorieren.")
            return
        except RetryAfter as error:
            await asyncio.sleep(float(error.retry_after))  # noqa: ASYNC -- the peer's own logic
