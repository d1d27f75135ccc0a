"""Tests for nmnbot.pipeline.normalize: how triage reads the ways people write risk."""

from __future__ import annotations

import pytest

from nmnbot.pipeline.normalize import normalize, squash


@pytest.mark.parametrize(("raw", "read"), [
    ("I want to DIIIIEEEE", "i want to die"),
    ("k1ll mys3lf", "kill myself"),
    ("ki\u200bll myself", "kill myself"),
    ("\uff4b\uff4d\uff53", "kill myself"),  # full-width "kms", then the slang
    ("he unalived himself", "he killed himself"),
    ("thinking about unaliving", "thinking about dying"),
    ("lowkey wanna unalive", "lowkey want to die"),
    ("sewerslide thoughts again", "suicide thoughts again"),
    ("gonna kms", "going to kill myself"),
    ("thinking about sucide", "thinking about suicide"),  # misspelt: corrected to the lexicon
    ("i overdozed on my pils", "i overdosed on my pills"),
    ("kil myslef", "kill myself"),
    ("my chst hurts and breating is hard", "my chest hurts and breathing is hard"),
])
def test_risk_is_read_plainly(raw: str, read: str) -> None:
    assert normalize(raw) == read


@pytest.mark.parametrize("text", [
    "take 250 mg of nmn!", "does minoxidil help alopecia", "my exosome session", "i feel sleepy",
    "finasteride and sertraline together?",
    # a brand name one edit from a risk word, and American -yze spellings ("analyzed" was "paralyzed")
    "would aleve or tylenol be best for the pain", "my bloods were analyzed", "he is paralyzed on one side",
])
def test_real_and_domain_words_are_never_corrected(text: str) -> None:
    assert normalize(text) == text


def test_no_spelling_correction_outside_english() -> None:
    # "dije" (Spanish, "I said") is one edit from "die": it must stay what it is
    assert normalize("le dije que no", english=False) == "le dije que no"
    assert squash("QUIERO MORIR") == "quiero morir"


def test_look_alike_letters_are_folded_only_inside_latin_words() -> None:
    # "dіe" with a Cyrillic і is the English word; a Russian or Greek message keeps its own letters
    # (block V: "ничего не хочется" had become "ничeгo нe xoчetcя", and no Russian cue could match it)
    assert normalize("i want to d\u0456e") == "i want to die"
    assert normalize("мне ничего не хочется", english=False) == "мне ничего не хочется"
    assert squash("Είμαι πολύ κουρασμένος") == "είμαι πολύ κουρασμένος"
