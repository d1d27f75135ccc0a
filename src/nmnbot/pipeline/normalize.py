"""Normalise a message before triage reads it: the ways people write risk, read plainly.

Lower case, NFKC, invisible characters out, Cyrillic and Greek look-alikes mapped,
leetspeak and stretched letters undone ("k1ll", "diiieee"), self-harm slang and its
inflections read as plain words ("unalived", "sewerslide", rules/words/slang.txt), and
misspellings of the words triage must recognise corrected ("sucide", "overdoze") with
symspellpy against a small lexicon (rules/words/risk_lexicon.txt), only for tokens that
are not English words (symspellpy's bundled frequency list) and not domain words. A
general spelling corrector is not used: it reads "kil myslef" as "oil myself".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..text import APOSTROPHES, INVISIBLE, WORDS_DIR, word_list

__all__ = ["english_words", "normalize", "squash"]

# Leetspeak is only undone between letters ("k1ll", "d!e") or at a word start
# before letters ("5uicide"), so "250 mg" and a closing "!" are left alone.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
_LEET_INSIDE = re.compile(r"(?<=[a-z])[013457@$!|](?=[a-z])")
_LEET_START = re.compile(r"(?<![a-z0-9])[013457@$](?=[a-z]{2})")
_LEET_END = re.compile(r"(?<=[a-z])[0134]\b")  # "t0", "d13": a digit closing a word of letters
_RUNS = re.compile(r"([a-z])\1{2,}")
# Cyrillic and Greek look-alikes that NFKC leaves alone ("dіe" with a Cyrillic і). Only in a word
# that also has Latin letters: a Russian or Greek message is left in its own script (folding every
# "е" and "о" turned "ничего не хочется" into "ничeгo нe xoчetcя" for the cues and the model alike).
_HOMOGLYPHS = str.maketrans("аеорсухіјѕԁкмтвαεικνορτυ", "aeopcyxijsdkmtbaeikvoptu")
_MIXED_WORD = re.compile(r"\w*[a-z]\w*")
# "k i l l" -> "kill": three or more single letters in a row are one spaced-out word.
_SPACED_LETTERS = re.compile(r"\b(?:[a-z] ){2,}[a-z]\b")
# Text-speak "2" for "to" after verbs of wanting ("want 2 die").
_TWO_FOR_TO = re.compile(r"\b(want|wanna|need|going|gonna|ready|like|have) 2\b")
_LETTER_RUN = re.compile(r"[a-z]+")  # stretched letters are squeezed per run of letters
_SPACES = re.compile(r"\s+")

# Stretched spellings ("diiieee", "kiiill", "myyyself") are mapped back to these
# words when both squeeze to the same letters; the list is short on purpose so
# that ordinary doubled letters ("feel", "sleep") are never rewritten.
_KEY_WORDS = (
    "die", "dead", "dying", "kill", "killing", "myself", "suicide", "suicidal",
    "alive", "unalive", "live", "living", "life", "end", "want", "wanna", "anymore",
    "hurt", "please", "help", "gone",
)


def _squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


_SQUEEZED_KEYS = {_squeeze(w): w for w in _KEY_WORDS}


def _restore_key_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _SQUEEZED_KEYS.values():
        return word
    return _SQUEEZED_KEYS.get(_squeeze(word), word)


def squash(text: str) -> str:
    """Lowercase, NFKC, no invisible characters, no leetspeak, no stretched letters."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text).translate(APOSTROPHES).lower()
    text = _MIXED_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), text)
    text = _LEET_INSIDE.sub(lambda m: _LEET[m.group(0)], text)
    text = _LEET_START.sub(lambda m: _LEET[m.group(0)], text)
    text = _LEET_END.sub(lambda m: _LEET[m.group(0)], text)
    text = _RUNS.sub(r"\1\1", text)  # "sooooo" -> "soo"; keeps real double letters
    text = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = _TWO_FOR_TO.sub(r"\1 to", text)
    text = _LETTER_RUN.sub(_restore_key_word, text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _slang() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = []
    for line in (WORDS_DIR / "slang.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "=>" in line:
            phrase, meaning = (part.strip() for part in line.split("=>", 1))
            pairs.append((re.compile(r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])"), meaning))
    pairs.sort(key=lambda p: -len(p[0].pattern))  # longer phrases first ("kill my self" before "kil")
    return tuple(pairs)


def read_slang(text: str) -> str:
    """Slang, euphemisms and fixed misspellings as their plain words."""
    for pattern, meaning in _slang():
        text = pattern.sub(meaning, text)
    return text


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The 82,834 words of symspellpy's bundled English frequency list: a token here is a
    real word and is never corrected."""
    from importlib.resources import files

    path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    return frozenset(line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())


@lru_cache(maxsize=1)
def _speller() -> Any:
    from symspellpy import SymSpell

    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word in word_list("risk_lexicon"):
        speller.create_dictionary_entry(word, 1)
    return speller


_TOKEN = re.compile(r"[a-z]{4,}")
_BRITISH = re.compile(r"([yi])z(?=e|ed|es|ing|ation|ations)")


def correct_spelling(text: str) -> str:
    """Misspelt risk words corrected: only tokens of 4+ letters that are neither English words
    nor domain words, to a lexicon word within 1 edit (2 edits for words of 8+ letters)."""
    from symspellpy import Verbosity

    known, domain, speller = english_words(), word_list("domain"), _speller()

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in known or token in domain or _BRITISH.sub(r"\1s", token) in known:
            return token  # the list spells -yse/-ise: "analyzed" is "analysed", not "paralyzed"
        # One edit (a transposition counts as one); two only for long words: "nodosa" is two
        # edits from "noose", and a medical term must not become a risk word.
        hits = speller.lookup(token, Verbosity.CLOSEST, max_edit_distance=1 if len(token) < 8 else 2)
        return hits[0].term if hits else token

    return _TOKEN.sub(fix, text)


# "dying my hair darker": dyeing, misspelt, and a real word the speller leaves alone (block Q)
_DYEING = re.compile(r"\bdying(?= (?:\w+ )?(?:hair|roots|beard|brows|eyebrows|lashes|greys?|grays?)\b)")


def normalize(text: str, english: bool = True) -> str:
    """The message as triage reads it. Spelling is corrected only in English text: the
    lexicon is English, and a Spanish or German word must not be "corrected" into one."""
    text = read_slang(squash(text))
    if english:
        text = _DYEING.sub("dyeing", correct_spelling(text))
    return _SPACES.sub(" ", text).strip()
