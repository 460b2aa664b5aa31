"""The comms desk's two flows, the composer (handlers/alert_compose.py) and a sent alert's new
text (handlers/alert_update.py), as plain handlers: each flow keeps its step in `UserData`
and each handler runs only at its step, as the report flow does (handlers/report.py).

An admin's typed text, /abbrechen and /ohne go to the flow that waits for them, the composer
first. These three run in their own group before all others (`TYPED_GROUP`): a message a flow
takes stops there; one that neither waits for goes on to the handlers of group 0 as if the
desk were not there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial, wraps

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from handlers import alert_compose, alert_translate, alert_update, hours_desk
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
    AlertTranslation,
)

_TYPED = filters.TEXT & ~filters.COMMAND
TYPED_GROUP = -2  # before the detached-button check (-1) and every other handler (0)


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


def handlers(admins: Admins, alert: list[str]) -> list[BaseHandler]:
    """The desk's buttons and its /alert command, in group 0. Only the listed admins, only
    in private chats. The names of the commands come from the command table
    (handlers/commands.py)."""
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
        CallbackQueryHandler(guarded(_moving(alert_translate.pressed)), AlertTranslation.pattern()),
        CallbackQueryHandler(guarded(alert_update.begin), AlertAction.pattern_for("update")),
        CallbackQueryHandler(
            guarded(alert_update.decided), AlertAction.pattern_for("update_yes", "update_no")
        ),
    ]


def typed_handlers(
    admins: Admins, *, cancel: list[str], without_text: list[str]
) -> list[BaseHandler]:
    """An admin's text, /ohne and /abbrechen, for TYPED_GROUP: each stops the update only if
    a flow waits for it."""
    return [
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
        await _moving(alert_translate.text_received)(update, context)
    elif alert_compose.waiting_for_translation(context):
        await _moving(alert_translate.received)(update, context)
    elif alert_update.waiting_for_text(context):
        await alert_update.text_received(update, context)
    elif hours_desk.waiting_for_text(context):
        await hours_desk.text_received(update, context)
    else:
        return  # not the desk's: the handlers of group 0 answer it
    raise ApplicationHandlerStop


async def without_text_received(update: Update, context: Context) -> None:
    if not alert_compose.waiting_for_text(context):
        return
    await _moving(alert_compose.without_text)(update, context)
    raise ApplicationHandlerStop


async def cancelled(update: Update, context: Context) -> None:
    if alert_compose.is_open(context):
        await _moving(alert_compose.abort)(update, context)
    elif alert_update.is_open(context):
        await alert_update.abort(update, context)
    elif hours_desk.waiting_for_text(context):
        await hours_desk.abort(update, context)
    else:
        return
    raise ApplicationHandlerStop
