"""GET /source/{source}?start=S&end=E: a whole document with one quote highlighted.

Every quote card links here, so a reader can check a quote in its context. The page
shows the text quote offsets point into (``Chatbot.source_text``), HTML-escaped, with
``text[S:E]`` in ``<mark id="quote">``, scrolled into view; 404 for a source that is
not in the index, 400 for offsets outside its text (docs/API.md).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import quote as url_quote

from ...errors import InputError, NmnbotError

if TYPE_CHECKING:
    from fastapi import FastAPI


def source_href(source: str, start: int, end: int) -> str:
    """The link a card uses, relative to the page at / or /embed."""
    return f"source/{url_quote(source, safe='/')}?start={start}&end={end}#quote"


def provenance_of(bot: Any, source: str) -> dict[str, str]:
    """A source's title/url/publisher/date as a dict; {} when the bot has no provenance."""
    lookup: Callable[[str], Any] | None = getattr(bot, "provenance", None)
    if lookup is None:
        return {}
    try:
        return dict(lookup(source).to_dict())
    except NmnbotError:
        return {}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _shown(text: str) -> str:
    """Document text as page text: escaped, a PDF's page breaks as blank lines."""
    return _esc(text.replace("\f", "\n\n"))


def render_source_page(source: str, text: str, span: tuple[int, int] | None, prov: dict[str, str],
                       fallback_title: str = "") -> str:
    up = "../" * (source.count("/") + 1)  # the page sits at /source/<source>: assets are at the root
    title = prov.get("title") or fallback_title or source
    facts = [("Publisher", _esc(prov["publisher"]) if prov.get("publisher") else "not named in the document")]
    if prov.get("date"):
        facts.append(("Published", _esc(prov["date"])))
    if prov.get("url"):
        url = _esc(prov["url"])
        facts.append(("Original", f'<a href="{url}" rel="noopener noreferrer nofollow">{url}</a>'))
    facts.append(("File", f"<code>{_esc(source)}</code>"))
    rows = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts)
    if span is None:
        body, intro = _shown(text), "The whole document as nmnbot reads it."
    else:
        s, e = span
        body = (f'{_shown(text[:s])}<mark id="quote" tabindex="-1">{_esc(text[s:e])}</mark>{_shown(text[e:])}')
        intro = ('The highlighted passage is the one nmnbot quoted, word for word. '
                 '<a href="#quote">Go to the quote</a>')
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light"><meta name="robots" content="noindex">'
        f"<title>{_esc(title)} · nmnbot source</title>"
        f'<link rel="stylesheet" href="{up}nmnbot-static/nmnbot.css">'
        f'<link rel="stylesheet" href="{up}nmnbot-static/source.css">'
        f'<script src="{up}nmnbot-static/source.js" defer></script></head>'
        '<body class="nmn-source-page"><header class="nmn-source-head">'
        '<p class="nmn-source-kicker">Source document quoted by nmnbot</p>'
        f"<h1>{_esc(title)}</h1><dl class=\"nmn-source-facts\">{rows}</dl>"
        f'<p class="nmn-source-intro">{intro}</p></header>'
        f'<main class="nmn-doc" aria-label="Document text">{body}</main></body></html>'
    )


def _error_page(status: int, message: str) -> Any:
    from fastapi.responses import HTMLResponse

    return HTMLResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nmnbot: source not shown</title>'
        f"</head><body><main><h1>Source not shown</h1><p>{_esc(message)}</p></main></body></html>",
        status_code=status)


def _offsets(start: str | None, end: str | None, length: int) -> tuple[int, int] | None | str:
    """(start, end), None for no highlight, or why the offsets are refused."""
    if start is None and end is None:
        return None
    try:
        s, e = int(start or ""), int(end or "")
    except ValueError:
        return "start and end must both be whole numbers"
    if not 0 <= s < e <= length:
        return f"the offsets {s}:{e} are outside this document (0:{length})"
    return s, e


def add_source_route(app: "FastAPI", bot: Any, csp: str) -> None:
    """``bot`` answers ``source_text(source)`` (and ``provenance(source)`` when it can): a Chatbot."""
    from fastapi.responses import HTMLResponse

    @app.get("/source/{source:path}", include_in_schema=True, tags=["pages"],
             summary="A whole source document with one quote highlighted (HTML)",
             responses={200: {"content": {"text/html": {}}, "description": "the document, the quote in <mark id=quote>"},
                        400: {"description": "start/end outside the document"},
                        404: {"description": "no such source in the index"}})
    async def source_page(source: str, start: str | None = None, end: str | None = None) -> Any:
        import asyncio

        try:
            text = await asyncio.to_thread(bot.source_text, source)
        except InputError:
            return _error_page(404, f"nmnbot has no source called {source!r}.")
        except NmnbotError as exc:
            return _error_page(503, f"nmnbot cannot show sources right now: {exc}")
        span = _offsets(start, end, len(text))
        if isinstance(span, str):
            return _error_page(400, span)
        prov = await asyncio.to_thread(provenance_of, bot, source)
        page = render_source_page(source, text, span, prov, _first_line(text))
        return HTMLResponse(page, headers={"Content-Security-Policy": csp, "Cache-Control": "no-cache"})


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:200]
    return ""
