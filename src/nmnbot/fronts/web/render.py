"""One answer for people to read: HTML for the chat page and /embed (a reply card, with
every document and user string escaped, or rendered by markdown-it with raw HTML off), and
Markdown for OpenAI-compatible chat front-ends (/v1, where the client does the rendering).
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable, Mapping

from ...errors import NmnbotError
from ...pipeline.compose import DISAGREEMENT_LEAD, PHYSICIAN_CAVEAT, md_escape

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
# The caveat box's heading: a crisis or emergency reply has nothing to act on but the help it names.
CAVEATS_HEADING = {"crisis": "Please note", "emergency": "Please note"}
CAVEATS_HEADING_DEFAULT = "Before you act on this"


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
    heading = CAVEATS_HEADING.get(status, CAVEATS_HEADING_DEFAULT)
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


def render_answer_markdown(answer: Mapping[str, Any]) -> str:
    """One answer (the Answer JSON) as Markdown for chat front-ends that render it themselves.

    ``answered``: the summary (when the Answer has one), the quotes numbered [1]..[n], each
    with its source's title and evidence level in plain words, the sources' disagreement if
    any, then the caveats, ``caveats[0]`` first. Other statuses (crisis, emergency, not found)
    carry no quotes: their own answer text, unchanged, then the caveats. Document text is
    escaped, so a source's Markdown or HTML shows as text.
    """
    status = str(answer.get("status"))
    blocks: list[str] = []
    if status == "answered":
        summary = answer.get("summary")
        if isinstance(summary, str) and summary.strip():
            blocks.append(md_escape(" ".join(summary.split())))  # plain sentences, shown as such
        for n, quote in enumerate(answer.get("quotes") or (), 1):
            blocks.append(_quote_markdown(n, quote))
        disagreement = _disagreement(str(answer.get("answer") or ""))
        if disagreement:
            blocks.append(disagreement)
    else:
        blocks.append(str(answer.get("answer") or "").strip())
    caveats = [f"- {md_escape(' '.join(str(c).split()))}" for c in answer.get("caveats") or ()]
    if caveats:
        heading = CAVEATS_HEADING.get(status, CAVEATS_HEADING_DEFAULT)
        blocks.append(f"**{heading}**\n\n" + "\n".join(caveats))
    return "\n\n".join(b for b in blocks if b)


def _quote_markdown(n: int, quote: Mapping[str, Any]) -> str:
    title = md_escape(" ".join(str(quote.get("title") or quote.get("source") or "").split()))
    label = quote.get("evidence_label") or str(quote.get("evidence") or "unspecified").replace("_", " ")
    seller = f" ({md_escape(str(quote['seller']))})" if quote.get("seller") else ""
    text = md_escape(" ".join(str(quote["text"]).split()))
    return f"**[{n}]** *{title}*, evidence: **{md_escape(str(label))}**{seller}\n> “{text}”"


def _disagreement(answer_text: str) -> str:
    """The paragraph of the answer text that says where the quoted sources conflict."""
    at = answer_text.find(DISAGREEMENT_LEAD)
    if at < 0:
        return ""
    end = answer_text.find("\n\n", at)
    return answer_text[at : end if end >= 0 else len(answer_text)].strip()
