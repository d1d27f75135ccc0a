"""Compose: the Answer a reader gets, and every word nmnbot says in its own voice.

``Quote`` and ``Answer`` are the typed result every front end shows. All caveat
wording lives here: the physician line, the evidence-strength line, personal-decision
notices, the seller note, and the crisis and emergency replies. The required caveats
are attached in ``Answer.__post_init__``, so no code path (error, abstention, crisis,
a future LLM mode) can produce an Answer without them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..evidence import EvidenceLevel, species_named, strongest, trial_details

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
# Shown above every conversation on the page and in /embed.
DISCLAIMER = (
    "nmnbot only quotes its documents, word for word. It is not medical advice: "
    "talk to your doctor or pharmacist before acting on anything here."
)


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
        if self.status == "answered":
            strength = evidence_caveat([(q.text, q.evidence) for q in self.quotes])
            if strength not in caveats:
                # caveats[0] is the one that matters most to this reader (API.md): a
                # personal-decision or low-mood notice when there is one, else the evidence line.
                caveats.insert(1 if caveats and is_decision_notice(caveats[0]) else 0, strength)
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


# --------------------------------------------------------------------------
# Crisis and emergency replies. Wording follows safe-messaging guidance (Action Alliance, WHO/IASP):
# no method content, no "committed suicide", say that help is available.
# --------------------------------------------------------------------------

CRISIS_RESOURCES = (
    "- **In the US:** call or text **988** (Suicide & Crisis Lifeline), or chat at 988lifeline.org.\n"
    "- **Anywhere else:** find a free, confidential helpline at **findahelpline.com**, "
    "or call your local emergency number.\n"
    "- **If you are in immediate danger**, or have already hurt yourself or taken something, "
    "call your local emergency number (911 / 112 / 999) now.\n"
    "- Worried about someone else? The same lines can help you support them."
)

CRISIS_MESSAGE = (
    "I'm really sorry you're going through this. What you're feeling matters, "
    "and you don't have to face it alone: people can help, right now.\n\n"
    f"{CRISIS_RESOURCES}\n\n"
    "If you can, tell someone you trust how you're feeling. Feelings this heavy can change "
    "with support. You're welcome to keep talking here, too, though I'm only a simple bot: "
    "a counsellor at 988 or through findahelpline.com can really listen and talk it through with you."
)

# When a crisis message also describes an overdose or injury in progress, the
# emergency action goes first: the warm text must not delay the call.
CRISIS_EMERGENCY_PREFIX = (
    "**If you have already taken something or hurt yourself, call your local emergency "
    "number (911 / 112 / 999) now** (US Poison Control: 1-800-222-1222).\n\n"
)

EMERGENCY_CALL = "Call your local emergency number (911 / 112 / 999) now."

# One line after the call, chosen by the emergency cue that fired.
EMERGENCY_ADVICE: dict[str, str] = {
    "bleeding": "Lie down, keep still, and don't eat or drink anything until you have been seen.",
    "overdose": (
        "For a swallowed medicine or supplement, US Poison Control is 1-800-222-1222 "
        "(elsewhere, your local poison centre); keep the bottle to show the responders."
    ),
    "chest_pain": "Stop what you are doing, sit down, don't drive yourself, and stay with someone until help arrives.",
    "breathing": "Stay with the person; if they stop breathing, the dispatcher can talk you through CPR.",
    "swelling": "If an adrenaline auto-injector (EpiPen) is available, use it now.",
    "allergy": "If an adrenaline auto-injector (EpiPen) is available, use it now.",
    "unconscious": "Check they are breathing; if they aren't, the dispatcher can talk you through CPR.",
    "seizure": "Move hard objects away, don't put anything in their mouth, and note how long it lasts.",
    "stroke": "Note the time the symptoms started, and don't give food, drink or medicine.",
}
EMERGENCY_FOOTER = "nmnbot can't help in an emergency; please don't wait for an answer here."

# The help above as links a phone can tap (label, href), shown as buttons with crisis and
# emergency replies; the numbers and sites are the ones the replies name.
EMERGENCY_NUMBERS = (("Call 911 (US)", "tel:911"), ("Call 112 (Europe)", "tel:112"), ("Call 999 (UK)", "tel:999"))
CRISIS_LINKS = (
    ("Call 988", "tel:988"),
    ("Text 988", "sms:988"),
    ("Chat at 988lifeline.org", "https://988lifeline.org/chat/"),
    ("Find a helpline: findahelpline.com", "https://findahelpline.com"),
    *EMERGENCY_NUMBERS,
)
POISON_CONTROL_LINK = ("Call US Poison Control 1-800-222-1222", "tel:+18002221222")

CAVEAT_TREATMENT = (
    "Don't stop, start or change prescribed treatment without your doctor; "
    "a pharmacist can check interactions between your medicines and supplements."
)
CAVEAT_DOSE = (
    "nmnbot can't give a personal dose; doses in the quotes are what studies used, "
    "not advice for you, so ask your doctor or pharmacist what is right for you."
)
CAVEAT_CHILD = (
    "Children need individual advice: ask your child's doctor before giving any supplement; "
    "nmnbot can't give a dose for a child."
)
CAVEAT_PREGNANCY = (
    "Pregnancy and breastfeeding need individual advice: ask your doctor or midwife "
    "before taking any supplement or treatment."
)
GENTLE_MENTAL_HEALTH = (
    "If you're struggling with low mood, you don't have to face it alone: "
    "talk to your doctor, or in the US call or text 988."
)

# Personal-decision notices, by the kind of decision triage found (pipeline/triage.py).
_CAREFUL = {
    "treatment": CAVEAT_TREATMENT,
    "dose": CAVEAT_DOSE,
    "dose_amount": CAVEAT_DOSE,
    "child": CAVEAT_CHILD,
    "pregnancy": CAVEAT_PREGNANCY,
}


def crisis_reply(emergency: str | None = None) -> str:
    """The whole reply to a crisis message; the emergency action first when one is described."""
    return (CRISIS_EMERGENCY_PREFIX if emergency else "") + CRISIS_MESSAGE


def emergency_reply(family: str) -> str:
    """The whole reply to an emergency: call now, one line of first aid for this family."""
    return f"{EMERGENCY_CALL}\n\n{EMERGENCY_ADVICE[family]} {EMERGENCY_FOOTER}"


def decision_notice(kinds: Sequence[str], mental_health: bool) -> str | None:
    """The personal-decision or low-mood notice triage calls for, as one caveat (or None)."""
    parts = list(dict.fromkeys(_CAREFUL[k] for k in kinds))
    if mental_health:
        parts.append(GENTLE_MENTAL_HEALTH)
    return " ".join(parts) or None


def is_decision_notice(caveat: str) -> bool:
    """True for a caveat made by ``decision_notice`` (it opens with one of its parts)."""
    return caveat.startswith((*_CAREFUL.values(), GENTLE_MENTAL_HEALTH))


def seller_note(seller: str) -> str:
    """A source that sells what it discusses has a reason to present it favourably."""
    return f"Note: {seller}, so it has a reason to present it favourably."


def evidence_caveat(quotes: Sequence[tuple[str, EvidenceLevel]]) -> str:
    """One sentence on how strong the quoted evidence is, worded from the levels quoted."""
    if not quotes:
        return "No study or other evidence is quoted here."
    levels = {EvidenceLevel(level) for _, level in quotes}
    best = strongest(levels)
    texts_at = {lvl: [t for t, l in quotes if EvidenceLevel(l) is lvl] for lvl in levels}
    if best is EvidenceLevel.SYSTEMATIC_REVIEW:
        return (
            "The strongest evidence quoted here is a review that pools several studies, "
            "which is the most reliable kind of evidence if those studies were done in people."
        )
    if best is EvidenceLevel.HUMAN_RCT:
        trial = trial_details(texts_at[best])
        who = f" in {trial.population}" if trial.population else " in people"
        if trial.trials == 1:
            size = "small " if trial.small else ""
            return (
                f"The strongest evidence quoted is one {size}randomized trial{who}{trial.details}; "
                "it has not been repeated in the sources quoted here."
            )
        return (
            f"The strongest evidence quoted is {trial.trials} randomized trials{who}; "
            "check whether their results agree."
        )
    if best is EvidenceLevel.HUMAN_STUDY:
        return (
            "The strongest evidence quoted here is from studies in people that were not randomized trials, "
            "so they cannot show that the treatment itself caused the effect."
        )
    if best in (EvidenceLevel.ANIMAL, EvidenceLevel.IN_VITRO):
        parts = []
        if EvidenceLevel.ANIMAL in levels:
            species = species_named(texts_at[EvidenceLevel.ANIMAL])
            parts.append("in " + " and ".join(species) if species else "in animals")
        if EvidenceLevel.IN_VITRO in levels:
            parts.append("in cells")
        return f"The strongest evidence quoted here is from studies {' and '.join(parts)}; it has not been shown in people."
    if best is EvidenceLevel.CASE_REPORT:
        return (
            "The only evidence quoted here is individual patients' stories, "
            "which cannot show that the treatment works for others."
        )
    if best is EvidenceLevel.UNSPECIFIED:
        return (
            "The quotes mention research without saying whether it was done in people, animals or cells, "
            "so its strength cannot be judged."
        )
    if best is EvidenceLevel.OPINION:
        return "This is the article's own opinion; no study is cited."
    return "These quotes are advertising, not evidence."


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
