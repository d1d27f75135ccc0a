"""Faults and load: kill -9 during ingest, two ingests at once, readers during a rebuild,
a short soak of the real web app and its fast refusal when the queue is full.

Everything runs the real model on real documents (the seed corpus plus small MedQuAD
documents); ingests run as `nmnbot ingest` subprocesses so they can be SIGKILLed.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from nmnbot.bot import Chatbot
from nmnbot.config import Settings

from helpers import (
    MEDQUAD_DOCS, NMNBOT, assert_one_line_error, assert_sound_answer, free_port, offline_env, run_cli,
    source_texts, wait_until,
)

pytestmark = pytest.mark.slow

from helpers import REPO
HAIR = "Does NMN help with hair loss?"
QUESTIONS = [HAIR, "Can NMN help with depression?", "What are the health benefits of NMN?",
             "Can exosomes make hair grow back?", "Is NMN safe?", "Does NMN cure cancer?"]


def medquad_docs(n: int) -> list[Path]:
    """n small MedQuAD documents (2-3 KB), the same ones on every run."""
    small = sorted(p for p in MEDQUAD_DOCS.rglob("*.md") if 2000 <= p.stat().st_size <= 3000)
    assert len(small) >= n, f"MedQuAD documents missing under {MEDQUAD_DOCS}"
    return small[:n]


def add_docs(corpus: Path, docs: list[Path]) -> list[str]:
    names = []
    for doc in docs:
        name = f"medquad/{doc.parent.name}-{doc.name}"
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(doc, corpus / name)
        names.append(name)
    return names


class Ingest:
    """`nmnbot ingest` in a subprocess, its stderr read line by line (progress bar included)."""

    def __init__(self, settings: Settings, *args: str, **env: str) -> None:
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [NMNBOT, "ingest", "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=offline_env(**env))
        self.stderr = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        while chunk := self.proc.stderr.read1(4096):  # type: ignore[attr-defined]
            self.stderr += chunk.decode(errors="replace")

    def progress(self) -> tuple[int, int]:
        found = re.findall(r"\b(\d+)/(\d+) \[", self.stderr)
        return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(5)

    def finish(self, timeout: float = 600) -> tuple[int, str, str]:
        assert self.proc.stdout is not None
        out = self.proc.stdout.read()  # stderr belongs to the reader thread
        self.proc.wait(timeout)
        self._reader.join(5)
        return self.proc.returncode, out.decode(errors="replace"), self.stderr


def index_state(settings: Settings) -> tuple[str, dict[str, Any]]:
    root = Path(settings.index_dir)
    gen = (root / "CURRENT").read_text().strip()
    return gen, json.loads((root / gen / "manifest.json").read_text())


def check_serves_every_document(settings: Settings, expected_sources: set[str], expected_gen: str) -> Chatbot:
    """A new Chatbot opens the last complete generation, finds every document in it and answers
    verbatim; what the killed ingest left behind is gone after that first question."""
    from nmnbot.embed import encode

    bot = Chatbot(settings=settings, build_if_missing=False)
    answer = bot.ask(HAIR)
    assert answer.status == "answered"
    assert_sound_answer(answer, source_texts(Path(settings.corpus_dir)))
    gen, snap = bot.state().generation, bot.state().snapshot
    assert gen == expected_gen
    assert set(snap.manifest["files"]) == expected_sources
    assert {p.source for p in snap.passages} == expected_sources
    assert snap.passages_col.count() == snap.manifest["passages"] == len(snap.passages)
    assert snap.sentences_col.count() == snap.manifest["sentences"]
    # each document is searchable: its first passage's own text finds it first
    firsts = {}
    for p in snap.passages:
        firsts.setdefault(p.source, p)
    names = sorted(firsts)
    vectors = encode([firsts[n].embedding_text() for n in names])
    got = snap.passages_col.query(query_embeddings=vectors, n_results=1, include=["metadatas"])
    assert [m[0]["source"] for m in got["metadatas"]] == names
    # interrupted generations and half-written CURRENT files were cleaned up on open
    root = Path(settings.index_dir)
    leftovers = sorted(c.name for c in root.iterdir()
                       if (c.name.startswith("gen-") and c.name not in (gen, snap.manifest.get("previous")))
                       or c.name.startswith(".CURRENT."))
    assert leftovers == []
    return bot


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory, built_index: Settings) -> Iterator[tuple[Settings, list[Path]]]:
    """The seed corpus plus 6 MedQuAD documents, indexed; 6 more documents waiting to be added."""
    root = tmp_path_factory.mktemp("grown")
    shutil.copytree(built_index.corpus_dir, root / "corpus")
    shutil.copytree(built_index.index_dir, root / "index")  # seed already embedded: only the delta is new
    settings = Settings.from_env(environ={}, corpus_dir=root / "corpus", index_dir=root / "index",
                                 data_dir=root / "data")
    docs = medquad_docs(12)
    add_docs(root / "corpus", docs[:6])
    code, out, err = Ingest(settings, "-q").finish()
    assert code == 0, err[-2000:]
    yield settings, docs[6:]


# --------------------------------------------------------------------------- kill -9


KILL_POINTS = ["after 1 s", "after 3 s", "mid-way", "before commit", "between manifest and CURRENT",
               "after commit, before cleanup"]


def test_kill_9_during_ingest_never_loses_the_last_complete_index(grown: tuple[Settings, list[Path]]) -> None:
    settings, more = grown
    corpus = Path(settings.corpus_dir)
    before_gen, before = index_state(settings)
    old_sources = set(before["files"])
    new_names = add_docs(corpus, more)
    survived = []
    for point in KILL_POINTS:
        pause = {"mid-way": "mid-ingest", "before commit": "before-commit", "between manifest and CURRENT": "mid-commit",
                 "after commit, before cleanup": "after-commit"}.get(point)
        run = Ingest(settings, **({"NMNBOT_TEST_PAUSE": f"{pause}=120"} if pause else {}))
        if point.startswith("after ") and point.endswith(" s"):
            time.sleep(float(point.split()[1]))
        else:
            wait_until(lambda: f"paused at {pause}" in run.stderr or run.proc.poll() is not None, 300,
                       what=f"the ingest to reach {pause}")
        assert run.proc.poll() is None, f"ingest finished before the kill {point}: {run.stderr[-1000:]}"
        run.kill()
        gen, manifest = index_state(settings)
        if point == "after commit, before cleanup":
            expected_gen, expected = gen, old_sources | set(new_names)
            assert gen != before_gen
        else:
            expected_gen, expected = before_gen, old_sources
            assert gen == before_gen, f"CURRENT moved although the ingest was killed {point}"
        check_serves_every_document(settings, expected, expected_gen)
        survived.append(point)
    assert survived == KILL_POINTS

    # and a normal ingest afterwards brings everything in, leaving one previous generation at most
    code, out, err = Ingest(settings, "-q").finish()
    assert code == 0, err[-2000:]
    gen, manifest = index_state(settings)
    check_serves_every_document(settings, old_sources | set(new_names), gen)
    assert len([c for c in Path(settings.index_dir).iterdir() if c.name.startswith("gen-")]) <= 2


def test_kill_9_during_the_first_build_leaves_nothing_half_built(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    settings = Settings.from_env(environ={}, corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d")
    run = Ingest(settings, NMNBOT_TEST_PAUSE="before-commit=120")
    wait_until(lambda: "paused at before-commit" in run.stderr or run.proc.poll() is not None, 300,
               what="the first build to reach its commit")
    run.kill()
    assert not (tmp_path / "index" / "CURRENT").exists()
    from nmnbot.index import cleanup_interrupted, current_generation

    assert current_generation(settings) is None
    assert cleanup_interrupted(settings), "the half-built generation should be removed"
    assert not any((tmp_path / "index").glob("gen-*"))


# --------------------------------------------------------------------------- two ingests at once


def test_second_ingest_refuses_or_waits_and_nothing_is_corrupted(grown: tuple[Settings, list[Path]]) -> None:
    settings, _ = grown
    corpus = Path(settings.corpus_dir)
    target = corpus / "nmn-depression.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA later note: NMN is not a treatment for depression.\n",
                      encoding="utf-8")
    first = Ingest(settings, "-q", NMNBOT_TEST_PAUSE="before-commit=6")
    wait_until(lambda: "paused at before-commit" in first.stderr or first.proc.poll() is not None, 300,
               what="the first ingest to hold the lock")
    t0 = time.monotonic()
    assert_one_line_error(run_cli("ingest", "-q", "--corpus", str(corpus), "--index", str(settings.index_dir)),
                          "another ingest is already writing")
    assert time.monotonic() - t0 < 30
    waiter = Ingest(settings, "-q", "--wait", "300")
    code, out, err = first.finish()
    assert code == 0, err[-2000:]
    # "full rebuild" when the code's chunking or schema changed since the fixture's build
    assert "updated 1" in out or "(full rebuild)" in out, out
    code, out, err = waiter.finish()
    assert code == 0, err[-2000:]
    assert "added 0, updated 0, removed 0" in out  # it waited, then found the work done
    gen, manifest = index_state(settings)
    check_serves_every_document(settings, set(manifest["files"]), gen)


# --------------------------------------------------------------------------- readers during a rebuild


def test_readers_during_a_rebuild_see_no_error_and_stay_verbatim(built_index: Settings, tmp_path: Path) -> None:
    root = tmp_path
    shutil.copytree(built_index.corpus_dir, root / "corpus")
    shutil.copytree(built_index.index_dir, root / "index")
    settings = Settings.from_env(environ={}, corpus_dir=root / "corpus", index_dir=root / "index",
                                 data_dir=root / "data")
    hair = root / "corpus" / "nmn-hair-loss.txt"
    old_texts = source_texts(root / "corpus")
    shared = Chatbot(settings=settings, build_if_missing=False).warm_up()
    own = [Chatbot(settings=settings, build_if_missing=False) for _ in range(2)]
    old_gen = shared.state().generation

    stop = threading.Event()
    errors: list[str] = []
    answers: list[tuple[str, dict[str, Any]]] = []

    def reader(i: int) -> None:
        bot = own[i % 2] if i < 2 else shared
        n = 0
        while not stop.is_set():
            question = QUESTIONS[(i + n) % len(QUESTIONS)]
            n += 1
            try:
                a = bot.ask(question)
                answers.append((bot.state().generation, a.to_dict()))
            except Exception as exc:  # noqa: BLE001 - any error at all fails the test
                errors.append(f"reader {i}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(2)
    # a prepended paragraph shifts every offset in the file: stale offsets would show at once
    hair.write_text("A new first paragraph about hair, added while the bot was serving questions.\n\n"
                    + old_texts["nmn-hair-loss.txt"], encoding="utf-8")
    code, out, err = Ingest(settings, "-q").finish()
    assert code == 0, err[-2000:]
    new_gen, _ = index_state(settings)
    wait_until(lambda: {g for g, _ in answers[-16:]} == {new_gen}, 120, what="readers to switch generation")
    time.sleep(1)
    stop.set()
    for t in threads:
        t.join(60)
    assert errors == []
    new_texts = source_texts(root / "corpus")
    gens = {g for g, _ in answers}
    assert gens == {old_gen, new_gen}, gens
    checked = 0
    for gen, data in answers:
        assert data["caveats"]
        for q in data["quotes"]:
            # A bot that opens the old generation after the file changed re-finds each quote in
            # the file as it now is, so a quote matches the old or the new text, whole and at its offsets.
            s, e = q["start"], q["end"]
            assert q["text"] in (old_texts[q["source"]][s:e], new_texts[q["source"]][s:e]), (gen, q)
            checked += 1
    assert checked > 0 and len(answers) >= 16


# --------------------------------------------------------------------------- the web app under load


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.fixture(scope="module")
def server(built_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """`nmnbot serve` on a free loopback port over a copy of the real index."""
    import httpx

    root = tmp_path_factory.mktemp("serve")
    shutil.copytree(built_index.corpus_dir, root / "corpus")
    shutil.copytree(built_index.index_dir, root / "index")
    port = free_port()
    log = (root / "serve.log").open("wb")
    proc = subprocess.Popen([NMNBOT, "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--corpus", str(root / "corpus"), "--index", str(root / "index")],
                            stdout=log, stderr=subprocess.STDOUT, env=offline_env(NMNBOT_DATA_DIR=str(root / "data")))
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError((root / "serve.log").read_text()[-3000:])
        try:
            return httpx.get(url + "/api/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_until(up, 300, interval=0.5, what="nmnbot serve to answer /api/health")
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _load_soak() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("soak", REPO / "bench" / "soak.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_short_soak_has_no_errors_and_bounded_memory(server: tuple[str, int]) -> None:
    url, pid = server
    soak = _load_soak()
    soak.run(url, seconds=5, clients=8)  # warm every code path before measuring memory
    rss_start = _rss_kb(pid)
    result = soak.run(url, seconds=15, clients=8)
    rss_end = _rss_kb(pid)
    print(f"soak 15 s x 8: {result}; RSS {rss_start / 1024:.0f} -> {rss_end / 1024:.0f} MiB")
    assert result["errors"] == 0, result
    assert result["requests"] >= 8
    assert rss_end - rss_start < 150 * 1024, (rss_start, rss_end)


def test_a_full_queue_is_refused_quickly(server: tuple[str, int]) -> None:
    import httpx

    url, _ = server
    question = ("Does NMN help with hair loss, depression, energy, sleep and ageing? " * 28)[:1990]
    results: list[tuple[int, float, str | None]] = []
    lock = threading.Lock()
    go = threading.Event()

    def one() -> None:
        with httpx.Client(timeout=120) as client:
            go.wait()
            t0 = time.perf_counter()
            r = client.post(url + "/api/ask", json={"question": question})
            with lock:
                results.append((r.status_code, time.perf_counter() - t0, r.headers.get("retry-after")))

    threads = [threading.Thread(target=one) for _ in range(60)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    go.set()
    for t in threads:
        t.join(300)
    statuses = sorted({s for s, _, _ in results})
    refused = [(s, dt, ra) for s, dt, ra in results if s in (429, 503)]
    assert set(statuses) <= {200, 429, 503}, statuses
    assert refused, f"60 simultaneous slow questions never filled the queue: {statuses}"
    assert all(ra for _, _, ra in refused), "a refusal should say when to retry"
    assert max(dt for _, dt, _ in refused) < 2.0, sorted(dt for _, dt, _ in refused)[-5:]
    assert any(s == 200 for s, _, _ in results)
