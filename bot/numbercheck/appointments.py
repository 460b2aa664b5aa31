"""Detect offers to sell or broker official appointments (seed 001: bot-booked, resold)."""

from __future__ import annotations

import re

# The rule, deliberately simple and table-tested:
#   (an appointment word AND an offer word)  OR  (an authority word AND a selling word).
# "Termin" matches inside compounds too ("Bürgeramtstermin", "Terminvergabe").
_APPOINTMENT = re.compile(r"termin|appointment", re.IGNORECASE)
_AUTHORITY = re.compile(
    r"bürgeramt|buergeramt|bürgerservice|ausländerbehörde|auslaenderbehoerde|"
    r"zulassungsstelle|standesamt",
    re.IGNORECASE,
)
_SELLING = r"""
      \b(?:ver)?kauf\w*          # kaufen, verkaufe, Verkauf
    | \bbiete\w*                 # biete Termin
    | \bvermittl\w*              # vermittle, Vermittlung
    | \b(?:buy|sell|selling|sale)\b
"""
_OFFER = re.compile(
    _SELLING
    + r"""
    | \bpreis\w* | \bvb\b
    | € | \beur(?:o)?\b | \d\s*(?:eur|euro)\b
    | \bsofort\w* | \bgarantiert\w*
    | \btermine?\s+frei\b | \bfreie[rn]?\s+termin\w*
    | \b(?:price|guaranteed|instant)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SELLING_RE = re.compile(_SELLING, re.IGNORECASE | re.VERBOSE)


def find_appointment_offer(text: str) -> tuple[int, int] | None:
    """Span of the appointment/authority word if `text` offers official appointments, else None."""
    appointment = _APPOINTMENT.search(text)
    if appointment is not None and _OFFER.search(text) is not None:
        return appointment.start(), appointment.end()
    authority = _AUTHORITY.search(text)
    if authority is not None and _SELLING_RE.search(text) is not None:
        return authority.start(), authority.end()
    return None
