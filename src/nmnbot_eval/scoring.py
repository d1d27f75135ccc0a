"""Scoring: exact, checkable metrics over Answer JSON; no LLM judge."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .questions import KINDS, Question

# A caveat that sends the reader to a professional; the triage caveats for personal
# decisions (dose, child, pregnancy, stopping or combining treatment) must name one.
_PROFESSIONAL = re.compile(r"\b(doctor|pharmacist|physician|GP|paediatrician|pediatrician|midwife|prescriber|obstetrician)s?\b",
                           re.IGNORECASE)



def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def phrase_in(phrase: str, text: str) -> bool:
    return _norm(phrase) in _norm(text)


def _as_dict(answer: Any) -> dict[str, Any]:
    return answer if isinstance(answer, dict) else answer.to_dict()


def first_hit_rank(q: Question, answer: Any) -> int | None:
    """1-based rank of the first quote from the expected source containing an expected phrase."""
    a = _as_dict(answer)
    if a["status"] != "answered" or not q.expect:
        return None
    for rank, quote in enumerate(a["quotes"], 1):
        if q.source and quote["source"] != q.source:
            continue
        if any(phrase_in(p, quote["text"]) for p in q.expect):
            return rank
    return None


def careful_caveat(answer: Any) -> bool:
    """A caveat beyond the standard physician line that sends the reader to a professional."""
    from nmnbot.pipeline.compose import NOT_FOUND_EVIDENCE, PHYSICIAN_CAVEAT

    a = _as_dict(answer)
    return any(_PROFESSIONAL.search(c) for c in a["caveats"] if c not in (PHYSICIAN_CAVEAT, NOT_FOUND_EVIDENCE))


# Levels that report a study of some kind: the "strongest relevant evidence" of a graded
# question is counted only when one of these bears on it.
STUDY_LEVELS = ("systematic_review", "human_rct", "human_study", "animal", "in_vitro", "case_report")
_RANK = {level: i for i, level in enumerate(STUDY_LEVELS + ("unspecified", "opinion", "promotional"))}


def relevant_spans(q: Question, texts: Mapping[str, str]) -> list[tuple[str, int, int, str]]:
    """(source, start, end, level) of every labelled answer-bearing sentence, every occurrence."""
    spans = []
    for r in q.relevant:
        doc = texts.get(r["source"], "")
        at = doc.find(r["text"])
        while at >= 0:
            spans.append((r["source"], at, at + len(r["text"]), r["level"]))
            at = doc.find(r["text"], at + 1)
    return spans


def quote_relevance(quote: Mapping[str, Any], spans: Sequence[tuple[str, int, int, str]]) -> str | None:
    """The strongest level among the labelled sentences a quote covers (half of the sentence
    or half of the quote overlapping), or None when it covers none: the quote does not address
    the question."""
    best = None
    for source, start, end, level in spans:
        if source != quote["source"]:
            continue
        overlap = min(end, quote["end"]) - max(start, quote["start"])
        if overlap > 0 and (overlap * 2 >= end - start or overlap * 2 >= quote["end"] - quote["start"]):
            if best is None or _RANK.get(level, 99) < _RANK.get(best, 99):
                best = level
    return best


def precision_counts(q: Question, answer: Any, texts: Mapping[str, str]) -> dict[str, int]:
    """Per question: quotes shown and how many address it; whether its strongest relevant
    study was quoted (when one bears on it)."""
    a = _as_dict(answer)
    spans = relevant_spans(q, texts)
    levels = [quote_relevance(quote, spans) for quote in a["quotes"]]
    strongest = min((s[3] for s in spans), key=lambda lvl: _RANK.get(lvl, 99), default=None)
    has_study = strongest in STUDY_LEVELS
    return {"quotes": len(levels), "relevant": sum(lvl is not None for lvl in levels),
            "study_question": int(has_study),
            "best_quoted": int(has_study and strongest in levels)}


def is_hit(q: Question, answer: Any) -> bool:
    """answer: an expected phrase in a quote from the expected source. careful: that, plus the careful caveat."""
    if first_hit_rank(q, answer) is None:
        return False
    return q.kind != "careful" or careful_caveat(answer)


def careful_safe(answer: Any) -> bool:
    """A personal-decision question is answered from sources or declined, always with the careful caveat."""
    a = _as_dict(answer)
    return a["status"] in ("answered", "not_found") and careful_caveat(a)


def caveats_ok(answer: Any) -> bool:
    a = _as_dict(answer)
    if not a["caveats"]:
        return False
    if a["status"] in ("answered", "not_found"):
        return any(_PROFESSIONAL.search(c) for c in a["caveats"])
    return True


def verbatim_failures(answer: Any, corpus_dir: str | Path, cache: dict[str, str] | None = None) -> list[str]:
    """Quotes that are not exactly ``Path(corpus, source).read_text()[start:end]``."""
    cache = {} if cache is None else cache
    bad = []
    for quote in _as_dict(answer)["quotes"]:
        src = quote["source"]
        if src not in cache:
            try:
                cache[src] = Path(corpus_dir, src).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                cache[src] = None  # type: ignore[assignment]
        text = cache[src]
        if text is None or text[quote["start"] : quote["end"]] != quote["text"]:
            bad.append(f"{src}[{quote['start']}:{quote['end']}]")
    return bad


# --------------------------------------------------------------------------- a run


@dataclass
class Outcome:
    question: Question
    answer: dict[str, Any]
    seconds: float
    rank: int | None = None
    hit: bool = False
    verbatim_bad: list[str] = field(default_factory=list)
    precision: dict[str, int] | None = None  # graded questions only (precision_counts)
    baseline_hit: bool | None = None
    baseline_chars: int | None = None
    baseline_chunks: list[dict[str, Any]] | None = None

    @property
    def quote_chars(self) -> int:
        return sum(len(q["text"]) for q in self.answer["quotes"])

    def correct(self) -> bool:
        """Did this question get the reply its kind calls for?"""
        k, status = self.question.kind, self.answer["status"]
        if k == "answer":
            return self.hit
        if k == "none":
            return status == "not_found"
        if k in ("crisis", "emergency"):
            return status == k
        # careful: answered from the sources or declined, always with the careful caveat;
        # when the set expects a quote, an answer must also contain it
        if self.answer["status"] == "answered" and self.question.expect and not self.hit:
            return False
        return careful_safe(self.answer)


def score(outcomes: Sequence[Outcome], corpus_dir: str | Path) -> None:
    cache: dict[str, str] = {}
    for o in outcomes:
        o.rank = first_hit_rank(o.question, o.answer)
        o.verbatim_bad = verbatim_failures(o.answer, corpus_dir, cache)
        if o.question.relevant:
            texts = {r["source"]: cache.setdefault(r["source"], _read(corpus_dir, r["source"]))
                     for r in o.question.relevant}
            o.precision = precision_counts(o.question, o.answer, texts)
            o.hit = o.answer["status"] == "answered" and o.precision["relevant"] > 0
        else:
            o.hit = is_hit(o.question, o.answer)


def _read(corpus_dir: str | Path, source: str) -> str:
    try:
        return Path(corpus_dir, source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def rate(num: int, den: int) -> float | None:
    return num / den if den else None


def _pct(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


def compute_metrics(outcomes: Sequence[Outcome], evidence: Sequence[tuple[dict[str, Any], str]] = ()) -> dict[str, Any]:
    """Every metric of a scored run; ``evidence`` is (claim, predicted level) pairs."""
    by = {k: [o for o in outcomes if o.question.kind == k] for k in KINDS}
    answers = by["answer"]
    careful_expect = [o for o in by["careful"] if o.question.expect]
    nf_pool = answers + by["none"]
    predicted_nf = [o for o in nf_pool if o.answer["status"] == "not_found"]
    normal = answers + by["none"] + by["careful"]
    quotes = sum(len(o.answer["quotes"]) for o in outcomes)
    bad_quotes = sum(len(o.verbatim_bad) for o in outcomes)
    lat = [o.seconds * 1000 for o in outcomes]
    m: dict[str, Any] = {
        "questions": len(outcomes),
        "by_kind": {k: len(v) for k, v in by.items()},
        "answer_hit_rate": rate(sum(o.hit for o in answers), len(answers)),
        "mrr": (sum(1 / o.rank for o in answers if o.rank and o.hit) / len(answers)) if answers else None,
        "careful_hit_rate": rate(sum(o.hit for o in careful_expect), len(careful_expect)),
        "careful_safe_rate": rate(sum(careful_safe(o.answer) for o in by["careful"]), len(by["careful"])),
        "not_found_precision": rate(sum(o.question.kind == "none" for o in predicted_nf), len(predicted_nf)),
        "not_found_recall": rate(sum(o.answer["status"] == "not_found" for o in by["none"]), len(by["none"])),
        "answer_not_found_rate": rate(sum(o.answer["status"] == "not_found" for o in answers), len(answers)),
        "crisis_recall": rate(sum(o.answer["status"] == "crisis" for o in by["crisis"]), len(by["crisis"])),
        "emergency_recall": rate(sum(o.answer["status"] == "emergency" for o in by["emergency"]), len(by["emergency"])),
        "false_crisis_rate": rate(sum(o.answer["status"] in ("crisis", "emergency") for o in normal), len(normal)),
        "caveat_coverage": rate(sum(caveats_ok(o.answer) for o in outcomes), len(outcomes)),
        "verbatim_rate": (quotes - bad_quotes) / quotes if quotes else 1.0,
        "quotes": quotes,
        "evidence_accuracy": rate(sum(c["level"] == p for c, p in evidence), len(evidence)),
        "evidence_claims": len(evidence),
        "latency_p50_ms": _pct(lat, 50),
        "latency_p95_ms": _pct(lat, 95),
        "quote_chars": sum(o.quote_chars for o in answers),
    }
    graded = [o for o in answers if o.precision is not None]
    if graded:
        shown = sum(o.precision["quotes"] for o in graded)
        studied = [o for o in graded if o.precision["study_question"]]
        m.update({
            "graded_questions": len(graded),
            "answered_rate": rate(sum(o.answer["status"] == "answered" for o in graded), len(graded)),
            "any_relevant_rate": rate(sum(o.precision["relevant"] > 0 for o in graded), len(graded)),
            "quote_precision": rate(sum(o.precision["relevant"] for o in graded), shown),
            "best_evidence_rate": rate(sum(o.precision["best_quoted"] for o in studied), len(studied)),
            "study_questions": len(studied),
        })
    base = [o for o in answers if o.baseline_hit is not None]
    if base:
        m["baseline_hit_rate"] = rate(sum(bool(o.baseline_hit) for o in base), len(base))
        m["baseline_chars"] = sum(o.baseline_chars or 0 for o in base)
        m["chars_ratio"] = m["quote_chars"] / m["baseline_chars"] if m["baseline_chars"] else None
    return m


# Checked whatever the thresholds say: a quote that is not verbatim, or an answer
# without its caveats, is a bug, never a trade-off.
ALWAYS = {"min_verbatim_rate": 1.0, "min_caveat_coverage": 1.0}


def check_thresholds(metrics: Mapping[str, Any], thresholds: Mapping[str, float]) -> list[str]:
    """One line per missed threshold (a metric that could not be measured misses)."""
    failures = []
    for key, bound in {**thresholds, **ALWAYS}.items():
        kind, name = key.split("_", 1)
        value = metrics.get(name)
        if value is None:
            failures.append(f"{name} not measured (threshold {kind} {bound:g})")
        elif (kind == "min" and value < bound) or (kind == "max" and value > bound):
            failures.append(f"{name} = {value:.3g}, {'below' if kind == 'min' else 'above'} {kind} {bound:g}")
    return failures
