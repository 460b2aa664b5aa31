"""The stand-in's side of a webhook: while one is set, queued updates are POSTed to its URL
one at a time, in order, with the secret in X-Telegram-Bot-Api-Secret-Token, as Telegram
does; an update leaves the queue only when the bot answered 2xx (else it is sent again)."""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from bot.devtools.standin.state import TelegramState

logger = logging.getLogger(__name__)

RETRY_DELAY = 0.5  # seconds after a failed push (Telegram waits longer; the tests would not)


async def push_updates(state: TelegramState) -> None:
    """Forever (cancel to stop): push each deliverable update to the webhook."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        while not state.closing:
            await state.changed.wait_for(
                lambda: state.closing or (state.webhook is not None and _next(state)),
                timeout=None,
            )
            webhook, update = state.webhook, _next(state)
            if state.closing or webhook is None or update is None:
                continue
            headers = {"X-Telegram-Bot-Api-Secret-Token": webhook.secret_token}
            try:
                async with session.post(webhook.url, json=update, headers=headers) as answer:
                    delivered = 200 <= answer.status < 300
                    state.webhook_answers.append(answer.status)
            except (aiohttp.ClientError, TimeoutError) as error:
                logger.info("webhook push failed: %s", error)
                delivered = False
            if delivered:
                if update in state.updates:
                    state.updates.remove(update)
                state.changed.notify()
            else:
                await asyncio.sleep(RETRY_DELAY)


def _next(state: TelegramState) -> dict | None:
    """The oldest update of a type the webhook takes, dropping the others (as getUpdates)."""
    state.updates[:] = [
        u for u in state.updates if next(k for k in u if k != "update_id") in state.allowed_updates
    ]
    return state.updates[0] if state.updates else None
