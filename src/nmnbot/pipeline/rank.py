"""Rank candidate sentences by how likely each is to answer the question.

A gradient-boosted model (LightGBM) over signals nmnbot already computes: the
sentence's and its passage's cosine with the question, BM25, shared rare words,
where the sentence stands, its role (lead-in, list item), its evidence level,
whether the page repeats it across documents (boilerplate), filler and
call-to-action wording, and whether the sentence carries what the question's
intent asks for (a dose, a time, a side effect, a definition, an outcome).
Trained on MedQuAD's real questions with gold answer spans and on the graded
consumer questions of eval/precision.jsonl (the tuning part, and the blind parts once scored:
train_ranker.CONSUMER_PARTS) by
``python -m nmnbot_eval.train_ranker``; the model is ``models/ranker.txt``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import POINTS_BACK, stems

if TYPE_CHECKING:
    import numpy as np

    from .retrieve import Candidate

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "ranker.txt"

# --------------------------------------------------------------------------- question intent

INTENTS = ("dose", "timing", "safety", "definition", "efficacy", "named_study", "avoid", "time_to_results", "mechanism")
_INTENT = {
    "dose": re.compile(r"\b(?:how (?:much|many)|doses?|dosage|dosing|mg|milligrams?|grams?|amount|how (?:strong|big))\b"),
    "timing": re.compile(r"\b(?:when|what time|morning|evening|night|bedtime|afternoon|how often|before|after (?:meals?|food)|"
                         r"with food|empty stomach|time of day)\b"),
    "safety": re.compile(r"\b(?:safe|safety|side[- ]?effects?|risks?|risky|dangers?|dangerous|harm\w*|toxic\w*|interact\w*|"
                         r"adverse|reactions?|problems?|downsides?|overdose)\b"),
    "definition": re.compile(r"^\W*(?:what(?:'s| is| are)|define|meaning of|tell me about|explain)\b"),
    "efficacy": re.compile(r"\b(?:help|helps|work|works|effective|improve\w*|cure\w*|treat\w*|benefits?|boost\w*|reverse\w*|"
                           r"regrow\w*|prevent\w*|reduce\w*|slow\w*|good for)\b"),
    "named_study": re.compile(r"\b(?:study|studies|trial|trials|research\w*|scientists?|university|published|experiment\w*|"
                              r"participants|volunteers|mice|mouse)\b"),
    "avoid": re.compile(r"\b(?:who should(?:n't| not)?|avoid|not take|pregnan\w*|breast ?feeding|children|kids|contraindicat\w*)\b"),
    "time_to_results": re.compile(r"\b(?:how (?:long|soon|quickly|fast)|how many (?:weeks|months|days)|when will|see results)\b"),
    "mechanism": re.compile(r"\b(?:how does|how do|why does|why do|mechanism|works? by|what does \w+ do)\b"),
}


# "What (exactly) is NMN?": the subject a definition question asks about.
_DEFINED = re.compile(r"^\W*(?:what|who)(?:'s|\s+is|\s+are|\s+exactly\s+is|\s+exactly\s+are)\s+(?:exactly\s+|actually\s+|really\s+)?"
                      r"(?:an?\s+|the\s+)?(?P<subject>[\w+-]+(?:\s+[\w+-]+){0,3}?)(?:\s+(?:exactly|actually|really))?\W*$", re.I)


def defined_subject(question: str) -> str | None:
    """The subject of "What is X?" (None for any other question)."""
    m = _DEFINED.match(question.strip())
    return m.group("subject") if m else None


def defines(sentence: str, subject: str) -> bool:
    """Does ``sentence`` define ``subject`` in so many words: "NMN stands for nicotinamide
    mononucleotide, ...", "Nicotinamide Mononucleotide (NMN) is a direct precursor of NAD+ ..."
    (not "NMN is not a substitute for ...")."""
    s = re.escape(subject)
    return bool(re.match(rf"^\W*(?:the\s+)?(?:{s}(?:\s*\([^)]{{1,60}}\))?|[\w\s-]{{3,60}}\(\s*{s}\s*\))\s*,?\s+"
                         r"(?:is|are|stands\s+for|refers\s+to|is\s+short\s+for|means)\b(?!\s+not\b)", sentence, re.I))


def lift_definitions(question: str, ranked: Sequence["Candidate"]) -> list["Candidate"]:
    """For "What is X?", a sentence that defines X in so many words goes first, whatever the
    ranker made of it (blind part pb10: "What exactly is NMN?" quoted "NMN is not a substitute
    for professional medical care" over "NMN stands for nicotinamide mononucleotide, ...")."""
    import dataclasses

    subject = defined_subject(question)
    ranked = list(ranked)
    if not subject or not ranked:
        return ranked
    top = ranked[0].score
    lifted = [dataclasses.replace(c, score=max(c.score, top + 1e-3)) if defines(c.sentence.text, subject) else c
              for c in ranked]
    return sorted(lifted, key=lambda c: -c.score)


# Intents for which a study saying so outranks an opinion saying the same.
STUDY_INTENTS = frozenset({"efficacy", "safety", "dose", "timing", "time_to_results"})


def intents(question: str) -> frozenset[str]:
    """What the question asks for, by its wording (rules; several can hold)."""
    text = question.lower()
    return frozenset(name for name, pattern in _INTENT.items() if pattern.search(text))


# What a sentence carries that an intent asks for.
_CARRIES = {
    "dose": re.compile(r"\b\d[\d,.]*\s?(?:mg|g|mcg|µg|iu|grams?|milligrams?)\b|\bdoses?\b|\bdosage\b", re.I),
    "timing": re.compile(r"\b(?:morning|afternoon|evening|night|bedtime|daily|every day|once a|twice a|before|after|with food|"
                         r"empty stomach|\d+\s?(?:weeks?|months?|days?))\b", re.I),
    "safety": re.compile(r"\b(?:safe\w*|side[- ]?effects?|adverse|risks?|nausea|headache|diarrh\w*|rash\w*|toxic\w*|interact\w*|"
                         r"well tolerated|tolerated|caution|consult)\b", re.I),
    "definition": re.compile(r"^[^.]{0,60}\b(?:is|are|refers to|means)\s+(?:a|an|the)\b", re.I),
    "efficacy": re.compile(r"\b(?:improv\w*|increas\w*|reduc\w*|decreas\w*|boost\w*|promot\w*|effect\w*|helped|help\w*|"
                           r"results?|found|showed|showed|benefit\w*|regrow\w*|restor\w*|revers\w*)\b", re.I),
    "named_study": re.compile(r"\b(?:study|trial|researchers?|university|published|journal|participants|mice|team)\b", re.I),
    "avoid": re.compile(r"\b(?:pregnan\w*|breast ?feeding|children|consult|avoid|not (?:be )?(?:taken|recommended)|"
                        r"conditions?|medications?)\b", re.I),
    "time_to_results": re.compile(r"\b\d+\s?(?:weeks?|months?|days?)\b|\bwithin\b|\bafter\b", re.I),
    "mechanism": re.compile(r"\b(?:by|through|via|which|activat\w*|regulat\w*|precursor|pathway|enzyme|converts?|boosts?)\b", re.I),
}

# Sentences that introduce, promise, sell or invite instead of saying something.
_FILLER = re.compile(
    r"\b(?:let'?s (?:look|take|dive|explore)|don'?t just take our word|read on|keep reading|in this (?:article|post|guide)|"
    r"here'?s (?:what|how|why)|we'?ll (?:look|explore|explain)|below we|as (?:we|mentioned)|stay tuned|the bottom line|"
    r"in conclusion|to sum up|so, what|but what|you might be wondering|it'?s no secret|look no further|"
    r"click|subscribe|sign up|order|buy|shop|discount|contact (?:us|me)|message me|dm me|visit our)\b", re.I)
# "Depression is a serious mental health condition that ...": a generic statement about a condition.
_GENERIC = re.compile(r"^[^.]{0,40}\b(?:is|are) (?:a |an )?(?:common|serious|complex|widespread|major|growing|"
                      r"debilitating|prevalent|chronic)\b", re.I)

# "If you are one of the many people who struggle with ...": an opening that addresses the reader.
_READER_OPENING = re.compile(r"^\W*if you(?:'re| are)? (?:one of (?:the )?(?:many|millions)|like (?:many|most))\b", re.I)


# The veto below is narrower than the ranker's "generic" feature: the adjective must describe
# a condition ("Depression is a serious mental health condition"), so "A sore arm and
# tiredness are common after the injection" stays an answer.
_GENERIC_CONDITION = re.compile(
    r"^[^.]{0,40}\b(?:is|are) (?:a |an )?(?:common|serious|complex|widespread|major|growing|debilitating|prevalent|"
    r"chronic)\s+(?:[\w-]+\s+){0,3}(?:conditions?|diseases?|disorders?|illness(?:es)?|problems?|issues?)\b", re.I)


def is_generic(text: str) -> bool:
    """A generic statement about a condition, or an opening addressed to the reader: never a quote."""
    return bool(_GENERIC_CONDITION.match(text) or _READER_OPENING.match(text))


FEATURES = (
    "sentence_cosine", "passage_cosine", "fused_share", "passage_rank", "bm25_share", "overlap", "title_overlap",
    "section_overlap", "position", "first_of_section", "list_item", "lead_in", "log_length", "has_number",
    "log_repeats", "evidence_rank", "is_study", "points_back", "filler", "generic",
    *(f"asks_{name}" for name in INTENTS), *(f"carries_{name}" for name in INTENTS),
)


@dataclass(frozen=True)
class Context:
    """What features need beyond the candidates: the question and corpus-wide lookups."""

    question: str
    idf: Callable[[str], float]
    repeats: Callable[[str], int]
    evidence_rank: Callable[["Candidate"], int]  # 0 = systematic review ... 8 = promotional


def features(ctx: Context, candidates: Sequence["Candidate"]) -> "np.ndarray":
    """One row per candidate, columns as FEATURES."""
    import numpy as np

    qstems = set(stems(ctx.question))
    qweight = sum(ctx.idf(t) for t in qstems) or 1.0
    asks = intents(ctx.question)

    def share(text: str) -> float:
        return sum(ctx.idf(t) for t in qstems & set(stems(text))) / qweight

    rows = []
    for c in candidates:
        s, p = c.sentence, c.passage
        i = p.sentences.index(s) if s in p.sentences else 0
        level = ctx.evidence_rank(c)
        text = s.text
        row = [
            c.cosine, c.passage_cosine, c.fused_share, float(c.passage_rank), c.bm25_share, c.overlap,
            share(p.title), share(p.section) if p.section != p.title else 0.0,
            i / max(1, len(p.sentences)), float(i == 0 and not p.context), float(s.list_item), float(s.lead_in),
            math.log(1 + len(text)), float(bool(re.search(r"\d", text))), math.log(ctx.repeats(text)),
            float(level), float(level <= 5), *_traits(text),
        ]
        row += [float(name in asks) for name in INTENTS]
        row += [float(name in asks and carries) for name, carries in zip(INTENTS, _carries(text))]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), len(FEATURES))


@lru_cache(maxsize=50_000)  # pure functions of the sentence's text; sentences recur across questions
def _traits(text: str) -> tuple[float, float, float]:
    return float(bool(POINTS_BACK.match(text))), float(bool(_FILLER.search(text))), float(bool(_GENERIC.match(text)))


@lru_cache(maxsize=50_000)
def _carries(text: str) -> tuple[bool, ...]:
    """Whether the sentence carries what each intent asks for (INTENTS order)."""
    return tuple(bool(_CARRIES[name].search(text)) for name in INTENTS)


class Ranker:
    """The committed LightGBM model: the probability that a candidate answers the question.

    Training uses LightGBM (scripts in nmnbot_eval); answering evaluates its saved trees in
    numpy (``Forest``), because importing lightgbm pulls in scikit-learn, scipy and pandas:
    ~1 s of a new process's first answer and memory the server never uses (issue 20).
    tests/pipeline/test_rank.py checks the two give the same probabilities."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        self.forest = Forest.parse(path.read_text(encoding="utf-8"))
        if self.forest.feature_names != FEATURES:
            raise ValueError(f"{path} was trained on other features ({len(self.forest.feature_names)}); retrain it")

    def probabilities(self, x: "np.ndarray") -> "np.ndarray":
        return self.forest.predict(x)


@dataclass(frozen=True)
class Forest:
    """A LightGBM binary model's trees (its text format), evaluated all at once in numpy.

    Each tree's leaves are numbered left to right and every split node knows the leaves of
    its left subtree; a row whose value goes right rules those out, and the row ends in the
    leftmost leaf not ruled out (the QuickScorer idea). LightGBM's own rule for a numerical
    split without a missing-value type: NaN counts as 0, then left when value <= threshold."""

    feature_names: tuple[str, ...]
    sigmoid: float
    feature: "np.ndarray"  # (splits * trees,) feature of each split, split-major, padded per tree
    threshold: "np.ndarray"  # float32 equivalent of each float64 threshold; +inf where padded
    not_left: "np.ndarray"  # bit mask of the leaves a split rules out when the row goes right
    leaf_values: "np.ndarray"  # (trees, leaves) float64, by left-to-right position
    splits: int

    @classmethod
    def parse(cls, text: str) -> "Forest":
        import numpy as np

        header, _, body = text.partition("\nTree=")
        head = dict(line.split("=", 1) for line in header.splitlines() if "=" in line)
        objective = head.get("objective", "").split()
        if not objective or objective[0] != "binary" or head.get("num_class", "1") != "1":
            raise ValueError(f"not a binary LightGBM model: {head.get('objective')!r}")
        sigmoid = float(next((o.split(":")[1] for o in objective if o.startswith("sigmoid:")), "1"))
        trees = [_tree(block) for block in ("Tree=" + body).split("\nTree=")[: len(head["tree_sizes"].split())]]
        splits = max(1, max(len(t[0]) for t in trees))
        leaves = max(len(t[3]) for t in trees)
        if leaves > 31:
            raise ValueError(f"trees of {leaves} leaves are not supported")
        feature = np.zeros((splits, len(trees)), dtype=np.int64)
        threshold = np.full((splits, len(trees)), np.inf)
        left_leaves = np.zeros((splits, len(trees)), dtype=np.int64)
        leaf_values = np.zeros((len(trees), leaves))
        for i, (f, t, m, v) in enumerate(trees):
            feature[: len(f), i], threshold[: len(t), i], left_leaves[: len(m), i] = f, t, m
            leaf_values[i, : len(v)] = v
        # x <= t for a float32 x and a float64 t is x <= the largest float32 not above t
        low = threshold.astype(np.float32)
        above = low.astype(np.float64) > threshold
        low[above] = np.nextafter(low[above], np.float32(-np.inf))
        mask_type = np.int16 if leaves <= 15 else np.int32
        return cls(tuple(head.get("feature_names", "").split()), sigmoid, feature.ravel(), low.ravel(),
                   (~left_leaves).astype(mask_type).ravel(), leaf_values, splits)

    def predict(self, x: "np.ndarray") -> "np.ndarray":
        """The probability of the positive class for each row (float32), as Booster.predict."""
        import numpy as np

        if not len(x):
            return np.zeros(0, dtype=np.float32)
        values = np.nan_to_num(np.asarray(x, dtype=np.float32), nan=0.0)[:, self.feature]
        right = (values > self.threshold).astype(self.not_left.dtype)
        masks = self.not_left | ~(-right)  # going right rules out the left leaves; left rules out none
        alive = np.bitwise_and.reduce(masks.reshape(len(x), self.splits, -1), axis=1).astype(np.int64)
        position = np.log2((alive & -alive).astype(np.float64)).astype(np.int64)  # the leftmost leaf alive
        raw = self.leaf_values[np.arange(self.leaf_values.shape[0])[None, :], position].sum(axis=1)
        return (1.0 / (1.0 + np.exp(-self.sigmoid * raw))).astype(np.float32)


def _tree(block: str) -> tuple[list[int], list[float], list[int], list[float]]:
    """One tree of the text format: split features, thresholds, left-subtree leaf masks, and leaf
    values, leaves numbered left to right."""
    kv = dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
    if kv.get("num_cat", "0") != "0" or kv.get("is_linear", "0") != "0":
        raise ValueError("categorical or linear trees are not supported")
    values = [float(v) for v in kv["leaf_value"].split()]
    if int(kv["num_leaves"]) == 1:
        return [], [], [], values
    if any(int(d) & 1 or (int(d) >> 2) & 3 for d in kv["decision_type"].split()):
        raise ValueError("only numerical splits without a missing-value type are supported")
    left = [int(v) for v in kv["left_child"].split()]
    right = [int(v) for v in kv["right_child"].split()]
    order: list[int] = []
    masks = [0] * len(left)

    def walk(node: int) -> list[int]:  # the positions of the leaves under node
        if node < 0:
            order.append(~node)
            return [len(order) - 1]
        below = walk(left[node])
        masks[node] = sum(1 << p for p in below)
        return below + walk(right[node])

    walk(0)
    return ([int(v) for v in kv["split_feature"].split()], [float(v) for v in kv["threshold"].split()], masks,
            [values[leaf] for leaf in order])


@lru_cache(maxsize=1)
def load_ranker() -> Ranker | None:
    """The committed model, or None when there is none yet (quotes then use the heuristic score)."""
    return Ranker() if MODEL_PATH.is_file() else None
