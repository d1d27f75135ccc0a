"""One answer for people to read: HTML for the chat page and /embed (a reply, with every
document and user string escaped, or rendered by markdown-it with raw HTML off), and
Markdown for OpenAI-compatible chat front-ends (/v1, where the client does the rendering).

An HTML reply reads top down: the bottom line (``summary``, when the Answer carries one),
``caveats[0]`` (the personal-decision notice, else how strong the evidence is), the
evidence at a glance with ``[n]`` links, then each quote once, in its numbered card
with who published it and a link to the whole document, then the other caveats.
Crisis and emergency replies carry their help as links a phone can tap.
"""

from __future__ import annotations

import html
import re
import uuid
from typing import Any, Callable, Mapping

from ...errors import NmnbotError
from ...evidence import EvidenceLevel
from ...pipeline.compose import (
    CRISIS_LINKS, DISAGREEMENT_LEAD, EMERGENCY_NUMBERS, PHYSICIAN_CAVEAT, POISON_CONTROL_LINK, is_decision_notice,
    md_escape,
)
from .source import source_href

# Characters of the surrounding paragraph shown on each side of a highlighted quote.
CONTEXT_CHARS = 280

LEVELS = tuple(level.value for level in EvidenceLevel)  # strongest first; one colour each (nmnbot.css)
_REF = re.compile(r"\[(\d{1,2})\]")
# The caveat box's heading: a crisis or emergency reply has nothing to act on but the help it names.
CAVEATS_HEADING = {"crisis": "Please note", "emergency": "Please note"}
CAVEATS_HEADING_DEFAULT = "Before you act on this"

_DISAGREE = re.compile(r"^\*\*The sources disagree\.\*\* (.+)$", re.M)

SourceText = Callable[[str], str]
ProvenanceOf = Callable[[str], Mapping[str, str]]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _markdown(text: str) -> str:
    """The engine's markdown as HTML; raw HTML in it is shown as text, unsafe links dropped."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return " ".join(md.render(text).split("\n"))  # one line: Gradio's markdown pass leaves it alone


def _link_refs(html_text: str, key: str, count: int) -> str:
    """[n] -> a link to card n of this reply (only for cards that exist)."""
    def ref(m: re.Match[str]) -> str:
        n = int(m[1])
        if not 1 <= n <= count:
            return m[0]
        return f'<a class="nmn-ref" href="#{_card_id(key, n)}"><span class="nmn-sr">source </span>[{n}]</a>'

    return _REF.sub(ref, html_text)


def _card_id(key: str, n: int) -> str:
    return f"nmn-{key}-q{n}"


def _context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS,
             others: tuple[tuple[int, int], ...] = ()) -> tuple[str, str]:
    """The rest of the quote's paragraph before and after it, trimmed to ``limit`` at a word
    and stopping short of ``others`` (spans quoted in other cards: each quote is shown once)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    for s, e in others:
        if para_start < e <= start:
            para_start = e
        if end <= s < para_end:
            para_end = s
    before, after = text[para_start:start], text[end:para_end]
    if len(before) > limit:
        cut = before[-limit:]
        before = "… " + cut[cut.find(" ") + 1 :] if " " in cut else "… " + cut
    if len(after) > limit:
        cut = after[:limit]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"
    return before, after


def _level(quote: Mapping[str, Any]) -> str:
    level = str(quote.get("evidence") or "unspecified")
    return level if level in LEVELS else "unspecified"


def _label(level: str) -> str:
    return EvidenceLevel(level).label


def _badge(level: str, reason: str = "") -> str:
    title = f' title="{_esc(reason)}"' if reason else ""
    return (f'<span class="nmn-badge nmn-badge-{level}"{title}><span class="nmn-badge-dot" aria-hidden="true"></span>'
            f"Evidence: {_esc(_label(level))}</span>")


def _provenance_line(prov: Mapping[str, str]) -> str:
    parts = [_esc(prov["publisher"]) if prov.get("publisher") else "Publisher not named"]
    if prov.get("date"):
        parts.append(_esc(prov["date"]))
    if prov.get("url"):
        parts.append(f'<a href="{_esc(prov["url"])}" target="_blank" rel="noopener noreferrer nofollow">original page'
                     '<span class="nmn-sr"> (opens in a new tab)</span></a>')
    return f'<div class="nmn-prov">{" · ".join(parts)}</div>'


def _card(key: str, n: int, quote: Mapping[str, Any], source_text: SourceText | None,
          provenance: ProvenanceOf | None, others: tuple[tuple[int, int], ...] = ()) -> str:
    level = _level(quote)
    source = str(quote["source"])
    text, start, end = str(quote["text"]), int(quote["start"]), int(quote["end"])
    before = after = ""
    if source_text is not None:
        try:
            full = source_text(source)
        except NmnbotError:
            full = ""
        if full[start:end] == text:  # only when the offsets still point at the quote
            before, after = _context(full, start, end, others=others)
    prov: Mapping[str, str] = {}
    if provenance is not None:
        try:
            prov = provenance(source) or {}
        except NmnbotError:
            prov = {}
    title = prov.get("title") or quote.get("title") or source
    section = quote.get("section")
    where = f'<div class="nmn-section">Section: {_esc(str(section))}</div>' if section and section != quote.get("title") else ""
    seller = f'<div class="nmn-seller">{_esc(str(quote["seller"]))}</div>' if quote.get("seller") else ""
    return (
        f'<li class="nmn-card nmn-level-{level}" id="{_card_id(key, n)}" tabindex="-1">'
        f'<div class="nmn-card-head"><span class="nmn-num">[{n}]</span>'
        f'<span class="nmn-title">{_esc(str(title))}</span></div>'
        f"{_provenance_line(prov)}{_badge(level, str(quote.get('evidence_reason') or ''))}"
        f'<blockquote class="nmn-quote">{_esc(before)}<mark>{_esc(text)}</mark>{_esc(after)}</blockquote>'
        f'{seller}{where}<a class="nmn-open" href="{_esc(source_href(source, start, end))}" target="_blank" '
        f'rel="noopener">Read it in the whole document<span class="nmn-sr"> (opens in a new tab)</span></a></li>'
    )


def _glance(key: str, quotes: list[Mapping[str, Any]]) -> str:
    """Evidence at a glance: each level quoted, strongest first, with links to its cards."""
    by_level: dict[str, list[int]] = {}
    for n, q in enumerate(quotes, 1):
        by_level.setdefault(_level(q), []).append(n)
    items = []
    for level in sorted(by_level, key=LEVELS.index):
        refs = " ".join(f'<a class="nmn-ref" href="#{_card_id(key, n)}"><span class="nmn-sr">source </span>[{n}]</a>'
                        for n in by_level[level])
        items.append(f'<li><span class="nmn-dot nmn-dot-{level}" aria-hidden="true"></span>'
                     f"{_esc(_label(level))} {refs}</li>")
    return f'<div class="nmn-glance"><span class="nmn-glance-title">Evidence quoted:</span><ul>{"".join(items)}</ul></div>'


def _caveat_box(caveats: list[str], heading: str) -> str:
    if not caveats:
        return ""
    items = "".join(f"<li>{_esc(c)}</li>" for c in caveats)
    return f'<div class="nmn-caveats" role="note"><div class="nmn-caveats-title">{heading}</div><ul>{items}</ul></div>'


def _notice(caveat: str) -> str:
    decision = is_decision_notice(caveat)
    heading = "Before you decide" if decision else "How strong is this evidence?"
    return (f'<div class="nmn-notice nmn-notice-{"decision" if decision else "evidence"}" role="note">'
            f'<span class="nmn-notice-title">{heading}</span> {_esc(caveat)}</div>')


def _summary(answer: Mapping[str, Any], key: str, count: int) -> str:
    summary = answer.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        return ""
    return (f'<p class="nmn-summary"><span class="nmn-summary-title">Bottom line:</span> '
            f"{_link_refs(_esc(summary), key, count)}</p>")


def _help_links(status: str, body: str) -> str:
    links = list(CRISIS_LINKS) if status == "crisis" else list(EMERGENCY_NUMBERS)
    if "1-800-222-1222" in body:
        links.append(POISON_CONTROL_LINK)
    new_tab = ' target="_blank" rel="noopener"'
    buttons = "".join(f'<li><a class="nmn-help-link" href="{_esc(href)}"{new_tab if href.startswith("http") else ""}>'
                      f"{_esc(label)}</a></li>" for label, href in links)
    return f'<ul class="nmn-help" role="list">{buttons}</ul>'


_TAPPABLE = (
    (re.compile(r"(?<![\w./-])988lifeline\.org\b"), lambda m: f'<a href="https://988lifeline.org/chat/" target="_blank" rel="noopener">{m[0]}</a>'),
    (re.compile(r"(?<![\w./-])findahelpline\.com\b"), lambda m: f'<a href="https://findahelpline.com" target="_blank" rel="noopener">{m[0]}</a>'),
    (re.compile(r"(?<![\w./-])1-800-222-1222\b"), lambda m: f'<a href="tel:+18002221222">{m[0]}</a>'),
    (re.compile(r"(?<![\w./-])(911|112|999|988)(?![\w-]|\.\w)"), lambda m: f'<a href="tel:{m[1]}">{m[0]}</a>'),
)


def _tappable(html_text: str) -> str:
    """Phone numbers and help sites in our own crisis/emergency wording as links (text only, not tags)."""
    parts = re.split(r"(<[^>]+>)", html_text)
    for i, part in enumerate(parts):
        if part.startswith("<"):
            continue
        for pattern, link in _TAPPABLE:
            pieces = re.split(r"(<a [^>]+>.*?</a>)", part)
            part = "".join(p if p.startswith("<a ") else pattern.sub(link, p) for p in pieces)
        parts[i] = part
    return "".join(parts)


def render_answer_html(answer: Mapping[str, Any], source_text: SourceText | None = None,
                       provenance: ProvenanceOf | None = None, key: str | None = None) -> str:
    """One answer (the Answer JSON) as the HTML of a chat reply.

    ``source_text(source)`` gives the paragraph around each quote, ``provenance(source)``
    the card's publisher line; ``key`` makes the card ids unique on a page (random when
    not given). Every document and question string is escaped here; the result is one
    line of HTML so a markdown pass over it (Gradio's) leaves it untouched.
    """
    key = key or uuid.uuid4().hex[:8]
    status = str(answer.get("status"))
    caveats = [str(c) for c in answer.get("caveats") or ()]
    quotes = list(answer.get("quotes") or ())
    summary = _summary(answer, key, len(quotes))
    if status in ("crisis", "emergency"):
        title = "Please get help now" if status == "crisis" else "This may be an emergency"
        body = _tappable(_markdown(str(answer.get("answer") or "")))
        return (
            f'<div class="nmn-answer nmn-alert nmn-alert-{status}" role="alert">'
            f'<div class="nmn-alert-title"><span aria-hidden="true">⚠ </span>{title}</div>'
            f'{summary}{_help_links(status, body)}<div class="nmn-short">{body}</div>'
            f'{_tappable(_caveat_box(caveats, "Please note"))}</div>'
        )
    lead = caveats[:1] if caveats and (status == "answered" or is_decision_notice(caveats[0])) else []
    rest = caveats[len(lead):]
    notice = _notice(lead[0]) if lead else ""
    if status != "answered" or not quotes:
        body = f'<div class="nmn-short">{_markdown(str(answer.get("answer") or ""))}</div>'
        return (f'<div class="nmn-answer nmn-status-{_esc(status)}">{summary}{notice}{body}'
                f'{_caveat_box(rest, "Before you act on this")}</div>')
    disagreements = "".join(f'<p class="nmn-disagree"><strong>The sources disagree.</strong> '
                            f"{_link_refs(_esc(m[1]), key, len(quotes))}</p>"
                            for m in _DISAGREE.finditer(str(answer.get("answer") or "")))
    spans = [(str(q["source"]), int(q["start"]), int(q["end"])) for q in quotes]
    cards = "".join(
        _card(key, n, q, source_text, provenance,
              tuple((s, e) for src, s, e in spans if src == q["source"] and (s, e) != (q["start"], q["end"])))
        for n, q in enumerate(quotes, 1))
    return (
        f'<div class="nmn-answer nmn-status-answered">{summary}{notice}{_glance(key, quotes)}{disagreements}'
        '<p class="nmn-sources-title">What the sources say, word for word (a source’s claim is not proof):</p>'
        f'<ol class="nmn-sources" role="list">{cards}</ol>'
        f'{_caveat_box(rest, "Before you act on this")}</div>'
    )


def render_legend_html() -> str:
    """The nine evidence levels, strongest first, each with its colour and plain words."""
    rows = "".join(
        f'<li class="nmn-legend-row" id="nmn-legend-{level.value}">{_badge(level.value)}'
        f'<span class="nmn-legend-text">{_esc(level.explanation)}</span></li>'
        for level in EvidenceLevel
    )
    return (
        '<section class="nmn-legend" id="nmn-legend" aria-labelledby="nmn-legend-title">'
        '<h2 id="nmn-legend-title" class="nmn-legend-title">What the evidence labels mean</h2>'
        '<p class="nmn-legend-intro">Every quote is labelled with the kind of study it reports, '
        "strongest first:</p>"
        f'<ol class="nmn-legend-list" role="list">{rows}</ol></section>'
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
