"""Composition root: builds and runs the PTB Application; the one bot/ module using handlers/."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import partial

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, BaseUpdateProcessor, ContextTypes, Defaults

import handlers
from bot.city.officer_data import read_city_file
from bot.clock import Clock, utc_now
from bot.delivery.flood import FloodBudget
from bot.delivery.http_pool import AiohttpRequest
from bot.delivery.paid import paid_lane
from bot.delivery.ptb import BudgetRateLimiter
from bot.delivery.telegram_sender import TelegramSender
from bot.logsetup import quiet_tracebacks, redact
from bot.officer_reload import after_start, reload_when_asked
from bot.services import SERVICES_KEY, Services
from bot.serving import polling_task, receiving_updates
from bot.settings import Settings
from bot.storage.database import Database, DiskFull
from bot.storage.lock import only_bot_on
from bot.telemetry import Telemetry
from bot.texts import Texts, telegram_language
from bot.update_order import PerChatOrder
from bot.web.server import listen
from handlers import city_reload as city_desk
from handlers import commands as command_table
from handlers.context import BotContext
from handlers.keyboards.callback_data import Vote
from handlers.user_data import ChatData, UserData

logger = logging.getLogger(__name__)

FULL_DISK_GIVE_UP = 10.0  # seconds of failing writes before the bot stops (exit status 3)
DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
)
# Every handler's context: the services, and the typed conversation state (handlers/user_data.py)
CONTEXT_TYPES = ContextTypes(context=BotContext, user_data=UserData, chat_data=ChatData)


def build_application(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    update_processor: BaseUpdateProcessor | None = None,
    telemetry: Telemetry | None = None,
) -> Application:
    """The bot, wired: defaults, resources opened in post_init and closed in post_shutdown.
    `update_processor`: PerChatOrder unless given (bench/chat_burst.py compares PTB's own);
    `telemetry`: what /metrics and /healthz read. A bad city file stops it before Telegram."""
    city_file = read_city_file(settings.city_path)
    city = city_file.city
    texts = Texts(settings.messages_dir, city=city)
    budget = FloodBudget(settings.send_rate)
    paid = paid_lane(settings.paid_broadcast, settings.paid_rate, budget)
    limiter = BudgetRateLimiter(budget, paid_budget=paid and paid.budget, telemetry=telemetry)

    async def post_init(application: Application) -> None:
        services = await Services.open(
            settings,
            city,
            texts,
            budget,
            TelegramSender(application.bot),
            clock,
            bot_username=application.bot.username,
            paid=paid,
            vote_data=lambda alert_id: Vote(alert_id).pack(),
            telemetry=limiter.telemetry,  # counted as the bot sends; for bot/web/
        )
        application.bot_data[SERVICES_KEY] = services
        await _register_commands(application, services)
        await after_start(services.city_reload, city_file, _tell_admins(application))

    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_url)
        .defaults(DEFAULTS)
        .context_types(CONTEXT_TYPES)
        # Chats at once, each chat's updates in order: no resident waits for another's pace.
        .concurrent_updates(update_processor or PerChatOrder())
        .request(AiohttpRequest())  # aiohttp's client, not httpx: bot/delivery/http_pool.py
        .rate_limiter(limiter)
        .post_init(post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    handlers.register(application, texts, settings.admin_ids)
    return application


async def _post_stop(application: Application) -> None:
    # Stop delivering while the bot can still finish the sends in flight.
    services = application.bot_data.get(SERVICES_KEY)
    if services is not None:
        await services.engine.stop()


async def _post_shutdown(application: Application) -> None:
    services = application.bot_data.pop(SERVICES_KEY, None)
    if services is not None:
        await services.close()


async def _register_commands(application: Application, services: Services) -> None:
    """Command menus from handlers/commands.py, in each language; admins also see theirs."""
    scope = BotCommandScopeAllPrivateChats()
    texts = services.texts
    for language in texts.languages:
        if language != texts.default_language and not telegram_language(language):
            continue  # e.g. plain German: no Telegram app is set to it; chosen with /sprache
        commands = _menu(texts, language, command_table.for_residents())
        code = None if language == texts.default_language else language
        await application.bot.set_my_commands(commands, scope=scope, language_code=code)
    # Admins also see /warnung in their own chat's menu, in their language; residents never do.
    for admin_id in sorted(services.settings.admin_ids):
        language = await services.residents.language(admin_id, texts.default_language)
        admin_commands = _menu(texts, language, command_table.COMMANDS)
        try:
            await application.bot.set_my_commands(
                admin_commands, scope=BotCommandScopeChat(admin_id)
            )
        except TelegramError:  # the admin has not started the bot yet
            logger.info("admin %s has no chat with the bot yet", admin_id)


def _menu(texts: Texts, language: str, commands) -> list[BotCommand]:
    return [BotCommand(c.name(texts, language), c.about(texts, language)) for c in commands]


@asynccontextmanager
async def running_application(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    update_processor: BaseUpdateProcessor | None = None,
    telemetry: Telemetry | None = None,
) -> AsyncIterator[Application]:
    """Start the bot with long polling; stop it cleanly on exit.

    The same order as PTB's run_polling (which calls post_init and post_shutdown
    itself), so the tests and the demo run exactly what production runs.
    """
    # A taken port stops the bot before Telegram is asked anything.
    sock = listen(*settings.http) if settings.http else None
    application = build_application(
        settings, clock=clock, update_processor=update_processor, telemetry=telemetry
    )
    try:
        await application.initialize()
    except BaseException:  # getMe failed: PTB leaves the transport open; close it
        await application.bot.request.shutdown()
        raise
    try:
        await application.post_init(application)
        async with receiving_updates(application, settings, sock):
            await application.start()
            try:
                yield application
            finally:
                services = application.bot_data.get(SERVICES_KEY)
                if services is not None:  # replies and copies waiting out a 429 end now
                    services.engine.close_budgets()
    finally:
        if application.running:
            await application.stop()
            await application.post_stop(application)
        await application.shutdown()
        await application.post_shutdown(application)
        if sock is not None:
            sock.close()


class TelegramUnusable(Exception):
    """Telegram rejected the token (`token_rejected`) or cannot be reached: the bot cannot
    work. The message is one line without the token."""

    def __init__(self, message: str, *, token_rejected: bool) -> None:
        super().__init__(message)
        self.token_rejected = token_rejected


async def read_bot_username(settings: Settings) -> str:
    """The bot's username, from Telegram (getMe); raises TelegramUnusable."""
    bot = Bot(settings.token or "", base_url=settings.api_url)
    with _telegram_errors(settings):
        async with bot:
            return bot.username


@contextmanager
def _telegram_errors(settings: Settings) -> Iterator[None]:
    """Telegram's refusal of the token, or no way to reach it, as one TelegramUnusable
    line without the token."""
    try:
        yield
    except InvalidToken:
        raise TelegramUnusable(
            "Telegram rejected the bot token (TELEGRAM_BOT_TOKEN): it is wrong or was "
            "revoked; get the current one from @BotFather",
            token_rejected=True,
        ) from None
    except NetworkError as error:
        raise TelegramUnusable(
            redact(
                f"cannot reach the Bot API at {settings.api_url}: {error.message}. "
                f"Check the network and TELEGRAM_API_URL",
                settings.token,
            ),
            token_rejected=False,
        ) from None


async def run_until_signalled(settings: Settings) -> None:
    """`python -m bot run`: run until SIGINT or SIGTERM; SIGHUP reloads the city file's
    officer data. Ends by raising if the bot cannot work: DatabaseInUse, DatabaseUnusable,
    or TelegramUnusable (also when Telegram rejects the token while running)."""
    # A proxy's HTML error page: PTB logs it with a traceback per request; the engine's
    # outage log says it once.
    quiet_tracebacks(
        InvalidToken, NetworkError, DiskFull, dropped=("Can not load invalid JSON data",)
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    reload_asked = asyncio.Event()  # SIGHUP: read the city file again (bot/officer_reload.py)
    loop.add_signal_handler(signal.SIGHUP, reload_asked.set)
    with only_bot_on(settings.db_path):
        # Local problems first, before Telegram is asked anything (raises DatabaseUnusable).
        await (await Database.open(settings.db_path)).close()
        with _telegram_errors(settings):
            async with running_application(settings) as application:
                logger.info("Stadtwarn is running; stop with Ctrl-C")
                reload = application.bot_data[SERVICES_KEY].city_reload
                tell = _tell_admins(application)
                reloads = asyncio.create_task(
                    reload_when_asked(reload_asked, reload, settings.city_path, tell)
                )
                try:
                    await _until_stopped(stop, polling_task(settings), application)
                finally:
                    reloads.cancel()
    logger.info("Stadtwarn stopped")


def _tell_admins(application: Application):
    """The admins see officer data residents were not told of (handlers/city_reload.py)."""
    return partial(city_desk.tell_admins, application)


async def _until_stopped(
    stop: asyncio.Event, polling: asyncio.Task | None, application: Application
) -> None:
    """Until a signal; or until polling ends because Telegram rejected the token, or the
    disk has been full for FULL_DISK_GIVE_UP seconds (both raise)."""
    signalled = asyncio.create_task(stop.wait())
    disk = asyncio.create_task(_disk_full(application.bot_data[SERVICES_KEY].db))
    waiting = {signalled, disk} | ({polling} if polling else set())
    await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    signalled.cancel()
    disk.cancel()
    for task in (polling, disk):
        if task is not None and task.done() and not task.cancelled() and task.exception():
            raise task.exception()


async def _disk_full(db: Database) -> None:
    """Once a write has failed for the disk, try one each second; raise DiskFull if none
    has worked for FULL_DISK_GIVE_UP s."""
    while db.full_for() < FULL_DISK_GIVE_UP:
        await asyncio.sleep(1.0)
        if db.full_since is not None:
            await db.writable()
    raise DiskFull(
        f"writing to the database {db.path} has failed for {FULL_DISK_GIVE_UP:g} s (the disk "
        f"is full or failing): free space on it or check it, then start the bot again"
    )
