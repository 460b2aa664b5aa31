"""Inline keyboards and their callback data (always at most 64 bytes)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.numbercheck.guided import Caller, Request
from bot.reports.vocabulary import ReportKind
from bot.residents import Picker

# under an alert: "Ich hatte auch so einen Anruf": vote:<alert id> (the engine sends it)
from bot.services import VOTE  # noqa: F401 -- with the other callback data
from bot.texts import Texts

# Every callback-data prefix, in one place (Telegram allows at most 64 bytes of data).
PICK = "pick:"  # residents' district picker: pick:<district id> | pick:*all | pick:*done
PICK_ALL = "pick:*all"
PICK_DONE = "pick:*done"
# join:<district id>: subscribe to it (never unsubscribes, unlike pick:; a double tap is no harm)
JOIN = "join:"
# the main actions under a greeting: menu:check (guided check) | menu:districts (the picker)
MENU_DISTRICTS = "menu:districts"
# reports: rp:new[:<subject>] | rp:none | rp:k:<kind> | rp:d:<district>|*other | rp:nonote |
# rp:send | rp:cancel
REPORT = "rp:"
# a spike's message to the admins: spike:draft:<spike id>
SPIKE_DRAFT = "spike:draft:"
STOP_YES = "stop:yes"
STOP_NO = "stop:no"
# lang:<code>, or lang:<code>:kept when shown to a chat with stored data (so the button is
# stale once /stop deleted it, instead of storing the chat again)
LANGUAGE = "lang:"
KEPT = ":kept"
GUIDED = "gc:"  # guided check: gc:<caller>, gc:<caller>:<request>, gc:<caller>:<request>:none
SCAM_HELP = "scamhelp"
ALERT_KIND = "ak:"  # composer: ak:<kind>
ALERT_ABORT = "ak*abort"
# composer's district picker: ad:<district id> | ad:*all | ad:*done, and after "0 recipients":
# ad:*anyway | ad:*back
ALERT_DISTRICT = "ad:"
ALERT_SEVERITY = "as:"  # composer: as:<severity>
ALERT_CHANGE_PART = "ac:"  # after "Ändern": ac:<districts|severity|text>
ALERT_REVIEW = "adm:"  # preview and approval: adm:<send|edit|drop|ok|no>:<alert id>
ALERT_DECISION = r"^adm:(send|drop|ok|no):\d+$"
ALERT_CHANGE = r"^adm:edit:\d+$"
# under a sent alert's status message: withdraw it (Entwarnung), after a yes/no question
ALERT_WITHDRAW = r"^adm:(withdraw|withdraw_yes|withdraw_no):\d+$"
# ... or give it a new text: adm:update:<id>, then adm:update_yes|update_no:<id>
ALERT_UPDATE = r"^adm:update:\d+$"
ALERT_UPDATE_DECISION = r"^adm:update_(yes|no):\d+$"
CHECK = "✅ "
# A label longer than this gets a row of its own: two of them side by side would be clipped
# on a small phone (about 320 points wide).
PAIRED_LABEL_MAX = 16


def picker(
    picker: Picker,
    texts: Texts,
    language: str,
    *,
    prefix: str = PICK,
    done_label: str = "done",
    shown: InlineKeyboardMarkup | None = None,
) -> InlineKeyboardMarkup:
    """Every district (at most two per row, ticked ones with a check mark), then city-wide and
    done. `shown`: the picker as the message shows it now; its order is kept, so a tapped
    button never jumps away under the finger.

    Residents use it with PICK; the alert composer with its own prefix."""
    buttons = [
        InlineKeyboardButton(
            (CHECK if choice.chosen else "") + choice.district.name,
            callback_data=prefix + choice.district.id,
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
                (CHECK if picker.all_districts else "") + whole_city, callback_data=prefix + "*all"
            )
        ]
    )
    rows.append(
        [InlineKeyboardButton(texts.label(language, done_label), callback_data=prefix + "*done")]
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
        [((CHECK if d.id in chosen_ids else "") + d.name, JOIN + d.id) for d in districts]
    )


def offered_district_ids(markup: InlineKeyboardMarkup | None) -> list[str]:
    """The districts a districts_to_join keyboard offers, in its order."""
    rows = markup.inline_keyboard if markup else ()
    return [
        b.callback_data.removeprefix(JOIN)
        for row in rows
        for b in row
        if b.callback_data.startswith(JOIN)
    ]


def main_actions(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under a greeting or an unclear message: check a number, choose a district."""
    return choices(
        [
            (texts.label(language, "menu_check"), GUIDED),
            (texts.label(language, "menu_districts"), MENU_DISTRICTS),
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


def sent_alert(texts: Texts, language: str, alert_id: int) -> InlineKeyboardMarkup:
    """Under a sent alert's status: "Text ändern" and "Entwarnung senden"."""
    return _alert_actions(texts, language, alert_id, "update", "withdraw")


def update_confirmation(texts: Texts, language: str, alert_id: int) -> InlineKeyboardMarkup:
    return _alert_actions(texts, language, alert_id, "update_yes", "update_no")


def withdraw_confirmation(texts: Texts, language: str, alert_id: int) -> InlineKeyboardMarkup:
    return _alert_actions(texts, language, alert_id, "withdraw_yes", "withdraw_no")


def _alert_actions(texts: Texts, language: str, alert_id: int, *verbs: str):
    """One button per verb, one per row: label `verb`, data adm:<verb>:<alert id>."""
    return choices([(texts.label(language, v), f"{ALERT_REVIEW}{v}:{alert_id}") for v in verbs])


def stop_confirmation(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.label(language, "confirm_delete"), callback_data=STOP_YES)],
            [InlineKeyboardButton(texts.label(language, "keep"), callback_data=STOP_NO)],
        ]
    )


def languages(texts: Texts, language: str, *, kept: bool = False) -> InlineKeyboardMarkup:
    """Each language in its own name. `kept`: the chat has stored data now."""
    mark = KEPT if kept else ""
    options = [
        (texts.label(code, "language_name"), LANGUAGE + code + mark) for code in texts.languages
    ]
    return choices(options, columns=2)


def guided_callers(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Step 1 of the guided check: who called?"""
    options = [(texts.label(language, f"caller_{c}"), f"{GUIDED}{c}") for c in Caller]
    return choices(options, columns=2)


def guided_requests(texts: Texts, language: str, caller: Caller) -> InlineKeyboardMarkup:
    """Step 2: what did they want?"""
    options = [(texts.label(language, f"request_{r}"), f"{GUIDED}{caller}:{r}") for r in Request]
    return choices(options)


def guided_number(
    texts: Texts, language: str, caller: Caller, request: Request
) -> InlineKeyboardMarkup:
    """Step 3: which number showed? The resident types it, or taps "no number"."""
    return choices([(texts.label(language, "no_number"), f"{GUIDED}{caller}:{request}:none")])


def check_call(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under the help: start the guided check of a call."""
    return choices([(texts.label(language, "check_call_button"), GUIDED)])


def scam_help(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under every fraud verdict: what to do if it already happened."""
    return choices([(texts.label(language, "scam_help_button"), SCAM_HELP)])


def report_button(
    texts: Texts, language: str, subject: str, *, scam_help: bool
) -> InlineKeyboardMarkup:
    """Under a check: the help after a scam first (under a fraud verdict: what protects her),
    then "Melden" (with the number if it fits the callback data)."""
    data = f"{REPORT}new:{subject}"
    data = data if len(data.encode()) <= 64 else f"{REPORT}new"
    options = [(texts.label(language, "scam_help_button"), SCAM_HELP)] if scam_help else []
    options.append((texts.label(language, "report_button"), data))
    return choices(options)


def report_subject(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return _report_step(texts, language, "report_without_number", "none")


def _report_step(texts: Texts, language: str, key: str, data: str) -> InlineKeyboardMarkup:
    """One step of a report: its button (label `key`, rp:<data>), then "Abbrechen"."""
    return choices(
        [(texts.label(language, key), f"{REPORT}{data}")],
        cancel=(texts.label(language, "abort"), f"{REPORT}cancel"),
    )


def report_kinds(texts: Texts, language: str) -> InlineKeyboardMarkup:
    options = [(texts.label(language, f"kind_{k}"), f"{REPORT}k:{k}") for k in ReportKind]
    return choices(options, cancel=(texts.label(language, "abort"), f"{REPORT}cancel"))


def report_districts(texts: Texts, language: str, districts, *, more: bool) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(d.name, callback_data=f"{REPORT}d:{d.id}") for d in districts]
    rows = two_per_row(buttons)
    if more:
        other = texts.label(language, "report_other_district")
        rows.append([InlineKeyboardButton(other, callback_data=f"{REPORT}d:*other")])
    abort = texts.label(language, "abort")
    rows.append([InlineKeyboardButton(abort, callback_data=f"{REPORT}cancel")])
    return InlineKeyboardMarkup(rows)


def report_note(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return _report_step(texts, language, "report_without_note", "nonote")


def report_confirm(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return _report_step(texts, language, "report_send", "send")


def spike_actions(texts: Texts, language: str, spike_id: int) -> InlineKeyboardMarkup:
    return choices([(texts.label(language, "spike_draft"), f"{SPIKE_DRAFT}{spike_id}")])
