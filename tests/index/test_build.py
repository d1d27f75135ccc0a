"""index.py: content-derived ids, incremental updates, manifest checks, atomic switch."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from nmnbot.config import Settings
from nmnbot.errors import IndexBuildError
from nmnbot.index import LocalLayout, ingest, open_index

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(corpus_dir: Path, tmp_path: Path) -> Settings:
    return Settings.from_env(environ={}, corpus_dir=corpus_dir, index_dir=tmp_path / "index", data_dir=tmp_path / "data")


def _sources(s: Settings) -> set[str]:
    return {p.source for p in open_index(s).passages}


def _documents(s: Settings) -> set[str]:
    """The corpus files ingest reads (corpus/sources.toml is provenance, not a document)."""
    return {p.name for p in Path(s.corpus_dir).iterdir() if p.suffix in s.file_types}


def test_reingest_is_idempotent_and_incremental(settings: Settings) -> None:
    first = ingest(settings)
    assert sorted(first.added) == sorted(_documents(settings))
    gen = first.generation
    ids = sorted(p.id for p in open_index(settings).passages)

    t0 = time.perf_counter()
    again = ingest(settings)
    assert time.perf_counter() - t0 < 5  # no model load, no copy: a digest comparison
    assert not again.changed and again.generation == gen
    assert len(again.unchanged) == 4
    assert sorted(p.id for p in open_index(settings).passages) == ids

    # change one file: only it is replaced, the others keep their ids
    target = Path(settings.corpus_dir) / "nmn-hair-loss.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing sentence about hair follicles and NMN.\n",
                      encoding="utf-8")
    changed = ingest(settings)
    assert changed.updated == ["nmn-hair-loss.txt"] and not changed.added and len(changed.unchanged) == 3
    snap = open_index(settings)
    assert any("A new closing sentence" in p.text for p in snap.passages)
    kept = {p.id for p in snap.passages if p.source != "nmn-hair-loss.txt"}
    assert kept <= set(ids)
    text = target.read_text(encoding="utf-8")
    for p in snap.passages:
        if p.source == "nmn-hair-loss.txt":
            assert text[p.start : p.end] == p.text

    # delete one file: its units go
    (Path(settings.corpus_dir) / "exosome-hair-regrowth.txt").unlink()
    removed = ingest(settings)
    assert removed.removed == ["exosome-hair-regrowth.txt"]
    assert "exosome-hair-regrowth.txt" not in _sources(settings)
    assert len(_sources(settings)) == 3


def test_manifest_records_model_chunking_and_chroma(settings: Settings) -> None:
    report = ingest(settings)
    manifest = json.loads((Path(settings.index_dir) / report.generation / "manifest.json").read_text())
    import chromadb

    assert manifest["chromadb"] == chromadb.__version__
    assert "all-MiniLM-L6-v2" in manifest["model"]
    assert manifest["chunking"]["passage_max_chars"] == settings.passage_max_chars
    assert set(manifest["files"]) == _documents(settings)

    # a different chunking setting makes the old index stale and forces a full rebuild
    other = Settings.from_env(environ={}, corpus_dir=settings.corpus_dir, index_dir=settings.index_dir,
                              passage_max_chars=500)
    with pytest.raises(IndexBuildError, match="different chunking"):
        open_index(other)
    rebuilt = ingest(other)
    assert rebuilt.rebuilt and len(rebuilt.added) == 4
    assert max(len(p.text) for p in open_index(other).passages) <= 500 + 400  # one long sentence may overrun


def test_a_failed_build_leaves_the_previous_index_serving(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    good = ingest(settings)
    (Path(settings.corpus_dir) / "new.md").write_text("# New\n\nA new document about sleep and melatonin in adults.\n")
    import nmnbot.index.build as build_module

    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("simulated crash while embedding")

    monkeypatch.setattr(build_module, "_embed_group", boom)
    with pytest.raises(RuntimeError):
        ingest(settings)
    layout = LocalLayout(Path(settings.index_dir))
    assert layout.current() == good.generation
    assert _sources(settings) == _documents(settings) - {"new.md"}
    monkeypatch.undo()
    after = ingest(settings)  # the half-built generation is cleaned up and the file goes in
    assert after.added == ["new.md"]
    gens = sorted(p.name for p in Path(settings.index_dir).iterdir() if p.name.startswith("gen-"))
    assert after.generation in gens and len(gens) <= 2


def test_unreadable_files_are_skipped_and_reported(settings: Settings) -> None:
    (Path(settings.corpus_dir) / "blob.txt").write_bytes(b"\x00\x01binary\x00junk")
    (Path(settings.corpus_dir) / "empty.md").write_bytes(b"")
    report = ingest(settings)
    reasons = {s.source: s.reason for s in report.skipped}
    assert set(reasons) == {"blob.txt", "empty.md"}
    assert "binary" in reasons["blob.txt"] and "empty" in reasons["empty.md"]
    assert len(report.added) == 4
    assert "skipped blob.txt" in report.summary()


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    s = Settings.from_env(environ={}, index_dir=tmp_path / "nothing")
    with pytest.raises(IndexBuildError, match="nmnbot ingest"):
        open_index(s)


def test_whole_collections_are_read_in_pages(built_index: Settings) -> None:
    from nmnbot.index import get_all

    col = open_index(built_index).passages_col
    unpaged = col.get(include=["documents"])
    paged = get_all(col, ["documents"], page=7)  # the seeds have ~45 passages: several pages and a partial one
    assert len(unpaged["ids"]) > 7
    assert sorted(zip(paged["ids"], paged["documents"])) == sorted(zip(unpaged["ids"], unpaged["documents"]))


def test_the_int8_ingest_encoder_stays_close_to_torch_and_is_part_of_the_index(settings: Settings) -> None:
    """Issue 19: Settings.ingest_encoder = 'onnx-int8' encodes the corpus with the per-channel
    int8 export; its vectors stay close to torch's, and an index built so is not served to a
    process that expects torch vectors (the setting is part of the manifest's core)."""
    import dataclasses

    import numpy as np

    from nmnbot.embed import encode

    int8 = dataclasses.replace(settings, ingest_encoder="onnx-int8")
    ingest(int8)
    snap = open_index(int8)
    assert snap.manifest["ingest_encoder"] == "onnx-int8"
    passages = snap.passages[:40]
    stored = snap.passages_col.get(ids=[p.id for p in passages], include=["embeddings"])
    vectors = dict(zip(stored["ids"], np.asarray(stored["embeddings"], dtype=np.float32)))
    reference = encode([p.embedding_text() for p in passages])
    cosines = np.array([vectors[p.id] @ r for p, r in zip(passages, reference)])
    assert cosines.min() >= 0.97 and cosines.mean() >= 0.99, cosines
    with pytest.raises(IndexBuildError, match="ingest_encoder"):
        open_index(settings)
    with pytest.raises(IndexBuildError, match="'torch' or 'onnx-int8'"):
        ingest(dataclasses.replace(settings, ingest_encoder="int8"))


def test_a_small_generation_is_read_from_its_held_file_without_chroma(settings: Settings) -> None:
    """Issue 20: a committed local generation small enough to hold carries a held file, and a
    new process answers from it without importing Chroma; the answer is the one the Chroma
    path gives. An incremental generation writes its own file, never the previous one's."""
    import os
    import subprocess
    import sys

    from nmnbot.index.snapshot import HELD_FILE

    first = ingest(settings)
    held = Path(settings.index_dir) / first.generation / HELD_FILE
    assert held.is_file()
    script = (
        "import sys, json\n"
        "from nmnbot import Chatbot\n"
        f"bot = Chatbot(corpus_dir={str(settings.corpus_dir)!r}, index_dir={str(settings.index_dir)!r})\n"
        "a = bot.ask('Does NMN help with hair loss?')\n"
        "print(json.dumps({'chroma': 'chromadb' in sys.modules, 'status': a.status,\n"
        "                  'quotes': [(q.source, q.start, q.end, q.evidence) for q in a.quotes]}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    def run() -> dict:
        got = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        return json.loads(got.stdout.strip().splitlines()[-1])

    from_file = run()
    assert from_file["chroma"] is False and from_file["status"] == "answered" and from_file["quotes"]
    held.unlink()  # the same generation read from Chroma gives the same answer, and writes the file again
    from_chroma = run()
    assert from_chroma["chroma"] is True
    assert from_chroma["quotes"] == from_file["quotes"]
    assert run() == from_file
    held.write_bytes(b"not a zip file")  # a damaged file is passed over, not trusted, and replaced
    assert run()["quotes"] == from_file["quotes"]
    assert run() == from_file

    extra = Path(settings.corpus_dir) / "zinc.txt"
    extra.write_text("Zinc deficiency can cause hair loss.\n\nZinc is found in meat and shellfish.\n", encoding="utf-8")
    second = ingest(settings)
    assert second.generation != first.generation
    snap = open_index(settings)
    assert snap.held is not None and "zinc.txt" in {p.source for p in snap.passages}
    assert len(snap.held.sentence_rows) == snap.manifest["sentences"]
