"""Tests for nmnbot.pipeline.rank (the learned sentence ranker, off by default: see
Settings.quote_ranker) and for the bottom line: the model matches its script; with the
ranker on, the answer-bearing sentence should lead and filler should not be quoted (two of
these still fail and are marked so: issue 15 stays open); the bottom line only states what
a relevant sentence says."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from nmnbot.evidence import EvidenceLevel
from nmnbot.pipeline.compose import summarize
from nmnbot.pipeline.rank import FEATURES, MODEL_PATH, load_ranker

from helpers import REPO, offline_env

TABLE = REPO / "data" / "ranker" / "features.npz"


def test_the_committed_model_reads_the_features_the_code_computes() -> None:
    ranker = load_ranker()
    assert ranker is not None
    assert ranker.forest.feature_names == FEATURES
    with np.load(TABLE, allow_pickle=False) as z:
        assert tuple(z["features"]) == FEATURES
        x, y = z["x"], z["y"]
    # on its own training table the model separates answers from the rest (a sanity floor,
    # not a quality claim: the held-out figures are in docs/decisions.md)
    p = ranker.probabilities(x[:4000])
    assert p[y[:4000] == 1].mean() > p[y[:4000] == 0].mean() + 0.3
    assert MODEL_PATH.stat().st_size < 1_000_000


def test_the_numpy_forest_predicts_what_lightgbm_predicts() -> None:
    """Answering evaluates the saved trees in numpy (no lightgbm import); LightGBM's own
    predictions on the training table, on random rows, and on values at, just above and
    just below every threshold (ties go left) must be the same."""
    import lightgbm

    from nmnbot.pipeline.rank import Forest

    text = MODEL_PATH.read_text(encoding="utf-8")
    forest, booster = Forest.parse(text), lightgbm.Booster(model_str=text)
    with np.load(TABLE, allow_pickle=False) as z:
        table = z["x"][:20_000].astype(np.float32)
    rng = np.random.default_rng(7)
    noise = (rng.random((5_000, len(FEATURES))) * 1.4 - 0.2).astype(np.float32)
    noise[::9, 4] = np.nan  # LightGBM reads a missing value as 0 for these splits
    edges = np.repeat(table[:1], 3 * 600, axis=0)
    real = np.isfinite(forest.threshold)
    for k, j in enumerate(rng.choice(np.flatnonzero(real), 600, replace=False)):
        t = forest.threshold[j]
        edges[3 * k : 3 * k + 3, forest.feature[j]] = (t, np.nextafter(t, np.float32(np.inf)),
                                                        np.nextafter(t, np.float32(-np.inf)))
    for x in (table, noise, edges):
        assert np.abs(forest.predict(x) - booster.predict(x, num_threads=1)).max() < 1e-6


@pytest.mark.slow
def test_the_model_matches_its_training_script() -> None:
    done = subprocess.run([sys.executable, "-m", "nmnbot_eval.train_ranker", "--check"], cwd=REPO,
                          capture_output=True, text=True, env=offline_env(), timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "model matches its script" in done.stdout


@pytest.mark.slow
def test_the_tables_consumer_rows_are_what_its_script_makes() -> None:
    """`train_ranker --consumer` rebuilt the consumer rows of the committed table; rebuilt now,
    over the parts it names (CONSUMER_PARTS), they are the same rows, so a graded part added to
    eval/precision.jsonl later (pb3) is not silently trained on."""
    from nmnbot.config import Settings
    from nmnbot_eval.train_ranker import consumer_rows

    with np.load(TABLE, allow_pickle=False) as z:
        mine = z["source"] == 1
        x, y, group = z["x"][mine], z["y"][mine], z["group"][mine]
    rows = consumer_rows(Settings.from_env(environ={}), int(group.min()))
    assert len(rows) == len(x) and int(y.sum()) > 400
    assert np.array_equal(np.array([r[1] for r in rows]), y)
    assert np.array_equal(np.array([r[2] for r in rows]), group)
    assert np.abs(np.array([r[0] for r in rows], dtype=np.float32) - x).max() < 1e-4


# ------------------------------------------------------------------ answers on the seed corpus


@pytest.fixture(scope="module")
def ranked_bot(built_index: object) -> object:
    import dataclasses

    from nmnbot import Chatbot

    return Chatbot(settings=dataclasses.replace(built_index, quote_ranker=True)).warm_up()  # type: ignore[type-var]



NOT_YET = pytest.mark.xfail(strict=True, reason="issue 15 open: the ranker quotes a rhetorical question / "
                                                "page boilerplate here")


@pytest.mark.slow
@pytest.mark.parametrize("question, must", [
    ("What did the Tsukuba study find?", r"(?i)randomi[sz]ed|placebo|University of Tsukuba"),
    ("How much NMN did the people in the human trial take?", r"\b250\s?mg\b"),
    ("Does NMN help hair grow back?", r"(?i)\bhair\b"),
])
def test_the_answer_bearing_sentence_is_quoted_first(ranked_bot: object, question: str, must: str) -> None:
    a = ranked_bot.ask(question)  # type: ignore[attr-defined]
    assert a.status == "answered", a.notes
    assert re.search(must, a.quotes[0].text), [q.text for q in a.quotes]


@pytest.mark.slow
@NOT_YET
def test_page_boilerplate_and_filler_are_not_quoted(ranked_bot: object) -> None:
    """A sentence a page repeats at its end for every topic, a transition and a generic
    statement about a condition answer nothing: none is quoted for these questions."""
    filler = re.compile(r"(?i)don't just take our word|^depression is a serious|let's look at|"
                        r"consult (your|a) (doctor|physician)")
    for question in ("Is NMN safe to take every day?", "Can NMN help with depression?",
                     "What are the side effects of exosome therapy for hair loss?"):
        a = ranked_bot.ask(question)  # type: ignore[attr-defined]
        for q in a.quotes:
            assert not filler.search(q.text.strip()), (question, q.text)


# ------------------------------------------------------------------ the bottom line

NUMBER = re.compile(r"\b\d[\d,.]*\b")


def test_the_bottom_line_counts_only_what_relevant_sentences_report() -> None:
    relevant = [
        ("A randomized, placebo-controlled trial gave 108 older adults 250 mg of NMN a day.", EvidenceLevel.HUMAN_RCT, "p1"),
        ("In mice, NMN restored hair growth after eight weeks.", EvidenceLevel.ANIMAL, "p2"),
        ("NMN is the most exciting molecule of the decade.", EvidenceLevel.OPINION, "p3"),
    ]
    line = summarize(relevant, {"a.md": "this source sells NMN", "b.md": None})
    assert line == ("These sources describe one randomized trial in 108 older adults and one study in mice. "
                    "One of the sources sells NMN.")
    # without the trial sentence, no trial and no number appear
    line = summarize(relevant[1:], {"a.md": None})
    assert "randomized" not in line and not NUMBER.search(line)
    assert "none of it was done in people" in line
    assert summarize(relevant[2:], {"a.md": None}) == (
        "These sources give their authors' own claims; they describe no study.")


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "What did the Tsukuba study find?", "Does NMN help hair grow back?", "Can NMN cure depression?",
    "Is exosome therapy for hair loss proven?", "How long until NMN works?", "Is NMN safe?",
])
def test_every_number_and_kind_in_the_summary_comes_from_a_quoted_or_relevant_sentence(bot: object, question: str) -> None:
    a = bot.ask(question)  # type: ignore[attr-defined]
    assert a.status == "answered", a.notes  # every one of these is covered by the seeds
    assert a.summary
    st = bot.state()  # type: ignore[attr-defined]
    cited = " ".join(st.texts[q.source] for q in a.quotes)
    for n in NUMBER.findall(a.summary):
        assert n in cited, (n, a.summary)
    assert a.answer.startswith(f"**{a.summary.split('.')[0]}"), a.answer[:200]
    # each kind of study the summary names has its words in the documents it cites
    for kind, evidence in (("randomized trial", r"(?i)randomi[sz]ed|placebo"), ("in mice", r"(?i)\bmice\b"),
                           ("in cells", r"(?i)\bcells?\b"), ("review", r"(?i)review|meta-analys")):
        if kind in a.summary:
            assert re.search(evidence, cited), (kind, a.summary)


@pytest.mark.slow
def test_a_study_told_in_one_sentence_is_found_for_a_dose_question(bot: object) -> None:
    """Passage search ranks the trial's passage outside the best five for a plain dose
    question; the nearest sentences that report a study bring it in (issue 15)."""
    from nmnbot.evidence import EvidenceLevel

    question = "What daily dose of NMN is recommended?"
    st = bot.state()  # type: ignore[attr-defined]
    qv = bot.encoder.encode([question])[0]  # type: ignore[attr-defined]
    top = st.retriever.search(question, qv)[: bot.settings.passages_for_quotes]  # type: ignore[attr-defined]
    assert not any("250 mg of NMN every afternoon" in sp.passage.text for sp in top)  # the gap this closes

    def study(p: object, s: object) -> bool:
        context = f"{p.context} {p.text[: s.start - p.start]}".strip() or None  # type: ignore[attr-defined]
        return bot.evidence.judge(s.text, context).level.rank <= EvidenceLevel.CASE_REPORT.rank  # type: ignore[attr-defined]

    found = st.retriever.sentence_passages(question, qv, 40, study)
    assert any("250 mg of NMN every afternoon" in sp.passage.text for sp in found)
    # every passage brought in holds a sentence that reports a study
    assert all(any(study(sp.passage, s) for s in sp.passage.sentences) for sp in found)
    # a hyphenated compound shares its parts: "The researchers found that NMN-treated mice ..." is the
    # depression page's mouse study, which "Does NMN actually help with depression?" must reach (pb11)
    question = "Does NMN actually help with depression?"
    qv = bot.encoder.encode([question])[0]  # type: ignore[attr-defined]
    found = st.retriever.sentence_passages(question, qv, 40, study)
    assert any("NMN-treated mice" in sp.passage.text for sp in found)


@pytest.mark.parametrize(("question", "subject"), [
    ("What is NMN?", "NMN"), ("What exactly is NMN?", "NMN"), ("what is nmn exactly", "nmn"),
    ("What are exosomes?", "exosomes"), ("What's an exosome?", "exosome"),
    ("What is (are) Glaucoma ?", None), ("Does NMN help hair loss?", None), ("What is the dose of NMN in the trial?", None),
])
def test_the_subject_of_a_definition_question(question: str, subject: str | None) -> None:
    from nmnbot.pipeline.rank import defined_subject

    assert defined_subject(question) == subject


@pytest.mark.parametrize(("sentence", "defines_it"), [
    ("NMN stands for nicotinamide mononucleotide, a molecule that your body produces naturally.", True),
    ("Nicotinamide Mononucleotide (NMN) is a direct precursor of NAD+, a key coenzyme.", True),
    ("NMN (nicotinamide mononucleotide) is made in the body from vitamin B3.", True),
    ("NMN is not a substitute for professional medical care.", False),
    ("Mice given NMN grew more hair.", False),
    ("Taking NMN is easy.", False),
])
def test_a_sentence_that_defines_the_subject(sentence: str, defines_it: bool) -> None:
    from nmnbot.pipeline.rank import defines

    assert defines(sentence, "NMN") is defines_it


def test_a_definition_question_quotes_the_definition(bot: object) -> None:
    """Blind part pb10: "What exactly is NMN?" quoted two closing sentences ("NMN is not a substitute
    for professional medical care ...") and not the sentence that says what NMN is."""
    answer = bot.ask("What exactly is NMN?")  # type: ignore[attr-defined]
    assert answer.status == "answered"
    assert "NMN stands for nicotinamide mononucleotide" in answer.quotes[0].text
