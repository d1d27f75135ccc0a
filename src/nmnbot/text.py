"""Words at the bottom of the house: the one tokenizer, stemmer and stopword source.

Every stage that splits text into words, stems them or asks whether a word is a
stopword comes here, so BM25, the coverage check, follow-up detection and triage
agree on what a word is. Word lists are data files in ``rules/words/``. This
module imports nothing else of nmnbot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "APOSTROPHES", "INVISIBLE", "POINTS_BACK", "SURROGATE", "WORD", "ends_sentence", "first_match", "general_stopwords",
    "stem_words", "stems", "stopwords", "vocabulary", "word_list", "words",
]

WORDS_DIR = Path(__file__).with_name("rules") / "words"

# The tokenizer: a word is letters and digits, with inner apostrophes, hyphens and '+'
# ("it's", "follow-up", "NAD+"); matched case-insensitively, returned lower-cased.
WORD = re.compile(r"[a-z0-9][a-z0-9+'’\-]*[a-z0-9+]|[a-z0-9]", re.IGNORECASE)

# Bidi overrides, zero-width and other invisible format characters carry no meaning in a
# question and can hide text; C0 controls (NUL ...) are never part of one.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
SURROGATE = re.compile("[\ud800-\udfff]")
# Curly and other look-alike apostrophes, read as "'".
APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

# A sentence opening like this leans on the one before it for its subject
# ("It can cause ...", "The study found ..."): it is embedded and quoted with that one.
POINTS_BACK = re.compile(
    r"^(The (study|studies|researchers?|team|trial|results?|experiment)|They|These|This|Those|It|Its|He|She)\b")

# Closing punctuation, maybe inside closing quotes or brackets ("... end.”", "(... end.)").
_END_MARK = r"[.!?;:…]['\"”’)\]]*"
_ENDS = re.compile(_END_MARK + r"\s*$")
_ENDS_OR_FOOTNOTE = re.compile(rf"(?:{_END_MARK}|[.!?]\d{{1,3}})\s*$")  # "... United States.1"
_ENDS_OR_COMMA = re.compile(r"[.!?;,:]['\"”’)]*\s*$")
_ENDS_OR_BRACKET = re.compile(r"[.!?:;\"”)\]]\s*$")


def ends_sentence(text: str, *, footnote: bool = False, comma: bool = False, bracket: bool = False) -> bool:
    """Does ``text`` end as a sentence does?

    One test with three named allowances, because the callers ask three questions:
    a footnote number after the stop still closes a quote ("... States.1"); a line
    ending in a comma is not a heading; a closing quote or bracket alone ends a line
    of plain text for the hard-wrap check."""
    if comma:
        return bool(_ENDS_OR_COMMA.search(text))
    if bracket:
        return bool(_ENDS_OR_BRACKET.search(text))
    return bool((_ENDS_OR_FOOTNOTE if footnote else _ENDS).search(text))


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, with ’ read as '."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def stem_words(ws: Iterable[str]) -> list[str]:
    """Snowball stems of the given words, one for one."""
    return list(_stemmer().stemWords(list(ws)))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The retrieval stopwords: bm25s's English list plus modal verbs. BM25, stems and the
    corpus vocabulary use these."""
    return frozenset(_bm25s_stopwords()) | {"could", "would", "might", "may", "must", "shall", "i'm", "also", "us"}


def _bm25s_stopwords() -> tuple[str, ...]:
    """bm25s's STOPWORDS_EN_PLUS, read from its data module alone: importing ``bm25s.stopwords``
    runs the package's __init__, which imports scipy.sparse (0.1 s of a new process's first
    answer, issue 20); answering from a stored BM25 state needs neither."""
    import importlib.util
    import sys

    if "bm25s" in sys.modules:
        from bm25s.stopwords import STOPWORDS_EN_PLUS

        return tuple(STOPWORDS_EN_PLUS)
    package = importlib.util.find_spec("bm25s")  # finds, does not import
    if package is None or package.origin is None:
        raise ImportError("bm25s is not installed")
    spec = importlib.util.spec_from_file_location("_bm25s_stopwords", Path(package.origin).with_name("stopwords.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.STOPWORDS_EN_PLUS)


@lru_cache(maxsize=1)
def general_stopwords() -> frozenset[str]:
    """stopwords-iso's English list (1,298 words: 'went', 'instead', 'sometimes' ...). Too
    broad for BM25, right for deciding which words of a question name its subject."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("en"))


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A word list from rules/words/<name>.txt (one word per line, '#' comments)."""
    lines = (WORDS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines for w in line.split("#", 1)[0].split())


def stems(text: str) -> list[str]:
    """Content-word stems: lower-cased, stopwords out, Snowball-stemmed, possessives cut."""
    return list(_stems(text))


@lru_cache(maxsize=100_000)
def _stems(text: str) -> tuple[str, ...]:  # passages and sentences recur across questions
    ws = [re.sub(r"'s?$", "", w) for w in words(text)]
    return tuple(_stemmer().stemWords([w for w in ws if w and w not in stopwords()]))


def vocabulary(text: str) -> set[str]:
    """The words of a text worth a vector: the lookup table for near-synonyms."""
    return {w for w in words(text) if len(w) > 2 and w not in stopwords() and not w[0].isdigit()}


def first_match(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The first of ``patterns`` (in order) that matches ``text``."""
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None
