"""The exported (ONNX) question encoder gives torch's vectors and spares a new process torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nmnbot import embed
from nmnbot.config import Settings
from nmnbot.index import ingest

from helpers import offline_env

pytestmark = pytest.mark.slow

TEXTS = [
    "Does NMN help with hair loss?",
    "nmn",
    "What are the genetic changes related to spastic paraplegia type 7 ?",
    "Émile's café: naïve über-text, 50 mg/kg — “quoted” 😀",
    "Mice given nicotinamide mononucleotide for twelve weeks kept more NAD+ in muscle. " * 30,  # past 256 tokens
]


def test_export_matches_torch(built_index: Settings) -> None:
    path = embed.exported_encoder_path(built_index.encoder_dir)
    assert path.is_file(), "ingest should have exported the question encoder"
    onnx = embed.OnnxEncoder(path).encode(TEXTS)  # one padded batch of mixed lengths
    torch = embed.load_model().encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert onnx.shape == (len(TEXTS), 384) and onnx.dtype == np.float32
    assert np.abs(onnx - torch).max() < 1e-5
    one_by_one = np.vstack([embed.OnnxEncoder(path).encode([t]) for t in TEXTS[:2]])
    assert np.abs(one_by_one - torch[:2]).max() < 1e-5


def test_a_new_process_answers_without_importing_torch(built_index: Settings) -> None:
    code = (
        "import json, sys; from pathlib import Path; from nmnbot import Chatbot; from nmnbot.config import Settings\n"
        f"s = Settings(corpus_dir=Path({str(built_index.corpus_dir)!r}), index_dir=Path({str(built_index.index_dir)!r}),"
        f" encoder_dir=Path({str(built_index.encoder_dir)!r}))\n"
        "a = Chatbot(settings=s, build_if_missing=False).ask('Does NMN help hair loss?')\n"
        "print(json.dumps({'status': a.status, 'quotes': [[q.source, q.start, q.end] for q in a.quotes],"
        " 'torch': 'torch' in sys.modules}))"
    )
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=offline_env(), timeout=300)
    assert got.returncode == 0, got.stderr[-2000:]
    out = json.loads(got.stdout.strip().splitlines()[-1])
    assert out["torch"] is False
    assert out["status"] == "answered" and out["quotes"]


def test_same_answer_on_either_encoder(built_index: Settings) -> None:
    from nmnbot import Chatbot

    questions = ["Does NMN help hair loss?", "How long did the NMN trial last?", "Does NMN cure cancer?"]
    bot = Chatbot(settings=built_index, build_if_missing=False)
    bot.state()  # opening the index picks up the export
    assert bot.encoder.onnx is not None
    with_onnx = [bot.ask(q) for q in questions]
    bot.encoder.onnx = None
    with_torch = [bot.ask(q) for q in questions]
    for a, b in zip(with_torch, with_onnx):
        assert a.status == b.status
        assert [(q.source, q.start, q.end) for q in a.quotes] == [(q.source, q.start, q.end) for q in b.quotes]


def test_an_export_that_cannot_be_written_never_fails_ingest(tmp_path: Path, corpus_dir: Path) -> None:
    from nmnbot import Chatbot

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    s = Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index", encoder_dir=blocker / "cache")
    report = ingest(s)
    assert report.passages > 0
    assert not embed.exported_encoder_path(s.encoder_dir).exists()
    bot = Chatbot(settings=s, build_if_missing=False)
    a = bot.ask("Does NMN help hair loss?")
    assert a.status == "answered" and bot.encoder.onnx is None  # torch answered


def test_a_corrupt_export_is_not_used(tmp_path: Path) -> None:
    path = embed.exported_encoder_path(tmp_path)
    path.write_bytes(b"not an onnx model")
    encoder = embed.Encoder()
    assert encoder.use_exported(tmp_path) is False
    assert encoder.onnx is None
    assert encoder.encode(["still answers"]).shape == (1, 384)


def test_cli_ingest_says_when_it_exports_the_encoder(tmp_path: Path, corpus_dir: Path) -> None:
    from helpers import run_cli

    env = {**offline_env(), "NMNBOT_ENCODER_DIR": str(tmp_path / "encoder")}
    first = run_cli("ingest", "--corpus", str(corpus_dir), "--index", str(tmp_path / "index"), env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "once per machine" in first.stderr
    assert embed.exported_encoder_path(tmp_path / "encoder").is_file()
    again = run_cli("ingest", "--corpus", str(corpus_dir), "--index", str(tmp_path / "index"), env=env)
    assert again.returncode == 0 and "once per machine" not in again.stderr


def test_the_word_lexicon_holds_what_encoding_the_word_gives(built_index: Settings) -> None:
    """Issue 20: ingest also encodes common English words once per machine; a question word the
    corpus does not use is looked up there instead of being encoded."""
    lexicon = embed.WordLexicon.open(built_index.encoder_dir)
    assert lexicon is not None, "ingest should have made the word lexicon"
    assert len(lexicon.rows) == embed.LEXICON_SIZE
    words = ["cancer", "stamina", "psoriasis", "grandmother"]
    found, vectors = lexicon.vectors_of([*words, "nmnbotword"])
    assert found == words  # a word it does not know is left out
    alone = np.vstack([embed.OnnxEncoder(embed.exported_encoder_path(built_index.encoder_dir)).encode([w]) for w in words])
    assert np.abs(vectors - alone).max() < 1e-5


def test_a_common_question_word_is_not_encoded(built_index: Settings) -> None:
    from nmnbot import Chatbot

    bot = Chatbot(settings=built_index, build_if_missing=False).warm_up()
    assert bot.encoder.lexicon is not None
    encoded: list[str] = []
    real = bot.encoder.onnx.encode
    bot.encoder.onnx.encode = lambda texts: (encoded.extend(texts), real(texts))[1]  # type: ignore[method-assign]
    answer = bot.ask("Does NMN cure cancer?")
    assert answer.status == "not_found"
    assert encoded == ["Does NMN cure cancer?", "Does NMN cure ?"]  # the question, then the question without 'cancer'
