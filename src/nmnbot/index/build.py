"""Build: bring the index in line with the corpus, incrementally and atomically.

An ingest copies the live generation, applies only what changed (ids derive from
each file's digest and span), writes the manifest and then swaps CURRENT. A crash
at any point leaves CURRENT on the previous, complete generation. Parsing runs a
few files ahead in one thread, Chroma writes run behind in another, and the model
embeds groups of documents in between.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..config import Settings
from ..corpus import (
    Passage,
    Sentence,
    Skipped,
    SourceDocument,
    file_digest,
    iter_corpus_files,
    load_document,
    source_name,
)
from ..embed import Encoder, export_encoder, export_lexicon, exported_encoder_path, lexicon_paths
from ..errors import CorpusError, IndexBuildError
from ..text import vocabulary
from .snapshot import HELD_FILE, write_held
from .storage import (
    PASSAGES,
    SENTENCES,
    WORDS,
    LocalLayout,
    ServerLayout,
    collection,
    expected_manifest_core,
    get_all,
    layout_for,
    new_generation_name,
    sentence_id,
    stale_keys,
    test_pause,
)

if TYPE_CHECKING:
    import numpy as np


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    passages: int = 0  # units in the live index after this run
    sentences: int = 0
    seconds: float = 0.0
    rebuilt: bool = False  # everything re-embedded (first build or settings changed)
    generation: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        lines = [
            f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
            f"unchanged {len(self.unchanged)}, skipped {len(self.skipped)}",
            f"{self.passages} passages / {self.sentences} sentences indexed in {self.seconds:.1f} s"
            + (" (full rebuild)" if self.rebuilt else ""),
        ]
        lines += [f"skipped {s.source}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


# --------------------------------------------------------------------------- ingest


def ingest(settings: Settings, progress: bool = False, lock_timeout: float = 0.0,
           on_stage: Callable[[str], None] | None = None, encoder: Encoder | None = None) -> IngestReport:
    """Bring the index in line with the corpus; only changed files are (re)embedded."""
    from filelock import FileLock, Timeout

    t0 = time.perf_counter()
    corpus_dir = Path(settings.corpus_dir)
    files = list(iter_corpus_files(corpus_dir, settings))
    if not files:
        raise CorpusError(f"corpus directory {corpus_dir} has no {'/'.join(settings.file_types)} files")
    layout = layout_for(settings)
    lock = FileLock(str(layout.lock_path()))
    try:
        lock.acquire(timeout=lock_timeout)
    except Timeout:
        raise IndexBuildError(
            f"another ingest is already writing {layout.describe()}; wait for it to finish and run again"
        ) from None
    try:
        if settings.ingest_encoder not in ("torch", "onnx-int8"):
            raise IndexBuildError(f"ingest_encoder must be 'torch' or 'onnx-int8', not {settings.ingest_encoder!r}")
        encoder = encoder or Encoder()
        if settings.ingest_encoder == "onnx-int8" and encoder.bulk is None:
            from ..embed import OnnxEncoder, export_quantized

            quantized = export_quantized(settings.encoder_dir)
            if quantized is None:
                raise IndexBuildError("ingest_encoder 'onnx-int8' asked for, but the int8 encoder could not be made")
            encoder.bulk = OnnxEncoder(quantized)
        report = _ingest_locked(settings, layout, corpus_dir, files, progress, t0, on_stage, encoder)
        if not exported_encoder_path(settings.encoder_dir).is_file():
            # once per machine (~5 s): lets a new process answer without importing torch
            if on_stage:
                on_stage("export question encoder")
            export_encoder(settings.encoder_dir)
        if not all(p.is_file() for p in lexicon_paths(settings.encoder_dir)):
            # once per machine (~30 s): common words' vectors, so questions encode fewer words
            if on_stage:
                on_stage("encode the word lexicon")
            export_lexicon(settings.encoder_dir)
        return report
    finally:
        lock.release()


def _ingest_locked(settings: Settings, layout: LocalLayout | ServerLayout, corpus_dir: Path, files: list[Path],
                   progress: bool, t0: float, on_stage: Callable[[str], None] | None,
                   encoder: Encoder) -> IngestReport:
    report = IngestReport()
    report.skipped.extend(_special_entries(corpus_dir, settings))
    live = layout.current()
    live_manifest = layout.manifest(live) if live else None
    # An interrupted build (kill -9) leaves a generation without a manifest: remove it.
    layout.cleanup(keep=[live, (live_manifest or {}).get("previous")])
    core = expected_manifest_core(settings)
    compatible = live_manifest is not None and not stale_keys(live_manifest, settings)
    old_files: dict[str, dict[str, Any]] = dict(live_manifest["files"]) if compatible else {}

    digests: dict[str, str] = {}
    for path in files:
        name = source_name(path, corpus_dir)
        try:
            digests[name] = file_digest(path)
        except OSError as exc:
            report.skipped.append(Skipped(name, f"cannot read ({exc.strerror or exc})"))
    to_load = [p for p in files if source_name(p, corpus_dir) in digests
               and old_files.get(source_name(p, corpus_dir), {}).get("digest") != digests[source_name(p, corpus_dir)]]
    removed = [name for name in old_files if name not in digests]
    report.unchanged = sorted(name for name in digests if old_files.get(name, {}).get("digest") == digests[name])
    report.rebuilt = not compatible
    if not to_load and not removed and compatible:
        report.passages = live_manifest["passages"]
        report.sentences = live_manifest["sentences"]
        report.generation = live or ""
        report.seconds = time.perf_counter() - t0
        return report

    gen = new_generation_name()
    layout.start_generation(gen, copy_from=live if compatible else None)
    client = layout.client(gen)
    passages_col = collection(client, PASSAGES)
    sentences_col = collection(client, SENTENCES)
    words_col = collection(client, WORDS)

    new_files = {name: info for name, info in old_files.items() if name in digests}
    for name in removed:
        passages_col.delete(where={"source": name})
        sentences_col.delete(where={"source": name})
        new_files.pop(name, None)
    report.removed = sorted(removed)

    from tqdm import tqdm

    known_words = set(get_all(words_col, [])["ids"]) if compatible and live else set()
    bar = tqdm(total=len(to_load), unit="file", desc="ingest", disable=not progress, file=sys.stderr)
    writer = _GroupWriter(passages_col, sentences_col, words_col, settings.chroma_write_batch)
    group: list[SourceDocument] = []
    group_texts, group_limit = 0, settings.first_group_texts

    def flush() -> None:
        nonlocal group_texts, group_limit
        if group:
            embedded = _embed_group(group, sorted(vocab - known_words), settings, encoder)
            known_words.update(vocab)
            vocab.clear()
            writer.write(embedded)  # stored in the background while the next group is embedded
            for doc in group:
                new_files[doc.source] = {"digest": doc.digest, "title": doc.title, "kind": doc.kind,
                                         "passages": len(doc.passages), "sentences": embedded.counts[doc.source]}
            bar.update(len(group))
            group.clear()
            test_pause(settings.test_pause, "mid-ingest")  # some groups written, the rest not
        group_texts, group_limit = 0, min(2 * group_limit, settings.encode_group_texts)

    def load(path: Path) -> tuple[SourceDocument, set[str]]:
        doc = load_document(path, corpus_dir, settings, digest=digests[source_name(path, corpus_dir)])
        return doc, _document_vocabulary(doc)

    vocab: set[str] = set()
    with writer:
        for path, loaded in _prefetched(to_load, load, settings.prefetch_files):
            name = source_name(path, corpus_dir)
            bar.set_postfix_str(name[-40:], refresh=False)
            if isinstance(loaded, CorpusError):
                report.skipped.append(Skipped(name, str(loaded).split(": ", 1)[-1]))
                bar.update(1)
                continue
            doc, doc_vocab = loaded
            vocab |= doc_vocab
            if name in old_files:
                writer.delete_source(name)
                report.updated.append(name)
            else:
                report.added.append(name)
            group.append(doc)
            group_texts += sum(1 + len(p.sentences) for p in doc.passages)
            if group_texts >= group_limit:
                flush()
        flush()
    bar.close()
    # a file that failed now but was indexed before keeps its old units
    for s in report.skipped:
        if s.source in old_files and s.source in digests and s.source not in new_files:
            new_files[s.source] = old_files[s.source]

    if not new_files:
        layout.cleanup(keep=[live, (live_manifest or {}).get("previous")])
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in report.skipped[:5])
        raise CorpusError(f"no usable documents in {corpus_dir}" + (f" ({reasons})" if reasons else ""))

    manifest = dict(core)
    manifest.update({
        "generation": gen,
        "previous": live if compatible else None,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "files": dict(sorted(new_files.items())),
        "passages": sum(f["passages"] for f in new_files.values()),
        "sentences": sum(f["sentences"] for f in new_files.values()),
    })
    if on_stage:
        on_stage("commit")
    if isinstance(layout, LocalLayout) and manifest["sentences"] <= settings.hold_vectors_max:
        # what a reader needs, in one file it opens without Chroma (snapshot.HELD_FILE)
        write_held(layout.root / gen / HELD_FILE, passages_col, sentences_col, words_col)
    test_pause(settings.test_pause, "before-commit")
    layout.commit(gen, manifest)
    test_pause(settings.test_pause, "after-commit")
    layout.cleanup(keep=[gen, live])
    report.added.sort(), report.updated.sort()
    report.passages, report.sentences = manifest["passages"], manifest["sentences"]
    report.generation = gen
    report.seconds = time.perf_counter() - t0
    return report


def _special_entries(corpus_dir: Path, settings: Settings) -> list[Skipped]:
    """Entries named like documents that are not files (dangling links, FIFOs, sockets):
    iter_corpus_files passes over them, and the report should say why they are missing.
    Never opened, so a FIFO cannot block the ingest."""
    import stat

    out = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in settings.file_types:
            continue
        try:
            mode = path.stat().st_mode
        except OSError as exc:  # dangling or looping symlink
            out.append(Skipped(rel.as_posix(), f"cannot read ({exc.strerror or exc})"))
            continue
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            out.append(Skipped(rel.as_posix(), "not a regular file"))
    return out


def _document_vocabulary(doc: SourceDocument) -> set[str]:
    """The words of a document's passages (each gets a vector for the coverage check)."""
    out: set[str] = set()
    for p in doc.passages:
        out.update(vocabulary(p.embedding_text()))
    return out


def _prefetched(paths: list[Path], load: Callable[[Path], Any], prefetch: int) -> Iterator[tuple[Path, Any]]:
    """Documents in order, each parsed a few files ahead in a worker thread, so that
    reading and sentence splitting (pure Python) overlap the model's forward passes."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    def safe(path: Path) -> Any:
        try:
            return load(path)
        except CorpusError as exc:
            return exc

    todo = iter(paths)
    with ThreadPoolExecutor(1, thread_name_prefix="nmnbot-load") as pool:
        pending = deque((path, pool.submit(safe, path)) for path in itertools.islice(todo, prefetch))
        while pending:
            path, future = pending.popleft()
            following = next(todo, None)
            if following is not None:
                pending.append((following, pool.submit(safe, following)))
            yield path, future.result()


@dataclass
class _EmbeddedGroup:
    passages: list[Passage]
    sentences: list[tuple[Passage, int, Sentence]]
    words: list[str]
    passage_vectors: "np.ndarray"
    sentence_vectors: "np.ndarray"
    word_vectors: "np.ndarray"
    counts: dict[str, int]  # quotable sentences per document


def _embed_group(docs: list[SourceDocument], words: list[str], settings: Settings,
                 encoder: Encoder) -> _EmbeddedGroup:
    """Embed a group of documents in one encode call.

    sentence-transformers sorts a call's texts by length, so passages, sentences and
    single words from many documents land in batches of like length; embedding file by
    file padded every short text to its file's longest passage (4.4x slower, measured
    on 154 MedQuAD files)."""
    passages = [p for doc in docs for p in doc.passages]
    sentences = [(p, i, s) for p in passages for i, s in enumerate(p.sentences) if s.quotable]
    texts = [p.embedding_text() for p in passages] + [p.sentence_embedding_text(s) for p, _, s in sentences] + words
    vectors = encoder.encode(texts, batch_size=settings.embed_batch_size)
    n_p, n_s = len(passages), len(sentences)
    counts = {doc.source: 0 for doc in docs}
    for p, _, _ in sentences:
        counts[p.source] += 1
    return _EmbeddedGroup(passages, sentences, words, vectors[:n_p], vectors[n_p : n_p + n_s], vectors[n_p + n_s :], counts)


class _GroupWriter:
    """Stores embedded groups in Chroma on one background thread, one group at a time,
    so that writing overlaps the next group's forward passes. Every Chroma write of the
    build goes through this thread in order; an error surfaces at the next call or on exit."""

    def __init__(self, passages_col: Any, sentences_col: Any, words_col: Any, batch: int) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.cols = (passages_col, sentences_col, words_col)
        self.batch = batch
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="nmnbot-store")
        self.pending: Any = None

    def __enter__(self) -> "_GroupWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._wait()
        finally:
            self.pool.shutdown(wait=True)

    def _wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def _submit(self, fn: Callable[..., None], *args: Any) -> None:
        self._wait()
        self.pending = self.pool.submit(fn, *args)

    def delete_source(self, source: str) -> None:
        self._submit(self._delete, source)

    def write(self, group: _EmbeddedGroup) -> None:
        self._submit(self._write, group)

    def _delete(self, source: str) -> None:
        passages_col, sentences_col, _ = self.cols
        passages_col.delete(where={"source": source})
        sentences_col.delete(where={"source": source})

    def _write(self, g: _EmbeddedGroup) -> None:
        passages_col, sentences_col, words_col = self.cols
        for i in range(0, len(g.words), self.batch):
            words_col.add(ids=g.words[i : i + self.batch], embeddings=g.word_vectors[i : i + self.batch])
        for i in range(0, len(g.passages), self.batch):
            chunk = g.passages[i : i + self.batch]
            passages_col.add(
                ids=[p.id for p in chunk],
                embeddings=g.passage_vectors[i : i + len(chunk)],
                documents=[p.text for p in chunk],
                metadatas=[_passage_meta(p) for p in chunk],
            )
        for i in range(0, len(g.sentences), self.batch):
            chunk = g.sentences[i : i + self.batch]
            sentences_col.add(
                ids=[sentence_id(p.id, j) for p, j, _ in chunk],
                embeddings=g.sentence_vectors[i : i + len(chunk)],
                documents=[s.text for _, _, s in chunk],
                metadatas=[{"source": p.source, "passage": p.id, "start": s.start, "end": s.end} for p, _, s in chunk],
            )


def _passage_meta(p: Passage) -> dict[str, Any]:
    return {
        "source": p.source, "title": p.title, "section": p.section, "start": p.start, "end": p.end,
        "context": p.context,
        "sentences": json.dumps([[s.start, s.end, int(s.quotable), s.flags()] for s in p.sentences]),
    }


