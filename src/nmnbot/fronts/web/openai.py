"""The OpenAI-compatible API: GET /v1/models and POST /v1/chat/completions (docs/API.md).

Chat front-ends (Open WebUI, LibreChat), the openai SDKs and LangChain's ChatOpenAI speak
this protocol. The last user message is the question, earlier user and assistant messages
the history, system messages are ignored. The reply's content is the answer as Markdown
(``render.render_answer_markdown``) and the whole Answer JSON rides along in the extra
field ``nmnbot``; with ``"stream": true`` the same content arrives as chunks.

The answer is ready before the first byte goes out, streaming or not: a busy server or a
broken index still gets a status code and an error body, and a client that leaves
mid-stream holds no worker. Bad input is refused before it takes a worker, in OpenAI's
error shape ``{"error": {"message", "type", "param", "code"}}``: 400 for the request, 413
for a body over ``max_body_bytes``. Every error body also carries the physician caveat,
as /api/ask's do.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import (
    Request,  # at module level: FastAPI resolves the handlers' annotations here
)

from ...config import Settings
from ...errors import InputError, NmnbotError
from ...pipeline.compose import PHYSICIAN_CAVEAT
from .api import AnswersQuestions, AskLimiter, BadRequest, Saturated, read_body
from .render import render_answer_markdown

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

log = logging.getLogger("nmnbot.web")

MODEL_ID = "nmnbot"  # the one model /v1/models lists; any "model" value is answered by it
# Instructions for a language model: nmnbot only quotes its documents, so they change nothing.
IGNORED_ROLES = ("system", "developer")
TOOL_ROLES = ("tool", "function")
# Asking for tools is refused rather than ignored: the caller would wait for a call that never comes.
TOOL_PARAMS = ("tools", "functions", "tool_choice", "function_call")
NO_TOOLS = (None, [], {}, "none")


class ChatError(Exception):
    """A chat request nmnbot cannot answer, in OpenAI's terms."""

    def __init__(self, status: int, message: str, code: str, param: str | None = None,
                 kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.param, self.kind = status, message, code, param, kind


@dataclass(frozen=True)
class ChatRequest:
    question: str
    history: list[dict[str, str]]
    stream: bool


def parse_chat(payload: Any, settings: Settings) -> ChatRequest:
    """The question, history and stream flag of a chat request, or ChatError saying what is wrong."""
    from ...pipeline.guard import clean_history, clean_question

    if not isinstance(payload, dict):
        raise ChatError(400, 'the request body must be a JSON object like '
                             '{"model": "nmnbot", "messages": [{"role": "user", "content": "..."}]}', "invalid_type")
    _refuse_unsupported(payload)
    stream = payload.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise ChatError(400, '"stream" must be true or false', "invalid_type", "stream")
    messages = payload.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ChatError(400, '"messages" must be a non-empty list of {"role", "content"} messages',
                        "invalid_type", "messages")
    turns: list[tuple[int, str, str]] = []  # (position in messages, role, text)
    for i, message in enumerate(messages):
        where = f"messages[{i}]"
        role = message.get("role") if isinstance(message, dict) else None
        if not isinstance(role, str):
            raise ChatError(400, f'{where} must be an object with a "role" and a "content"', "invalid_type", where)
        if role in IGNORED_ROLES:
            continue
        if role in TOOL_ROLES or message.get("tool_calls") or message.get("function_call"):
            raise ChatError(400, f"{where}: nmnbot calls no tools, so it takes no tool or function messages",
                            "unsupported_value", f"{where}.role")
        if role not in ("user", "assistant"):
            raise ChatError(400, f'{where}.role must be "user", "assistant" or "system", not {role!r}',
                            "invalid_value", f"{where}.role")
        turns.append((i, role, _text(message.get("content"), f"{where}.content", role)))
    asked = [n for n, (_, role, _) in enumerate(turns) if role == "user"]
    if not asked:
        raise ChatError(400, 'the messages hold no "user" message; the last one is the question',
                        "invalid_value", "messages")
    position, _, question = turns[asked[-1]]
    try:
        clean_question(question, settings.max_question_chars)
    except InputError as exc:
        code = "context_length_exceeded" if len(question) > settings.max_question_chars else "invalid_value"
        raise ChatError(400, str(exc), code, f"messages[{position}].content") from None
    # Roles and contents are checked above, so this only trims the history to its limit.
    history = clean_history([{"role": r, "content": t} for _, r, t in turns[: asked[-1]]], settings)
    return ChatRequest(question, history, bool(stream))


def _refuse_unsupported(payload: dict[str, Any]) -> None:
    n = payload.get("n")
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n != 1):
        raise ChatError(400, 'nmnbot gives one answer per question: "n" must be 1', "unsupported_value", "n")
    for name in TOOL_PARAMS:
        if payload.get(name) not in NO_TOOLS:
            raise ChatError(400, f'nmnbot calls no tools (it only quotes its documents), so "{name}" is not supported',
                            "unsupported_parameter", name)
    fmt = payload.get("response_format")
    if fmt is not None and not (isinstance(fmt, dict) and fmt.get("type") == "text"):
        raise ChatError(400, 'nmnbot answers in Markdown text only: "response_format" must be {"type": "text"}',
                        "unsupported_value", "response_format")


def _text(content: Any, where: str, role: str) -> str:
    """A message's content as one string: text as is, a list of text parts joined by newlines."""
    if isinstance(content, str):
        return content
    if content is None and role == "assistant":
        return ""  # an assistant turn may come without content
    if not isinstance(content, list):
        raise ChatError(400, f"{where} must be text or a list of text parts", "invalid_type", where)
    texts = []
    for j, part in enumerate(content):
        kind = part.get("type") if isinstance(part, dict) else None
        if kind != "text":
            what = f"a {kind!r} part" if isinstance(kind, str) else "not a content part"
            raise ChatError(400, f'{where}[{j}] is {what}; nmnbot reads text only (parts of type "text")',
                            "unsupported_value", f"{where}[{j}]")
        if not isinstance(part.get("text"), str):
            raise ChatError(400, f'{where}[{j}].text must be text', "invalid_type", f"{where}[{j}].text")
        texts.append(part["text"])
    return "\n".join(texts)


# =============================================================================== replies


def completion(answer: dict[str, Any], content: str, completion_id: str, created: int) -> dict[str, Any]:
    """A ``chat.completion`` object with the Answer JSON in ``nmnbot``."""
    return {
        "id": completion_id, "object": "chat.completion", "created": created, "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                     "finish_reason": "stop", "logprobs": None}],
        "nmnbot": answer,
    }


def completion_chunks(answer: dict[str, Any], content: str, completion_id: str, created: int) -> Iterator[dict[str, Any]]:
    """The same reply as ``chat.completion.chunk`` objects: the role, the content line by
    line (the deltas join to exactly ``content``), then the finish with ``nmnbot``."""
    head = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]}

    yield chunk({"role": "assistant", "content": ""})
    for line in content.splitlines(keepends=True):
        yield chunk({"content": line})
    yield {**chunk({}, "stop"), "nmnbot": answer}


async def server_sent(chunks: Iterator[dict[str, Any]]) -> AsyncIterator[bytes]:
    """Server-sent events ending with ``[DONE]``; async, so no chunk takes a trip to a thread."""
    for chunk in chunks:
        yield b"data: " + json.dumps(chunk, ensure_ascii=False).encode() + b"\n\n"
    yield b"data: [DONE]\n\n"


def openai_error(status: int, message: str, code: str, param: str | None = None,
                 kind: str = "invalid_request_error", headers: dict[str, str] | None = None) -> "JSONResponse":
    """OpenAI's error body, plus the caveat: a client that shows only this still warns."""
    from fastapi.responses import JSONResponse

    return JSONResponse({"error": {"message": message, "type": kind, "param": param, "code": code},
                         "caveats": [PHYSICIAN_CAVEAT]}, status_code=status, headers=headers)


def _loads(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ChatError(400, 'the request body must be JSON like '
                             '{"model": "nmnbot", "messages": [{"role": "user", "content": "..."}]}',
                        "invalid_json") from None


# =============================================================================== routes


def add_openai_routes(app: "FastAPI", settings: Settings, bot: AnswersQuestions, limiter: AskLimiter) -> None:
    """/v1/models, /v1/models/{model}, /v1/chat/completions, and OpenAI's 404 for any other /v1 path."""
    from fastapi.responses import JSONResponse, StreamingResponse

    listed = {"id": MODEL_ID, "object": "model", "created": int(time.time()), "owned_by": "nmnbot"}

    @app.get("/v1/models", tags=["openai"], summary="OpenAI-compatible model list: the one model, nmnbot")
    async def models() -> Any:
        return {"object": "list", "data": [listed]}

    @app.get("/v1/models/{model}", tags=["openai"], summary="One model of the list")
    async def model(model: str) -> Any:
        if model != MODEL_ID:
            return openai_error(404, f"there is no model {model!r} here; the one model is {MODEL_ID!r}",
                                "model_not_found", "model")
        return listed

    @app.post("/v1/chat/completions", tags=["openai"], openapi_extra=_CHAT_OPENAPI,
              summary="OpenAI-compatible chat completion: the answer as Markdown, the Answer JSON in `nmnbot`")
    async def chat_completions(request: Request) -> Any:
        try:
            req = parse_chat(_loads(await read_body(request, settings)), settings)
            answer = await limiter.run(bot.ask, req.question, req.history)
        except ChatError as exc:
            return openai_error(exc.status, exc.message, exc.code, exc.param, exc.kind)
        except BadRequest as exc:  # the body is over the limit
            return openai_error(exc.status, exc.detail, "request_too_large")
        except InputError as exc:
            return openai_error(400, str(exc), "invalid_value", "messages")
        except Saturated:
            return openai_error(503, "nmnbot is busy; please retry in a moment", "busy", kind="server_error",
                                headers={"Retry-After": str(settings.retry_after_seconds)})
        except NmnbotError as exc:
            log.warning("cannot answer: %s", exc)
            return openai_error(503, f"nmnbot cannot answer right now: {exc}", "unavailable", kind="server_error",
                                headers={"Retry-After": "30"})
        except Exception:
            log.exception("chat completion failed")
            return openai_error(500, "nmnbot failed to answer this question; the server log says why",
                                "internal_error", kind="server_error")
        data = answer.to_dict()
        content = render_answer_markdown(data)
        completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if req.stream:
            return StreamingResponse(server_sent(completion_chunks(data, content, completion_id, created)),
                                     media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        return JSONResponse(completion(data, content, completion_id, created))

    @app.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def elsewhere(path: str) -> Any:
        return openai_error(404, f"nmnbot serves GET /v1/models and POST /v1/chat/completions, not /v1/{path}",
                            "unknown_url")


_CHAT_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {
            "type": "object", "required": ["messages"],
            "properties": {
                "model": {"type": "string", "description": "any value; nmnbot answers", "example": MODEL_ID},
                "messages": {"type": "array", "description": "the last user message is the question", "items": {
                    "type": "object", "required": ["role", "content"],
                    "properties": {"role": {"type": "string", "enum": ["system", "developer", "user", "assistant"]},
                                   "content": {"oneOf": [{"type": "string"}, {"type": "array", "items": {
                                       "type": "object", "properties": {"type": {"enum": ["text"]},
                                                                        "text": {"type": "string"}}}}]}}}},
                "stream": {"type": "boolean", "default": False},
                "n": {"type": "integer", "enum": [1]},
            },
        }}},
    }
}
