"""The web front: one FastAPI app with the JSON API, the Gradio chat page and an embeddable widget.

Routes (docs/API.md is the contract)::

    GET  /                 Gradio chat page (history, quote cards, evidence badges, caveats, feedback)
    GET  /api/health       {"status": "ok", "generation": ..., "documents": n}
    POST /api/ask          {"question": str, "history": [...]} -> the Answer JSON
    POST /api/feedback     {"rating": "up"|"down", "question": str, "answer": {...}} -> 201
    GET  /embed            a light chat view made for an iframe (same cards, rendered here)
    POST /embed/ask        what /embed calls: {"answer": Answer JSON, "html": the rendered card}
    GET  /source/{source}  the whole document, the quote (?start=&end=) in <mark id="quote"> (source.py)
    GET  /v1/models        OpenAI-compatible model list (the one model, nmnbot)
    POST /v1/chat/completions  OpenAI-compatible chat: the answer as Markdown, the Answer JSON in "nmnbot"
    GET  /widget.js        a floating chat button for any page, opening /embed in an iframe
    GET  /docs             OpenAPI docs

Modules: api.py (JSON routes and their limits), openai.py (the /v1 routes), page.py
(Gradio page), render.py (answer HTML and Markdown), source.py (the source page),
feedback.py (SQLite store), middleware.py (origins, framing headers).


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

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...config import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from .api import AnswersQuestions
    from .feedback import FeedbackStore

log = logging.getLogger("nmnbot.web")

STATIC_DIR = Path(__file__).with_name("static")
STATIC_ROUTE = "/nmnbot-static"  # not /static or /assets: those belong to Gradio's own front end


def create_app(settings: Settings | None = None, *, bot: "AnswersQuestions | None" = None,
               store: "FeedbackStore | None" = None, workers: int | None = None,
               waiting: int | None = None) -> "FastAPI":
    """Build the whole web app. Cheap: the model and index load on the first question
    (``serve`` warms them up before accepting connections)."""
    from ...embed import offline_environment

    offline_environment()  # before gradio is imported: no analytics, no hub
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.responses import FileResponse, HTMLResponse
    from fastapi.staticfiles import StaticFiles

    from ...bot import Chatbot
    from .api import AskLimiter, add_api_routes
    from .feedback import FeedbackStore
    from .middleware import Guard, allowed_origins
    from .openai import add_openai_routes
    from .page import build_chat_page, theme
    from .render import render_legend_html
    from .source import add_source_route

    # The app's settings (origins, limits) may differ from the bot's (a test double, a shared bot).
    settings = settings or (bot.settings if bot is not None else Settings.from_env())
    bot = bot or Chatbot(settings=settings)
    store = store or FeedbackStore(settings.data_dir)
    origins = allowed_origins(settings)
    limiter = AskLimiter(workers or settings.api_workers, settings.api_waiting if waiting is None else waiting)
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
    app.add_middleware(Guard, frame_ancestors=frame_ancestors, deny_other_frames=not origins)
    add_api_routes(app, settings, bot, store, limiter, _version(), origins)
    add_openai_routes(app, settings, bot, limiter)  # the same limiter: one pool of workers for both APIs


    embed_csp = (f"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                 f"form-action 'self'; {frame_ancestors}")

    embed_html = (STATIC_DIR / "embed.html").read_text(encoding="utf-8").replace(
        "<!-- legend -->", render_legend_html())

    @app.get("/embed", include_in_schema=False)
    async def embed_page() -> Any:
        return HTMLResponse(embed_html, headers={"Content-Security-Policy": embed_csp, "Cache-Control": "no-cache"})

    add_source_route(app, bot, embed_csp)

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
        theme=theme(), css_paths=[STATIC_DIR / "nmnbot.css"],
        head=('<meta name="color-scheme" content="light">'
              f'<script src="{STATIC_ROUTE}/page.js" defer></script>'),
        footer_links=[], run_history=False, allowed_paths=[], blocked_paths=blocked,
        max_file_size=1, show_error=False, enable_monitoring=False, mcp_server=False, pwa=False,
        ssr_mode=False,
    )
    return app


def _version() -> str:
    from ... import __version__

    return __version__


def serve(settings: Settings | None = None, host: str | None = None, port: int | None = None) -> None:
    """Warm the model and index, then serve the app with uvicorn in this process.
    ``host`` and ``port`` default to ``Settings.host`` / ``Settings.port`` (NMNBOT_HOST / NMNBOT_PORT)."""
    import uvicorn

    from ...embed import offline_environment

    offline_environment()
    settings = settings or Settings.from_env()
    app = create_app(settings)
    started = time.monotonic()
    app.state.bot.warm_up()  # builds the index if missing and loads the model: the first user waits for nothing
    log.info("model and index ready in %.1f s", time.monotonic() - started)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level="info", workers=1,
                proxy_headers=False, server_header=False, timeout_graceful_shutdown=5)
