"""The comms desk's inline keyboards: the composer's steps, the preview and approval, and the
buttons under a sent alert's status. Every label is `texts.label(language, key)`."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.alerts.compose import KINDS
from bot.texts import Texts
from bot.vocabulary import SEVERITIES
from handlers.keyboards import choices
from handlers.keyboards.callback_data import (
    AlertAction,
    AlertChangePart,
    AlertDistrict,
    AlertKind,
    AlertSeverity,
    AlertTranslation,
    CityAnnounce,
)

CHANGEABLE = ("districts", "severity", "text")  # what "Ändern" offers, in this order
# (label, verb) under a new alert's preview, and under the request to approve it
REVIEW_ACTIONS = (("send", "send"), ("change", "edit"), ("abort", "drop"))
APPROVAL_ACTIONS = (("approve", "ok"), ("reject", "no"))


def alert_kinds(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """The composer's first step: every kind of alert, two per row, and abort."""
    return choices(
        [(texts.label(language, f"kind_{k}"), AlertKind(k).pack()) for k in KINDS],
        columns=2,
        cancel=(texts.label(language, "abort"), AlertKind(AlertKind.ABORT).pack()),
    )


def alert_severities(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return choices(
        [(texts.label(language, f"severity_{s}"), AlertSeverity(s).pack()) for s in SEVERITIES],
        columns=3,
    )


def alert_parts(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """After "Ändern": which part to change."""
    return choices(
        [(texts.label(language, f"change_{p}"), AlertChangePart(p).pack()) for p in CHANGEABLE]
    )


def alert_translations(
    texts: Texts, language: str, translated: frozenset[str]
) -> InlineKeyboardMarkup:
    """The composer's optional step: each language besides the default, in its own name (✓
    once translated), two per row, then on to the preview."""
    options = [
        (
            texts.label(code, "language_name") + (" ✓" if code in translated else ""),
            AlertTranslation(code).pack(),
        )
        for code in texts.languages[1:]
    ]
    done = (texts.label(language, "next"), AlertTranslation(AlertTranslation.DONE).pack())
    return choices(options, columns=2, cancel=done)


def alert_translation_back(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under the question for one translation: back to the list without it."""
    back = AlertTranslation(AlertTranslation.BACK).pack()
    return choices([(texts.label(language, "abort"), back)])


def no_recipients(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Nobody subscribed to the chosen districts: go on anyway, or change them."""
    return choices(
        [
            (texts.label(language, "send_anyway"), AlertDistrict(AlertDistrict.ANYWAY).pack()),
            (texts.label(language, "change_districts"), AlertDistrict(AlertDistrict.BACK).pack()),
        ]
    )


def alert_review(
    texts: Texts, language: str, alert_id: int, options: tuple[tuple[str, str], ...]
) -> InlineKeyboardMarkup:
    """REVIEW_ACTIONS or APPROVAL_ACTIONS in one row."""
    return choices(
        [(texts.label(language, key), AlertAction(verb, alert_id).pack()) for key, verb in options],
        columns=len(options),
    )


def sent_alert(texts: Texts, language: str, alert_id: int) -> InlineKeyboardMarkup:
    """Under a sent alert's status: "Text ändern" and "Entwarnung senden"."""
    return _alert_actions(texts, language, alert_id, "update", "withdraw")


def update_confirmation(texts: Texts, language: str, alert_id: int) -> InlineKeyboardMarkup:
    return _alert_actions(texts, language, alert_id, "update_yes", "update_no")


def withdraw_confirmation(texts: Texts, language: str, alert_id: int) -> InlineKeyboardMarkup:
    return _alert_actions(texts, language, alert_id, "withdraw_yes", "withdraw_no")


def _alert_actions(texts: Texts, language: str, alert_id: int, *verbs: str):
    """One button per verb, one per row: label `verb`, data adm:<verb>:<alert id>."""
    return choices([(texts.label(language, v), AlertAction(v, alert_id).pack()) for v in verbs])


def city_announce(texts: Texts, language: str, digest: str) -> InlineKeyboardMarkup:
    """Under officer data residents were not told of: "Ankündigen"."""
    return choices([(texts.label(language, "city_announce"), CityAnnounce(digest).pack())])
