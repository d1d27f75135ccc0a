"""The web front: one FastAPI app with the JSON API, the Gradio chat page and an embeddable widget.

Routes (see ../shared/API.md for the contract)::

    GET  /                 Gradio chat page (history, quote cards, evidence badges, caveats, feedback)
    GET  /api/health       {"status": "ok", "generation": ..., "documents": n}
    POST /api/ask          {"question": str, "history": [...]} -> the Answer JSON
    POST /api/feedback     {"rating": "up"|"down", "question": str, "answer": {...}} -> 201
    GET  /embed            a light chat view made for an iframe (same cards, rendered here)
    POST /embed/ask        what /embed calls: {"answer": Answer JSON, "html": the rendered card}
    GET  /widget.js        a floating chat button for any page, opening /embed in an iframe
    GET  /docs             OpenAPI docs

Errors: malformed JSON -> 400, a question that is not text / empty or a bad
history -> 422, a question over ``max_question_chars`` -> 413, all as
``{"detail": "<message for the user>"}``; every worker busy and the waiting
line full -> 503 with ``Retry-After``.

Embedding (README snippets)
---------------------------

Allow the embedding site first (comma-separated origins; empty = same origin only)::

    NMNBOT_ALLOWED_ORIGINS=https://www.example.org nmnbot serve --host 0.0.0.0

A floating chat button on any page::

    <script src="https://nmnbot.example.org/widget.js" defer
            data-label="Ask about NMN"></script>

Or place the chat view yourself::

    <iframe src="https://nmnbot.example.org/embed" title="nmnbot health Q&A"
            style="width:100%;max-width:420px;height:600px;border:1px solid #ddd;border-radius:12px"></iframe>

Safety: every piece of document or user text reaches the page through
``html.escape`` (or markdown-it with raw HTML off), Gradio may serve no file
beyond its own assets (corpus, index and data directories are blocked, uploads
and the URL proxy refused), and nothing on the page loads from another host.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol, Sequence

from starlette.requests import Request  # at module level: FastAPI resolves the handlers' annotations here

from .answer import PHYSICIAN_CAVEAT
from .config import ENV_PREFIX, Settings
from .errors import InputError, NmnbotError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from .answer import Answer

__all__ = ["FeedbackStore", "allowed_origins", "create_app", "render_answer_html", "render_user_html", "serve"]

log = logging.getLogger("nmnbot.web")

STATIC_DIR = Path(__file__).with_name("static")
STATIC_ROUTE = "/nmnbot-static"  # not /static or /assets: those belong to Gradio's own front end

# -- limits of the web front (engine limits live in Settings) -------------------
# bot.ask is CPU-bound (one MiniLM encode + numpy); more threads than cores only add
# contention. bench/http_latency.py on a 2-core box: 1 client median 138 ms; 8 clients
# with 4 workers median 555 ms, 12.5 answers/s, no errors (the wait is queueing).
API_WORKERS = 4
# Requests allowed to wait for a worker before we answer 503: at ~0.1-0.3 s per
# answer this is a couple of seconds of queue, beyond which a client should retry.
API_WAITING = 16
RETRY_AFTER_SECONDS = 2
# A request body bigger than this is refused before parsing: the question (2,000
# chars) plus 12 history messages of the same size fit with room to spare.
MAX_BODY_BYTES = 256 * 1024
# Gradio page: events answered at once, and how many may wait in its queue.
PAGE_CONCURRENCY = 4
PAGE_QUEUE_SIZE = 64
# Characters of the surrounding paragraph shown on each side of a highlighted quote.
CONTEXT_CHARS = 280

EXAMPLE_QUESTIONS = (
    "Does NMN help with hair loss?",
    "Can NMN help with depression?",
    "What are the health benefits of NMN for humans?",
    "Can exosomes make hair grow back?",
)
DISCLAIMER = (
    "nmnbot only quotes its documents, word for word. It is not medical advice: "
    "talk to your doctor or pharmacist before acting on anything here."
)


class AnswersQuestions(Protocol):
    """What the web front needs from a Chatbot (a test double can stand in)."""

    settings: Settings

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> "Answer": ...

    def source_text(self, source: str) -> str: ...


# =============================================================================== settings


def allowed_origins(settings: Settings, environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Origins allowed to call the API (CORS) and frame the pages; empty means same origin only.

    Taken from ``settings.allowed_origins`` when Settings has that field, else from
    ``NMNBOT_ALLOWED_ORIGINS`` (comma-separated). ``*`` is refused: framing a health
    bot on any site invites click-jacking.
    """
    raw: Any = getattr(settings, "allowed_origins", None)
    if raw is None:
        raw = settings.extra.get("allowed_origins")
    if raw is None:
        raw = (os.environ if environ is None else environ).get(ENV_PREFIX + "ALLOWED_ORIGINS", "")
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    origins = []
    for part in parts:
        origin = str(part).strip().rstrip("/")
        if not origin:
            continue
        if not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", origin):
            raise NmnbotError(f"{ENV_PREFIX}ALLOWED_ORIGINS: {origin!r} is not an origin like https://example.org")
        origins.append(origin)
    return tuple(dict.fromkeys(origins))


# =============================================================================== rendering

# Colour of each evidence badge: green = trials and reviews in people, amber = other
# studies, grey = anecdote, unstated or no study, red = advertising (never evidence).
BADGE_TONE = {
    "systematic_review": "green",
    "human_rct": "green",
    "human_study": "amber",
    "animal": "amber",
    "in_vitro": "amber",
    "case_report": "grey",
    "unspecified": "grey",
    "opinion": "grey",
    "promotional": "red",
}
_REF = re.compile(r"\[(\d{1,2})\]")


def _markdown(text: str) -> str:
    """The engine's answer markdown as HTML; raw HTML in it is shown as text, unsafe links dropped."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    out = md.render(text)
    out = _REF.sub(r'<span class="nmn-ref">[\1]</span>', out)
    return " ".join(out.split("\n"))  # one line: Gradio's markdown pass leaves an unbroken HTML block alone


def _context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The rest of the quote's paragraph before and after it, trimmed to ``limit`` at a word."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    before, after = text[para_start:start], text[end:para_end]
    if len(before) > limit:
        cut = before[-limit:]
        before = "… " + cut[cut.find(" ") + 1 :] if " " in cut else "… " + cut
    if len(after) > limit:
        cut = after[:limit]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"
    return before, after


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _card(n: int, quote: Mapping[str, Any], source_text: Callable[[str], str] | None) -> str:
    level = str(quote.get("evidence") or "unspecified")
    tone = BADGE_TONE.get(level, "grey")
    label = quote.get("evidence_label") or level.replace("_", " ")
    text, start, end = str(quote["text"]), int(quote["start"]), int(quote["end"])
    before = after = ""
    if source_text is not None:
        try:
            full = source_text(str(quote["source"]))
        except NmnbotError:
            full = ""
        if full[start:end] == text:  # only when the offsets still point at the quote
            before, after = _context(full, start, end)
    meta = [_esc(str(quote["source"]))]
    if quote.get("section") and quote.get("section") != quote.get("title"):
        meta.append(_esc(str(quote["section"])))
    seller = f'<div class="nmn-seller">{_esc(str(quote["seller"]))}</div>' if quote.get("seller") else ""
    return (
        f'<div class="nmn-card nmn-tone-{tone}" role="listitem">'
        f'<div class="nmn-card-head"><span class="nmn-num" aria-label="source {n}">{n}</span>'
        f'<span class="nmn-title">{_esc(str(quote.get("title") or quote["source"]))}</span></div>'
        f'<div class="nmn-badge nmn-badge-{tone}" title="{_esc(str(quote.get("evidence_reason") or ""))}">'
        f'<span class="nmn-badge-dot" aria-hidden="true"></span>Evidence: {_esc(str(label))}</div>'
        f'<blockquote class="nmn-quote">{_esc(before)}<mark>{_esc(text)}</mark>{_esc(after)}</blockquote>'
        f'{seller}<div class="nmn-meta">{" · ".join(meta)}</div></div>'
    )


def render_answer_html(answer: Mapping[str, Any], source_text: Callable[[str], str] | None = None) -> str:
    """One answer (the Answer JSON) as the HTML of a chat reply: short answer, source cards, caveats.

    Every document and question string is escaped here; the result is one line of
    HTML so a markdown pass over it (Gradio's) leaves it untouched.
    """
    status = str(answer.get("status"))
    caveats = "".join(f"<li>{_esc(str(c))}</li>" for c in answer.get("caveats") or ())
    heading = "Please note" if status in ("crisis", "emergency") else "Before you act on this"
    caveat_box = (
        f'<div class="nmn-caveats" role="note"><div class="nmn-caveats-title">{heading}</div>'
        f"<ul>{caveats}</ul></div>"
    )
    body = _markdown(str(answer.get("answer") or ""))
    if status in ("crisis", "emergency"):
        title = "Please get help now" if status == "crisis" else "This may be an emergency"
        return (
            f'<div class="nmn-answer nmn-alert nmn-alert-{status}" role="alert">'
            f'<div class="nmn-alert-title"><span aria-hidden="true">⚠ </span>{title}</div>'
            f'<div class="nmn-short">{body}</div>{caveat_box}</div>'
        )
    cards = "".join(_card(n, q, source_text) for n, q in enumerate(answer.get("quotes") or (), 1))
    sources = f'<div class="nmn-sources" role="list" aria-label="Sources quoted">{cards}</div>' if cards else ""
    return (
        f'<div class="nmn-answer nmn-status-{_esc(status)}"><div class="nmn-short">{body}</div>'
        f"{sources}{caveat_box}</div>"
    )


def render_user_html(question: str) -> str:
    """A user's message, shown as typed: never interpreted as HTML or markdown."""
    return f'<div class="nmn-user-text">{_esc(question)}</div>'


def render_error_html(message: str) -> str:
    return (f'<div class="nmn-answer nmn-error" role="alert">{_esc(message)}'
            f'<div class="nmn-caveats" role="note">{_esc(PHYSICIAN_CAVEAT)}</div></div>')


# =============================================================================== feedback


class FeedbackStore:
    """Thumbs up/down with the question and the answer shown, in SQLite under ``data_dir``.

    One short-lived connection per write under a lock: the chat page's workers and
    the API threads may record at once, and SQLite serialises the file anyway.
    """

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS feedback ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, rating TEXT NOT NULL,"
        " channel TEXT NOT NULL, question TEXT NOT NULL, status TEXT, answer_json TEXT NOT NULL)"
    )

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / "feedback.sqlite3"
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(self.SCHEMA)
        return conn

    def record(self, rating: str, question: str, answer: Mapping[str, Any], channel: str = "page") -> int:
        if rating not in ("up", "down"):
            raise InputError('rating must be "up" or "down"')
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        row = (created, rating, channel, question, str(answer.get("status", "")), json.dumps(answer, ensure_ascii=False))
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    cur = conn.execute(
                        "INSERT INTO feedback (created, rating, channel, question, status, answer_json)"
                        " VALUES (?, ?, ?, ?, ?, ?)", row)
                return int(cur.lastrowid or 0)
            finally:
                conn.close()

    def all(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._lock:
            conn = self._connect()
            try:
                conn.row_factory = sqlite3.Row
                rows = conn.execute("SELECT * FROM feedback ORDER BY id").fetchall()
            finally:
                conn.close()
        return [{**dict(r), "answer": json.loads(r["answer_json"])} for r in rows]


# =============================================================================== API plumbing


class Saturated(Exception):
    """Every worker is busy and the waiting line is full."""


class AskLimiter:
    """Runs blocking ``bot.ask`` calls in threads, at most ``workers`` at once and ``waiting`` queued.

    Beyond that a request is refused at once (503) instead of piling up. The counter
    is only touched on the event loop thread, so it needs no lock.
    """

    def __init__(self, workers: int = API_WORKERS, waiting: int = API_WAITING) -> None:
        if workers < 1 or waiting < 0:
            raise ValueError("workers must be >= 1 and waiting >= 0")
        self.workers, self.waiting = workers, waiting
        self.in_flight = 0
        self._limiter: Any = None  # anyio.CapacityLimiter, made inside the event loop

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        import anyio

        if self.in_flight >= self.workers + self.waiting:
            raise Saturated()
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.workers)
        self.in_flight += 1
        try:
            return await anyio.to_thread.run_sync(fn, *args, limiter=self._limiter)
        finally:
            self.in_flight -= 1


@dataclass(frozen=True)
class _AskRequest:
    question: str
    history: list[dict[str, str]]


class _BadRequest(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


async def _read_json(request: Any) -> Any:
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise _BadRequest(413, f"the request body is too large (limit {MAX_BODY_BYTES:,} bytes)")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _BadRequest(400, 'the request body must be JSON like {"question": "Does NMN help with hair loss?"}') from None


def _parse_ask(payload: Any, settings: Settings) -> _AskRequest:
    """Validate before taking a worker: a bad request never waits in the queue."""
    from .bot import clean_history, clean_question

    if not isinstance(payload, dict):
        raise _BadRequest(422, 'the request body must be a JSON object like {"question": "..."}')
    if "question" not in payload:
        raise _BadRequest(422, 'the request needs a "question"')
    question = payload["question"]
    try:
        clean_question(question, settings.max_question_chars)
    except InputError as exc:
        too_long = isinstance(question, str) and len(question) > settings.max_question_chars
        raise _BadRequest(413 if too_long else 422, str(exc)) from None
    try:
        history = clean_history(payload.get("history"), settings)
    except InputError as exc:
        raise _BadRequest(422, str(exc)) from None
    return _AskRequest(question, history)


def _index_status(settings: Settings) -> dict[str, Any]:
    """Generation and document count from the manifest: cheap, loads no model."""
    from .index import layout_for

    layout = layout_for(settings)
    gen = layout.current()
    manifest = (layout.manifest(gen) or {}) if gen else {}
    return {"generation": gen, "documents": len(manifest.get("files", {}))}


class _Guard:
    """ASGI middleware: refuses Gradio routes we do not use and sets framing headers on pages.

    Pure ASGI (not BaseHTTPMiddleware) so Gradio's server-sent events stream through untouched.
    """

    REFUSED = re.compile(
        r"^/(?:gradio_api/)?(?:upload|upload_progress|proxy=|file=https?:|file=//|monitoring|mcp|"
        r"gradio_api/upload|gradio_api/mcp)", re.IGNORECASE)

    def __init__(self, app: Any, frame_ancestors: str, deny_other_frames: bool) -> None:
        self.app = app
        self.frame_ancestors = frame_ancestors
        self.deny_other_frames = deny_other_frames

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from urllib.parse import unquote

        path = unquote(scope.get("path", ""))
        if self.REFUSED.match(path):
            from starlette.responses import JSONResponse

            await JSONResponse({"detail": "not available on this server"}, status_code=403)(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if ctype.startswith(b"text/html"):
                    if b"content-security-policy" not in names:
                        headers.append((b"content-security-policy", self.frame_ancestors.encode()))
                    if self.deny_other_frames and b"x-frame-options" not in names:
                        headers.append((b"x-frame-options", b"SAMEORIGIN"))
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# =============================================================================== chat page


def _theme() -> Any:
    import gradio as gr

    # System font stacks only: a GoogleFont would make every visitor's browser call Google.
    return gr.themes.Default(
        primary_hue="teal", neutral_hue="slate",
        font=("system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"),
        font_mono=("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"),
    )


def build_chat_page(bot: AnswersQuestions, store: FeedbackStore) -> Any:
    """The Gradio Blocks for ``/``: chat with history, quote cards, caveats and feedback."""
    import gradio as gr

    def respond(question: str, chat: list[dict[str, Any]], turns: list[dict[str, str]],
                answers: dict[int, dict[str, Any]]) -> Any:
        question = question or ""
        if not question.strip():
            yield gr.update(), chat, turns, answers
            return
        chat = list(chat or []) + [{"role": "user", "content": render_user_html(question)}]
        yield "", chat, turns, answers
        try:
            answer = bot.ask(question, history=turns).to_dict()
        except InputError as exc:
            chat.append({"role": "assistant", "content": render_error_html(f"Please rephrase: {exc}.")})
            yield "", chat, turns, answers
            return
        except NmnbotError as exc:
            log.warning("chat page could not answer: %s", exc)
            chat.append({"role": "assistant",
                         "content": render_error_html("nmnbot cannot answer right now; please try again shortly.")})
            yield "", chat, turns, answers
            return
        chat.append({"role": "assistant", "content": render_answer_html(answer, bot.source_text)})
        answers = {**answers, len(chat) - 1: answer}
        turns = list(turns) + [{"role": "user", "content": question},
                               {"role": "assistant", "content": answer["answer"]}]
        yield "", chat, turns, answers

    def feedback(data: gr.LikeData, answers: dict[int, dict[str, Any]]) -> str:
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer = answers.get(int(index))
        if answer is None or data.liked is None or data.liked == "":
            return ""
        rating = "up" if data.liked is True or data.liked == "Like" else "down"
        store.record(rating, answer["question"], answer, channel="page")
        return "Thank you: your feedback was saved."

    # Gradio finds the LikeData parameter by its annotation; under postponed annotations
    # "gr.LikeData" is a string it cannot resolve, so give it the class itself.
    feedback.__annotations__["data"] = gr.LikeData

    def clear() -> Any:
        return [], [], {}, ""

    with gr.Blocks(title="nmnbot: what the sources say about NMN", analytics_enabled=False,
                   elem_id="nmn-page") as page:
        gr.HTML(
            '<header class="nmn-header"><h1>nmnbot</h1>'
            '<p class="nmn-tagline">Health questions about NMN, answered only with word-for-word quotes '
            "from its documents, each labelled with how strong its evidence is.</p>"
            f'<p class="nmn-disclaimer" role="note"><strong>Not medical advice.</strong> {_esc(DISCLAIMER)}</p>'
            "</header>",
            padding=False,
        )
        chat = gr.Chatbot(
            label="Conversation", show_label=False, elem_id="nmn-chat", height="62vh", min_height=320,
            layout="panel", sanitize_html=True, render_markdown=True, latex_delimiters=[],
            buttons=["copy"], feedback_options=("Like", "Dislike"), allow_file_downloads=False,
            placeholder="Ask a question about NMN, hair loss, depression or exosomes. "
                        "Every answer is quoted from the sources, with its evidence level.",
        )
        turns = gr.State([])
        answers = gr.State({})
        with gr.Row(equal_height=False, elem_id="nmn-ask-row"):
            box = gr.Textbox(
                label="Your question", placeholder="Ask about NMN…", lines=1, max_lines=4,
                max_length=bot.settings.max_question_chars, scale=5, autofocus=True, elem_id="nmn-question",
                submit_btn=False,
            )
            ask = gr.Button("Ask", variant="primary", scale=0, min_width=64, elem_id="nmn-ask")
        thanks = gr.Markdown("", elem_id="nmn-feedback-status")
        gr.Examples(list(EXAMPLE_QUESTIONS), inputs=box, label="Example questions", elem_id="nmn-examples")
        inputs = [box, chat, turns, answers]
        outputs = [box, chat, turns, answers]
        box.submit(respond, inputs, outputs, concurrency_limit=PAGE_CONCURRENCY, api_visibility="private")
        ask.click(respond, inputs, outputs, concurrency_limit=PAGE_CONCURRENCY, api_visibility="private")
        chat.like(feedback, [answers], [thanks], api_visibility="private")
        chat.clear(clear, None, [chat, turns, answers, thanks], api_visibility="private")
    page.queue(max_size=PAGE_QUEUE_SIZE, default_concurrency_limit=PAGE_CONCURRENCY, api_open=False)
    return page


# =============================================================================== the app


def create_app(settings: Settings | None = None, *, bot: AnswersQuestions | None = None,
               store: FeedbackStore | None = None, workers: int = API_WORKERS,
               waiting: int = API_WAITING) -> "FastAPI":
    """Build the whole web app. Cheap: the model and index load on the first question
    (``serve`` warms them up before accepting connections)."""
    from .embed import offline_environment

    offline_environment()  # before gradio is imported: no analytics, no hub
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.responses import FileResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles

    from .bot import Chatbot

    settings = settings or Settings.from_env()
    bot = bot or Chatbot(settings=settings)
    settings = bot.settings
    store = store or FeedbackStore(settings.data_dir)
    origins = allowed_origins(settings)
    limiter = AskLimiter(workers, waiting)
    frame_ancestors = "frame-ancestors " + " ".join(("'self'",) + origins)

    app = FastAPI(
        title="nmnbot",
        version=_version(),
        summary="Answers consumer-health questions only with verbatim, evidence-labelled quotes.",
        # FastAPI's Swagger UI loads from a CDN; /docs below is a self-hosted reader instead.
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.bot, app.state.store, app.state.limiter = bot, store, limiter
    # Always configured, even with no origins: it also switches off Gradio's own CORS rules.
    app.add_middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(_Guard, frame_ancestors=frame_ancestors, deny_other_frames=not origins)

    def error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
        # the caveat travels on error paths too: a client that shows only this still warns
        return JSONResponse({"detail": detail, "caveats": [PHYSICIAN_CAVEAT]}, status_code=status, headers=headers)

    async def answer_for(request: Request) -> "Answer | JSONResponse":
        try:
            req = _parse_ask(await _read_json(request), settings)
            return await limiter.run(bot.ask, req.question, req.history)
        except _BadRequest as exc:
            return error(exc.status, exc.detail)
        except InputError as exc:
            return error(422, str(exc))
        except Saturated:
            return error(503, "nmnbot is busy; please retry in a moment",
                         {"Retry-After": str(RETRY_AFTER_SECONDS)})
        except NmnbotError as exc:
            log.warning("cannot answer: %s", exc)
            return error(503, f"nmnbot cannot answer right now: {exc}", {"Retry-After": "30"})

    @app.get("/api/health", tags=["api"], summary="Is the server up, and which index does it serve?")
    async def health() -> Any:
        try:
            status = await asyncio.to_thread(_index_status, settings)
        except Exception as exc:  # a broken index must not hide that the server itself is up
            log.warning("health: index status unavailable: %s", exc)
            status = {"generation": None, "documents": 0}
        return {"status": "ok", **status, "busy": limiter.in_flight, "version": _version()}

    @app.post("/api/ask", tags=["api"], summary="Answer a question with quotes from the documents",
              openapi_extra=_ASK_OPENAPI, responses=_ASK_RESPONSES)
    async def api_ask(request: Request) -> Any:
        result = await answer_for(request)
        return result if isinstance(result, Response) else result.to_dict()

    @app.post("/api/feedback", tags=["api"], status_code=201, summary="Record thumbs up/down for an answer",
              openapi_extra=_FEEDBACK_OPENAPI)
    async def api_feedback(request: Request) -> Any:
        try:
            payload = await _read_json(request)
        except _BadRequest as exc:
            return error(exc.status, exc.detail)
        if not isinstance(payload, dict) or payload.get("rating") not in ("up", "down"):
            return error(422, 'feedback needs "rating": "up" or "down"')
        question, answer = payload.get("question"), payload.get("answer")
        if not isinstance(question, str) or not isinstance(answer, dict):
            return error(422, 'feedback needs the "question" (text) and the "answer" (the Answer JSON) it rates')
        channel = "embed" if payload.get("channel") == "embed" else "api"
        row = await asyncio.to_thread(store.record, payload["rating"], question, answer, channel)
        return JSONResponse({"id": row}, status_code=201)

    @app.post("/embed/ask", tags=["embed"], summary="Answer JSON plus its rendered card, for the /embed view",
              openapi_extra=_ASK_OPENAPI)
    async def embed_ask(request: Request) -> Any:
        result = await answer_for(request)
        if isinstance(result, Response):
            return result
        data = result.to_dict()
        return {"answer": data, "html": render_answer_html(data, bot.source_text)}

    embed_csp = (f"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                 f"form-action 'self'; {frame_ancestors}")

    @app.get("/embed", include_in_schema=False)
    async def embed_page() -> Any:
        return FileResponse(STATIC_DIR / "embed.html", media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": embed_csp, "Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    async def docs_page() -> Any:
        return FileResponse(STATIC_DIR / "docs.html", media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": embed_csp})

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> Any:
        return FileResponse(STATIC_DIR / "widget.js", media_type="text/javascript; charset=utf-8",
                            headers={"Cache-Control": "public, max-age=300"})

    app.mount(STATIC_ROUTE, StaticFiles(directory=STATIC_DIR), name="nmnbot-static")

    blocked = [str(Path(p).resolve()) for p in (settings.corpus_dir, settings.index_dir, settings.data_dir)]
    page = build_chat_page(bot, store)
    gr.mount_gradio_app(
        app, page, path="/",
        theme=_theme(), css_paths=[STATIC_DIR / "nmnbot.css"],
        head='<meta name="color-scheme" content="light">',
        footer_links=[], run_history=False, allowed_paths=[], blocked_paths=blocked,
        max_file_size=1, show_error=False, enable_monitoring=False, mcp_server=False, pwa=False,
        ssr_mode=False,
    )
    return app


def _version() -> str:
    from . import __version__

    return __version__


def serve(settings: Settings | None = None, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Warm the model and index, then serve the app with uvicorn in this process."""
    import uvicorn

    from .embed import offline_environment

    offline_environment()
    settings = settings or Settings.from_env()
    app = create_app(settings)
    started = time.monotonic()
    app.state.bot.warm_up()  # builds the index if missing and loads the model: the first user waits for nothing
    log.info("model and index ready in %.1f s", time.monotonic() - started)
    uvicorn.run(app, host=host, port=port, log_level="info", workers=1, proxy_headers=False,
                server_header=False, timeout_graceful_shutdown=5)


# =============================================================================== OpenAPI text

_ASK_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {
            "type": "object", "required": ["question"],
            "properties": {
                "question": {"type": "string", "maxLength": 2000, "example": "Does NMN help with hair loss?"},
                "history": {"type": "array", "description": "earlier turns, oldest first", "items": {
                    "type": "object", "required": ["role", "content"],
                    "properties": {"role": {"type": "string", "enum": ["user", "assistant"]},
                                   "content": {"type": "string"}}}},
            },
        }}},
    }
}
_FEEDBACK_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {
            "type": "object", "required": ["rating", "question", "answer"],
            "properties": {"rating": {"type": "string", "enum": ["up", "down"]},
                           "question": {"type": "string"},
                           "answer": {"type": "object", "description": "the Answer JSON being rated"}},
        }}},
    }
}
_ERROR = {"content": {"application/json": {"example": {"detail": "the question is empty"}}}}
_ASK_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the Answer JSON (see API.md)", "content": {"application/json": {"example": {
        "question": "Does NMN help with hair loss?", "status": "answered",
        "answer": "Here is what nmnbot's sources say ... [1]",
        "quotes": [{"text": "Mice treated with NMN ...", "source": "nmn-hair-loss.txt", "title": "Causes of Hair Loss",
                    "start": 4321, "end": 4455, "evidence": "animal", "score": 0.71}],
        "evidence_level": "animal",
        "caveats": ["Talk to your doctor or pharmacist before taking NMN or any supplement, ..."]}}}},
    400: {"description": "the body is not JSON", **_ERROR},
    413: {"description": "the question (or body) is too long", **_ERROR},
    422: {"description": "the question is not text or is empty, or the history is malformed", **_ERROR},
    503: {"description": "busy (Retry-After) or the index is unavailable", **_ERROR},
}
