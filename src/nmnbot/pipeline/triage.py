"""Safety triage, before retrieval: crisis, emergency, careful or normal.

Every route comes from a named cue (rules/triage_cues.py) over a normalised copy of
the message, so a log line or a failing test says exactly which cue fired and why.
Triage decides; pipeline/compose.py words every reply and caveat.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from ..rules.triage_cues import (
    ACCIDENT,
    CAREFUL_CUES,
    CRISIS_CONTINUATION,
    CRISIS_CUES,
    EMERGENCY_CUES,
    FIRST_PERSON,
    INFO_FRAME,
    MENTAL_HEALTH,
    NOW,
    PAST_ONLY,
    SUICIDE_WORD,
    Cue,
)
from ..text import APOSTROPHES, INVISIBLE

__all__ = ["Route", "TriageResult", "normalize", "triage"]


class Route(str, Enum):
    CRISIS = "crisis"
    EMERGENCY = "emergency"
    CAREFUL = "careful"
    NORMAL = "normal"


@dataclass(frozen=True)
class TriageResult:
    route: Route
    reason: str  # which cue fired, for logs and tests
    emergency: str | None = None  # the emergency family ("stroke", "bleeding" ...) for EMERGENCY and CRISIS
    careful: tuple[str, ...] = ()  # personal-decision kinds: treatment, dose, child, pregnancy
    mental_health: bool = False  # a low-mood topic: the answer carries a gentle line


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

# Leetspeak is only undone between letters ("k1ll", "d!e") or at a word start
# before letters ("5uicide"), so "250 mg" and a closing "!" are left alone.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
_LEET_INSIDE = re.compile(r"(?<=[a-z])[013457@$!|](?=[a-z])")
_LEET_START = re.compile(r"(?<![a-z0-9])[013457@$](?=[a-z]{2})")
_LEET_END = re.compile(r"(?<=[a-z])[0134]\b")  # "t0", "d13": a digit closing a word of letters
_RUNS = re.compile(r"([a-z])\1{2,}")
# Cyrillic and Greek look-alikes that NFKC leaves alone ("dіe" with a Cyrillic і).
_HOMOGLYPHS = str.maketrans("аеорсухіјѕԁкмтвαεικνορτυ", "aeopcyxijsdkmtbaeikvoptu")
# "k i l l" -> "kill": three or more single letters in a row are one spaced-out word.
_SPACED_LETTERS = re.compile(r"\b(?:[a-z] ){2,}[a-z]\b")
# Text-speak "2" for "to" after verbs of wanting ("want 2 die").
_TWO_FOR_TO = re.compile(r"\b(want|wanna|need|going|gonna|ready|like|have) 2\b")
_LETTER_RUN = re.compile(r"[a-z]+")  # stretched letters are squeezed per run of letters
_SPACES = re.compile(r"\s+")

# Stretched spellings ("diiieee", "kiiill", "myyyself") are mapped back to these
# words when both squeeze to the same letters; the list is short on purpose so
# that ordinary doubled letters ("feel", "sleep") are never rewritten.
_KEY_WORDS = (
    "die", "dead", "dying", "kill", "killing", "myself", "suicide", "suicidal",
    "alive", "unalive", "live", "living", "life", "end", "want", "wanna", "anymore",
    "hurt", "please", "help", "gone",
)


def _squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


_SQUEEZED_KEYS = {_squeeze(w): w for w in _KEY_WORDS}


def _restore_key_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _SQUEEZED_KEYS.values():
        return word
    return _SQUEEZED_KEYS.get(_squeeze(word), word)


def normalize(text: str) -> str:
    """Lowercase, NFKC, no zero-width characters, no leetspeak, no stretched letters."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text).translate(APOSTROPHES).lower().translate(_HOMOGLYPHS)
    text = _LEET_INSIDE.sub(lambda m: _LEET[m.group(0)], text)
    text = _LEET_START.sub(lambda m: _LEET[m.group(0)], text)
    text = _LEET_END.sub(lambda m: _LEET[m.group(0)], text)
    text = _RUNS.sub(r"\1\1", text)  # "sooooo" -> "soo"; keeps real double letters
    text = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = _TWO_FOR_TO.sub(r"\1 to", text)
    text = _LETTER_RUN.sub(_restore_key_word, text)
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------


def _first(table: Sequence[Cue], text: str) -> tuple[str, str] | None:
    for name, pattern in table:
        match = pattern.search(text)
        if match:
            return name, match.group(0)
    return None


def _is_topic(text: str) -> bool:
    return bool(INFO_FRAME.search(text)) and not FIRST_PERSON.search(text)


def _crisis_cue(text: str) -> tuple[str, str] | None:
    hit = _first(CRISIS_CUES, text)
    if hit and hit[0] == "self-harm" and ACCIDENT.search(text) and not re.search(r"\bon purpose|deliberately|again\b", text):
        hit = None
    if hit and hit[0] == "self-harm" and _is_topic(text):
        hit = None  # "the link between self-harm and alopecia": a topic, as with suicide words
    if hit:
        return hit
    match = SUICIDE_WORD.search(text)
    if match:
        # A suicide word is a topic only when framed as information and not about
        # the writer ("suicide rates", "is finasteride linked to suicide?").
        if _is_topic(text):
            return None
        if INFO_FRAME.search(text) and re.search(r"\b(?:my|i'm|i am|im) (?:risk|worried about (?:the )?risk)\b", text):
            return None
        return "suicide word", match.group(0)
    return None


def _emergency_cues(text: str) -> list[tuple[str, str]]:
    if PAST_ONLY.search(text) and not NOW.search(text):
        return []
    hits: list[tuple[str, str]] = []
    for name, pattern in EMERGENCY_CUES:
        match = pattern.search(text)
        if match and name not in {n for n, _ in hits}:
            hits.append((name, match.group(0)))
    return hits


def _previous_user_turn(history: Sequence[Mapping[str, str]]) -> str | None:
    for turn in reversed(history):
        if turn.get("role") == "user":
            return turn.get("content", "")
    return None


def triage(question: str, history: Sequence[Mapping[str, str]] = ()) -> TriageResult:
    """Route a question before retrieval; CRISIS and EMERGENCY replies are final."""
    text = normalize(question)

    crisis = _crisis_cue(text)
    if crisis is None:
        previous = _previous_user_turn(history)
        if previous is not None and CRISIS_CONTINUATION.search(text) and _crisis_cue(normalize(previous)):
            crisis = ("continues previous crisis turn", text)
    emergencies = _emergency_cues(text)

    if crisis:
        family = emergencies[0][0] if emergencies else None
        return TriageResult(Route.CRISIS, f"{crisis[0]}: {crisis[1]!r}", emergency=family)

    if emergencies:
        reason = "; ".join(f"{n}: {m!r}" for n, m in emergencies)
        return TriageResult(Route.EMERGENCY, reason, emergency=emergencies[0][0])

    mental_health = MENTAL_HEALTH.search(text)
    careful: list[tuple[str, str, str]] = []
    for kind, table in CAREFUL_CUES.items():
        hit = _first(table, text)
        if hit:
            careful.append((kind, hit[0], hit[1]))
    if careful:
        reason = "; ".join(f"{kind} ({name}): {m!r}" for kind, name, m in careful)
        return TriageResult(Route.CAREFUL, reason, careful=tuple(k for k, _, _ in careful),
                            mental_health=bool(mental_health))
    if mental_health:
        return TriageResult(Route.NORMAL, f"mental-health topic: {mental_health.group(0)!r}", mental_health=True)
    return TriageResult(Route.NORMAL, "no cue")
