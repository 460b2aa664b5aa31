"""Runtime settings read from the environment (and a .env file), validated once at start-up."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.delivery.expiry import Expiry
from bot.delivery.paid import FREE_LIMIT, PAID_LIMIT, PaidBroadcast
from bot.storage.scrub import SCRUB_DELAY
from bot.texts import LANGUAGES_FILE, MESSAGES_DIR

LOG_FORMATS = ("text", "json")  # STADTWARN_LOG_FORMAT

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_DB_PATH = Path("data/stadtwarn.sqlite3")
BUNDLED_CITY_PATH = Path(__file__).parent / "city" / "jena.toml"
BUNDLED_MESSAGES_DIR = MESSAGES_DIR

_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_USERNAME_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]$")  # Telegram: 5-32


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and says what is expected."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: str | None
    api_url: str = DEFAULT_API_URL
    db_path: Path = DEFAULT_DB_PATH
    city_path: Path = BUNDLED_CITY_PATH
    messages_dir: Path = BUNDLED_MESSAGES_DIR
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    approvals_required: int = 1
    send_rate: float = FREE_LIMIT
    paid_broadcast: PaidBroadcast = PaidBroadcast.OFF
    paid_rate: float = PAID_LIMIT
    expiry: Expiry = field(default_factory=Expiry)
    scrub_delay: float = SCRUB_DELAY  # seconds from a /stop to its id gone from the file
    poll_timeout: float = 5.0  # long polling; also how soon a revoked token is noticed
    bot_username: str = ""  # for the flyers' deep links; empty: ask Telegram (getMe)
    public_dir: Path | None = None  # the public site the running bot keeps current; None: none
    public_url: str = ""  # the site's address, for absolute links in its feeds and CAP files
    # the secret of the reports' keyed hashes; None: a random one per process
    report_key: bytes | None = field(default=None, repr=False)
    http: tuple[str, int] | None = None  # the HTTP server's host and port; None: no server
    webhook_url: str = ""  # empty: long polling
    webhook_secret: str = field(default="", repr=False)  # Telegram sends it in each update
    health_grace: float = 300.0  # seconds Telegram may be unreachable before /healthz is 503
    log_format: str = "text"  # or "json": one JSON object per log line

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, require_token: bool = True
    ) -> Settings:
        """Read settings from `environ` (default: os.environ over ./.env)."""
        env = environment() if environ is None else dict(environ)
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip() or None
        if token is None and require_token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: expected the bot token from @BotFather "
                "(digits, a colon, then letters)."
            )
        if token is not None and not _TOKEN_SHAPE.match(token):
            # Never echo the value: a near-miss token is still a secret.
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is malformed: expected digits, a colon, then letters, "
                "digits, '-' or '_' (as @BotFather gives it)."
            )
        return cls(
            token=token,
            api_url=_api_url(env.get("TELEGRAM_API_URL", "").strip() or DEFAULT_API_URL),
            db_path=Path(env.get("STADTWARN_DB", "").strip() or DEFAULT_DB_PATH),
            city_path=_city_path(env.get("STADTWARN_CITY", "").strip()),
            messages_dir=_messages_dir(env.get("STADTWARN_MESSAGES", "").strip()),
            admin_ids=_admin_ids(env.get("STADTWARN_ADMINS", "")),
            approvals_required=_approvals(env.get("STADTWARN_APPROVAL", "").strip()),
            send_rate=_send_rate(env.get("STADTWARN_SEND_RATE", "").strip()),
            paid_broadcast=_paid_broadcast(env.get("STADTWARN_PAID_BROADCAST", "").strip()),
            paid_rate=_paid_rate(env.get("STADTWARN_PAID_RATE", "").strip()),
            expiry=_expiry(env.get("STADTWARN_EXPIRY", "")),
            bot_username=_bot_username(env.get("STADTWARN_BOT_USERNAME", "")),
            public_dir=_optional_path(env.get("STADTWARN_PUBLIC_DIR", "")),
            public_url=_public_url(env.get("STADTWARN_PUBLIC_URL", "").strip()),
            report_key=_report_key(env.get("STADTWARN_REPORT_KEY", "")),
            log_format=_log_format(env.get("STADTWARN_LOG_FORMAT", "").strip()),
            **_http(env),
        )

    @classmethod
    def for_demo(
        cls, *, api_url: str, db_path: Path, admin_ids: frozenset[int] = frozenset()
    ) -> Settings:
        """Settings for the offline demo and the tests: a fake token and a loopback API."""
        return cls(
            token="123456:DEMO-TOKEN",  # noqa: S106 - a fake token for loopback only
            api_url=api_url,
            db_path=db_path,
            admin_ids=frozenset(admin_ids),
            poll_timeout=1.0,
        )


def environment() -> dict[str, str]:
    """os.environ over ./.env."""
    from_file = {k: v for k, v in dotenv_values(".env").items() if v is not None}
    return {**from_file, **os.environ}


def _log_format(value: str) -> str:
    if value.lower() in ("", *LOG_FORMATS):
        return value.lower() or "text"
    raise SettingsError(f"STADTWARN_LOG_FORMAT is malformed: expected text or json, got {value!r}.")


def _report_key(value: str) -> bytes | None:
    """A secret of at least 32 characters (e.g. `openssl rand -hex 32`); never echoed."""
    key = value.strip()
    if not key:
        return None
    if len(key) < 32:
        raise SettingsError(
            "STADTWARN_REPORT_KEY is too short: expected a secret of at least 32 characters "
            "(e.g. the output of `openssl rand -hex 32`)."
        )
    return key.encode()


def _http(env: Mapping[str, str]) -> dict:
    """The HTTP server's settings: STADTWARN_HTTP, the webhook's, the health check's grace."""
    value = env.get("STADTWARN_HTTP", "").strip()
    url = env.get("STADTWARN_WEBHOOK_URL", "").strip()
    secret = env.get("STADTWARN_WEBHOOK_SECRET", "").strip()
    match = re.fullmatch(r"(?P<host>[^\s:]+|\[[0-9a-fA-F:]+\]):(?P<port>\d{1,5})", value)
    if value and not (match and 0 < int(match["port"]) < 65536):
        raise SettingsError(
            f"STADTWARN_HTTP is malformed: expected host:port, e.g. 127.0.0.1:8080, got {value!r}."
        )
    if url and not (value and re.match(r"^https?://[^/\s]+/\S*$", url)):
        raise SettingsError(
            "STADTWARN_WEBHOOK_URL needs STADTWARN_HTTP and an address like "
            "https://bot.jena.de/telegram (its path is served at /telegram)."
        )
    if url and not re.fullmatch(r"[A-Za-z0-9_-]{32,256}", secret):
        # Never echo the value: it is a secret.
        raise SettingsError(
            "STADTWARN_WEBHOOK_SECRET is missing or malformed: webhook mode needs a secret of "
            "32 to 256 letters, digits, '_' or '-' (e.g. the output of `openssl rand -hex 32`)."
        )
    grace = env.get("STADTWARN_HEALTH_TELEGRAM_GRACE", "").strip() or "300"
    if not re.fullmatch(r"\d{1,6}", grace) or int(grace) < 60:
        raise SettingsError(
            f"STADTWARN_HEALTH_TELEGRAM_GRACE is malformed: expected seconds, at least 60, "
            f"got {grace!r}."
        )
    http = (match["host"].strip("[]"), int(match["port"])) if match else None
    return {
        "http": http,
        "webhook_url": url,
        "webhook_secret": secret,
        "health_grace": float(grace),
    }


def _bot_username(value: str) -> str:
    """@BotFather's username for the bot, with or without '@'; empty if not set."""
    username = value.strip().removeprefix("@")
    if username and not (_USERNAME_SHAPE.match(username) and username.lower().endswith("bot")):
        raise SettingsError(
            f"STADTWARN_BOT_USERNAME is malformed: expected the bot's username from "
            f"@BotFather (5-32 letters, digits or '_', ending in 'bot'), got {value.strip()!r}."
        )
    return username


def _optional_path(value: str) -> Path | None:
    return Path(value.strip()) if value.strip() else None


def _public_url(value: str) -> str:
    """The public site's address, ending in '/'; empty if not set."""
    if value and not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
        raise SettingsError(
            f"STADTWARN_PUBLIC_URL is malformed: expected an address like "
            f"https://warnung.jena.de/, got {value!r}."
        )
    return value if not value or value.endswith("/") else value + "/"


def _api_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise SettingsError(
            f"TELEGRAM_API_URL is malformed: expected an http(s) URL such as "
            f"{DEFAULT_API_URL}, got {value!r}."
        )
    return value


def _city_path(value: str) -> Path:
    if not value:
        return BUNDLED_CITY_PATH
    path = Path(value)
    if not path.is_file():
        raise SettingsError(f"STADTWARN_CITY is not a readable file: {value!r}.")
    return path


def _messages_dir(value: str) -> Path:
    if not value:
        return BUNDLED_MESSAGES_DIR
    path = Path(value)
    if not (path / LANGUAGES_FILE).is_file():
        raise SettingsError(
            f"STADTWARN_MESSAGES is not a messages folder (no {LANGUAGES_FILE} in it): {value!r}."
        )
    return path


def _admin_ids(value: str) -> frozenset[int]:
    ids = set()
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        if not re.fullmatch(r"\d{1,15}", part):
            raise SettingsError(
                f"STADTWARN_ADMINS is malformed: expected comma-separated Telegram user ids "
                f"(digits), got {part!r}."
            )
        ids.add(int(part))
    return frozenset(ids)


def _approvals(value: str) -> int:
    if value in ("", "1"):
        return 1
    if value == "2":
        return 2
    raise SettingsError(f"STADTWARN_APPROVAL is malformed: expected 1 or 2, got {value!r}.")


def _send_rate(value: str) -> float:
    if not value:
        return FREE_LIMIT
    rate = _rate("STADTWARN_SEND_RATE", value)
    if rate > FREE_LIMIT:
        raise SettingsError(
            f"STADTWARN_SEND_RATE is above Telegram's free limit of {FREE_LIMIT:g} messages/s "
            f"(got {value!r}): sending faster only works as paid broadcasts. Set "
            f"STADTWARN_PAID_BROADCAST=urgent or all (it costs Telegram Stars) and "
            f"STADTWARN_PAID_RATE instead."
        )
    return rate


def _paid_rate(value: str) -> float:
    return _rate("STADTWARN_PAID_RATE", value) if value else PAID_LIMIT


def _rate(name: str, value: str) -> float:
    try:
        rate = float(value)
    except ValueError:
        rate = -1.0
    if not 0 < rate <= PAID_LIMIT:
        raise SettingsError(
            f"{name} is malformed: expected messages per second "
            f"between 1 and {PAID_LIMIT:g}, got {value!r}."
        )
    return rate


def _paid_broadcast(value: str) -> PaidBroadcast:
    try:
        return PaidBroadcast(value.lower() or PaidBroadcast.OFF)
    except ValueError:
        choices = ", ".join(p.value for p in PaidBroadcast)
        raise SettingsError(
            f"STADTWARN_PAID_BROADCAST is malformed: expected one of {choices}, got {value!r}."
        ) from None


def _expiry(value: str) -> Expiry:
    try:
        return Expiry.parse(value)
    except ValueError as error:
        raise SettingsError(
            f"STADTWARN_EXPIRY is malformed ({error}): expected hours, e.g. 24, or per "
            f"severity, e.g. info=12,warning=24,urgent=48."
        ) from None
