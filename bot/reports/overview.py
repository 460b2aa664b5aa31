"""What the comms desk's views of reports hold (/meldungen and the spike messages), as plain
values for their templates.

Each view is lists in the order they matter, so that what does not fit one Telegram message
is cut from the least important end (bot.texts.Texts.render_parts). Every value a resident
wrote is shown cleaned of control and direction characters (bot.text_hygiene): a note as one
line, so it cannot start a line of the view; a number or link on one line and kept short."""

from __future__ import annotations

from dataclasses import replace

from bot.reports.subject import shown
from bot.reports.values import MAX_NOTE, Note, Overview, Spike
from bot.text_hygiene import clean
from bot.texts import Part

DISTRICTS = 10  # Ortsteile in the overview, the most reported first
NOTES = 10  # the newest notes the overview reads; as many of them as fit are shown
SUBJECT_LENGTH = 60  # characters of a number or link; a longer one keeps its start and end


def subject_label(subject: str) -> str:
    """A stored number or link as the desk reads it: numbers in national format, one line,
    no control or direction characters, at most SUBJECT_LENGTH characters (a longer one
    keeps its start and its end, where a link's domain ends, around "…")."""
    text = clean(shown(subject), one_line=True)
    if len(text) <= SUBJECT_LENGTH:
        return text
    tail = SUBJECT_LENGTH // 2
    return text[: SUBJECT_LENGTH - tail - 1] + "…" + text[-tail:]


def note_text(text: str) -> str:
    """A resident's note as one quoted item: no control or direction characters, each run
    of line breaks, tabs and spaces one space, at most MAX_NOTE characters. Empty if
    nothing of it is left."""
    text = clean(text, one_line=True)
    return text if len(text) <= MAX_NOTE else text[: MAX_NOTE - 1] + "…"


def overview_parts(overview: Overview) -> tuple[Part, ...]:
    """The overview's lists, the most important first: the Ortsteile (at most DISTRICTS),
    the kinds, the waves (the largest first), the most reported numbers, the newest notes.
    The totals above them are always shown."""
    notes = tuple(_cleaned(note) for note in overview.notes)
    return (
        Part(
            "by_district",
            overview.by_district[:DISTRICTS],
            max(0, len(overview.by_district) - DISTRICTS),
        ),
        Part("by_kind", overview.by_kind),
        Part("spikes", overview.spikes),
        Part("top_subjects", overview.top_subjects),
        Part("notes", notes, max(0, overview.note_count - len(notes))),
    )


def spike_parts(spike: Spike) -> tuple[Part, ...]:
    """A spike message's lists, the most important first: its Ortsteile, its numbers. Its
    headline and count are always shown."""
    return (Part("districts", spike.districts), Part("top_subjects", spike.top_subjects))


def _cleaned(note: Note) -> Note:
    return replace(note, text=note_text(note.text))
