"""How updates reach the running bot (a PTB adapter of the composition root): long polling
(the default), or Telegram's webhook at POST /telegram of the bot's HTTP server
(STADTWARN_WEBHOOK_URL). The HTTP server (STADTWARN_HTTP) also serves /healthz, /metrics
and the public site in either mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator
from functools import partial

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.services import SERVICES_KEY, Services
from bot.settings import Settings, SettingsError
from bot.web.app import Webhook, web_app
from bot.web.health import health
from bot.web.metrics import Metrics
from bot.web.server import serving

logger = logging.getLogger(__name__)

# In webhook mode nothing else asks Telegram while residents are quiet: getWebhookInfo this
# often tells /healthz that Telegram is reachable.
HEARTBEAT_INTERVAL = 20.0  # seconds


@contextlib.asynccontextmanager
async def receiving_updates(
    application: Application, settings: Settings, sock: socket.socket | None
) -> AsyncIterator[None]:
    """Updates arrive while the block runs: the HTTP server first (if any), then polling or
    the webhook. Starting to poll deletes a webhook set before (PTB's start_polling calls
    deleteWebhook), so switching back to polling needs nothing else. The webhook stays set
    when the bot stops: Telegram keeps the updates until it is back."""
    services: Services = application.bot_data[SERVICES_KEY]
    async with contextlib.AsyncExitStack() as stack:
        if sock is not None:
            await stack.enter_async_context(serving(_web_app(application, settings), sock))
            _task_until_exit(stack, services.telemetry.measure_loop_lag(), "loop-lag")
        if settings.webhook_url:
            await _set_webhook(application, settings)
            logger.info("updates arrive by webhook at POST /telegram")
            _task_until_exit(stack, _heartbeat(application), "webhook-heartbeat")
            yield
            return
        await application.updater.start_polling(
            timeout=int(settings.poll_timeout), allowed_updates=Update.ALL_TYPES
        )
        try:
            yield
        finally:
            # Polling that ended with an error (a revoked token) raises it again here.
            with contextlib.suppress(TelegramError):
                await application.updater.stop()


async def _set_webhook(application: Application, settings: Settings) -> None:
    try:
        await application.bot.set_webhook(
            settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    except BadRequest as error:  # e.g. not https, or a port Telegram does not call
        raise SettingsError(
            f"STADTWARN_WEBHOOK_URL: Telegram refused the webhook ({error.message})."
        ) from None


def _web_app(application: Application, settings: Settings):
    services: Services = application.bot_data[SERVICES_KEY]
    webhook = None
    if settings.webhook_url:
        webhook = Webhook(settings.webhook_secret, partial(_take_update, application))
    return web_app(
        health=partial(health, services.db, settings.db_path, services.telemetry, services.clock),
        health_grace=settings.health_grace,
        metrics=Metrics(services.db, services.telemetry),
        webhook=webhook,
        public_dir=settings.public_dir,
    )


async def _take_update(application: Application, data: dict) -> None:
    """One update from the webhook into the queue the Application works through (one that
    cannot be read is dropped: Telegram would send it again and again)."""
    try:
        update = Update.de_json(data, application.bot)
    except (TypeError, KeyError, ValueError):
        logger.warning("dropped a webhook update that could not be read")
        return
    await application.update_queue.put(update)


def _task_until_exit(stack: contextlib.AsyncExitStack, work, name: str) -> None:
    task = asyncio.create_task(work, name=f"stadtwarn-{name}")
    stack.callback(task.cancel)


async def _heartbeat(application: Application) -> None:
    """Ask Telegram now and then (the rate limiter notes whether it answered)."""
    while True:
        await asyncio.sleep(HEARTBEAT_INTERVAL)
        with contextlib.suppress(TelegramError):
            await application.bot.get_webhook_info()


def polling_task(settings: Settings) -> asyncio.Task | None:
    """PTB's polling task (by its name), to notice when polling ends for good; None in
    webhook mode."""
    if settings.webhook_url:
        return None
    for task in asyncio.all_tasks():
        if task.get_name() == "Updater:start_polling:polling_task":
            return task
    logger.warning("PTB's polling task not found: a revoked token will not stop the bot")
    return None
