"""/melden (/report) and the "Melden" button under a check: the number or link, the kind,
the Ortsteil (the resident's own by default), an optional short text, confirm; then thanks.

Until confirmed, the report lives in this chat's memory only (`UserData.report`), like the guided
check. Stored, it holds no chat id (bot/reports). Spikes it starts go to every admin.

Its state machine, a `Step` kept in the typed `UserData.report` and one small function per step
behind plain handlers, is the one style every flow uses; the comms desk's composer and update
(handlers/alert_compose.py, alert_update.py) use it too rather than PTB's ConversationHandler,
because then all conversation state sits in one typed place and which update a step takes is
plain code, not the hidden state table and fall-through rules of a ConversationHandler."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from telegram import Update

from bot.numbercheck import check_text
from bot.reports.subject import subject_of
from bot.reports.values import MAX_NOTE, ReportDraft
from bot.reports.vocabulary import ReportOutcome
from bot.text_hygiene import clean
from bot.vocabulary import ReportKind
from handlers import keyboards, spikes
from handlers.common import Context, edit, reply
from handlers.fallback import button, stale_button
from handlers.keyboards.callback_data import ReportStep
from handlers.user_data import CheckedSubject


class Step(StrEnum):
    SUBJECT = "subject"  # waiting for the number or link, typed
    KIND = "kind"
    DISTRICT = "district"
    NOTE = "note"  # waiting for the optional text, typed
    CONFIRM = "confirm"


@dataclass(frozen=True)
class ReportFlow:
    step: Step
    subject: str = ""
    display: str = ""
    official: bool = False
    kind: ReportKind | None = None
    district_id: str = ""
    note: str = ""


def waiting_for_text(context: Context) -> bool:
    flow = context.user_data.report
    return flow is not None and flow.step in (Step.SUBJECT, Step.NOTE)


async def command(update: Update, context: Context) -> None:
    """/melden alone asks for the number; /melden <text> takes it from the text."""
    parts = (update.effective_message.text or "").split(maxsplit=1)
    context.user_data.report = ReportFlow(Step.SUBJECT)
    if len(parts) > 1:
        await _subject_typed(update, context, parts[1])
        return
    language = await context.language()
    markup = keyboards.report_subject(context.services.texts, language)
    await reply(update, context, language, "report_ask_subject.html.j2", reply_markup=markup)


async def text_received(update: Update, context: Context) -> None:
    """A typed text while the report waits for its number or its text."""
    flow = context.user_data.report
    body = update.effective_message.text or ""
    if flow.step is Step.SUBJECT:
        await _subject_typed(update, context, body)
        return
    language = await context.language()
    note = clean(body).strip()
    if len(note) > MAX_NOTE:
        await reply(update, context, language, "report_note_too_long.html.j2", length=len(note))
        return
    context.user_data.report = replace(flow, note=note, step=Step.CONFIRM)
    await _confirm(update, context, language, new_message=True)


# The step each button belongs to: a press from another step is stale (or forged).
_STEP_OF = {"none": Step.SUBJECT, "k": Step.KIND, "d": Step.DISTRICT, "nonote": Step.NOTE}


@button(ReportStep)
async def pressed(update: Update, context: Context, data: ReportStep) -> None:
    """rp:new[:subject] starts; the rest go on with the flow in memory, each only at its
    own step."""
    query = update.callback_query
    if data.action == "new":
        await _start_from_check(update, context, data.value)
        return
    flow = context.user_data.report
    if flow is None or _STEP_OF.get(data.action, flow.step) != flow.step:
        await stale_button(update, context)
        return
    language = await context.language()
    if data.action == "send" and not (flow.step is Step.CONFIRM and flow.kind):
        await stale_button(update, context)
        return
    await query.answer()
    if data.action == "cancel":
        context.user_data.report = None
        await edit(update, context, language, "report_cancelled.html.j2")
    elif data.action == "none":
        context.user_data.report = replace(flow, step=Step.KIND, subject="", display="")
        await _ask_kind(update, context, language)
    elif data.action == "k":
        context.user_data.report = replace(flow, kind=data.kind)
        await _ask_district(update, context, language)
    elif data.action == "d":
        await _district_chosen(update, context, language, flow, data.value)
    elif data.action == "nonote":
        context.user_data.report = replace(flow, note="", step=Step.CONFIRM)
        await _confirm(update, context, language)
    else:
        await _send(update, context, language, flow)


def remember(context: Context, subject: CheckedSubject | None) -> None:
    """The check just answered about this number (None: about none): its Melden button
    reports it."""
    context.user_data.checked_subject = subject


def remembered(context: Context) -> CheckedSubject | None:
    """The number the check last answered about, if any."""
    return context.user_data.checked_subject


async def _start_from_check(update: Update, context: Context, hint: str | None) -> None:
    """The button under a check: the number the check found, if it is still known; else
    what the bot's own check reads from the button's hint (never the hint's bytes)."""
    remembered = context.user_data.checked_subject
    if hint is None:  # the subject did not fit the button: a report without it
        flow = ReportFlow(Step.KIND)
    elif remembered and remembered.value == hint:
        flow = ReportFlow(Step.KIND, remembered.value, remembered.display, remembered.official)
    else:
        found = subject_of(check_text(hint, context.services.check_rules))
        if found is None:
            await stale_button(update, context)
            return
        flow = ReportFlow(Step.KIND, found.value, found.display, found.official)
    await update.callback_query.answer()
    context.user_data.report = flow
    await _ask_kind(update, context, await context.language(), new_message=True)


async def _subject_typed(update: Update, context: Context, text: str) -> None:
    language = await context.language()
    found = subject_of(check_text(text, context.services.check_rules))
    if found is None:
        markup = keyboards.report_subject(context.services.texts, language)
        await reply(update, context, language, "report_no_subject.html.j2", reply_markup=markup)
        return
    flow = ReportFlow(Step.KIND, found.value, found.display, found.official)
    context.user_data.report = flow
    await _ask_kind(update, context, language, new_message=True)


async def _ask_kind(update, context, language, *, new_message: bool = False) -> None:
    flow = context.user_data.report
    context.user_data.report = replace(flow, step=Step.KIND)
    markup = keyboards.report_kinds(context.services.texts, language)
    send = reply if new_message or update.callback_query is None else edit
    await send(update, context, language, "report_ask_kind.html.j2", reply_markup=markup, flow=flow)


async def _ask_district(update, context, language, *, everyone: bool = False) -> None:
    s = context.services
    own = (await s.residents.picker(update.effective_chat.id)).chosen
    flow = context.user_data.report
    if len(own) == 1 and not everyone:  # her own, by default
        context.user_data.report = replace(flow, district_id=own[0].id, step=Step.NOTE)
        await _ask_note(update, context, language)
        return
    context.user_data.report = replace(flow, step=Step.DISTRICT)
    districts = s.city.districts if everyone or not own else own
    markup = keyboards.report_districts(s.texts, language, districts, more=not everyone and own)
    await edit(update, context, language, "report_ask_district.html.j2", reply_markup=markup)


async def _district_chosen(update, context, language, flow: ReportFlow, choice: str) -> None:
    if choice == "*other":
        await _ask_district(update, context, language, everyone=True)
        return
    if context.services.city.district(choice) is None:
        await stale_button(update, context)
        return
    context.user_data.report = replace(flow, district_id=choice, step=Step.NOTE)
    await _ask_note(update, context, language)


async def _ask_note(update, context, language) -> None:
    markup = keyboards.report_note(context.services.texts, language)
    await edit(update, context, language, "report_ask_note.html.j2", reply_markup=markup)


async def _confirm(update, context, language, *, new_message: bool = False) -> None:
    flow = context.user_data.report
    district = context.services.city.district_name(flow.district_id)
    markup = keyboards.report_confirm(context.services.texts, language)
    send = reply if new_message else edit
    await send(
        update,
        context,
        language,
        "report_confirm.html.j2",
        reply_markup=markup,
        flow=flow,
        district=district,
    )


async def _send(update, context, language, flow: ReportFlow) -> None:
    s = context.services
    draft = ReportDraft(flow.kind, flow.district_id, flow.subject, flow.note)
    submitted = await s.reports.submit(update.effective_chat.id, draft)
    context.user_data.report = None
    markup = keyboards.scam_help(s.texts, language)
    await edit(
        update,
        context,
        language,
        "report_thanks.html.j2",
        reply_markup=markup,
        outcome=submitted.outcome,
        outcomes=ReportOutcome,
        flow=flow,
    )
    for spike in submitted.spikes:
        await spikes.tell_admins(context, spike)
