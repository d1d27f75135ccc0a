"""Coverage: do the retrieved passages address the question's subject? The one place
that decides abstention.

A passage can score as similar while never speaking of what was asked ("Does NMN
cure cancer?" retrieves NMN passages, none about cancer). So the answer is refused
(``not_found``) when no passage is close at all, when a subject term of the question
is neither in the passages (by stem) nor close in meaning to a word there, or when
nothing quotable is left (only advertising matched, or the files changed). Every
reason is an ``Abstain`` value; the thresholds are in Settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from ..config import Settings
from ..text import (
    general_stopwords,
    stem_words,
    stems,
    stopwords,
    vocabulary,
    word_list,
    words,
)

if TYPE_CHECKING:
    import numpy as np

    from .retrieve import ScoredPassage


class Abstain(str, Enum):
    """Why a question gets ``not_found``."""

    NOTHING_TO_SEARCH = "nothing left to search for once instructions were removed"
    NO_CLOSE_PASSAGE = "no passage is close to the question"
    SUBJECT_MISSING = "not addressed"
    ONLY_ADVERTISING = "only advertising matched"
    SOURCES_CHANGED = "sources changed since the index was built; run nmnbot ingest"
    ANSWER_MISSING = "not given"


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
    contrast: float = 0.0  # how much closer the question comes to its nearest sentence without them

    @property
    def covered(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Verdict:
    """Whether the retrieved passages address the question, and if not, why."""

    abstain: Abstain | None
    coverage: Coverage | None = None

    @property
    def note(self) -> str:
        if self.abstain is Abstain.SUBJECT_MISSING and self.coverage is not None:
            return f"{self.abstain.value}: {', '.join(self.coverage.missing)}"
        return self.abstain.value if self.abstain else ""


def check(query: str, query_vector: "np.ndarray", passages: Sequence["ScoredPassage"], settings: Settings,
          word_vectors: Callable[[Sequence[str]], tuple[list[str], "np.ndarray"]],
          encode: Callable[[Sequence[str]], "np.ndarray"], names: frozenset[str] = frozenset(),
          term_vectors: Callable[[Sequence[str]], tuple[list[str], "np.ndarray"]] | None = None,
          sentence_vectors: Callable[[Sequence["ScoredPassage"]], "np.ndarray"] | None = None) -> Verdict:
    """The abstention decision on retrieved passages (best first).

    Nothing is on topic when every passage quotes may come from is below
    ``min_passage_cosine``; otherwise every subject term must be in the best
    ``passages_for_scope`` passages (see ``assess``), or be a name the corpus uses
    (``names``: a study, place or person, "the Tsukuba study"). ``word_vectors`` gives the
    corpus words' vectors; ``term_vectors`` (default: the same) the vectors it knows of the
    question's gap terms, the corpus's or a lexicon's; ``sentence_vectors`` the vectors of the
    quotable sentences of passages, for the contrast test (see ``assess``)."""
    top = passages[: settings.passages_for_quotes]
    # A name the corpus uses ("the Tsukuba study") carries little meaning for the embedding, so
    # a question that names one is close to the passages that contain it whatever the cosine.
    named = [t for t in subject_terms(query) if t.lower() in names]
    by_name = bool(named) and any(all(t.lower() in p.passage.text.lower() for t in named) for p in top)
    if not top or (max(p.cosine for p in top) < settings.min_passage_cosine and not by_name):
        return Verdict(Abstain.NO_CLOSE_PASSAGE)
    texts = [p.passage.embedding_text() for p in top[: settings.passages_for_scope]]
    terms = [t for t in subject_terms(query) if t.lower() not in names]
    sentences = (lambda: sentence_vectors(top)) if sentence_vectors is not None else None
    coverage = assess(query, terms, query_vector, texts, word_vectors, encode,
                      settings.min_word_cosine, settings.min_salience, term_vectors,
                      sentences, settings.min_contrast, settings.min_contrast_salience,
                      [p.passage.embedding_text() for p in top])
    return Verdict(None if coverage.covered else Abstain.SUBJECT_MISSING, coverage)


def subject_terms(question: str) -> list[str]:
    """Content words of the question that name what it is about, one per stem, in order."""
    seen: set[str] = set()
    out: list[str] = []
    framing = word_list("framing")
    acronyms = {a.lower() for a in re.findall(r"\b[A-Z][A-Z0-9]{1,5}\b", question)}  # NR, UV, HIV
    for w in words(question):
        w = re.sub(r"'s?$", "", w)
        if w in acronyms and w not in framing and w not in stopwords() and w not in general_stopwords():
            st = stems(w) or [w]
            if st[0] not in seen:
                seen.add(st[0])
                out.append(w)
            continue
        if len(w) < 3 or w in stopwords() or w in general_stopwords() or w in framing or w.isdigit():
            continue
        if re.fullmatch(r"[\d.,]+[a-z]{0,3}", w):  # 250mg, 12wk: amounts are not subjects
            continue
        st = stems(w)
        if not st or st[0] in seen or st[0] in _framing_stems():
            continue
        seen.add(st[0])
        out.append(w)
    return out


@lru_cache(maxsize=1)
def _framing_stems() -> frozenset[str]:
    return frozenset(stem_words(word_list("framing")))


def _prefix_match(stem: str, present: set[str]) -> bool:
    """'japanes' ~ 'japan', 'regrow' ~ 'regrowth': one stem extends the other."""
    if len(stem) < 5:
        return False
    return any(
        len(p) >= 5 and (p.startswith(stem) or stem.startswith(p)) and min(len(p), len(stem)) / max(len(p), len(stem)) >= 0.7
        for p in present
    )


# The slot a question names what it asks about in: the effect asked of ("help with", "lose",
# "treat", "good for"), or either side of a comparison ("better than", "vs"). Up to three words
# after the verb, or before "better/worse than".
_ASKED_FOR = re.compile(
    r"\b(?:help(?:s|ing)?(?:\s+(?:me|you|us|him|her|them|people))?(?:\s+(?:with|for|to|against))?(?:\s+(?:lose|fight|beat|"
    r"prevent|treat|cure|improve|reverse|manage|slow|stop))?|lose|treat(?:s|ing)?|cure(?:s|ing)?|prevent(?:s|ing)?|"
    r"reverse(?:s|ing)?|improve(?:s|ing)?|slow(?:s|ing)?|work(?:s)?\s+(?:for|on|against)|good\s+for|effective\s+(?:for|against)|"
    r"than|vs\.?|versus|compared\s+(?:to|with))"
    r"((?:\s+(?:my|your|his|her|their|our|the|a|an|this|that|chronic|severe|mild|early|its))*(?:\s+[\w'-]+){1,3})",
    re.IGNORECASE)
# "nicotinamide riboside (NR) work better than NMN" (pb13): a verb may stand before "better"
_COMPARED = re.compile(r"\b((?:[\w'-]+\s+){1,3})(?:\([\w\s+-]+\)\s+)?(?:(?:works?|is|are)\s+)?"
                       r"(?:better|worse|safer|stronger|more\s+effective)\s+than\b", re.IGNORECASE)
# The thing a yes/no question asks what it does: "Does saw palmetto block DHT ...?" (pb13), up to
# three words between the auxiliary and the verb of effect.
_ACTOR = re.compile(r"^\s*(?:does|do|did|can|could|will|would|might|may)\s+((?:[\w'-]+\s+){1,3}?)(?:really\s+|actually\s+)?"
                    r"(?:help|work|block|stop|cause|treat|cure|prevent|improve|reverse|boost|raise|increase|lower|reduce|"
                    r"regrow|fix|interact)\w*\b", re.IGNORECASE)


def asked_phrases(question: str) -> list[tuple[str, ...]]:
    """The slots where a question names what it asks about, each as its lower-cased words."""
    out: list[tuple[str, ...]] = []
    for m in list(_ASKED_FOR.finditer(question)) + list(_COMPARED.finditer(question)) + list(_ACTOR.finditer(question)):
        slot = re.split(r"\b(?:at|in|for|with|to|by|on|of|from|when|while|if|and|or|but|so|because|after|before|during)\b", m.group(1).lower())
        words_ = re.findall(r"[\w'-]+", slot[-1] if m.re is _COMPARED else slot[0])
        # a bare verb ends the slot: "help my heart heal" asks about the heart, "help keep bones strong" names
        # no thing before its verb (the vitamin K2 test); a gerund is how, not what ("rubbing on minoxidil")
        cut = next((i for i, w in enumerate(words_) if w in _BARE_VERBS), len(words_))
        out.append(tuple(w for w in words_[:cut] if not w.endswith("ing")))
    return out


def asked_for(question: str) -> frozenset[str]:
    """The lower-cased words in the slots where a question names what it asks about."""
    return frozenset(w for phrase in asked_phrases(question) for w in phrase)


PHRASE_COSINE = 0.58  # below min_word_cosine: a phrase's vector is further from any one word

_BARE_VERBS = frozenset({"heal", "recover", "grow", "regrow", "sleep", "feel", "look", "live", "get", "stay", "keep",
                         "become", "last", "repair", "rebuild", "work", "function", "perform", "think", "focus"})


def _unaddressed(question: str, asked: Sequence[str], wider_texts: Sequence[str], lookup: dict[str, "np.ndarray"],
                 word_vectors: Callable[[Sequence[str]], tuple[list[str], "np.ndarray"]],
                 encode: Callable[[Sequence[str]], "np.ndarray"], min_word_cosine: float) -> list[str]:
    """The asked-about terms that all the passages quotes may come from (``wider_texts``) leave
    unaddressed: not there by stem, no word there within ``min_word_cosine`` ("blood flow to the
    scalp": "blood circulation in the scalp" is in the fourth passage), not in a slot most of whose
    words are there ("safer than stem cell injections"), and not a compound said there in one
    other word ("blood flow" ~ "circulation", 0.59; the phrase's own words do not count:
    "alopecia areata" ~ "alopecia")."""
    import numpy as np

    out = lexical_gaps(asked, wider_texts)
    for phrase in asked_phrases(question):
        content = [w for w in phrase if w not in stopwords()]
        if len(content) > 2 and 2 * len(lexical_gaps(content, wider_texts)) < len(content):
            out = [t for t in out if t.lower() not in phrase]
    if not out:
        return []
    wide: set[str] = set()
    for text in wider_texts:
        wide.update(vocabulary(text))
    vocab, vectors = word_vectors(sorted(wide))
    if not len(vocab):
        return out
    out = [c.term for c in nearest_words(out, np.stack([lookup[t] for t in out]), vocab, vectors)
           if c.similarity < min_word_cosine]
    phrases = {t: " ".join(w for w in p if w not in stopwords()) for p in asked_phrases(question) for t in out
               if t.lower() in p and len([w for w in p if w not in stopwords()]) > 1}
    if not phrases:
        return out
    texts = sorted(set(phrases.values()))
    sims = encode(texts) @ np.asarray(vectors).T
    vocab_stems = [set(stems(w)[:1]) for w in vocab]
    close = {}
    for i, text in enumerate(texts):
        own = set(stems(text))
        close[text] = next((float(sims[i, j]) for j in np.argsort(-sims[i]) if not vocab_stems[j] & own), 0.0)
    return [t for t in out if t not in phrases or close[phrases[t]] < PHRASE_COSINE]


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
    term_vectors: Callable[[Sequence[str]], tuple[list[str], "np.ndarray"]] | None = None,
    sentences: Callable[[], "np.ndarray"] | None = None,
    min_contrast: float = 1.0,
    min_contrast_salience: float = 1.0,
    wider_texts: Sequence[str] = (),
) -> Coverage:
    """Are the question's subject terms addressed by these passages?

    A term counts as addressed when its stem is in the passages, or a passage word
    is close in meaning (>= min_word_cosine). Terms that are neither only sink the
    answer when they carry the question: cutting them out moves the question's
    embedding by at least min_salience (so 'in the first place' does not count,
    'cancer' in 'Does NMN cure cancer?' does). Terms that carry less (>= min_contrast_salience)
    still sink it when the passages' sentences are about the rest of the question: cut out, the
    question comes at least min_contrast closer to its nearest sentence (``sentences``). A term
    the passages say in other words pulls the other way ('volunteers' ~ 'participants')."""
    import numpy as np

    gaps = lexical_gaps(terms, passage_texts)
    if not gaps:
        return Coverage(tuple(terms), (), (), 0.0)
    vocab_set: set[str] = set()
    for text in passage_texts:
        vocab_set.update(vocabulary(text))
    vocab, vocab_vectors = word_vectors(sorted(vocab_set))
    # A gap term the corpus uses elsewhere already has its vector in the index, a common word
    # in the lexicon (term_vectors); the others are encoded on their own, and the question cut
    # of its weak terms only when there are some (issue 20). Batching them with the cut
    # question saves nothing on CPU: a batch pads every text to the longest and costs about
    # what separate calls do (one question 4.2 ms, one word 2.4 ms, both in one batch 7.1 ms),
    # and the cut question is often not needed.
    held_words, held_vectors = (term_vectors or word_vectors)(list(gaps))
    lookup = dict(zip(held_words, held_vectors))
    todo = [g for g in gaps if g not in lookup]
    if todo:
        lookup.update(zip(todo, encode(todo)))
    checks = nearest_words(gaps, np.stack([lookup[g] for g in gaps]), vocab, vocab_vectors)
    weak = [c.term for c in checks if c.similarity < min_word_cosine]
    if not weak:
        return Coverage(tuple(terms), tuple(checks), (), 0.0)
    reduced = without_terms(question, weak)
    reduced_vector = encode([reduced])[0] if reduced else None
    salience = 1.0 - float(reduced_vector @ question_vector) if reduced_vector is not None else 1.0
    missing = tuple(weak) if salience >= min_salience else ()
    if not missing and (asked := [t for t in weak if t.lower() in asked_for(question)]):
        # the thing the question asks the effect on, or compares ("help me lose weight", "treat my
        # anxiety disorder", "is nicotinamide riboside better than NMN"): the embedding barely moves
        # without it, yet without it nothing was asked (precision.jsonl's most frequent out-of-corpus
        # answers: weight loss six times, NR against NMN five, alopecia areata four)
        missing = tuple(_unaddressed(question, asked, wider_texts, lookup, word_vectors, encode, min_word_cosine)
                        if wider_texts else asked)
    contrast = 0.0
    if not missing and reduced_vector is not None and sentences is not None and salience >= min_contrast_salience:
        matrix = sentences()
        if len(matrix):
            contrast = float((matrix @ reduced_vector).max() - (matrix @ question_vector).max())
            missing = tuple(weak) if contrast >= min_contrast else ()
    return Coverage(tuple(terms), tuple(checks), missing, salience, contrast)


# What kind of answer a question asks for, when a quote either carries it or does not: a
# number ("how many mice were in the study?"), a price, who paid. The passages can be about the
# very study asked of and still never give the number; quotes without it do not answer, so the
# question is refused (blind precision parts pb5 and pb6: most out-of-corpus questions answered
# asked for such a detail). Each pair: (asks, carries).
# a number that is not a year ("in 2023") or part of a name ("miR-205"), or a number word
_NUMBER = (r"(?<![\w-])(?!(?:19|20)\d\d(?!\d))\d[\d,.]*(?!\w)|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|sixty|hundreds?|thousands?|millions?|dozens?|once|twice)\b")
ANSWER_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "the number asked for": (
        re.compile(r"\bhow many\b|\bwhat number of\b|\bhow much\b(?:\s+\w+){0,5}?\s+(?:was|were|did)\b(?:\s+\w+){0,5}?\s+"
                   r"(?:given|take|taken|use|used|receive|received|get)\b"
                   # an amount to take: "how much biotin should I take a day?" (precision part pb7)
                   r"|\bhow much\b(?:\s+\w+){0,4}?\s+(?:should|do|does|can|could|would|must|to)\s+(?:(?:i|you|we|one|they|"
                   r"people|someone|adults?)\s+)?(?:take|taking|use|have|drink|eat)\b"
                   # "What daily dose of finasteride is used ...?" (precision part pb8)
                   r"|\bwhat (?:daily |usual |typical |recommended |standard |starting )?(?:dose|dosage|amount)\b", re.IGNORECASE),
        re.compile(_NUMBER, re.IGNORECASE)),
    "a price": (
        re.compile(r"\b(?:costs?|price[ds]?|pricing|how expensive|charges?)\b|\bhow much (?:do|does|would|will|did) "
                   r"(?:i|you|we|one|they|it)\s+(?:pay|spend)\b", re.IGNORECASE),
        re.compile(r"[$€£¥]\s?\d|\b(?:costs?|price[ds]?|fees?|dollars|euros|pounds|yuan|rmb|usd|eur|gbp|expensive|cheap\w*|"
                   r"afford\w*|free of charge|insurance)\b", re.IGNORECASE)),
    "who paid for it": (
        re.compile(r"\bwho (?:paid for|paid|funded|sponsored|financed|bankrolled)\b|\b(?:funded|sponsored|financed|bankrolled)\s+by\b"
                   r"|\bfunding\b|\bsponsors?(?:hip)?\b", re.IGNORECASE),
        re.compile(r"\bfund\w*|\bsponsor\w*|\bgrants?\b|\bfinanc\w*|\bpaid for\b|\bsupported by\b|\bconflicts? of interest\b",
                   re.IGNORECASE)),
}


def missing_answer(question: str, quoted: Sequence[str]) -> str | None:
    """The kind of answer ``question`` asks for that none of the ``quoted`` texts carries (one of
    ANSWER_TYPES' names), or None when it asks for none of them or a quote carries it. What the
    question itself says does not count: "How many of the 108 dropped out?" is not answered by the 108."""
    for name, (asks, carries) in ANSWER_TYPES.items():
        if not asks.search(question):
            continue
        given = {m.group(0).lower() for m in carries.finditer(question)}  # "how many of the 108 dropped out?"
        if not any(m.group(0).lower() not in given for text in quoted for m in carries.finditer(text)):
            return name
    return None
