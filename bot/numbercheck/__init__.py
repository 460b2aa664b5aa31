"""Domain of "Is this a real city number?": pure checks of numbers, links, offers; no Telegram."""

from bot.numbercheck.checker import check_phone, check_text
from bot.numbercheck.model import CheckResult, CheckRules, Finding, Verdict
from bot.numbercheck.registry import NumberRegistry

__all__ = [
    "CheckResult",
    "CheckRules",
    "Finding",
    "NumberRegistry",
    "Verdict",
    "check_phone",
    "check_text",
]
