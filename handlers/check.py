"""Is this real? /pruefen (/check), texts with something to check (handlers/free_text.py),
contact cards, forwards, and the guided check.

Privacy: the checked text is never stored and never logged; it only goes to bot.numbercheck
and into the one reply. The guided check keeps its two answers in memory only, until the
resident sends the number or taps "no number".
"""

from dataclasses import replace

from telegram import Update

from bot.check_reply import render_result
from bot.numbercheck import CheckResult, check_phone, check_text
from bot.numbercheck.detector import Channel, Outcome
from bot.numbercheck.guided import GuidedAnswers, caller_of, guided_flags
from bot.numbercheck.redflags import RedFlag
from bot.reports.subject import verdict_reports
from handlers import fallback, keyboards, report
from handlers.common import Context, edit, reply
from handlers.keyboards.callback_data import Guided, Unsure
from handlers.user_data import CheckedSubject


async def command(update: Update, context: Context) -> None:
    """/pruefen <text>: check it; /pruefen alone: start the guided check."""
    parts = (update.effective_message.text or "").split(maxsplit=1)
    if len(parts) < 2:
        await start_guided(update, context)
        return
    await answer(update, context, check_text(parts[1], context.services.check_rules))


async def contact(update: Update, context: Context) -> None:
    """A shared contact card: check its phone number."""
    number = update.effective_message.contact.phone_number or ""
    result = check_phone(number, context.services.check_rules)
    await answer(update, context, replace(result, red_flags=waiting_flags(context)))


async def forwarded(update: Update, context: Context) -> None:
    """A forwarded message: check its text or caption."""
    message = update.effective_message
    body = message.text or message.caption or ""
    flags = waiting_flags(context)
    await answer(update, context, check_text(body, context.services.check_rules, flags))


def waiting_flags(context: Context) -> tuple[RedFlag, ...]:
    """The red flags of a guided check waiting for its number (used once), else none."""
    answers, context.user_data.guided_check = context.user_data.guided_check, None
    return answers.flags(context.services.clock()) if answers else ()


async def start_guided(update: Update, context: Context) -> None:
    """Step 1: who called? (Also what /pruefen alone shows.)"""
    context.user_data.guided_check = None
    language = await context.language()
    markup = keyboards.guided_callers(context.services.texts, language)
    await reply(update, context, language, "check_explain.html.j2", reply_markup=markup)


@fallback.button(Guided)
async def guided_step(update: Update, context: Context, data: Guided) -> None:
    """A tap in the guided check: ask the next question, or give the verdict."""
    caller, request = data.caller, data.request
    await update.callback_query.answer()
    if caller is None:  # the button under the help
        await start_guided(update, context)
        return
    language = await context.language()
    texts = context.services.texts
    if request is None:
        markup = keyboards.guided_requests(texts, language, caller)
        await edit(update, context, language, "check_guided_request.html.j2", reply_markup=markup)
    elif data.no_number is None:
        now = context.services.clock()
        context.user_data.guided_check = GuidedAnswers(caller, request, now)
        markup = keyboards.guided_number(texts, language, caller, request)
        await edit(update, context, language, "check_guided_number.html.j2", reply_markup=markup)
    else:
        context.user_data.guided_check = None
        await answer(update, context, CheckResult(red_flags=guided_flags(caller, request)))


async def scam_help(update: Update, context: Context) -> None:
    """/hilfe_betrug and the button under every fraud verdict: what to do now, in order."""
    if update.callback_query:
        await update.callback_query.answer()
    await reply(update, context, await context.language(), "scam_help.html.j2")


async def answer(
    update: Update,
    context: Context,
    result: CheckResult,
    channel: Channel | None = None,
    asked_about: CheckedSubject | None = None,
) -> None:
    """The verdict, with what residents reported about its numbers; under every verdict but
    "official and harmless": Melden (and the help after a scam under a fraud verdict).
    `asked_about`: the number Melden reports when the result holds none (the unsure
    question's verdict reports the number of the text she asked about)."""
    if result.nothing_to_say:
        await _explain(update, context)
        return
    s = context.services
    s.telemetry.checked(result.verdict_name)
    language = await context.language()
    view = await verdict_reports(result, s.reports.about)
    html = render_result(s.texts, language, result, view.reported, channel)
    markup = keyboards.scam_help(s.texts, language) if result.fraud else None
    found = view.subject
    subject = CheckedSubject(found.value, found.display, found.official) if found else asked_about
    report.remember(context, subject)  # this verdict's Melden, or the one after her answer
    if result.outcome is Outcome.UNSURE:  # never ends the conversation: one question
        assessment = result.assessment
        caller = caller_of(assessment.claims)
        markup = keyboards.unsure_questions(s.texts, language, assessment.channel, caller)
    elif view.offer_report:
        value = subject.value if subject else ""
        markup = keyboards.report_button(s.texts, language, value, scam_help=result.fraud)
    await context.bot.send_message(update.effective_chat.id, html, reply_markup=markup)


@fallback.button(Unsure)
async def unsure_answered(update: Update, context: Context, data: Unsure) -> None:
    """The answer to the unsure question: the verdict, with advice for its channel."""
    await update.callback_query.answer()
    flags = guided_flags(data.caller, data.request)
    result = CheckResult(red_flags=flags)
    await answer(update, context, result, data.channel, report.remembered(context))


async def _explain(update: Update, context: Context) -> None:
    language = await context.language()
    await reply(update, context, language, "check_nothing_found.html.j2")
