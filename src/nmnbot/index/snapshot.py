"""Snapshot: one committed generation, opened for reading.

A generation never changes once committed, so what a question needs is read once
here and shared by every question until a newer generation is committed.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Callable

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
    from pathlib import Path

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


# What a generation's reader needs, written beside its Chroma files when the generation is
# small enough to hold (issue 20): a new process opens it with numpy alone, without importing
# Chroma (about half a second of a first answer). Ingest writes it before the generation is
# committed, so it is as immutable as the rest. A generation without a readable one is read
# from Chroma; when small and local it then writes the file (older indexes, a damaged file).
# Too big a generation, or one on a Chroma server, never has one.
HELD_FILE = "held.npz"
HELD_FORMAT = 1


def _passages_from_records(ids: list[str], documents: list[str], metadatas: list[dict[str, Any]]) -> list[Passage]:
    passages: list[Passage] = []
    for pid, text, meta in zip(ids, documents, metadatas):
        start = int(meta["start"])
        sents = tuple(
            Sentence.from_stored(s, e, text[s - start : e - start], bool(q), flags)
            for s, e, q, flags in json.loads(meta["sentences"])
        )
        passages.append(Passage(pid, meta["source"], meta["title"], meta["section"], start, int(meta["end"]),
                                text, sents, meta.get("context", "")))
    passages.sort(key=lambda p: (p.source, p.start))
    return passages


def write_held(path: "Path", pcol: Any, scol: Any, wcol: Any) -> None:
    """Write the held file of a generation from its collections."""
    got = get_all(pcol, ["documents", "metadatas", "embeddings"])
    srows, svecs = _vectors(scol)
    wrows, wvecs = _vectors(wcol)
    _save_held(path, got["ids"], got["documents"], got["metadatas"], got["embeddings"], srows, svecs, wrows, wvecs)


def _save_held(path: "Path", ids: list[str], documents: list[str], metadatas: list[dict[str, Any]], passage_vectors: Any,
               srows: dict[str, int], svecs: "np.ndarray", wrows: dict[str, int], wvecs: "np.ndarray") -> None:
    """Atomically: a killed write leaves only a temporary file, removed with the generation."""
    import os

    import numpy as np

    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with tmp.open("wb") as fh:
            np.savez(fh, format=np.array(HELD_FORMAT),
                     records=np.array(json.dumps({"ids": ids, "documents": documents, "metadatas": metadatas})),
                     passage_vectors=np.asarray(passage_vectors, dtype=np.float32).reshape(-1, EMBEDDING_DIM),
                     sentence_ids=np.array(sorted(srows, key=srows.get), dtype=str), sentence_vectors=svecs,
                     word_ids=np.array(sorted(wrows, key=wrows.get), dtype=str), word_vectors=wvecs)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_held(path: "Path") -> tuple[list[Passage], HeldVectors] | None:
    """The passages and vectors of a held file, or None when there is none or it is unreadable
    (the generation is then read from Chroma)."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as npz:
            if int(npz["format"]) != HELD_FORMAT:
                return None
            records = json.loads(str(npz["records"]))
            pvecs = npz["passage_vectors"]
            sids, svecs = npz["sentence_ids"].tolist(), npz["sentence_vectors"]
            wids, wvecs = npz["word_ids"].tolist(), npz["word_vectors"]
    except Exception:  # missing, cut short or from another version: read the generation from Chroma
        return None
    rows = {pid: r for r, pid in enumerate(records["ids"])}
    passages = _passages_from_records(records["ids"], records["documents"], records["metadatas"])
    order = [rows[p.id] for p in passages]
    held = HeldVectors(np.ascontiguousarray(pvecs[order]), {i: r for r, i in enumerate(sids)}, svecs,
                       {w: r for r, w in enumerate(wids)}, wvecs)
    return passages, held


@dataclass
class IndexSnapshot:
    """One complete generation, opened for reading. Its Chroma collections are opened on first
    use: a generation read from its held file may answer every question without them."""

    generation: str
    manifest: dict[str, Any]
    passages: list[Passage]
    by_id: dict[str, int]
    open_collections: Callable[[], tuple[Any, Any, Any]]
    held: HeldVectors | None = None  # the vectors in memory, when the generation is small enough
    _word_cache: dict[str, "np.ndarray"] = field(default_factory=dict)
    _collections: tuple[Any, Any, Any] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _cols(self) -> tuple[Any, Any, Any]:
        with self._lock:
            if self._collections is None:
                self._collections = self.open_collections()
            return self._collections

    @property
    def passages_col(self) -> Any:
        return self._cols()[0]

    @property
    def sentences_col(self) -> Any:
        return self._cols()[1]

    @property
    def words_col(self) -> Any:
        return self._cols()[2]

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
    from_file = None
    if isinstance(layout, LocalLayout):
        from_file = read_held(layout.root / gen / HELD_FILE)
        if from_file is not None and len(from_file[1].sentence_rows) <= settings.hold_vectors_max:
            passages, held = from_file
            return IndexSnapshot(gen, manifest, passages, {p.id: i for i, p in enumerate(passages)},
                                 partial(_open_collections, layout, gen), held)
    pcol, scol, wcol = _open_collections(layout, gen)
    got = get_all(pcol, ["documents", "metadatas"])
    passages = _passages_from_records(got["ids"], got["documents"], got["metadatas"])
    held = None
    if scol.count() <= settings.hold_vectors_max:
        try:
            held = hold_vectors(passages, pcol, scol, wcol)
        except Exception as exc:  # a generation Chroma cannot hand over whole is still served by queries
            raise IndexBuildError(f"index generation {gen} cannot be read: {exc}") from None
    if held is not None and isinstance(layout, LocalLayout) and from_file is None:
        # a generation committed before held files existed (or whose file is damaged) gets one
        # now, for the next process
        records = {pid: (text, meta) for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])}
        try:
            _save_held(layout.root / gen / HELD_FILE, [p.id for p in passages], [records[p.id][0] for p in passages],
                       [records[p.id][1] for p in passages], held.passages, held.sentence_rows, held.sentences,
                       held.word_rows, held.words)
        except OSError:  # a read-only index, or the generation removed meanwhile: read from Chroma next time too
            pass
    cols = (pcol, scol, wcol)
    return IndexSnapshot(gen, manifest, passages, {p.id: i for i, p in enumerate(passages)}, lambda: cols, held)


def _open_collections(layout: Any, gen: str) -> tuple[Any, Any, Any]:
    client = layout.client(gen)
    try:
        function = collection_kwargs()["embedding_function"]
        return tuple(client.get_collection(name, embedding_function=function)  # type: ignore[return-value]
                     for name in (PASSAGES, SENTENCES, WORDS))
    except NmnbotError:
        raise
    except Exception as exc:
        raise IndexBuildError(f"index generation {gen} cannot be opened: {exc}") from None


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
