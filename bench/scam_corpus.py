"""The scam corpus (bench/data/scam_corpus/): load it, check every case, and fix its split once.

    .venv/bin/python bench/scam_corpus.py check   # every case valid; counts per language/family
    .venv/bin/python bench/scam_corpus.py split   # give new cases a split (existing ones keep it)

The split is stratified by label and family with a fixed seed: within each (label, family),
new cases are ordered by a seeded hash of their id and dealt out so that the group's shares
come as close as they can to 70 % train, 15 % dev and 15 % test. A case once placed never moves.
Exit status: 0, 1 for a bad case, 2 for an unknown command, 141 if the reader of the output goes
away (`| head`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "scam_corpus"
SPLIT_FILE = CORPUS / "split.json"
SEED = "stadtwarn-scam-corpus-2026-12"
SHARES = {"train": 0.70, "dev": 0.15, "test": 0.15}

LABELS = ("scam", "honest")
LANGUAGES = ("de", "en", "uk", "ru", "tr", "ar")
CHANNELS = ("call", "message", "email", "door", "letter", "web", "article")
FORMS = ("original", "retelling", "typos", "lowercase", "voice", "forwarded", "mixed")
DERIVATIONS = ("quoted", "written after")
SCAM_FAMILIES = (
    "shock_call", "grandchild_trick", "hello_mum", "fake_police", "fake_officials",
    "fake_utility", "appointment_resale", "messenger_code", "authority_robocall",
    "bank_phishing", "bank_phone", "parcel_sms", "customs", "health_insurance", "tax_refund",
    "broadcasting_fee", "benefits", "classifieds_safe_pay", "fake_job", "romance",
    "crypto_investment", "tech_support", "account_phishing", "ticket_travel", "prize_lottery",
    "advance_fee", "fake_shop", "rental", "sextortion",
)  # fmt: skip
HONEST_FAMILIES = (
    "bank_notice", "city_notice", "utility_notice", "police_advice", "police_press",
    "news_article", "family_money", "family_pin", "family_accident", "family_new_phone",
    "family_tech_help", "appointment_confirmation", "parcel_notice", "service_notice",
    "everyday",
)  # fmt: skip
MAX_TEXT = 1200


@dataclass(frozen=True)
class Case:
    id: str
    label: str
    family: str
    language: str
    channel: str
    form: str
    text: str
    source: str
    derivation: str

    @property
    def scam(self) -> bool:
        return self.label == "scam"


def problems(raw: dict) -> list[str]:
    """What is wrong with one case as read from a line (empty: nothing)."""
    found = []
    fields = set(Case.__dataclass_fields__)
    if set(raw) != fields:
        found.append(f"fields {sorted(set(raw) ^ fields)} missing or extra")
        return found
    if not all(isinstance(raw[k], str) and raw[k].strip() for k in fields):
        found.append("every field is a non-empty string")
        return found
    families = SCAM_FAMILIES if raw["label"] == "scam" else HONEST_FAMILIES
    checks = [
        (raw["label"] in LABELS, f"label {raw['label']!r}"),
        (raw["family"] in families, f"family {raw['family']!r} for {raw['label']}"),
        (raw["language"] in LANGUAGES, f"language {raw['language']!r}"),
        (raw["channel"] in CHANNELS, f"channel {raw['channel']!r}"),
        (raw["form"] in FORMS, f"form {raw['form']!r}"),
        (raw["derivation"] in DERIVATIONS, f"derivation {raw['derivation']!r}"),
        (raw["source"].startswith(("https://", "http://")), "source is not a URL"),
        (len(raw["text"]) <= MAX_TEXT, f"text longer than {MAX_TEXT}"),
    ]
    return [message for ok, message in checks if not ok]


def load(corpus: Path = CORPUS) -> list[Case]:
    """Every case of every slice, in file and line order; raises ValueError on a bad one."""
    cases: list[Case] = []
    seen: set[str] = set()
    errors: list[str] = []
    for path in sorted(corpus.glob("*.jsonl")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                errors.append(f"{where}: not JSON ({error})")
                continue
            wrong = problems(raw) if isinstance(raw, dict) else ["not an object"]
            if not wrong and raw["id"] in seen:
                wrong = [f"id {raw['id']!r} twice"]
            if wrong:
                errors.append(f"{where}: {'; '.join(wrong)}")
                continue
            seen.add(raw["id"])
            cases.append(Case(**raw))
    if errors:
        raise ValueError("\n".join(errors))
    return cases


def splits(corpus: Path = CORPUS) -> dict[str, str]:
    """id -> train/dev/test, as fixed in split.json."""
    path = corpus / "split.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def in_split(cases: list[Case], name: str, corpus: Path = CORPUS) -> list[Case]:
    assigned = splits(corpus)
    return [c for c in cases if assigned.get(c.id) == name]


def _order(case_id: str) -> str:
    return hashlib.sha256(f"{SEED}:{case_id}".encode()).hexdigest()


def assign(cases: list[Case], assigned: dict[str, str]) -> dict[str, str]:
    """`assigned` plus a split for every new case, stratified by (label, family)."""
    result = dict(assigned)
    groups: dict[tuple[str, str], list[Case]] = {}
    for case in cases:
        groups.setdefault((case.label, case.family), []).append(case)
    for members in groups.values():
        have = Counter(result[c.id] for c in members if c.id in result)
        for case in sorted((c for c in members if c.id not in result), key=lambda c: _order(c.id)):
            total = sum(have.values()) + 1
            # the split furthest below its share takes the case
            name = max(SHARES, key=lambda s: (SHARES[s] * total - have[s], -list(SHARES).index(s)))
            result[case.id] = name
            have[name] += 1
    return result


def _report(cases: list[Case]) -> None:
    by = Counter((c.language, c.label) for c in cases)
    print("cases:", len(cases))
    for language in LANGUAGES:
        print(f"  {language}: {by[(language, 'scam')]} scam, {by[(language, 'honest')]} honest")
    families = Counter((c.label, c.family) for c in cases)
    for (label, family), count in sorted(families.items()):
        print(f"  {label:6} {family:22} {count}")
    forms = Counter(c.form for c in cases)
    print("  forms:", dict(sorted(forms.items())))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    try:
        cases = load()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    if command == "check":
        _report(cases)
        return 0
    if command == "split":
        result = assign(cases, splits())
        SPLIT_FILE.write_text(json.dumps(result, indent=0, sort_keys=True) + "\n", "utf-8")
        print(Counter(result.values()))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench._cli import exit_with

    exit_with(lambda: main(sys.argv[1:]))
