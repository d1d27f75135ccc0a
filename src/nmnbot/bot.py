"""Chatbot: triage -> follow-up resolution -> retrieve -> scope check -> compose.

The constructor only validates; the model and index are opened on first use
(or by ``warm_up()``). When another process swaps in a new index generation,
the next question picks it up; until the new one is open the old one serves.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import re
import unicodedata
from pathlib import Path
from typing import Any, Mapping, Sequence

from .answer import (
    Answer, add_other_side, make_quotes, select_quotes, write_answer, write_not_found,
)
from .config import Settings
from .errors import IndexBuildError, InputError

log = logging.getLogger("nmnbot")

# Bidi overrides, zero-width and other invisible format characters carry no meaning
# in a question and can hide text; C0 controls (NUL ...) are never part of a question.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_question(question: Any, limit: int) -> str:
    """The question as text we can answer, or InputError with a message fit for the user."""
    if not isinstance(question, str):
        raise InputError(f"the question must be text, not {type(question).__name__}")
    if len(question) > limit * 4:  # refuse before normalising megabytes
        raise InputError(f"the question is too long ({len(question):,} characters; the limit is {limit:,})")
    text = _SURROGATE.sub("", question)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if not text:
        raise InputError("the question is empty")
    if len(text) > limit:
        raise InputError(f"the question is too long ({len(text):,} characters; the limit is {limit:,})")
    return text


def clean_history(history: Any, settings: Settings) -> list[dict[str, str]]:
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise InputError("history must be a list of {role, content} messages")
    out: list[dict[str, str]] = []
    for turn in history[-2 * settings.max_history_turns :]:
        if not isinstance(turn, Mapping) or turn.get("role") not in ("user", "assistant"):
            raise InputError('each history message needs "role" ("user" or "assistant") and "content"')
        content = turn.get("content")
        if not isinstance(content, str):
            raise InputError("history message content must be text")
        content = _INVISIBLE.sub("", _SURROGATE.sub("", content))[: settings.max_question_chars * 4]
        out.append({"role": str(turn["role"]), "content": content})
    return out


def focus_followup(question: str, merged: str) -> str:
    """A follow-up searched as itself plus the earlier question's subject terms.

    ``contextualize`` prefixes the earlier question(s); searching that whole text lets
    the earlier question outweigh the new one ('and the side effects?' found depression
    passages again). The new question goes first, the old subject only as keywords."""
    from .scope import subject_terms

    asked = " ".join(question.split())
    if merged == question or not merged.endswith(asked):
        return merged
    earlier = merged[: len(merged) - len(asked)]
    terms = [t for t in subject_terms(earlier) if t.lower() not in asked.lower()]
    return f"{asked} ({' '.join(terms)})" if terms else merged


class Chatbot:
    """Answers questions from the documents in ``corpus_dir`` with verbatim quotes."""

    def __init__(self, corpus_dir: str | Path | None = None, index_dir: str | Path | None = None,
                 settings: Settings | None = None, build_if_missing: bool = True) -> None:
        base = settings or Settings.from_env()
        paths = {k: Path(v) for k, v in (("corpus_dir", corpus_dir), ("index_dir", index_dir)) if v is not None}
        self.settings = dataclasses.replace(base, **paths)
        self.build_if_missing = build_if_missing
        self._lock = threading.Lock()
        self._state: Any = None  # (generation, snapshot, retriever, source texts, sellers, titles)
        self._checked = 0.0

    # ------------------------------------------------------------------ lifecycle

    def warm_up(self) -> "Chatbot":
        """Load the model and open the index now rather than on the first question."""
        from .embed import encode

        self._current()
        encode(["warm up"])
        return self

    def _current(self) -> Any:
        """The open index generation; reopened when a new one has been committed."""
        from .index import current_generation, ingest

        state = self._state
        now = time.monotonic()
        if state is not None and now - self._checked < 0.5:
            return state
        self._checked = now
        live = current_generation(self.settings)
        if state is not None and (live is None or live == state[0]):
            return state
        with self._lock:
            state = self._state
            live = current_generation(self.settings)
            if state is not None and (live is None or live == state[0]):
                return state
            if live is None:
                if not self.build_if_missing:
                    raise IndexBuildError("no index yet; run `nmnbot ingest` first")
                from .index import cleanup_interrupted

                cleanup_interrupted(self.settings)
                ingest(self.settings, progress=False, lock_timeout=600)
            try:
                self._state = self._open()
            except IndexBuildError as exc:
                if state is None and self.build_if_missing and "built with different" in str(exc):
                    # an index from another model, chunking or schema: rebuild it, as for a missing one
                    log.warning("%s; rebuilding", exc)
                    ingest(self.settings, progress=False, lock_timeout=600)
                    self._state = self._open()
                elif state is None:
                    raise
                else:
                    log.exception("new index generation could not be opened; still serving %s", state[0])
            return self._state

    def _open(self) -> Any:
        from .corpus import read_source_text
        from .embed import serving_threads, use_exported_encoder
        from .evidence import seller_flag
        from .index import open_index
        from .retrieve import HybridRetriever

        snap = open_index(self.settings)
        if self.settings.query_threads > 0:
            serving_threads(self.settings.query_threads)
        use_exported_encoder(self.settings.encoder_dir)  # questions without torch, when ingest has exported it
        sources = sorted({p.source for p in snap.passages})
        texts: dict[str, str] = {}
        for s in sources:
            try:
                texts[s] = read_source_text(Path(self.settings.corpus_dir) / s)
            except Exception:  # file changed or vanished since the build: serve from the index text
                texts[s] = ""
        sellers = {s: seller_flag(t) if t else None for s, t in texts.items()}
        titles = list(dict.fromkeys(f["title"] for f in snap.manifest.get("files", {}).values()))
        return (snap.generation, snap, HybridRetriever(snap, self.settings), texts, sellers, titles)

    # ------------------------------------------------------------------ asking

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> Answer:
        """Answer one question. Raises InputError for a question that cannot be asked."""
        from .followup import contextualize
        from .triage import Route, strip_instructions, triage

        text = clean_question(question, self.settings.max_question_chars)
        turns = clean_history(history, self.settings)
        tri = triage(text, turns)
        if tri.route is Route.CRISIS:
            return Answer(text, "crisis", tri.message or "")
        if tri.route is Route.EMERGENCY:
            return Answer(text, "emergency", tri.message or "")
        extra = (tri.caveat,) if tri.caveat else ()
        asked = strip_instructions(text)
        query = focus_followup(asked, contextualize(asked, turns))
        if not query.strip():
            return self._not_found(text, extra, "nothing left to search for once instructions were removed")
        return self._answer(text, query, extra)

    def _not_found(self, question: str, extra: tuple[str, ...], why: str) -> Answer:
        try:
            titles = self._current()[5]
        except Exception:
            titles = []
        return Answer(question, "not_found", write_not_found(titles), caveats=extra, notes=(why,))

    def _answer(self, question: str, query: str, extra: tuple[str, ...]) -> Answer:
        from .embed import encode
        from .scope import assess, subject_terms

        gen, snap, retriever, texts, sellers, titles = self._current()
        s = self.settings
        terms = subject_terms(query)
        qv = encode([query])[0]  # term vectors are embedded later, only for terms the passages lack
        passages = retriever.search(query, qv)
        if not passages or max(p.cosine for p in passages[: s.passages_for_quotes]) < s.min_passage_cosine:
            return self._not_found(question, extra, "no passage is close to the question")
        top = passages[: s.passages_for_quotes]
        coverage = assess(query, terms, qv, [p.passage.embedding_text() for p in top[: s.passages_for_scope]],
                          snap.word_vectors, encode, s.min_word_cosine, s.min_salience)
        if not coverage.covered:
            return self._not_found(question, extra, f"not addressed: {', '.join(coverage.missing)}")
        candidates = retriever.candidates(query, qv, top)
        picks = select_quotes(candidates, s)
        if not picks:
            return self._not_found(question, extra, "only advertising matched")
        picks, disagreements = add_other_side(picks, candidates, s)
        # If a file changed after the index was built, its offsets may no longer point at the
        # indexed words: quote only spans whose text in the file is still what was indexed.
        picks = [p for p in picks if texts.get(p.passage.source, "")[p.start : p.end]
                 == p.passage.text[p.start - p.passage.start : p.end - p.passage.start]]
        if not picks:
            return self._not_found(question, extra, "sources changed since the index was built; run nmnbot ingest")
        quotes = make_quotes(picks, texts, sellers)
        caveats = list(extra)
        for seller in dict.fromkeys(q.seller for q in quotes if q.seller):
            caveats.append(f"Note: {seller}, so it has a reason to present it favourably.")
        return Answer(question, "answered", write_answer(quotes, disagreements), tuple(quotes), tuple(caveats))

    # ------------------------------------------------------------------ helpers

    def source_text(self, source: str) -> str:
        """The text a quote's offsets point into (the file's text; for a PDF, its extracted text)."""
        texts = self._current()[3]
        if source not in texts:
            raise InputError(f"unknown source {source!r}")
        return texts[source]
