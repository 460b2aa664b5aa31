"""/warnung (/alert) for the city's comms staff: kind, districts, severity, text, preview.

The report flow's state machine (handlers/report.py), not PTB's ConversationHandler: the step
is a `Step` in the typed `UserData.composer_step`, and plain handlers (handlers/alert_desk.py)
run a step's function only at its step. It reads better: all conversation state sits in one
typed place, not also in a hidden table that must agree with the draft, and which update a
step takes is plain code, not a handler's fall-through rules. A button of another step is
stale, as before."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from telegram import Update

from bot.alerts.compose import AlertDraft, AlertInputError
from bot.alerts.desk import AlertStateError
from bot.residents import DistrictChoice, Picker
from handlers import keyboards
from handlers.alert_review import REVIEW, send_preview
from handlers.common import Context, edit, label, reply
from handlers.fallback import button, stale_button
from handlers.keyboards import desk as desk_keyboards
from handlers.keyboards.callback_data import (
    AlertAction,
    AlertChangePart,
    AlertDistrict,
    AlertKind,
    AlertSeverity,
)


class Step(StrEnum):
    """Where the composer waits (`UserData.composer_step`; None: it is closed)."""

    KIND = "kind"
    DISTRICTS = "districts"
    SEVERITY = "severity"
    TEXT = "text"  # waiting for the alert's text, typed, or /ohne
    TRANSLATIONS = "translations"  # the desk's own translations: a language, or on
    TRANSLATION = "translation"  # waiting for one typed translation (handlers/alert_translate)
    CHANGE = "change"  # after "Ändern": which part
    DONE = "done"  # returned by a step that closes the composer; never stored


def is_open(context: Context) -> bool:
    return context.user_data.composer_step is not None


def waiting_for_text(context: Context) -> bool:
    return context.user_data.composer_step is Step.TEXT


def waiting_for_translation(context: Context) -> bool:
    return context.user_data.composer_step is Step.TRANSLATION


def _draft(context: Context) -> AlertDraft | None:
    return context.user_data.alert_draft


async def begin(update: Update, context: Context) -> Step | None:
    language = await context.language()
    context.user_data.alert_draft = AlertDraft()
    context.user_data.changing_alert = False
    context.user_data.translating_into = None
    await reply(
        update,
        context,
        language,
        "admin_step_kind.html.j2",
        reply_markup=desk_keyboards.alert_kinds(context.services.texts, language),
    )
    return Step.KIND


@button(AlertKind)
async def kind_pressed(update: Update, context: Context, data: AlertKind) -> Step | None:
    """A kind at the first step; the kind message's "Verwerfen" at any step."""
    step = context.user_data.composer_step
    if step is Step.KIND or (step is not None and data.kind == AlertKind.ABORT):
        return await _kind_chosen(update, context, data)
    await stale_button(update, context)
    return None


async def _kind_chosen(update: Update, context: Context, data: AlertKind) -> Step | None:
    if data.kind == AlertKind.ABORT:
        return await abort(update, context)
    kind = data.kind
    language = await context.language()
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    context.user_data.alert_draft = replace(draft, kind=kind)
    await update.callback_query.answer()
    await _show_districts(update, context, language)
    return Step.DISTRICTS


@button(AlertDistrict)
async def district_pressed(update: Update, context: Context, data: AlertDistrict) -> Step | None:
    language = await context.language()
    draft = _draft(context)
    choice = data.target
    if draft is None:
        return await _lost(update, context)
    if choice == "*done":
        if not draft.has_recipients:
            await update.callback_query.answer(label(context, language, "choose_district_first"))
            return Step.DISTRICTS
        await update.callback_query.answer()
        if await context.services.desk.recipients(draft) == 0:
            await _ask_without_recipients(update, context, language)
            return Step.DISTRICTS
        return await _after_districts(update, context, language, draft)
    if choice == "*anyway":
        await update.callback_query.answer()
        return await _after_districts(update, context, language, draft)
    if choice == "*back":
        await update.callback_query.answer()
        await _show_districts(update, context, language)
        return Step.DISTRICTS
    if choice == "*all":
        context.user_data.alert_draft = draft.toggled_all()
    elif choice in draft.district_ids or context.services.city.district(choice) is not None:
        context.user_data.alert_draft = draft.toggled(choice)
    await update.callback_query.answer()
    await _show_districts(update, context, language, keyboard_only=True)
    return Step.DISTRICTS


@button(AlertSeverity)
async def severity_chosen(update: Update, context: Context, data: AlertSeverity) -> Step | None:
    language = await context.language()
    draft = _draft(context)
    severity = data.severity
    if draft is None:
        return await _lost(update, context)
    context.user_data.alert_draft = replace(draft, severity=severity)
    await update.callback_query.answer()
    if context.user_data.changing_alert:
        return await preview(update, context, draft.text)
    await _ask_for_text(update, context, language, draft)
    return Step.TEXT


async def without_text(update: Update, context: Context) -> Step | None:
    draft = _draft(context)
    if draft is not None:
        context.user_data.alert_draft = replace(draft, translations={})
    return await preview(update, context, "")


@button(AlertAction)
async def change_pressed(update: Update, context: Context, data: AlertAction) -> Step | None:
    """'Ändern' under a preview: discard that draft and ask what to change."""
    language = await context.language()
    desk = context.services.desk
    try:
        alert = await desk.get(data.alert_id)
        await desk.discard(alert.id)
    except (AlertInputError, AlertStateError):
        await update.callback_query.answer(label(context, language, "already_handled"))
        return Step.DONE
    context.user_data.alert_draft = desk.draft_of(alert)
    context.user_data.changing_alert = True
    await update.callback_query.answer()
    await edit(
        update,
        context,
        language,
        "admin_change_what.html.j2",
        reply_markup=desk_keyboards.alert_parts(context.services.texts, language),
    )
    return Step.CHANGE


@button(AlertChangePart)
async def part_chosen(update: Update, context: Context, data: AlertChangePart) -> Step | None:
    """Districts, severity or text: that step again, then straight back to the preview."""
    language = await context.language()
    part = data.part
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    await update.callback_query.answer()
    if part == "districts":
        await _show_districts(update, context, language)
        return Step.DISTRICTS
    if part == "severity":
        await _show_severities(update, context, language)
        return Step.SEVERITY
    await _ask_for_text(update, context, language, draft)
    return Step.TEXT


async def abort(update: Update, context: Context) -> Step | None:
    language = await context.language()
    context.user_data.alert_draft = None
    context.user_data.changing_alert = False
    context.user_data.translating_into = None
    if update.callback_query:
        await update.callback_query.answer()
        await edit(update, context, language, "admin_discarded.html.j2")
    else:
        await reply(update, context, language, "admin_discarded.html.j2")
    return Step.DONE


async def _after_districts(update: Update, context: Context, language: str, draft) -> Step | None:
    if context.user_data.changing_alert:
        return await preview(update, context, draft.text)
    await _show_severities(update, context, language)
    return Step.SEVERITY


async def _ask_without_recipients(update: Update, context: Context, language: str) -> None:
    """Nobody has subscribed to the chosen districts: ask before going on."""
    markup = desk_keyboards.no_recipients(context.services.texts, language)
    await edit(update, context, language, "admin_no_recipients.html.j2", reply_markup=markup)


async def _show_severities(update: Update, context: Context, language: str) -> None:
    markup = desk_keyboards.alert_severities(context.services.texts, language)
    await edit(update, context, language, "admin_step_severity.html.j2", reply_markup=markup)


async def _ask_for_text(update: Update, context: Context, language: str, draft) -> None:
    """Step 4, with the template's own words shown above where the admin's text goes."""
    number = draft.variables.get("number")
    await edit(update, context, language, "admin_step_text.html.j2", kind=draft.kind, number=number)


async def checked(update: Update, context: Context, language: str, draft: AlertDraft) -> bool:
    """Whether the draft could be sent; if not, the admin is told why."""
    try:
        context.services.desk.preview(draft)
    except AlertInputError as error:
        await _refused(update, context, language, error)
        return False
    return True


async def _refused(update: Update, context: Context, language: str, error: AlertInputError):
    await reply(
        update,
        context,
        language,
        "admin_text_error.html.j2",
        code=error.code,
        excess=error.excess,
        detail=str(error),
    )


async def preview(update: Update, context: Context, text: str) -> Step | None:
    """Store the draft with `text` and show it as residents will get it."""
    language = await context.language()
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    desk = context.services.desk
    try:
        alert_id = await desk.create(replace(draft, text=text), update.effective_user.id)
    except AlertInputError as error:
        await _refused(update, context, language, error)
        return Step.TEXT
    context.user_data.alert_draft = None
    context.user_data.changing_alert = False
    await send_preview(update.effective_chat.id, context, language, alert_id, REVIEW)
    return Step.DONE


async def _show_districts(
    update: Update, context: Context, language: str, *, keyboard_only: bool = False
) -> None:
    s = context.services
    draft = context.user_data.alert_draft
    picker = Picker(
        choices=tuple(DistrictChoice(d, d.id in draft.district_ids) for d in s.city.districts),
        all_districts=draft.all_districts,
    )
    markup = keyboards.picker(picker, s.texts, language, data=AlertDistrict, done_label="next")
    if keyboard_only:
        await update.callback_query.edit_message_reply_markup(markup)
    else:
        await edit(update, context, language, "admin_step_districts.html.j2", reply_markup=markup)


async def _lost(update: Update, context: Context) -> Step | None:
    """A button of a composition that no longer exists (e.g. after a restart)."""
    await stale_button(update, context)
    return Step.DONE
