"""The deploy files: the systemd unit and its user, the env example, the Dockerfile and
.dockerignore, and the package data an installed bot needs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.cli import (
    EXIT_ALREADY_RUNNING,
    EXIT_BAD_INPUT,
    EXIT_DATABASE_UNUSABLE,
    EXIT_TELEGRAM_UNREACHABLE,
    EXIT_TOKEN_REJECTED,
)
from tests.auxil.deploy_files import (
    DEPLOY,
    ROOT,
    dockerfile_instructions,
    dockerignored,
    env_example_names,
    settings_read_by_the_product,
    unit_directives,
)

UNIT = DEPLOY / "stadtwarn.service"
INSTALLED = "/opt/stadtwarn/bin/stadtwarn"
SYSTEMD_MISSING = "systemd's tools (systemd-analyze) are not installed: apt-get install systemd"


def test_the_unit_runs_the_bot_as_its_own_user_with_its_settings_file():
    service = unit_directives(UNIT)["Service"]
    assert service["ExecStart"] == [f"{INSTALLED} run"]
    assert service["User"] == ["stadtwarn"] and service["StateDirectory"] == ["stadtwarn"]
    assert service["EnvironmentFile"] == ["/etc/stadtwarn/stadtwarn.env"]
    assert service["Environment"] == ["STADTWARN_DB=/var/lib/stadtwarn/stadtwarn.sqlite3"]
    assert service["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert service["KillSignal"] == ["SIGTERM"]
    assert unit_directives(UNIT)["Install"]["WantedBy"] == ["multi-user.target"]


def test_it_restarts_on_failure_but_not_on_what_needs_a_person():
    service = unit_directives(UNIT)["Service"]
    assert service["Restart"] == ["on-failure"]
    prevented = {int(status) for status in service["RestartPreventExitStatus"][0].split()}
    needs_a_person = {
        EXIT_BAD_INPUT,  # a setting or the city file
        EXIT_DATABASE_UNUSABLE,  # damaged, read-only, a newer schema, a full disk
        EXIT_TOKEN_REJECTED,
        EXIT_ALREADY_RUNNING,  # another bot on this database
    }
    assert prevented == needs_a_person
    assert EXIT_TELEGRAM_UNREACHABLE not in prevented  # the network may come back


def test_the_unit_is_hardened():
    service = unit_directives(UNIT)["Service"]
    expected = {
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "NoNewPrivileges": "yes",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
        "CapabilityBoundingSet": "",
        "LockPersonality": "yes",
        "MemoryDenyWriteExecute": "yes",
        "RestrictNamespaces": "yes",
        "ProtectKernelTunables": "yes",
        "ProtectKernelModules": "yes",
        "ProtectKernelLogs": "yes",
        "ProtectControlGroups": "yes",
    }
    assert {key: service.get(key, ["(missing)"])[-1] for key in expected} == expected
    assert service["SystemCallFilter"][0] == "@system-service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason=SYSTEMD_MISSING)
def test_systemd_analyze_verify_finds_nothing(tmp_path):
    """`systemd-analyze verify` says nothing about a good unit (an unknown key or a bad value
    is only a warning, so any output fails). It also checks that ExecStart's program exists:
    this machine's installed `stadtwarn` stands in for /opt/stadtwarn's."""
    program = Path(sys.executable).with_name("stadtwarn")
    assert program.is_file(), f"{program}: the package is not installed in this venv"
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text("utf-8").replace(INSTALLED, str(program)), "utf-8")
    verify = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert (verify.returncode, verify.stdout + verify.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("systemd-sysusers") is None, reason=SYSTEMD_MISSING)
def test_the_sysusers_file_creates_the_user_with_the_state_directory_as_home(tmp_path):
    (tmp_path / "etc").mkdir()
    made = subprocess.run(
        ["systemd-sysusers", f"--root={tmp_path}", str(DEPLOY / "stadtwarn.sysusers")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    name, *_, home, shell = (tmp_path / "etc" / "passwd").read_text().strip().split(":")
    assert (name, home, shell) == ("stadtwarn", "/var/lib/stadtwarn", "/usr/sbin/nologin")


def test_the_env_example_names_exactly_the_settings_the_bot_reads():
    example = DEPLOY / "stadtwarn.env.example"
    names = env_example_names(example)
    assert len(names) == len(set(names)), "a setting named twice"
    assert set(names) == settings_read_by_the_product()
    # no value but for commented examples: the token line is empty
    assert re.search(r"^TELEGRAM_BOT_TOKEN=$", example.read_text("utf-8"), re.MULTILINE)
    assert not re.search(r"\d+:[A-Za-z0-9_-]{20,}", example.read_text("utf-8"))


def test_the_readme_names_every_setting_in_its_table():
    readme = (ROOT / "README.md").read_text("utf-8")
    table = set(re.findall(r"^\| `([A-Z][A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert settings_read_by_the_product() <= table


def test_the_dockerfile_builds_in_two_stages_and_runs_without_root():
    instructions = dockerfile_instructions(ROOT / "Dockerfile")
    stages = [args for word, args in instructions if word == "FROM"]
    assert len(stages) == 2 and stages[0].endswith(" AS builder")
    args = dict(re.match(r"(\w+)=?(.*)", a).groups() for word, a in instructions if word == "ARG")
    assert args["PYTHON_IMAGE"].startswith("python:3.11-slim")
    assert any("--from=builder" in a for word, a in instructions if word == "COPY")
    final = instructions[max(i for i, (w, _) in enumerate(instructions) if w == "FROM") :]
    users = [args_ for word, args_ in final if word == "USER"]
    assert users, "no USER: the container would run as root"
    uid = users[-1].replace("${UID}", args["UID"]).split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000


def test_the_dockerfile_keeps_the_database_on_a_volume_and_checks_its_health():
    instructions = dockerfile_instructions(ROOT / "Dockerfile")
    words = {word: [a for w, a in instructions if w == word] for word, _ in instructions}
    assert words["VOLUME"] == ["/data"]
    env = " ".join(words["ENV"])
    assert "STADTWARN_DB=/data/stadtwarn.sqlite3" in env
    assert "STADTWARN_HTTP=0.0.0.0:8080" in env
    assert words["EXPOSE"] == ["8080"]
    (check,) = words["HEALTHCHECK"]
    assert "/healthz" in check and "urllib.request" in check and "curl" not in check
    assert words["ENTRYPOINT"] == ['["stadtwarn"]'] and words["CMD"] == ['["run"]']


def test_no_token_or_secret_in_any_layer():
    instructions = dockerfile_instructions(ROOT / "Dockerfile")
    declared = " ".join(a for word, a in instructions if word in ("ENV", "ARG", "LABEL"))
    assert not re.search(r"TOKEN|SECRET|REPORT_KEY|PASSWORD", declared)
    copied = [a for word, a in instructions if word in ("COPY", "ADD")]
    assert not any(".env" in a.split() for a in copied)


def test_dockerignore_lets_in_only_what_the_wheel_is_built_from():
    rules = (ROOT / ".dockerignore").read_text("utf-8")
    kept_out = [
        ".git/HEAD",
        ".venv/bin/python",
        ".env",
        "data/stadtwarn.sqlite3",
        "tests/conftest.py",
        "bench/broadcast.py",
        "bot/__pycache__/app.cpython-311.pyc",
        "messages/de/__pycache__/x.pyc",
        ".pytest_cache/v/cache",
        "site/index.html",
    ]
    let_in = ["pyproject.toml", "README.md", "bot/app.py", "handlers/start.py"]
    let_in += ["messages/de/start.html.j2", "bot/city/jena.toml", "bot/flyer/fonts/DejaVuSans.ttf"]
    assert [path for path in kept_out if not dockerignored(rules, path)] == []
    assert [path for path in let_in if dockerignored(rules, path)] == []


def test_the_wheel_carries_every_data_file_the_bot_reads():
    """Each file beside the code (templates, city data, fonts, the detector's model) matches
    a package-data pattern of a package above it, as setuptools resolves them (glob)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    packaged = {
        path
        for package, globs in config["package-data"].items()
        for pattern in globs
        for path in (ROOT / package.replace(".", "/")).glob(pattern)
    }
    missing = []
    for top in ("bot", "handlers", "messages"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            if path not in packaged:
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []
