"""Index: embed passages, sentences and corpus words into Chroma generations.

    storage.py   local directories or a Chroma server; CURRENT, manifests, cleanup
    build.py     ingest: only changed files are embedded; atomic swap of CURRENT
    snapshot.py  one committed generation opened for reading
"""

from __future__ import annotations

from .build import IngestReport, ingest
from .snapshot import IndexSnapshot, cleanup_interrupted, current_generation, open_index
from .storage import (
    LocalLayout,
    ServerLayout,
    chroma_settings,
    get_all,
    layout_for,
    sentence_id,
)

__all__ = [
    "IndexSnapshot", "IngestReport", "LocalLayout", "ServerLayout", "chroma_settings", "cleanup_interrupted",
    "current_generation", "get_all", "ingest", "layout_for", "open_index", "sentence_id",
]
