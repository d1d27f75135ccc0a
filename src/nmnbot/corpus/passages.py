"""Passages: sentences (pysbd) grouped into passages of one section, each sentence's role
decided here, once, and the whole file turned into a SourceDocument.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from ..config import Settings
from ..errors import CorpusError
from ..text import ends_sentence
from .chrome import drop_chrome
from .document import Block, Passage, Sentence, SourceDocument
from .loaders import (
    blocks_html,
    blocks_markdown,
    blocks_plain,
    file_digest,
    read_source_text,
    source_name,
    strip_span,
)

# a list item's marker: "- ", "* ", "• ", "1. ", "2) "
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
# what comes just before an HTML list item's text: <li>, maybe with more opening tags
_HTML_ITEM_OPEN = re.compile(r"<li\b[^>]*>\s*(?:<(?!/)[^>]*>\s*)*$", re.IGNORECASE)


def same_text_key(text: str) -> str:
    """A sentence's words without its list marker or spacing: equal keys, the same sentence."""
    return " ".join(_LIST_MARK.sub("", text, count=1).split())


def _is_list_item(text: str, sentences: Sequence[Sentence], start: int, i: int) -> bool:
    """The i-th sentence opens a list item: its own text starts with a marker, or its line
    does (markdown, where the marker is markup outside the item's text), or it follows an
    HTML <li>. ``text`` is the passage's text, starting at file offset ``start``."""
    s = sentences[i]
    if _LIST_MARK.match(s.text):
        return True
    before = text[: s.start - start]
    if "\n" in before and _LIST_MARK.fullmatch(before.rsplit("\n", 1)[1] + " "):
        return True
    return bool(_HTML_ITEM_OPEN.search(before[-200:]))


def _with_roles(text: str, sentences: Sequence[Sentence], start: int) -> tuple[Sentence, ...]:
    """The passage's sentences with their roles set.

    A lead-in ('Symptoms include:', or an unpunctuated 'Talk with your doctor if' with its
    list on the following lines) means nothing without its list. A bare heading is a short
    line with no closing punctuation that neither is a list item nor leads into one
    ('Nonsurgical Treatments'): a heading the file did not mark up, context, never a quote."""
    items = [_is_list_item(text, sentences, start, i) for i in range(len(sentences))]
    out = []
    for i, s in enumerate(sentences):
        body = s.text.rstrip()
        closed = ends_sentence(body, footnote=True)
        lead_in = body.endswith(":") or (not closed and not items[i] and i + 1 < len(sentences) and items[i + 1])
        heading = len(s.text.split()) <= 8 and not closed and not items[i] and not lead_in
        out.append(Sentence(s.start, s.end, s.text, s.quotable, items[i], lead_in, heading))
    return tuple(out)


# --------------------------------------------------------------------------- sentences


@lru_cache(maxsize=1)
def _segmenter():  # pysbd builds its rule tables once
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str, start: int, end: int, min_chars: int) -> list[Sentence]:
    """Sentence spans inside text[start:end], from pysbd, trimmed of white space.

    List items and lines that end a sentence are also boundaries, so a bullet
    never runs into the next one."""
    out: list[Sentence] = []
    for seg_s, seg_e in _line_segments(text, start, end):
        piece = text[seg_s:seg_e]
        for span in _segmenter().segment(piece):
            s, e = strip_span(text, seg_s + span.start, seg_s + span.end)
            if s < e:
                sent = text[s:e]
                # a question in a document ("So, what are exosomes?") asks, it does not report
                quotable = len(sent) >= min_chars and any(c.isalpha() for c in sent) and not sent.rstrip("\"”’)").endswith("?")
                out.append(Sentence(s, e, sent, quotable=quotable))
    return out


def _line_segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Break a block at newlines that follow closing punctuation or precede a bullet."""
    s = start
    for m in re.finditer(r"\n", text[start:end]):
        nl = start + m.start()
        before = text[s:nl].rstrip()
        after = text[nl + 1 : end].lstrip()
        if ends_sentence(before, bracket=True) or re.match(r"[-–•*]\s|\d+[.)]\s", after) or not before:
            yield s, nl
            s = nl + 1
    yield s, end


# --------------------------------------------------------------------------- passages


def build_passages(source: str, digest: str, text: str, blocks: list[Block], settings: Settings,
                   dropped: Sequence[Block] = ()) -> tuple[str, list[Passage]]:
    """Group sentences of each section into passages of at most ``passage_max_chars``.

    A passage never spans dropped chrome: its text is one raw slice of the file."""
    title = next((text[b.start : b.end].strip() for b in blocks if b.kind == "title"), Path(source).stem)
    passages: list[Passage] = []
    section = title
    section_text: list[str] = []
    current: list[Sentence] = []

    def flush() -> None:
        if not current:
            return
        s, e = current[0].start, current[-1].end
        pid = hashlib.sha1(f"{digest}:{s}:{e}".encode()).hexdigest()[:20]
        context = " ".join(section_text)[-1200:]
        sentences = _with_roles(text[s:e], current, s)
        passages.append(Passage(pid, source, title, section, s, e, text[s:e], sentences, context))
        section_text.append(text[s:e])
        current.clear()

    dropped_set = set(dropped)
    for b in sorted([*blocks, *dropped], key=lambda b: b.start):
        if b in dropped_set:
            flush()
            continue
        if b.kind in ("title", "heading"):
            flush()
            section = " ".join(text[b.start : b.end].split())
            section_text.clear()
            if b.kind == "title":
                section = title
            continue
        for sent in split_sentences(text, b.start, b.end, settings.min_quote_chars):
            if current and sent.end - current[0].start > settings.passage_max_chars:
                flush()
            current.append(sent)
        # a paragraph boundary is a good place to end a passage once it has some body
        if current and current[-1].end - current[0].start > settings.passage_max_chars // 2:
            flush()
    flush()
    return title, passages


def load_document(path: Path, corpus_dir: Path, settings: Settings, digest: str | None = None) -> SourceDocument:
    """Read one file into a SourceDocument; raises CorpusError with the file named."""
    source = source_name(path, corpus_dir)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorpusError(f"{source}: cannot read ({exc.strerror})") from None
    if size == 0:
        raise CorpusError(f"{source}: empty file")
    if size > settings.max_file_bytes:
        raise CorpusError(f"{source}: {size:,} bytes is over the {settings.max_file_bytes:,}-byte limit")
    try:
        digest = digest or file_digest(path)
        text = read_source_text(path)
    except PermissionError:
        raise CorpusError(f"{source}: permission denied") from None
    except OSError as exc:
        raise CorpusError(f"{source}: cannot read ({exc.strerror or exc})") from None
    suffix = path.suffix.lower()
    kind = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}.get(suffix, "txt")
    if kind == "md":
        blocks = blocks_markdown(text)
    elif kind == "html":
        blocks = blocks_html(text)
    else:
        blocks = blocks_plain(text)
    kept, dropped = drop_chrome(text, blocks)
    title, passages = build_passages(source, digest, text, kept, settings, dropped)
    if kind == "html":
        title = html.unescape(title)
    if not passages:
        raise CorpusError(f"{source}: no readable text")
    return SourceDocument(source, title, kind, digest, text, tuple(passages), tuple(dropped))
