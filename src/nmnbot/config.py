"""Settings: every path, limit, weight and threshold in one typed object.

Values come from the defaults below, then ``NMNBOT_*`` environment variables
(``NMNBOT_<FIELD>``), then explicit keyword arguments. A threshold's comment says
how it was chosen; the experiments behind it are in docs/decisions.md.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "NMNBOT_"
EMBEDDING_DIM = 384  # all-MiniLM-L6-v2


def _study_bonus() -> dict[str, float]:
    return {"systematic_review": 0.06, "human_rct": 0.06, "human_study": 0.04, "animal": 0.03, "in_vitro": 0.03}


@dataclass(frozen=True)
class Settings:
    # -- where things live -------------------------------------------------
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    data_dir: Path = Path(".nmnbot-data")  # feedback store and other run-time data
    chroma_url: str | None = None  # http://host:port: use a Chroma server instead of index_dir
    # the ONNX copy of the model that answers questions without importing torch (embed.py);
    # derived from the installed weights, so one per machine, like a hub cache
    encoder_dir: Path = field(default_factory=lambda: default_cache_dir())
    # MedQuAD (nmnbot eval --medquad, bench/): questions.jsonl and docs/
    medquad_dir: Path = Path("/work/shared/datasets/medquad")

    # -- corpus and chunking (changing these forces a rebuild) ------------
    file_types: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
    max_file_bytes: int = 20_000_000  # larger files are skipped with a reason, not read into memory
    passage_max_chars: int = 900  # a passage is a few sentences of one section: room for ~2 quotes
    min_quote_chars: int = 20  # shorter sentences ("(Hair ...)") are context, never a quote on their own
    max_quote_chars: int = 600  # one quote stays short enough to read at a glance

    # -- ingest -------------------------------------------------------------
    # "torch" (the reference) or "onnx-int8": the per-channel int8 export of the same model,
    # 2.9x faster in bulk (issue 19). Part of the index's identity: changing it rebuilds.
    ingest_encoder: str = "torch"
    encode_group_texts: int = 4096  # passages + sentences embedded per call: like-length batches
    first_group_texts: int = 256  # small first groups, so the encoder starts while files are parsed
    prefetch_files: int = 128  # files parsed ahead of the encoder
    chroma_write_batch: int = 2000  # records per Chroma add/get call
    ingest_lock_wait: float = 600.0  # seconds a Chatbot waits for another ingest before building
    # fault injection for tests/system/test_reliability.py: "<stage>=<seconds>" pauses there
    test_pause: str = ""

    # -- retrieval ---------------------------------------------------------
    dense_candidates: int = 20  # passages taken from each of dense and BM25 before fusion
    # A generation with at most this many sentence vectors is held in memory as numpy arrays
    # when it opens: questions then search and score without a round trip to Chroma (issue 20).
    # Above it, Chroma searches (HNSW) and serves vectors as before (bench/RESULTS.md, crossover).
    hold_vectors_max: int = 60_000
    # Chatbot.warm_up judges the evidence of every span a held generation may quote (each
    # quotable sentence, the span it grows into, runs of two and three) when there are at most
    # this many (seeds: 338 spans, 6 s on one thread); beyond it spans are judged when first quoted.
    judge_at_open_max: int = 20_000
    rrf_k: int = 60  # reciprocal-rank-fusion constant, the value of Cormack et al. and Haystack
    # Dense ranks count this much more than BM25 ranks in the fusion (weighted RRF): BM25
    # matches a question's frame ("treatments") in every MedQuAD document. Chosen on MedQuAD
    # samples 20240611 / 777 / 4242, held out on 9001 (docs/decisions.md, 2026-11-21).
    dense_weight: float = 1.5
    passages_for_quotes: int = 5  # quotes are chosen inside the best N fused passages
    # Weight of the passage's cosine (title + section + text) in a sentence's score: the
    # section says what a sentence answers when the sentence does not name the subject.
    passage_weight: float = 1.0
    fused_rank_weight: float = 0.15  # a sentence's share of its passage's fused rank
    overlap_weight: float = 0.10  # idf-weighted words a sentence shares with the question
    # A further quote must score within this margin of the best sentence.
    quote_margin: float = 0.20
    # Score a sentence loses for each sentence already quoted from its passage (spreads quotes).
    same_passage_penalty: float = 0.05
    max_quotes: int = 4
    max_quotes_per_passage: int = 3
    # Quote selection (issue 15, docs/decisions.md 2026-11-30). The learned sentence ranker
    # (pipeline/rank.py) chooses: the best candidate, and others of at least
    # rank_min_probability within rank_margin of it; never filler, a generic statement about
    # a condition or advertising. The heuristic's best quote is kept beside its picks
    # (rank_keep_heuristic): alone the ranker lost MedQuAD hits the heuristic finds.
    # Measured against the heuristic alone: graded consumer questions (the part seen before)
    # quote precision 0.53 -> 0.76, best evidence 0.57 -> 0.69; MedQuAD quotes inside the gold
    # answer 0.54-0.63 -> 0.77-0.82 on the five samples, hits 94/92/95/93/91 -> 92/91/93/92/92
    # (textbook baseline 93/87/88/87/86).
    quote_ranker: bool = True
    rank_keep_heuristic: bool = True
    # ... but only when the ranker gives it at least this probability of answering: chosen on
    # blind parts pb3 + pb4 with the ranker before either joined training (0 / 0.1 / 0.2 / 0.3:
    # precision 0.602 / 0.633 / 0.634 / 0.638, at least one relevant quote 0.856 / 0.856 / 0.844
    # / 0.844); MedQuAD hits unchanged (docs/decisions.md 2026-11-30).
    rank_heuristic_floor: float = 0.1
    # The ranker as a veto on the heuristic's further quotes (off: 0; used when quote_ranker
    # is off). 0.1 gave tuning precision 0.59 but cost MedQuAD hits (docs/decisions.md).
    rank_filter: float = 0.0
    rank_min_probability: float = 0.35
    rank_margin: float = 0.35
    # Evidence first: for a question of efficacy, safety, dose, timing or time to results,
    # add the passages of up to study_passages sentences that report a study among the
    # study_sentences_k nearest sentences (sharing a word with the question): passage search
    # ranks a trial told in one sentence of a longer passage low. With the ranker on, the best
    # study candidate of at least rank_study_floor leads when no quote reports a study.
    study_passages: int = 2
    study_sentences_k: int = 40
    rank_study_floor: float = 0.15
    # When two sentences answer about equally well, the one reporting a study is the more
    # useful quote; small next to the spread between on- and off-topic sentences (~0.2).
    study_bonus: dict[str, float] = field(default_factory=_study_bonus, compare=False)

    # -- abstention (pipeline/coverage.py) ----------------------------------
    # Calibrated with eval/calibration/{features,sweep}.py on eval/questions.jsonl plus 566
    # K-QA questions that do not mention the corpus topics (docs/decisions.md).
    min_passage_cosine: float = 0.30  # below this for every top passage, nothing is on topic
    # The scope check asks whether the question's subject is in the best N passages; more
    # passages make it easier to pass for an off-corpus question.
    passages_for_scope: int = 4
    # A question term absent from the passages still counts when a passage word is this
    # close in meaning (stamina~endurance 0.68; cancer~health 0.51 stays missing).
    min_word_cosine: float = 0.60
    # Missing terms sink the answer only if cutting them out moves the question embedding
    # this far (1 - cosine): 'first place' 0.05 vs 'cancer' 0.14.
    min_salience: float = 0.12
    # ... or, carrying less (at least min_contrast_salience), when the sentences of the best
    # passages are what the rest of the question asks: cutting the missing terms out brings the
    # question at least min_contrast closer to its nearest sentence ("does NMN powder need to be
    # kept in the fridge?": fridge carries 0.11, but the question without it is 0.09 closer to
    # "Third-party lab testing ensures our NMN powder's purity"). Chosen on the seen graded
    # questions and K-QA (docs/decisions.md, 2026-11-30): 9 of 23 answered near-miss questions
    # refused, 3 of 245 answered answerable ones lost.
    min_contrast: float = 0.05
    min_contrast_salience: float = 0.04

    # -- input limits --------------------------------------------------------
    max_question_chars: int = 2000  # longer questions are refused before the tokenizer sees them
    max_history_turns: int = 6

    # -- model ---------------------------------------------------------------
    model_name: str = "all-MiniLM-L6-v2"
    embed_batch_size: int = 64
    # torch / onnxruntime threads once a Chatbot serves questions (0 = library default)
    query_threads: int = 1
    query_batch_max: int = 32  # calls up to this many texts use the exported (ONNX) encoder
    generation_check_seconds: float = 0.5  # how often a Chatbot looks for a newer index

    # -- web -------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 7860
    # origins allowed to call the API and frame /embed (comma-separated in the environment);
    # empty = same origin only; '*' is refused (click-jacking)
    allowed_origins: tuple[str, ...] = ()
    # bot.ask is CPU-bound: more threads than cores add contention (bench/http_latency.py)
    api_workers: int = 4
    api_waiting: int = 16  # requests allowed to wait for a worker before a 503
    retry_after_seconds: int = 2
    # the question plus 12 history messages of the same size fit with room to spare
    max_body_bytes: int = 256 * 1024
    # An oversized body is read and dropped up to this size, so the client (which sends the
    # whole body before reading) gets the 413 instead of a reset connection; beyond it the
    # connection is cut. Nothing past max_body_bytes is ever held in memory.
    max_drain_bytes: int = 16 * 1024 * 1024
    page_concurrency: int = 4  # Gradio events answered at once
    page_queue_size: int = 64
    context_chars: int = 280  # paragraph shown on each side of a highlighted quote

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, overridden by NMNBOT_<FIELD> variables, overridden by keyword arguments."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if str(f.type).startswith("dict"):
                continue  # structured settings are set in code, not in the environment
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.type, raw, f.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("corpus_dir", "index_dir", "data_dir", "encoder_dir", "medquad_dir"):
            if key in values:
                values[key] = Path(values[key])
        return cls(**values)

    def chunking_fingerprint(self) -> dict[str, Any]:
        """The settings an index was built with; a mismatch means rebuild."""
        return {
            "passage_max_chars": self.passage_max_chars,
            "min_quote_chars": self.min_quote_chars,
            "file_types": list(self.file_types),
        }


def default_cache_dir() -> Path:
    """NMNBOT_ENCODER_DIR, else $XDG_CACHE_HOME/nmnbot, else ~/.cache/nmnbot."""
    if os.environ.get(ENV_PREFIX + "ENCODER_DIR"):
        return Path(os.environ[ENV_PREFIX + "ENCODER_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nmnbot"


def _coerce(type_name: Any, raw: str, name: str) -> Any:
    from .errors import NmnbotError

    t = str(type_name)
    try:
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
        if t.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if t.startswith("Path"):
            return Path(raw)
        return raw
    except ValueError:
        raise NmnbotError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {t}") from None
