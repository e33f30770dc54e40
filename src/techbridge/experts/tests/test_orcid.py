"""ORCID iDs: the ISO 7064 MOD 11-2 check digit decides, whatever the iD is written as."""

from __future__ import annotations

import pytest

from techbridge.experts.orcid import check_character, normalise_orcid


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("0000 0002 1825 0097", "0000-0002-1825-0097"),
        ("000000021825009 7", "0000-0002-1825-0097"),
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),  # check character ten, written X
        (" orcid.org/0000-0001-5109-3700 ", "0000-0001-5109-3700"),
    ],
)
def test_valid_ids_are_stored_in_four_groups(written: str, stored: str) -> None:
    assert normalise_orcid(written) == stored


@pytest.mark.parametrize(
    "written",
    [
        "0000-0002-1825-0098",  # check digit off by one
        "0000-0002-1825-009X",
        "0000-0002-1694-2339",
        "0000-0002-1825-009",  # fifteen characters
        "0000-0002-1825-00977",
        "0000-000A-1825-0097",
        "",
        "https://example.org/0000-0002-1825-0097",
    ],
)
def test_invalid_ids_are_refused(written: str) -> None:
    with pytest.raises(ValueError):
        normalise_orcid(written)


def test_the_check_character_of_the_documented_example() -> None:
    # ORCID's own worked example: 0000-0002-1825-009 → 7.
    assert check_character("000000021825009") == "7"
    assert check_character("000000021694233") == "X"
