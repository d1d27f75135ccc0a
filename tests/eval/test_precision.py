"""Tests for the graded metrics (nmnbot_eval.scoring: quote_precision, best_evidence_rate) and
for eval/precision.jsonl itself: every labelled sentence is an exact substring of its file."""

from __future__ import annotations

from pathlib import Path

from nmnbot_eval.questions import Question, load_questions
from nmnbot_eval.scoring import precision_counts, quote_relevance, relevant_spans

from helpers import REPO

DOC = "NMN is popular. A randomized trial gave 108 adults 250 mg a day. In mice, NMN helped. Buy now."


def _q(*relevant: tuple[str, str]) -> Question:
    return Question("q1", "answer", "how much?", relevant=tuple({"source": "a.txt", "text": t, "level": lvl}
                                                                 for t, lvl in relevant))


def _quote(text: str) -> dict[str, object]:
    start = DOC.index(text)
    return {"source": "a.txt", "start": start, "end": start + len(text), "text": text}


def test_a_quote_counts_only_when_it_covers_half_of_a_labelled_sentence_or_is_half_inside_one() -> None:
    q = _q(("A randomized trial gave 108 adults 250 mg a day.", "human_rct"), ("In mice, NMN helped.", "animal"))
    spans = relevant_spans(q, {"a.txt": DOC})
    assert quote_relevance(_quote("A randomized trial gave 108 adults 250 mg a day."), spans) == "human_rct"
    assert quote_relevance(_quote("NMN is popular."), spans) is None
    # a long quote that swallows a short labelled sentence still addresses the question
    assert quote_relevance(_quote("In mice, NMN helped. Buy now."), spans) == "animal"


def test_precision_and_best_evidence_per_question() -> None:
    q = _q(("A randomized trial gave 108 adults 250 mg a day.", "human_rct"), ("In mice, NMN helped.", "animal"))
    answer = {"status": "answered", "quotes": [_quote("In mice, NMN helped."), _quote("NMN is popular.")]}
    counts = precision_counts(q, answer, {"a.txt": DOC})
    assert counts == {"quotes": 2, "relevant": 1, "study_question": 1, "best_quoted": 0}
    answer["quotes"].append(_quote("A randomized trial gave 108 adults 250 mg a day."))
    assert precision_counts(q, answer, {"a.txt": DOC})["best_quoted"] == 1


def test_the_graded_set_points_at_real_sentences_and_has_both_splits() -> None:
    qs = load_questions(REPO / "eval" / "precision.jsonl").questions
    corpus = REPO / "corpus"
    answerable = [q for q in qs if q.kind == "answer"]
    assert len(answerable) >= 80 and sum(q.kind == "none" for q in qs) >= 30
    assert {q.split for q in qs} == {"tune", "blind"}
    assert sum(q.split == "blind" for q in answerable) >= 30
    for q in answerable:
        assert q.relevant, q.id
        for r in q.relevant:
            assert r["text"] in Path(corpus, r["source"]).read_text(encoding="utf-8"), (q.id, r["text"][:60])
