"""Every language the bot speaks (messages/languages.txt) is complete and in its own language:
its folder has every template and label a resident can see, every sample message
(bot/devtools/template_samples/) renders and fits one Telegram message, and a language
detector reads every message, paragraph and label as the folder's language.

For a translator: `python -m pytest tests/messages` (a few seconds per language; each test
names its language in brackets, e.g. `[uk]`). A failure names the template, the sample (which
branch of it) and the text that reads as another language, or what is missing."""

from __future__ import annotations

import re
import shutil
from functools import cache

import pytest

from bot.devtools.template_samples import Sample, rendered_samples, sample_texts
from bot.devtools.template_samples.base import world
from bot.settings import BUNDLED_MESSAGES_DIR
from bot.telegram_html import parse_html
from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.texts import Texts, desk_only, visible_length
from tests.auxil.languages import WORD, read_as, words_of

TEXTS = sample_texts()
LANGUAGES = TEXTS.languages
DEFAULT = TEXTS.default_language
# Labels a language may leave out: earlier command names that still work (bot/texts.py
# optional_label), which only the language that had them keeps.
OPTIONAL_LABEL = re.compile(r"command_\w+_also")
COMMAND_NAME = re.compile(r"command_\w+?(_also)?")  # typed in Latin in every language


# Named on purpose in the default language too, so that who cannot read the chat's language
# finds hers: only what the default language's own text lacks is the folder's to translate
# (a plain copy of the default's is not caught here: nothing of it is left to read).
MIXED_ON_PURPOSE = {"language_prompt.html.j2", "command_language_about"}


@cache
def samples(texts: Texts, language: str) -> list[Sample]:
    return rendered_samples(texts, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_folder_has_every_resident_template_and_no_other(language):
    default, own = set(TEXTS.template_names(DEFAULT)), set(TEXTS.template_names(language))
    missing = sorted(name for name in default - own if not desk_only(name))
    assert missing == [], f"messages/{language}/ lacks {missing}"
    assert sorted(own - default) == [], f"messages/{DEFAULT}/ has no such templates"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_labels_have_every_key(language):
    keys = set(TEXTS.label_keys(language))
    missing = sorted(k for k in TEXTS.label_keys(DEFAULT) if k not in keys)
    assert [k for k in missing if not OPTIONAL_LABEL.fullmatch(k)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sample_renders_and_fits_one_message(language):
    found = samples(TEXTS, language)
    assert {s.template for s in found} == {s.template for s in samples(TEXTS, DEFAULT)}
    too_long = [
        f"{s.template} [{s.variant}]: {visible_length(s.html)} characters"
        for s in found
        if s.message and visible_length(s.html) > MAX_MESSAGE_LENGTH
    ]
    assert too_long == [], "\n".join(too_long)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_reads_as_its_language(language):
    offenders = message_offenders(TEXTS, language)
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_reads_as_its_language(language):
    offenders = label_offenders(TEXTS, language)
    assert offenders == [], "\n".join(offenders)


@pytest.mark.slow
def test_text_left_in_another_language_is_named(tmp_path):
    """The checks themselves: German left in the English folder, a whole template, one
    paragraph of a message (an alert's kind) and a label, is named; nothing else is."""
    messages = tmp_path / "messages"
    shutil.copytree(BUNDLED_MESSAGES_DIR, messages)
    for name in ("scam_help.html.j2", "alert_kinds/shock_call.html.j2"):
        shutil.copy(messages / DEFAULT / name, messages / "en" / name)
    labels = messages / "en" / "labels.txt.j2"
    english = 'scam_help_button = "Already happened? What to do now"'
    assert english in labels.read_text("utf-8")
    german = 'scam_help_button = "Schon passiert? Was jetzt tun"'
    labels.write_text(labels.read_text("utf-8").replace(english, german), "utf-8")
    texts = Texts(messages, city=world().city)

    named = {line.split(" reads as ")[0] for line in message_offenders(texts, "en")}

    assert named == {
        "scam_help.html.j2",
        "alert.html.j2 [kind shock_call]",  # and every alert of that kind:
        "alert.html.j2 [the whole city, with the desk's text]",
        "alert.html.j2 [with the desk's translation]",
        "warnings_list.html.j2 [three]",  # in the list of recent warnings too
        "warnings_list.html.j2 [more than fit]",
    }
    assert [line.split(":")[0] for line in label_offenders(texts, "en")] == [
        "label scam_help_button reads as German"
    ]


def message_offenders(texts: Texts, language: str) -> list[str]:
    """Each paragraph of a sample message that does not read as `language`; the whole
    message if none does but it does not either."""
    offenders = []
    for sample in samples(texts, language):
        text = words_of(parse_html(sample.html)[0], sample.quoted)
        if sample.template in MIXED_ON_PURPOSE:
            text = _without_default(texts, text, sample)
        paragraphs = re.split(r"\n\s*\n", text)
        found = [(p, f) for p in paragraphs if (f := read_as(p, language))]
        if not found and (whole := read_as(text, language)):
            found = [(text, whole)]
        offenders += [f"{sample.name} reads as {f}: {_shown(p)}" for p, f in found]
    return list(dict.fromkeys(offenders))


def label_offenders(texts: Texts, language: str) -> list[str]:
    """Each label of three words or more that does not read as `language`."""
    offenders = []
    for key in texts.label_keys(language):
        if COMMAND_NAME.fullmatch(key) or key == "small_talk_openers":  # typed, never shown
            continue
        text = words_of(texts.label(language, key))
        if key in MIXED_ON_PURPOSE:
            text = _strip_words(text, texts.label(texts.default_language, key))
        found = read_as(text, language)
        if found is not None:
            offenders.append(f"label {key} reads as {found}: {_shown(text)}")
    return offenders


def _without_default(texts: Texts, text: str, sample: Sample) -> str:
    """`text` without the words of the default language's same sample."""
    key = (sample.template, sample.variant)
    same = [s for s in samples(texts, texts.default_language) if (s.template, s.variant) == key]
    return _strip_words(text, parse_html(same[0].html)[0]) if same else text


def _strip_words(text: str, other: str) -> str:
    """`text` without the words `other` has."""
    words = {w.casefold() for w in WORD.findall(other)}
    return WORD.sub(lambda m: " " if m.group().casefold() in words else m.group(), text)


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 300 else flat[:300] + "…")
