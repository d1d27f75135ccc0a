"""The textbook RAG retriever nmnbot is measured against.

What a LangChain tutorial builds: RecursiveCharacterTextSplitter(1000, 200),
the same MiniLM model as nmnbot (``nmnbot.embed.encode``), an in-memory Chroma
collection with cosine distance, top-4 chunks. It retrieves only; the chunks
are what a reader would have to read, so they are compared with our quotes.
Our embedding function is always handed to Chroma, so its default one (which
downloads a model) can never run.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

# The tutorial's values (LangChain "Build a RAG app"): not tuned for this corpus.
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


@dataclass(frozen=True)
class Chunk:
    source: str  # path relative to the corpus directory, '/'-separated
    start: int  # offset of text in the file's text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def overlaps(self, source: str, start: int, end: int) -> bool:
        return self.source == source and self.start < end and start < self.end


class TextbookRetriever:
    """Split, embed and store ``files`` (relative names under ``corpus_dir``); ``retrieve`` returns top-k chunks."""

    def __init__(self, corpus_dir: str | Path, files: Iterable[str] | None = None,
                 chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP, k: int = TOP_K) -> None:
        self.corpus_dir = Path(corpus_dir)
        if files is None:
            files = sorted(p.relative_to(self.corpus_dir).as_posix() for p in self.corpus_dir.rglob("*")
                           if p.is_file() and p.suffix.lower() in (".txt", ".md") and not p.name.startswith("."))
        self.files = list(files)
        self.chunk_size, self.chunk_overlap, self.k = chunk_size, chunk_overlap, k
        self._collection: Any = None
        self.chunks: list[Chunk] = []

    def build(self) -> "TextbookRetriever":
        import chromadb
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from nmnbot.embed import chroma_embedding_function, encode
        from nmnbot.index import chroma_settings

        splitter = RecursiveCharacterTextSplitter(chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap,
                                                  add_start_index=True)
        texts = [(self.corpus_dir / name).read_text(encoding="utf-8") for name in self.files]
        docs = splitter.create_documents(texts, metadatas=[{"source": name} for name in self.files])
        self.chunks = [Chunk(d.metadata["source"], int(d.metadata["start_index"]), d.page_content) for d in docs]
        client = chromadb.EphemeralClient(settings=chroma_settings())
        self._collection = client.create_collection(
            f"baseline-{uuid.uuid4().hex}", embedding_function=chroma_embedding_function(),
            configuration={"hnsw": {"space": "cosine"}},
        )
        vectors = encode([c.text for c in self.chunks])
        for i in range(0, len(self.chunks), 2000):
            part = self.chunks[i : i + 2000]
            self._collection.add(ids=[str(j) for j in range(i, i + len(part))], embeddings=vectors[i : i + len(part)],
                                 documents=[c.text for c in part],
                                 metadatas=[{"source": c.source, "start": c.start} for c in part])
        return self

    def retrieve(self, question: str) -> list[Chunk]:
        from nmnbot.embed import encode

        if self._collection is None:
            self.build()
        got = self._collection.query(query_embeddings=[encode([question])[0].tolist()],
                                     n_results=min(self.k, len(self.chunks)), include=[])
        return [self.chunks[int(i)] for i in got["ids"][0]]


def contains_any(chunks: Sequence[Chunk], phrases: Sequence[str], source: str | None = None) -> bool:
    """True when an expected phrase lies inside one retrieved chunk (from ``source``, if given)."""
    from .scoring import phrase_in

    return any(phrase_in(p, c.text) for c in chunks if source is None or c.source == source for p in phrases)
