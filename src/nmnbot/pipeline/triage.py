"""Safety triage, before retrieval: crisis, emergency, a risk notice, careful or normal.

Two layers, and the message read whole: every sentence of it (a risk said at the end
of a long message about something else) and the recent user turns.

- Cues (rules/triage_cues.py, rules/triage_cues_intl.py) where the wording is certain:
  "kill myself", a lethal amount, a child who swallowed tablets. A cue names itself in
  the reason, so a log line or a failing test says exactly what fired.
- The meaning model (pipeline/risk.py) beside them, for wording no cue list foresees:
  passive ideation, slang, other languages. Its thresholds were set on real negatives.

When the model is unsure between crisis and a plain answer, the answer keeps its
quotes but leads with a risk notice. Triage decides; pipeline/compose.py words every
reply and caveat, in the message's language where it has the words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from ..rules import triage_cues_intl as intl
from ..rules.triage_cues import (
    ACCIDENT,
    CAREFUL_CUES,
    CRISIS_CONTINUATION,
    CRISIS_CUES,
    EMERGENCY_CUES,
    EXTRA_DOSE,
    FIGURATIVE_DEATH,
    FIRST_PERSON,
    IDIOM,
    INFO_FRAME,
    INFO_OVERDOSE,
    INTENT,
    JOKE_THREAT,
    THING_DIES,
    LD50_RESEARCH,
    MENTAL_HEALTH,
    MILD,
    NOT_SAID,
    NOW,
    PAST_EVENT,
    PAST_ONLY,
    RESOLVED,
    RETRACTION,
    SELF_ATTRIBUTED,
    SITUATION,
    SYMPTOM_TOLD,
    CURRENT_RISK,
    CUTTING_A_DOSE,
    DOING_IT,
    ASKS_REMEDY,
    ASKS_TO_GIVE,
    SOMETHING_TAKEN,
    OVERDOSE_MISHAP,
    SUICIDE_WORD,
    WORK_TOPIC,
    WRITING_FRAME,
    Cue,
    risk_words,
)
from .normalize import normalize

if TYPE_CHECKING:
    import numpy as np

    from .risk import RiskModel, Scores

__all__ = ["Route", "Triage", "TriageResult", "assess", "normalize", "triage"]

HISTORY_TURNS = 3  # earlier user turns read with the new one

# Asking what amount would do it, in so many words; method-seeking after an earlier turn of
# hopelessness (blind block W: "how many of them would it take"), not an amount for a result.
METHOD_AFTER_RISK = re.compile(
    r"\bhow (?:many|much)\b[^.?!]{0,30}\bwould (?:it|that) take\b(?! to (?:get|reach|make|equal|see|notice|work|kick in|feel|help|show))|"
    r"\b(?:all of (?:them|it)|them all|the whole (?:box|bottle|pack|packet|strip|lot))\b[^.?!]{0,20}\bat once\b|"
    r"\benough to (?:not wake|never wake|end it|end things|sleep forever|die|kill)\b|\bwhat if i (?:took|take|swallowed) (?:all|them all|the whole)\b")
# After a risk turn, a question about amounts, speed, pain or being found is method-seeking
# ("how many would it take?", "which is fastest?").
_METHOD_FOLLOWUP = re.compile(
    r"\b(?:(?:forte|haute|alta|hohe|elevata|tres forte|muy alta) dos[ei]s?|combien|cu[aá]nt[oa]s?|wie viele?|quant[oa]s?|"
    r"how (?:many|much|long)|which (?:one|ones|pills?|is|would|of)|what (?:amount|dose|if i took)|fastest|faster|"
    r"quickest|quicker|quickly|gets? it done|painless|hurt|enough|would (?:anyone|anybody|they|people) (?:know|notice|find)|all (?:of )?them|"
    r"whole (?:bottle|pack|box)|at once|(?:what )?if (?:i|someone|somebody|a person|you|they|he|she) (?:took|take|swallowed|had|downed)|"
    r"(?:took|take|swallow\w*)(?: like| about| maybe)? \d{2,}|\d{2,} of (?:the|them|those|these|my)|(?:not|never) wake up|"
    r"mix(?:ed|ing)? (?:it |them )?with|together|deadly|lethal|fatal|stronger|strongest|(?:more|most) (?:dangerous|harmful|toxic)|"
    # a large amount, or one taken with alcohol or a sedative ("a lot of nmn with my lorazepam and vodka", block V)
    r"a lot of|lots of|loads of|a bunch of|heaps of|a handful of|with (?:my |some |the )?(?:\w+ (?:and|&) )?(?:alcohol|vodka|wine|booze|beer|"
    r"whiske?y|gin|rum|tequila|liquor|benzos?|lorazepam|xanax|alprazolam|diazepam|valium|clonazepam|klonopin|sleeping (?:pills|tablets)|"
    r"opioids?|oxy\w*|codeine|tramadol)|"
    r"perigos\w*|juntos|peligros\w*|dangereu\w*|ensemble|gefaehrlich\w*|gefahrlich\w*|zusammen|pericolos\w*|insieme|"
    r"mais forte|m[aá]s fuerte|plus forte?|st[aä]rkste\w*|staerkste\w*|pi[uù] forte)\b")


# "feel totally fine" anywhere in the message: a model-only emergency in another sentence is
# not raised ("took my NMN twice. feel fine."). Only this; "lol" elsewhere must not hide one.
_FEELS_FINE = re.compile(r"\b(?:i )?feel(?:ing)? (?:totally |completely |perfectly |absolutely )?(?:fine|ok|okay|normal)\b")


class Route(str, Enum):
    CRISIS = "crisis"
    EMERGENCY = "emergency"
    CAREFUL = "careful"
    NORMAL = "normal"


@dataclass(frozen=True)
class TriageResult:
    route: Route
    reason: str  # which cue or exemplar decided, for logs and tests
    emergency: str | None = None  # the emergency family ("stroke", "bleeding" ...) for EMERGENCY and CRISIS
    careful: tuple[str, ...] = ()  # personal-decision kinds: treatment, dose, child, pregnancy
    mental_health: bool = False  # a low-mood topic: the answer carries a gentle line
    risk: bool = False  # a weaker risk signal: the answer leads with a risk notice
    language: str = "en"  # the message's language (ISO 639-1): replies use it where they can


@dataclass(frozen=True)
class _Read:
    """What the cues found in one message."""

    crisis: tuple[str, str] | None
    emergencies: list[tuple[str, str]] = field(default_factory=list)


# --------------------------------------------------------------------------
# Cues
# --------------------------------------------------------------------------


def _first(table: Sequence[Cue], text: str) -> tuple[str, str] | None:
    for name, pattern in table:
        match = pattern.search(text)
        if match:
            return name, match.group(0)
    return None


# "What is (are) Suicide ?": asking what a word means. A risk notice, not the crisis reply.
_DEFINITION = re.compile(r"^\W*(?:what|who) (?:is|are|was)(?: \(are\))? (?:a |an |the )?[\w -]{1,30}\W*$")


def _is_topic(text: str) -> bool:
    return (bool(INFO_FRAME.search(text)) or bool(_DEFINITION.match(text))) and not FIRST_PERSON.search(text)


def _crisis_cue(text: str, whole: str = "") -> tuple[str, str] | None:
    """The first crisis cue in ``text`` (a sentence or the whole message); ``whole`` is the
    message it comes from, for frames said in another sentence ("... in my pharmacology class")."""
    # "my masters thesis on suicide rates": the subject of the writer's work, not what they
    # feel. The phrase is cut out and the rest of the message is read as usual.
    if not DOING_IT.search(whole or text):
        text = WORK_TOPIC.sub(" ", text)
    text = NOT_SAID.sub(" ", text)  # a song's title in quotes, "not suicidal": not the writer's words of risk
    hit = _first(CRISIS_CUES, text)
    if hit and hit[0] == "self-harm" and ACCIDENT.search(text) and not re.search(r"\bon purpose|deliberately|again\b", text):
        hit = None
    if hit and hit[0] == "lethal dose" and "ld50" in hit[1] and LD50_RESEARCH.search(whole or text):
        hit = None
    if (hit and hit[0] == "lethal dose" and "toxic" in hit[1] and not re.search(r"lethal|fatal|deadly|kill", hit[1])
            and LD50_RESEARCH.search(whole or text) and not INTENT.search(whole or text)):
        hit = None  # "is there a known toxic amount in the studies?" (block U): a safety limit asked of research
    if hit and hit[0] == "want to die" and THING_DIES.search(text):
        hit = None  # "my wallet is gonna die after this order" (block X)
    if hit and hit[0] == "would kill me" and JOKE_THREAT.search(text):
        hit = None  # "if i spend another $80 on nmn she's gonna kill me 😅" (block W)
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
        if INFO_FRAME.search(text) and not SELF_ATTRIBUTED.search(text):
            return None  # "I saw a headline about finasteride and suicidal thoughts": a topic
        return "suicide word", match.group(0)
    return None


def _emergency_cues(text: str) -> list[tuple[str, str]]:
    if PAST_ONLY.search(text) and not NOW.search(text):
        return []
    hits: list[tuple[str, str]] = []
    for name, pattern in EMERGENCY_CUES:
        match = pattern.search(text)
        if match and name == "allergy" and (_is_topic(text) or not SITUATION.search(text)):
            continue  # "how often does anaphylaxis occur?", "What is anaphylaxis?": a topic, nobody in it
        if match and name not in {n for n, _ in hits}:
            hits.append((name, match.group(0)))
    return hits


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _idiom(part: str) -> bool:
    """A figure of speech of dying in any language: a short message in another language may be
    read as English ("ce bonnet me tue, il gratte"), so both tables are read whatever the language."""
    return bool(IDIOM.search(part) or intl.IDIOM.search(_without_accents(part)))


def _read(text: str, parts: Sequence[str], plain: str | None = None) -> _Read:
    """The cues, on the whole normalised message and on each of its sentences; the other
    languages' cues on ``plain``, the message with its accents stripped."""
    crisis = _crisis_cue(text)
    for part in parts:
        crisis = crisis or _crisis_cue(part, text)
    plain = _without_accents(text) if plain is None else plain
    if crisis is None:
        said = intl.DENIED.sub(" ", plain)  # "je pense pas du tout a me faire du mal": denied, not said
        crisis = next(((f"{lang}: {name}", m.group(0)) for lang, name, p in intl.CRISIS if (m := p.search(said))), None)
    emergencies = _emergency_cues(text)
    for part in parts:
        emergencies += [e for e in _emergency_cues(part) if e[0] not in {n for n, _ in emergencies}]
    emergencies += [(family, m.group(0)) for lang, family, p in intl.EMERGENCY
                    if (m := p.search(plain)) and family not in {n for n, _ in emergencies}]
    return _Read(crisis, emergencies)


def _careful(text: str, plain: str) -> list[tuple[str, str, str]]:
    """The personal decisions the message asks about: (kind, cue, words), on the message and on
    ``plain``, it without accents (the other languages' cues are written without them)."""
    out: list[tuple[str, str, str]] = []
    for kind, table in CAREFUL_CUES.items():
        hit = _first(table, text) or (_first(table, plain) if plain != text else None)
        if hit:
            out.append((kind, hit[0], hit[1]))
    return out


def _previous_user_turns(history: Sequence[Mapping[str, str]], n: int = HISTORY_TURNS) -> list[str]:
    turns = [t.get("content", "") for t in history if t.get("role") == "user"]
    return turns[-n:]


# --------------------------------------------------------------------------
# The decision
# --------------------------------------------------------------------------


def assess(question: str, history: Sequence[Mapping[str, str]] = (), scores: Sequence["Scores"] = (),
           thresholds: Mapping[str, float] | None = None, language: str = "en",
           earlier_crisis: bool | None = None, earlier_risk: bool = False,
           latest_crisis: bool | None = None) -> TriageResult:
    """Route one message. ``scores`` are the meaning model's, one per reading (risk.readings:
    each sentence, then each pair of neighbours; none: cues only); ``earlier_crisis`` says
    whether a recent user turn was a crisis and ``latest_crisis`` whether the last one was
    (None: read the history's turns with the cues), and ``earlier_risk`` whether one carried a
    risk notice (low mood, hopelessness)."""
    from .risk import readings, segments

    text = normalize(question, english=language == "en")
    plain = _without_accents(text)  # read once: the other languages' cues are written without accents
    parts = segments(text)
    found = _read(text, parts, plain)
    units = readings(parts)  # what ``scores`` are for: sentences, then neighbouring pairs
    t = thresholds or {}
    crisis = found.crisis
    # A past crisis the writer says is over, with nothing putting risk back in the present:
    # the answer leads with a risk notice instead of crisis help (cue or model alike).
    over = bool(PAST_EVENT.search(text)) and bool(RESOLVED.search(text)) and not CURRENT_RISK.search(text)
    resolved = bool(crisis) and over
    if resolved:
        crisis = None
    # In English the meaning model raises an alarm only for a sentence with a person in it that
    # is not a figure of speech: a crisis only with a word of harm or despair in it, an emergency
    # only when the writer does not call it mild or past (rules/triage_cues.py).
    idioms = [_idiom(part) for part in units[: len(scores)]]  # read once: the alarms and the notice use them
    alarms = [(s, part) for s, part, idiom in zip(scores, units, idioms)
              if not idiom and (language != "en" or SITUATION.search(part))]
    model_crisis = [s for s, part in alarms if t and s.crisis >= t["crisis"]
                    and (language != "en" or (((s.crisis >= t["crisis_sure"] and not WRITING_FRAME.search(text))
                                               or risk_words(part))
                                              and not (INFO_OVERDOSE.search(part) and not INTENT.search(part))
                                              # "can you even overdose on nmn? like what happens if you
                                              # take way more than the bottle says by accident" (block Y):
                                              # the question is asked in one sentence, the rest tells it
                                              # as a mishap
                                              and not (INFO_OVERDOSE.search(text) and OVERDOSE_MISHAP.search(text)
                                                       and not INTENT.search(text))
                                              # "i'll literally die 💀", "dying inside": a notice, below
                                              and not (FIGURATIVE_DEATH.search(part)
                                                       and not risk_words(FIGURATIVE_DEATH.sub(" ", part)))
                                              # cutting a dose, however sure the model: "gonna cut mine to
                                              # every other day" (blind block T), unless harm is said too
                                              and not (CUTTING_A_DOSE.search(part) and not risk_words(part))
                                              # a song title in quotes, "not suicidal": likewise, unless
                                              # a word of harm is said outside it
                                              and not (NOT_SAID.search(part)
                                                       and not risk_words(NOT_SAID.sub(" ", part)))
                                              # "if i spend another $80 on nmn she's gonna kill me 😅"
                                              and not (JOKE_THREAT.search(part)
                                                       and not risk_words(JOKE_THREAT.sub(" ", part)))
                                              # "my wallet is gonna die after this order" (block X)
                                              and not (THING_DIES.search(part)
                                                       and not risk_words(THING_DIES.sub(" ", part)))
                                              # "a letter about self-harm awareness week": a topic
                                              # unless a word of harm is said outside it
                                              and not (WORK_TOPIC.search(part) and not DOING_IT.search(text)
                                                       and not risk_words(WORK_TOPIC.sub(" ", part)))))]
    if crisis is None and model_crisis and over:
        resolved, model_crisis = True, []
    if crisis is None and model_crisis and language != "en" and intl.RESOLVED.search(plain):
        resolved, model_crisis = True, []  # "maar nu gaat het weer goed": the other languages' RESOLVED
    careful = _careful(text, plain)
    decision = None
    if (crisis is None and model_crisis and language != "en" and max(s.crisis for s in model_crisis) < t["crisis_sure"]
            and (any(k in ("treatment", "dose") for k, _, _ in careful) or intl.DENIED.search(plain)
                 or (intl.TOXICITY.search(plain) and not intl.LETHAL.search(plain)))):
        # A medicine decision in another language ("Finasterid absetzen", "de dosis zelf halveren") is close in
        # meaning to method-seeking there, and low mood whose writer denies any risk to ideation (blocks T and
        # U); with no crisis cue and the model unsure, the answer leads with the risk notice and its helplines
        # instead of crisis help.
        decision, model_crisis = max(model_crisis, key=lambda s: s.crisis), []
    if crisis is None and model_crisis:
        best = max(model_crisis, key=lambda s: s.crisis)
        crisis = ("meaning", f"{best.crisis:.2f} like {best.nearest!r}")
    if earlier_crisis is None or latest_crisis is None:
        read = [bool(_read(normalize(p), segments(normalize(p))).crisis) for p in _previous_user_turns(history)]
        earlier_crisis = any(read) if earlier_crisis is None else earlier_crisis
        latest_crisis = bool(read and read[-1]) if latest_crisis is None else latest_crisis
    if crisis is None and earlier_risk and not earlier_crisis and METHOD_AFTER_RISK.search(text):
        # "how many of them would it take", after "everything feels pointless" and "the whole box
        # here" (blind block W): asking what amount does it, after a turn of hopelessness
        crisis = ("asks an amount after an earlier turn of low mood", text[:80])
    carried = None
    if crisis is None and earlier_crisis:
        if CRISIS_CONTINUATION.search(text) or _METHOD_FOLLOWUP.search(text) or RETRACTION.search(text):
            crisis = ("continues an earlier crisis turn", text[:80])
        elif latest_crisis:
            # the turn right after a crisis turn gets crisis help again, whatever it asks ("forget i
            # said anything. does nmn help you sleep", "anyway does nmn interact with metoprolol"):
            # every blind author who wrote one expected it (blocks B and X); a counsellor does not move
            # on after one reply. The turns after that are answered, led by the risk notice. An
            # emergency told in this turn goes first (below).
            carried = ("follows right after a crisis turn", text[:80])
        elif language != "en":
            # the follow-up cues are English; a turn in another language right after a crisis
            # ("svara bara på frågan. räcker en hel burk?") gets crisis help again
            crisis = ("follows an earlier crisis turn, in another language", text[:80])
    emergencies = list(found.emergencies)
    last = _previous_user_turns(history, 2)
    if not emergencies and last:
        # a scene told over turns ("my 2 year old was playing with my iron pills" / "6 missing, she's
        # getting really sleepy", blocks W and X): the cues read the last two user turns and this one
        # together, and count only what no earlier turn said alone
        before = normalize(" ".join(last))
        had = {name for turn in last for name, _ in _emergency_cues(normalize(turn))}  # alarmed on already
        emergencies = [e for e in _emergency_cues(f"{before} {text}") if e[0] not in had]
    past = language == "en" and bool(PAST_EVENT.search(text)) and not NOW.search(text)
    asks_remedy = language == "en" and bool(ASKS_REMEDY.search(text))
    extra_dose = language == "en" and bool(EXTRA_DOSE.search(text)) and not SYMPTOM_TOLD.search(text)
    asks_to_give = language == "en" and bool(ASKS_TO_GIVE.search(text)) and not SOMETHING_TAKEN.search(text)
    # a personal dose asked in another language, with a condition named ("Quanto NMN dovrei prendere io? ...
    # ho la pressione alta", block AA: 0.60 like a slow pulse): the model unsure is not an emergency
    asks_dose = language != "en" and any(k == "dose" for k, _, _ in careful)
    model_emergency = [s for s, part in alarms if t and s.emergency >= t["emergency"] and not asks_remedy and not extra_dose
                       and not asks_to_give and not (asks_dose and s.emergency < t["crisis_sure"])
                       and (language != "en" or not (past or MILD.search(part) or _FEELS_FINE.search(text)
                                                     or PAST_EVENT.search(part)))]
    if not emergencies and model_emergency:
        best = max(model_emergency, key=lambda s: s.emergency)
        emergencies = [(best.family or "other", f"meaning {best.emergency:.2f} like {best.nearest!r}")]

    if crisis is None and carried is not None and not emergencies:
        crisis = carried
    if crisis:
        return TriageResult(Route.CRISIS, f"{crisis[0]}: {crisis[1]!r}",
                            emergency=emergencies[0][0] if emergencies else None, language=language)
    if emergencies:
        reason = "; ".join(f"{n}: {m!r}" for n, m in emergencies)
        return TriageResult(Route.EMERGENCY, reason, emergency=emergencies[0][0], language=language)

    risk_scores = [s for s, idiom in zip(scores, idioms)
                   if t and max(s.notice, s.crisis) >= t["notice"] and not idiom]
    # NFKD strips Japanese voicing marks too, so a message that lost any is also read as written
    low_mood = next((m.group(0) for _, _, p in intl.LOW_MOOD
                     if (m := p.search(plain) or (p.search(text) if plain != text else None))), None)
    risk = (bool(risk_scores) or bool(earlier_crisis) or earlier_risk or resolved or bool(low_mood)
            or decision is not None)
    mental_health = MENTAL_HEALTH.search(text)
    notes = []
    if resolved:
        notes.append("risk notice: a past crisis the writer says is over")
    elif decision is not None:
        notes.append(f"risk notice: a medicine decision or denied risk, {decision.crisis:.2f} like {decision.nearest!r}")
    elif risk_scores:
        best = max(risk_scores, key=lambda s: max(s.notice, s.crisis))
        notes.append(f"risk notice: {max(best.notice, best.crisis):.2f} like {best.nearest!r}")
    elif earlier_crisis:
        notes.append("risk notice: an earlier turn was a crisis")
    elif earlier_risk:
        notes.append("risk notice: an earlier turn spoke of low mood or risk")
    elif low_mood:
        notes.append(f"risk notice: low mood {low_mood!r}")
    if careful:
        notes.append("; ".join(f"{kind} ({name}): {m!r}" for kind, name, m in careful))
        return TriageResult(Route.CAREFUL, "; ".join(notes), careful=tuple(k for k, _, _ in careful),
                            mental_health=bool(mental_health), risk=risk, language=language)
    if mental_health:
        notes.append(f"mental-health topic: {mental_health.group(0)!r}")
    return TriageResult(Route.NORMAL, "; ".join(notes) or "no cue", mental_health=bool(mental_health), risk=risk,
                        language=language)


def triage(question: str, history: Sequence[Mapping[str, str]] = ()) -> TriageResult:
    """The cues alone (no model): what follow-up detection and tests of the cue tables use."""
    return assess(question, history)


class Triage:
    """Triage with the meaning model: what a Chatbot uses.

    ``encode`` is the bot's English encoder. A one-sentence English question whose
    normalised text only differs in case reuses the question's own vector, so triage
    costs no extra forward pass on the common path."""

    def __init__(self, encode: Callable[[Sequence[str]], "np.ndarray"], model: "RiskModel | None" = None) -> None:
        from .risk import load_model

        self.encode = encode
        self.model = model if model is not None else load_model()
        self._earlier: dict[str, TriageResult] = {}

    def scores(self, question: str, language: str, vector: "np.ndarray | None" = None) -> list["Scores"]:
        if self.model is None:
            return []
        from .risk import readings, segments

        text = normalize(question, english=language == "en")
        parts = readings(segments(text))
        if language != "en":
            return self.model.score(self.model.multilingual.encode(parts), "multi")
        if vector is not None and parts == [text] and text == " ".join(question.lower().split()):
            import numpy as np

            return self.model.score(np.asarray(vector, dtype=np.float32)[None, :], "en")
        return self.model.score(self.encode(parts), "en")

    def _earlier_turn(self, turn: str) -> TriageResult:
        """How an earlier user turn was routed, read alone (cached: a chat sends its history every time)."""
        if turn not in self._earlier:
            from .language import detect_language

            language = detect_language(turn)
            result = assess(turn, (), self.scores(turn, language), self.thresholds, language, earlier_crisis=False)
            if len(self._earlier) > 10_000:
                self._earlier.clear()
            self._earlier[turn] = result
        return self._earlier[turn]

    @property
    def thresholds(self) -> Mapping[str, float] | None:
        return self.model.thresholds if self.model is not None else None

    def __call__(self, question: str, history: Sequence[Mapping[str, str]] = (),
                 vector: "np.ndarray | None" = None) -> TriageResult:
        from .language import detect_language

        language = detect_language(question)
        earlier = [self._earlier_turn(t) for t in _previous_user_turns(history)]
        return assess(question, history, self.scores(question, language, vector), self.thresholds, language,
                      any(r.route is Route.CRISIS for r in earlier), any(r.risk for r in earlier),
                      bool(earlier) and earlier[-1].route is Route.CRISIS)
