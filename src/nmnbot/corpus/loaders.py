"""Loaders: read a source file and cut it into blocks (title, headings, paragraphs).

Plain text, Markdown (markdown-it line maps), HTML (stdlib html.parser) and PDF
(pypdf). Every block points into the file's text by offset; nothing is rewritten.
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from ..config import Settings
from ..errors import CorpusError
from ..text import ends_sentence
from .document import Block, BlockKind

# --------------------------------------------------------------------------- files


def iter_corpus_files(corpus_dir: Path, settings: Settings) -> Iterator[Path]:
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in settings.file_types:
            yield path


def source_name(path: Path, corpus_dir: Path) -> str:
    return path.relative_to(corpus_dir).as_posix()


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_source_text(path: Path) -> str:
    """The text that quote offsets index into: the file's UTF-8 text, or for a PDF
    the text pypdf extracts (pages joined by a form feed)."""
    if path.suffix.lower() == ".pdf":
        return _pdf_text(path)
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{path.name}: looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path.name}: not valid UTF-8 (byte {exc.start}); save it as UTF-8 to include it"
        ) from None


def _pdf_text(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs "invalid pdf header" / "EOF marker not found" on its own; the skip reason says it,
    # and the CLI promises one line on stderr.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise CorpusError(f"{path.name}: unreadable PDF ({exc})") from None
    return "\f".join(pages)


# --------------------------------------------------------------------------- loaders -> blocks


def blocks_plain(text: str) -> list[Block]:
    """Plain text: each non-empty line is a paragraph, unless the file is hard-wrapped
    (most lines end mid-sentence), in which case blank-line separated blocks are."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    if not lines:
        return []
    ends_mid = sum(1 for s, e in lines if not ends_sentence(text[s:e], bracket=True))
    hard_wrapped = len(lines) > 8 and ends_mid / len(lines) > 0.6 and _median_len(text, lines) < 100
    if hard_wrapped:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    else:
        spans = lines
    blocks = []
    for s, e in spans:
        s, e = strip_span(text, s, e)
        if s < e:
            blocks.append(Block("paragraph", s, e))
    return _mark_headings(text, blocks)


def _median_len(text: str, spans: list[tuple[int, int]]) -> float:
    lengths = sorted(e - s for s, e in spans)
    return lengths[len(lengths) // 2]


def _mark_headings(text: str, blocks: list[Block]) -> list[Block]:
    """A short line with no closing punctuation, standing alone, is a heading; the first is the title."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        line = text[b.start : b.end]
        alone = "\n" not in line
        short = len(line) <= 100 and len(line.split()) <= 14
        is_heading = alone and short and not ends_sentence(line, comma=True) and not line.startswith(("–", "-", "•", "*"))
        if i == 0 and alone and len(line) <= 200:
            out.append(Block("title", b.start, b.end))
        elif is_heading:
            out.append(Block("heading", b.start, b.end))
        else:
            out.append(b)
    return out


def blocks_markdown(text: str) -> list[Block]:
    """Markdown: block structure from markdown-it (line maps); the paragraph span is the
    raw source of its inline content, so a quote is the file's text, markup and all.
    A ``---`` front matter header is provenance (provenance.py), never a block."""
    from markdown_it import MarkdownIt

    from .provenance import front_matter

    _, header_end = front_matter(text)
    if header_end:  # front matter is provenance, not prose: blank it out, offsets unchanged
        text = re.sub(r"[^\n]", " ", text[:header_end]) + text[header_end:]
    md = MarkdownIt("commonmark")
    tokens = md.parse(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    blocks: list[Block] = []
    pending: BlockKind | None = None
    for tok in tokens:
        if tok.type == "heading_open":
            pending = "title" if tok.tag == "h1" and not any(b.kind == "title" for b in blocks) else "heading"
        elif tok.type == "paragraph_open":
            pending = "paragraph"
        elif tok.type == "inline" and pending and tok.map:
            first, last = tok.map
            s = line_starts[first]
            e = line_starts[last] if last < len(line_starts) else len(text)
            first_line = tok.content.split("\n", 1)[0]
            found = text.find(first_line, s, e) if first_line else -1
            if found >= 0:
                s = found
            s, e = strip_span(text, s, e)
            if s < e:
                blocks.append(Block(pending, s, e))
            pending = None
    if blocks and not any(b.kind == "title" for b in blocks) and blocks[0].kind == "heading":
        blocks[0] = Block("title", blocks[0].start, blocks[0].end)
    return blocks


_HTML_BLOCK_TAGS = {
    "p", "div", "li", "dd", "dt", "td", "th", "blockquote", "pre", "section", "article",
    "main", "br", "tr", "table", "ul", "ol", "figure", "figcaption", "body", "html", "hr",
}
_HTML_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "button", "select", "iframe"}
_HTML_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "param", "track"}


class _HTMLBlocks(HTMLParser):
    """Collect text runs per block element with their raw offsets (stdlib html.parser)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.skip_depth = 0
        self.kind: BlockKind = "paragraph"
        self.cur: list[int] | None = None  # [start, end] of the current block's text
        self.blocks: list[Block] = []
        self.title: Block | None = None
        self.in_title = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _flush(self) -> None:
        if self.cur is not None:
            s, e = strip_span(self.raw, self.cur[0], self.cur[1])
            if s < e:
                self.blocks.append(Block(self.kind, s, e))
        self.cur = None
        self.kind = "paragraph"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP and tag not in _HTML_VOID:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _HTML_HEADINGS:
            self._flush()
            self.kind = "heading"
        elif tag in _HTML_BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP and tag not in _HTML_VOID:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _HTML_HEADINGS or tag in _HTML_BLOCK_TAGS:
            self._flush()

    def _text(self, length_hint: int | None = None) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        # the event's raw extent is up to the next '<' (data) or ';' (references)
        end = self.raw.find("<", start)
        end = len(self.raw) if end < 0 else end
        if self.in_title:
            s, e = strip_span(self.raw, start, end)
            if s < e and self.title is None:
                self.title = Block("title", s, e)
            return
        if self.cur is None:
            self.cur = [start, end]
        else:
            self.cur[1] = max(self.cur[1], end)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()


def blocks_html(text: str) -> list[Block]:
    parser = _HTMLBlocks(text)
    parser.feed(text)
    parser.close()
    parser._flush()
    blocks = parser.blocks
    if parser.title is not None:
        blocks = [parser.title] + blocks
    elif blocks and blocks[0].kind == "heading":
        blocks[0] = Block("title", blocks[0].start, blocks[0].end)
    return blocks


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
