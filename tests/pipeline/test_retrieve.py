"""Hybrid retrieval: weighted reciprocal-rank fusion of dense and BM25 ranks."""

from __future__ import annotations

import dataclasses

import pytest

from nmnbot.config import Settings
from nmnbot.embed import encode
from nmnbot.index import open_index
from nmnbot.pipeline.retrieve import HybridRetriever

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question", ["How long did the NMN trial last?", "hair loss in women after pregnancy"])
def test_fused_score_weights_dense_ranks(built_index: Settings, question: str) -> None:
    s = dataclasses.replace(built_index, dense_weight=1.5)
    retriever = HybridRetriever(open_index(s), s)
    qv = encode([question])[0]
    fused = retriever.search(question, qv)
    by_cos = sorted(fused, key=lambda p: -p.cosine)[: s.dense_candidates]
    sparse = {i: r for r, (i, _) in enumerate(retriever.keyword.search(question, s.dense_candidates))}
    dense_rank = {p.passage.id: r for r, p in enumerate(by_cos)}
    index_of = {p.id: i for i, p in enumerate(retriever.snapshot.passages)}
    for p in fused:
        expected = 0.0
        if p.passage.id in dense_rank:
            expected += 1.5 / (s.rrf_k + dense_rank[p.passage.id] + 1)
        if index_of[p.passage.id] in sparse:
            expected += 1.0 / (s.rrf_k + sparse[index_of[p.passage.id]] + 1)
        assert p.fused == pytest.approx(expected, rel=1e-6), p.passage.text[:60]
    assert [p.fused for p in fused] == sorted((p.fused for p in fused), reverse=True)



def test_a_held_generation_answers_as_chroma_does(built_index: Settings) -> None:
    """Issue 20: vectors held in memory replace Chroma round trips; the answers must not move
    (exact search can only find a passage HNSW missed, which the seeds are too small for)."""
    from nmnbot import Chatbot

    held = Chatbot(settings=built_index, build_if_missing=False).warm_up()
    queried = Chatbot(settings=dataclasses.replace(built_index, hold_vectors_max=-1), build_if_missing=False).warm_up()
    snap = held.state().snapshot
    assert snap.held is not None and queried.state().snapshot.held is None
    assert snap.held.passages.shape == (len(snap.passages), 384)
    ids = [p.id for p in snap.passages[:3]]
    stored = snap.passages_col.get(ids=ids, include=["embeddings"])
    for pid, vector in zip(stored["ids"], stored["embeddings"]):
        assert (snap.held.passages[snap.by_id[pid]] == vector).all()
    questions = ["How long did the NMN trial last?", "Does NMN help hair grow back?", "What are exosomes?",
                 "Can NMN treat depression?", "What dose of NMN was used in people?", "Is NMN safe for my liver?",
                 "Does minoxidil work better than exosomes?", "What is the capital of France?"]
    for q in questions:
        a, b = held.ask(q).to_dict(), queried.ask(q).to_dict()
        assert (a["status"], a["quotes"], a["caveats"], a["summary"]) == (b["status"], b["quotes"], b["caveats"],
                                                                          b["summary"]), q


def test_exact_nearest_is_best_first_with_ties_by_row() -> None:
    import numpy as np

    from nmnbot.pipeline.retrieve import exact_nearest

    vectors = np.array([[1, 0], [0, 1], [0.6, 0.8], [0.6, 0.8], [-1, 0]], dtype=np.float32)
    got = exact_nearest(vectors, np.array([0.6, 0.8], dtype=np.float32), 3)
    assert [i for i, _ in got] == [2, 3, 1]
    assert got[0][1] == pytest.approx(1.0)
    assert [i for i, _ in exact_nearest(vectors, np.array([1, 0], dtype=np.float32), 10)] == [0, 2, 3, 1, 4]


RECAP_DOC = (
    "# The shingles vaccine\n\n"
    "## Key points\n\n"
    "- The recombinant zoster vaccine is given as two doses, two to six months apart.\n"
    "- A sore arm and tiredness are common after the injection and usually pass within three days.\n\n"
    "## How the vaccine is given\n\n"
    "A nurse or pharmacist injects the vaccine into the muscle of the upper arm. "
    "The recombinant zoster vaccine is given as two doses, two to six months apart. "
    "Both doses are needed for full protection.\n\n"
    "## Side effects\n\n"
    "A sore arm and tiredness are common after the injection and usually pass within three days. "
    "Rarely, people faint just after an injection, so they are asked to sit for fifteen minutes.\n\n"
    "## Summary\n\n"
    "A sore arm and tiredness are common after the injection and usually pass within three days.\n"
)


def _bot_on_one_file(tmp_path, name: str, text: str):
    """A Chatbot whose whole corpus is one file written by the test."""
    from nmnbot import Chatbot

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    return Chatbot(corpus_dir=corpus, index_dir=tmp_path / "index")


def test_a_repeated_sentence_is_quoted_once_where_it_stands_in_running_text(tmp_path) -> None:
    bot = _bot_on_one_file(tmp_path, "shingles.md", RECAP_DOC)

    doses = "The recombinant zoster vaccine is given as two doses, two to six months apart."
    a = bot.ask("How many doses of the shingles vaccine do I need?")
    cited = [q for q in a.quotes if doses in q.text]
    assert len(cited) == 1, [q.text for q in a.quotes]
    prose_at = RECAP_DOC.index(doses, RECAP_DOC.index("## How the vaccine is given"))
    assert cited[0].start <= prose_at and prose_at + len(doses) <= cited[0].end  # not the recap bullet
    assert RECAP_DOC[cited[0].start : cited[0].end] == cited[0].text

    sore = "A sore arm and tiredness are common after the injection and usually pass within three days."
    b = bot.ask("What side effects does the shingles vaccine have?")
    assert sum(sore in q.text for q in b.quotes) == 1, [q.text for q in b.quotes]
    assert all(RECAP_DOC[q.start : q.end] == q.text for q in b.quotes)


def test_an_unpunctuated_lead_in_brings_its_list_and_a_bare_heading_is_never_a_quote(tmp_path) -> None:
    from helpers import GAS_DOC

    bot = _bot_on_one_file(tmp_path, "gas.md", GAS_DOC)
    a = bot.ask("When should I see a doctor about gas?")
    lead = [q for q in a.quotes if "Talk with your health care provider if" in q.text]
    assert lead and "gas symptoms often bother you" in lead[0].text, [q.text for q in a.quotes]
    quotes = list(a.quotes)
    for question in ("What treatments reduce gas?", "What are nonsurgical treatments for gas?"):
        b = bot.ask(question)
        assert b.status == "answered"
        assert not any(q.text.startswith("Nonsurgical Treatments") for q in b.quotes), [q.text for q in b.quotes]
        quotes += b.quotes
    assert all(GAS_DOC[q.start : q.end] == q.text for q in quotes)


def test_html_list_items_stay_quotable_and_quotes_show_no_tags(tmp_path) -> None:
    from helpers import GAS_HTML

    bot = _bot_on_one_file(tmp_path, "gas.html", GAS_HTML)
    a = bot.ask("When should I see a doctor about gas?")
    assert any("symptoms" in q.text for q in a.quotes), [q.text for q in a.quotes]
    b = bot.ask("What are nonsurgical treatments for gas?")
    assert not any(q.text.startswith("Nonsurgical Treatments") for q in b.quotes), [q.text for q in b.quotes]
    for q in a.quotes + b.quotes:
        assert GAS_HTML[q.start : q.end] == q.text
        assert "<" not in q.text, q.text


@pytest.mark.parametrize("name, page, grows", [("gas.md", "GAS_DOC", True), ("gas.html", "GAS_HTML", False)])
def test_a_lead_in_and_its_items_grow_into_one_quote_except_across_html_tags(tmp_path, name: str, page: str,
                                                                             grows: bool) -> None:
    import helpers
    from nmnbot.pipeline.quotes import _expand
    from nmnbot.corpus import load_document
    from nmnbot.pipeline.retrieve import Candidate

    text = getattr(helpers, page)
    (tmp_path / name).write_text(text, encoding="utf-8")
    doc = load_document(tmp_path / name, tmp_path, Settings())
    p = next(p for p in doc.passages if "Talk with your health care provider if" in p.text)
    for s in p.sentences:
        pick = _expand(Candidate(s, p, 0.5, 0.5), Settings())
        quote = text[pick.start : pick.end]
        assert s.text in quote
        if grows:  # lead-in and every item, each way round
            assert quote.startswith("Talk with your health care provider if") and quote.endswith("along with gas"), quote
        else:
            assert quote == s.text, quote


def test_a_stored_bm25_state_searches_as_bm25s_does(built_index: Settings, tmp_path) -> None:
    """Issue 20: the BM25 state is stored beside a generation once; searching it gives bm25s's own
    scores exactly, a state written by other tokenising code is rebuilt, and loading it imports
    neither bm25s nor scipy (a new process's first answer)."""
    import subprocess
    import sys

    import bm25s
    import numpy as np

    from nmnbot.pipeline.retrieve import BM25_FILE, KeywordIndex
    from nmnbot.text import stems

    passages = open_index(built_index).passages
    stored = tmp_path / BM25_FILE
    built = KeywordIndex(passages, stored)
    assert stored.is_file()
    loaded = KeywordIndex(passages, stored)
    reference = bm25s.BM25()
    tokens = [stems(p.embedding_text()) or ["\x00empty"] for p in passages]
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in toks] for toks in tokens]
    reference.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    for question in ["How long did the NMN trial last?", "exosome therapy for thinning hair", "NAD+ and depression"]:
        q = [t for t in stems(question) if t in vocab]
        want = reference.get_scores(q)
        top = np.argsort(-want, kind="stable")[:10]
        assert loaded.search(question, 10) == built.search(question, 10)
        assert {i: s for i, s in loaded.search(question, 10)} == {int(i): float(want[i]) for i in top if want[i] > 0}

    # a generation with other passages (an ingest copies the last one's files) does not take this state
    fewer = KeywordIndex(passages[1:], stored)
    assert fewer.search("How long did the NMN trial last?", 10) == KeywordIndex(passages[1:]).search(
        "How long did the NMN trial last?", 10)
    assert KeywordIndex(passages, stored).search("exosome therapy", 10) == built.search("exosome therapy", 10)

    with np.load(stored) as z:
        state = {k: z[k] for k in z.files}
    state["fingerprint"] = np.array("another tokeniser")
    with stored.open("wb") as f:
        np.savez(f, **state)
    KeywordIndex(passages, stored)  # rebuilt and rewritten
    with np.load(stored) as z:
        assert str(z["fingerprint"]) != "another tokeniser"

    probe = ("import sys; from nmnbot.index import open_index; from nmnbot.config import Settings; "
             "from nmnbot.pipeline.retrieve import KeywordIndex; from pathlib import Path; "
             f"s = Settings.from_env(environ={{}}, corpus_dir={str(built_index.corpus_dir)!r}, index_dir={str(built_index.index_dir)!r}); "
             f"k = KeywordIndex(open_index(s).passages, Path({str(stored)!r})); k.search('NMN trial', 5); "
             "print(sorted(m for m in ('bm25s', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout
