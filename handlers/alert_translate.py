"""The composer's optional step "Übersetzungen", after the desk's German text: the desk may
type its own translation for any language the bot speaks. Residents of a language without
one get the German text under a line that says so; nothing is machine-translated."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update

from handlers import alert_compose
from handlers.alert_compose import Step
from handlers.common import Context, edit, reply
from handlers.fallback import button, stale_button
from handlers.keyboards import desk as desk_keyboards
from handlers.keyboards.callback_data import AlertTranslation


async def text_received(update: Update, context: Context) -> Step | None:
    """The German text; checked now, then the optional translations (handlers/alert_translate)
    if the bot speaks other languages. A changed text loses the translations of the old one."""
    draft, text = context.user_data.alert_draft, update.effective_message.text
    if draft is None or len(context.services.texts.languages) == 1:
        return await alert_compose.preview(update, context, text)
    kept = draft.translations if text == draft.text else {}
    draft = replace(draft, text=text, translations=kept)
    language = await context.language()
    if not await alert_compose.checked(update, context, language, draft):
        return Step.TEXT
    context.user_data.alert_draft = draft
    return await offer(update, context, language, as_reply=True)


async def offer(update: Update, context: Context, language: str, *, as_reply: bool) -> Step:
    """The list of languages, those translated marked; from a button it edits its message."""
    draft = context.user_data.alert_draft
    texts = context.services.texts
    translated = frozenset(draft.translations)
    values = {
        "translated": [texts.label(code, "language_name") for code in sorted(translated)],
        "reply_markup": desk_keyboards.alert_translations(texts, language, translated),
    }
    show = reply if as_reply else edit
    await show(update, context, language, "admin_step_translations.html.j2", **values)
    return Step.TRANSLATIONS


@button(AlertTranslation)
async def pressed(update: Update, context: Context, data: AlertTranslation) -> Step | None:
    """A language (then its question), *back (the list again) or *done (the preview)."""
    language = await context.language()
    texts = context.services.texts
    draft = context.user_data.alert_draft
    step = context.user_data.composer_step
    target = data.target
    if draft is None:
        await stale_button(update, context)
        return Step.DONE
    if target == AlertTranslation.BACK and step is Step.TRANSLATION:
        await update.callback_query.answer()
        context.user_data.translating_into = None
        return await offer(update, context, language, as_reply=False)
    if step is not Step.TRANSLATIONS or (
        target != AlertTranslation.DONE and target not in texts.languages[1:]
    ):
        await stale_button(update, context)
        return None
    await update.callback_query.answer()
    if target == AlertTranslation.DONE:
        return await alert_compose.preview(update, context, draft.text)
    context.user_data.translating_into = target
    await edit(
        update,
        context,
        language,
        "admin_step_translation.html.j2",
        language_name=texts.label(target, "language_name"),
        text=draft.text,
        reply_markup=desk_keyboards.alert_translation_back(texts, language),
    )
    return Step.TRANSLATION


async def received(update: Update, context: Context) -> Step | None:
    """The typed translation: checked as the alert would carry it, then the list again."""
    language = await context.language()
    draft = context.user_data.alert_draft
    into = context.user_data.translating_into
    if draft is None or into is None:
        return Step.DONE
    translated = replace(draft, translations={**draft.translations, into: update.message.text})
    if not await alert_compose.checked(update, context, language, translated):
        return Step.TRANSLATION
    context.user_data.alert_draft = translated
    context.user_data.translating_into = None
    return await offer(update, context, language, as_reply=True)
