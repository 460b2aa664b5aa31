"""The answer to "is this real?" as HTML: a check's result rendered with check_result.html.j2,
cut to one Telegram message. One place for the values the template gets, used by the check's
handler (handlers/check.py) and by the sample messages (bot/devtools/template_samples/)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.numbercheck import CheckResult
from bot.numbercheck.detector import Channel
from bot.texts import Texts


def render_result(
    texts: Texts,
    language: str,
    result: CheckResult,
    reported: Mapping | None = None,
    channel: Channel | None = None,
) -> str:
    """The HTML reply for `result`: red flags, then one block per group of findings; groups
    that would not fit one message (only with extreme values) are counted as "… und N weitere"."""
    return texts.render_fitting(
        language,
        "check_result.html.j2",
        "groups",
        result.groups,
        omitted=result.omitted,
        red_flags=result.red_flags,
        fraud=result.fraud,
        outcome=result.outcome,
        channel=channel or (result.assessment.channel if result.assessment else Channel.CALL),
        claims=result.assessment.claims if result.assessment else (),
        incomplete=result.incomplete,
        reported=reported or {},
    )
