"""Corpus: read source files into passages of whole sentences with exact spans.

Each loader (plain text, Markdown, HTML, PDF) turns a file into *blocks*
(headings and paragraphs) that point into the file's text by character offset.
Page chrome (repeated captions, blog footers, reference lists) is dropped here,
before anything is indexed, and no offset is ever shifted: every Sentence and
Passage keeps ``text == source_text[start:end]``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Literal, Sequence

from .config import Settings
from .errors import CorpusError

BlockKind = Literal["title", "heading", "paragraph"]

# A sentence opening like this leans on the one before it for its subject.
ANAPHORA = re.compile(
    r"^(The (study|studies|researchers?|team|trial|results?|experiment)|They|These|This|Those|It|Its|He|She)\b")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    quotable: bool = True  # False for fragments too short to stand alone as a quote


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences of one section: the unit we embed and search."""

    id: str
    source: str
    title: str
    section: str
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]
    context: str = ""  # the section text before this passage (used for evidence inheritance)

    def embedding_text(self) -> str:
        """Title and section go in front: answers rarely repeat the subject a question names."""
        head = self.title if self.section in ("", self.title) else f"{self.title}. {self.section}"
        return f"{head}\n{self.text}"

    def sentence_embedding_text(self, sentence: Sentence) -> str:
        """A sentence with its section heading, and with the sentence before it when it opens
        with a pronoun: a list item ('– Headache, dizziness') or 'It can cause persistent
        sadness' means little alone; under its heading and antecedent it answers questions.

        When the sentence leaves out most of the title's words ('This condition is inherited
        in an X-linked dominant pattern.'), the title goes in front too: it names the subject
        the sentence assumes. A sentence that already names it keeps its own wording, so a
        long title does not drown it. Measured on MedQuAD samples: 89 -> 90 and 89 -> 93 of
        100 quotes inside the gold answer; the seed eval hit rate unchanged, its MRR 0.80 -> 0.77
        (README, "What was measured")."""
        text = sentence.text
        i = self.sentences.index(sentence)
        if i > 0 and ANAPHORA.match(text):
            text = f"{self.sentences[i - 1].text} {text}"
        head = self.section
        if self.title and _leaves_out_subject(self.title, text):
            head = self.title if self.section in ("", self.title) else f"{self.title}. {self.section}"
        return f"{head}: {text}" if head else text


# a list item's marker: "- ", "* ", "• ", "1. ", "2) "
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
# a sentence's closing punctuation, maybe inside quotes or brackets, maybe with a footnote
# number after it ("in the United States.1")
_CLOSED = re.compile(r"(?:[.!?;:…]['\"”’)\]]*|[.!?]\d{1,3})\s*$")


# what comes just before an HTML list item's text: <li>, maybe with more opening tags
_HTML_ITEM_OPEN = re.compile(r"<li\b[^>]*>\s*(?:<(?!/)[^>]*>\s*)*$", re.IGNORECASE)


def is_list_item(passage: "Passage", i: int) -> bool:
    """The passage's i-th sentence opens a list item: its own text starts with a marker, or
    its line does (markdown, where the marker is markup outside the item's text), or it
    follows an HTML <li>."""
    s = passage.sentences[i]
    if _LIST_MARK.match(s.text):
        return True
    before = passage.text[: s.start - passage.start]
    if "\n" in before and _LIST_MARK.fullmatch(before.rsplit("\n", 1)[1] + " "):
        return True
    return bool(_HTML_ITEM_OPEN.search(before[-200:]))


def same_text_key(text: str) -> str:
    """A sentence's words without its list marker or spacing: equal keys, the same sentence."""
    return " ".join(_LIST_MARK.sub("", text, count=1).split())


def is_lead_in(passage: "Passage", i: int) -> bool:
    """'Symptoms include:', or an unpunctuated 'may have symptoms such as' / 'Talk with your
    doctor if' with its list on the following lines: it means nothing without the list."""
    text = passage.sentences[i].text.rstrip()
    if text.endswith(":"):
        return True
    return (not _CLOSED.search(text) and not is_list_item(passage, i)
            and i + 1 < len(passage.sentences) and is_list_item(passage, i + 1))


def is_bare_heading(passage: "Passage", i: int) -> bool:
    """A short line with no closing punctuation that neither is a list item nor leads into
    one ('Nonsurgical Treatments', 'Stage III Testicular Cancer'): a heading the file did
    not mark up. It is context, never a quote on its own."""
    text = passage.sentences[i].text
    return (len(text.split()) <= 8 and not _CLOSED.search(text) and not is_list_item(passage, i)
            and not is_lead_in(passage, i))


def _leaves_out_subject(title: str, text: str) -> bool:
    """True when the text shares fewer than half of the title's content-word stems."""
    from .retrieve import stems  # one stemmer and stopword list for the whole engine

    title_stems = set(stems(title))
    return len(title_stems & set(stems(text))) * 2 < len(title_stems)


@dataclass(frozen=True)
class SourceDocument:
    source: str  # path relative to the corpus directory, '/'-separated
    title: str
    kind: str  # txt, md, html, pdf
    digest: str  # sha256 of the file's bytes
    text: str  # the text every offset points into
    passages: tuple[Passage, ...]
    dropped: tuple[Block, ...] = ()  # chrome kept out of the index


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


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
    ends_mid = sum(1 for s, e in lines if not re.search(r"[.!?:;\"”)\]]\s*$", text[s:e]))
    hard_wrapped = len(lines) > 8 and ends_mid / len(lines) > 0.6 and _median_len(text, lines) < 100
    if hard_wrapped:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    else:
        spans = lines
    blocks = []
    for s, e in spans:
        s, e = _strip_span(text, s, e)
        if s < e:
            blocks.append(Block("paragraph", s, e))
    return _mark_headings(text, blocks)


def _median_len(text: str, spans: list[tuple[int, int]]) -> float:
    lengths = sorted(e - s for s, e in spans)
    return lengths[len(lengths) // 2]


_SENTENCE_END = re.compile(r"[.!?;,:]['\"”’)]*\s*$")


def _mark_headings(text: str, blocks: list[Block]) -> list[Block]:
    """A short line with no closing punctuation, standing alone, is a heading; the first is the title."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        line = text[b.start : b.end]
        alone = "\n" not in line
        short = len(line) <= 100 and len(line.split()) <= 14
        is_heading = alone and short and not _SENTENCE_END.search(line) and not line.startswith(("–", "-", "•", "*"))
        if i == 0 and alone and len(line) <= 200:
            out.append(Block("title", b.start, b.end))
        elif is_heading:
            out.append(Block("heading", b.start, b.end))
        else:
            out.append(b)
    return out


def blocks_markdown(text: str) -> list[Block]:
    """Markdown: block structure from markdown-it (line maps); the paragraph span is the
    raw source of its inline content, so a quote is the file's text, markup and all."""
    from markdown_it import MarkdownIt

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
            s, e = _strip_span(text, s, e)
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
            s, e = _strip_span(self.raw, self.cur[0], self.cur[1])
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
            s, e = _strip_span(self.raw, start, end)
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


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --------------------------------------------------------------------------- chrome


_FOOTER = re.compile(
    r"^(back to (blog|top|home)|leave a (comment|reply)|please note,? comments? (need|must) to be approved.*"
    r"|share (this|on)\b.*|posted (in|on|by)\b.*|tags?:.*|related (posts|articles)|read more|subscribe\b.*"
    r"|previous (post|article)|next (post|article)|all rights reserved.*|©.*|copyright\b.*|skip to (main )?content)$",
    re.IGNORECASE,
)
# A line that is only a link or "Source: <url>" points elsewhere; it says nothing itself.
_LINK_LINE = re.compile(r"^(?:(?:source|sources|url|link|retrieved from|available at|read more at|originally published at)\s*:?\s*)?<?https?://\S+>?$", re.IGNORECASE)
_CAPTION = re.compile(r"^\([^()]{0,200}\)$")  # a line wholly in parentheses: an image caption
_REFERENCE_ENTRY = re.compile(r"^(\(\d{1,3}\)|\[\d{1,3}\]|\d{1,3}\.)\s+\S.{0,300}$")
_REFERENCE_HEADING = re.compile(r"^(references|bibliography|sources|citations|footnotes|works cited)\s*:?$", re.IGNORECASE)
_CITATION = re.compile(r"\(\d{4}\)|\bdoi\b|\bet al\.|\d+\(\d+\),?\s*\d+")


def drop_chrome(text: str, blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Split blocks into (kept, dropped): repeated captions, footers and reference lists go."""
    counts = Counter(text[b.start : b.end].strip().casefold() for b in blocks)
    seen: set[str] = set()
    kept: list[Block] = []
    dropped: list[Block] = []
    in_references = False
    for b in blocks:
        line = text[b.start : b.end].strip()
        key = line.casefold()
        if b.kind in ("title", "heading"):
            in_references = bool(_REFERENCE_HEADING.match(line))
        repeated = counts[key] > 1 and key in seen and len(line) < 300
        seen.add(key)
        reference = in_references or (_REFERENCE_ENTRY.match(line) is not None and (
            _CITATION.search(line) is not None or len(line) < 120) and b.kind != "title"
            and not line.endswith(":"))
        if repeated or _FOOTER.match(line) or _CAPTION.match(line) or _LINK_LINE.match(line) or reference or (
            b.kind != "title" and _REFERENCE_HEADING.match(line)
        ):
            dropped.append(b)
        else:
            kept.append(b)
    return kept, dropped


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
            s, e = _strip_span(text, seg_s + span.start, seg_s + span.end)
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
        if re.search(r"[.!?:;\"”)]$", before) or re.match(r"[-–•*]\s|\d+[.)]\s", after) or not before:
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
        passages.append(Passage(pid, source, title, section, s, e, text[s:e], tuple(current), context))
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
