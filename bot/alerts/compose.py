"""Composing a city alert: kinds, severities, validation and the text residents will get.

A draft holds only clean text: what the comms desk typed loses its control and direction
characters (NUL, BEL, ESC, DEL, RLO …) as the draft is made, so they are neither stored nor
sent, whichever front door (Telegram or the command line) it came through."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from rapidfuzz import fuzz, process

from bot.city.model import City
from bot.telegram_html import parse_html
from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.text_hygiene import clean, visible
from bot.texts import Texts, visible_length
from bot.vocabulary import SEVERITIES, AlertInputError, ReportKind

# Each kind is a template in messages/<lang>/alert_kinds/, and the variables it takes: one
# per kind of fraud (ReportKind, the one list of them), "other" as the desk's own free text.
_TAKE_A_NUMBER = frozenset({ReportKind.FAKE_CITY_CALLER, ReportKind.FAKE_POLICE})
KIND_VARIABLES: dict[str, frozenset[str]] = {
    kind.alert_template: frozenset({"number"}) if kind in _TAKE_A_NUMBER else frozenset()
    for kind in ReportKind
}
KINDS = tuple(KIND_VARIABLES)
# No text of the comms desk can be longer than the message it goes into.
TEXT_LIMIT = MAX_MESSAGE_LENGTH


@dataclass(frozen=True)
class AlertDraft:
    """What the comms desk chose. An empty `district_ids` with `all_districts` means the city.

    While composing, the fields fill in step by step; each step makes a new draft. `validate`
    says what is still missing. Every text is cleaned as the draft is made: the `text` of
    control and direction characters, names and variables to one line as well."""

    kind: str = ""
    severity: str = ""
    district_ids: tuple[str, ...] = ()
    all_districts: bool = False
    text: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    # The desk's own translation of `text`, by language code; residents of a language
    # without one get the German text under a line that says so.
    translations: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        def set_(name: str, value: object) -> None:
            object.__setattr__(self, name, value)  # frozen: only here, while it is made

        set_("kind", clean(self.kind, one_line=True))
        set_("severity", clean(self.severity, one_line=True))
        set_("district_ids", tuple(clean(d, one_line=True) for d in self.district_ids))
        set_("text", clean(self.text))
        set_(
            "variables",
            {clean(k, one_line=True): clean(v, one_line=True) for k, v in self.variables.items()},
        )
        set_(
            "translations",
            {clean(k, one_line=True): clean(v) for k, v in self.translations.items() if v.strip()},
        )

    @property
    def has_recipients(self) -> bool:
        return self.all_districts or bool(self.district_ids)

    def toggled(self, district_id: str) -> AlertDraft:
        """This draft with `district_id` added, or taken out if it was chosen."""
        ids = self.district_ids
        chosen = (
            tuple(d for d in ids if d != district_id) if district_id in ids else (*ids, district_id)
        )
        return replace(self, district_ids=chosen)

    def toggled_all(self) -> AlertDraft:
        return replace(self, all_districts=not self.all_districts)


def validate(draft: AlertDraft, city: City) -> None:
    """Raise AlertInputError with one clear sentence if the draft cannot be sent."""
    if draft.kind not in KIND_VARIABLES:
        raise AlertInputError(
            f"unknown template {draft.kind!r}", code="unknown_template", kind=draft.kind,
            choices=KINDS,
        )  # fmt: skip
    if draft.severity not in SEVERITIES:
        raise AlertInputError(
            f"unknown severity {draft.severity!r}", code="unknown_severity",
            severity=draft.severity, choices=SEVERITIES,
        )  # fmt: skip
    if not draft.all_districts and not draft.district_ids:
        raise AlertInputError(
            "choose at least one district, or all of the city", code="no_district"
        )
    for district_id in draft.district_ids:
        if city.district(district_id) is None:
            near = _closest_districts(district_id, city)
            raise AlertInputError(
                f"unknown district {district_id!r}", code="unknown_district",
                district=district_id, near=near,
            )  # fmt: skip
    allowed = KIND_VARIABLES[draft.kind]
    for key, value in draft.variables.items():
        if key not in allowed:
            raise AlertInputError(
                f"template {draft.kind!r} takes no variable {key!r}", code="unknown_variable",
                kind=draft.kind, key=key, accepted=sorted(allowed),
            )  # fmt: skip
        if not value.strip():
            raise AlertInputError(f"variable {key!r} is empty", code="empty_variable", key=key)
    if draft.kind == "free_text" and not draft.text.strip():
        raise AlertInputError(
            "the text is empty; a free-text alert needs a text", code="empty_free_text"
        )
    if draft.text.strip() and not visible(draft.text):
        raise AlertInputError(
            "the text shows nothing: it has only spaces or invisible characters",
            code="invisible_text",
        )
    if draft.translations and not draft.text.strip():
        raise AlertInputError(
            "a translation needs the German text it translates", code="translation_without_text"
        )
    for language, translation in draft.translations.items():
        if not visible(translation):
            raise AlertInputError(
                f"the {language} translation shows nothing: it has only spaces or invisible "
                "characters",
                code="invisible_translation",
                language=language,
            )


def _closest_districts(district_id: str, city: City) -> list[str]:
    """The closest district ids (by id or name) to a mistyped one."""
    choices = {d.id: d.id for d in city.districts} | {d.name: d.id for d in city.districts}
    matches = process.extract(district_id, list(choices), scorer=fuzz.WRatio, limit=3)
    return list(dict.fromkeys(choices[m[0]] for m in matches if m[1] >= 70))


def render_bodies(
    draft: AlertDraft, city: City, texts: Texts, *, updated: bool = False
) -> dict[str, str]:
    """The message in every language, exactly as residents get it. Validates first."""
    validate(draft, city)
    districts = [] if draft.all_districts else [city.district(d).name for d in draft.district_ids]
    bodies = {
        language: texts.render(
            language,
            "alert.html.j2",
            severity=draft.severity,
            kind=draft.kind,
            number=draft.variables.get("number"),
            text=draft.translations.get(language, draft.text).strip(),
            text_translated=language in draft.translations,
            districts=districts,
            withdrawn=False,
            updated=updated,
        )
        for language in texts.languages
    }
    unknown = sorted(set(draft.translations) - set(texts.languages[1:]))
    if unknown:
        raise AlertInputError(
            f"no translation into {', '.join(unknown)}: the bot speaks "
            f"{', '.join(texts.languages[1:])} besides {texts.default_language}",
            code="unknown_translation",
            languages=unknown,
            choices=texts.languages[1:],
        )
    for language, body in bodies.items():
        length = visible_length(body)
        excess = length - MAX_MESSAGE_LENGTH
        if excess > 0:
            raise AlertInputError(
                f"the text is too long: the {language} message would have {length} characters, "
                f"Telegram allows {MAX_MESSAGE_LENGTH}; shorten it by {excess}",
                code="too_long",
                language=language,
                length=length,
                limit=MAX_MESSAGE_LENGTH,
                excess=excess,
            )
    return bodies


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal (Entwarnung) says about the alert it withdraws."""

    bodies: dict[str, str]  # language -> the alert as residents got it
    kind: str
    district_names: tuple[str, ...]  # empty: the whole city
    sent_at: datetime


def withdrawn_bodies(withdrawal: Withdrawal, texts: Texts) -> dict[str, str]:
    """What every delivered copy is edited to: the headline "Entwarnung: Diese Warnung gilt
    nicht mehr", then the old content struck through (shortened if it would not fit)."""
    return {language: _withdrawn(withdrawal, texts, language) for language in texts.languages}


def _withdrawn(withdrawal: Withdrawal, texts: Texts, language: str) -> str:
    body = withdrawal.bodies.get(language) or next(iter(withdrawal.bodies.values()))
    quoted = parse_html(body)[0]
    room = MAX_MESSAGE_LENGTH - visible_length(_render_withdrawn(texts, language, ""))
    while True:
        text = _render_withdrawn(texts, language, quoted)
        if visible_length(text) <= MAX_MESSAGE_LENGTH:
            return text
        quoted = quoted[: max(0, min(len(quoted), room) - 2)] + "…"
        room -= 50


def _render_withdrawn(texts: Texts, language: str, quoted: str) -> str:
    return texts.render(
        language,
        "alert.html.j2",
        withdrawn=True,
        quoted=quoted,
        severity="",
        kind="",
        text="",
        text_translated=False,
    )


def followup_bodies(withdrawal: Withdrawal, texts: Texts) -> dict[str, str]:
    """The short notice sent as a reply to each withdrawn copy; it names the alert by its
    kind, districts and day, so it cannot be taken for a newer one."""
    return {
        language: texts.render(
            language,
            "alert_followup.html.j2",
            kind=texts.label(language, f"kind_{withdrawal.kind}"),
            districts=withdrawal.district_names,
            sent_at=withdrawal.sent_at,
        )
        for language in texts.languages
    }
