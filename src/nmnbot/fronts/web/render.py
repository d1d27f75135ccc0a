"""HTML for the chat page and /embed: one answer as a reply card, with every document
and user string escaped (or rendered by markdown-it with raw HTML off).
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable, Mapping

from ...errors import NmnbotError
from ...pipeline.compose import PHYSICIAN_CAVEAT

# Characters of the surrounding paragraph shown on each side of a highlighted quote.
CONTEXT_CHARS = 280

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
