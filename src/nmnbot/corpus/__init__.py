"""Corpus: source files -> blocks -> sentences (with roles) -> passages, offsets intact.

    loaders.py   txt / md / html / pdf -> blocks; reading and listing files
    chrome.py    captions, footers, link lines and reference lists dropped
    passages.py  sentences, their roles, passages, load_document
    document.py  the typed units (Block, Sentence, Passage, SourceDocument, Skipped)
"""

from __future__ import annotations

from .document import Block, Passage, Sentence, Skipped, SourceDocument
from .loaders import file_digest, iter_corpus_files, read_source_text, source_name
from .passages import build_passages, load_document, same_text_key, split_sentences

__all__ = [
    "Block", "Passage", "Sentence", "Skipped", "SourceDocument", "build_passages", "file_digest",
    "iter_corpus_files", "load_document", "read_source_text", "same_text_key", "source_name", "split_sentences",
]
