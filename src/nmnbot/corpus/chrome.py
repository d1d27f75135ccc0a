"""Page chrome: repeated captions, blog footers, link lines and reference lists.

Dropped before anything is indexed, by block, so no offset ever shifts.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Block

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
