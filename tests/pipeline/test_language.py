"""Tests for nmnbot.pipeline.language: English unless a message is clearly in another language."""

from __future__ import annotations

import pytest

from nmnbot.pipeline.language import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Does NMN help with hair loss?", "en"),
    ("nmn dose?", "en"),  # too short to tell: English, so it is answered
    ("kms", "en"),
    ("What is (are) Preterm Labor ?", "en"),
    ("necesito ayuda, I think I took too many pills", "en"),
    ("quiero saber si el NMN ayuda con la caída del pelo", "es"),
    ("je veux mourir, je n'en peux plus", "fr"),
    ("ich will nicht mehr leben, es hat alles keinen Sinn", "de"),
    ("我不想活了", "zh"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
