"""Provenance: who published a document, where and when, for the quote cards and /source.

Read from the document itself where its format carries it (an HTML page's <title>,
canonical link, og:site_name and article:published_time; a PDF's metadata; Markdown
front matter), else from an optional ``sources.toml`` at the corpus root, one table per
file::

    ["nmn-depression.txt"]
    title = "How NMN Can Help You Fight Depression"
    url = "https://example.org/nmn-depression"
    publisher = "Purovitalis, an NMN brand"
    date = "2024-05-01"

A value the document carries wins; the file fills the gaps. Every value is plain text
(the page escapes it); a URL that is not http(s) is dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Mapping

log = logging.getLogger("nmnbot")

SOURCES_FILE = "sources.toml"
_MAX_CHARS = 300  # a title or publisher longer than this is not metadata


@dataclass(frozen=True)
class Provenance:
    title: str = ""
    url: str = ""
    publisher: str = ""
    date: str = ""  # YYYY-MM-DD when the document gives a full date, else as written

    @classmethod
    def clean(cls, title: Any = "", url: Any = "", publisher: Any = "", date: Any = "") -> "Provenance":
        url_text = _text(url)
        return cls(_text(title), url_text if re.match(r"https?://\S+$", url_text, re.I) else "",
                   _text(publisher), _date(date))

    def or_else(self, other: "Provenance | None") -> "Provenance":
        """This provenance with its empty fields filled from ``other``."""
        if other is None:
            return self
        return replace(self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= _MAX_CHARS else ""


def _date(value: Any) -> str:
    """2024-05-01T10:00:00Z, 2024-05-01 or a PDF's D:20240501... become 2024-05-01."""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    text = _text(value)
    m = re.match(r"(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", text)
    return f"{m[1]}-{m[2]}-{m[3]}" if m else text[:40]


# --------------------------------------------------------------------------- from the document


class _HTMLHead(HTMLParser):
    """<title>, <link rel=canonical>, and the og:/article: meta tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.found.setdefault("canonical", a.get("href", ""))
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key in ("og:site_name", "og:title", "og:url", "article:published_time", "article:publisher"):
                self.found.setdefault(key, a.get("content", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.found.setdefault("title", "".join(self._title))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)


def _from_html(text: str) -> Provenance:
    parser = _HTMLHead()
    parser.feed(text[:200_000])  # the head is at the top; a huge body adds nothing
    f = parser.found
    return Provenance.clean(title=f.get("title") or f.get("og:title"), url=f.get("canonical") or f.get("og:url"),
                            publisher=f.get("og:site_name") or f.get("article:publisher"),
                            date=f.get("article:published_time"))


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEYS = {
    "title": "title", "url": "url", "canonical": "url", "canonical_url": "url", "source": "url",
    "publisher": "publisher", "site": "publisher", "site_name": "publisher",
    "date": "date", "published": "date", "published_time": "date",
}


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """A Markdown file's ``---``-fenced ``key: value`` header and where it ends (0 when none)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    values: dict[str, str] = {}
    for line in m[1].splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t", "#")):
            values[key.strip().lower()] = value.strip().strip("'\"")
    return values, m.end()


def _from_markdown(text: str) -> Provenance:
    values, _ = front_matter(text)
    mapped: dict[str, str] = {}
    for key, value in values.items():
        if key in _FRONT_KEYS and value:
            mapped.setdefault(_FRONT_KEYS[key], value)
    return Provenance.clean(**mapped)


def _from_pdf(path: Path) -> Provenance:
    from pypdf import PdfReader

    try:
        meta = PdfReader(str(path)).metadata
    except Exception:  # an unreadable PDF is reported by the loader; it just has no provenance
        return Provenance()
    if not meta:
        return Provenance()
    return Provenance.clean(title=meta.title, publisher=meta.get("/Publisher") or meta.author,
                            url=meta.get("/URL"), date=meta.get("/CreationDate"))


def document_provenance(path: Path, text: str) -> Provenance:
    """What the document itself says about where it came from (empty fields when nothing)."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return _from_html(text)
    if suffix in (".md", ".markdown"):
        return _from_markdown(text)
    if suffix == ".pdf":
        return _from_pdf(path)
    return Provenance()


# --------------------------------------------------------------------------- sources.toml


def read_sources_file(corpus_dir: Path) -> dict[str, Provenance]:
    """``corpus_dir/sources.toml`` as {source: Provenance}; missing or malformed -> {} (logged)."""
    import tomllib

    path = Path(corpus_dir) / SOURCES_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("%s is not readable TOML, ignored: %s", path, exc)
        return {}
    out: dict[str, Provenance] = {}
    for source, table in data.items():
        if isinstance(table, Mapping):
            out[str(source)] = Provenance.clean(**{k: table.get(k) for k in ("title", "url", "publisher", "date")})
    return out
