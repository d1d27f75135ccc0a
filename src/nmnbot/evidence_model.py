"""The learned evidence classifier beside the cue rules (issue 16).

``EvidenceModel`` applies ``models/evidence.npz``, a multinomial logistic regression
over the sentence's MiniLM vector plus cue features (which cue families fired, the
rules' level, the study level its context describes), with one temperature that
calibrates it. It needs numpy only; train_evidence.py in the evaluation package
writes it, and is never imported here.

``EvidenceJudge`` decides a sentence's level: an unambiguous cue or passage
inheritance first, then the model when it is sure enough, else the more cautious
of the model's and the rules' readings (docs/decisions.md, "learned evidence
classifier", has the figures behind each step).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from .evidence import (
    CUE_FAMILIES,
    EvidenceClassifier,
    EvidenceJudgement,
    EvidenceLevel,
    cues_fired,
    is_certain,
)
from .rules.evidence_cues import NAMED_NON_RCT, POOLED_TRIALS, RCT, RESEARCH_WORD, SINGLE_STUDY

__all__ = ["ARTIFACT", "FEATURE_NAMES", "JUDGED_FILE", "EvidenceJudge", "EvidenceModel", "classify_evidence",
           "cue_features", "judge_fingerprint"]

ARTIFACT = Path(__file__).resolve().parent / "models" / "evidence.npz"
LEVELS: tuple[EvidenceLevel, ...] = tuple(EvidenceLevel)
FEATURE_NAMES: tuple[str, ...] = (
    tuple(f"cue:{name}" for name in CUE_FAMILIES)
    + tuple(f"rule:{level.value}" for level in LEVELS)
    + ("rule:inherited",)
    + tuple(f"context:{level.value}" for level in LEVELS)
)
_STRONG = frozenset({EvidenceLevel.SYSTEMATIC_REVIEW, EvidenceLevel.HUMAN_RCT})

Encode = Callable[[Sequence[str]], np.ndarray]

# A generation's judgements of every span it may quote, written once and read by each process that
# opens it (issue 20: a new process's first answer no longer encodes its candidates to judge them).
JUDGED_FILE = "judged.json"
_HERE = Path(__file__).resolve().parent
_JUDGE_CODE = (_HERE / "evidence.py", _HERE / "evidence_model.py", _HERE / "rules" / "evidence_cues.py")


def judge_fingerprint(model_path: str | Path = ARTIFACT) -> str:
    """What a judgement depends on besides the text: the model's artifact and the rules' code.
    Stored judgements with another fingerprint are ignored (judged again when asked)."""
    h = hashlib.blake2b(digest_size=16)
    for path in (Path(model_path), *_JUDGE_CODE):
        h.update(path.read_bytes())
    return h.hexdigest()


def _digest(text: str, context: str | None) -> str:
    return hashlib.blake2b(f"{text}\x00{context or ''}".encode("utf-8"), digest_size=12).hexdigest()


def cue_features(text: str, context: str | None, rules: EvidenceClassifier, rule: EvidenceJudgement) -> np.ndarray:
    """The cue half of the model's input (``FEATURE_NAMES`` order), 0/1 floats.

    ``rule`` is ``rules.judge(text, context)``, passed in because the caller has it."""
    fired = cues_fired(text)
    out = np.zeros(len(FEATURE_NAMES), dtype=np.float32)
    n = len(CUE_FAMILIES)
    for i, name in enumerate(CUE_FAMILIES):
        out[i] = name in fired
    out[n + rule.level.rank] = 1.0
    out[n + len(LEVELS)] = float(rule.inherited)
    before = rules.context_level(context)
    if before is not None:
        out[n + len(LEVELS) + 1 + before.rank] = 1.0
    return out


class EvidenceModel:
    """The trained artifact: probabilities over the nine levels for (vector, cue features).

    Constructing it reads nothing; the file is read once, on first use."""

    def __init__(self, path: str | Path = ARTIFACT) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._arrays: dict[str, np.ndarray] | None = None

    def _load(self) -> dict[str, np.ndarray]:
        if self._arrays is None:
            with self._lock:
                if self._arrays is None:
                    with np.load(self.path, allow_pickle=False) as npz:
                        arrays = {k: npz[k] for k in npz.files}
                    names = tuple(str(x) for x in arrays["feature_names"])
                    if names != FEATURE_NAMES:
                        raise ValueError(f"{self.path} was trained on other cue features; retrain it")
                    arrays["coef"] = arrays["coef"].astype(np.float32)
                    arrays["example_vectors"] = arrays["example_vectors"].astype(np.float32) / 127.0
                    self._arrays = arrays
        return self._arrays

    @property
    def threshold(self) -> float:
        """Below this calibrated probability the model is unsure (chosen on held-out folds)."""
        return float(self._load()["threshold"])

    def probabilities(self, vectors: np.ndarray, features: np.ndarray) -> np.ndarray:
        """(n, 9) calibrated probabilities, columns in ``EvidenceLevel`` order."""
        a = self._load()
        x = np.hstack([np.asarray(vectors, dtype=np.float32).reshape(len(features), -1), features])
        logits = (x @ a["coef"].T + a["intercept"]) / a["temperature"]
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def example(self, level: EvidenceLevel, vector: np.ndarray) -> str:
        """The stored labelled example of ``level`` closest to ``vector`` ("" if none)."""
        a = self._load()
        rows = np.flatnonzero(a["example_levels"] == level.rank)
        if not len(rows):
            return ""
        best = rows[int(np.argmax(a["example_vectors"][rows] @ vector))]
        return str(a["example_texts"][best])


# Over a level the rules read from a cue of their own ("studies have used" -> unspecified), the model
# raises a sentence to a stronger level only this far above its threshold; nearer, it is unsure and
# the weaker reading stands (issue 16: say less rather than more; eval/claims.jsonl's "most studies
# have used doses ranging from ..." went to human_study at p 0.49 once block R joined training).
RAISE_MARGIN = 0.10


def cautious(model: EvidenceLevel, rule: EvidenceLevel) -> EvidenceLevel:
    """The reading that claims less: the weaker of the two levels, and never a review or
    a randomized trial (issue 16: a shaky sentence says 'unspecified' rather than more)."""
    level = max(model, rule, key=lambda lv: lv.rank)
    return EvidenceLevel.UNSPECIFIED if level in _STRONG else level


def decide(rule: EvidenceJudgement, probabilities: np.ndarray, threshold: float, text: str) -> EvidenceJudgement:
    """The combined level from the rules' judgement and the model's probabilities
    (the one policy both the runtime and the training script's evaluation use)."""
    if rule.inherited or is_certain(rule, text):
        return rule
    best = int(np.argmax(probabilities))
    level, p = LEVELS[best], float(probabilities[best])
    if p >= threshold and rule.level is EvidenceLevel.PROMOTIONAL and level.rank < EvidenceLevel.UNSPECIFIED.rank:
        # a sales cue in the sentence's own words ("our formula delivers the dose used in
        # clinical research") is never evidence, whatever study it mentions (unsure, the
        # cautious reading below keeps it promotional too)
        return rule
    if (level is EvidenceLevel.UNSPECIFIED and rule.level in (EvidenceLevel.OPINION, EvidenceLevel.PROMOTIONAL)
            and not RESEARCH_WORD.search(text)):
        # API.md: unspecified is research whose kind is not said; a sentence that names no research
        # at all ("Stress and smoking can all contribute to hair loss.") is not that. Only toward
        # no study: where the rules read a study, the model's weaker "unspecified" stands.
        return EvidenceJudgement(rule.level, rule.cue, decided_by="cues" if p >= threshold else "unsure", probability=p)
    if (level is EvidenceLevel.SYSTEMATIC_REVIEW and rule.level is not level
            and SINGLE_STUDY.search(text) and not POOLED_TRIALS.search(text)):
        # one study with its head count is never a review: say what the rules read instead
        return EvidenceJudgement(rule.level, rule.cue, decided_by="cues", probability=p)
    if (level is EvidenceLevel.HUMAN_RCT and rule.level is EvidenceLevel.HUMAN_STUDY
            and NAMED_NON_RCT.search(text) and not RCT.search(text)):
        # the sentence names a design that is not a trial ("Clinical studies in healthy human subjects have
        # confirmed ..."; evidence block N): never raised to one (issue 16: say less rather than more)
        return EvidenceJudgement(rule.level, rule.cue, decided_by="cues", probability=p)
    cue = rule.cue if rule.level is level else ""
    if p >= threshold and not (rule.cue and level.rank < rule.level.rank and p < threshold + RAISE_MARGIN):
        return EvidenceJudgement(level, cue, decided_by="model", probability=p)
    level = cautious(level, rule.level)
    return EvidenceJudgement(level, rule.cue if rule.level is level else "", decided_by="unsure", probability=p)


class EvidenceJudge:
    """Judges candidate sentences at answer time: rules, then the model on the sentence's
    vector from ``encode`` (the bot's own encoder). Judgements and vectors are cached by
    text, since the same corpus sentences come back question after question."""

    def __init__(self, encode: Encode, model: EvidenceModel | None = None,
                 rules: EvidenceClassifier | None = None, cache_size: int = 50_000, batch: int = 32) -> None:
        self.encode = encode
        self.batch = batch  # texts per encoder call: the bot's ONNX path takes up to query_batch_max
        self.model = model or EvidenceModel()
        self.rules = rules or EvidenceClassifier()
        self.cache_size = cache_size
        self._judged: dict[tuple[str, str | None], EvidenceJudgement] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._stored: dict[str, EvidenceJudgement] = {}  # from a generation's JUDGED_FILE, by _digest

    def judge(self, text: str, context: str | None = None, vector: np.ndarray | None = None) -> EvidenceJudgement:
        """The level of one sentence; ``context`` is the passage before it."""
        if vector is not None:
            self._remember(self._vectors, text, np.asarray(vector, dtype=np.float32))
        return self.judge_many([(text, context)])[0]

    def judge_many(self, items: Iterable[tuple[str, str | None]]) -> list[EvidenceJudgement]:
        """Judge several (text, context) pairs, encoding every new text in one batch."""
        items = [(text, context or None) for text, context in items]
        todo = [key for key in dict.fromkeys(items) if key not in self._judged]
        if todo and self._stored:
            left = []
            for key in todo:
                stored = self._stored.get(_digest(*key))
                if stored is None:
                    left.append(key)
                else:
                    self._remember(self._judged, key, stored)
            todo = left
        if todo:
            rules = [self.rules.judge(text, context) for text, context in todo]
            needs = [i for i, (key, rule) in enumerate(zip(todo, rules)) if not (rule.inherited or is_certain(rule, key[0]))]
            known = {todo[i][0]: self._vectors.get(todo[i][0]) for i in needs}
            # like lengths together: a batch pads every text to its longest
            new = sorted((text for text, vector in known.items() if vector is None), key=len)
            for start in range(0, len(new), self.batch):
                chunk = new[start : start + self.batch]
                for text, vector in zip(chunk, self.encode(chunk)):
                    known[text] = np.asarray(vector, dtype=np.float32)
                    self._remember(self._vectors, text, known[text])
            if needs:
                vectors = np.stack([known[todo[i][0]] for i in needs])
                features = np.stack([cue_features(todo[i][0], todo[i][1], self.rules, rules[i]) for i in needs])
                probabilities = self.model.probabilities(vectors, features)
                threshold = self.model.threshold
                for row, i in enumerate(needs):
                    judgement = decide(rules[i], probabilities[row], threshold, todo[i][0])
                    if judgement.decided_by == "model":
                        example = self.model.example(judgement.level, vectors[row])
                        judgement = EvidenceJudgement(judgement.level, judgement.cue, False, "model",
                                                      judgement.probability, example)
                    rules[i] = judgement
            for key, judgement in zip(todo, rules):
                self._remember(self._judged, key, judgement)
        return [self._judged[key] for key in items]

    def save(self, path: str | Path, items: Iterable[tuple[str, str | None]]) -> int:
        """Judge ``items`` and write the judgements to ``path`` (atomically); returns how many."""
        items = list(dict.fromkeys((text, context or None) for text, context in items))
        rows = [[_digest(text, context), j.level.value, j.cue, j.inherited, j.decided_by, j.probability, j.example]
                for (text, context), j in zip(items, self.judge_many(items))]
        path = Path(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps({"fingerprint": judge_fingerprint(self.model.path), "judged": rows}), encoding="utf-8")
        os.replace(tmp, path)
        return len(rows)

    def load(self, path: str | Path) -> int:
        """Take the judgements ``save`` wrote, if they were made by this model and these rules;
        returns how many (0 for a missing, unreadable or outdated file)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("fingerprint") != judge_fingerprint(self.model.path):
                return 0
            stored = {row[0]: EvidenceJudgement(EvidenceLevel(row[1]), row[2], bool(row[3]), row[4], row[5], row[6])
                      for row in data["judged"]}
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            return 0
        self._stored = stored
        return len(stored)

    def _remember(self, cache: dict, key: object, value: object) -> None:
        if len(cache) >= self.cache_size:
            cache.clear()  # a bounded cache; a corpus larger than it pays one re-encode per sentence
        cache[key] = value


@lru_cache(maxsize=1)
def _default_judge() -> EvidenceJudge:
    from .config import Settings
    from .embed import Encoder

    encoder = Encoder()
    encoder.use_exported(Settings.from_env().encoder_dir)  # no torch import when ingest exported the model
    return EvidenceJudge(encoder.encode)


def classify_evidence(text: str, context: str | None = None) -> EvidenceLevel:
    """The evidence level of one sentence, as the bot labels its quotes (loads the encoder
    on first use); ``context`` is the passage before it."""
    return _default_judge().judge(text, context).level
