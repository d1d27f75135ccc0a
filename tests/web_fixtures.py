"""Fixtures shared by the web tests (tests/fronts/test_web.py, test_openai.py, tests/system/test_browser.py).

One tmp copy of the real corpus plus a hostile document (HTML and a javascript:
link, to prove the page shows them as text), indexed once per session: the
index is cached at module level because both test modules import these fixtures.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import pytest

from nmnbot.config import Settings
from nmnbot.errors import InputError
from nmnbot.evidence import EvidenceLevel
from nmnbot.pipeline.compose import Answer, Quote

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

XSS_SOURCE = "nmn-sleep-forum.txt"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_LINK = "[click](javascript:alert(1))"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_QUESTION = "Does NMN improve sleep quality?"
XSS_DOCUMENT = f"""NMN and Sleep: a Reader Forum Post {XSS_SCRIPT}

Posted by a reader who tried NMN for sleep.

I started taking NMN for my sleep problems {XSS_IMG} and after three weeks my sleep quality seemed better, although I still woke up at night.

A small study in older adults reported that NMN taken in the afternoon improved sleep quality and reduced drowsiness {XSS_LINK} compared with the morning dose.

Nobody should treat insomnia with supplements without asking a doctor first.
"""

_BUILT: dict[str, Any] = {}


def build_web_settings(root: Path) -> Any:
    """Copy the corpus, add the hostile document, ingest once; later calls reuse it."""
    if "settings" in _BUILT:
        return _BUILT["settings"]
    from nmnbot.config import Settings
    from nmnbot.embed import offline_environment
    from nmnbot.index import ingest

    offline_environment()
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / XSS_SOURCE).write_text(XSS_DOCUMENT, encoding="utf-8")
    settings = Settings.from_env(environ={}, corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")
    ingest(settings)
    _BUILT["settings"] = settings
    return settings


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if "settings" in _BUILT:
        return _BUILT["settings"]
    return build_web_settings(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def web_bot(web_settings: Any) -> Any:
    """One warmed Chatbot for the session (the model loads once)."""
    if "bot" not in _BUILT:
        from nmnbot import Chatbot

        _BUILT["bot"] = Chatbot(settings=web_settings).warm_up()
    return _BUILT["bot"]


# =============================================================================== a test double


class EchoBot:
    """Answers every question with one quote from its single document; can be made to block."""

    TEXT = "Intro line.\nMice treated with NMN grew more hair. Researchers said more work is needed.\nEnd."

    def __init__(self, root: Path, gate: threading.Event | None = None) -> None:
        for d in ("corpus", "index", "data"):
            (root / d).mkdir(parents=True, exist_ok=True)
        (root / "corpus" / "doc.txt").write_text(self.TEXT, encoding="utf-8")
        self.settings = Settings.from_env(environ={}, corpus_dir=root / "corpus", index_dir=root / "index",
                                          data_dir=root / "data")
        self.gate = gate
        self.calls: list[tuple[str, list[Mapping[str, str]]]] = []

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> Answer:
        if self.gate is not None:
            self.gate.wait(10)
        self.calls.append((question, list(history or [])))
        start = self.TEXT.index("Mice")
        end = self.TEXT.index(" Researchers")
        quote = Quote(self.TEXT[start:end], "doc.txt", "Doc <b>title</b>", "", start, end, EvidenceLevel.ANIMAL,
                      "mice", 0.9)
        return Answer(question, "answered", "1. “Mice ...” [1]", (quote,))

    def source_text(self, source: str) -> str:
        if source != "doc.txt":
            raise InputError(f"unknown source {source!r}")
        return self.TEXT

    def warm_up(self) -> "EchoBot":
        return self


@pytest.fixture
def echo_app(tmp_path: Path, clean_origins: None) -> Any:
    from nmnbot.fronts.web import create_app

    bot = EchoBot(tmp_path)
    return create_app(bot.settings, bot=bot), bot


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The real app under uvicorn in a thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        import httpx

        self.thread.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def clean_origins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("NMNBOT_ALLOWED_ORIGINS", raising=False)
    yield


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")
