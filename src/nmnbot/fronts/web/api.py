"""The JSON API: /api/health, /api/ask, /api/feedback, /embed/ask and /embed/allowed.

Errors: malformed JSON -> 400, a question that is not text / empty or a bad history
-> 422, a question or body over the limit -> 413, all as ``{"detail": ..., "caveats":
[...]}``; every worker busy and the waiting line full -> 503 with ``Retry-After``; a
method a route does not take -> 405 with ``Allow``. The examples /docs shows for each
status are made by the code that answers it, so they cannot drift.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol, Sequence

from starlette.requests import (
    Request,  # at module level: FastAPI resolves the handlers' annotations here
)

from ...config import Settings
from ...errors import InputError, NmnbotError
from ...pipeline.compose import PHYSICIAN_CAVEAT
from .feedback import REASONS, FeedbackStore
from .render import render_answer_html
from .source import provenance_of

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    from ...pipeline.compose import Answer

log = logging.getLogger("nmnbot.web")


class AnswersQuestions(Protocol):
    """What the web front needs from a Chatbot (a test double can stand in)."""

    settings: Settings

    def ask(self, question: str, history: Sequence[Mapping[str, str]] | None = None) -> "Answer": ...

    def source_text(self, source: str) -> str: ...


class Saturated(Exception):
    """Every worker is busy and the waiting line is full."""


BUSY = "nmnbot is busy; please retry in a moment"
NOT_JSON = 'the request body must be JSON like {"question": "Does NMN help with hair loss?"}'


class AskLimiter:
    """Runs blocking ``bot.ask`` calls in threads, at most ``workers`` at once and ``waiting`` queued.

    Beyond that a request is refused at once (503) instead of piling up. The counter
    is only touched on the event loop thread, so it needs no lock.
    """

    def __init__(self, workers: int = 4, waiting: int = 16) -> None:
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
class AskRequest:
    question: str
    history: list[dict[str, str]]


class BadRequest(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


async def read_body(request: Any, settings: Settings) -> bytes:
    """The request body, or BadRequest(413) once it passes ``max_body_bytes``.

    Read in chunks: at most ``max_body_bytes`` is kept, and the rest of an oversized body is
    read and dropped (up to ``max_drain_bytes``) so the client gets the 413 it can show."""
    limit = settings.max_body_bytes
    too_large = BadRequest(413, f"the request body is too large (limit {limit:,} bytes)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_drain_bytes:
        raise too_large
    kept, seen = bytearray(), 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen <= limit:
            kept += chunk
        elif seen > settings.max_drain_bytes:
            break
    if seen > limit:
        raise too_large
    return bytes(kept)


async def read_json(request: Any, settings: Settings) -> Any:
    body = await read_body(request, settings)
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(400, NOT_JSON) from None


def parse_ask(payload: Any, settings: Settings) -> AskRequest:
    """Validate before taking a worker: a bad request never waits in the queue."""
    from ...pipeline.guard import clean_history, clean_question

    if not isinstance(payload, dict):
        raise BadRequest(422, 'the request body must be a JSON object like {"question": "..."}')
    if "question" not in payload:
        raise BadRequest(422, 'the request needs a "question"')
    question = payload["question"]
    try:
        clean_question(question, settings.max_question_chars)
    except InputError as exc:
        too_long = isinstance(question, str) and len(question) > settings.max_question_chars
        raise BadRequest(413 if too_long else 422, str(exc)) from None
    try:
        history = clean_history(payload.get("history"), settings)
    except InputError as exc:
        raise BadRequest(422, str(exc)) from None
    return AskRequest(question, history)


def index_status(settings: Settings) -> dict[str, Any]:
    """Generation and document count from the manifest: cheap, loads no model."""
    from ...index import layout_for

    layout = layout_for(settings)
    gen = layout.current()
    manifest = (layout.manifest(gen) or {}) if gen else {}
    return {"generation": gen, "documents": len(manifest.get("files", {}))}


def error(status: int, detail: str, headers: dict[str, str] | None = None) -> "JSONResponse":
    """An error body; the caveat travels on error paths too, so a client that shows only
    this still warns."""
    from fastapi.responses import JSONResponse

    return JSONResponse({"detail": detail, "caveats": [PHYSICIAN_CAVEAT]}, status_code=status, headers=headers)


async def answer_for(request: Request, settings: Settings, bot: AnswersQuestions,
                     limiter: AskLimiter) -> "Answer | JSONResponse":
    """Parse, validate and answer one ask request, or the error response for it."""
    try:
        req = parse_ask(await read_json(request, settings), settings)
        return await limiter.run(bot.ask, req.question, req.history)
    except BadRequest as exc:
        return error(exc.status, exc.detail)
    except InputError as exc:
        return error(422, str(exc))
    except Saturated:
        return error(503, BUSY, {"Retry-After": str(settings.retry_after_seconds)})
    except NmnbotError as exc:
        log.warning("cannot answer: %s", exc)
        return error(503, f"nmnbot cannot answer right now: {exc}", {"Retry-After": "30"})


def _method_not_allowed(allow: str) -> Callable[..., Any]:
    async def refuse(request: Request) -> Any:
        return error(405, f"{request.method} is not allowed here; use {allow}", {"Allow": allow})

    return refuse


def add_api_routes(app: "FastAPI", settings: Settings, bot: AnswersQuestions, store: FeedbackStore,
                   limiter: AskLimiter, version: str, origins: Sequence[str] = ()) -> None:
    """/api/health, /api/ask, /api/feedback, /embed/ask and /embed/allowed."""
    from fastapi.responses import JSONResponse, Response

    @app.get("/api/health", tags=["api"], summary="Is the server up, and which index does it serve?")
    async def health() -> Any:
        try:
            status = await asyncio.to_thread(index_status, settings)
        except Exception as exc:  # a broken index must not hide that the server itself is up
            log.warning("health: index status unavailable: %s", exc)
            status = {"generation": None, "documents": 0}
        return {"status": "ok", **status, "busy": limiter.in_flight, "version": version}

    @app.post("/api/ask", tags=["api"], summary="Answer a question with quotes from the documents",
              openapi_extra=_ASK_OPENAPI, responses=_ASK_RESPONSES)
    async def api_ask(request: Request) -> Any:
        result = await answer_for(request, settings, bot, limiter)
        return result if isinstance(result, Response) else result.to_dict()

    @app.post("/api/feedback", tags=["api"], status_code=201, summary="Record thumbs up/down for an answer",
              openapi_extra=_FEEDBACK_OPENAPI)
    async def api_feedback(request: Request) -> Any:
        try:
            payload = await read_json(request, settings)
        except BadRequest as exc:
            return error(exc.status, exc.detail)
        if not isinstance(payload, dict) or payload.get("rating") not in ("up", "down"):
            return error(422, 'feedback needs "rating": "up" or "down"')
        question, answer = payload.get("question"), payload.get("answer")
        if not isinstance(question, str) or not isinstance(answer, dict):
            return error(422, 'feedback needs the "question" (text) and the "answer" (the Answer JSON) it rates')
        channel = "embed" if payload.get("channel") == "embed" else "api"
        try:
            row, key = await asyncio.to_thread(store.record, payload["rating"], question, answer, channel,
                                               payload.get("reason"), payload.get("comment"))
        except InputError as exc:
            return error(422, str(exc))
        return JSONResponse({"id": row, "key": key}, status_code=201)

    @app.post("/api/feedback/{row_id}", tags=["api"], summary="Say what was wrong with a rated answer",
              openapi_extra=_REASON_OPENAPI)
    async def api_feedback_reason(row_id: int, request: Request) -> Any:
        try:
            payload = await read_json(request, settings)
        except BadRequest as exc:
            return error(exc.status, exc.detail)
        if not isinstance(payload, dict) or not isinstance(payload.get("key"), str):
            return error(422, 'a reason needs the "key" that came back with the rating')
        try:
            found = await asyncio.to_thread(store.add_reason, row_id, payload["key"], payload.get("reason"),
                                            payload.get("comment"))
        except InputError as exc:
            return error(422, str(exc))
        return {"id": row_id} if found else error(404, "no rating with this id and key")

    @app.post("/embed/ask", tags=["embed"], summary="Answer JSON plus its rendered card, for the /embed view",
              openapi_extra=_ASK_OPENAPI)
    async def embed_ask(request: Request) -> Any:
        result = await answer_for(request, settings, bot, limiter)
        if isinstance(result, Response):
            return result
        data = result.to_dict()
        html = await asyncio.to_thread(render_answer_html, data, bot.source_text,
                                       lambda source: provenance_of(bot, source))
        return {"answer": data, "html": html}

    @app.get("/embed/allowed", tags=["embed"], summary="May the calling site show the widget?")
    async def embed_allowed(request: Request) -> Any:
        """widget.js asks before opening /embed, so a site that is not allowed gets one clear
        line instead of the browser's blocked-frame page. Public: it says only yes or no."""
        origin = request.headers.get("origin")
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        allowed = origin is None or origin == own or origin in origins
        return JSONResponse({"allowed": allowed, "origin": origin, "setting": "NMNBOT_ALLOWED_ORIGINS"},
                            headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"})

    # Gradio is mounted at "/", so a wrong method on these paths would fall through to its
    # 404; say 405 with the method that works instead.
    for path, allow in (("/api/ask", "POST"), ("/api/feedback", "POST"), ("/embed/ask", "POST"),
                        ("/api/health", "GET"), ("/embed/allowed", "GET")):
        other = [m for m in ("GET", "POST", "PUT", "PATCH", "DELETE") if m != allow]
        app.add_api_route(path, _method_not_allowed(allow), methods=other, include_in_schema=False)


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
_REASON_PROPS: dict[str, Any] = {
    "reason": {"type": "string", "enum": list(REASONS), "description": "; ".join(f"{k}: {v}" for k, v in REASONS.items())},
    "comment": {"type": "string", "description": "the reader's own words (cut at 1,000 characters)"},
}
_FEEDBACK_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {
            "type": "object", "required": ["rating", "question", "answer"],
            "properties": {"rating": {"type": "string", "enum": ["up", "down"]},
                           "question": {"type": "string"},
                           "answer": {"type": "object", "description": "the Answer JSON being rated"},
                           **_REASON_PROPS},
        }}},
    }
}
_REASON_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {
            "type": "object", "required": ["key"],
            "properties": {"key": {"type": "string", "description": "the key returned with the rating"},
                           **_REASON_PROPS},
        }}},
    }
}


def _error_example(description: str, detail: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"example": {"detail": detail, "caveats": [PHYSICIAN_CAVEAT]}}}}


def _refusal(question: Any) -> str:
    """What the API really answers for this question (the guard's own message)."""
    from ...pipeline.guard import clean_question

    try:
        clean_question(question, Settings().max_question_chars)
    except InputError as exc:
        return str(exc)
    raise AssertionError("an example of a refused question was accepted")
_ASK_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the Answer JSON (see API.md)", "content": {"application/json": {"example": {
        "question": "Does NMN help with hair loss?", "status": "answered",
        "answer": "Here is what nmnbot's sources say ... [1]",
        "quotes": [{"text": "Mice treated with NMN ...", "source": "nmn-hair-loss.txt", "title": "Causes of Hair Loss",
                    "start": 4321, "end": 4455, "evidence": "animal", "score": 0.71}],
        "evidence_level": "animal",
        "caveats": ["Talk to your doctor or pharmacist before taking NMN or any supplement, ..."]}}}},
    400: _error_example("the body is not JSON", NOT_JSON),
    413: _error_example("the question (or body) is too long", _refusal("x" * (Settings().max_question_chars + 1))),
    422: _error_example("the question is not text or is empty, or the history is malformed", _refusal("   ")),
    503: _error_example("busy (Retry-After) or the index is unavailable", BUSY),
}
