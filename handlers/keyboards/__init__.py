"""Inline keyboards; their callback data is built by handlers/keyboards/callback_data.py."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.numbercheck.detector import Channel
from bot.numbercheck.guided import CALL_REQUESTS, TEXT_REQUESTS, Caller, Request
from bot.residents import Picker
from bot.texts import Texts
from bot.vocabulary import ReportKind
from handlers.keyboards.callback_data import (
    CallbackData,
    Guided,
    Join,
    Language,
    Menu,
    Pick,
    ReportStep,
    ScamHelp,
    SpikeDraft,
    Stop,
    Unsure,
)

CHECK = "✅ "
# A label longer than this gets a row of its own: two of them side by side would be clipped
# on a small phone (about 320 points wide).
PAIRED_LABEL_MAX = 16


def picker(
    picker: Picker,
    texts: Texts,
    language: str,
    *,
    data: type[CallbackData] = Pick,
    done_label: str = "done",
    shown: InlineKeyboardMarkup | None = None,
) -> InlineKeyboardMarkup:
    """Every district (at most two per row, ticked ones with a check mark), then city-wide and
    done. `shown`: the picker as the message shows it now; its order is kept, so a tapped
    button never jumps away under the finger.

    Residents use it with Pick; the alert composer with AlertDistrict."""
    buttons = [
        InlineKeyboardButton(
            (CHECK if choice.chosen else "") + choice.district.name,
            callback_data=data(choice.district.id).pack(),
        )
        for choice in picker.choices
    ]
    if shown is not None:
        order = [b.callback_data for row in shown.inline_keyboard for b in row]
        last = len(order)
        buttons.sort(
            key=lambda b: order.index(b.callback_data) if b.callback_data in order else last
        )
    rows = two_per_row(buttons)
    whole_city = texts.label(language, "whole_city")
    rows.append(
        [
            InlineKeyboardButton(
                (CHECK if picker.all_districts else "") + whole_city,
                callback_data=data(Pick.ALL).pack(),
            )
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(
                texts.label(language, done_label), callback_data=data(Pick.DONE).pack()
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def two_per_row(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    """Two buttons a row where both labels fit half a small phone's width, else one."""
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        last = rows[-1] if rows else None
        if last and len(last) == 1 and _fits_half(last[0]) and _fits_half(button):
            last.append(button)
        else:
            rows.append([button])
    return rows


def _fits_half(button: InlineKeyboardButton) -> bool:
    return len(button.text) <= PAIRED_LABEL_MAX


def districts_to_join(districts, chosen_ids=frozenset()) -> InlineKeyboardMarkup:
    """One button per district, one per row (a phone's width), each subscribing to it; the
    ones already chosen with a check mark."""
    return choices(
        [((CHECK if d.id in chosen_ids else "") + d.name, Join(d.id).pack()) for d in districts]
    )


def offered_district_ids(markup: InlineKeyboardMarkup | None) -> list[str]:
    """The districts a districts_to_join keyboard offers, in its order."""
    rows = markup.inline_keyboard if markup else ()
    offered = []
    for button in (b for row in rows for b in row):
        try:
            offered.append(Join.unpack(button.callback_data).district)
        except ValueError:
            continue
    return offered


def main_actions(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under a greeting or an unclear message: check a number, choose a district."""
    return choices(
        [
            (texts.label(language, "menu_check"), Guided().pack()),
            (texts.label(language, "menu_districts"), Menu("districts").pack()),
        ]
    )


def choices(
    options: list[tuple[str, str]], *, columns: int = 1, cancel: tuple[str, str] | None = None
) -> InlineKeyboardMarkup:
    """(label, callback data) buttons, `columns` per row, and an optional cancel row."""
    buttons = [InlineKeyboardButton(label, callback_data=data) for label, data in options]
    rows = [buttons[i : i + columns] for i in range(0, len(buttons), columns)]
    if cancel:
        rows.append([InlineKeyboardButton(cancel[0], callback_data=cancel[1])])
    return InlineKeyboardMarkup(rows)


def stop_confirmation(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.label(language, "confirm_delete"), callback_data=Stop("yes").pack()
                )
            ],
            [InlineKeyboardButton(texts.label(language, "keep"), callback_data=Stop("no").pack())],
        ]
    )


def languages(texts: Texts, language: str, *, kept: bool = False) -> InlineKeyboardMarkup:
    """Each language in its own name. `kept`: the chat has stored data now."""
    mark = "kept" if kept else None
    options = [
        (texts.label(code, "language_name"), Language(code, mark).pack())
        for code in texts.languages
    ]
    return choices(options, columns=2)


def guided_callers(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Step 1 of the guided check: who called?"""
    options = [(texts.label(language, f"caller_{c}"), Guided(c).pack()) for c in Caller]
    return choices(options, columns=2)


def guided_requests(texts: Texts, language: str, caller: Caller) -> InlineKeyboardMarkup:
    """Step 2: what did they want?"""
    options = [
        (texts.label(language, f"request_{r}"), Guided(caller, r).pack()) for r in CALL_REQUESTS
    ]
    return choices(options)


def guided_number(
    texts: Texts, language: str, caller: Caller, request: Request
) -> InlineKeyboardMarkup:
    """Step 3: which number showed? The resident types it, or taps "no number"."""
    return choices([(texts.label(language, "no_number"), Guided(caller, request, "none").pack())])


def unsure_questions(
    texts: Texts, language: str, channel: Channel, caller: Caller
) -> InlineKeyboardMarkup:
    """Under an unsure answer: what did they want? One tap gives the verdict."""
    options = [
        (texts.label(language, f"request_{r}"), Unsure(channel, caller, r).pack())
        for r in TEXT_REQUESTS
    ]
    return choices(options)


def check_call(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under the help: start the guided check of a call."""
    return choices([(texts.label(language, "check_call_button"), Guided().pack())])


def scam_help(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under every fraud verdict: what to do if it already happened."""
    return choices([(texts.label(language, "scam_help_button"), ScamHelp().pack())])


def report_button(
    texts: Texts, language: str, subject: str, *, scam_help: bool
) -> InlineKeyboardMarkup:
    """Under a check: the help after a scam first (under a fraud verdict: what protects her),
    then "Melden" (with the number if it fits the callback data)."""
    help_button = (texts.label(language, "scam_help_button"), ScamHelp().pack())
    options = [help_button] if scam_help else []
    options.append((texts.label(language, "report_button"), ReportStep.new(subject).pack()))
    return choices(options)


def report_subject(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return _report_step(texts, language, "report_without_number", "none")


def _report_step(texts: Texts, language: str, key: str, action: str) -> InlineKeyboardMarkup:
    """One step of a report: its button (label `key`, rp:<action>), then "Abbrechen"."""
    return choices(
        [(texts.label(language, key), ReportStep(action).pack())], cancel=_abort(texts, language)
    )


def _abort(texts: Texts, language: str) -> tuple[str, str]:
    return texts.label(language, "abort"), ReportStep("cancel").pack()


def report_kinds(texts: Texts, language: str) -> InlineKeyboardMarkup:
    options = [(texts.label(language, f"kind_{k}"), ReportStep("k", k).pack()) for k in ReportKind]
    return choices(options, cancel=_abort(texts, language))


def report_districts(texts: Texts, language: str, districts, *, more: bool) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(d.name, callback_data=ReportStep("d", d.id).pack()) for d in districts
    ]
    rows = two_per_row(buttons)
    if more:
        other = texts.label(language, "report_other_district")
        data = ReportStep("d", ReportStep.OTHER_DISTRICT).pack()
        rows.append([InlineKeyboardButton(other, callback_data=data)])
    abort, data = _abort(texts, language)
    rows.append([InlineKeyboardButton(abort, callback_data=data)])
    return InlineKeyboardMarkup(rows)


def report_note(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return _report_step(texts, language, "report_without_note", "nonote")


def report_confirm(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return _report_step(texts, language, "report_send", "send")


def spike_actions(texts: Texts, language: str, spike_id: int) -> InlineKeyboardMarkup:
    return choices([(texts.label(language, "spike_draft"), SpikeDraft("draft", spike_id).pack())])
