"""Tests for nmnbot.config: one Settings object, environment overrides, clear errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from nmnbot.config import Settings
from nmnbot.errors import NmnbotError


def test_environment_overrides_each_kind_of_field() -> None:
    env = {"NMNBOT_PORT": "8000", "NMNBOT_HOST": "0.0.0.0", "NMNBOT_MIN_WORD_COSINE": "0.7",
           "NMNBOT_ALLOWED_ORIGINS": "https://a.example, https://b.example", "NMNBOT_CORPUS_DIR": "docs",
           "NMNBOT_TEST_PAUSE": "before-commit=1"}
    s = Settings.from_env(environ=env)
    assert (s.port, s.host, s.min_word_cosine) == (8000, "0.0.0.0", 0.7)
    assert s.allowed_origins == ("https://a.example", "https://b.example")
    assert s.corpus_dir == Path("docs") and s.test_pause == "before-commit=1"


def test_keyword_arguments_win_over_the_environment() -> None:
    s = Settings.from_env(environ={"NMNBOT_PORT": "8000"}, port=9000, index_dir="elsewhere")
    assert s.port == 9000 and s.index_dir == Path("elsewhere")


def test_a_bad_value_is_one_clear_error() -> None:
    with pytest.raises(NmnbotError, match="NMNBOT_PORT='eighty' is not a valid int"):
        Settings.from_env(environ={"NMNBOT_PORT": "eighty"})


def test_structured_settings_are_not_read_from_the_environment() -> None:
    s = Settings.from_env(environ={"NMNBOT_STUDY_BONUS": "oops"})
    assert s.study_bonus == Settings().study_bonus


def test_settings_are_frozen_and_hashable() -> None:
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.port = 1  # type: ignore[misc]
    assert hash(s) == hash(Settings())


def test_chunking_fingerprint_names_what_forces_a_rebuild() -> None:
    assert set(Settings().chunking_fingerprint()) == {"passage_max_chars", "min_quote_chars", "file_types"}
