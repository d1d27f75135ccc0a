"""Tests for nmnbot_eval: the metric functions on hand-made Answers, then the real
question set against a temporary index (thresholds from eval/questions.jsonl)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nmnbot.pipeline.compose import PHYSICIAN_CAVEAT, Answer, Quote
from nmnbot_eval.baseline import Chunk, contains_any
from nmnbot.config import Settings
from nmnbot.errors import InputError
from nmnbot_eval.questions import Question, load_questions
from nmnbot_eval.report import format_table, miss_records, write_report
from nmnbot_eval.scoring import (
    ALWAYS, Outcome, careful_caveat, careful_safe, caveats_ok, check_thresholds, compute_metrics, first_hit_rank,
    is_hit, phrase_in, verbatim_failures,
)
from nmnbot.evidence import EvidenceLevel

from helpers import REPO as ROOT
QUESTIONS = ROOT / "eval" / "questions.jsonl"
TEXT = "Mice treated with NMN grew more hair. People slept better in a trial."


def quote(text: str, source: str = "a.txt", start: int = 0) -> Quote:
    return Quote(text, source, "A", "", start, start + len(text), EvidenceLevel.ANIMAL, "test", 0.5)


def answered(*quotes: Quote, caveats: tuple[str, ...] = ()) -> Answer:
    return Answer("q", "answered", "a", tuple(quotes), caveats)


def outcome(kind: str, answer: Answer, expect: tuple[str, ...] = (), source: str | None = None, seconds: float = 0.1) -> Outcome:
    o = Outcome(Question(kind[:1], kind, "q", source, expect), answer.to_dict(), seconds)
    o.rank, o.hit = first_hit_rank(o.question, o.answer), is_hit(o.question, o.answer)
    return o


# --------------------------------------------------------------------------- scoring one answer


def test_phrase_match_ignores_case_spacing_and_curly_apostrophes():
    assert phrase_in("body's  ability", "the Body’s ability to absorb")
    assert not phrase_in("bodies", "the body's ability")


def test_first_hit_rank_counts_only_the_expected_source():
    q = Question("1", "answer", "q", "b.txt", ("more hair",))
    a = answered(quote("Mice treated with NMN grew more hair.", "a.txt"), quote("NMN grew more hair in mice.", "b.txt"))
    assert first_hit_rank(q, a) == 2
    assert first_hit_rank(Question("1", "answer", "q", None, ("more hair",)), a) == 1
    assert first_hit_rank(Question("1", "answer", "q", "c.txt", ("more hair",)), a) is None


def test_not_found_is_never_a_hit():
    q = Question("1", "answer", "q", None, ("anything",))
    assert first_hit_rank(q, Answer("q", "not_found", "none")) is None


def test_careful_needs_a_specific_caveat_not_just_the_standard_line():
    plain = answered(quote("Mice treated with NMN grew more hair."))
    assert PHYSICIAN_CAVEAT in plain.caveats and not careful_caveat(plain)
    specific = answered(quote("Mice treated with NMN grew more hair."),
                        caveats=("Ask a pharmacist before combining supplements with your medicines.",))
    assert careful_caveat(specific)
    q = Question("c", "careful", "q", None, ("more hair",))
    assert not is_hit(q, plain) and is_hit(q, specific)
    assert careful_safe(Answer("q", "not_found", "x", caveats=("Check with your doctor first.",)))
    assert not careful_safe(Answer("q", "crisis", "x", caveats=("Your doctor can help.",)))


def test_caveats_ok_requires_a_professional_for_answered_and_not_found():
    assert caveats_ok(answered(quote("x" * 30)))
    broken = answered(quote("x" * 30)).to_dict()
    broken["caveats"] = ["Evidence is weak."]
    assert not caveats_ok(broken)
    broken["caveats"] = []
    assert not caveats_ok(broken)


def test_verbatim_failures_catch_an_off_by_one_span(tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    good = quote("Mice treated with NMN grew more hair.")
    shifted = Quote(good.text, "a.txt", "A", "", 1, 1 + len(good.text), good.evidence, "", 0.5)
    assert verbatim_failures(answered(good), tmp_path) == []
    assert verbatim_failures(answered(shifted), tmp_path) == [f"a.txt[1:{1 + len(good.text)}]"]
    assert verbatim_failures(answered(quote("gone", "missing.txt")), tmp_path) == ["missing.txt[0:4]"]


# --------------------------------------------------------------------------- metrics


def test_compute_metrics_on_hand_made_outcomes():
    hit = answered(quote("Mice treated with NMN grew more hair."), quote("People slept better in a trial.", start=38))
    outcomes = [
        outcome("answer", hit, ("slept better",)),  # hit at rank 2
        outcome("answer", hit, ("never said",)),  # answered, miss
        outcome("answer", Answer("q", "not_found", "x"), ("more hair",)),  # abstained wrongly
        outcome("none", Answer("q", "not_found", "x")),
        outcome("none", hit),  # answered a none question
        outcome("crisis", Answer("q", "crisis", "x")),
        outcome("emergency", Answer("q", "not_found", "x")),
        outcome("careful", Answer("q", "emergency", "x")),  # a false emergency
    ]
    m = compute_metrics(outcomes, [({"level": "animal"}, "animal"), ({"level": "opinion"}, "animal")])
    assert m["answer_hit_rate"] == pytest.approx(1 / 3)
    assert m["mrr"] == pytest.approx((1 / 2) / 3)
    assert m["not_found_precision"] == pytest.approx(1 / 2)  # two not_found among answer+none, one right
    assert m["not_found_recall"] == pytest.approx(1 / 2)
    assert m["crisis_recall"] == 1.0 and m["emergency_recall"] == 0.0
    assert m["false_crisis_rate"] == pytest.approx(1 / 6)
    assert m["careful_safe_rate"] == 0.0
    assert m["evidence_accuracy"] == 0.5
    assert m["verbatim_rate"] == 1.0 and m["caveat_coverage"] == 1.0


def test_verbatim_rate_counts_quotes_not_answers():
    o = outcome("answer", answered(quote("x" * 30), quote("y" * 30, start=40)), ("x",))
    o.verbatim_bad = ["a.txt[40:70]"]
    assert compute_metrics([o])["verbatim_rate"] == 0.5


def test_thresholds_min_max_unmeasured_and_always():
    m = {"answer_hit_rate": 0.7, "false_crisis_rate": 0.1, "verbatim_rate": 1.0, "caveat_coverage": 0.99,
         "evidence_accuracy": None}
    failures = check_thresholds(m, {"min_answer_hit_rate": 0.8, "max_false_crisis_rate": 0.0, "min_evidence_accuracy": 0.5})
    assert any(f.startswith("answer_hit_rate") for f in failures)
    assert any(f.startswith("false_crisis_rate") for f in failures)
    assert any(f.startswith("evidence_accuracy not measured") for f in failures)
    assert any(f.startswith("caveat_coverage") for f in failures)  # always checked, even with no threshold
    assert not check_thresholds({"verbatim_rate": 1.0, "caveat_coverage": 1.0, "mrr": 0.9}, {"min_mrr": 0.5})
    assert set(ALWAYS) == {"min_verbatim_rate", "min_caveat_coverage"}


def test_misses_list_what_was_retrieved_instead():
    wrong = answered(quote("Mice treated with NMN grew more hair."))
    o = outcome("answer", wrong, ("slept",), "a.txt")
    misses = miss_records([o, outcome("none", Answer("q", "not_found", "x"))])
    assert len(misses) == 1 and misses[0]["status"] == "answered"
    assert misses[0]["retrieved"][0]["text"] == "Mice treated with NMN grew more hair."


def test_report_files(tmp_path: Path):
    o = outcome("answer", answered(quote("Mice treated with NMN grew more hair.")), ("slept",))
    m = compute_metrics([o])
    written = write_report(tmp_path, {"metrics": m, "thresholds": {"min_answer_hit_rate": 0.5}, "failures": ["x"],
                                      "outcomes": [o], "evidence_misses": []})
    assert {p.name for p in written} == {"report.md", "chart.png", "misses.md", "misses.jsonl"}
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    assert "MISSED: x" in (tmp_path / "report.md").read_text()
    assert "MISS" in format_table(m, {"min_answer_hit_rate": 0.5})


# --------------------------------------------------------------------------- question files


def test_load_questions_reads_config_and_rejects_bad_lines(tmp_path: Path):
    f = tmp_path / "q.jsonl"
    f.write_text('{"kind": "config", "thresholds": {"min_mrr": 0.5}}\n'
                 '{"id": "a", "kind": "answer", "question": "q?", "expect": ["x"]}\n', encoding="utf-8")
    qs = load_questions(f)
    assert qs.thresholds == {"min_mrr": 0.5} and qs.questions[0].expect == ("x",) and qs.claims_path is None
    for bad in ('{"id": "a", "kind": "maybe", "question": "q"}',
                '{"id": "a", "kind": "answer", "question": "q"}',  # no expect
                '{"kind": "config", "thresholds": {"mrr": 0.5}}\n{"id": "a", "kind": "none", "question": "q"}',
                '{"id": "a", "kind": "none", "question": "q"}\n{"id": "a", "kind": "none", "question": "r"}',
                "not json"):
        f.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(InputError):
            load_questions(f)


def test_the_shipped_question_set_is_well_formed():
    qs = load_questions(QUESTIONS)
    kinds = [q.kind for q in qs.questions]
    assert len(kinds) >= 120
    assert kinds.count("crisis") >= 10 and kinds.count("emergency") >= 8 and kinds.count("careful") >= 10
    corpus = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    assert {q.source for q in qs.questions if q.source} <= set(corpus)
    assert {q.source for q in qs.questions if q.source} == set(corpus)  # every seed document is asked about
    for q in qs.questions:  # an expected phrase nobody could quote would be a silent miss
        texts = [corpus[q.source]] if q.source else list(corpus.values())
        assert not q.expect or any(phrase_in(e, t) for e in q.expect for t in texts), q.id
    claims = [json.loads(line) for line in (ROOT / "eval" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(claims) >= 40
    assert all(c["text"] in corpus[c["source"]] for c in claims)
    assert {c["level"] for c in claims} <= {lvl.value for lvl in EvidenceLevel}


def test_baseline_chunk_overlap_and_phrase_match():
    c = Chunk("d.md", 100, "x" * 50)
    assert c.end == 150 and c.overlaps("d.md", 149, 300) and not c.overlaps("d.md", 150, 300)
    assert not c.overlaps("other.md", 100, 150)
    assert contains_any([Chunk("a", 0, "NMN grew hair")], ["grew HAIR"]) and not contains_any([Chunk("a", 0, "x")], ["y"])


def test_importing_evaluate_and_baseline_loads_nothing_heavy():
    code = ("import sys, nmnbot_eval.run, nmnbot_eval.baseline, nmnbot_eval.medquad; "
            "print([m for m in ('torch', 'chromadb', 'matplotlib', 'sentence_transformers', 'langchain_text_splitters') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- the real question set


@pytest.fixture(scope="module")
def eval_run(tmp_path_factory):
    from nmnbot_eval.run import evaluate

    tmp = tmp_path_factory.mktemp("eval")
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    settings = Settings.from_env(environ={}, corpus_dir=corpus, index_dir=tmp / "index", data_dir=tmp / "data")
    return settings, evaluate(QUESTIONS, settings)


@pytest.mark.slow
def test_every_quote_is_verbatim_and_every_answer_has_its_caveats(eval_run):
    _, result = eval_run
    m = result["metrics"]
    assert m["quotes"] > 0
    assert m["verbatim_rate"] == 1.0, [o.verbatim_bad for o in result["outcomes"] if o.verbatim_bad]
    assert m["caveat_coverage"] == 1.0


@pytest.mark.slow
def test_question_set_meets_its_thresholds(eval_run):
    _, result = eval_run
    assert result["thresholds"], "eval/questions.jsonl lost its config line"
    assert result["failures"] == [], "\n" + format_table(result["metrics"], result["thresholds"])


@pytest.mark.slow
def test_cli_json_and_exit_status(eval_run, tmp_path: Path):
    from click.testing import CliRunner

    from nmnbot.fronts.cli import main

    settings, _ = eval_run
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('{"kind": "config", "thresholds": {"min_answer_hit_rate": 1.0}, "claims": null}\n'
                     '{"id": "a", "kind": "answer", "question": "Does NMN help with sleep?", "expect": ["zzz-never-quoted"]}\n'
                     '{"id": "n", "kind": "none", "question": "What is the capital of France?"}\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(qfile), "--json", "--report", str(tmp_path / "rep"),
                                    "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)])
    assert res.exit_code == 1, res.output
    out = json.loads(res.stdout)
    assert out["metrics"]["answer_hit_rate"] == 0.0 and out["failures"]
    assert out["misses"][0]["id"] == "a" and out["misses"][0]["retrieved"]
    assert (tmp_path / "rep" / "report.md").is_file() and (tmp_path / "rep" / "chart.png").is_file()


def test_the_metrics_table_lists_each_metric_once() -> None:
    """The graded rows were once listed twice, so every graded figure printed twice."""
    from nmnbot_eval.report import _TABLE

    keys = [key for key, _ in _TABLE]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
