"""Which language a message is in: English (the documents' language) or another one.

Most of a real English question's words are English words, so that is asked first:
symspellpy's 82,834-word English list, plus the domain words. Only a message that
fails that test goes to lingua (lingua-language-detector, offline, low-accuracy mode:
~50 MB and ~40 µs a message) to name the language, so that a crisis reply can be given
in it. A message too short to tell counts as English: triage's cues for every language
run on every message anyway, and the detected language only chooses the reply.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..text import word_list
from .normalize import english_words

__all__ = ["detect_language"]

# Languages lingua is asked to choose among; the reply falls back to English for the rest.
_LINGUA = ("ENGLISH", "SPANISH", "FRENCH", "GERMAN", "PORTUGUESE", "ITALIAN", "DUTCH", "POLISH", "RUSSIAN",
           "CHINESE", "ARABIC", "HINDI", "TURKISH", "JAPANESE", "UKRAINIAN", "ROMANIAN")
_LETTERS = re.compile(r"[^\W\d_]+")
ENGLISH_SHARE = 0.6  # at least this share of a message's words are English words: English
# English function words that are not words of Spanish, French, German, Portuguese or Italian.
# A question about a rare disease is mostly names ("Is isovaleric acidemia inherited ?"): its
# function words, not its share of dictionary words, say it is English.
_EN_FUNCTION = frozenset(
    "the is are were what how does did can could should would which who why when where my your "
    "with for and of it its this that these those there their have has been about from after you".split())
# (not "was", "will", "im": German words; not "i": an Italian article)


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in _LINGUA)).with_low_accuracy_mode().build()


def english_share(text: str) -> float:
    words = _LETTERS.findall(text.lower())
    if not words:
        return 1.0
    known, domain = english_words(), word_list("domain")
    return sum(w in known or w in domain for w in words) / len(words)


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """An ISO 639-1 code: "en" unless the message is clearly in another language."""
    words = _LETTERS.findall(text.lower())
    if not words or english_share(text) >= ENGLISH_SHARE:
        return "en"
    function = sum(w in _EN_FUNCTION for w in words)
    if function >= 2 or (function == 1 and len(words) <= 8):
        return "en"
    if len(words) < 3 and all(w.isascii() for w in words):
        return "en"  # two Latin-script words cannot be told apart reliably ("nmn dose?" read as Turkish)
    found = _detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else "en"
