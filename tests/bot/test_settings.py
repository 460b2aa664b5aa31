"""Settings: read from the environment, and one clear error per bad setting."""

from datetime import timedelta
from pathlib import Path

import pytest

from bot.delivery.paid import PaidBroadcast
from bot.settings import BUNDLED_CITY_PATH, DEFAULT_API_URL, Settings, SettingsError

TOKEN = "123456:TEST-TOKEN"


def test_defaults_with_only_a_token():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.token == TOKEN
    assert settings.api_url == DEFAULT_API_URL
    assert settings.db_path == Path("data/stadtwarn.sqlite3")
    assert settings.city_path == BUNDLED_CITY_PATH
    assert settings.admin_ids == frozenset()
    assert settings.approvals_required == 1
    assert settings.send_rate == 30
    assert settings.paid_broadcast is PaidBroadcast.OFF


def test_every_setting_is_read(tmp_path):
    city = tmp_path / "city.toml"
    city.write_text("")
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/bot",
            "STADTWARN_DB": str(tmp_path / "x.sqlite3"),
            "STADTWARN_CITY": str(city),
            "STADTWARN_ADMINS": "11, 22",
            "STADTWARN_APPROVAL": "2",
            "STADTWARN_SEND_RATE": "25",
            "STADTWARN_PAID_BROADCAST": "Urgent",
            "STADTWARN_PAID_RATE": "500",
            "STADTWARN_EXPIRY": "info=6,urgent=48",
        }
    )
    assert settings.expiry.of("info") == timedelta(hours=6)
    assert settings.expiry.of("warning") == timedelta(hours=24)  # the default
    assert settings.expiry.of("urgent") == timedelta(hours=48)
    assert (settings.send_rate, settings.paid_rate) == (25, 500)
    assert settings.paid_broadcast is PaidBroadcast.URGENT
    assert settings.api_url == "http://127.0.0.1:8081/bot"
    assert settings.db_path == tmp_path / "x.sqlite3"
    assert settings.city_path == city
    assert settings.admin_ids == {11, 22}
    assert settings.approvals_required == 2


def test_dotenv_file_is_read_and_environment_wins(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nSTADTWARN_ADMINS=5\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STADTWARN_ADMINS", "7")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    settings = Settings.from_env()
    assert settings.token == TOKEN
    assert settings.admin_ids == {7}


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN is malformed"),
        ({"TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL is malformed"),
        ({"STADTWARN_ADMINS": "12,abc"}, "STADTWARN_ADMINS is malformed"),
        ({"STADTWARN_APPROVAL": "3"}, "STADTWARN_APPROVAL is malformed"),
        ({"STADTWARN_CITY": "/nonexistent/city.toml"}, "STADTWARN_CITY is not a readable file"),
        ({"STADTWARN_SEND_RATE": "fast"}, "STADTWARN_SEND_RATE is malformed"),
        # 1000/s without paid broadcasts would flood Telegram: refused, with the way out.
        ({"STADTWARN_SEND_RATE": "1000"}, "free limit of 30 .* STADTWARN_PAID_BROADCAST"),
        ({"STADTWARN_PAID_BROADCAST": "yes"}, "expected one of off, urgent, all"),
        ({"STADTWARN_PAID_RATE": "5000"}, "STADTWARN_PAID_RATE is malformed"),
        ({"STADTWARN_EXPIRY": "loud=3"}, "STADTWARN_EXPIRY is malformed .unknown severity"),
        ({"STADTWARN_EXPIRY": "0"}, "STADTWARN_EXPIRY is malformed"),
        ({"STADTWARN_HTTP": "8080"}, "STADTWARN_HTTP is malformed: expected host:port"),
        ({"STADTWARN_HTTP": "127.0.0.1:99999"}, "STADTWARN_HTTP is malformed"),
        ({"STADTWARN_WEBHOOK_URL": "https://bot.example/telegram"}, "needs STADTWARN_HTTP"),
        (
            {"STADTWARN_HTTP": "127.0.0.1:8080", "STADTWARN_WEBHOOK_URL": "https://b.example/t"},
            "STADTWARN_WEBHOOK_SECRET is missing",
        ),
        ({"STADTWARN_HEALTH_TELEGRAM_GRACE": "5"}, "STADTWARN_HEALTH_TELEGRAM_GRACE is malformed"),
        ({"STADTWARN_LOG_FORMAT": "xml"}, "STADTWARN_LOG_FORMAT is malformed"),
    ],
)
def test_bad_setting_is_named(environ, names):
    if environ:  # every case but the first has a good token and one bad setting
        environ = {"TELEGRAM_BOT_TOKEN": TOKEN, **environ}
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(environ)


def test_malformed_token_is_not_echoed():
    secret = "123456:has spaces but is secret"
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"TELEGRAM_BOT_TOKEN": secret})
    assert "secret" not in str(error.value)


def test_http_settings():
    webhook = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "STADTWARN_HTTP": "127.0.0.1:8080",
        "STADTWARN_WEBHOOK_URL": "https://bot.example/telegram",
        "STADTWARN_WEBHOOK_SECRET": "a" * 32,
        "STADTWARN_HEALTH_TELEGRAM_GRACE": "120",
    }
    settings = Settings.from_env(webhook)
    assert settings.http == ("127.0.0.1", 8080)
    assert settings.webhook_url == "https://bot.example/telegram"
    assert settings.health_grace == 120
    assert "a" * 32 not in repr(settings)
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).http is None
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).log_format == "text"
    json_logs = {"TELEGRAM_BOT_TOKEN": TOKEN, "STADTWARN_LOG_FORMAT": "JSON"}
    assert Settings.from_env(json_logs).log_format == "json"


def test_a_short_webhook_secret_is_not_echoed():
    short = "tooshort-but-secret"
    with pytest.raises(SettingsError, match="32 to 256") as error:
        Settings.from_env(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "STADTWARN_HTTP": "127.0.0.1:8080",
                "STADTWARN_WEBHOOK_URL": "https://bot.example/telegram",
                "STADTWARN_WEBHOOK_SECRET": short,
            }
        )
    assert short not in str(error.value)
