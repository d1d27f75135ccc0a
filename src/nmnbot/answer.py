"""Answer: choose verbatim quotes, label their evidence, write the reply and caveats.

``Quote`` and ``Answer`` are the typed result every front end shows. The
mandatory caveats are attached in ``Answer.__post_init__``, so no code path
(error, abstention, crisis, a future LLM mode) can produce an Answer without them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, Sequence

from .config import Settings
from .corpus import ANAPHORA, Passage, Sentence, is_lead_in, is_list_item
from .evidence import EvidenceClassifier, EvidenceJudgement, EvidenceLevel, evidence_caveat, find_disagreements, is_promotional, strongest
from .retrieve import Candidate

Status = Literal["answered", "not_found", "crisis", "emergency"]

PHYSICIAN_CAVEAT = (
    "Talk to your doctor or pharmacist before taking NMN or any supplement, "
    "and before changing any treatment."
)
NOT_FOUND_EVIDENCE = "nmnbot's documents do not address this question, so no evidence is quoted."
CRISIS_CAVEAT = "nmnbot is not a crisis service; a trained counsellor (988 in the US, findahelpline.com elsewhere) can help right now."
EMERGENCY_CAVEAT = "nmnbot cannot assess an emergency; call your local emergency number (911 / 112 / 999) now."
_REQUIRED = {
    "answered": (PHYSICIAN_CAVEAT,),
    "not_found": (NOT_FOUND_EVIDENCE, PHYSICIAN_CAVEAT),
    "crisis": (CRISIS_CAVEAT,),
    "emergency": (EMERGENCY_CAVEAT,),
}


@dataclass(frozen=True)
class Quote:
    text: str  # == source_text[start:end], character for character
    source: str
    title: str
    section: str
    start: int
    end: int
    evidence: EvidenceLevel
    evidence_reason: str  # the cue that decided the level
    score: float
    seller: str | None = None  # "this source sells NMN" when the source sells the product

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence.value,
            "evidence_label": self.evidence.label,
            "evidence_reason": self.evidence_reason,
            "score": round(self.score, 4),
            "seller": self.seller,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    status: Status
    answer: str  # markdown; quotes cited as [1], [2], ...
    quotes: tuple[Quote, ...] = ()
    caveats: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)  # diagnostics, e.g. why we abstained

    def __post_init__(self) -> None:
        if self.status not in _REQUIRED:
            raise ValueError(f"unknown status {self.status!r}")
        if self.status != "answered" and self.quotes:
            raise ValueError(f"a {self.status} answer carries no quotes")
        if self.status == "answered" and not self.quotes:
            raise ValueError("an answered answer needs at least one quote")
        caveats = list(dict.fromkeys(c for c in self.caveats if c))
        if self.status == "answered" and not any(c.startswith(_EVIDENCE_PREFIXES) for c in caveats):
            caveats.insert(0, evidence_caveat([(q.text, q.evidence) for q in self.quotes]))
        for required in _REQUIRED[self.status]:
            if required not in caveats:
                caveats.append(required)
        object.__setattr__(self, "caveats", tuple(caveats))

    @property
    def evidence_level(self) -> EvidenceLevel | None:
        return strongest(q.evidence for q in self.quotes)

    def to_dict(self) -> dict[str, Any]:
        level = self.evidence_level
        return {
            "question": self.question,
            "status": self.status,
            "answer": self.answer,
            "quotes": [q.to_dict() for q in self.quotes],
            "evidence_level": level.value if level else None,
            "caveats": list(self.caveats),
        }


# evidence_caveat's sentences all start with one of these; used to avoid adding a second one
_EVIDENCE_PREFIXES = ("The strongest evidence", "The only evidence", "The quotes mention", "This is the article",
                      "These quotes are", "No study")


# --------------------------------------------------------------------------- quote selection




@dataclass(frozen=True)
class _Pick:
    start: int
    end: int
    passage: Passage
    first: Sentence
    score: float


def _expand(c: Candidate, settings: Settings) -> _Pick:
    """Grow one sentence into a readable quote of whole sentences.

    A lead-in (ending in ':', or unpunctuated before a list) takes the list that
    follows; a list item is quoted with its lead-in and the rest of its list ('Talk
    with your doctor if - gas often bothers you - ...'), since an item alone does
    not say what it lists; one that opens with 'The study' / 'They' takes the
    sentence before, so the reader sees what it refers to. Never past
    ``max_quote_chars``, and a list is not joined to an unpunctuated lead-in across
    HTML markup (a quote is the file's raw text, so the reader would see the tags)."""
    sents = c.passage.sentences
    i = sents.index(c.sentence)
    start, end = c.sentence.start, c.sentence.end
    first = c.sentence
    lead = _lead_in_of(c.passage, i) if is_list_item(c.passage, i) else None
    if is_lead_in(c.passage, i):
        j = i + 1
        while j < len(sents) and sents[j].end - start <= settings.max_quote_chars:
            end = sents[j].end
            j += 1
        if not c.sentence.text.rstrip().endswith(":") and _has_markup(c.passage, start, end):
            end = c.sentence.end
    elif lead is not None and end - sents[lead].start <= settings.max_quote_chars:
        start, first = sents[lead].start, sents[lead]
        j = i + 1
        while j < len(sents) and is_list_item(c.passage, j) and sents[j].end - start <= settings.max_quote_chars:
            end = sents[j].end
            j += 1
        if _has_markup(c.passage, start, end):
            start, end, first = c.sentence.start, c.sentence.end, c.sentence
    elif ANAPHORA.match(c.sentence.text) and i > 0 and end - sents[i - 1].start <= settings.max_quote_chars:
        start = sents[i - 1].start
        first = sents[i - 1]
    return _Pick(start, end, c.passage, first, c.score)


_MARKUP = re.compile(r"</?[A-Za-z][^>]*>")


def _has_markup(passage: Passage, start: int, end: int) -> bool:
    return bool(_MARKUP.search(passage.text[start - passage.start : end - passage.start]))


def _lead_in_of(passage: Passage, i: int) -> int | None:
    """The index of the lead-in that the list holding item i hangs from, if it is in the passage."""
    j = i - 1
    while j >= 0 and is_list_item(passage, j) and not is_lead_in(passage, j):
        j -= 1
    return j if j >= 0 and is_lead_in(passage, j) else None


# When two sentences answer about equally well, the one reporting a study is the more
# useful quote (Consensus and Examine lead with the strongest study); the bonus is small
# next to the score spread between on- and off-topic sentences (~0.2).
_EVIDENCE_BONUS = {
    EvidenceLevel.SYSTEMATIC_REVIEW: 0.06, EvidenceLevel.HUMAN_RCT: 0.06, EvidenceLevel.HUMAN_STUDY: 0.04,
    EvidenceLevel.ANIMAL: 0.03, EvidenceLevel.IN_VITRO: 0.03,
}
_MAX_BONUS = max(_EVIDENCE_BONUS.values())


@lru_cache(maxsize=50_000)
def _judge(text: str, context: str | None) -> EvidenceJudgement:
    """Sentences and their contexts repeat from question to question: judge each once."""
    return _CLASSIFIER.judge(text, context)


_CLASSIFIER = EvidenceClassifier()
_promotional = lru_cache(maxsize=50_000)(is_promotional)


def _context_before(c: Candidate) -> str:
    return f"{c.passage.context} {c.passage.text[: c.sentence.start - c.passage.start]}".strip()


def select_quotes(candidates: Sequence[Candidate], settings: Settings) -> list[_Pick]:
    """The best sentence, plus others close to it in score, never advertising, never overlapping."""
    usable: list[Candidate] = []
    best_so_far = -math.inf
    for c in sorted(candidates, key=lambda c: -c.score):
        # Judging evidence is the costly step on a large corpus (each new sentence and its
        # context run the classifier), and only sentences that can reach the margin matter:
        # once even the largest bonus cannot lift a score to within it, nothing after can.
        if c.score + _MAX_BONUS < best_so_far - settings.quote_margin:
            break
        level = _judge(c.sentence.text, _context_before(c) or None).level
        if level is EvidenceLevel.PROMOTIONAL or _promotional(c.sentence.text):
            continue
        usable.append(Candidate(c.sentence, c.passage, c.cosine, c.score + _EVIDENCE_BONUS.get(level, 0.0)))
        best_so_far = max(best_so_far, usable[-1].score)
    usable.sort(key=lambda c: -c.score)
    if not usable:
        return []
    best = usable[0].score
    pool = [c for c in usable if c.score >= best - settings.quote_margin]
    picks: list[_Pick] = []
    per_passage: dict[str, int] = {}
    # Greedy with a small penalty per sentence already taken from the same passage, so the
    # answer spreads over the best few passages (the right one is often second or third)
    # without passing over a clearly better sentence next to one already quoted.
    while pool and len(picks) < settings.max_quotes:
        c = max(pool, key=lambda c: c.score - settings.same_passage_penalty * per_passage.get(c.passage.id, 0))
        pool.remove(c)
        if per_passage.get(c.passage.id, 0) >= 3:
            continue
        pick = _expand(c, settings)
        if any(p.passage.source == pick.passage.source and p.start < pick.end and pick.start < p.end for p in picks):
            continue
        picks.append(pick)
        per_passage[c.passage.id] = per_passage.get(c.passage.id, 0) + 1
    picks.sort(key=lambda p: -p.score)
    return _merge_adjacent(picks, settings)


def _merge_adjacent(picks: list[_Pick], settings: Settings) -> list[_Pick]:
    """Two picked sentences that follow each other become one quote: easier to read in context."""
    out: list[_Pick] = []
    for p in picks:
        for i, q in enumerate(out):
            if q.passage.id != p.passage.id:
                continue
            a, b = (q, p) if q.start <= p.start else (p, q)
            gap = p.passage.text[a.end - p.passage.start : b.start - p.passage.start]
            if not gap.strip() and b.end - a.start <= settings.max_quote_chars:
                out[i] = _Pick(a.start, b.end, p.passage, a.first, max(a.score, b.score))
                break
        else:
            out.append(p)
    return out


def add_other_side(picks: list[_Pick], candidates: Sequence[Candidate], settings: Settings) -> tuple[list[_Pick], list[str]]:
    """When a retrieved sentence contradicts a chosen quote, show both sides."""
    pool = [c for c in candidates[: 2 * settings.max_quotes] if not _promotional(c.sentence.text)]
    chosen_texts = [p.passage.text[p.start - p.passage.start : p.end - p.passage.start] for p in picks]
    texts = chosen_texts + [c.sentence.text for c in pool]
    notes: list[str] = []
    seen_topics: set[str] = set()
    for d in find_disagreements(texts):
        if d.topic in seen_topics:
            continue
        a, b = sorted((d.first, d.second))
        if a < len(picks) and b < len(picks):  # both sides already quoted
            notes.append(d.note)
            seen_topics.add(d.topic)
        elif a < len(picks) <= b:
            other = _expand(pool[b - len(picks)], settings)
            if any(p.passage.source == other.passage.source and p.start < other.end and other.start < p.end for p in picks):
                continue
            if len(picks) >= settings.max_quotes:
                picks = picks[:-1]
                if a >= len(picks):
                    continue
            picks.append(other)
            notes.append(d.note)
            seen_topics.add(d.topic)
    return picks, notes


def make_quotes(picks: Sequence[_Pick], source_texts: dict[str, str], sellers: dict[str, str | None]) -> list[Quote]:
    quotes = []
    for p in picks:
        text = source_texts[p.passage.source][p.start : p.end]
        before = p.passage.text[: p.first.start - p.passage.start]
        context = f"{p.passage.context} {before}".strip() or None
        judgement = _judge(text, context)
        quotes.append(Quote(text, p.passage.source, p.passage.title, p.passage.section, p.start, p.end,
                            judgement.level, judgement.explain(), p.score, sellers.get(p.passage.source)))
    return quotes


# --------------------------------------------------------------------------- writing


_LEAD = {
    EvidenceLevel.SYSTEMATIC_REVIEW: "A review of studies",
    EvidenceLevel.HUMAN_RCT: "A randomized trial in people",
    EvidenceLevel.HUMAN_STUDY: "A study in people",
    EvidenceLevel.ANIMAL: "An animal study",
    EvidenceLevel.IN_VITRO: "A lab study in cells",
    EvidenceLevel.CASE_REPORT: "One patient's story",
    EvidenceLevel.UNSPECIFIED: "Unspecified research",
    EvidenceLevel.OPINION: "The article's own claim",
    EvidenceLevel.PROMOTIONAL: "Advertising",
}


def write_answer(quotes: Sequence[Quote], disagreements: Sequence[str]) -> str:
    """A short markdown reply that reports what the sources say, not that it is true."""
    lines = ["Here is what nmnbot's sources say, quoted word for word (what a source claims is not proof):", ""]
    for n, q in enumerate(quotes, 1):
        flat = " ".join(q.text.split())
        seller = f" ({q.seller})" if q.seller else ""
        lines.append(f"{n}. **{_LEAD[q.evidence]}**, in *{_md_escape(q.title)}*{seller}: “{_md_escape(flat)}” [{n}]")
    if disagreements:
        lines += ["", "**The sources disagree.** " + " ".join(disagreements)]
    return "\n".join(lines)


def write_not_found(titles: Sequence[str]) -> str:
    shown = ", ".join(f"*{_md_escape(t)}*" for t in titles[:5])
    more = f" and {len(titles) - 5} more" if len(titles) > 5 else ""
    return (
        "nmnbot's documents don't address this question, so there is nothing to quote. "
        f"It can answer questions about what its sources cover: {shown}{more}."
    )


def _md_escape(text: str) -> str:
    """Markdown and HTML in documents are shown as text, never interpreted."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
