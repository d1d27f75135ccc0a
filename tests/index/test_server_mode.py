"""Server mode: NMNBOT_CHROMA_URL stores the index in a real `chroma run` server.

A fixture starts Chroma on a free loopback port in a tmp dir; tests ingest into it
(first build, idempotent re-ingest, a changed and a deleted file), answer from it
with two Chatbot instances sharing the server, and check the errors for a server
that is down or a URL that is not one.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest

from nmnbot.bot import Chatbot
from nmnbot.config import Settings
from nmnbot.errors import IndexBuildError

from helpers import (
    MEDQUAD_DOCS, VENV_BIN, assert_one_line_error, assert_sound_answer, free_port, offline_env, run_cli,
    source_texts, wait_until,
)

pytestmark = pytest.mark.slow

from helpers import REPO
HAIR = "Does NMN help with hair loss?"
DEPRESSION = "Can NMN help with depression?"
SEED = ["nmn-hair-loss.txt", "nmn-depression.txt"]  # two seed documents keep the embedding time short
EXTRA = "medquad-note.md"


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (the `chroma` CLI of the installed chromadb) on a free loopback port."""
    import httpx

    root = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (root / "chroma.log").open("wb")
    proc = subprocess.Popen([str(VENV_BIN / "chroma"), "run", "--path", str(root / "data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=offline_env())
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError("chroma run exited: " + (root / "chroma.log").read_text()[-2000:])
        try:
            return httpx.get(url + "/api/v2/heartbeat", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_until(up, 60, interval=0.2, what="the Chroma server heartbeat")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def served(chroma_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A small corpus ingested into the server through the CLI, configured by environment only."""
    root = tmp_path_factory.mktemp("server-corpus")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in SEED:
        shutil.copyfile(REPO / "corpus" / name, corpus / name)
    extra = sorted(p for p in MEDQUAD_DOCS.rglob("*.md") if 2000 <= p.stat().st_size <= 3000)[0]
    shutil.copyfile(extra, corpus / EXTRA)
    env = offline_env(NMNBOT_CHROMA_URL=chroma_url, NMNBOT_CORPUS_DIR=str(corpus),
                      NMNBOT_INDEX_DIR=str(root / "no-local-index"), NMNBOT_DATA_DIR=str(root / "data"))
    proc = run_cli("ingest", "-q", env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "added 3, updated 0, removed 0" in proc.stdout, proc.stdout
    assert not (root / "no-local-index").exists(), "server mode must not write a local index"
    return Settings.from_env(environ={}, corpus_dir=corpus, index_dir=root / "no-local-index",
                             data_dir=root / "data", chroma_url=chroma_url)


def _collections(url: str) -> list[str]:
    import chromadb

    from nmnbot.index import chroma_settings, layout_for

    layout = layout_for(Settings.from_env(environ={}, chroma_url=url))
    return sorted(c.name for c in layout._raw_client().list_collections())


def test_server_mode_answers_verbatim(served: Settings) -> None:
    bot = Chatbot(settings=served, build_if_missing=False)
    answer = bot.ask(HAIR)
    assert answer.status == "answered"
    assert_sound_answer(answer, source_texts(served.corpus_dir))
    assert {q.source for q in answer.quotes} <= set(SEED)


def test_cli_ask_in_server_mode(served: Settings) -> None:
    env = offline_env(NMNBOT_CHROMA_URL=served.chroma_url or "", NMNBOT_DATA_DIR=str(served.data_dir))
    proc = run_cli("ask", "--json", "--corpus", str(served.corpus_dir), "--index", str(served.index_dir), DEPRESSION,
                   env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '"status": "answered"' in proc.stdout


def test_reingest_is_idempotent_then_applies_a_change_and_a_deletion(served: Settings) -> None:
    from nmnbot.index import current_generation, ingest, layout_for

    url = served.chroma_url or ""
    gen0 = current_generation(served)
    before = _collections(url)
    again = run_cli("ingest", "-q", "--corpus", str(served.corpus_dir), "--index", str(served.index_dir),
                    env=offline_env(NMNBOT_CHROMA_URL=url), timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "added 0, updated 0, removed 0, unchanged 3" in again.stdout
    assert current_generation(served) == gen0 and _collections(url) == before

    readers = [Chatbot(settings=served, build_if_missing=False) for _ in range(2)]
    for bot in readers:
        assert bot.ask(HAIR).status == "answered"

    hair = served.corpus_dir / "nmn-hair-loss.txt"
    original = hair.read_text(encoding="utf-8")
    added = "Hair note: in a 2025 pilot study of forty adults, NMN did not change hair density after twelve weeks."
    hair.write_text(added + "\n\n" + original, encoding="utf-8")
    (served.corpus_dir / EXTRA).unlink()
    report = ingest(served)
    assert report.updated == ["nmn-hair-loss.txt"] and report.removed == [EXTRA]
    assert report.unchanged == ["nmn-depression.txt"] and not report.added
    gen1 = current_generation(served)
    assert gen1 != gen0
    manifest = layout_for(served).manifest(gen1)
    assert manifest is not None and set(manifest["files"]) == set(SEED)
    assert manifest["previous"] == gen0

    # only the live generation and its predecessor are kept in the server
    gens = {name.split("--")[0] for name in _collections(url) if name.startswith("gen-")}
    assert gens == {gen0, gen1}

    # both instances pick up the new generation, quote the changed file at its new offsets
    # and never the deleted one
    time.sleep(0.6)  # the generation pointer is re-read at most every 0.5 s
    texts = source_texts(served.corpus_dir)
    for bot in readers:
        answer = bot.ask("Did NMN change hair density in a pilot study of forty adults?")
        assert bot.state().generation == gen1
        assert_sound_answer(answer, texts)
        assert EXTRA not in {p.source for p in bot.state().snapshot.passages}
        assert answer.status == "answered"

    # a third ingest deletes the oldest generation's collections and its manifest
    hair.write_text(original, encoding="utf-8")
    ingest(served)
    gen2 = current_generation(served)
    gens = {name.split("--")[0] for name in _collections(url) if name.startswith("gen-")}
    assert gens == {gen1, gen2}
    assert layout_for(served).manifest(gen0) is None


def test_unreachable_server_is_one_clear_line(tmp_path: Path, corpus_dir: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    env = offline_env(NMNBOT_CHROMA_URL=dead, NMNBOT_DATA_DIR=str(tmp_path / "data"))
    assert_one_line_error(run_cli("ingest", "-q", "--corpus", str(corpus_dir), env=env, timeout=120),
                          "cannot reach the Chroma server")
    assert_one_line_error(run_cli("ask", "--corpus", str(corpus_dir), HAIR, env=env, timeout=120),
                          "cannot reach the Chroma server")
    bot = Chatbot(settings=Settings.from_env(environ={}, corpus_dir=corpus_dir, chroma_url=dead,
                                             data_dir=tmp_path / "data"), build_if_missing=False)
    with pytest.raises(IndexBuildError, match="cannot reach"):
        bot.ask(HAIR)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1:8000", "127.0.0.1:8000", "http://", "not a url"])
def test_malformed_server_url_is_one_clear_line(tmp_path: Path, corpus_dir: Path, url: str) -> None:
    env = offline_env(NMNBOT_CHROMA_URL=url, NMNBOT_DATA_DIR=str(tmp_path / "data"))
    assert_one_line_error(run_cli("ingest", "-q", "--corpus", str(corpus_dir), env=env, timeout=120),
                          "NMNBOT_CHROMA_URL")
