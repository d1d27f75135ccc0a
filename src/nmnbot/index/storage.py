"""Storage: where index generations live and how one becomes current.

Layout of ``index/`` (local mode)::

    CURRENT          name of the live generation (replaced atomically)
    .lock            held by the one ingest allowed to write
    gen-<stamp>/     a generation: Chroma files, held.npz when small (snapshot.HELD_FILE),
                     manifest.json (written last); bm25.npz and judged.json, written
                     by the first process that opens it (retrieve.BM25_FILE,
                     evidence_model.JUDGED_FILE)

With ``NMNBOT_CHROMA_URL`` the same generations live as collections in a Chroma
server and CURRENT is a pointer collection's metadata. Chroma always gets our
embedding function, never its downloading default.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterable

from ..config import EMBEDDING_DIM, Settings
from ..errors import IndexBuildError

SCHEMA_VERSION = 9  # 9: sentences store their role flags
PASSAGES = "passages"
SENTENCES = "sentences"
WORDS = "words"  # one vector per corpus word: near-synonym lookup for the coverage check
POINTER = "nmnbot-current"
_OPEN_LOCK = threading.Lock()


def chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def expected_manifest_core(settings: Settings) -> dict[str, Any]:
    from importlib.metadata import version

    from ..embed import MODEL_ID

    core = {
        "schema": SCHEMA_VERSION,
        "model": MODEL_ID,
        "chunking": settings.chunking_fingerprint(),
        # the installed version, read without importing Chroma (half a second of a first answer)
        "chromadb": version("chromadb"),
    }
    if settings.ingest_encoder != "torch":  # torch indexes keep the manifest they always had
        core["ingest_encoder"] = settings.ingest_encoder
    return core


def stale_keys(manifest: dict[str, Any], settings: Settings) -> list[str]:
    """What in a generation's manifest differs from what these settings would build (an
    index without ``ingest_encoder`` was encoded by torch)."""
    core = expected_manifest_core(settings)
    stale = [k for k, v in core.items() if k != "ingest_encoder" and manifest.get(k) != v]
    if manifest.get("ingest_encoder", "torch") != settings.ingest_encoder:
        stale.append("ingest_encoder")
    return stale


# --------------------------------------------------------------------------- storage layouts


class LocalLayout:
    """Generations as directories under ``index_dir``; CURRENT is a file."""

    def __init__(self, index_dir: Path, pause: str = "") -> None:
        self.root = Path(index_dir)
        self.pause = pause  # Settings.test_pause

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
            # the held file (snapshot.HELD_FILE), the BM25 state (retrieve.BM25_FILE) and the stored evidence
            # judgements (evidence_model.JUDGED_FILE) are the old generation's: the new one writes its own
            shutil.copytree(self.root / copy_from, target, ignore=shutil.ignore_patterns(
                "manifest.json", "held.npz", "bm25.npz", "judged.json", ".*.tmp"))
        else:
            target.mkdir(parents=True)

    def commit(self, gen: str, manifest: dict[str, Any]) -> None:
        """manifest.json marks a generation complete; CURRENT is swapped after it is on disk."""
        _write_atomic(self.root / gen / "manifest.json", json.dumps(manifest, indent=1))
        test_pause(self.pause, "mid-commit")
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
        from ..embed import chroma_embedding_function

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
        pointer.upsert(ids=[gen], documents=[json.dumps(manifest)], embeddings=[[0.0] * EMBEDDING_DIM], metadatas=[{"kind": "manifest"}])
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
        return self._client.get_or_create_collection(f"{self._gen}--{name}", **{**collection_kwargs(), **kw})

    def create_collection(self, name: str, **kw: Any) -> Any:
        return self._client.get_or_create_collection(f"{self._gen}--{name}", **{**collection_kwargs(), **kw})

    def get_collection(self, name: str, **kw: Any) -> Any:
        from ..embed import chroma_embedding_function

        return self._client.get_collection(f"{self._gen}--{name}",
                                           **{"embedding_function": chroma_embedding_function(), **kw})


def _copy_collection(src: Any, dst: Any) -> None:
    offset = 0
    while True:
        got = src.get(include=["embeddings", "documents", "metadatas"], limit=2000, offset=offset)
        if not got["ids"]:
            break
        dst.add(ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=got["metadatas"])
        offset += len(got["ids"])


def layout_for(settings: Settings) -> LocalLayout | ServerLayout:
    if settings.chroma_url:
        return ServerLayout(settings.chroma_url, settings.data_dir)
    return LocalLayout(settings.index_dir, settings.test_pause)


def collection_kwargs() -> dict[str, Any]:
    from ..embed import chroma_embedding_function

    return {"embedding_function": chroma_embedding_function(), "configuration": {"hnsw": {"space": "cosine"}}}


def collection(client: Any, name: str) -> Any:
    return client.get_or_create_collection(name, **collection_kwargs())


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


def test_pause(spec: str, stage: str) -> None:
    """Fault injection for tests/system/test_reliability.py: ``Settings.test_pause`` (env
    ``NMNBOT_TEST_PAUSE``) = ``<stage>=<seconds>`` announces the stage on stderr and sleeps
    there, so a test can kill -9 the ingest at that point. Empty: does nothing."""
    if not spec:
        return
    name, _, seconds = spec.partition("=")
    if name == stage:
        print(f"nmnbot-test: paused at {stage}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 0))


def new_generation_name() -> str:
    return f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"




def sentence_id(passage_id: str, i: int) -> str:
    return f"{passage_id}:{i}"


def get_all(col: Any, include: list[str], page: int = 5000) -> dict[str, list[Any]]:
    """Every record of a collection, read in pages: one unbounded get on the full MedQuAD
    corpus (32k passages) failed inside Chroma with "too many SQL variables"."""
    out: dict[str, list[Any]] = {"ids": [], **{k: [] for k in include}}
    offset = 0
    while True:
        got = col.get(include=include, limit=page, offset=offset)
        for k in out:
            part = got[k]  # embeddings come as a numpy array, whose truth value is ambiguous
            out[k].extend(part if part is not None else [])
        if len(got["ids"]) < page:
            return out
        offset += page
