"""Scope: does what we retrieved actually address the question's subject?

A passage can score as similar while never speaking of what was asked
("Does NMN cure cancer?" retrieves NMN passages, none about cancer). So every
subject term of the question must be found in the passages we would quote,
by its stem, or failing that by embedding similarity to one of their sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from .retrieve import stems, stopwords, words

if TYPE_CHECKING:
    import numpy as np

# Words that frame a question rather than name its subject: asking whether
# something "helps", "cures" or is "good" is about the relation, and the passages
# that answer it use other verbs. General English, not tuned to any corpus.
FRAMING_WORDS = frozenset("""
    help helps helped helping helpful cure cures cured curing treat treats treated treating work works worked working
    good bad better best worse worst effective effect effects affect affects benefit benefits beneficial
    use used using uses take takes taking took taken make makes made get gets getting got give gives given
    need needs want wants know tell say says said find found show shows shown mean means really actually
    exactly proper properly real truly anything something thing things way ways kind sort lot lots much many
    ok okay fine true false possible likely able actual certain supposed going gonna wanna
    people person someone anyone everyone body doctor doctors guys
    question questions answer information info explain explanation happen happens happened
    try tried trying start started stop stopped keep continue safe safety risk risks risky
    study studies research evidence science scientific proof proven prove trial trials
    year years day days week weeks month months time times long often
    nmnbot bot
    also even still just maybe perhaps please thanks thank hi hello hey
""".split())


@dataclass(frozen=True)
class TermCheck:
    term: str
    nearest: str  # the closest word in the passages ("" when found by stem)
    similarity: float  # 1.0 when found by stem


@dataclass(frozen=True)
class Coverage:
    terms: tuple[str, ...]  # the question's subject terms
    checks: tuple[TermCheck, ...]  # one per term not found by stem
    missing: tuple[str, ...]  # terms the passages do not address
    salience: float  # how much of the question's meaning the missing terms carry

    @property
    def covered(self) -> bool:
        return not self.missing


def subject_terms(question: str) -> list[str]:
    """Content words of the question that name what it is about, one per stem, in order."""
    seen: set[str] = set()
    out: list[str] = []
    acronyms = {a.lower() for a in re.findall(r"\b[A-Z][A-Z0-9]{1,5}\b", question)}  # NR, UV, HIV
    for w in words(question):
        w = re.sub(r"'s?$", "", w)
        if w in acronyms and w not in FRAMING_WORDS and w not in stopwords() and w not in _general_stopwords():
            st = stems(w) or [w]
            if st[0] not in seen:
                seen.add(st[0])
                out.append(w)
            continue
        if len(w) < 3 or w in stopwords() or w in _general_stopwords() or w in FRAMING_WORDS or w.isdigit():
            continue
        if re.fullmatch(r"[\d.,]+[a-z]{0,3}", w):  # 250mg, 12wk: amounts are not subjects
            continue
        st = stems(w)
        if not st or st[0] in seen or st[0] in _FRAMING_STEMS():
            continue
        seen.add(st[0])
        out.append(w)
    return out


_framing_stems: frozenset[str] | None = None


@lru_cache(maxsize=1)
def _general_stopwords() -> frozenset[str]:
    """stopwords-iso's English list (1,298 words: 'went', 'instead', 'sometimes' ...).
    Too broad for BM25, right for deciding which words name a question's subject."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("en"))


def _FRAMING_STEMS() -> frozenset[str]:
    global _framing_stems
    if _framing_stems is None:
        from .retrieve import _stemmer

        _framing_stems = frozenset(_stemmer().stemWords(list(FRAMING_WORDS)))
    return _framing_stems


def vocabulary(text: str) -> set[str]:
    """The words of a text worth a vector: the lookup table for near-synonyms."""
    return {w for w in words(text) if len(w) > 2 and w not in stopwords() and not w[0].isdigit()}


def _prefix_match(stem: str, present: set[str]) -> bool:
    """'japanes' ~ 'japan', 'regrow' ~ 'regrowth': one stem extends the other."""
    if len(stem) < 5:
        return False
    return any(
        len(p) >= 5 and (p.startswith(stem) or stem.startswith(p)) and min(len(p), len(stem)) / max(len(p), len(stem)) >= 0.7
        for p in present
    )


def lexical_gaps(terms: Sequence[str], passage_texts: Sequence[str]) -> list[str]:
    """Terms whose stem (or a near-identical stem) appears nowhere in the passages."""
    present: set[str] = set()
    for text in passage_texts:
        present.update(stems(text))
    out = []
    for term in terms:
        st = stems(term)
        if not st or st[0] in present or _prefix_match(st[0], present):
            continue
        out.append(term)
    return out


def nearest_words(gaps: Sequence[str], gap_vectors: "np.ndarray", vocab: Sequence[str], vocab_vectors: "np.ndarray") -> list[TermCheck]:
    """For each gap term, the passage word closest in meaning ('stamina' -> 'endurance')."""
    out = []
    for i, term in enumerate(gaps):
        if len(vocab) == 0:
            out.append(TermCheck(term, "", 0.0))
            continue
        sims = vocab_vectors @ gap_vectors[i]
        j = int(sims.argmax())
        out.append(TermCheck(term, vocab[j], float(sims[j])))
    return out


def without_terms(question: str, terms: Sequence[str]) -> str:
    """The question with the given terms cut out, to measure how much they carry."""
    out = question
    for t in terms:
        out = re.sub(r"(?<![\w])" + re.escape(t) + r"(?:'s|’s)?(?![\w])", " ", out, flags=re.IGNORECASE)
    return " ".join(out.split())


def assess(
    question: str,
    terms: Sequence[str],
    question_vector: "np.ndarray",
    passage_texts: Sequence[str],
    word_vectors: Callable[[Sequence[str]], tuple[list[str], "np.ndarray"]],
    encode: Callable[[Sequence[str]], "np.ndarray"],
    min_word_cosine: float,
    min_salience: float,
) -> Coverage:
    """Are the question's subject terms addressed by these passages?

    A term counts as addressed when its stem is in the passages, or a passage word
    is close in meaning (>= min_word_cosine). Terms that are neither only sink the
    answer when they carry the question: cutting them out moves the question's
    embedding by at least min_salience (so 'in the first place' does not count,
    'cancer' in 'Does NMN cure cancer?' does)."""
    gaps = lexical_gaps(terms, passage_texts)
    if not gaps:
        return Coverage(tuple(terms), (), (), 0.0)
    vocab_set: set[str] = set()
    for text in passage_texts:
        vocab_set.update(vocabulary(text))
    vocab, vocab_vectors = word_vectors(sorted(vocab_set))
    checks = nearest_words(gaps, encode(list(gaps)), vocab, vocab_vectors)
    weak = [c.term for c in checks if c.similarity < min_word_cosine]
    if not weak:
        return Coverage(tuple(terms), tuple(checks), (), 0.0)
    reduced = without_terms(question, weak)
    salience = 1.0 - float(encode([reduced])[0] @ question_vector) if reduced else 1.0
    missing = tuple(weak) if salience >= min_salience else ()
    return Coverage(tuple(terms), tuple(checks), missing, salience)
