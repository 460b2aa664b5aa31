"""The comms desk's report views (admin_reports, admin_spike) in every language: valid
Telegram HTML within 4096 characters however much there is, cut in the order of
bot/reports/overview.py, and every resident's value one clean, escaped item."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.city.data import load_city
from bot.reports import overview as view
from bot.reports.values import MAX_NOTE, Note, Overview, Spike
from bot.reports.vocabulary import SpikeScope
from bot.settings import BUNDLED_CITY_PATH
from bot.telegram_html import parse_html, utf16_length
from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.texts import Texts
from bot.vocabulary import ReportKind

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
NOW = datetime(2026, 11, 21, 11, 0, tzinfo=UTC)
_MORE = {"de": "… und {} weitere", "en": "… and {} more"}
# The desk's views in a language without its own desk templates come in German.
MORE = {code: _MORE.get(code, _MORE[TEXTS.default_language]) for code in TEXTS.languages}
LINK = "https://termine-jena.example.org/" + "<b>buchen</b>&/" * 30
HOSTILE = "<i>Hallo</i> &amp;\n\u202eneue Zeile\x1b[2J\r\n\u2066x\u2069 \x85\ud800 Ende"


def render_overview(language: str, overview: Overview) -> str:
    return TEXTS.render_parts(
        language,
        "admin_reports.html.j2",
        view.overview_parts(overview),
        overview=overview,
        shown=view.subject_label,
        kind_label=lambda kind: TEXTS.label(language, f"kind_{kind}"),
    )


def render_spike(language: str, spike: Spike) -> str:
    return TEXTS.render_parts(
        language,
        "admin_spike.html.j2",
        view.spike_parts(spike),
        spike=spike,
        shown=view.subject_label,
        kind_label=lambda kind: TEXTS.label(language, f"kind_{kind}"),
    )


def busy_overview(spikes: int, notes: int) -> Overview:
    districts = tuple((d.id, 9, 3) for d in CITY.districts)
    return Overview(
        days=7,
        district_id="",
        total=1000,
        previous_total=10,
        by_district=districts,
        by_kind=tuple((k, 100, 1) for k in ReportKind),
        top_subjects=tuple((f"{LINK}{i}", 50 - i) for i in range(5)),
        rows=(),
        spikes=tuple(
            Spike(i, SpikeScope.NUMBER, 99, NOW, subject=f"{LINK}{i}") for i in range(spikes)
        ),
        notes=tuple(
            Note(NOW, "winzerla", ReportKind.PHISHING, f"{LINK}{i}", (HOSTILE * 20)[:MAX_NOTE])
            for i in range(notes)
        ),
        note_count=notes + 40,
    )


def fits(html: str) -> str:
    plain, _ = parse_html(html)  # raises on invalid HTML, as Telegram would refuse it
    assert utf16_length(plain) <= MAX_MESSAGE_LENGTH
    return plain


@pytest.mark.parametrize("language", TEXTS.languages)
def test_a_busy_overview_keeps_totals_waves_and_top_links_and_cuts_notes(language):
    overview = busy_overview(spikes=20, notes=view.NOTES)
    html = render_overview(language, overview)
    plain, entities = parse_html(html)
    fits(html)
    quotes = [e for e in entities if e["type"] == "blockquote"]
    assert sum(line.startswith("⚠️ ") for line in plain.splitlines()) == 20
    assert MORE[language].format(len(CITY.districts) - view.DISTRICTS) in plain
    assert MORE[language].format(view.NOTES + 40 - len(quotes)) in plain
    assert 0 < len(quotes) < view.NOTES
    for char in "\u202e\x1b\r\x85\u2066\u2069\ud800":
        assert char not in plain
    assert "<b>buchen</b>" in plain and LINK not in plain  # escaped, shortened


@pytest.mark.parametrize("language", TEXTS.languages)
def test_hundreds_of_waves_cut_notes_and_top_links_whole_then_the_smallest_waves(language):
    overview = busy_overview(spikes=300, notes=view.NOTES)
    plain = fits(render_overview(language, overview))
    waves = sum(line.startswith("⚠️ ") for line in plain.splitlines())
    assert 10 < waves < 300
    assert MORE[language].format(300 - waves) in plain
    assert MORE[language].format(view.NOTES + 40) in plain
    assert MORE[language].format(5) in plain  # the top links
    assert plain.splitlines()[0].endswith(
        "1000 ↑ (week before: 10)" if language == "en" else "1000 ↑ (Woche davor: 10)"
    )


@pytest.mark.slow
@pytest.mark.parametrize("language", TEXTS.languages)
@pytest.mark.parametrize("size", [1, 30, 300, 3000])
def test_a_growing_spike_message_always_fits(language, size):
    spike = Spike(
        7,
        SpikeScope.KIND,
        size,
        NOW,
        kind=ReportKind.SHOCK_CALL,
        district_id="winzerla",
        districts=tuple(f"ortsteil-{i:04d}" for i in range(size)),
        top_subjects=tuple((f"{LINK}{i}", size - i) for i in range(size)),
    )
    plain = fits(render_spike(language, spike))
    assert LINK not in plain
    if size >= 300:
        assert MORE[language].format(size) in plain  # no number fits beside the Ortsteile
        shown = plain.count("ortsteil-")
        assert MORE[language].format(size - shown) in plain and shown > 100
    else:
        assert MORE[language].split("{")[0] not in plain
        assert plain.count("ortsteil-") == size


def test_a_note_is_one_line_without_control_or_direction_characters():
    assert view.note_text(HOSTILE) == "<i>Hallo</i> &amp; neue Zeile[2J x Ende"
    assert view.note_text("x" * 600) == "x" * (MAX_NOTE - 1) + "…"
    assert view.note_text("\u202e\x1b") == ""


def test_a_subject_is_shown_short_on_one_line():
    assert view.subject_label("+4936414900") == "03641 4900"
    assert view.subject_label("jena-termine.de") == "jena-termine.de"
    short = view.subject_label("a\u202eb\n" + "x" * 100 + ".example.de")
    assert len(short) == view.SUBJECT_LENGTH
    assert short.startswith("ab xxx") and short.endswith("xxx.example.de") and "…" in short
