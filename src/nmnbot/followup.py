"""Turn a follow-up question ("what about in humans?") into a standalone retrieval query.

Follow-up-ness is decided from generic cues only (leading "and / what about",
subject pronouns, no topic words of its own), never from corpus vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nmnbot.triage import Route, triage

__all__ = ["contextualize", "is_followup"]

# How many earlier follow-ups ride along with the subject question. Two keeps
# "Does NMN help hair loss? what about in humans? how much did they take?"
# intact while stopping a long chat from snowballing into one huge query.
MAX_CARRIED_FOLLOWUPS = 2

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+'-]*")

# Function words: they never name a topic.
_FUNCTION_WORDS = frozenset("""
a an the and or but so also then too either neither nor of in on at to for from with without by about
as into onto over under than like via per vs versus if whether while when where what which who whom
whose why how there here this that these those it its it's they them their theirs he she him her his
i i'm im me my mine we us our you your yours one ones some any all each every no not nor only just
do does did doing done is are was were be been being am has have had having can could will would
shall should may might must ok okay yes yeah please thanks thank hi hello hey really actually
still even much many more most less least very quite enough else other another same such own
tell say said explain know show give get got make made let mean means meant way ways thing things
anything something everything stuff lot lots kind sort bit
""".split())

# Generic facets a follow-up asks about: who, how much, how safe, what evidence.
# They belong to no topic, so a question made only of these needs a subject.
_FACET_WORDS = frozenset("""
safe safety unsafe risk risks risky danger dangerous harmful harm side effect effects sideeffects
dose doses dosage dosing amount amounts mg milligram milligrams gram grams daily day days week weeks
month months year years long time often frequency when cost costs price expensive cheap afford
work works worked working help helps helped helping effective effectiveness efficacy benefit benefits
result results outcome outcomes improve improves improvement better worse best worst good bad
study studies trial trials research evidence proof proven prove proves data science scientific
cause causes caused reason reasons why true real legit worth
human humans people person patients men man women woman kids children child adults adult elderly
older younger young old age ages mice mouse rats rat animals animal dogs
take took taken taking takes use used using uses try tried start stop quit
find found finding findings say shows showed shown claim claims
happen happens happened problem problems issue issues sure certain
""".split())

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
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def _topic_words(text: str) -> list[str]:
    """Content words that could name a subject: not function words, not facets, not numbers."""
    return [
        t for t in _tokens(text)
        if t not in _FUNCTION_WORDS and t not in _FACET_WORDS and not t.isdigit() and len(t) > 1
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
