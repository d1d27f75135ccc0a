"""``nmnbot eval``: run a question set through the Chatbot, score it, compare with a baseline.

The file format is documented in eval/README.md. Scoring functions take plain
``Answer.to_dict()`` dicts (or Answers) and ``Question`` objects, so tests can feed
them hand-made answers.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nmnbot.config import Settings

from .medquad import MEDQUAD_MAX_CHARS_RATIO, MEDQUAD_SEED, run_medquad
from .questions import Question, load_claims, load_questions
from .report import fmt, format_table, miss_records, write_report
from .scoring import Outcome, check_thresholds, compute_metrics, score


def run_questions(questions: Sequence[Question], bot: Any) -> list[Outcome]:
    outcomes = []
    for q in questions:
        t0 = time.perf_counter()
        answer = bot.ask(q.question, history=list(q.history) or None)
        outcomes.append(Outcome(q, answer.to_dict(), time.perf_counter() - t0))
    return outcomes


def run_baseline(outcomes: Sequence[Outcome], corpus_dir: Path) -> None:
    """Textbook RAG on the same answer questions: hit = an expected phrase inside a retrieved chunk."""
    from .baseline import TextbookRetriever, contains_any

    retriever = TextbookRetriever(corpus_dir).build()
    for o in outcomes:
        if o.question.kind != "answer":
            continue
        chunks = retriever.retrieve(o.question.question)
        o.baseline_hit = contains_any(chunks, o.question.expect, o.question.source)
        o.baseline_chars = sum(len(c.text) for c in chunks)
        o.baseline_chunks = [{"source": c.source, "start": c.start, "end": c.end} for c in chunks]


def evaluate(path: str | Path, settings: Settings, baseline: bool = False) -> dict[str, Any]:
    """Run the question set at ``path``; returns metrics, failures and per-question outcomes."""
    from nmnbot.bot import Chatbot
    from nmnbot.index import ingest

    qs = load_questions(path)
    ingest(settings, lock_timeout=600)  # evaluate the corpus as it is now; a no-op when the index is current
    bot = Chatbot(settings=settings).warm_up()
    outcomes = run_questions(qs.questions, bot)
    score(outcomes, settings.corpus_dir)
    if baseline:
        run_baseline(outcomes, Path(settings.corpus_dir))
    evidence = []
    if qs.claims_path:
        for c in load_claims(qs.claims_path):
            level = bot.evidence.judge(c["text"], c.get("context")).level  # as the bot labels its quotes
            evidence.append((c, level.value))
    metrics = compute_metrics(outcomes, evidence)
    return {
        "metrics": metrics,
        "thresholds": dict(qs.thresholds),
        "failures": check_thresholds(metrics, qs.thresholds),
        "outcomes": outcomes,
        "evidence_misses": [{**c, "predicted": p} for c, p in evidence if c["level"] != p],
    }


def run_cli(questions_path: str | Path, settings: Settings, as_json: bool = False, report_dir: str | Path | None = None,
            baseline: bool = False, medquad: int = 0, medquad_seed: int = MEDQUAD_SEED) -> bool:
    """``nmnbot eval``: print the table (or JSON), write the report; False when a threshold is missed."""
    result = evaluate(questions_path, settings, baseline=baseline)
    mq = run_medquad(medquad, settings, seed=medquad_seed) if medquad > 0 else None
    failures = list(result["failures"])
    if mq and (mq["chars_ratio"] is None or mq["chars_ratio"] > MEDQUAD_MAX_CHARS_RATIO):
        failures.append(f"MedQuAD chars ratio {fmt(mq['chars_ratio'])} above {MEDQUAD_MAX_CHARS_RATIO:.3g}")
    if report_dir is not None:
        write_report(Path(report_dir), {**result, "failures": failures}, mq)
    if as_json:
        out = {"metrics": result["metrics"], "thresholds": result["thresholds"], "failures": failures,
               "misses": miss_records(result["outcomes"]), "evidence_misses": result["evidence_misses"]}
        if mq:
            out["medquad"] = mq
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(format_table(result["metrics"], result["thresholds"], mq))
        n_miss = len(miss_records(result["outcomes"]))
        print(f"\n{n_miss} misses" + (f" (see {Path(report_dir) / 'misses.md'})" if report_dir else " (use --report DIR for the list)"))
        if mq:
            print(f"MedQuAD misses by type: {mq['misses_by_type']}")
        for f in failures:
            print(f"MISSED: {f}", file=sys.stderr)
    return not failures
