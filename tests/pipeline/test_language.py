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


@pytest.mark.parametrize("text", [
    "Is isovaleric acidemia inherited ?",
    "What causes Ehlers-Danlos syndrome, kyphoscoliosis type ?",
    "Is Mayer-Rokitansky-Kster-Hauser syndrome inherited ?",
    "What is (are) Buschke Lowenstein tumor ?",
])
def test_a_question_about_a_rare_disease_is_english_though_most_words_are_names(text: str) -> None:
    assert detect_language(text) == "en"


def test_almost_every_medquad_question_is_english() -> None:
    """16,407 real English questions, many about diseases with Latin or Greek names: a
    non-English reply refuses them, so at most 0.1% may be called another language."""
    import json

    from nmnbot.config import Settings

    questions = [json.loads(line)["question"]
                 for line in (Settings().medquad_dir / "questions.jsonl").read_text().splitlines() if line.strip()]
    other = [q for q in questions if detect_language(q) != "en"]
    assert len(other) <= 0.001 * len(questions), other[:20]
