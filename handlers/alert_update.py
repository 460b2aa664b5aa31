"""'Text ändern' under a sent alert's status message: new text, preview, confirm; every copy
that residents already have is edited, and the ones still to go get the new text.

The report flow's state machine (handlers/report.py), not PTB's ConversationHandler, as in the
composer (handlers/alert_compose.py, which says why): the step is `UserData.alert_update`
itself, None when closed, its text None while waiting for the new text, set while asking
yes or no; plain handlers (handlers/alert_desk.py) run each function only at its step."""

from __future__ import annotations

from telegram import Update

from bot.alerts.desk import AlertInputError, AlertStateError
from handlers.common import Context, edit, label, reply
from handlers.fallback import button, stale_button
from handlers.keyboards import desk as desk_keyboards
from handlers.keyboards.callback_data import AlertAction
from handlers.user_data import AlertUpdate


def is_open(context: Context) -> bool:
    return context.user_data.alert_update is not None


def waiting_for_text(context: Context) -> bool:
    updating = context.user_data.alert_update
    return updating is not None and updating.text is None


@button(AlertAction)
async def begin(update: Update, context: Context, data: AlertAction) -> None:
    """adm:update:<id>: show the current text and ask for the new one."""
    language = await context.language()
    query = update.callback_query
    alert_id = data.alert_id
    try:
        alert = await context.services.desk.updatable(alert_id)
    except (AlertInputError, AlertStateError):
        context.user_data.alert_update = None
        await query.answer(label(context, language, "already_handled"), show_alert=True)
        return
    context.user_data.alert_update = AlertUpdate(alert_id)
    await query.answer()
    await reply(
        update, context, language, "admin_update_ask.html.j2", alert_id=alert_id, alert=alert
    )


async def text_received(update: Update, context: Context) -> None:
    """The new text: show every copy as it will read, then ask."""
    language = await context.language()
    updating = context.user_data.alert_update
    if updating is None:
        return
    alert_id = updating.alert_id
    desk, text = context.services.desk, update.effective_message.text
    try:
        updated = desk.preview_update(await desk.get(alert_id), text)[language]
    except AlertInputError as error:
        await reply(
            update, context, language, "admin_text_error.html.j2", code=error.code,
            excess=error.excess, detail=str(error),
        )  # fmt: skip
        return
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


@button(AlertAction)
async def decided(update: Update, context: Context, data: AlertAction) -> None:
    """adm:update_yes|update_no:<id>, only while asking yes or no; else it is stale."""
    if not is_open(context) or waiting_for_text(context):
        await stale_button(update, context)
        return
    language = await context.language()
    query = update.callback_query
    verb, alert_id = data.verb, data.alert_id
    updating, context.user_data.alert_update = context.user_data.alert_update, None
    text = updating.text if updating else None
    if updating is None or updating.alert_id != alert_id or text is None:
        await query.answer(label(context, language, "already_handled"), show_alert=True)
        return
    copies = None
    if verb == "update_yes":
        try:
            copies = await context.services.desk.update_text(alert_id, text)
        except (AlertInputError, AlertStateError):
            await query.answer(label(context, language, "already_handled"), show_alert=True)
            return
    await query.answer()
    if copies is None:
        await edit(update, context, language, "admin_update_kept.html.j2", alert_id=alert_id)
    else:
        await edit(
            update, context, language, "admin_updated.html.j2", alert_id=alert_id, copies=copies
        )


async def abort(update: Update, context: Context) -> None:
    language = await context.language()
    updating, context.user_data.alert_update = context.user_data.alert_update, None
    alert_id = updating.alert_id if updating else None
    await reply(update, context, language, "admin_update_kept.html.j2", alert_id=alert_id)
