"""Disagreements: places where two retrieved sentences contradict each other.

Side effects (none vs some), blood pressure or sugar (down vs up), the time of day
to take something, and doses that do not overlap. The answer then shows both sides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

_I = re.IGNORECASE

@dataclass(frozen=True)
class Disagreement:
    """Two of the given texts that contradict each other on one topic."""

    first: int
    second: int
    topic: str
    note: str


_NEGATED = r"(?<!\bnot\s)(?<!\bno\s)(?<!n't\s)"
_SYMPTOMS = (
    r"nausea|vomiting|diarrh(?:o)?ea|stomach\s+(?:discomfort|upset|pain)|headaches?|dizziness|fatigue|"
    r"rash(?:es)?|itching|swelling|insomnia|allergic\s+reactions?|"
    r"increased\s+(?:blood\s+pressure|heart\s+rate)|palpitations"
)
_NO_SIDE_EFFECTS = re.compile(
    r"\b(?:without|no|free\s+(?:of|from)|zero)\s+(?:any\s+|known\s+|serious\s+)?(?:side[- ]effects|adverse\s+(?:effects|events|reactions))"
    r"|\bside[- ]effect[- ]free\b|\bcompletely\s+safe\b",
    _I,
)
_SOME_SIDE_EFFECTS = re.compile(
    r"\b(?:side[- ]effects|adverse\s+(?:effects|events|reactions))\s+(?:of\s+\w+\s+)?(?:include|included|such\s+as|were|like)\b"
    r"|\bmay\s+cause\b|\bcan\s+cause\b|\b(?:" + _SYMPTOMS + r")\b",
    _I,
)
_BLOOD = {
    "blood pressure": r"blood\s+pressure|hypertension",
    "blood sugar": r"blood\s+(?:sugar|glucose)|glucose\s+levels",
}
_DOWN = r"(?:lower|lowers|lowered|lowering|reduce|reduces|reduced|reducing|decrease|decreases|decreased|drop|drops)"
_UP = r"(?:increase|increases|increased|raise|raises|raised|raising|higher|elevated?|spike|spikes)"
_DOSE_CONTEXT = re.compile(r"\b(?:take|takes|taking|taken|took|supplement\w*|dose|doses|dosing|mg|capsules?|pills?|tablets?)\b", _I)
_TIMES = (
    ("morning", r"\b(?:in\s+the\s+morning|every\s+morning|mornings?|at\s+breakfast|before\s+noon)\b"),
    ("afternoon", r"\b(?:in\s+the\s+afternoon|every\s+afternoon|afternoons?)\b"),
    ("evening", r"\b(?:in\s+the\s+evening|every\s+evening|evenings?|at\s+night|before\s+bed(?:time)?|bedtime)\b"),
)
# "Taking it at night may interfere with sleep" names a time to avoid, not a time to take it.
_AVOID = re.compile(r"\b(?:interfere|avoid|not\s+(?:at|in)|don't|do\s+not|never|disrupt)\b", _I)
_AMOUNT = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)\s*(mg|g|mcg|µg|IU)\b(?!\s*/\s*(?:m?l|kg))"
    r"(?:\s*/\s*day)?(?:\s+(?:to|-|–)\s+(\d[\d,]*(?:\.\d+)?)\s*(?:mg|g|mcg|µg|IU)\b(?!\s*/\s*(?:m?l|kg)))?",
    _I,
)


@lru_cache(maxsize=50_000)  # a pure function of the sentence; sentences recur across questions
def _side_effect_stance(text: str) -> str | None:
    if _NO_SIDE_EFFECTS.search(text):
        return "none"
    if _SOME_SIDE_EFFECTS.search(text):
        return "some"
    return None


@lru_cache(maxsize=50_000)  # a pure function of the sentence; sentences recur across questions
def _direction_stance(text: str, topic_pattern: str) -> str | None:
    down = re.search(rf"{_NEGATED}\b{_DOWN}\b(?:\s+\w+){{0,2}}\s+(?:{topic_pattern})", text, _I)
    up = re.search(rf"{_NEGATED}\b{_UP}\b(?:\s+\w+){{0,2}}\s+(?:{topic_pattern})", text, _I)
    if down and not up:
        return "lowers"
    if up and not down:
        return "raises"
    return None


@lru_cache(maxsize=50_000)  # a pure function of the sentence; sentences recur across questions
def _timing_stance(text: str) -> str | None:
    if not _DOSE_CONTEXT.search(text):
        return None
    times = set()
    for clause in re.split(r"[.;]", text):
        if _AVOID.search(clause):
            continue
        times.update(name for name, pattern in _TIMES if re.search(pattern, clause, _I))
    return next(iter(times)) if len(times) == 1 else None


@lru_cache(maxsize=50_000)  # a pure function of the sentence; sentences recur across questions
def _dose_stance(text: str) -> tuple[float, float, str] | None:
    if not _DOSE_CONTEXT.search(text):
        return None
    match = _AMOUNT.search(text)
    if not match:
        return None
    low = float(match.group(1).replace(",", ""))
    high = float(match.group(3).replace(",", "")) if match.group(3) else low
    unit = match.group(2)
    shown = f"{low:,g} {unit}" if low == high else f"{low:,g}–{high:,g} {unit}"
    return low, high, shown


def find_disagreements(texts: Sequence[str]) -> list[Disagreement]:
    """Pairs of texts that contradict each other on side effects, blood pressure/sugar, timing or dose."""
    found: list[Disagreement] = []
    side = [_side_effect_stance(t) for t in texts]
    blood = {topic: [_direction_stance(t, pattern) for t in texts] for topic, pattern in _BLOOD.items()}
    timing = [_timing_stance(t) for t in texts]
    dose = [_dose_stance(t) for t in texts]
    for i, j in combinations(range(len(texts)), 2):
        if {side[i], side[j]} == {"none", "some"}:
            claims = {"none": "says there are none", "some": "lists some"}
            found.append(
                Disagreement(
                    i, j, "side effects",
                    f"The sources disagree about side effects: one {claims[side[i]]}, another {claims[side[j]]}.",
                )
            )
        for topic, stances in blood.items():
            if {stances[i], stances[j]} == {"lowers", "raises"}:
                claims = {"lowers": "says it goes down", "raises": "says it can go up"}
                found.append(
                    Disagreement(
                        i, j, topic,
                        f"The sources disagree about {topic}: one {claims[stances[i]]}, "
                        f"another {claims[stances[j]]}.",
                    )
                )
        if timing[i] and timing[j] and timing[i] != timing[j]:
            found.append(
                Disagreement(
                    i, j, "timing of the dose",
                    f"The sources disagree about the timing of the dose: one says the {timing[i]}, "
                    f"another the {timing[j]}.",
                )
            )
        a, b = dose[i], dose[j]
        if a and b and (a[1] < b[0] or b[1] < a[0]):
            found.append(
                Disagreement(
                    i, j, "dose",
                    f"The sources give different doses: one says {a[2]}, another {b[2]}.",
                )
            )
    return found
