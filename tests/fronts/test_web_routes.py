"""Routes added for issue 17: /source, 405s, /docs examples, feedback reasons, /embed/allowed,
plus `make run PORT= HOST=`, `nmnbot serve` under NMNBOT_PORT/NMNBOT_HOST, and the README's links.

Fast tests use the EchoBot double (web_fixtures.py); ``slow`` ones the real model and corpus.
"""

from __future__ import annotations

import html
import re
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from web_fixtures import (  # noqa: F401  (fixtures)
    REPO, EchoBot, LiveServer, clean_origins, echo_app, free_port, web_bot, web_settings,
)

HAIR = "Does NMN help with hair loss?"


def _client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)


# =============================================================================== GET /source/{source}


def test_source_page_shows_the_document_with_the_quote_marked(echo_app: Any) -> None:
    app, bot = echo_app
    start, end = EchoBot.TEXT.index("Mice"), EchoBot.TEXT.index(" Researchers")
    with _client(app) as c:
        r = c.get(f"/source/doc.txt?start={start}&end={end}")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in r.headers["content-security-policy"]
        marked = re.search(r'<mark id="quote" tabindex="-1">(.*?)</mark>', r.text)
        assert marked and html.unescape(marked[1]) == EchoBot.TEXT[start:end]
        before = r.text[: marked.start()]
        assert "Intro line." in before and "End." in r.text[marked.end():]  # the whole document
        assert "source.js" in r.text
        whole = c.get("/source/doc.txt")
        assert whole.status_code == 200 and "<mark" not in whole.text


@pytest.mark.parametrize("query", ["start=5&end=999", "start=-1&end=4", "start=9&end=3", "start=4&end=4",
                                   "start=x&end=4", "start=4"])
def test_source_offsets_outside_the_document_are_400(echo_app: Any, query: str) -> None:
    app, _ = echo_app
    with _client(app) as c:
        assert c.get(f"/source/doc.txt?{query}").status_code == 400


def test_a_source_not_in_the_index_is_404(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        for path in ("/source/missing.txt?start=0&end=3", "/source/../corpus/doc.txt", "/source/%2e%2e/doc.txt"):
            assert c.get(path).status_code == 404, path


# =============================================================================== 405, /docs


def test_wrong_methods_answer_405_not_404(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        r = c.get("/api/ask")
        assert r.status_code == 405 and r.headers["allow"] == "POST" and "POST" in r.json()["detail"]
        assert c.get("/api/feedback").status_code == 405 and c.get("/embed/ask").status_code == 405
        assert c.delete("/api/ask").status_code == 405 and c.post("/api/health").status_code == 405
        assert c.post("/api/ask", json={"question": HAIR}).status_code == 200  # the right method still works


def test_docs_examples_are_the_real_error_bodies(echo_app: Any) -> None:
    """Issue 17: /docs showed 'the question is empty' for 413 and 503."""
    app, _ = echo_app
    with _client(app) as c:
        responses = c.get("/openapi.json").json()["paths"]["/api/ask"]["post"]["responses"]
        example = {code: responses[code]["content"]["application/json"]["example"]["detail"]
                   for code in ("400", "413", "422", "503")}
        assert len(set(example.values())) == 4
        real = {
            "400": c.post("/api/ask", content=b"{not json", headers={"Content-Type": "application/json"}),
            "413": c.post("/api/ask", json={"question": "x" * 2001}),
            "422": c.post("/api/ask", json={"question": "   "}),
        }
        for code, r in real.items():
            assert str(r.status_code) == code and r.json()["detail"] == example[code], code
        assert "busy" in example["503"]


# =============================================================================== feedback reasons


def test_a_thumbs_down_can_say_what_was_wrong(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        answer = c.post("/api/ask", json={"question": HAIR}).json()
        r = c.post("/api/feedback", json={"rating": "down", "question": HAIR, "answer": answer, "channel": "embed"})
        assert r.status_code == 201
        row, key = r.json()["id"], r.json()["key"]
        assert c.post(f"/api/feedback/{row}", json={"key": "guess", "reason": "other"}).status_code == 404
        assert c.post(f"/api/feedback/{row}", json={"key": key, "reason": "rude"}).status_code == 422
        ok = c.post(f"/api/feedback/{row}", json={"key": key, "reason": "wrong_evidence",
                                                  "comment": "  It was a mouse study, not people. " + "x" * 2000})
        assert ok.status_code == 200
        direct = c.post("/api/feedback", json={"rating": "down", "question": HAIR, "answer": answer,
                                               "reason": "no_answer", "comment": "about hair, not mood"})
        assert direct.status_code == 201
    rows = app.state.store.all()
    assert rows[0]["reason"] == "wrong_evidence" and rows[0]["comment"].startswith("It was a mouse study")
    assert len(rows[0]["comment"]) == 1000 and "edit_key" not in rows[0]
    assert (rows[1]["reason"], rows[1]["comment"]) == ("no_answer", "about hair, not mood")


def test_an_old_feedback_store_gains_the_reason_columns(tmp_path: Path) -> None:
    from nmnbot.fronts.web.feedback import FeedbackStore

    (tmp_path / "data").mkdir()
    old = sqlite3.connect(tmp_path / "data" / "feedback.sqlite3")
    old.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, rating TEXT "
                "NOT NULL, channel TEXT NOT NULL, question TEXT NOT NULL, status TEXT, answer_json TEXT NOT NULL)")
    old.execute("INSERT INTO feedback (created, rating, channel, question, status, answer_json) "
                "VALUES ('2026-01-01', 'up', 'page', 'q', 'answered', '{}')")
    old.commit()
    old.close()
    store = FeedbackStore(tmp_path / "data")
    row, key = store.record("down", "q2", {"status": "answered"})
    assert store.add_reason(row, key, "wrong_quote", "the quote is cut")
    rows = store.all()
    assert [r["rating"] for r in rows] == ["up", "down"] and rows[1]["reason"] == "wrong_quote"


# =============================================================================== widget: is this site allowed?


def test_embed_allowed_says_whether_the_calling_site_may_embed(tmp_path: Path) -> None:
    import dataclasses

    from nmnbot.fronts.web import create_app

    bot = EchoBot(tmp_path)
    app = create_app(dataclasses.replace(bot.settings, allowed_origins=("https://partner.example",)), bot=bot)
    with _client(app) as c:
        yes = c.get("/embed/allowed", headers={"Origin": "https://partner.example"})
        no = c.get("/embed/allowed", headers={"Origin": "https://other.example"})
        assert yes.json()["allowed"] is True and no.json()["allowed"] is False
        assert no.headers["access-control-allow-origin"] == "*"  # the refused site can read the answer
        assert no.json()["setting"] == "NMNBOT_ALLOWED_ORIGINS"
        assert c.get("/embed/allowed").json()["allowed"] is True  # same origin sends no Origin
    widget = (REPO / "src/nmnbot/fronts/web/static/widget.js").read_text(encoding="utf-8")
    assert "embed/allowed" in widget and "NMNBOT_ALLOWED_ORIGINS" in widget


# =============================================================================== make run, nmnbot serve, README


def test_make_run_passes_port_and_host_to_serve() -> None:
    out = subprocess.run(["make", "-n", "-W", ".venv/.installed", "run", "PORT=8000", "HOST=0.0.0.0"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    serve = [line for line in out.splitlines() if "nmnbot serve" in line]
    assert serve and "--port 8000" in serve[0] and "--host 0.0.0.0" in serve[0], out
    plain = subprocess.run(["make", "-n", "-W", ".venv/.installed", "run"], cwd=REPO, capture_output=True,
                           text=True, check=True, env={"PATH": "/usr/bin:/bin"}).stdout
    assert [line.strip() for line in plain.splitlines() if "nmnbot serve" in line] == [".venv/bin/nmnbot serve"]


def _wait_health(url: str, proc: subprocess.Popen[str], seconds: float = 240) -> int:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}")
        try:
            return httpx.get(url + "/api/health", timeout=2).status_code
        except httpx.HTTPError:
            time.sleep(0.5)
    raise AssertionError("server did not answer")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["environment", "make"])
def test_the_server_listens_where_it_is_told(web_settings: Any, how: str) -> None:
    """`nmnbot serve` honours NMNBOT_PORT / NMNBOT_HOST; `make run PORT= HOST=` passes them on."""
    import os
    import signal

    from helpers import NMNBOT, offline_env

    port = free_port()
    env = offline_env(NMNBOT_CORPUS_DIR=str(web_settings.corpus_dir), NMNBOT_INDEX_DIR=str(web_settings.index_dir),
                      NMNBOT_DATA_DIR=str(web_settings.data_dir))
    if how == "environment":
        cmd = [NMNBOT, "serve"]
        env.update(NMNBOT_PORT=str(port), NMNBOT_HOST="127.0.0.1")
    else:
        cmd = ["make", "-W", ".venv/.installed", "run", f"PORT={port}", "HOST=127.0.0.1"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        assert _wait_health(f"http://127.0.0.1:{port}", proc) == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_readme_links_and_screenshot_are_in_the_repo() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert "docs/API.md" in local
    for link in local:
        assert (REPO / link).exists(), link
    images = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", readme)
    assert images and all((REPO / image).stat().st_size > 10_000 for image in images)
    assert "NMNBOT_ALLOWED_ORIGINS" in readme and "isn't allowed" in readme


# =============================================================================== real model, real corpus


@pytest.mark.slow
def test_every_card_links_to_its_quote_in_the_whole_document(web_bot: Any) -> None:
    from nmnbot.fronts.web import create_app

    with _client(create_app(web_bot.settings, bot=web_bot)) as c:
        data = c.post("/embed/ask", json={"question": "Should I stop my antidepressant and take NMN instead?"}).json()
        quotes = data["answer"]["quotes"]
        links = re.findall(r'href="(source/[^"]+)"', data["html"])
        assert quotes and len(links) == len(quotes)
        for q, link in zip(quotes, links):
            page = c.get("/" + html.unescape(link).split("#")[0])
            assert page.status_code == 200
            marked = re.search(r'<mark id="quote" tabindex="-1">(.*?)</mark>', page.text, re.S)
            assert marked and html.unescape(marked[1]) == q["text"]
        assert "Purovitalis, an NMN brand" in data["html"]  # provenance from corpus/sources.toml
        assert data["html"].index("Don&#x27;t stop, start or change") < data["html"].index("nmn-sources")
