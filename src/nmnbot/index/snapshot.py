"""Snapshot: one committed generation, opened for reading.

A generation never changes once committed, so what a question needs is read once
here and shared by every question until a newer generation is committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..config import EMBEDDING_DIM, Settings
from ..corpus import Passage, Sentence
from ..errors import IndexBuildError, NmnbotError
from .storage import (
    PASSAGES,
    SENTENCES,
    WORDS,
    LocalLayout,
    collection_kwargs,
    get_all,
    layout_for,
    stale_keys,
)

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class HeldVectors:
    """A generation's vectors as numpy arrays, read once when it opens (issue 20). A
    generation never changes once committed, so they stay valid as long as it is served."""

    passages: "np.ndarray"  # one row per passage, in IndexSnapshot.passages order
    sentence_rows: dict[str, int]
    sentences: "np.ndarray"
    word_rows: dict[str, int]
    words: "np.ndarray"

    @property
    def nbytes(self) -> int:
        return int(self.passages.nbytes + self.sentences.nbytes + self.words.nbytes)


def _vectors(col: Any) -> tuple[dict[str, int], "np.ndarray"]:
    import numpy as np

    got = get_all(col, ["embeddings"])
    if not got["ids"]:
        return {}, np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return {i: r for r, i in enumerate(got["ids"])}, np.asarray(got["embeddings"], dtype=np.float32)


def hold_vectors(passages: list[Passage], pcol: Any, scol: Any, wcol: Any) -> HeldVectors:
    import numpy as np

    rows, pvecs = _vectors(pcol)
    order = [rows[p.id] for p in passages]
    srows, svecs = _vectors(scol)
    wrows, wvecs = _vectors(wcol)
    return HeldVectors(np.ascontiguousarray(pvecs[order]), srows, svecs, wrows, wvecs)


@dataclass
class IndexSnapshot:
    """One complete generation, opened for reading."""

    generation: str
    manifest: dict[str, Any]
    passages: list[Passage]
    by_id: dict[str, int]
    passages_col: Any
    sentences_col: Any
    words_col: Any
    held: HeldVectors | None = None  # the vectors in memory, when the generation is small enough
    _word_cache: dict[str, "np.ndarray"] = field(default_factory=dict)

    def word_vectors(self, words: list[str]) -> tuple[list[str], "np.ndarray"]:
        """Vectors of the given corpus words (unknown words are left out), cached per process."""
        import numpy as np

        if self.held is not None:
            found = [w for w in words if w in self.held.word_rows]
            if not found:
                return [], np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
            return found, self.held.words[[self.held.word_rows[w] for w in found]]
        todo = [w for w in words if w not in self._word_cache]
        if todo:
            got = self.words_col.get(ids=todo, include=["embeddings"])
            for w, e in zip(got["ids"], got["embeddings"]):
                self._word_cache[w] = np.asarray(e, dtype=np.float32)
            if len(self._word_cache) > 200_000:
                self._word_cache.clear()
        found = [w for w in words if w in self._word_cache]
        if not found:
            return [], np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return found, np.stack([self._word_cache[w] for w in found])

    def sentence_vectors(self, ids: list[str]) -> dict[str, "np.ndarray"]:
        import numpy as np

        if not ids:
            return {}
        if self.held is not None:
            rows = self.held.sentence_rows
            return {i: self.held.sentences[rows[i]] for i in ids if i in rows}
        got = self.sentences_col.get(ids=ids, include=["embeddings"])
        return {i: np.asarray(e, dtype=np.float32) for i, e in zip(got["ids"], got["embeddings"])}


def open_index(settings: Settings) -> IndexSnapshot:
    """Open the live generation; raises IndexBuildError when there is none or it is stale.

    In local mode this also removes what a killed ingest left behind (see cleanup_interrupted)."""
    layout = layout_for(settings)
    gen = layout.current()
    if gen is None:
        raise IndexBuildError(f"no index at {layout.describe()}; run `nmnbot ingest` first")
    manifest = layout.manifest(gen) or {}
    # Only local: a server's lock is per host, so a reader elsewhere could delete a generation
    # an ingest is still writing. The lock-free check keeps readers off the lock in the normal case.
    if isinstance(layout, LocalLayout) and layout.leftovers(keep=[gen, manifest.get("previous")]):
        cleanup_interrupted(settings)
    stale = stale_keys(manifest, settings)
    if stale:
        raise IndexBuildError(f"index at {layout.describe()} was built with different {', '.join(stale)}; run `nmnbot ingest`")
    client = layout.client(gen)
    try:
        pcol = client.get_collection(PASSAGES, embedding_function=collection_kwargs()["embedding_function"])
        scol = client.get_collection(SENTENCES, embedding_function=collection_kwargs()["embedding_function"])
        wcol = client.get_collection(WORDS, embedding_function=collection_kwargs()["embedding_function"])
    except NmnbotError:
        raise
    except Exception as exc:
        raise IndexBuildError(f"index generation {gen} cannot be opened: {exc}") from None
    got = get_all(pcol, ["documents", "metadatas"])
    passages: list[Passage] = []
    for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
        start = int(meta["start"])
        sents = tuple(
            Sentence.from_stored(s, e, text[s - start : e - start], bool(q), flags)
            for s, e, q, flags in json.loads(meta["sentences"])
        )
        passages.append(Passage(pid, meta["source"], meta["title"], meta["section"], start, int(meta["end"]),
                                text, sents, meta.get("context", "")))
    passages.sort(key=lambda p: (p.source, p.start))
    held = None
    if scol.count() <= settings.hold_vectors_max:
        try:
            held = hold_vectors(passages, pcol, scol, wcol)
        except Exception as exc:  # a generation Chroma cannot hand over whole is still served by queries
            raise IndexBuildError(f"index generation {gen} cannot be read: {exc}") from None
    return IndexSnapshot(gen, manifest, passages, {p.id: i for i, p in enumerate(passages)}, pcol, scol, wcol, held)


def current_generation(settings: Settings) -> str | None:
    return layout_for(settings).current()


def cleanup_interrupted(settings: Settings) -> list[str]:
    """Remove generations left by a killed ingest, if no ingest is running now."""
    from filelock import FileLock, Timeout

    layout = layout_for(settings)
    if isinstance(layout, LocalLayout) and not layout.root.is_dir():
        return []
    lock = FileLock(str(layout.lock_path()))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return []
    try:
        live = layout.current()
        manifest = layout.manifest(live) if live else None
        return layout.cleanup(keep=[live, (manifest or {}).get("previous")])
    finally:
        lock.release()
