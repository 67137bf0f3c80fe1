"""Profiles: national defaults, regional TOML overrides, and clear errors for bad files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfcli.profile import NATIONAL, ProfileError, load_profile

EXAMPLE = Path(__file__).resolve().parent.parent / "profiles" / "example-region.toml"


def test_national_defaults():
    assert load_profile(None) is NATIONAL and load_profile("national") is NATIONAL
    assert NATIONAL.grades == (Decimal(90), Decimal(80), Decimal(60))
    assert NATIONAL.exec_rate_reason_below == Decimal("0.90")
    assert [NATIONAL.grade_for(Decimal(s)) for s in (95, 90, 89.99, 80, 60, 59.5)] == [
        "优", "优", "良", "良", "中", "差",
    ]  # fmt: skip


def test_regional_profile_overrides_some_keys():
    profile = load_profile(str(EXAMPLE))
    assert profile.name == "example-region"
    assert profile.grades == (Decimal(80), Decimal(70), Decimal(60))
    assert profile.reverse_scoring == "linear"
    assert "稳中有进" in profile.vague_words and "稳步提高" in profile.vague_words
    assert profile.over_achievement == NATIONAL.over_achievement
    assert profile.grade_for(Decimal(85)) == "优"
    assert profile.digest() != NATIONAL.digest()


def test_unknown_key_and_missing_file_are_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("grade = [1, 2]\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="grade"):
        load_profile(str(bad))
    with pytest.raises(ProfileError):
        load_profile(str(tmp_path / "missing.toml"))
    broken = tmp_path / "broken.toml"
    broken.write_text("grades = [", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(str(broken))
