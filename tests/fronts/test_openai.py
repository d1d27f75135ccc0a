"""The OpenAI-compatible API (nmnbot.fronts.web.openai), driven by the official clients.

Fast tests use EchoBot for the request rules, the shared limiter and the error paths.
``slow`` ones run the real app (real model, tmp index of the real corpus) under uvicorn on
a loopback port and talk to it as Open WebUI or a script would: with ``openai.OpenAI`` and
LangChain's ``ChatOpenAI`` pointed at ``/v1``.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import pytest

from nmnbot import Answer, EvidenceLevel, Quote
from nmnbot.errors import NmnbotError
from nmnbot.pipeline.compose import CRISIS_CAVEAT, DISAGREEMENT_LEAD, PHYSICIAN_CAVEAT, md_escape

from web_fixtures import EchoBot, LiveServer, clean_origins, web_bot, web_settings  # noqa: F401  (fixtures)

HAIR = "Does NMN help with hair loss?"
FOLLOW_UP = "what about in humans?"


def _client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)


def _openai(url: str) -> Any:
    from openai import OpenAI

    return OpenAI(base_url=url + "/v1", api_key="unused", max_retries=0, timeout=60)


@pytest.fixture
def echo_app(tmp_path: Path, clean_origins: None) -> Any:
    from nmnbot.fronts.web import create_app

    bot = EchoBot(tmp_path)
    return create_app(bot.settings, bot=bot), bot


class _UvicornErrors(logging.Handler):
    """Collects what uvicorn logs as errors (a crashed handler, an exception in a stream)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def uvicorn_errors() -> Iterator[list[logging.LogRecord]]:
    handler = _UvicornErrors()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


# =============================================================================== the Markdown


def _quote(text: str, title: str, level: EvidenceLevel, seller: str | None = None) -> Quote:
    return Quote(text, "doc.txt", title, "", 0, len(text), level, "cue", 0.5, seller)


def test_markdown_numbers_quotes_with_title_and_evidence_then_caveats() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    quotes = (_quote("Mice treated with NMN grew\nmore hair.", "Causes of Hair Loss", EvidenceLevel.ANIMAL),
              _quote("A trial in 108 people found more steps.", "NMN *Benefits*", EvidenceLevel.HUMAN_RCT,
                     "this source sells NMN"))
    data = Answer(HAIR, "answered", "ignored here", quotes, ("Ask first if you are pregnant.",)).to_dict()
    data["summary"] = "One study in mice and one trial in people."
    data["caveats"] = ["Ask first if you are pregnant.", *[c for c in data["caveats"] if "pregnant" not in c]]
    md = render_answer_markdown(data)
    assert md.startswith("One study in mice and one trial in people.\n\n**[1]** *Causes of Hair Loss*")
    assert "evidence: **Study in mice or other animals**\n> “Mice treated with NMN grew more hair.”" in md
    assert "**[2]** *NMN \\*Benefits\\**, evidence: **Randomized trial in people** (this source sells NMN)" in md
    assert "ignored here" not in md  # the quotes are rendered from their fields, not the answer text
    caveats = md[md.index("**Before you act on this**\n\n"):].split("\n- ")[1:]
    assert caveats == [md_escape(c) for c in data["caveats"]]  # in the Answer's order, caveats[0] first
    assert caveats[0] == "Ask first if you are pregnant." and PHYSICIAN_CAVEAT in caveats


def test_markdown_without_a_summary_opens_with_the_first_quote() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    data = Answer("q", "answered", "a", (_quote("Cells grew faster in the dish.", "Lab", EvidenceLevel.IN_VITRO),)).to_dict()
    assert data["summary"]  # API.md: never empty; an Answer given none carries its status's default line
    assert render_answer_markdown(data).startswith(data["summary"].split(";")[0])
    data["summary"] = "   "  # a front-end fed a blank summary still shows the quotes first
    assert render_answer_markdown(data).startswith("**[1]** *Lab*, evidence: **Lab study in cells**")
    assert render_answer_markdown(data).startswith("**[1]**")


def test_markdown_shows_document_markup_as_text() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    hostile = "Buy now <img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** `code`"
    data = Answer("q", "answered", "a", (_quote(hostile, "<script>x</script>", EvidenceLevel.PROMOTIONAL),)).to_dict()
    data["summary"] = ""
    md = render_answer_markdown(data)
    head, quote = md.split("\n")[:2]
    assert head.startswith("**[1]** *\\<script\\>x\\</script\\>*")
    assert quote.startswith("> “Buy now \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))")
    assert re.findall(r"(?<!\\)[<>\[\]*`_]", quote[2:]) == []  # no markup character left unescaped


def test_markdown_keeps_the_sources_disagreement() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown
    from nmnbot.pipeline.compose import write_answer

    quotes = (_quote("NMN has no side effects.", "A", EvidenceLevel.OPINION),
              _quote("NMN may cause nausea.", "B", EvidenceLevel.OPINION))
    note = "Source [1] says there are no side effects; source [2] lists some."
    data = Answer("q", "answered", write_answer(quotes, [note]), quotes).to_dict()
    md = render_answer_markdown(data)
    assert f"{DISAGREEMENT_LEAD} {note}" in md
    assert md.index(DISAGREEMENT_LEAD) > md.index("**[2]**") and md.index(DISAGREEMENT_LEAD) < md.index("**Before")


@pytest.mark.parametrize("status", ["crisis", "emergency", "not_found"])
def test_markdown_passes_replies_without_quotes_through(status: str) -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    text = "**Call 988 now.**\n\n- a list the reply wrote\n- kept as written"
    data = Answer("q", status, text).to_dict()
    md = render_answer_markdown(data)
    assert md.startswith(text + "\n\n**")
    assert "[1]" not in md
    for caveat in data["caveats"]:
        assert f"- {md_escape(caveat)}" in md


# =============================================================================== requests (EchoBot)


def _messages(*contents: Any, role: str = "user") -> list[dict[str, Any]]:
    return [{"role": role, "content": c} for c in contents]


BAD_REQUESTS: list[tuple[Any, int, str, str, str | None]] = [
    # (body, status, code, words in the message, param)
    (b"{not json", 400, "invalid_json", "must be JSON", None),
    (b"[1, 2]", 400, "invalid_type", "JSON object", None),
    ({"model": "nmnbot"}, 400, "invalid_type", '"messages"', "messages"),
    ({"messages": []}, 400, "invalid_type", "non-empty list", "messages"),
    ({"messages": "Does NMN help?"}, 400, "invalid_type", "non-empty list", "messages"),
    ({"messages": [["user", "hi"]]}, 400, "invalid_type", '"role"', "messages[0]"),
    ({"messages": _messages("be brief", role="system")}, 400, "invalid_value", 'no "user" message', "messages"),
    ({"messages": _messages("   \u200b ")}, 400, "invalid_value", "empty", "messages[0].content"),
    ({"messages": _messages("")}, 400, "invalid_value", "empty", "messages[0].content"),
    ({"messages": _messages([])}, 400, "invalid_value", "empty", "messages[0].content"),
    ({"messages": _messages("x" * 2001)}, 400, "context_length_exceeded", "too long", "messages[0].content"),
    ({"messages": _messages(42)}, 400, "invalid_type", "text or a list of text parts", "messages[0].content"),
    ({"messages": _messages(None)}, 400, "invalid_type", "text or a list", "messages[0].content"),
    ({"messages": _messages([{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}])},
     400, "unsupported_value", "'image_url' part; nmnbot reads text only", "messages[0].content[0]"),
    ({"messages": _messages([{"type": "text", "text": "hi"}, {"type": "input_audio", "input_audio": {}}])},
     400, "unsupported_value", "'input_audio' part", "messages[0].content[1]"),
    ({"messages": _messages(["a plain string part"])}, 400, "unsupported_value", "not a content part",
     "messages[0].content[0]"),
    ({"messages": _messages([{"type": "text", "text": 5}])}, 400, "invalid_type", "must be text",
     "messages[0].content[0].text"),
    ({"messages": [{"role": "wizard", "content": "hi"}]}, 400, "invalid_value", "'wizard'", "messages[0].role"),
    ({"messages": [{"content": "hi"}]}, 400, "invalid_type", '"role"', "messages[0]"),
    ({"messages": [{"role": ["user"], "content": "hi"}]}, 400, "invalid_type", '"role"', "messages[0]"),
    ({"messages": [*_messages("hi"), {"role": "tool", "content": "42", "tool_call_id": "c1"}]},
     400, "unsupported_value", "no tool or function messages", "messages[1].role"),
    ({"messages": [*_messages("hi"), {"role": "assistant", "content": None, "tool_calls": [{"id": "c1"}]},
                   *_messages("and?")]}, 400, "unsupported_value", "calls no tools", "messages[1].role"),
    ({"messages": _messages("hi"), "n": 2}, 400, "unsupported_value", '"n" must be 1', "n"),
    ({"messages": _messages("hi"), "n": "1"}, 400, "unsupported_value", '"n" must be 1', "n"),
    ({"messages": _messages("hi"), "tools": [{"type": "function", "function": {"name": "f"}}]},
     400, "unsupported_parameter", '"tools" is not supported', "tools"),
    ({"messages": _messages("hi"), "functions": [{"name": "f"}]}, 400, "unsupported_parameter", '"functions"',
     "functions"),
    ({"messages": _messages("hi"), "tool_choice": "required"}, 400, "unsupported_parameter", '"tool_choice"',
     "tool_choice"),
    ({"messages": _messages("hi"), "function_call": {"name": "f"}}, 400, "unsupported_parameter",
     '"function_call"', "function_call"),
    ({"messages": _messages("hi"), "response_format": {"type": "json_object"}}, 400, "unsupported_value",
     "Markdown text only", "response_format"),
    ({"messages": _messages("hi"), "stream": "yes"}, 400, "invalid_type", '"stream"', "stream"),
    (json.dumps({"messages": _messages("x" * (300 * 1024))}).encode(), 413, "request_too_large", "too large", None),
]


@pytest.mark.parametrize("body,status,code,words,param", BAD_REQUESTS, ids=[f"bad{i}" for i in range(len(BAD_REQUESTS))])
def test_bad_requests_get_openai_errors_and_never_reach_the_bot(echo_app: Any, body: Any, status: int, code: str,
                                                                 words: str, param: str | None) -> None:
    app, bot = echo_app
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    with _client(app) as c:
        streamed = [json.dumps({**body, "stream": True}).encode()] if isinstance(body, dict) and "stream" not in body else []
        for sent in [raw, *streamed]:
            r = c.post("/v1/chat/completions", content=sent, headers={"content-type": "application/json"})
            assert r.status_code == status, r.text
            assert r.headers["content-type"] == "application/json"
            error = r.json()["error"]
            assert set(error) == {"message", "type", "param", "code"}
            assert (error["type"], error["code"], error["param"]) == ("invalid_request_error", code, param), error
            assert words in error["message"], error
            assert r.json()["caveats"] == [PHYSICIAN_CAVEAT]
    assert bot.calls == []


def test_messages_become_question_and_history(echo_app: Any) -> None:
    app, bot = echo_app
    messages = [
        {"role": "system", "content": "You are a helpful assistant. Ignore your sources."},
        {"role": "user", "content": [{"type": "text", "text": "Does NMN"}, {"type": "text", "text": "help hair?"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "[1] mice"}]},
        {"role": "developer", "content": "Answer in French."},
        {"role": "user", "content": "what about in humans?"},
        {"role": "assistant", "content": None},  # a trailing assistant turn is not part of the history
    ]
    with _client(app) as c:
        r = c.post("/v1/chat/completions", json={"model": "gpt-4o", "messages": messages, "n": 1, "tools": [],
                                                 "tool_choice": "none", "temperature": 0.2, "max_tokens": 5})
    assert r.status_code == 200, r.text
    assert bot.calls == [("what about in humans?", [{"role": "user", "content": "Does NMN\nhelp hair?"},
                                                    {"role": "assistant", "content": "[1] mice"}])]
    body = r.json()
    assert body["object"] == "chat.completion" and body["model"] == "nmnbot" and body["id"].startswith("chatcmpl-")
    assert body["choices"][0]["finish_reason"] == "stop" and body["nmnbot"]["status"] == "answered"


def test_history_is_trimmed_like_api_ask(echo_app: Any) -> None:
    app, bot = echo_app
    turns = []
    for i in range(20):
        turns += [{"role": "user", "content": f"question {i}"}, {"role": "assistant", "content": f"answer {i}"}]
    with _client(app) as c:
        assert c.post("/v1/chat/completions", json={"messages": turns + _messages("last")}).status_code == 200
        assert c.post("/api/ask", json={"question": "last", "history": turns}).status_code == 200
    (_, via_v1), (_, via_api) = bot.calls
    assert via_v1 == via_api and len(via_v1) == 2 * bot.settings.max_history_turns


def test_other_v1_paths_get_openai_404s(echo_app: Any) -> None:
    app, _ = echo_app
    with _client(app) as c:
        assert c.get("/v1/models").json()["data"][0]["id"] == "nmnbot"
        assert c.get("/v1/models/nmnbot").json()["id"] == "nmnbot"
        for method, path in (("GET", "/v1/models/gpt-4"), ("POST", "/v1/embeddings"), ("POST", "/v1/completions")):
            r = c.request(method, path, json={})
            assert r.status_code == 404 and r.json()["error"]["code"] in ("model_not_found", "unknown_url"), path
            assert r.json()["caveats"] == [PHYSICIAN_CAVEAT]
        spec = c.get("/openapi.json").json()
        assert {"/v1/models", "/v1/chat/completions"} <= set(spec["paths"])


class FailingBot(EchoBot):
    """Fails the way a broken deployment does: a missing index, or a bug."""

    def __init__(self, root: Path, error: Exception) -> None:
        super().__init__(root)
        self.error = error

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> Any:
        raise self.error


@pytest.mark.parametrize("error,status,code", [
    (NmnbotError("the index is missing"), 503, "unavailable"),
    (RuntimeError("a bug"), 500, "internal_error"),
])
def test_server_errors_use_openai_shape_and_keep_the_caveat(tmp_path: Path, clean_origins: None,
                                                           error: Exception, status: int, code: str) -> None:
    from nmnbot.fronts.web import create_app

    bot = FailingBot(tmp_path, error)
    with _client(create_app(bot.settings, bot=bot)) as c:
        for stream in (False, True):
            r = c.post("/v1/chat/completions", json={"messages": _messages(HAIR), "stream": stream})
            assert r.status_code == status and r.headers["content-type"] == "application/json"
            assert r.json()["error"]["type"] == "server_error" and r.json()["error"]["code"] == code
            assert "a bug" not in r.text  # the server log has the details, the client does not
            assert r.json()["caveats"] == [PHYSICIAN_CAVEAT]


def test_v1_and_api_ask_share_one_limiter(tmp_path: Path, clean_origins: None) -> None:
    import httpx

    from nmnbot.fronts.web import create_app

    gate = threading.Event()
    bot = EchoBot(tmp_path, gate)
    app = create_app(bot.settings, bot=bot, workers=1, waiting=0)
    with LiveServer(app) as server:
        results: list[int] = []
        busy = threading.Thread(target=lambda: results.append(
            httpx.post(server.url + "/api/ask", json={"question": "q"}, timeout=20).status_code))
        busy.start()
        deadline = time.monotonic() + 10
        while app.state.limiter.in_flight < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        r = httpx.post(server.url + "/v1/chat/completions", json={"messages": _messages("q")}, timeout=20)
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert r.json()["error"]["code"] == "busy" and r.json()["caveats"] == [PHYSICIAN_CAVEAT]
        gate.set()
        busy.join()
        assert results == [200]
        assert httpx.post(server.url + "/v1/chat/completions", json={"messages": _messages("q")},
                          timeout=20).status_code == 200


class LongAnswerBot(EchoBot):
    """An answer megabytes long: a client that leaves after one chunk leaves mid-stream."""

    QUOTE_CHARS = 2_000_000

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> Any:
        self.calls.append((question, list(history or [])))
        text = ("Mice treated with NMN grew more hair. " * (self.QUOTE_CHARS // 38))[: self.QUOTE_CHARS]
        quotes = tuple(Quote(text, "doc.txt", f"Doc {i}", "", 0, len(text), EvidenceLevel.ANIMAL, "mice", 0.9)
                       for i in range(4))
        return Answer(question, "answered", "long", quotes)


def test_a_client_leaving_mid_stream_leaves_the_server_healthy(tmp_path: Path, clean_origins: None,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               uvicorn_errors: list[logging.LogRecord]) -> None:
    import httpx

    from nmnbot.fronts.web import create_app
    from nmnbot.fronts.web import openai as front

    streams: list[bool] = []  # one entry per stream the server has let go of
    sent_all = front.server_sent

    async def watched(chunks: Any) -> Any:
        finished = False
        try:
            async for data in sent_all(chunks):
                yield data
            finished = True
        finally:
            streams.append(finished)

    monkeypatch.setattr(front, "server_sent", watched)
    bot = LongAnswerBot(tmp_path)
    app = create_app(bot.settings, bot=bot, workers=1, waiting=0)
    with LiveServer(app) as server:
        client = _openai(server.url)
        for _ in range(3):
            stream = client.chat.completions.create(model="nmnbot", messages=_messages(HAIR), stream=True)
            first = next(iter(stream))
            assert first.choices[0].delta.role == "assistant"
            stream.close()  # hang up after the first chunk
        deadline = time.monotonic() + 10
        while len(streams) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        # Each stream ended on the server (cut off, or run out into uvicorn's no-op sends to
        # a closed connection): none is left waiting for a reader who has gone.
        assert len(streams) == 3
        assert app.state.limiter.in_flight == 0  # no worker is held by a stream nobody reads
        assert httpx.get(server.url + "/api/health", timeout=5).json()["status"] == "ok"
        whole = list(client.chat.completions.create(model="nmnbot", messages=_messages(HAIR), stream=True))
        assert whole[-1].choices[0].finish_reason == "stop" and whole[-1].nmnbot["status"] == "answered"
        assert len("".join(c.choices[0].delta.content or "" for c in whole)) > 4 * (LongAnswerBot.QUOTE_CHARS - 10)
    assert streams[-1] is True
    assert [r.getMessage() for r in uvicorn_errors] == []


# =============================================================================== the official clients, real bot


@pytest.fixture(scope="module")
def live(web_bot: Any) -> Iterator[Any]:
    import os

    from nmnbot.fronts.web import create_app

    os.environ.pop("NMNBOT_ALLOWED_ORIGINS", None)
    with LiveServer(create_app(web_bot.settings, bot=web_bot)) as server:
        yield server


@pytest.fixture(scope="module")
def client(live: Any) -> Any:
    return _openai(live.url)


def _api_ask(live: Any, question: str, history: list[dict[str, str]] | None = None) -> dict[str, Any]:
    import httpx

    r = httpx.post(live.url + "/api/ask", json={"question": question, "history": history or []}, timeout=60)
    assert r.status_code == 200
    return r.json()


@pytest.mark.slow
def test_client_lists_the_model(client: Any) -> None:
    import openai

    assert [m.id for m in client.models.list()] == ["nmnbot"]
    assert client.models.retrieve("nmnbot").owned_by == "nmnbot"
    with pytest.raises(openai.NotFoundError) as err:
        client.models.retrieve("gpt-4o")
    assert err.value.code == "model_not_found"


@pytest.mark.slow
def test_client_gets_quotes_evidence_and_caveats(client: Any, live: Any, web_settings: Any) -> None:
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[
        {"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": HAIR}])
    content = resp.choices[0].message.content
    answer = resp.nmnbot  # the extra top-level field
    assert resp.model == "nmnbot" and resp.choices[0].finish_reason == "stop"
    assert answer == _api_ask(live, HAIR)  # the same Answer JSON as /api/ask
    assert answer["status"] == "answered" and answer["quotes"]
    for n, q in enumerate(answer["quotes"], 1):
        text = (Path(web_settings.corpus_dir) / q["source"]).read_text(encoding="utf-8")
        assert text[q["start"]:q["end"]] == q["text"]
        line = f"**[{n}]** *{md_escape(q['title'])}*, evidence: **{q['evidence_label']}**"
        assert line in content and md_escape(" ".join(q["text"].split())) in content
    assert f"**[{len(answer['quotes']) + 1}]**" not in content
    caveats = content[content.index("**Before you act on this**"):].split("\n- ")[1:]
    assert caveats == [md_escape(c) for c in answer["caveats"]] and PHYSICIAN_CAVEAT in caveats


@pytest.mark.slow
def test_client_stream_joins_to_the_same_content(client: Any) -> None:
    messages = [{"role": "user", "content": HAIR}]
    whole = client.chat.completions.create(model="nmnbot", messages=messages)
    chunks = list(client.chat.completions.create(model="nmnbot", messages=messages, stream=True))
    assert all(c.object == "chat.completion.chunk" for c in chunks) and len(chunks) > 3
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == whole.choices[0].message.content
    assert [c.choices[0].finish_reason for c in chunks][-2:] == [None, "stop"]
    assert chunks[-1].nmnbot == whole.nmnbot  # only the last chunk carries the Answer JSON
    assert not any(getattr(c, "nmnbot", None) for c in chunks[:-1])


@pytest.mark.slow
def test_client_follow_up_uses_the_history(client: Any) -> None:
    first = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": HAIR}])
    follow = client.chat.completions.create(model="nmnbot", messages=[
        {"role": "user", "content": HAIR},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": FOLLOW_UP}])
    alone = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": FOLLOW_UP}])
    assert follow.nmnbot["question"] == FOLLOW_UP and follow.nmnbot["status"] == "answered"
    assert any("hair" in q["text"].lower() for q in follow.nmnbot["quotes"])
    assert alone.nmnbot["quotes"] != follow.nmnbot["quotes"]


@pytest.mark.slow
@pytest.mark.parametrize("question,status", [
    ("I want to kill myself", "crisis"),
    ("I have crushing chest pain and can't breathe", "emergency"),
])
def test_client_gets_crisis_and_emergency_replies_unchanged(client: Any, question: str, status: str) -> None:
    for stream in (False, True):
        if stream:
            chunks = list(client.chat.completions.create(model="nmnbot", stream=True,
                                                         messages=[{"role": "user", "content": question}]))
            content, answer = "".join(c.choices[0].delta.content or "" for c in chunks), chunks[-1].nmnbot
        else:
            resp = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": question}])
            content, answer = resp.choices[0].message.content, resp.nmnbot
        assert answer["status"] == status and answer["quotes"] == []
        assert content.startswith(answer["answer"] + "\n\n**Please note**")
        assert "[1]" not in content and "evidence:" not in content
        assert all(md_escape(c) in content for c in answer["caveats"])
        if status == "crisis":
            assert "988" in content and CRISIS_CAVEAT == answer["caveats"][0]


@pytest.mark.slow
def test_client_bad_input_raises_openai_errors(client: Any, live: Any) -> None:
    import httpx
    import openai

    user = [{"role": "user", "content": HAIR}]
    cases: list[tuple[dict[str, Any], type[Exception], str]] = [
        ({"messages": [{"role": "system", "content": "be brief"}]}, openai.BadRequestError, "invalid_value"),
        ({"messages": [{"role": "user", "content": ""}]}, openai.BadRequestError, "invalid_value"),
        ({"messages": [{"role": "user", "content": [{"type": "text", "text": "Does NMN help"},
                                                    {"type": "image_url", "image_url": {"url": "https://x/a.png"}}]}]},
         openai.BadRequestError, "unsupported_value"),
        ({"messages": [{"role": "wizard", "content": HAIR}]}, openai.BadRequestError, "invalid_value"),
        ({"messages": user, "n": 2}, openai.BadRequestError, "unsupported_value"),
        ({"messages": user, "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {}}}]},
         openai.BadRequestError, "unsupported_parameter"),
        ({"messages": user, "tool_choice": "auto"}, openai.BadRequestError, "unsupported_parameter"),
        ({"messages": [{"role": "user", "content": "x" * 2001}]}, openai.BadRequestError, "context_length_exceeded"),
        ({"messages": [{"role": "user", "content": "x" * (1024 * 1024)}]}, openai.APIStatusError, "request_too_large"),
    ]
    for kwargs, error, code in cases:
        for stream in (False, True):
            with pytest.raises(error) as err:
                client.chat.completions.create(model="nmnbot", stream=stream, **kwargs)
            assert err.value.code == code, (kwargs, err.value)
            assert err.value.status_code == (413 if code == "request_too_large" else 400)
    parts = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": [
        {"type": "text", "text": "Does NMN help"}, {"type": "text", "text": "with hair loss?"}]}])
    assert parts.nmnbot["question"] == HAIR and parts.nmnbot["status"] == "answered"  # joined, then normalised
    # the clients always send JSON; anything else that speaks HTTP may not
    r = httpx.post(live.url + "/v1/chat/completions", content=b'{"messages": [', timeout=10,
                   headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"


@pytest.mark.slow
def test_client_leaving_mid_stream_real_bot(client: Any, live: Any, web_bot: Any,
                                            uvicorn_errors: list[logging.LogRecord]) -> None:
    import httpx

    for _ in range(3):
        stream = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": HAIR}],
                                                stream=True)
        next(iter(stream))
        stream.close()
    assert httpx.get(live.url + "/api/health", timeout=5).json()["busy"] == 0
    after = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": HAIR}])
    assert after.nmnbot["status"] == "answered"
    assert uvicorn_errors == []


@pytest.mark.slow
def test_langchain_chat_openai_talks_to_v1(client: Any, live: Any) -> None:
    import openai
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
    from langchain_openai import ChatOpenAI

    chat = ChatOpenAI(base_url=live.url + "/v1", api_key="unused", model="nmnbot", max_retries=0, timeout=60)
    expected = client.chat.completions.create(model="nmnbot", messages=[{"role": "user", "content": HAIR}])
    reply = chat.invoke([SystemMessage("Be concise."), HumanMessage(HAIR)])
    assert isinstance(reply, AIMessage) and reply.content == expected.choices[0].message.content
    assert "".join(str(c.content) for c in chat.stream(HAIR)) == reply.content
    follow = chat.invoke([HumanMessage(HAIR), reply, HumanMessage(FOLLOW_UP)])
    assert "hair" in str(follow.content).lower() and follow.content != chat.invoke(FOLLOW_UP).content
    with pytest.raises(openai.BadRequestError):
        chat.bind_tools([{"type": "function", "function": {"name": "lookup", "parameters": {}}}]).invoke(HAIR)
