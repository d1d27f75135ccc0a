"""Middleware and origins: which sites may call the API or frame the pages, and the
headers that keep the pages from being framed or sniffed anywhere else.
"""

from __future__ import annotations

import re
from typing import Any

from ...config import ENV_PREFIX, Settings
from ...errors import NmnbotError


def allowed_origins(settings: Settings) -> tuple[str, ...]:
    """Origins allowed to call the API (CORS) and frame the pages; empty means same origin only.

    ``Settings.allowed_origins`` (``NMNBOT_ALLOWED_ORIGINS``, comma-separated). ``*`` is
    refused: framing a health bot on any site invites click-jacking.
    """
    parts = list(settings.allowed_origins)
    origins = []
    for part in parts:
        origin = str(part).strip().rstrip("/")
        if not origin:
            continue
        if not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", origin):
            raise NmnbotError(f"{ENV_PREFIX}ALLOWED_ORIGINS: {origin!r} is not an origin like https://example.org")
        origins.append(origin)
    return tuple(dict.fromkeys(origins))


class Guard:
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
