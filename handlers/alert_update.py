"""'Text ändern' under a sent alert's status message: new text, preview, confirm; every copy
that residents already have is edited, and the ones still to go get the new text."""

from __future__ import annotations

import warnings

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.alerts.desk import AlertInputError, AlertStateError
from handlers.admins import Admins, admins_only
from handlers.common import Context, edit, label, reply
from handlers.fallback import button
from handlers.keyboards import desk as desk_keyboards
from handlers.keyboards.callback_data import AlertAction
from handlers.user_data import AlertUpdate

NEW_TEXT, CONFIRM = range(2)


@button(AlertAction)
async def begin(update: Update, context: Context, data: AlertAction) -> int:
    """adm:update:<id>: show the current text and ask for the new one."""
    language = await context.language()
    query = update.callback_query
    alert_id = data.alert_id
    try:
        alert = await context.services.desk.updatable(alert_id)
    except (AlertInputError, AlertStateError):
        await query.answer(label(context, language, "already_handled"), show_alert=True)
        return ConversationHandler.END
    context.user_data.alert_update = AlertUpdate(alert_id)
    await query.answer()
    await reply(
        update, context, language, "admin_update_ask.html.j2", alert_id=alert_id, alert=alert
    )
    return NEW_TEXT


async def text_received(update: Update, context: Context) -> int:
    """The new text: show every copy as it will read, then ask."""
    language = await context.language()
    updating = context.user_data.alert_update
    if updating is None:
        return ConversationHandler.END
    alert_id = updating.alert_id
    desk, text = context.services.desk, update.effective_message.text
    try:
        updated = desk.preview_update(await desk.get(alert_id), text)[language]
    except AlertInputError as error:
        await reply(
            update, context, language, "admin_text_error.html.j2", code=error.code,
            excess=error.excess, detail=str(error),
        )  # fmt: skip
        return NEW_TEXT
    context.user_data.alert_update = AlertUpdate(alert_id, text)
    await reply(
        update,
        context,
        language,
        "admin_update_confirm.html.j2",
        reply_markup=desk_keyboards.update_confirmation(context.services.texts, language, alert_id),
        alert_id=alert_id,
        updated=updated,  # HTML rendered from templates, values escaped
    )
    return CONFIRM


@button(AlertAction)
async def decided(update: Update, context: Context, data: AlertAction) -> int:
    """adm:update_yes|update_no:<id>."""
    language = await context.language()
    query = update.callback_query
    verb, alert_id = data.verb, data.alert_id
    updating, context.user_data.alert_update = context.user_data.alert_update, None
    text = updating.text if updating else None
    if updating is None or updating.alert_id != alert_id or text is None:
        await query.answer(label(context, language, "already_handled"), show_alert=True)
        return ConversationHandler.END
    copies = None
    if verb == "update_yes":
        try:
            copies = await context.services.desk.update_text(alert_id, text)
        except (AlertInputError, AlertStateError):
            await query.answer(label(context, language, "already_handled"), show_alert=True)
            return ConversationHandler.END
    await query.answer()
    if copies is None:
        await edit(update, context, language, "admin_update_kept.html.j2", alert_id=alert_id)
    else:
        await edit(
            update, context, language, "admin_updated.html.j2", alert_id=alert_id, copies=copies
        )
    return ConversationHandler.END


async def abort(update: Update, context: Context) -> int:
    language = await context.language()
    updating, context.user_data.alert_update = context.user_data.alert_update, None
    alert_id = updating.alert_id if updating else None
    await reply(update, context, language, "admin_update_kept.html.j2", alert_id=alert_id)
    return ConversationHandler.END


def conversation(admins: Admins, *, cancel: list[str]) -> ConversationHandler:
    """Only the listed admins, in private chats; `cancel`: the names of the command that
    leaves it (handlers/commands.py)."""
    with warnings.catch_warnings():  # one update per admin and chat, as in the composer
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CallbackQueryHandler(
                    admins_only(admins, begin, refused=ConversationHandler.END),
                    pattern=AlertAction.pattern_for("update"),
                )
            ],
            states={
                NEW_TEXT: [MessageHandler(admins & filters.TEXT & ~filters.COMMAND, text_received)],
                CONFIRM: [
                    CallbackQueryHandler(
                        admins_only(admins, decided, refused=ConversationHandler.END),
                        pattern=AlertAction.pattern_for("update_yes", "update_no"),
                    )
                ],
            },
            fallbacks=[CommandHandler(cancel, abort, filters=admins)],
            allow_reentry=True,
            per_message=False,
        )
