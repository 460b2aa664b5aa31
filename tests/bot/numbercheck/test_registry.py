"""Registry: normalisation, exact beats block, longest prefix, clear errors."""

import pytest

from bot.numbercheck import NumberRegistry


def entry(**kw):
    return {"owner": "Stadt", "source": "test", **kw}


def key(registry, digits):
    match = registry.lookup_key(digits)
    return None if match is None else (match.entry.written, match.exact)


def test_exact_and_block_normalise_all_written_forms():
    reg = NumberRegistry.from_config(
        [entry(number="+49 (0) 3641 49-0"), entry(prefix="0049 3641 49")]
    )
    assert key(reg, "493641490") == ("+49 (0) 3641 49-0", True)
    assert key(reg, "493641492006") == ("0049 3641 49", False)
    assert key(reg, "493641233979") is None


def test_exact_beats_block_and_longest_prefix_wins():
    reg = NumberRegistry.from_config(
        [
            entry(prefix="03641 49"),
            entry(prefix="03641 49-37"),
            entry(number="03641 49-3748", department="exact"),
        ]
    )
    assert key(reg, "493641493748") == ("03641 49-3748", True)
    assert key(reg, "493641493799") == ("03641 49-37", False)
    assert key(reg, "493641492255") == ("03641 49", False)
    assert len(reg) == 3


def test_block_does_not_match_shorter_number():
    reg = NumberRegistry.from_config([entry(prefix="03641 49-37")])
    assert reg.lookup_key("4936414") is None


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            [entry(number=n) for n in ("03641 49-0", "03641 233979", "0152 07168792", "0364x")],
            "official_numbers[3].number: '0364x' is not a phone number",
        ),
        ([entry(number="03641 4")], "official_numbers[0].number: '03641 4' is not a phone number"),
        ([entry(number="")], "official_numbers[0].number: is missing or empty"),
        ([entry(number=3641490)], "official_numbers[0].number: must be text, got int"),
        ([{"number": "03641 49-0", "source": "x"}], "official_numbers[0].owner: is missing"),
        ([{"number": "03641 49-0", "owner": "x"}], "official_numbers[0].source: is missing"),
        ([entry()], "official_numbers[0]: needs exactly one of 'number'"),
        ([entry(number="03641 490", prefix="03641 49")], "needs exactly one of"),
        ([entry(prefix="03641")], "official_numbers[0].prefix: '03641' a block must be longer"),
        ([entry(prefix="+49 3")], "official_numbers[0].prefix: '+49 3' is not a phone number"),
        ([entry(number="110")], "official_numbers[0].number: '110' is an emergency number"),
        (
            [entry(number="03641 49-0"), entry(number="+49 3641 490")],
            "official_numbers[1]: '+49 3641 490' duplicates official_numbers[0]",
        ),
        (["03641 49-0"], "official_numbers[0]: must be a table, got str"),
    ],
)
def test_bad_entries_raise_clear_errors(items, message):
    with pytest.raises(ValueError) as excinfo:
        NumberRegistry.from_config(items)
    assert message in str(excinfo.value)


def test_fragment_builds(fragment):
    reg = NumberRegistry.from_config(fragment["official_numbers"])
    assert len(reg) == len(fragment["official_numbers"])
    for item in fragment["official_numbers"]:
        assert item["source"].strip()
    assert key(reg, "493641233979") == ("03641 233979", True)
    assert key(reg, "4915207168792") == ("0152 07168792", True)
