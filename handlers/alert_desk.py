"""The comms desk's two flows, the composer (handlers/alert_compose.py) and a sent alert's new
text (handlers/alert_update.py), as plain handlers: each flow keeps its step in `UserData`
and each handler runs only at its step, as the report flow does (handlers/report.py).

An admin's typed text, /abbrechen and /ohne go to the flow that waits for them, the composer
first; a message neither waits for gets what the handlers after these give it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial, wraps

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import alert_compose, alert_update, check, fallback, free_text
from handlers.admins import Admins, admins_only
from handlers.alert_compose import Step
from handlers.common import Context
from handlers.fallback import stale_button
from handlers.keyboards.callback_data import (
    AlertAction,
    AlertChangePart,
    AlertDistrict,
    AlertKind,
    AlertSeverity,
)

_TYPED = filters.TEXT & ~filters.COMMAND


Callback = Callable[[Update, Context], Awaitable[Step | None]]


def _moving(callback: Callback) -> Callable[[Update, Context], Awaitable[None]]:
    """Stores the step `callback` returns; None (a stale press) leaves the step as it was."""

    @wraps(callback)
    async def moved(update: Update, context: Context) -> None:
        step = await callback(update, context)
        if step is not None:
            context.user_data.composer_step = None if step is Step.DONE else step

    return moved


def _only_at(step: Step, callback: Callback) -> Callback:
    """`callback`, only while the composer waits at `step`; at any other a press is stale."""

    @wraps(callback)
    async def gated(update: Update, context: Context) -> Step | None:
        if context.user_data.composer_step is not step:
            await stale_button(update, context)
            return None
        return await callback(update, context)

    return gated


def handlers(
    admins: Admins, alert: list[str], *, cancel: list[str], without_text: list[str]
) -> list[BaseHandler]:
    """Only the listed admins, only in private chats. The names of the commands come from
    the command table (handlers/commands.py)."""
    guarded = partial(admins_only, admins)
    compose = alert_compose
    return [
        CommandHandler(alert, _moving(compose.begin), filters=admins),
        CallbackQueryHandler(
            guarded(_moving(compose.change_pressed)), AlertAction.pattern_for("edit")
        ),
        CallbackQueryHandler(guarded(_moving(compose.kind_pressed)), AlertKind.pattern()),
        _step_button(admins, Step.DISTRICTS, compose.district_pressed, AlertDistrict),
        _step_button(admins, Step.SEVERITY, compose.severity_chosen, AlertSeverity),
        _step_button(admins, Step.CHANGE, compose.part_chosen, AlertChangePart),
        CallbackQueryHandler(guarded(alert_update.begin), AlertAction.pattern_for("update")),
        CallbackQueryHandler(
            guarded(alert_update.decided), AlertAction.pattern_for("update_yes", "update_no")
        ),
        MessageHandler(admins & _TYPED, text_received),
        CommandHandler(without_text, without_text_received, filters=admins),
        CommandHandler(cancel, cancelled, filters=admins),
    ]


def _step_button(admins: Admins, step: Step, callback, data) -> CallbackQueryHandler:
    return CallbackQueryHandler(
        admins_only(admins, _moving(_only_at(step, callback))), data.pattern()
    )


async def text_received(update: Update, context: Context) -> None:
    if alert_compose.waiting_for_text(context):
        await _moving(alert_compose.text_received)(update, context)
    elif alert_update.waiting_for_text(context):
        await alert_update.text_received(update, context)
    else:
        await _unclaimed(update, context)


async def without_text_received(update: Update, context: Context) -> None:
    if alert_compose.waiting_for_text(context):
        await _moving(alert_compose.without_text)(update, context)
    else:
        await _unclaimed(update, context)


async def cancelled(update: Update, context: Context) -> None:
    if alert_compose.is_open(context):
        await _moving(alert_compose.abort)(update, context)
    elif alert_update.is_open(context):
        await alert_update.abort(update, context)
    else:
        await _unclaimed(update, context)


async def _unclaimed(update: Update, context: Context) -> None:
    """What the handlers registered after the desk's give this message (handlers/__init__.py):
    a forward is checked; other text is free text; anything else is unknown."""
    if filters.FORWARDED.check_update(update):
        await check.forwarded(update, context)
    elif _TYPED.check_update(update):
        await free_text.received(update, context)
    else:
        await fallback.unknown_message(update, context)
