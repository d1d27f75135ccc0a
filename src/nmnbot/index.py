"""Index: embed passages and sentences into Chroma, incrementally and atomically.

Layout of ``index/`` (local mode)::

    CURRENT          name of the live generation (replaced atomically)
    .lock            held by the one ingest allowed to write
    gen-<stamp>/     a generation: Chroma files + manifest.json (written last)

An ingest copies the live generation, applies only what changed (ids derive
from each file's digest and span), writes the manifest and then swaps CURRENT.
A crash at any point leaves CURRENT on the previous, complete generation.
With ``NMNBOT_CHROMA_URL`` the same generations live as collections in a Chroma
server and CURRENT is a pointer collection's metadata.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .config import Settings
from .corpus import Passage, Sentence, Skipped, SourceDocument, file_digest, iter_corpus_files, load_document, source_name
from .errors import CorpusError, IndexBuildError, NmnbotError
from .embed import export_encoder, exported_encoder_path

if TYPE_CHECKING:
    import numpy as np

SCHEMA_VERSION = 8
PASSAGES = "passages"
SENTENCES = "sentences"
WORDS = "words"  # one vector per corpus word: near-synonym lookup for the scope check
POINTER = "nmnbot-current"
_CHROMA_ADD_BATCH = 2000
_ENCODE_GROUP = 4096  # passages + sentences embedded per call (see _embed_group)
_FIRST_GROUP = 256  # small first groups, so the encoder starts while later files are parsed
_PREFETCH = 128  # files parsed ahead of the encoder (a group is ~50 MedQuAD files)
_OPEN_LOCK = threading.Lock()


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


def chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def expected_manifest_core(settings: Settings) -> dict[str, Any]:
    import chromadb

    from .embed import MODEL_ID

    return {
        "schema": SCHEMA_VERSION,
        "model": MODEL_ID,
        "chunking": settings.chunking_fingerprint(),
        "chromadb": chromadb.__version__,
    }


# --------------------------------------------------------------------------- storage layouts


class LocalLayout:
    """Generations as directories under ``index_dir``; CURRENT is a file."""

    def __init__(self, index_dir: Path) -> None:
        self.root = Path(index_dir)

    def describe(self) -> str:
        return str(self.root)

    def lock_path(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        return self.root / ".lock"

    def current(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.root / name / "manifest.json").is_file() else None

    def manifest(self, gen: str) -> dict[str, Any] | None:
        try:
            return json.loads((self.root / gen / "manifest.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def client(self, gen: str) -> Any:
        import chromadb

        # Chroma caches one System per path and registers it before it has started: two
        # threads opening a new generation at once could get a half-started one
        # ("'RustBindingsAPI' object has no attribute 'bindings'"). Open one at a time.
        with _OPEN_LOCK:
            return chromadb.PersistentClient(path=str(self.root / gen), settings=chroma_settings())

    def start_generation(self, gen: str, copy_from: str | None) -> None:
        target = self.root / gen
        if copy_from:
            shutil.copytree(self.root / copy_from, target, ignore=shutil.ignore_patterns("manifest.json"))
        else:
            target.mkdir(parents=True)

    def commit(self, gen: str, manifest: dict[str, Any]) -> None:
        """manifest.json marks a generation complete; CURRENT is swapped after it is on disk."""
        _write_atomic(self.root / gen / "manifest.json", json.dumps(manifest, indent=1))
        _test_pause("mid-commit")
        _write_atomic(self.root / "CURRENT", gen + "\n")

    def cleanup(self, keep: Iterable[str]) -> list[str]:
        """Remove generations that are neither live nor kept (interrupted builds, old ones)."""
        keep = {k for k in keep if k}
        removed = []
        if not self.root.is_dir():
            return removed
        for child in self.root.iterdir():
            if child.is_dir() and child.name.startswith("gen-") and child.name not in keep:
                _forget_chroma_client(child)
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child.name)
            elif child.name.startswith(".CURRENT.") and child.name.endswith(".tmp"):
                child.unlink(missing_ok=True)  # a swap killed between write and rename
        return removed

    def leftovers(self, keep: Iterable[str]) -> bool:
        """Anything cleanup(keep) would remove; cheap and lock-free."""
        keep = {k for k in keep if k}
        return self.root.is_dir() and any(
            (c.name.startswith("gen-") and c.name not in keep) or c.name.startswith(".CURRENT.")
            for c in self.root.iterdir())

    def size_bytes(self, gen: str) -> int:
        return sum(p.stat().st_size for p in (self.root / gen).rglob("*") if p.is_file())


class ServerLayout:
    """Generations as collections in a Chroma server; CURRENT lives in a pointer collection.

    Manifests are stored as JSON in the pointer collection's records, keyed by generation.
    The lock is a local file: ingests must run from one host (documented in the README)."""

    def __init__(self, url: str, lock_dir: Path) -> None:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise IndexBuildError(f"NMNBOT_CHROMA_URL must look like http://host:port, not {url!r}")
        self.url = url
        self.host = parsed.hostname
        self.port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.ssl = parsed.scheme == "https"
        self.lock_dir = Path(lock_dir)
        self._client: Any = None

    def describe(self) -> str:
        return self.url

    def lock_path(self) -> Path:
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        return self.lock_dir / ".chroma-ingest.lock"

    def _raw_client(self) -> Any:
        if self._client is None:
            import chromadb

            try:
                self._client = chromadb.HttpClient(host=self.host, port=self.port, ssl=self.ssl, settings=chroma_settings())
                self._client.heartbeat()
            except Exception as exc:  # connection refused, DNS, TLS: all mean the same to the user
                self._client = None
                raise IndexBuildError(f"cannot reach the Chroma server at {self.url}: {exc}") from None
        return self._client

    def _pointer(self) -> Any:
        from .embed import chroma_embedding_function

        return self._raw_client().get_or_create_collection(POINTER, embedding_function=chroma_embedding_function())

    def current(self) -> str | None:
        meta = self._pointer().metadata or {}
        gen = meta.get("current")
        return gen if gen and self.manifest(gen) else None

    def manifest(self, gen: str) -> dict[str, Any] | None:
        got = self._pointer().get(ids=[gen], include=["documents"])
        docs = got.get("documents") or []
        return json.loads(docs[0]) if docs else None

    def client(self, gen: str) -> Any:
        return _PrefixedClient(self._raw_client(), gen)

    def start_generation(self, gen: str, copy_from: str | None) -> None:
        if copy_from:
            src, dst = self.client(copy_from), self.client(gen)
            for name in (PASSAGES, SENTENCES, WORDS):
                _copy_collection(src.get_collection(name), dst.create_collection(name))

    def commit(self, gen: str, manifest: dict[str, Any]) -> None:
        pointer = self._pointer()
        pointer.upsert(ids=[gen], documents=[json.dumps(manifest)], embeddings=[[0.0] * 384], metadatas=[{"kind": "manifest"}])
        pointer.modify(metadata={"current": gen})

    def cleanup(self, keep: Iterable[str]) -> list[str]:
        keep = {k for k in keep if k}
        removed = []
        client = self._raw_client()
        for col in client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith("gen-") and name.split("--")[0] not in keep:
                client.delete_collection(name)
                removed.append(name)
        if removed:
            stale = [g for g in {n.split("--")[0] for n in removed}]
            self._pointer().delete(ids=stale)
        return removed

    def size_bytes(self, gen: str) -> int:
        return 0


class _PrefixedClient:
    """Collections of one generation inside a shared Chroma server: ``<gen>--<name>``."""

    def __init__(self, client: Any, gen: str) -> None:
        self._client, self._gen = client, gen

    # Callers may pass embedding_function themselves (open_index does): defaults, not duplicates.
    def get_or_create_collection(self, name: str, **kw: Any) -> Any:
        return self._client.get_or_create_collection(f"{self._gen}--{name}", **{**_collection_kwargs(), **kw})

    def create_collection(self, name: str, **kw: Any) -> Any:
        return self._client.get_or_create_collection(f"{self._gen}--{name}", **{**_collection_kwargs(), **kw})

    def get_collection(self, name: str, **kw: Any) -> Any:
        from .embed import chroma_embedding_function

        return self._client.get_collection(f"{self._gen}--{name}",
                                           **{"embedding_function": chroma_embedding_function(), **kw})


def _copy_collection(src: Any, dst: Any) -> None:
    offset = 0
    while True:
        got = src.get(include=["embeddings", "documents", "metadatas"], limit=_CHROMA_ADD_BATCH, offset=offset)
        if not got["ids"]:
            break
        dst.add(ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=got["metadatas"])
        offset += len(got["ids"])


def layout_for(settings: Settings) -> LocalLayout | ServerLayout:
    if settings.chroma_url:
        return ServerLayout(settings.chroma_url, settings.data_dir)
    return LocalLayout(settings.index_dir)


def _collection_kwargs() -> dict[str, Any]:
    from .embed import chroma_embedding_function

    return {"embedding_function": chroma_embedding_function(), "configuration": {"hnsw": {"space": "cosine"}}}


def _collection(client: Any, name: str) -> Any:
    return client.get_or_create_collection(name, **_collection_kwargs())


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _forget_chroma_client(path: Path) -> None:
    """Chroma caches one system per path; drop it before the directory goes away."""
    if "chromadb" not in sys.modules:
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(path), None)


def _test_pause(stage: str) -> None:
    """Fault-injection hook for tests/test_reliability.py: ``NMNBOT_TEST_PAUSE=<stage>=<seconds>``
    announces the stage on stderr and sleeps there, so a test can kill -9 the ingest at that point."""
    spec = os.environ.get("NMNBOT_TEST_PAUSE", "")
    name, _, seconds = spec.partition("=")
    if name == stage:
        print(f"nmnbot-test: paused at {stage}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 0))


def new_generation_name() -> str:
    return f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"


# --------------------------------------------------------------------------- ingest


def ingest(settings: Settings, progress: bool = False, lock_timeout: float = 0.0,
           on_stage: Callable[[str], None] | None = None) -> IngestReport:
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
        report = _ingest_locked(settings, layout, corpus_dir, files, progress, t0, on_stage)
        if not exported_encoder_path(settings.encoder_dir).is_file():
            # once per machine (~5 s): lets a new process answer without importing torch
            if on_stage:
                on_stage("export question encoder")
            export_encoder(settings.encoder_dir)
        return report
    finally:
        lock.release()


def _ingest_locked(settings: Settings, layout: LocalLayout | ServerLayout, corpus_dir: Path, files: list[Path],
                   progress: bool, t0: float, on_stage: Callable[[str], None] | None) -> IngestReport:
    report = IngestReport()
    report.skipped.extend(_special_entries(corpus_dir, settings))
    live = layout.current()
    live_manifest = layout.manifest(live) if live else None
    # An interrupted build (kill -9) leaves a generation without a manifest: remove it.
    layout.cleanup(keep=[live, (live_manifest or {}).get("previous")])
    core = expected_manifest_core(settings)
    compatible = live_manifest is not None and all(live_manifest.get(k) == v for k, v in core.items())
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
    passages_col = _collection(client, PASSAGES)
    sentences_col = _collection(client, SENTENCES)
    words_col = _collection(client, WORDS)

    new_files = {name: info for name, info in old_files.items() if name in digests}
    for name in removed:
        passages_col.delete(where={"source": name})
        sentences_col.delete(where={"source": name})
        new_files.pop(name, None)
    report.removed = sorted(removed)

    from tqdm import tqdm

    known_words = set(_get_all(words_col, [])["ids"]) if compatible and live else set()
    bar = tqdm(total=len(to_load), unit="file", desc="ingest", disable=not progress, file=sys.stderr)
    writer = _GroupWriter(passages_col, sentences_col, words_col)
    group: list[SourceDocument] = []
    group_texts, group_limit = 0, _FIRST_GROUP

    def flush() -> None:
        nonlocal group_texts, group_limit
        if group:
            embedded = _embed_group(group, sorted(vocab - known_words), settings)
            known_words.update(vocab)
            vocab.clear()
            writer.write(embedded)  # stored in the background while the next group is embedded
            for doc in group:
                new_files[doc.source] = {"digest": doc.digest, "title": doc.title, "kind": doc.kind,
                                         "passages": len(doc.passages), "sentences": embedded.counts[doc.source]}
            bar.update(len(group))
            group.clear()
        group_texts, group_limit = 0, min(2 * group_limit, _ENCODE_GROUP)

    def load(path: Path) -> tuple[SourceDocument, set[str]]:
        doc = load_document(path, corpus_dir, settings, digest=digests[source_name(path, corpus_dir)])
        return doc, _document_vocabulary(doc)

    vocab: set[str] = set()
    with writer:
        for path, loaded in _prefetched(to_load, load):
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
    _test_pause("before-commit")
    layout.commit(gen, manifest)
    _test_pause("after-commit")
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
    """The words of a document's passages (each gets a vector for the scope check)."""
    from .scope import vocabulary

    out: set[str] = set()
    for p in doc.passages:
        out.update(vocabulary(p.embedding_text()))
    return out


def _get_all(col: Any, include: list[str], page: int = 5000) -> dict[str, list[Any]]:
    """Every record of a collection, read in pages: one unbounded get on the full MedQuAD
    corpus (32k passages) failed inside Chroma with "too many SQL variables"."""
    out: dict[str, list[Any]] = {"ids": [], **{k: [] for k in include}}
    offset = 0
    while True:
        got = col.get(include=include, limit=page, offset=offset)
        for k in out:
            out[k].extend(got[k] or [])
        if len(got["ids"]) < page:
            return out
        offset += page


def _prefetched(paths: list[Path], load: Callable[[Path], Any]) -> Iterator[tuple[Path, Any]]:
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
        pending = deque((path, pool.submit(safe, path)) for path in itertools.islice(todo, _PREFETCH))
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


def _embed_group(docs: list[SourceDocument], words: list[str], settings: Settings) -> _EmbeddedGroup:
    """Embed a group of documents in one encode call.

    sentence-transformers sorts a call's texts by length, so passages, sentences and
    single words from many documents land in batches of like length; embedding file by
    file padded every short text to its file's longest passage (4.4x slower, measured
    on 154 MedQuAD files)."""
    from .embed import encode

    passages = [p for doc in docs for p in doc.passages]
    sentences = [(p, i, s) for p in passages for i, s in enumerate(p.sentences) if s.quotable]
    texts = [p.embedding_text() for p in passages] + [p.sentence_embedding_text(s) for p, _, s in sentences] + words
    vectors = encode(texts, batch_size=settings.embed_batch_size)
    n_p, n_s = len(passages), len(sentences)
    counts = {doc.source: 0 for doc in docs}
    for p, _, _ in sentences:
        counts[p.source] += 1
    return _EmbeddedGroup(passages, sentences, words, vectors[:n_p], vectors[n_p : n_p + n_s], vectors[n_p + n_s :], counts)


class _GroupWriter:
    """Stores embedded groups in Chroma on one background thread, one group at a time,
    so that writing overlaps the next group's forward passes. Every Chroma write of the
    build goes through this thread in order; an error surfaces at the next call or on exit."""

    def __init__(self, passages_col: Any, sentences_col: Any, words_col: Any) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.cols = (passages_col, sentences_col, words_col)
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
        for i in range(0, len(g.words), _CHROMA_ADD_BATCH):
            words_col.add(ids=g.words[i : i + _CHROMA_ADD_BATCH], embeddings=g.word_vectors[i : i + _CHROMA_ADD_BATCH])
        for i in range(0, len(g.passages), _CHROMA_ADD_BATCH):
            chunk = g.passages[i : i + _CHROMA_ADD_BATCH]
            passages_col.add(
                ids=[p.id for p in chunk],
                embeddings=g.passage_vectors[i : i + len(chunk)],
                documents=[p.text for p in chunk],
                metadatas=[_passage_meta(p) for p in chunk],
            )
        for i in range(0, len(g.sentences), _CHROMA_ADD_BATCH):
            chunk = g.sentences[i : i + _CHROMA_ADD_BATCH]
            sentences_col.add(
                ids=[sentence_id(p.id, j) for p, j, _ in chunk],
                embeddings=g.sentence_vectors[i : i + len(chunk)],
                documents=[s.text for _, _, s in chunk],
                metadatas=[{"source": p.source, "passage": p.id, "start": s.start, "end": s.end} for p, _, s in chunk],
            )


def sentence_id(passage_id: str, i: int) -> str:
    return f"{passage_id}:{i}"


def _passage_meta(p: Passage) -> dict[str, Any]:
    return {
        "source": p.source, "title": p.title, "section": p.section, "start": p.start, "end": p.end,
        "context": p.context,
        "sentences": json.dumps([[s.start, s.end, int(s.quotable)] for s in p.sentences]),
    }


# --------------------------------------------------------------------------- reading


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
    _word_cache: dict[str, "np.ndarray"] = field(default_factory=dict)

    def word_vectors(self, words: list[str]) -> tuple[list[str], "np.ndarray"]:
        """Vectors of the given corpus words (unknown words are left out), cached per process."""
        import numpy as np

        todo = [w for w in words if w not in self._word_cache]
        if todo:
            got = self.words_col.get(ids=todo, include=["embeddings"])
            for w, e in zip(got["ids"], got["embeddings"]):
                self._word_cache[w] = np.asarray(e, dtype=np.float32)
            if len(self._word_cache) > 200_000:
                self._word_cache.clear()
        found = [w for w in words if w in self._word_cache]
        if not found:
            return [], np.zeros((0, 384), dtype=np.float32)
        return found, np.stack([self._word_cache[w] for w in found])

    def sentence_vectors(self, ids: list[str]) -> dict[str, "np.ndarray"]:
        import numpy as np

        if not ids:
            return {}
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
    core = expected_manifest_core(settings)
    stale = [k for k, v in core.items() if manifest.get(k) != v]
    if stale:
        raise IndexBuildError(f"index at {layout.describe()} was built with different {', '.join(stale)}; run `nmnbot ingest`")
    client = layout.client(gen)
    try:
        pcol = client.get_collection(PASSAGES, embedding_function=_collection_kwargs()["embedding_function"])
        scol = client.get_collection(SENTENCES, embedding_function=_collection_kwargs()["embedding_function"])
        wcol = client.get_collection(WORDS, embedding_function=_collection_kwargs()["embedding_function"])
    except NmnbotError:
        raise
    except Exception as exc:
        raise IndexBuildError(f"index generation {gen} cannot be opened: {exc}") from None
    got = _get_all(pcol, ["documents", "metadatas"])
    passages: list[Passage] = []
    for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
        start = int(meta["start"])
        sents = tuple(
            Sentence(s, e, text[s - start : e - start], bool(q)) for s, e, q in json.loads(meta["sentences"])
        )
        passages.append(Passage(pid, meta["source"], meta["title"], meta["section"], start, int(meta["end"]),
                                text, sents, meta.get("context", "")))
    passages.sort(key=lambda p: (p.source, p.start))
    return IndexSnapshot(gen, manifest, passages, {p.id: i for i, p in enumerate(passages)}, pcol, scol, wcol)


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
