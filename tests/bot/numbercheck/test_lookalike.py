"""Look-alike domains from a generator we did not write (dnstwist), and real local sites."""

from collections import Counter

import ada_url
import dnstwist
import pytest

from bot.city.data import load_city
from bot.numbercheck.lookalike import LookalikeReason, lookalike_reason, skeleton
from bot.settings import BUNDLED_CITY_PATH

CITY = load_city(BUNDLED_CITY_PATH)
OFFICIAL = frozenset(CITY.official_domains)


@pytest.mark.slow
@pytest.mark.parametrize("domain", sorted(OFFICIAL))
def test_dnstwist_permutations_are_flagged(domain):
    fuzzer = dnstwist.Fuzzer(domain)
    fuzzer.generate()
    cases, flagged = Counter(), Counter()
    for permutation in fuzzer.domains:
        host = ada_url.idna_to_unicode(permutation["domain"])
        if permutation["fuzzer"] == "*original" or any(
            host == d or host.endswith("." + d) for d in OFFICIAL
        ):
            continue  # the domain itself, or really under an official domain
        cases[permutation["fuzzer"]] += 1
        flagged[permutation["fuzzer"]] += lookalike_reason(host, OFFICIAL) is not None
    shares = {name: flagged[name] / count for name, count in cases.items()}
    assert min(shares.values()) >= 0.9, shares


@pytest.mark.parametrize(
    "host",
    [
        # s-jena.de (Sparkasse) is one letter from jena.de: only the city data's list of local
        # sites keeps it from being called fake (tests/handlers/test_check_safety.py)
        *(site.domain for site in CITY.local_sites if site.domain != "s-jena.de"),
        "jenakultur.de",
        "jenaer-nahverkehr.de",
        "thueringen.de",
        "stadtwerke-gera.de",
        "polizei.sachsen.de",
        "leipzig.de",
        "gmail.com",
    ],
)
def test_real_sites_are_not_lookalikes(host):
    assert lookalike_reason(host, OFFICIAL) is None


def test_a_listed_local_site_may_look_like_an_official_one():
    assert lookalike_reason("s-jena.de", OFFICIAL) is LookalikeReason.TYPO


def test_skeleton_maps_other_alphabets_and_accents_to_latin():
    assert skeleton("jеna.de") == "jena.de"  # Cyrillic е
    assert skeleton("jéna.de") == "jena.de"
    assert skeleton("ｊｅｎａ.de") == "jena.de"
