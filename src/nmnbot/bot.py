"""Chatbot: guard -> triage -> follow-up -> retrieve -> coverage -> quotes -> compose.

The constructor only validates; the model and index are opened on first use (or
by ``warm_up()``). When another process commits a new index generation, the next
question picks it up; until the new one is open the old one serves.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from .config import Settings
from .errors import IndexBuildError, InputError
from .pipeline.compose import Answer

if TYPE_CHECKING:
    import numpy as np

    from .corpus.provenance import Provenance
    from .embed import Encoder
    from .evidence_model import EvidenceJudge
    from .index import IndexSnapshot
    from .pipeline.retrieve import HybridRetriever, ScoredPassage
    from .pipeline.triage import Triage

log = logging.getLogger("nmnbot")


@dataclass(frozen=True)
class State:
    """One open index generation and everything read from it, shared by every question
    until a newer generation is committed."""

    generation: str
    snapshot: "IndexSnapshot"
    retriever: "HybridRetriever"
    texts: dict[str, str]  # source -> the text quote offsets point into
    sellers: dict[str, str | None]  # source -> "this source sells X", or None
    titles: list[str]  # document titles, for saying what the bot can answer
    provenance: dict[str, "Provenance"]  # source -> what the document itself says of its origin


class Chatbot:
    """Answers questions from the documents in ``corpus_dir`` with verbatim quotes."""

    def __init__(self, corpus_dir: str | Path | None = None, index_dir: str | Path | None = None,
                 settings: Settings | None = None, build_if_missing: bool = True) -> None:
        base = settings or Settings.from_env()
        paths = {k: Path(v) for k, v in (("corpus_dir", corpus_dir), ("index_dir", index_dir)) if v is not None}
        self.settings = dataclasses.replace(base, **paths)
        self.build_if_missing = build_if_missing
        self._lock = threading.Lock()
        self._state: State | None = None
        self._checked = 0.0
        self._encoder: Encoder | None = None
        self._triage: Triage | None = None
        self._sources_file: tuple[float, dict[str, Provenance]] = (-1.0, {})  # (mtime, sources.toml)
        self._evidence: EvidenceJudge | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def encoder(self) -> "Encoder":
        """The model this bot embeds questions with (made on first use; loads nothing yet)."""
        if self._encoder is None:
            from .embed import Encoder

            self._encoder = Encoder(self.settings.query_threads, self.settings.query_batch_max)
            # the question is encoded for triage before the index opens: no torch import for it
            self._encoder.use_exported(self.settings.encoder_dir)
        return self._encoder

    @property
    def triage(self) -> "Triage":
        """Safety triage with this bot's encoder and the committed risk model."""
        if self._triage is None:
            from .pipeline.triage import Triage

            self._triage = Triage(self.encoder.encode)
        return self._triage

    @property
    def evidence(self) -> "EvidenceJudge":
        """Labels quotes: cue rules plus the learned classifier on this bot's encoder (reads nothing yet)."""
        if self._evidence is None:
            from .evidence_model import EvidenceJudge

            self._evidence = EvidenceJudge(self.encoder.encode, batch=self.settings.query_batch_max)
        return self._evidence

    def warm_up(self) -> "Chatbot":
        """Load the models and open the index now rather than on the first question."""
        self.state()
        self.encoder.encode(["warm up"])
        self.triage("warm up")
        self.evidence.model.threshold  # reads the classifier's artifact
        self._judge_all()
        return self

    def _judge_all(self) -> None:
        """Judge the evidence of every span a held generation may quote now, in batches (each
        quotable sentence, the span it grows into, runs of two and three: quotes.judged_items),
        so questions rarely pay first-time judging (issue 20: 'nothing computed per question
        that could have been computed before'). Larger generations judge as questions come.
        The judgements are written beside the generation's files once (evidence_model.JUDGED_FILE),
        so every later process that opens it starts with them (``nmnbot ingest`` writes them)."""
        state = self.state()
        snap = state.snapshot
        if snap.held is None:
            return
        from .pipeline.quotes import judged_items

        items = [item for p in snap.passages for item in judged_items(p, self.settings)]
        if len(items) <= min(self.settings.judge_at_open_max, self.evidence.cache_size // 2):
            path = self._judged_path(state.generation)
            # missing, or made by other code (an upgrade): written again, so later processes start with it
            if path is not None and (not path.is_file() or not self.evidence.load(path)):
                try:
                    self.evidence.save(path, items)
                except OSError:  # a read-only index: judge in memory only
                    self.evidence.judge_many(items)
            else:
                self.evidence.judge_many(items)

    def judge_quotable(self) -> None:
        """Judge and store the evidence of every span the live generation may quote, when it is
        small enough to be held in memory (a larger one is not opened here: it judges as it goes)."""
        from .index import current_generation
        from .index.snapshot import HELD_FILE

        live = current_generation(self.settings)
        if live and not self.settings.chroma_url and (Path(self.settings.index_dir) / live / HELD_FILE).is_file():
            self._judge_all()

    def _judged_path(self, generation: str) -> Path | None:
        """Where a local generation keeps its stored judgements (none in a Chroma server)."""
        from .evidence_model import JUDGED_FILE

        if self.settings.chroma_url:
            return None
        return Path(self.settings.index_dir) / generation / JUDGED_FILE

    def state(self) -> State:
        """The open index generation; reopened when a new one has been committed."""
        from .index import current_generation, ingest

        state = self._state
        now = time.monotonic()
        if state is not None and now - self._checked < self.settings.generation_check_seconds:
            return state
        self._checked = now
        live = current_generation(self.settings)
        if state is not None and (live is None or live == state.generation):
            return state
        with self._lock:
            state = self._state
            live = current_generation(self.settings)
            if state is not None and (live is None or live == state.generation):
                return state
            if live is None:
                if not self.build_if_missing:
                    raise IndexBuildError("no index yet; run `nmnbot ingest` first")
                from .index import cleanup_interrupted

                cleanup_interrupted(self.settings)
                ingest(self.settings, progress=False, lock_timeout=self.settings.ingest_lock_wait)
            try:
                self._state = self._open()
            except IndexBuildError as exc:
                if state is None and self.build_if_missing and "built with different" in str(exc):
                    # an index from another model, chunking or schema: rebuild it, as for a missing one
                    log.warning("%s; rebuilding", exc)
                    ingest(self.settings, progress=False, lock_timeout=self.settings.ingest_lock_wait)
                    self._state = self._open()
                elif state is None:
                    raise
                else:
                    log.exception("new index generation could not be opened; still serving %s", state.generation)
            assert self._state is not None
            return self._state

    def _open(self) -> State:
        from .corpus import read_source_text
        from .corpus.provenance import document_provenance
        from .evidence import seller_flag
        from .index import open_index
        from .pipeline.retrieve import HybridRetriever

        snap = open_index(self.settings)
        self.encoder.use_exported(self.settings.encoder_dir)  # questions without torch, when ingest exported it
        judged = self._judged_path(snap.generation)
        if judged is not None:
            self.evidence.load(judged)  # judged once for the generation: no first-time judging here
        texts: dict[str, str] = {}
        provenance: dict[str, Provenance] = {}
        for s in sorted({p.source for p in snap.passages}):
            path = Path(self.settings.corpus_dir) / s
            try:
                texts[s] = read_source_text(path)
                provenance[s] = document_provenance(path, texts[s])
            except Exception:  # file changed or vanished since the build: serve from the index text
                texts[s] = ""
        sellers = {s: seller_flag(t) if t else None for s, t in texts.items()}
        titles = list(dict.fromkeys(f["title"] for f in snap.manifest.get("files", {}).values()))
        return State(snap.generation, snap, HybridRetriever(snap, self.settings), texts, sellers, titles, provenance)

    # ------------------------------------------------------------------ asking

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> Answer:
        """Answer one question. Raises InputError for a question that cannot be asked."""
        from .pipeline.compose import crisis_reply, decision_notice, emergency_reply, unreadable_reply
        from .pipeline.coverage import Abstain
        from .pipeline.followup import contextualize, focus_followup
        from .pipeline.guard import clean_history, clean_question, strip_instructions
        from .pipeline.triage import Route

        text = clean_question(question, self.settings.max_question_chars)
        turns = clean_history(history, self.settings)
        vector = self.encoder.encode([text])[0]  # once: triage and retrieval share it
        tri = self.triage(text, turns, vector)
        if tri.route is Route.CRISIS:
            return Answer(text, "crisis", crisis_reply(tri.emergency, tri.language), notes=(tri.reason,))
        if tri.route is Route.EMERGENCY:
            return Answer(text, "emergency", emergency_reply(tri.emergency or "other", tri.language), notes=(tri.reason,))
        notice = decision_notice(tri.careful, tri.mental_health, tri.risk)
        notices = (notice,) if notice else ()
        if tri.language != "en":
            return Answer(text, "not_found", unreadable_reply(tri.language), notices=notices,
                          notes=(f"written in {tri.language}: the documents are English",))
        asked = strip_instructions(text)
        query = focus_followup(asked, contextualize(asked, turns))
        if not query.strip():
            return self._not_found(text, notices, Abstain.NOTHING_TO_SEARCH.value)
        return self._answer(text, query, vector if query == text else None, notices)

    def _term_vectors(self, snapshot: "IndexSnapshot", words: Sequence[str]) -> tuple[list[str], "np.ndarray"]:
        """Vectors of question words: the corpus's own, then the encoder's word lexicon."""
        import numpy as np

        found, vectors = snapshot.word_vectors(list(words))
        lexicon = self.encoder.lexicon
        known = set(found)
        rest = [w for w in words if w not in known]
        if lexicon is None or not rest:
            return found, vectors
        more, more_vectors = lexicon.vectors_of(rest)
        return [*found, *more], np.concatenate([vectors, more_vectors]) if more else vectors

    def _not_found(self, question: str, notices: tuple[str, ...], why: str) -> Answer:
        from .pipeline.compose import write_not_found

        try:
            titles = self.state().titles
        except Exception:
            titles = []
        return Answer(question, "not_found", write_not_found(titles), notices=notices, notes=(why,))

    def _answer(self, question: str, query: str, vector: "np.ndarray | None", notices: tuple[str, ...]) -> Answer:
        from .pipeline import coverage
        from .pipeline.compose import seller_note, summarize, write_answer
        from .pipeline.rank import STUDY_INTENTS, intents, is_generic, lift_definitions
        from .pipeline.quotes import (
            above_floor, add_other_side, evidence_level, keep_likely, make_quotes, rank_candidates, select_quotes,
            select_ranked, lead_with_study, with_heuristic_first,
        )

        st = self.state()
        s = self.settings
        encode = self.encoder.encode
        qv = vector if vector is not None else encode([query])[0]  # term vectors come later, only for gaps
        passages = st.retriever.search(query, qv)
        verdict = coverage.check(query, qv, passages, s, st.snapshot.word_vectors, encode, st.retriever.names,
                                 partial(self._term_vectors, st.snapshot), st.retriever.sentence_matrix)
        if verdict.abstain is not None:
            return self._not_found(question, notices, verdict.note)
        top = self.quote_passages(query, qv, passages)
        candidates = st.retriever.candidates(query, qv, top)
        judge = self.evidence.judge_many
        ranked = (rank_candidates(query, candidates, st.retriever.keyword.idf, st.retriever.repeats)
                  if s.quote_ranker or s.rank_filter > 0 else None)
        if ranked is not None:
            ranked = lift_definitions(question if query == question else query, ranked)
        if s.quote_ranker and ranked is not None:
            asks = intents(query)
            defining = "definition" in asks  # "What is X?": "X is a common condition ..." answers it
            picks = select_ranked(ranked, s, allow_generic=defining)
            if s.rank_keep_heuristic:
                first = [p for p in select_quotes(candidates, s, judge)[:1]
                         if defining or not is_generic(p.passage.span(p.start, p.end))]
                first = above_floor(first, ranked, s.rank_heuristic_floor)
                picks = with_heuristic_first(picks, first, s)
            if s.rank_study_floor > 0 and asks & STUDY_INTENTS:
                picks = lead_with_study(picks, ranked, s)
            candidates = ranked
        else:
            picks = select_quotes(candidates, s, judge)
            if ranked is not None:  # the ranker only vetoes further quotes it finds unlikely to answer
                picks = keep_likely(picks, ranked, s.rank_filter)
            ranked = None
        if not picks:
            return self._not_found(question, notices, coverage.Abstain.ONLY_ADVERTISING.value)
        picks, disagreements = add_other_side(picks, candidates, s)
        # If a file changed after the index was built, its offsets may no longer point at the
        # indexed words: quote only spans whose text in the file is still what was indexed.
        picks = [p for p in picks if st.texts.get(p.passage.source, "")[p.start : p.end] == p.passage.span(p.start, p.end)]
        if not picks:
            return self._not_found(question, notices, coverage.Abstain.SOURCES_CHANGED.value)
        # "how many mice were in it?": quotes about the study that never give the number do not answer
        gap = coverage.missing_answer(query, [p.passage.span(p.start, p.end) for p in picks])
        if gap:
            return self._not_found(question, notices, f"{coverage.Abstain.ANSWER_MISSING.value}: {gap}")
        quotes = make_quotes(picks, st.texts, st.sellers, judge)
        caveats = [seller_note(seller) for seller in dict.fromkeys(q.seller for q in quotes if q.seller)]
        # The bottom line reads every sentence judged to answer, quoted or not, and the quotes.
        relevant = [c for c in candidates if ranked is not None and c.score >= s.rank_min_probability]
        found = [(c.sentence.text, evidence_level(c), c.passage.id) for c in relevant]
        found += [(q.text, q.evidence, f"{q.source}:{q.start}") for q in quotes]
        sources = {c.passage.source for c in relevant} | {q.source for q in quotes}
        summary = summarize(found, {src: st.sellers.get(src) for src in sorted(sources)})
        return Answer(question, "answered", write_answer(quotes, disagreements, summary), tuple(quotes),
                      tuple(caveats), notices=notices, summary=summary)

    # ------------------------------------------------------------------ helpers

    def quote_passages(self, query: str, qv: "np.ndarray", passages: list["ScoredPassage"]) -> list["ScoredPassage"]:
        """The passages whose sentences may be quoted: the best few, and for a question of efficacy,
        safety, dose or timing the passages of nearby sentences that report a study. The ranker's
        training table (nmnbot_eval/train_ranker.py) takes its candidates from here too."""
        from .pipeline.rank import STUDY_INTENTS, intents

        top = passages[: self.settings.passages_for_quotes]
        if self.settings.study_passages > 0 and intents(query) & STUDY_INTENTS:
            top = top + self._study_passages(query, qv, top)
        return top

    def _study_passages(self, query: str, qv: "np.ndarray", top: list["ScoredPassage"]) -> list["ScoredPassage"]:
        """Passages of nearby sentences that report a study, not already among ``top``."""
        from .evidence import EvidenceLevel

        st, s = self.state(), self.settings
        have = {sp.passage.id for sp in top}

        def reports_study(p, sent) -> bool:
            context = f"{p.context} {p.text[: sent.start - p.start]}".strip() or None
            return self.evidence.judge_many([(sent.text, context)])[0].level.rank <= EvidenceLevel.CASE_REPORT.rank

        extra = [sp for sp in st.retriever.sentence_passages(query, qv, s.study_sentences_k, reports_study)
                 if sp.passage.id not in have]
        return extra[: s.study_passages]


    def source_text(self, source: str) -> str:
        """The text a quote's offsets point into (the file's text; for a PDF, its extracted text)."""
        texts = self.state().texts
        if source not in texts:
            raise InputError(f"unknown source {source!r}")
        return texts[source]

    def provenance(self, source: str) -> "Provenance":
        """Title, url, publisher and date of a source: from the document where its format
        carries them, else from the corpus's sources.toml (re-read when it changes)."""
        from .corpus.provenance import SOURCES_FILE, Provenance, read_sources_file

        state = self.state()
        if source not in state.texts:
            raise InputError(f"unknown source {source!r}")
        path = Path(self.settings.corpus_dir) / SOURCES_FILE
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = 0.0
        if mtime != self._sources_file[0]:
            self._sources_file = (mtime, read_sources_file(self.settings.corpus_dir) if mtime else {})
        return state.provenance.get(source, Provenance()).or_else(self._sources_file[1].get(source))
