"""The preview's buttons (Senden, Ändern, Abbrechen), the four-eyes approval and the
Entwarnung; the live status after sending is handlers/alert_status.py."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError

from bot.alerts.desk import AlertInputError, AlertStateError, SendOutcome
from handlers.alert_status import StatusMessage, follow_status
from handlers.common import Context, edit, label, reply
from handlers.fallback import button
from handlers.keyboards import desk as desk_keyboards
from handlers.keyboards.callback_data import AlertAction

REVIEW, APPROVAL = "review", "approval"


async def send_preview(
    chat_id: int, context: Context, language: str, alert_id: int, mode: str
) -> None:
    """The alert exactly as residents get it, then the decision buttons: in the default
    language, in each of the desk's translations, and in one language without a translation
    (the desk's German text under its line), not in all seven."""
    s = context.services
    alert = await s.desk.get(alert_id)
    shown = preview_languages(s.texts.languages, alert.translations)
    for code in shown:
        await context.bot.send_message(chat_id, alert.body(code))
    names = {code: s.texts.label(code, "language_name") for code in s.texts.languages}
    untranslated = [names[code] for code in s.texts.languages[1:] if code not in alert.translations]
    if mode == REVIEW:
        template, options = "admin_preview.html.j2", desk_keyboards.REVIEW_ACTIONS
    else:
        template, options = "admin_approval_request.html.j2", desk_keyboards.APPROVAL_ACTIONS
    await context.bot.send_message(
        chat_id,
        s.texts.render(
            language,
            template,
            alert_id=alert_id,
            recipients=await s.desk.recipients(alert),
            approvals_required=alert.approvals_required,
            shown=[names[code] for code in shown],
            untranslated=untranslated if alert.admin_text else [],
        ),
        reply_markup=desk_keyboards.alert_review(s.texts, language, alert_id, options),
    )


def preview_languages(languages: tuple[str, ...], translations: dict[str, str]) -> list[str]:
    """The default language, the translated ones, and the first without a translation, one
    of another tongue if there is (plain German shows the German text as German does)."""
    translated = [code for code in languages[1:] if code in translations]
    others = [code for code in languages[1:] if code not in translations]
    tongue = languages[0].split("-")[0]
    others.sort(key=lambda code: code.split("-")[0] == tongue)  # stable: the list's order
    return [languages[0], *translated, *others[:1]]


DECISIONS = AlertAction.pattern_for("send", "drop", "ok", "no")
WITHDRAWALS = AlertAction.pattern_for("withdraw", "withdraw_yes", "withdraw_no")


@button(AlertAction)
async def decided(update: Update, context: Context, data: AlertAction) -> None:
    """adm:<send|drop|ok|no>:<id> (registered for admins only: handlers/admins.py)."""
    language = await context.language()
    query = update.callback_query
    verb, alert_id = data.verb, data.alert_id
    desk = context.services.desk
    admin_id = update.effective_user.id
    try:
        if verb == "drop":
            await desk.discard(alert_id)
            await query.answer()
            await edit(update, context, language, "admin_discarded.html.j2")
            return
        if verb == "no":
            await desk.discard(alert_id)
            await query.answer()
            await edit(update, context, language, "admin_rejected.html.j2", alert_id=alert_id)
            return
        outcome = await (desk.send if verb == "send" else desk.approve)(alert_id, admin_id)
    except AlertInputError as error:
        key = "not_the_author" if error.code == "not_author" else "already_handled"
        await query.answer(label(context, language, key), show_alert=True)
        return
    except AlertStateError:
        await query.answer(label(context, language, "already_handled"), show_alert=True)
        return
    await query.answer()
    await _after_send(update, context, language, outcome)


async def _after_send(
    update: Update, context: Context, language: str, outcome: SendOutcome
) -> None:
    s = context.services
    if outcome.queued:
        message = update.callback_query.message
        context.application.create_task(
            follow_status(
                context.application,
                s,
                StatusMessage(message.chat_id, message.message_id, language, outcome.alert_id),
            ),
            name=f"alert-status-{outcome.alert_id}",
        )
        return
    notified = 0
    for admin_id in sorted(s.settings.admin_ids - {update.effective_user.id}):
        # In the language that admin chose; in the default one if they never chose one.
        admin_language = await s.residents.language(admin_id, s.texts.default_language)
        with contextlib.suppress(TelegramError):  # an admin who never started the bot
            await send_preview(admin_id, context, admin_language, outcome.alert_id, APPROVAL)
            notified += 1
    await edit(
        update,
        context,
        language,
        "admin_awaiting.html.j2",
        alert_id=outcome.alert_id,
        notified=notified,
    )


@button(AlertAction)
async def withdraw_pressed(update: Update, context: Context, data: AlertAction) -> None:
    """adm:<withdraw|withdraw_yes|withdraw_no>:<id> under a sent alert (admins only): ask
    with the withdrawn text in view, then send the Entwarnung."""
    language = await context.language()
    query = update.callback_query
    verb, alert_id, desk = data.verb, data.alert_id, context.services.desk
    try:
        if verb == "withdraw":
            withdrawn = desk.preview_cancel(await desk.get(alert_id))[language]
            await query.answer()
            markup = desk_keyboards.withdraw_confirmation(
                context.services.texts, language, alert_id
            )
            await reply(
                update,
                context,
                language,
                "admin_withdraw_confirm.html.j2",
                reply_markup=markup,
                alert_id=alert_id,
                withdrawn=withdrawn,  # HTML rendered from templates, values escaped
            )
            return
        copies = (
            await desk.cancel(alert_id, update.effective_user.id) if verb == "withdraw_yes" else 0
        )
    except (AlertInputError, AlertStateError):
        await query.answer(label(context, language, "already_handled"), show_alert=True)
        return
    await query.answer()
    await edit(
        update,
        context,
        language,
        "admin_withdrawn.html.j2",
        alert_id=alert_id,
        withdrawn=verb == "withdraw_yes",
        copies=copies,
    )
