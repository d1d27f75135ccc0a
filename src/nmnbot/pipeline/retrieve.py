"""Retrieval: hybrid dense + BM25 search over passages, then sentence candidates.

Passages are found by their embedding (title and section included) and by
BM25 over the same text, fused by weighted reciprocal rank (dense counts more).
Quotes are then chosen among the sentences of the best passages by their own
stored embeddings, so a sentence that never names the question's subject can
still be quoted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..corpus import Passage, Sentence, same_text_key
from ..index import IndexSnapshot, sentence_id
from ..text import stems

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class ScoredPassage:
    passage: Passage
    cosine: float  # question vs passage embedding (0 when only BM25 found it)
    bm25: float
    fused: float  # reciprocal-rank fusion score: the ranking key


@dataclass(frozen=True)
class Candidate:
    """A sentence that might be quoted, with how well it answers the question."""

    sentence: Sentence
    passage: Passage
    cosine: float  # question vs sentence
    score: float  # the ranking score (sentence cosine, nudged by passage rank and shared words)
    # what the sentence's passage brought (pipeline/rank.py reads these)
    passage_cosine: float = 0.0
    fused_share: float = 0.0  # the passage's fused score over the best passage's
    bm25_share: float = 0.0  # the passage's BM25 score over the best BM25 score among the passages
    passage_rank: int = 0
    overlap: float = 0.0  # idf-weighted share of the question's stems in the sentence


_NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b")  # capitalised after a lower-case word: a name


def proper_names(passages: list[Passage]) -> frozenset[str]:
    """Words the corpus writes capitalised in the middle of a sentence ("University of Tsukuba",
    "Columbia", "Japan"), lower-cased, and not also written in lower case: the names of
    studies, places and people a question may use instead of the article's terms."""
    capital: set[str] = set()
    lower: set[str] = set()
    for p in passages:
        capital.update(m.group(1).lower() for m in _NAME.finditer(p.text))
        lower.update(re.findall(r"\b[a-z]{3,}\b", p.text))
    return frozenset(capital - lower)


# --------------------------------------------------------------------------- BM25


# A generation's BM25 state, stored beside its files once (like held.npz and judged.json), so a new
# process answers without importing bm25s and scipy.sparse or re-indexing (issue 20, first answer).
BM25_FILE = "bm25.npz"
_HERE = Path(__file__).resolve().parent
_BM25_CODE = (_HERE / "retrieve.py", _HERE.parent / "text.py", _HERE.parent / "corpus" / "document.py")


def _bm25_fingerprint() -> str:
    """What the stored state depends on besides the generation: the tokenising code and bm25s."""
    from importlib.metadata import version

    h = hashlib.blake2b(f"bm25s {version('bm25s')}".encode(), digest_size=16)
    for path in _BM25_CODE:
        h.update(path.read_bytes())
    return h.hexdigest()


class KeywordIndex:
    """BM25 over passages (bm25s builds the scores; stems from the same Snowball stemmer as the
    coverage check). Searching sums each question stem's stored column, as bm25s's own
    get_scores does, so a stored state answers exactly as a fresh bm25s index would."""

    def __init__(self, passages: list[Passage], stored: Path | None = None) -> None:
        self._n = len(passages)
        ids = _passages_digest(passages) if stored is not None else ""
        state = _read_bm25(stored, ids) if stored is not None else None
        if state is None:
            state = _build_bm25(passages)
            if stored is not None:
                _write_bm25(stored, state, ids)
        self._data, self._indices, self._indptr = state["data"], state["indices"], state["indptr"]
        tokens = bytes(state["tokens"]).decode("utf-8").split("\n") if len(state["tokens"]) else []
        self._vocab = {t: i for i, t in enumerate(tokens)}
        n = max(1, self._n)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in zip(tokens, state["df"].tolist()) if f}
        self._idf_unseen = math.log(1 + (n + 0.5) / 0.5)

    def idf(self, stem: str) -> float:
        """BM25's idf of a stem over passages; rare words ('gray') weigh more than common ones."""
        return self._idf.get(stem, self._idf_unseen)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        import numpy as np

        q = [self._vocab[t] for t in stems(query) if t in self._vocab]
        if not q or not self._n:
            return []
        scores = np.zeros(self._n, dtype=self._data.dtype)
        for t in q:  # bm25s.BM25.get_scores, step for step
            start, end = self._indptr[t], self._indptr[t + 1]
            np.add.at(scores, self._indices[start:end], self._data[start:end])
        k = min(k, self._n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def _build_bm25(passages: list[Passage]) -> dict[str, "np.ndarray"]:
    import bm25s
    import numpy as np

    corpus_tokens = [stems(p.embedding_text()) or ["\x00empty"] for p in passages]
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in toks] for toks in corpus_tokens]
    df = np.zeros(len(vocab), dtype=np.int64)
    for toks in ids:
        df[list(set(toks))] += 1
    if passages:
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
        data, indices, indptr = (retriever.scores[key] for key in ("data", "indices", "indptr"))
    else:
        data, indices, indptr = np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int32)
    tokens = "\n".join(list(vocab)[: len(df)]).encode("utf-8")  # bm25s may append its empty token to vocab
    return {"data": data, "indices": indices, "indptr": indptr, "df": df,
            "tokens": np.frombuffer(tokens, dtype=np.uint8).copy()}


def _passages_digest(passages: list[Passage]) -> str:
    """The passages a stored state was built from (ids derive from content): a generation copied
    from another must not answer with the other's BM25 state."""
    h = hashlib.blake2b(digest_size=16)
    for p in passages:
        h.update(p.id.encode("utf-8") + b"\n")
    return h.hexdigest()


def _read_bm25(path: Path, passages: str) -> dict[str, "np.ndarray"] | None:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as z:
            if str(z["fingerprint"]) != _bm25_fingerprint() or str(z["passages"]) != passages:
                return None
            return {k: z[k] for k in ("data", "indices", "indptr", "df", "tokens")}
    except (OSError, ValueError, KeyError):
        return None


def _write_bm25(path: Path, state: dict[str, "np.ndarray"], passages: str) -> None:
    """Best effort and atomic: a read-only index keeps its state in memory only."""
    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, fingerprint=np.array(_bm25_fingerprint()), passages=np.array(passages), **state)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- hybrid search


def _with_parts(tokens: Sequence[str]) -> set[str]:
    """The tokens and the parts of the hyphenated ones: "NMN-treated mice" shares "nmn" with a
    question about NMN (evidence first, below; the tokenizer keeps compounds whole for BM25)."""
    out = set(tokens)
    for t in tokens:
        if "-" in t:
            out.update(part for part in t.split("-") if part)
    return out


def exact_nearest(vectors: "np.ndarray", query_vector: "np.ndarray", n: int) -> list[tuple[int, float]]:
    """The n rows most similar to the query (unit vectors: cosine = dot), best first, by
    brute force: exact, and on a held generation faster than a Chroma round trip."""
    import numpy as np

    sims = vectors @ query_vector.astype(np.float32, copy=False)
    n = min(n, len(sims))
    top = np.argpartition(-sims, n - 1)[:n] if n < len(sims) else np.arange(len(sims))
    top = top[np.lexsort((top, -sims[top]))]  # ties by row, so the order is deterministic
    return [(int(i), float(sims[i])) for i in top]


class HybridRetriever:
    """Dense (Chroma, cosine) + BM25, fused by reciprocal rank (Cormack et al. 2009), dense
    ranks weighted by ``Settings.dense_weight``."""

    def __init__(self, snapshot: IndexSnapshot, settings: Settings) -> None:
        self.snapshot = snapshot
        self.settings = settings
        local = not settings.chroma_url and snapshot.generation
        self.keyword = KeywordIndex(snapshot.passages, Path(settings.index_dir) / snapshot.generation / BM25_FILE
                                    if local else None)
        self._passages_of: dict[str, list[int]] = {}
        for i, p in enumerate(snapshot.passages):
            self._passages_of.setdefault(p.source, []).append(i)
        self._prose: dict[str, dict[str, tuple[Passage, Sentence]]] = {}
        # How many documents carry each sentence: page boilerplate repeats across documents.
        sources_of: dict[str, set[str]] = defaultdict(set)
        for p in snapshot.passages:
            for sent in p.sentences:
                if sent.quotable:
                    sources_of[same_text_key(sent.text)].add(p.source)
        self._repeats = {k: len(v) for k, v in sources_of.items() if len(v) > 1}
        self.names = proper_names(snapshot.passages)
        self._sentence_inv: dict[int, str] | None = None

    def repeats(self, text: str) -> int:
        """The number of documents that carry this sentence (1 for most)."""
        return self._repeats.get(same_text_key(text), 1)

    def search(self, query: str, query_vector: "np.ndarray") -> list[ScoredPassage]:
        k = self.settings.dense_candidates
        snap = self.snapshot
        n = min(k, len(snap.passages))
        dense: list[tuple[int, float]] = []
        if n and snap.held is not None:
            dense = exact_nearest(snap.held.passages, query_vector, n)
        elif n:
            got = snap.passages_col.query(query_embeddings=[query_vector.tolist()], n_results=n, include=["distances"])
            dense = [(snap.by_id[i], 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0]) if i in snap.by_id]
        sparse = self.keyword.search(query, k)
        fused: dict[int, float] = {}
        for rank, (i, _) in enumerate(dense):
            fused[i] = fused.get(i, 0.0) + self.settings.dense_weight / (self.settings.rrf_k + rank + 1)
        for rank, (i, _) in enumerate(sparse):
            fused[i] = fused.get(i, 0.0) + 1.0 / (self.settings.rrf_k + rank + 1)
        cos = dict(dense)
        bm = dict(sparse)
        missing = [i for i in fused if i not in cos]
        if missing:  # BM25-only hits still need a cosine for the abstention check
            cos.update(self._cosines(missing, query_vector))
        ranked = sorted(fused, key=lambda i: -fused[i])
        return [ScoredPassage(snap.passages[i], cos.get(i, 0.0), bm.get(i, 0.0), fused[i]) for i in ranked]

    def sentence_passages(self, query: str, query_vector: "np.ndarray", k: int,
                          keep: Callable[[Passage, Sentence], bool]) -> list[ScoredPassage]:
        """The passages of the question's k nearest sentences (by sentence cosine) that
        ``keep`` accepts and that share a word with the question; best first. Passage
        search ranks whole passages, so a study told in one sentence of a passage about
        something else ("250 mg every afternoon for 12 weeks") can miss the top few."""
        snap = self.snapshot
        if snap.held is not None and len(snap.held.sentences):
            rows = exact_nearest(snap.held.sentences, query_vector, k)
            inv = self._sentence_ids()
            hits = [(inv[r], c) for r, c in rows if r in inv]
        else:
            n = min(k, snap.sentences_col.count())
            if not n:
                return []
            got = snap.sentences_col.query(query_embeddings=[query_vector.tolist()], n_results=n, include=["distances"])
            hits = [(i, 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0])]
        qstems = set(stems(query))
        out: dict[int, float] = {}
        for sid, cos in hits:
            pid, _, j = sid.rpartition(":")
            i = snap.by_id.get(pid)
            if i is None or i in out:
                continue
            passage = snap.passages[i]
            sentence = passage.sentences[int(j)] if int(j) < len(passage.sentences) else None
            if sentence is None or not (qstems & _with_parts(stems(sentence.text))) or not keep(passage, sentence):
                continue
            out[i] = cos
        pvecs = self._cosines(list(out), query_vector) if out else {}
        return [ScoredPassage(snap.passages[i], pvecs.get(i, c), 0.0, 0.0) for i, c in out.items()]

    def _sentence_ids(self) -> dict[int, str]:
        """Held sentence rows -> sentence ids, built the first time a question needs them."""
        if self._sentence_inv is None:
            held = self.snapshot.held
            self._sentence_inv = {r: sid for sid, r in held.sentence_rows.items()} if held is not None else {}
        return self._sentence_inv

    def _cosines(self, idx: list[int], query_vector: "np.ndarray") -> dict[int, float]:
        import numpy as np

        if self.snapshot.held is not None:
            sims = self.snapshot.held.passages[idx] @ query_vector
            return {i: float(c) for i, c in zip(idx, sims)}
        ids = [self.snapshot.passages[i].id for i in idx]
        got = self.snapshot.passages_col.get(ids=ids, include=["embeddings"])
        by = {pid: np.asarray(e, dtype=np.float32) for pid, e in zip(got["ids"], got["embeddings"])}
        return {i: float(by[self.snapshot.passages[i].id] @ query_vector) for i in idx if self.snapshot.passages[i].id in by}

    def sentence_matrix(self, passages: Sequence[ScoredPassage]) -> "np.ndarray":
        """The vectors of the quotable sentences of these passages, one row each."""
        import numpy as np

        ids = [sentence_id(sp.passage.id, j) for sp in passages for j, s in enumerate(sp.passage.sentences)
               if s.quotable and not s.bare_heading]
        vectors = self.snapshot.sentence_vectors(ids)
        rows = [vectors[i] for i in ids if i in vectors]
        return np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def candidates(self, query: str, query_vector: "np.ndarray", passages: list[ScoredPassage]) -> list[Candidate]:
        """Score every quotable sentence of the given passages against the question."""
        wanted = [(sp, j, s) for sp in passages for j, s in enumerate(sp.passage.sentences)
                  if s.quotable and not s.bare_heading]
        vectors = self.snapshot.sentence_vectors([sentence_id(sp.passage.id, j) for sp, j, _ in wanted])
        qstems = set(stems(query))
        q_weight = sum(self.keyword.idf(t) for t in qstems) or 1.0
        out: list[Candidate] = []
        best_fused = passages[0].fused if passages else 1.0
        best_bm25 = max((sp.bm25 for sp in passages), default=0.0) or 1.0
        rank_of = {sp.passage.id: r for r, sp in enumerate(passages)}
        for sp, j, s in wanted:
            vec = vectors.get(sentence_id(sp.passage.id, j))
            if vec is None:
                continue
            cos = float(vec @ query_vector)
            overlap = sum(self.keyword.idf(t) for t in qstems & set(stems(s.text))) / q_weight
            # the passage's own rank carries context the sentence lacks (title, section, neighbours)
            score = (cos + self.settings.passage_weight * sp.cosine
                     + self.settings.fused_rank_weight * (sp.fused / best_fused) + self.settings.overlap_weight * overlap)
            out.append(Candidate(s, sp.passage, cos, score, sp.cosine, sp.fused / best_fused, sp.bm25 / best_bm25,
                                 rank_of[sp.passage.id], overlap))
        # A lead-in ("Here are some general guidelines:", "symptoms such as") is vague, so it
        # resembles many questions; it is worth what the list after it is worth.
        by_sentence = {(c.passage.id, c.sentence.start): c for c in out}
        for i, c in enumerate(out):
            sents = c.passage.sentences
            j = sents.index(c.sentence)
            if not c.sentence.lead_in:
                continue
            following = [by_sentence[(c.passage.id, t.start)].score for t in sents[j + 1 : j + 6]
                         if (c.passage.id, t.start) in by_sentence]
            if following:
                out[i] = dataclasses.replace(c, score=(c.score + max(following)) / 2)
        out = self._once_per_document(out)
        out.sort(key=lambda c: -c.score)
        return out

    def _once_per_document(self, candidates: list[Candidate]) -> list[Candidate]:
        """A sentence a document repeats (a "key points" recap, a summary at the end) is a
        candidate once, at its best score, and cited where it stands in running text rather
        than in the recap list: the reader who follows the citation lands on the explanation,
        and an answer never shows the same sentence twice."""
        kept: dict[tuple[str, str], Candidate] = {}
        for c in candidates:
            key = same_text_key(c.sentence.text)
            if c.sentence.list_item:
                prose = self._prose_sentences(c.passage.source).get(key)
                if prose is not None:
                    c = dataclasses.replace(c, sentence=prose[1], passage=prose[0])
            other = kept.get((c.passage.source, key))
            if other is None or c.score > other.score:
                kept[(c.passage.source, key)] = c
        return list(kept.values())

    def _prose_sentences(self, source: str) -> dict[str, tuple[Passage, Sentence]]:
        """A document's quotable sentences that are not list items, by same_text_key (first
        occurrence); built the first time a question reaches the document."""
        found = self._prose.get(source)
        if found is None:
            found = {}
            for i in self._passages_of.get(source, []):
                p = self.snapshot.passages[i]
                for s in p.sentences:
                    if s.quotable and not s.list_item and not s.bare_heading:
                        found.setdefault(same_text_key(s.text), (p, s))
            if len(self._prose) > 5_000:  # bounded on a large corpus; rebuilt on demand
                self._prose.clear()
            self._prose[source] = found
        return found
