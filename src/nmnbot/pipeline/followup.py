"""Turn a follow-up question ("what about in humans?") into a standalone retrieval query.

Follow-up-ness is decided from generic cues only (leading "and / what about",
subject pronouns, no topic words of its own), never from corpus vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..text import word_list, words
from .triage import Route, triage

__all__ = ["contextualize", "focus_followup", "is_followup"]

# How many earlier follow-ups ride along with the subject question. Two keeps
# "Does NMN help hair loss? what about in humans? how much did they take?"
# intact while stopping a long chat from snowballing into one huge query.
MAX_CARRIED_FOLLOWUPS = 2

# Subject pronouns right after an auxiliary ("does it", "did they", "is this").
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have|had|won't|doesn't|don't|isn't|aren't)\s+"
    r"(?:it|they|this|that|these|those|he|she|him|her)\b"
)
# "can NMN do anything about it?", "how does that compare": a short question that points back.
_POINTS_BACK = re.compile(r"\b(?:about|for|with|on|against|from|of|to) (?:it|that|this|them|those|these)\s*[?.!]*$|\b(?:he|she|him|her|his)\b")
_SHORT_WHY = re.compile(r"^(?:why|why not|how come|really|how so|since when)\b")
# "is it safe to take X", "is it true that X": dummy "it", the topic follows.
_DUMMY_IT = re.compile(
    r"\bis\s+it\s+(?:\w+\s+)?(?:safe|true|possible|ok|okay|alright|better|worth|bad|good|normal|wise|dangerous|"
    r"necessary|advisable|healthy|risky|legal|likely|common|fine)\s+(?:to|that|if|for\s+\w+\s+to)\b"
)
_OBJECT_PRONOUN = re.compile(r"\b(?:it|they|them|this|that|these|those|its|their)\b")
_ELLIPTICAL_LEAD = re.compile(r"^(?:what|how)\s+about\b|^what\s+of\b|^same\s+(?:for|with)\b|^(?:and|but)\s+what\s+about\b")
_CONJUNCTION_LEAD = re.compile(r"^(?:and|also|but|so|then|ok|okay|plus)\b[\s,]*")
_STARTS_AS_QUESTION = re.compile(
    r"^(?:what|which|who|where|when|why|how|do|does|did|is|are|was|were|can|could|will|would|should|has|have|"
    r"tell|explain|describe)\b"
)
_ADDITIVE_END = re.compile(r"\b(?:too|as well|also|either)\s*[?.!]*$")
_PLEASANTRIES = frozenset("hi hello hey thanks thank you ok okay cool great nice bye goodbye yes no yeah nope".split())


def _tokens(text: str) -> list[str]:
    return words(text)


def _topic_words(text: str) -> list[str]:
    """Content words that could name a subject: not function words, not facets, not numbers."""
    return [
        t for t in _tokens(text)
        if t not in word_list("function") and t not in word_list("facets") and not t.isdigit() and len(t) > 1
    ]


def is_followup(question: str) -> bool:
    """True when the question leans on an earlier turn for its subject."""
    text = " ".join(_tokens(question))
    if not text or set(text.split()) <= _PLEASANTRIES:
        return False
    if _ELLIPTICAL_LEAD.search(text):
        return True
    topics = _topic_words(question)
    rest = _CONJUNCTION_LEAD.sub("", text)
    if rest != text:
        # "and the side effects?" / "and exosomes?" lean on the last turn;
        # "and does exosome therapy work for alopecia?" is a whole new question.
        return not (topics and _STARTS_AS_QUESTION.search(rest))
    if not topics:
        return True
    if _PRONOUN_SUBJECT.search(text) and not _DUMMY_IT.search(text):
        return True
    short = len(text.split()) <= 8
    if short and (_POINTS_BACK.search(text) or (_SHORT_WHY.search(text) and len(text.split()) <= 5)):
        return True
    return bool(_ADDITIVE_END.search(text) and _OBJECT_PRONOUN.search(text))


def _join(parts: Sequence[str]) -> str:
    cleaned = []
    for part in parts:
        part = " ".join(part.split())
        if part and part[-1] not in ".?!":
            part += "."
        cleaned.append(part)
    # The current question goes in as typed (no added full stop).
    cleaned[-1] = " ".join(parts[-1].split())
    return " ".join(cleaned)


def _is_safety_turn(text: str) -> bool:
    # A crisis or emergency message is never a retrieval subject.
    return triage(text).route in (Route.CRISIS, Route.EMERGENCY)


def contextualize(question: str, history: Sequence[Mapping[str, str]]) -> str:
    """Return a standalone retrieval query for question, given the chat so far.

    A follow-up is appended to the most recent user question that had a subject
    (plus up to MAX_CARRIED_FOLLOWUPS follow-ups since); anything else is returned
    unchanged. Assistant turns are ignored: they hold quotes, not the user's topic.
    """
    if not is_followup(question):
        return question
    subject: str | None = None
    carried: list[str] = []
    for turn in history:
        if turn.get("role") != "user":
            continue
        text = turn.get("content", "").strip()
        if not text or _is_safety_turn(text):
            continue
        if is_followup(text):
            if subject is not None:
                carried.append(text)
        elif _topic_words(text):
            subject, carried = text, []
    if subject is None:
        return question
    return _join([subject, *carried[-MAX_CARRIED_FOLLOWUPS:], question])


def focus_followup(question: str, merged: str) -> str:
    """A follow-up searched as itself plus the earlier question's subject terms.

    ``contextualize`` prefixes the earlier question(s); searching that whole text lets
    the earlier question outweigh the new one ('and the side effects?' found depression
    passages again). The new question goes first, the old subject only as keywords."""
    from .coverage import subject_terms

    asked = " ".join(question.split())
    if merged == question or not merged.endswith(asked):
        return merged
    earlier = merged[: len(merged) - len(asked)]
    terms = [t for t in subject_terms(earlier) if t.lower() not in asked.lower()]
    return f"{asked} ({' '.join(terms)})" if terms else merged
