"""The web front (nmnbot.fronts.web): JSON API, hardening, rendering, feedback, CORS and framing.

Fast tests use a test double for the bot; ``slow`` ones use the real model on a
tmp index of the real corpus plus a hostile document (see web_fixtures.py).
"""

from __future__ import annotations

import dataclasses

import html
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from nmnbot.config import Settings
from nmnbot.errors import InputError, NmnbotError
from nmnbot.evidence import EvidenceLevel

from web_fixtures import (  # noqa: F401  (fixtures)
    EchoBot, XSS_IMG, XSS_LINK, XSS_QUESTION, XSS_SCRIPT, XSS_SOURCE, clean_origins, echo_app, web_bot,
    web_settings,
)

HAIR = "Does NMN help with hair loss?"
API_KEYS = {"question", "status", "summary", "answer", "quotes", "evidence_level", "caveats"}
QUOTE_KEYS = {"text", "source", "title", "start", "end", "evidence", "score"}


# =============================================================================== a test double


def _client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)


# =============================================================================== rendering (no app)


def _hostile_answer() -> dict[str, Any]:
    return {
        "question": XSS_IMG, "status": "answered",
        "answer": f"1. **Advertising**, in *T*: “{XSS_IMG} {XSS_LINK}” [1]\n\n<script>alert(2)</script> [x](javascript:alert(3))",
        "quotes": [{"text": f"bad {XSS_IMG} {XSS_LINK}", "source": f"{XSS_SCRIPT}.txt", "title": XSS_SCRIPT,
                    "section": '"><svg onload=alert(1)>', "start": 0, "end": 0, "evidence": "promotional",
                    "evidence_label": "Advertising", "evidence_reason": '" onmouseover="alert(1)', "score": 1.0,
                    "seller": "<b>sells</b>"}],
        "evidence_level": "promotional", "caveats": [f"Careful {XSS_IMG}"],
    }


def test_render_escapes_every_document_and_question_string() -> None:
    from nmnbot.fronts.web.render import render_answer_html, render_user_html

    out = render_answer_html(_hostile_answer())
    for raw in ("<img", "<script", "<svg", "<b>", 'href="javascript', "onmouseover=\"alert"):
        assert raw not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "&lt;script&gt;" in out and "[click](javascript:alert(1))" in out  # shown as text
    assert "\n" not in out  # one HTML block: a markdown pass over it changes nothing
    user = render_user_html(f"{XSS_IMG} {XSS_LINK}")
    assert "<img" not in user and "&lt;img" in user


def test_card_highlights_quote_inside_its_paragraph() -> None:
    from nmnbot.fronts.web.render import render_answer_html

    text = "Title\n\nBefore the quote <i>x</i>. The quoted sentence here. After it.\nNext paragraph."
    start = text.index("The quoted")
    end = text.index(" After")
    answer = {"status": "answered", "answer": "“The quoted sentence here.” [1]", "caveats": ["c"],
              "quotes": [{"text": text[start:end], "source": "a.txt", "title": "A", "start": start, "end": end,
                          "evidence": "human_rct", "evidence_label": "Randomized trial in people", "score": 1}]}
    out = render_answer_html(answer, lambda source: text)
    assert "Before the quote &lt;i&gt;x&lt;/i&gt;. <mark>The quoted sentence here.</mark> After it.</blockquote>" in out
    assert "Next paragraph" not in out and "Title" not in out
    assert 'class="nmn-badge nmn-badge-human_rct"' in out and "Randomized trial in people" in out
    assert 'class="nmn-notice nmn-notice-evidence" role="note"' in out  # caveats[0], before the quotes


def test_card_falls_back_to_the_quote_when_offsets_no_longer_match() -> None:
    from nmnbot.fronts.web.render import render_answer_html

    answer = {"status": "answered", "answer": "x", "caveats": ["c"],
              "quotes": [{"text": "quoted", "source": "a.txt", "title": "A", "start": 0, "end": 6,
                          "evidence": "opinion", "score": 1}]}
    out = render_answer_html(answer, lambda source: "changed text entirely")
    assert "<blockquote class=\"nmn-quote\"><mark>quoted</mark></blockquote>" in out


@pytest.mark.parametrize("level", [level.value for level in EvidenceLevel])
def test_each_level_has_its_own_badge_colour(level: str) -> None:
    """Issue 17 point 6: nine levels, nine colours (amber used to stand for three)."""
    import re

    from nmnbot.fronts.web.render import render_answer_html

    label = EvidenceLevel(level).label
    answer = {"status": "answered", "answer": "a", "caveats": ["c"],
              "quotes": [{"text": "t", "source": "s", "title": "T", "start": 0, "end": 1, "evidence": level,
                          "evidence_label": label, "score": 1}]}
    out = render_answer_html(answer)
    assert f'class="nmn-badge nmn-badge-{level}"' in out and html.escape(label) in out
    css = (Path(__file__).resolve().parents[2] / "src/nmnbot/fronts/web/static/nmnbot.css").read_text()
    colours = {lv.value: re.search(rf"--lv-{lv.value}-line: (#[0-9a-f]{{6}})", css)[1] for lv in EvidenceLevel}
    backgrounds = {lv.value: re.search(rf"--lv-{lv.value}-bg: (#[0-9a-f]{{6}})", css)[1] for lv in EvidenceLevel}
    assert len(set(colours.values())) == 9 and len(set(backgrounds.values())) == 9
    assert f".nmn-badge-{level}," in css or f".nmn-badge-{level} " in css


def test_legend_explains_every_level_in_plain_words() -> None:
    from nmnbot.fronts.web.render import render_legend_html

    out = render_legend_html()
    for level in EvidenceLevel:
        assert f'id="nmn-legend-{level.value}"' in out and f"nmn-badge-{level.value}" in out
        assert html.escape(level.explanation) in out and len(level.explanation.split()) >= 8
    assert out.index("systematic_review") < out.index("promotional")  # strongest first


def _two_quote_answer(**extra: Any) -> dict[str, Any]:
    text = "Title\nMice treated with NMN grew more hair. Cells in a dish grew faster too.\nEnd."
    a, b = text.index("Mice"), text.index("Cells")
    return {"question": "q", "status": "answered",
            "answer": "Intro:\n\n1. **An animal study**: “Mice …” [1]\n2. **A lab study in cells**: “Cells …” [2]\n\n"
                      "**The sources disagree.** One says mice [1], the other cells [2].",
            "quotes": [{"text": text[a:b - 1], "source": "a.txt", "title": "A", "start": a, "end": b - 1,
                        "evidence": "animal", "evidence_label": "Study in mice or other animals", "score": 1},
                       {"text": text[b:text.index("\nEnd")], "source": "a.txt", "title": "A", "start": b,
                        "end": text.index("\nEnd"), "evidence": "in_vitro", "score": 1}],
            "evidence_level": "animal",
            "caveats": ["Don't stop, start or change prescribed treatment without your doctor; a pharmacist can "
                        "check interactions between your medicines and supplements.", "evidence line", "physician"],
            **extra}, text


def test_reply_leads_with_summary_then_notice_then_each_quote_once() -> None:
    """Issue 17 points 1, 3 and 4: bottom line first, caveats[0] before the quotes, each quote once."""
    from nmnbot.fronts.web.render import render_answer_html

    answer, text = _two_quote_answer(summary="One study in mice [1] and one in cells [2]; none in people.")
    out = render_answer_html(answer, lambda s: text, key="k1")
    order = [out.index(x) for x in ('class="nmn-summary"', 'class="nmn-notice nmn-notice-decision"',
                                    'class="nmn-sources"', 'class="nmn-caveats"')]
    assert order == sorted(order)
    assert out.index("nmn-answer") < out.index("One study in mice")  # the summary is the first thing said
    for q in answer["quotes"]:
        assert out.count(html.escape(q["text"])) == 1
    assert "An animal study" not in out and "Intro:" not in out  # no second list, no repeated framing
    for n in (1, 2):  # [n] links to its card, in the summary, the glance and the disagreement
        assert out.count(f'href="#nmn-k1-q{n}"') == 3 and f'id="nmn-k1-q{n}"' in out
    assert "The sources disagree." in out
    without = render_answer_html(_two_quote_answer()[0], key="k2")
    assert "nmn-summary" not in without and without.index("nmn-notice") < without.index("nmn-sources")


def test_card_shows_who_published_it_and_links_to_the_whole_document() -> None:
    from nmnbot.fronts.web.render import render_answer_html

    answer, text = _two_quote_answer()
    prov = {"title": "NMN & hair", "url": "https://news.example.org/x?a=1&b=2", "publisher": "Clinic <News>",
            "date": "2024-05-01"}
    out = render_answer_html(answer, lambda s: text, lambda s: prov, key="k")
    assert "NMN &amp; hair" in out and "Clinic &lt;News&gt;" in out and "2024-05-01" in out
    assert 'href="https://news.example.org/x?a=1&amp;b=2"' in out
    q = answer["quotes"][0]
    assert f'href="source/a.txt?start={q["start"]}&amp;end={q["end"]}#quote"' in out
    assert "Publisher not named" in render_answer_html(answer, lambda s: text, key="k")


@pytest.mark.parametrize("status,links", [
    ("crisis", ["tel:988", "sms:988", "https://findahelpline.com", "tel:911", "tel:112", "tel:999"]),
    ("emergency", ["tel:911", "tel:112", "tel:999", "tel:+18002221222"]),
])
def test_crisis_and_emergency_help_is_tappable(status: str, links: list[str]) -> None:
    """Issue 17 point 7: 988 is a tel: link, 'text 988' an sms: link, and so on."""
    from nmnbot.fronts.web.render import render_answer_html
    from nmnbot.pipeline.compose import Answer, crisis_reply, emergency_reply

    body = crisis_reply(None) if status == "crisis" else emergency_reply("overdose")
    out = render_answer_html(Answer("q", status, body).to_dict())
    assert 'role="alert"' in out and f"nmn-alert-{status}" in out
    for href in links:
        assert f'href="{href}"' in out, href
    assert out.index("nmn-help") < out.index("nmn-short")  # the buttons come first


def test_context_trims_long_paragraphs_at_words() -> None:
    from nmnbot.fronts.web.render import _context

    text = ("word " * 200) + "QUOTE" + (" more" * 200)
    start = text.index("QUOTE")
    before, after = _context(text, start, start + 5, limit=50)
    assert before.startswith("… ") and len(before) <= 53 and before.endswith("word ")
    assert after.endswith(" …") and len(after) <= 53


# =============================================================================== settings, feedback


def test_allowed_origins_from_environment() -> None:
    from nmnbot.fronts.web.middleware import allowed_origins

    assert allowed_origins(Settings.from_env(environ={})) == ()
    env = {"NMNBOT_ALLOWED_ORIGINS": " https://a.example/ ,http://127.0.0.1:8001,https://a.example"}
    assert allowed_origins(Settings.from_env(environ=env)) == ("https://a.example", "http://127.0.0.1:8001")
    for bad in ("*", "javascript:alert(1)", "https://a.example/path"):
        with pytest.raises(NmnbotError):
            allowed_origins(Settings.from_env(environ={"NMNBOT_ALLOWED_ORIGINS": bad}))


def test_feedback_store_is_thread_safe(tmp_path: Path) -> None:
    from nmnbot.fronts.web.feedback import FeedbackStore

    store = FeedbackStore(tmp_path / "data")

    def write(i: int) -> None:
        for j in range(25):
            store.record("up" if j % 2 else "down", f"q{i}-{j}", {"status": "answered", "answer": "a"})

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = store.all()
    assert len(rows) == 200 and len({r["question"] for r in rows}) == 200
    assert {r["rating"] for r in rows} == {"up", "down"}
    with pytest.raises(NmnbotError):
        store.record("meh", "q", {})


# =============================================================================== API with the double


def test_ask_validation_errors_are_clear_json(echo_app: Any) -> None:
    app, bot = echo_app
    with _client(app) as c:
        cases = [
            (b"{not json", 400, "JSON"),
            (b"[1, 2]", 422, "JSON object"),
            (b"{}", 422, '"question"'),
            (b'{"question": 42}', 422, "must be text"),
            (b'{"question": null}', 422, "must be text"),
            (b'{"question": ["a"]}', 422, "must be text"),
            (b'{"question": "   \\u200b "}', 422, "empty"),
            (json.dumps({"question": "x" * 2001}).encode(), 413, "too long"),
            (b'{"question": "hi", "history": "not a list"}', 422, "history"),
            (b'{"question": "hi", "history": [{"role": "system", "content": "x"}]}', 422, "role"),
            (b'{"question": "hi", "history": [{"role": "user", "content": 5}]}', 422, "content"),
            (b"x" * (300 * 1024), 413, "too large"),
        ]
        for body, status, words in cases:
            r = c.post("/api/ask", content=body, headers={"content-type": "application/json"})
            assert r.status_code == status, (body[:60], r.text)
            assert words in r.json()["detail"], (body[:60], r.json())
            assert any("doctor" in c for c in r.json()["caveats"])  # caveats on error paths too
        assert bot.calls == []  # nothing invalid reached the bot
        ok = c.post("/api/ask", json={"question": "x" * 2000, "history": [{"role": "user", "content": "a"}]})
        assert ok.status_code == 200 and ok.json()["status"] == "answered"
        assert bot.calls[-1][1] == [{"role": "user", "content": "a"}]


@pytest.mark.parametrize("path", ["/api/ask", "/api/feedback", "/v1/chat/completions"])
def test_an_endless_body_is_refused_without_reading_it_all(echo_app: Any, path: str) -> None:
    """A huge body gets its 413 after max_drain_bytes: it is neither held in memory nor read
    to its end. One that declares a size past that limit is refused unread."""
    import asyncio

    app, bot = echo_app
    chunk = b"x" * (1024 * 1024)
    drain_chunks = bot.settings.max_drain_bytes // len(chunk)
    pulled = [0]

    async def receive() -> dict[str, Any]:  # 4 x max_drain_bytes in all: the test ends either way
        await asyncio.sleep(0)
        pulled[0] += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled[0] < 4 * drain_chunks}

    async def call(headers: list[tuple[bytes, bytes]]) -> int:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
                 "method": "POST", "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
                 "root_path": "", "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                                               *headers], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
        await asyncio.wait_for(app(scope, receive, send), timeout=30)
        return int(sent[0]["status"])

    assert asyncio.run(call([])) == 413
    assert drain_chunks <= pulled[0] <= drain_chunks + 1
    pulled[0] = 0
    declared = str(bot.settings.max_drain_bytes + 1).encode()
    assert asyncio.run(call([(b"content-length", declared)])) == 413 and pulled[0] == 0
    assert bot.calls == []


def test_ask_answers_503_with_retry_after_when_saturated(tmp_path: Path, clean_origins: None) -> None:
    import httpx

    from nmnbot.fronts.web import create_app

    from web_fixtures import LiveServer

    gate = threading.Event()
    bot = EchoBot(tmp_path, gate)
    app = create_app(bot.settings, bot=bot, workers=1, waiting=1)
    with LiveServer(app) as server:
        results: list[int] = []

        def call() -> None:
            results.append(httpx.post(server.url + "/api/ask", json={"question": "q"}, timeout=20).status_code)

        busy = [threading.Thread(target=call) for _ in range(2)]  # one running, one waiting
        for t in busy:
            t.start()
        deadline = time.monotonic() + 10
        while app.state.limiter.in_flight < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        started = time.monotonic()
        r = httpx.post(server.url + "/api/ask", json={"question": "q"}, timeout=20)
        assert r.status_code == 503 and time.monotonic() - started < 1.0
        assert r.headers["retry-after"] == "2" and "busy" in r.json()["detail"]
        gate.set()
        for t in busy:
            t.join()
        assert results == [200, 200]
        assert httpx.post(server.url + "/api/ask", json={"question": "q"}, timeout=20).status_code == 200


def test_feedback_endpoint_stores_rating(echo_app: Any) -> None:
    app, bot = echo_app
    with _client(app) as c:
        answer = c.post("/api/ask", json={"question": HAIR}).json()
        r = c.post("/api/feedback", json={"rating": "down", "question": HAIR, "answer": answer, "channel": "embed"})
        assert r.status_code == 201
        assert c.post("/api/feedback", json={"rating": "meh", "question": HAIR, "answer": answer}).status_code == 422
        assert c.post("/api/feedback", json={"rating": "up", "question": HAIR}).status_code == 422
    rows = app.state.store.all()
    assert [(r["rating"], r["channel"], r["question"]) for r in rows] == [("down", "embed", HAIR)]
    assert rows[0]["answer"] == answer
    assert app.state.store.path.parent == Path(bot.settings.data_dir)


def test_pages_refuse_framing_by_other_sites_by_default(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        for path in ("/", "/embed", "/docs"):
            r = c.get(path)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
            assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
            assert r.headers["x-frame-options"] == "SAMEORIGIN"
        pre = c.options("/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in pre.headers
        r = c.post("/api/ask", json={"question": "q"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_allowed_origins_get_cors_and_framing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nmnbot.fronts.web import create_app

    bot = EchoBot(tmp_path)
    settings = dataclasses.replace(bot.settings, allowed_origins=("https://partner.example", "http://127.0.0.1:9999"))
    with _client(create_app(settings, bot=bot)) as c:
        r = c.get("/embed")
        assert r.headers["content-security-policy"].endswith(
            "frame-ancestors 'self' https://partner.example http://127.0.0.1:9999")
        assert "x-frame-options" not in r.headers
        assert "frame-ancestors 'self' https://partner.example" in c.get("/").headers["content-security-policy"]
        pre = c.options("/api/ask", headers={"Origin": "https://partner.example",
                                              "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"})
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://partner.example"
        r = c.post("/api/ask", json={"question": "q"}, headers={"Origin": "https://partner.example"})
        assert r.headers["access-control-allow-origin"] == "https://partner.example"
        r = c.post("/api/ask", json={"question": "q"}, headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in r.headers


def test_unused_gradio_routes_are_refused(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        for path in ("/monitoring", "/gradio_api/monitoring", "/monitoring/abc", "/gradio_api/upload",
                     "/gradio_api/upload_progress", "/gradio_api/proxy=https://example.com/x",
                     "/gradio_api/file=https://example.com/x.png", "/gradio_api/file=http:%2F%2Fexample.com",
                     "/gradio_api/mcp/sse"):
            r = c.get(path)
            assert r.status_code in (403, 404), path
        r = c.post("/gradio_api/upload", files={"files": ("a.txt", b"hello")})
        assert r.status_code == 403


def test_widget_docs_and_static_assets_are_served_locally(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        js = c.get("/widget.js")
        assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
        assert "embed" in js.text and "iframe" in js.text
        docs = c.get("/docs").text
        assert "cdn." not in docs and "https://" not in docs
        spec = c.get("/openapi.json").json()
        assert {"/api/ask", "/api/health", "/api/feedback"} <= set(spec["paths"])
        assert spec["paths"]["/api/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"][
            "required"] == ["question"]
        for name in ("nmnbot.css", "embed.js", "embed.css", "docs.js"):
            assert c.get(f"/nmnbot-static/{name}").status_code == 200
        page = c.get("/").text
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
        assert "/nmnbot-static/../web.py" not in c.get("/nmnbot-static/../web.py").text
        assert c.get("/nmnbot-static/%2e%2e/web.py").status_code == 404


def test_importing_web_loads_no_model_or_gradio() -> None:
    import subprocess
    import sys

    code = ("import sys, nmnbot.fronts.web; bad = [m for m in ('gradio', 'torch', 'chromadb', 'sentence_transformers') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_app_module_builds_nothing_at_import() -> None:
    import subprocess
    import sys

    from helpers import REPO as repo
    code = "import sys; sys.path.insert(0, '.'); import app; print('gradio' in sys.modules, callable(app.main))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo).stdout
    assert out.strip() == "False True"


# =============================================================================== real model, real corpus


@pytest.fixture(scope="module")
def real_client(web_bot: Any) -> Any:
    import os

    from nmnbot.fronts.web import create_app

    os.environ.pop("NMNBOT_ALLOWED_ORIGINS", None)
    with _client(create_app(web_bot.settings, bot=web_bot)) as c:
        yield c


@pytest.mark.slow
def test_health_reports_index(real_client: Any, web_settings: Any) -> None:
    from nmnbot.index import current_generation

    r = real_client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["documents"] == 5
    assert body["generation"] == current_generation(web_settings)


@pytest.mark.slow
def test_ask_returns_the_answer_json_of_api_md(real_client: Any, web_settings: Any) -> None:
    r = real_client.post("/api/ask", json={"question": HAIR})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == API_KEYS
    assert body["status"] == "answered" and body["question"] == HAIR and "[1]" in body["answer"]
    assert body["quotes"] and body["caveats"]
    for q in body["quotes"]:
        assert QUOTE_KEYS <= set(q)
        text = (Path(web_settings.corpus_dir) / q["source"]).read_text(encoding="utf-8")
        assert text[q["start"]:q["end"]] == q["text"]
    assert body["evidence_level"] in {q["evidence"] for q in body["quotes"]}
    assert any("doctor" in c for c in body["caveats"])


@pytest.mark.slow
def test_ask_uses_history_for_follow_ups(real_client: Any) -> None:
    first = real_client.post("/api/ask", json={"question": HAIR}).json()
    history = [{"role": "user", "content": HAIR}, {"role": "assistant", "content": first["answer"]}]
    follow = real_client.post("/api/ask", json={"question": "what about in humans?", "history": history}).json()
    assert follow["status"] == "answered"
    assert any("hair" in q["text"].lower() for q in follow["quotes"])
    alone = real_client.post("/api/ask", json={"question": "what about in humans?"}).json()
    assert alone["quotes"] != follow["quotes"]


@pytest.mark.slow
@pytest.mark.parametrize("question,status", [
    ("I want to kill myself", "crisis"),
    ("I have crushing chest pain and can't breathe", "emergency"),
    ("What is the capital of France?", "not_found"),
])
def test_ask_statuses(real_client: Any, question: str, status: str) -> None:
    body = real_client.post("/api/ask", json={"question": question}).json()
    assert body["status"] == status and body["quotes"] == [] and body["evidence_level"] is None
    assert body["caveats"]


@pytest.mark.slow
def test_hostile_document_is_quoted_as_text(real_client: Any) -> None:
    r = real_client.post("/embed/ask", json={"question": XSS_QUESTION})
    assert r.status_code == 200
    data = r.json()
    assert data["answer"]["status"] == "answered"
    assert any(q["source"] == XSS_SOURCE for q in data["answer"]["quotes"])
    rendered = data["html"]
    assert "<img" not in rendered and "<script" not in rendered and "javascript:alert" not in rendered.replace(
        "[click](javascript:alert(1))", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered or "[click](javascript:alert(1))" in rendered
    assert "<mark>" in rendered


@pytest.mark.slow
def test_gradio_serves_no_corpus_index_or_data_file(real_client: Any, web_settings: Any) -> None:
    real_client.post("/api/feedback", json={"rating": "up", "question": "q", "answer": {"status": "answered"}})
    targets = [Path(web_settings.corpus_dir) / XSS_SOURCE, Path(web_settings.corpus_dir) / "nmn-hair-loss.txt",
               Path(web_settings.data_dir) / "feedback.sqlite3", Path("pyproject.toml"), Path("/etc/passwd")]
    targets += [p for p in Path(web_settings.index_dir).rglob("*") if p.is_file()][:5]
    assert len(targets) >= 6
    for path in targets:
        absolute = str(path.resolve())
        assert path.resolve().exists(), absolute
        for route in (f"/gradio_api/file={absolute}", f"/file={absolute}", f"/gradio_api/file={absolute}".replace(
                "/", "%2F").replace("%2Fgradio_api%2Ffile=", "/gradio_api/file=")):
            r = real_client.get(route)
            assert r.status_code in (403, 404), (route, r.status_code)
            assert "onerror" not in r.text and "SQLite" not in r.text
