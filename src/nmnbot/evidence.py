"""Evidence levels for quoted sentences, and whether a source sells what it discusses.

Every quote the bot shows carries a level (API.md's table) decided here by
explainable cue patterns (rules/evidence_cues.py) with a fixed precedence.
Pure Python + ``re``: no model, no heavy imports, nothing done at import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .rules import evidence_cues as cues
from .text import first_match

__all__ = [
    "EvidenceClassifier",
    "EvidenceJudgement",
    "EvidenceLevel",
    "TrialDetails",
    "CUE_FAMILIES",
    "classify_evidence",
    "cues_fired",
    "is_certain",
    "is_promotional",
    "seller_flag",
    "species_named",
    "strongest",
    "trial_details",
]


class EvidenceLevel(str, Enum):
    """What a quoted sentence reports, strongest first (the declaration order is the rank)."""

    SYSTEMATIC_REVIEW = "systematic_review"
    HUMAN_RCT = "human_rct"
    HUMAN_STUDY = "human_study"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"
    CASE_REPORT = "case_report"
    UNSPECIFIED = "unspecified"
    OPINION = "opinion"
    PROMOTIONAL = "promotional"

    @property
    def rank(self) -> int:
        """0 for the strongest level; promotional is last."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """Plain words for readers."""
        return _LABELS[self]

    @property
    def explanation(self) -> str:
        """What the label means, in a sentence a reader needs no tooltip for (the page's legend)."""
        return _EXPLANATIONS[self]

    def __str__(self) -> str:
        return self.value


_RANK: dict[EvidenceLevel, int] = {level: i for i, level in enumerate(EvidenceLevel)}
_LABELS: dict[EvidenceLevel, str] = {
    EvidenceLevel.SYSTEMATIC_REVIEW: "Review of many studies",
    EvidenceLevel.HUMAN_RCT: "Randomized trial in people",
    EvidenceLevel.HUMAN_STUDY: "Study in people, not randomized",
    EvidenceLevel.ANIMAL: "Study in mice or other animals",
    EvidenceLevel.IN_VITRO: "Lab study in cells",
    EvidenceLevel.CASE_REPORT: "One person's story",
    EvidenceLevel.UNSPECIFIED: "Research, kind not stated",
    EvidenceLevel.OPINION: "Opinion, no study cited",
    EvidenceLevel.PROMOTIONAL: "Advertising",
}
_EXPLANATIONS: dict[EvidenceLevel, str] = {
    EvidenceLevel.SYSTEMATIC_REVIEW: "Researchers pooled the results of many studies: the strongest kind of "
                                     "evidence, if those studies were done in people.",
    EvidenceLevel.HUMAN_RCT: "People were split by chance into groups that did or did not get the treatment: "
                             "the best single kind of study for showing that a treatment works.",
    EvidenceLevel.HUMAN_STUDY: "Tested in people, but without groups chosen by chance, so something other than "
                               "the treatment may explain the results.",
    EvidenceLevel.ANIMAL: "Tested in mice, rats or other animals. Results in animals often do not hold in people.",
    EvidenceLevel.IN_VITRO: "Tested on cells or tissue in a dish, not in a living body: an early step, "
                            "far from showing an effect in people.",
    EvidenceLevel.CASE_REPORT: "What happened to one patient or customer. It cannot show that a treatment "
                               "works for anyone else.",
    EvidenceLevel.UNSPECIFIED: "The text mentions \"studies\" or \"research\" without saying whether they were in "
                               "people, animals or cells, so their strength cannot be judged.",
    EvidenceLevel.OPINION: "The writer's own claim or explanation, with no study behind it.",
    EvidenceLevel.PROMOTIONAL: "A sales pitch for a product. Never evidence.",
}
# Levels a later sentence can inherit: the ones that describe a study or a patient.
_INHERITABLE = frozenset(
    {
        EvidenceLevel.SYSTEMATIC_REVIEW,
        EvidenceLevel.HUMAN_RCT,
        EvidenceLevel.HUMAN_STUDY,
        EvidenceLevel.ANIMAL,
        EvidenceLevel.IN_VITRO,
        EvidenceLevel.CASE_REPORT,
        EvidenceLevel.UNSPECIFIED,
    }
)


@dataclass(frozen=True)
class EvidenceJudgement:
    """A level with what decided it: the cue words, the study it continues, or the
    learned classifier (``decided_by`` "model", or "unsure" when its confidence was
    below the threshold and the cautious reading was taken; evidence_model.py)."""

    level: EvidenceLevel
    cue: str
    inherited: bool = False
    decided_by: str = "cues"  # "cues", "model" or "unsure"
    probability: float | None = None  # the model's calibrated probability of its own best level
    example: str = ""  # the nearest labelled example of this level, when the model decided

    def explain(self) -> str:
        """One human-readable line: why this level."""
        if self.inherited:
            return f'{self.level.label}: continues the study described just before ("{self.cue}").'
        if self.decided_by != "cues":
            sure = f"{self.probability:.0%}" if self.probability is not None else "?"
            why = (f"the learned classifier is {sure} sure" if self.decided_by == "model"
                   else f"the learned classifier was unsure ({sure}), so the more cautious reading is shown")
            like = f', reads like the labelled example "{self.example}"' if self.example else ""
            says = f'; the sentence says "{self.cue}"' if self.cue else ""
            return f"{self.level.label}: {why}{like}{says}."
        if self.cue:
            return f'{self.level.label}: the sentence says "{self.cue}".'
        return f"{self.level.label}: no study, patient or product is described."


_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "e.g.", "i.e.", "al.", "vs.", "Fig.", "approx.", "No.")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'“(–-]?\s*[A-Z0-9])")
# How many context sentences are read back: enough for a study described a
# paragraph earlier, few enough that an unrelated study much earlier is not picked up.
_CONTEXT_SENTENCES = 6


def _sentences(text: str) -> list[str]:
    """Split a passage into sentences; good enough for context, not for quoting."""
    out: list[str] = []
    for block in re.split(r"\n\s*", text):
        sentences: list[str] = []
        for piece in _SENTENCE_BREAK.split(block.strip()):
            if sentences and sentences[-1].endswith(_ABBREVIATIONS):
                sentences[-1] = f"{sentences[-1]} {piece}"  # "Mr. Chen", "e.g. 0.3 mg"
            elif piece:
                sentences.append(piece)
        out.extend(sentences)
    return out


def _animal_match(text: str) -> re.Match[str] | None:
    """The first animal cue that is a real experiment (not a cell source, cell model or possibility)."""
    hypothetical = [m.span() for m in cues.HYPOTHETICAL_ANIMAL.finditer(text)]
    hypothetical += [m.span() for m in cues.FIGURATIVE_ANIMAL.finditer(text)]  # an idiom is no experiment either
    for pattern in cues.ANIMAL:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in hypothetical):
                continue
            if pattern is cues.ANIMAL[0] and (cues.ANIMAL_AS_CELL_SOURCE.match(text[match.end():])
                                              or cues.TISSUE_OF.search(text[: match.start()])):
                continue
            if "model" in match.group(0).lower() and cues.NON_ANIMAL_MODEL.search(text[: match.start()]):
                continue
            return match
    return None


def _design_phrase(text: str, match: re.Match[str]) -> str:
    """Widen an RCT keyword to the whole design phrase around it."""
    tokens = list(re.finditer(r"[\w-]+", text))
    index = next(i for i, t in enumerate(tokens) if t.end() > match.start())
    lo = hi = index
    while lo > 0 and tokens[lo - 1].group(0).lower() in cues.DESIGN_WORDS:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].group(0).lower() in cues.DESIGN_WORDS:
        hi += 1
    while lo < index and tokens[lo].group(0).lower() in {"and", "a", "an"}:
        lo += 1
    while hi > index and tokens[hi].group(0).lower() in {"and", "a", "an"}:
        hi -= 1
    return text[tokens[lo].start() : tokens[hi].end()]


class EvidenceClassifier:
    """Decides a sentence's evidence level from cue patterns with a fixed precedence.

    The ladder, first match wins: advertising; a first-person testimonial; a
    statement that research is lacking (opinion); systematic review; a study in
    people, animals or cells, told apart by who was studied; a described patient;
    a sentence pointing back at a study in the context (inherits its level);
    research of unstated kind; otherwise opinion.
    """

    def judge(self, text: str, context: str | None = None) -> EvidenceJudgement:
        """The level of ``text``; ``context`` is the passage before it (same section)."""
        return self._judge(text, self._context_levels(context) if context else [])

    def _judge(self, text: str, before: list[EvidenceJudgement]) -> EvidenceJudgement:
        own = self._own(text)
        if own is not None:
            return own
        inherited = self._inherit(text, before)
        if inherited is not None:
            return inherited
        match = first_match(cues.UNSPECIFIED, text)
        if match:
            return EvidenceJudgement(EvidenceLevel.UNSPECIFIED, match.group(0))
        return EvidenceJudgement(EvidenceLevel.OPINION, "")

    def _own(self, text: str) -> EvidenceJudgement | None:
        """The level the sentence's own words decide, or None when they decide nothing."""
        return _own_level(text)

    def _inherit(self, text: str, chain: list[EvidenceJudgement]) -> EvidenceJudgement | None:
        """The context's study level when the sentence refers back to it."""
        return _inherited_level(text, chain)

    def context_level(self, context: str | None) -> EvidenceLevel | None:
        """The latest study level the context describes (what a pointing-back sentence would inherit)."""
        for judgement in reversed(self._context_levels(context) if context else []):
            if judgement.level in _INHERITABLE:
                return judgement.level
        return None

    def _context_levels(self, context: str) -> list[EvidenceJudgement]:
        """Judge the context's sentences in order, each against the ones before it."""
        judged: list[EvidenceJudgement] = []
        for sentence in _context_sentences(context):
            judged.append(self._judge(sentence, judged))
        return judged


# A sentence's own cues depend on its words alone, and at answer time the same corpus
# sentences come back as context for one candidate after another (sentence k's context
# holds sentences 0..k-1): on the full MedQuAD index judging was 26 ms of a 50 ms ask.
@lru_cache(maxsize=100_000)
def _own_level(text: str) -> EvidenceJudgement | None:
    match = first_match(cues.PROMO, text)
    if match:
        return EvidenceJudgement(EvidenceLevel.PROMOTIONAL, match.group(0).strip())
    match = first_match(cues.TESTIMONIAL, text)
    if match:
        return EvidenceJudgement(EvidenceLevel.CASE_REPORT, match.group(0))
    gap = cues.RESEARCH_GAP.search(text)
    if gap and not cues.FINDING_VERB.search(text):
        return EvidenceJudgement(EvidenceLevel.OPINION, gap.group(0))
    match = cues.REVIEW.search(text)
    if match:
        return EvidenceJudgement(EvidenceLevel.SYSTEMATIC_REVIEW, match.group(0))
    mixed = cues.MIXED_POPULATION.search(text)
    human = first_match(cues.HUMAN_STUDY, text) or cues.HUMAN_SUBJECTS.search(text)
    animal = _animal_match(text)
    lab = first_match(cues.IN_VITRO, text)
    rct = cues.RCT.search(text)
    if mixed and not rct and not human:
        return EvidenceJudgement(EvidenceLevel.UNSPECIFIED, mixed.group(0))
    # Who was studied decides between people, animals and cells; the design
    # (randomized or not) only matters for people.
    if rct and (human or not (animal or lab)):
        return EvidenceJudgement(EvidenceLevel.HUMAN_RCT, _design_phrase(text, rct))
    if lab and human and (cues.TISSUE_DONOR.search(text) or not first_match(cues.HUMAN_STUDY, text)):
        # human tissue or cells in a dish: the people only supplied the material
        human = None
    if human and animal and animal.start() < human.start():
        # the animals come first, people only later ("mice ... unlike in humans"): an animal study
        human = None
    if human:
        return EvidenceJudgement(EvidenceLevel.HUMAN_STUDY, human.group(0))
    if animal:
        return EvidenceJudgement(EvidenceLevel.ANIMAL, animal.group(0))
    if lab:
        return EvidenceJudgement(EvidenceLevel.IN_VITRO, lab.group(0))
    match = first_match(cues.CASE, text)
    if match:
        return EvidenceJudgement(EvidenceLevel.CASE_REPORT, match.group(0).strip())
    return None


@lru_cache(maxsize=20_000)
def _context_sentences(context: str) -> tuple[str, ...]:
    return tuple(_sentences(context)[-_CONTEXT_SENTENCES:])


def _inherited_level(text: str, chain: list[EvidenceJudgement]) -> EvidenceJudgement | None:
    if not chain:
        return None
    anaphoric = bool(
        cues.STUDY_REFERENCE.search(text) or cues.GROUP_REFERENCE.search(text) or cues.PERSONAL_PRONOUN.search(text)
    )
    continues = bool(cues.CONTINUATION.search(text) or cues.STUDY_PERIOD.search(text))
    if not (anaphoric or continues):
        return None
    if continues and not anaphoric:
        # Without a pointer word, only the sentence right before counts.
        chain = chain[-1:]
    for judgement in reversed(chain):
        if judgement.level in _INHERITABLE:
            return EvidenceJudgement(judgement.level, judgement.cue, inherited=True)
    return None


# Which cue families fire in a sentence, whatever the ladder decides: inputs of the
# learned classifier (evidence_model.py). The order is the feature order of its artifact.
CUE_FAMILIES: tuple[str, ...] = (
    "promo", "testimonial", "research_gap", "finding_verb", "review", "rct", "human_study", "human_subjects",
    "animal", "animal_word", "in_vitro", "case", "unspecified", "mixed_population", "tissue_donor",
    "study_reference", "group_reference", "pronoun", "continuation",
)


@lru_cache(maxsize=100_000)
def cues_fired(text: str) -> frozenset[str]:
    """The cue families (``CUE_FAMILIES``) with a match anywhere in ``text``."""
    found = {
        "promo": first_match(cues.PROMO, text),
        "testimonial": first_match(cues.TESTIMONIAL, text),
        "research_gap": cues.RESEARCH_GAP.search(text),
        "finding_verb": cues.FINDING_VERB.search(text),
        "review": cues.REVIEW.search(text),
        "rct": cues.RCT.search(text),
        "human_study": first_match(cues.HUMAN_STUDY, text),
        "human_subjects": cues.HUMAN_SUBJECTS.search(text),
        "animal": _animal_match(text),
        "animal_word": cues.ANIMAL[0].search(text),
        "in_vitro": first_match(cues.IN_VITRO, text),
        "case": first_match(cues.CASE, text),
        "unspecified": first_match(cues.UNSPECIFIED, text),
        "mixed_population": cues.MIXED_POPULATION.search(text),
        "tissue_donor": cues.TISSUE_DONOR.search(text),
        "study_reference": cues.STUDY_REFERENCE.search(text),
        "group_reference": cues.GROUP_REFERENCE.search(text),
        "pronoun": cues.PERSONAL_PRONOUN.search(text),
        "continuation": cues.CONTINUATION.search(text),
    }
    return frozenset(name for name, match in found.items() if match)


def is_certain(judgement: EvidenceJudgement, text: str) -> bool:
    """True when the cue rules' level stands whatever a model says: the sentence's own
    words reached it and name it unambiguously (``cues.CERTAIN``)."""
    pattern = cues.CERTAIN.get(judgement.level.value)
    if judgement.level is EvidenceLevel.HUMAN_RCT and cues.POOLED_TRIALS.search(text):
        return False  # several trials gathered: a review told in plain words, for the model to read
    return not judgement.inherited and pattern is not None and pattern.search(text) is not None


_DEFAULT_CLASSIFIER = EvidenceClassifier()


def classify_evidence(text: str, context: str | None = None) -> EvidenceLevel:
    """The evidence level of one sentence by the cue rules alone; ``context`` is the passage
    before it. ``nmnbot.classify_evidence`` (evidence_model.py) adds the learned classifier."""
    return _DEFAULT_CLASSIFIER.judge(text, context).level


def strongest(levels: Iterable[EvidenceLevel]) -> EvidenceLevel | None:
    """The strongest level given, or None for none; advertising ranks below everything."""
    ranked = [EvidenceLevel(level) for level in levels]
    return min(ranked, key=lambda level: level.rank) if ranked else None


def is_promotional(text: str) -> bool:
    """True for a product pitch, call to action or brand plug anywhere in ``text``."""
    return first_match(cues.PROMO, text) is not None


# --------------------------------------------------------------------------
# Seller flag
# --------------------------------------------------------------------------

# A document that pitches its own product ("our NMN powder", a brand plug, a price)
# sells it; one that only asks readers to get in touch is soliciting customers.
_PRODUCT_PHRASE = re.compile(r"\b([A-Za-z][\w+-]*)\s+" + cues.PRODUCT_NOUN + r"\b", re.IGNORECASE)
_ABOUT_TOPIC = re.compile(r"\babout\s+([A-Za-z][\w-]*)", re.IGNORECASE)
_NOT_PRODUCT = frozenset(
    "our the a an premium pure trusted best this that your my first new quality hair loss related other issues "
    "more natural daily".split()
)


def _product_name(document_text: str, pitch_sentences: Sequence[str]) -> str:
    """Name what is sold, generically, from the words the pitch puts before a product noun."""
    candidates: Counter[str] = Counter()
    for sentence in pitch_sentences:
        for match in _PRODUCT_PHRASE.finditer(sentence):
            candidates[match.group(1)] += 1
        for match in _ABOUT_TOPIC.finditer(sentence):
            candidates[match.group(1)] += 1
    lowered = document_text.lower()

    def frequency(word: str) -> int:
        return lowered.count(_singular(word).lower())

    names = [w for w in candidates if w.lower() not in _NOT_PRODUCT and not w[0].isdigit()]
    if not names:
        return "the product it discusses"
    best = max(names, key=lambda w: (frequency(w), candidates[w]))
    name = _singular(best) if not best.isupper() else best
    if not best.isupper():
        name = name.lower()
    # Treatments sold as a service read better as "<x> therapy".
    therapy = re.findall(rf"\b{re.escape(_singular(best))}s?\s+(?:\w+\s+)?(?:therapy|treatment)\b", document_text, re.IGNORECASE)
    return f"{name} therapy" if len(therapy) >= 2 else name


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def seller_flag(document_text: str) -> str | None:
    """A short reader-facing note when the document sells what it talks about, else None."""
    sentences = _sentences(document_text)
    selling = [s for s in sentences if first_match(cues.SALES_PITCH, s)]
    contact = [s for s in sentences if first_match(cues.CALL_TO_CONTACT, s)]
    if selling:
        return f"this source sells {_product_name(document_text, selling)}"
    if contact:
        return f"this source promotes {_product_name(document_text, contact)} and asks readers to contact the author"
    return None


# --------------------------------------------------------------------------
# What trial sentences say (compose.py words it)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialDetails:
    trials: int  # distinct participant counts seen; at least 1
    population: str  # "older adults", "women", ... or "" when not said
    details: str  # " (108 people, 12 weeks)" or ""
    small: bool


def trial_details(texts: Sequence[str]) -> TrialDetails:
    """What the trial sentences say about size, population and duration."""
    joined = " ".join(texts)
    counts = {m.group(1).replace(",", "") for m in cues.COUNT_OF_PEOPLE.finditer(joined)}
    trials = max(1, len(counts))
    population = "older adults" if cues.OLDER.search(joined) else ""
    if not population:
        for word in ("women", "men", "children", "patients"):
            if re.search(rf"\b{word}\b", joined, re.IGNORECASE):
                population = word
                break
    parts = []
    if len(counts) == 1:
        parts.append(f"{int(next(iter(counts))):,} people")
    duration = cues.DURATION.search(joined)
    if duration:
        parts.append(f"{duration.group(1)} {duration.group(2).lower()}s")
    details = f" ({', '.join(parts)})" if parts else ""
    small = len(counts) == 1 and int(next(iter(counts))) <= cues.SMALL_TRIAL
    return TrialDetails(trials, population, details, small)


def species_named(texts: Sequence[str]) -> list[str]:
    """The animal species the texts name, for wording ("in mice and rats")."""
    joined = " ".join(texts)
    return [name for name, pattern in cues.SPECIES if re.search(pattern, joined, re.IGNORECASE)]
