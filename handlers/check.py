"""Is this a real city number? /pruefen (/check), texts, contact cards and forwarded messages.

Privacy: the checked text is never stored and never logged; it only goes to bot.numbercheck
and into the one reply.
"""

from telegram import Update

from bot.numbercheck import CheckResult, check_phone, check_text
from bot.texts import Texts
from handlers import fallback
from handlers.common import Context, chat_language, reply, services


async def command(update: Update, context: Context) -> None:
    """/pruefen <text>: check it; /pruefen alone: what can be checked, with an example."""
    parts = (update.effective_message.text or "").split(maxsplit=1)
    if len(parts) < 2:
        await _explain(update, context, nothing_found=False)
        return
    await _answer(update, context, check_text(parts[1], services(context).check_rules))


async def text(update: Update, context: Context) -> None:
    """Any other text: answer if it holds something checkable, else the usual short help."""
    result = check_text(update.effective_message.text or "", services(context).check_rules)
    if result.nothing_found and not result.incomplete:
        await fallback.unknown_message(update, context)
        return
    await _answer(update, context, result)


async def contact(update: Update, context: Context) -> None:
    """A shared contact card: check its phone number."""
    number = update.effective_message.contact.phone_number or ""
    await _answer(update, context, check_phone(number, services(context).check_rules))


async def forwarded(update: Update, context: Context) -> None:
    """A forwarded message: check its text or caption."""
    message = update.effective_message
    body = message.text or message.caption or ""
    await _answer(update, context, check_text(body, services(context).check_rules))


async def _answer(update: Update, context: Context, result: CheckResult) -> None:
    if result.nothing_found and not result.incomplete:
        await _explain(update, context, nothing_found=True)
        return
    language = await chat_language(update, context)
    html = render_result(services(context).texts, language, result)
    await context.bot.send_message(update.effective_chat.id, html)


def render_result(texts: Texts, language: str, result: CheckResult) -> str:
    """The HTML reply for `result`, one block per finding; findings that would not fit one
    message (only with extreme values) are counted as "… und N weitere" instead."""
    return texts.render_fitting(
        language,
        "check_result.html.j2",
        "findings",
        result.findings,
        omitted=result.omitted,
        incomplete=result.incomplete,
    )


async def _explain(update: Update, context: Context, *, nothing_found: bool) -> None:
    language = await chat_language(update, context)
    await reply(update, context, language, "check_explain.html.j2", nothing_found=nothing_found)
