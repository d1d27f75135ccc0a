"""Quotes: choose the sentences to show, grow each into a readable verbatim span.

The best-scoring sentences within a margin of the best (never advertising, a small
bonus for reporting a study), spread over passages; a lead-in takes its list, a list
item its lead-in, a "The study found..." the sentence it points back to; neighbours
merge. When a retrieved sentence contradicts a chosen one, both sides are shown.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

from ..config import Settings
from ..corpus import Passage, Sentence
from ..evidence import (
    EvidenceClassifier,
    EvidenceJudgement,
    EvidenceLevel,
    is_promotional,
)
from ..text import POINTS_BACK
from .compose import Quote
from .disagreement import find_disagreements
from .retrieve import Candidate


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
    lead = _lead_in_of(c.passage, i) if sents[i].list_item else None
    if sents[i].lead_in:
        j = i + 1
        while j < len(sents) and sents[j].end - start <= settings.max_quote_chars:
            end = sents[j].end
            j += 1
        if not c.sentence.text.rstrip().endswith(":") and _has_markup(c.passage, start, end):
            end = c.sentence.end
    elif lead is not None and end - sents[lead].start <= settings.max_quote_chars:
        start, first = sents[lead].start, sents[lead]
        j = i + 1
        while j < len(sents) and sents[j].list_item and sents[j].end - start <= settings.max_quote_chars:
            end = sents[j].end
            j += 1
        if _has_markup(c.passage, start, end):
            start, end, first = c.sentence.start, c.sentence.end, c.sentence
    elif POINTS_BACK.match(c.sentence.text) and i > 0 and end - sents[i - 1].start <= settings.max_quote_chars:
        start = sents[i - 1].start
        first = sents[i - 1]
    return _Pick(start, end, c.passage, first, c.score)


def judged_items(passage: Passage, settings: Settings) -> list[tuple[str, str | None]]:
    """The (text, context) pairs make_quotes judges when one of this passage's sentences is
    quoted on its own: the sentence, and the span it grows into (a lead-in with its list, a
    list item with its lead-in, "The study..." with the sentence before). A held generation
    judges them all when it opens, so no question pays for first-time judging (issue 20).
    Neighbouring sentences picked for one question merge into one quote, so runs of two and
    three are judged too; longer merges are judged when they occur."""
    sents = passage.sentences
    spans: list[tuple[int, int, Sentence]] = []
    for i, s in enumerate(sents):
        if not s.quotable or s.bare_heading:
            continue
        spans += [(s.start, s.end, s), _span(_expand(Candidate(s, passage, 0.0, 0.0), settings))]
        # two or three neighbours picked for one question are merged into one quote
        for j in (i + 1, i + 2):
            if j < len(sents) and sents[j].end - s.start <= settings.max_quote_chars:
                spans.append((s.start, sents[j].end, s))
    out = [(passage.text[start - passage.start : end - passage.start], _judge_context(passage, first))
           for start, end, first in spans]
    return list(dict.fromkeys(out))


def _judge_context(passage: Passage, first: Sentence) -> str | None:
    """What a quote is judged in the light of: the passage's context and what precedes it."""
    return f"{passage.context} {passage.text[: first.start - passage.start]}".strip() or None


def _span(p: _Pick) -> tuple[int, int, Sentence]:
    return p.start, p.end, p.first


_MARKUP = re.compile(r"</?[A-Za-z][^>]*>")


def _has_markup(passage: Passage, start: int, end: int) -> bool:
    return bool(_MARKUP.search(passage.text[start - passage.start : end - passage.start]))


def _lead_in_of(passage: Passage, i: int) -> int | None:
    """The index of the lead-in that the list holding item i hangs from, if it is in the passage."""
    j = i - 1
    while j >= 0 and passage.sentences[j].list_item and not passage.sentences[j].lead_in:
        j -= 1
    return j if j >= 0 and passage.sentences[j].lead_in else None


# Judges (text, context) pairs in one call: the bot passes its EvidenceJudge.judge_many
# (cue rules plus the learned classifier, evidence_model.py); without one, the cue rules.
Judge = Callable[[Sequence[tuple[str, "str | None"]]], list[EvidenceJudgement]]


@lru_cache(maxsize=50_000)
def _judge(text: str, context: str | None) -> EvidenceJudgement:
    """Sentences and their contexts repeat from question to question: judge each once."""
    return _CLASSIFIER.judge(text, context)


def _by_cues(items: Sequence[tuple[str, str | None]]) -> list[EvidenceJudgement]:
    return [_judge(text, context) for text, context in items]


_CLASSIFIER = EvidenceClassifier()

# Sentences that say nothing a question could be answered by: a question the page asks its
# reader, a transition or promise of what comes next. Never quoted (the answer is in what
# follows them). "X is a common condition" is not here: on MedQuAD it opens most definitions.
_FILLER = re.compile(
    r"\?[\s\"'”’)]*$|\b(?:let[’']?s (?:look|take a look|dive|explore|find out|see)|don[’']?t just take our word|read on|"
    r"keep reading|in this (?:article|post|guide|blog)|stay tuned|you (?:may|might) (?:be )?wonder(?:ing)?|"
    r"we[’']?ll (?:look|explore|explain|discuss))\b", re.I)


@lru_cache(maxsize=50_000)
def is_filler(text: str) -> bool:
    return bool(_FILLER.search(text.strip()))

_promotional = lru_cache(maxsize=50_000)(is_promotional)


def _context_before(c: Candidate) -> str:
    return f"{c.passage.context} {c.passage.text[: c.sentence.start - c.passage.start]}".strip()


def evidence_level(c: Candidate) -> EvidenceLevel:
    """The candidate sentence's evidence level, its passage read before it."""
    return _judge(c.sentence.text, _context_before(c) or None).level


def evidence_rank(c: Candidate) -> int:
    """The candidate sentence's evidence level as a rank (0 = systematic review ... 8 = promotional)."""
    return evidence_level(c).rank


def _max_bonus(settings: Settings) -> float:
    """The largest score a study bonus can add: past it, no later candidate can reach the margin."""
    return max(settings.study_bonus.values(), default=0.0)


def rank_candidates(question: str, candidates: Sequence[Candidate], idf: Any, repeats: Any) -> list[Candidate] | None:
    """The candidates with ``score`` set to the ranker's probability that each answers the
    question (pipeline/rank.py), best first; None when there is no ranker model."""
    from .rank import Context, features, load_ranker

    ranker = load_ranker()
    if ranker is None or not candidates:
        return None
    probs = ranker.probabilities(features(Context(question, idf, repeats, evidence_rank), candidates))
    ranked = [dataclasses.replace(c, score=float(p)) for c, p in zip(candidates, probs)]
    ranked.sort(key=lambda c: -c.score)
    return ranked


def select_ranked(ranked: Sequence[Candidate], settings: Settings, allow_generic: bool = False) -> list[_Pick]:
    """Quotes from ranked candidates (score = probability of answering): the best, and others
    that are both likely answers (``rank_min_probability``) and close to the best
    (``rank_margin``); never advertising, filler or (unless ``allow_generic``: the question asks
    what something is) a generic statement about a condition; never overlapping; the
    strongest evidence first."""
    from .rank import is_generic

    usable = [c for c in ranked if not _promotional(c.sentence.text) and not is_filler(c.sentence.text)
              and (allow_generic or not is_generic(c.sentence.text)) and evidence_rank(c) < EvidenceLevel.PROMOTIONAL.rank]
    if not usable:
        return []
    best = usable[0].score
    pool = [c for c in usable if c is usable[0] or (c.score >= settings.rank_min_probability
                                                     and c.score >= best - settings.rank_margin)]
    merged = _merge_adjacent(_greedy(pool, settings), settings)
    merged.sort(key=lambda p: (_judge(p.passage.span(p.start, p.end), _pick_context(p)).level.rank, -p.score))
    return merged


def _likely(p: _Pick, ranked: Sequence[Candidate]) -> float:
    """The ranker's probability for the best sentence inside a quote (a quote may bring its lead-in)."""
    inside = [c.score for c in ranked if c.passage.id == p.passage.id and p.start <= c.sentence.start < p.end]
    return max(inside, default=1.0)


def keep_likely(picks: list[_Pick], ranked: Sequence[Candidate], floor: float) -> list[_Pick]:
    """The heuristic's picks, the first always, the others only when the ranker gives the
    sentence they were chosen for at least ``floor`` probability of answering the question."""
    return [p for i, p in enumerate(picks) if i == 0 or _likely(p, ranked) >= floor]


def above_floor(picks: list[_Pick], ranked: Sequence[Candidate], floor: float) -> list[_Pick]:
    """The picks whose best sentence the ranker gives at least ``floor`` probability of answering."""
    return [p for p in picks if _likely(p, ranked) >= floor]


def with_heuristic_first(picks: list[_Pick], first: list[_Pick], settings: Settings) -> list[_Pick]:
    """The ranker's picks plus the heuristic's best quote: the ranker is the more precise, the
    heuristic's first quote the surer hit on NIH pages (MedQuAD), so both stand. When the two
    overlap in one passage they become one quote covering both (within the length limit)."""
    for h in first:
        overlapping = [i for i, p in enumerate(picks)
                       if p.passage.source == h.passage.source and p.start < h.end and h.start < p.end]
        if not overlapping:
            picks = [*picks, h][: settings.max_quotes]
            continue
        i = overlapping[0]
        p = picks[i]
        start, end = min(p.start, h.start), max(p.end, h.end)
        if len(overlapping) == 1 and p.passage.id == h.passage.id and end - start <= settings.max_quote_chars:
            lead = p.first if p.start <= h.start else h.first
            picks = [*picks[:i], _Pick(start, end, p.passage, lead, max(p.score, h.score)), *picks[i + 1 :]]
    return picks


def lead_with_study(picks: list[_Pick], ranked: Sequence[Candidate], settings: Settings) -> list[_Pick]:
    """When no quote reports a study, the best-ranked candidate that does (probability of
    answering at least ``rank_study_floor``) leads: for a question of efficacy, safety or
    dose, a study saying so outranks an opinion saying the same (issue 15)."""
    def level_of(p: _Pick) -> EvidenceLevel:
        return _judge(p.passage.span(p.start, p.end), _pick_context(p)).level

    if any(level_of(p).rank <= EvidenceLevel.CASE_REPORT.rank for p in picks):
        return picks
    for c in ranked:
        if c.score < settings.rank_study_floor:
            break
        if evidence_rank(c) > EvidenceLevel.CASE_REPORT.rank or _promotional(c.sentence.text):
            continue
        pick = _expand(c, settings)
        if any(p.passage.source == pick.passage.source and p.start < pick.end and pick.start < p.end for p in picks):
            return picks
        return [pick, *picks][: settings.max_quotes]
    return picks


def _pick_context(p: _Pick) -> str | None:
    return _judge_context(p.passage, p.first)


def _greedy(pool: list[Candidate], settings: Settings) -> list[_Pick]:
    """Best first, a small penalty per sentence already taken from the same passage, at most
    ``max_quotes_per_passage`` from one passage, never two quotes that overlap."""
    pool = list(pool)
    picks: list[_Pick] = []
    per_passage: dict[str, int] = {}
    while pool and len(picks) < settings.max_quotes:
        c = max(pool, key=lambda c: c.score - settings.same_passage_penalty * per_passage.get(c.passage.id, 0))
        pool.remove(c)
        if per_passage.get(c.passage.id, 0) >= settings.max_quotes_per_passage:
            continue
        pick = _expand(c, settings)
        if any(p.passage.source == pick.passage.source and p.start < pick.end and pick.start < p.end for p in picks):
            continue
        picks.append(pick)
        per_passage[c.passage.id] = per_passage.get(c.passage.id, 0) + 1
    return picks


def select_quotes(candidates: Sequence[Candidate], settings: Settings, judge: Judge | None = None) -> list[_Pick]:
    """Without the ranker: the best sentence by the heuristic score, plus others close to it,
    never advertising, never overlapping. ``judge`` labels evidence (the bot's EvidenceJudge;
    without one, the cue rules)."""
    judge = judge or _by_cues
    usable: list[Candidate] = []
    best_so_far = -math.inf
    max_bonus = _max_bonus(settings)
    ranked = sorted(candidates, key=lambda c: -c.score)
    if ranked:
        # the sentences the loop below will almost surely judge, in one call (one encoder batch)
        judge([(c.sentence.text, _context_before(c) or None) for c in ranked
               if c.score + max_bonus >= ranked[0].score - settings.quote_margin])
    for c in ranked:
        # Judging evidence is the costly step on a large corpus (each new sentence and its
        # context run the classifier), and only sentences that can reach the margin matter:
        # once even the largest bonus cannot lift a score to within it, nothing after can.
        if c.score + max_bonus < best_so_far - settings.quote_margin:
            break
        if is_filler(c.sentence.text):
            continue
        level = judge([(c.sentence.text, _context_before(c) or None)])[0].level
        if level is EvidenceLevel.PROMOTIONAL or _promotional(c.sentence.text):
            continue
        usable.append(dataclasses.replace(c, score=c.score + settings.study_bonus.get(level.value, 0.0)))
        best_so_far = max(best_so_far, usable[-1].score)
    usable.sort(key=lambda c: -c.score)
    if not usable:
        return []
    best = usable[0].score
    # Greedy with a small penalty per sentence already taken from the same passage, so the
    # answer spreads over the best few passages (the right one is often second or third)
    # without passing over a clearly better sentence next to one already quoted.
    picks = _greedy([c for c in usable if c.score >= best - settings.quote_margin], settings)
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


def make_quotes(picks: Sequence[_Pick], source_texts: dict[str, str], sellers: dict[str, str | None],
                judge: Judge | None = None) -> list[Quote]:
    items = []
    for p in picks:
        items.append((source_texts[p.passage.source][p.start : p.end], _pick_context(p)))
    quotes = []
    for p, (text, _), judgement in zip(picks, items, (judge or _by_cues)(items)):
        quotes.append(Quote(text, p.passage.source, p.passage.title, p.passage.section, p.start, p.end,
                            judgement.level, judgement.explain(), p.score, sellers.get(p.passage.source)))
    return quotes
