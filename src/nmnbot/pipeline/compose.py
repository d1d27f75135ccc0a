"""Compose: the Answer a reader gets, and every word nmnbot says in its own voice.

``Quote`` and ``Answer`` are the typed result every front end shows. All caveat
wording lives here: the physician line, the evidence-strength line, personal-decision
notices, the seller note, and the crisis and emergency replies. The required caveats
are attached in ``Answer.__post_init__``, so no code path (error, abstention, crisis,
a future LLM mode) can produce an Answer without them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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
# The bottom line when nothing more specific can be said (API.md: never empty).
_DEFAULT_SUMMARY = {
    "answered": "These sources say something about this question; see the quotes and how strong each one's evidence is.",
    "not_found": "nmnbot's documents don't address this question.",
    "crisis": "Please reach out now: in the US call or text 988, or find a free helpline at findahelpline.com.",
    "emergency": "Call your local emergency number now.",
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
    # the bottom line in one or two plain sentences (API.md); a status's default when not given
    summary: str = ""
    # The personal-decision or risk notice that matters most to this reader: caveats[0] (API.md).
    notices: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.status not in _REQUIRED:
            raise ValueError(f"unknown status {self.status!r}")
        if self.status != "answered" and self.quotes:
            raise ValueError(f"a {self.status} answer carries no quotes")
        if self.status == "answered" and not self.quotes:
            raise ValueError("an answered answer needs at least one quote")
        # caveats[0] is the one that matters most to this reader (API.md): the personal-decision
        # or risk notice when there is one, else the evidence line.
        caveats = list(dict.fromkeys([*(n for n in self.notices if n), *(c for c in self.caveats if c)]))
        if self.status == "answered":
            strength = evidence_caveat([(q.text, q.evidence) for q in self.quotes])
            if strength not in caveats:
                caveats.insert(1 if caveats and is_decision_notice(caveats[0]) else 0, strength)
        if not self.summary.strip():
            object.__setattr__(self, "summary", _DEFAULT_SUMMARY[self.status])
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
            "summary": self.summary,
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
    "low_blood_sugar": ("If they are awake and can swallow, give them something sugary now (juice, regular soda, "
                        "glucose tablets); if they are drowsy or confused, give nothing by mouth."),
    "burns": "Cool the burn under cool running water for 20 minutes; don't use ice, butter or creams.",
    "head_injury": "Keep them still and lying down, don't give food or drink, and watch their breathing.",
    "infection": "Don't wait for it to pass; tell the responders about any procedure or injection you have had.",
    "other": "Stay with the person, don't drive yourself, and follow the dispatcher's instructions.",
}
# The emergency families of data/triage/emergency_families.md, by the advice line they get.
_EMERGENCY_FAMILY = {
    "stroke_signs": "stroke", "chest_pain_heart_attack": "chest_pain", "heart_rhythm_fainting": "chest_pain",
    "anaphylaxis": "allergy", "child_ingestion": "overdose", "accidental_overdose": "overdose",
    "severe_breathing_trouble": "breathing", "unconscious_or_shock": "unconscious", "severe_bleeding": "bleeding",
    "gi_bleeding": "bleeding", "low_blood_sugar": "low_blood_sugar", "high_blood_sugar": "other",
    "severe_burns": "burns", "head_injury": "head_injury", "post_procedure_infection": "infection",
    "sepsis": "infection", "fever_stiff_neck": "infection", "sudden_severe_headache": "stroke",
    "sudden_vision_loss": "stroke", "severe_abdominal_pain": "other", "severe_dehydration": "other",
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
# caveats[0] when triage reads a weaker risk signal (hopelessness, "what's the point"), or after
# a crisis turn earlier in the chat: the answer keeps its quotes, the notice comes first.
RISK_NOTICE = (
    "It sounds like things may feel really hard right now. You don't have to go through it alone: "
    "in the US you can call or text 988 any time, and findahelpline.com lists free, confidential "
    "helplines in other countries. If you might act on thoughts of harming yourself, call your "
    "local emergency number now."
)

# Personal-decision notices, by the kind of decision triage found (pipeline/triage.py).
_CAREFUL = {
    "treatment": CAVEAT_TREATMENT,
    "dose": CAVEAT_DOSE,
    "dose_amount": CAVEAT_DOSE,
    "child": CAVEAT_CHILD,
    "pregnancy": CAVEAT_PREGNANCY,
}


def crisis_reply(emergency: str | None = None, language: str = "en") -> str:
    """The whole reply to a crisis message, in the message's language where we have the words;
    the emergency action first when one is described."""
    if language in CRISIS_INTL:
        prefix = EMERGENCY_INTL[language][0] + "\n\n" if emergency else ""
        return prefix + CRISIS_INTL[language] + "\n\n" + CRISIS_MESSAGE
    return (CRISIS_EMERGENCY_PREFIX if emergency else "") + CRISIS_MESSAGE


def emergency_reply(family: str, language: str = "en") -> str:
    """The whole reply to an emergency: call now, one line of first aid for this family."""
    advice = EMERGENCY_ADVICE.get(_EMERGENCY_FAMILY.get(family, family), EMERGENCY_ADVICE["other"])
    english = f"{EMERGENCY_CALL}\n\n{advice} {EMERGENCY_FOOTER}"
    if language in EMERGENCY_INTL:
        call, stay = EMERGENCY_INTL[language]
        return f"{call}\n\n{stay}\n\n{english}"
    return english


def unreadable_reply(language: str) -> str:
    """The reply to a message in a language nmnbot cannot answer from its English documents:
    never a bare not-found; help lines first, in that language where we have the words."""
    lines = [UNREADABLE_INTL[language]] if language in UNREADABLE_INTL else []
    lines.append(UNREADABLE)
    return "\n\n".join(lines)


def decision_notice(kinds: Sequence[str], mental_health: bool, risk: bool = False) -> str | None:
    """The personal-decision or risk notice triage calls for, as one caveat (or None). A risk
    notice replaces the gentler low-mood line."""
    parts = [RISK_NOTICE] if risk else []
    parts += list(dict.fromkeys(_CAREFUL[k] for k in kinds))
    if mental_health and not risk:
        parts.append(GENTLE_MENTAL_HEALTH)
    return " ".join(parts) or None


def is_decision_notice(caveat: str) -> bool:
    """True for a caveat made by ``decision_notice`` (it opens with one of its parts)."""
    return caveat.startswith((*_CAREFUL.values(), GENTLE_MENTAL_HEALTH, RISK_NOTICE))


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


# --------------------------------------------------------------------------
# Other languages: the crisis and emergency replies, and the reply to a question nmnbot
# cannot read. Lines as published by each service (988lifeline.org, findahelpline.com,
# 024 Spain, 3114 France, TelefonSeelsorge Germany, CVV Brazil, Telefono Amico Italy).
# --------------------------------------------------------------------------

CRISIS_INTL = {
    "es": ("Siento mucho que estés pasando por esto. Lo que sientes importa y no tienes que afrontarlo a solas: "
           "hay personas que pueden ayudarte ahora mismo.\n\n"
           "- **En España:** llama al **024** (atención a la conducta suicida), gratis, a cualquier hora.\n"
           "- **En otros países:** encuentra una línea de ayuda gratuita y confidencial en **findahelpline.com**.\n"
           "- **Si estás en peligro inmediato**, o ya te has hecho daño o has tomado algo, llama ahora al **112** "
           "(o al **911** en América).\n\n"
           "Si puedes, cuéntale a alguien de confianza cómo te sientes. Solo soy un bot sencillo: "
           "una persona en estas líneas puede escucharte de verdad."),
    "fr": ("Je suis vraiment désolé que vous traversiez cela. Ce que vous ressentez compte, et vous n'avez pas à "
           "y faire face seul : des personnes peuvent vous aider, maintenant.\n\n"
           "- **En France :** appelez le **3114** (prévention du suicide), gratuit, 24 h/24.\n"
           "- **Ailleurs :** trouvez une ligne d'écoute gratuite et confidentielle sur **findahelpline.com**.\n"
           "- **Si vous êtes en danger immédiat**, ou si vous vous êtes déjà fait du mal ou avez pris quelque chose, "
           "appelez le **112** (ou le **15**) maintenant.\n\n"
           "Si vous le pouvez, dites à une personne de confiance ce que vous ressentez. Je ne suis qu'un simple bot : "
           "quelqu'un au 3114 peut vraiment vous écouter."),
    "de": ("Es tut mir wirklich leid, dass es dir gerade so geht. Was du fühlst, zählt, und du musst da nicht "
           "allein durch: Es gibt Menschen, die dir jetzt helfen können.\n\n"
           "- **In Deutschland:** TelefonSeelsorge, kostenlos und rund um die Uhr: **0800 111 0 111** oder "
           "**0800 111 0 222**. **Österreich:** **142**. **Schweiz:** **143**.\n"
           "- **Anderswo:** eine kostenlose Hilfe-Hotline findest du auf **findahelpline.com**.\n"
           "- **Wenn du in akuter Gefahr bist**, dir schon etwas angetan oder etwas eingenommen hast, ruf jetzt "
           "die **112** an.\n\n"
           "Wenn du kannst, erzähl einem Menschen, dem du vertraust, wie es dir geht. Ich bin nur ein einfacher Bot: "
           "Bei der TelefonSeelsorge hört dir ein Mensch wirklich zu."),
    "pt": ("Sinto muito que você esteja passando por isso. O que você sente importa, e você não precisa enfrentar "
           "isso sozinho: há pessoas que podem ajudar agora.\n\n"
           "- **No Brasil:** ligue **188** (CVV), grátis, 24 horas.\n"
           "- **Em outros países:** encontre uma linha de apoio gratuita em **findahelpline.com**.\n"
           "- **Se estiver em perigo imediato**, ou se já se machucou ou tomou algo, ligue agora para o **192** "
           "(Brasil) ou o **112** (Portugal e Europa).\n\n"
           "Se puder, conte a alguém de confiança como você está. Sou apenas um bot simples: "
           "uma pessoa nessas linhas pode realmente ouvir você."),
    "it": ("Mi dispiace davvero che tu stia attraversando tutto questo. Quello che provi conta e non devi "
           "affrontarlo da solo: ci sono persone che possono aiutarti, adesso.\n\n"
           "- **In Italia:** Telefono Amico **02 2327 2327**.\n"
           "- **Altrove:** trova una linea di ascolto gratuita su **findahelpline.com**.\n"
           "- **Se sei in pericolo immediato**, o ti sei già fatto del male o hai preso qualcosa, chiama subito "
           "il **112**.\n\n"
           "Se puoi, racconta a una persona di cui ti fidi come ti senti. Sono solo un semplice bot: "
           "una persona a queste linee può davvero ascoltarti."),
}
# (call now, stay with them) for an emergency in each language.
EMERGENCY_INTL = {
    "es": ("**Llama ahora al número de emergencias: 112 en Europa, 911 en América.**",
           "Quédate con la persona y sigue las instrucciones del operador. Si alguien tragó un medicamento o "
           "suplemento, ten el envase a mano."),
    "fr": ("**Appelez maintenant les urgences : 112 (ou 15 en France).**",
           "Restez avec la personne et suivez les instructions de l'opérateur. Si quelqu'un a avalé un médicament "
           "ou un complément, gardez l'emballage."),
    "de": ("**Ruf jetzt den Notruf an: 112.**",
           "Bleib bei der Person und folge den Anweisungen der Leitstelle. Hat jemand ein Medikament oder "
           "Nahrungsergänzungsmittel geschluckt, halte die Packung bereit."),
    "pt": ("**Ligue agora para a emergência: 192 ou 193 no Brasil, 112 em Portugal e na Europa.**",
           "Fique com a pessoa e siga as instruções do atendente. Se alguém engoliu um remédio ou suplemento, "
           "tenha a embalagem à mão."),
    "it": ("**Chiama subito il numero di emergenza: 112.**",
           "Resta con la persona e segui le istruzioni dell'operatore. Se qualcuno ha ingerito un farmaco o un "
           "integratore, tieni a portata di mano la confezione."),
}
UNREADABLE = (
    "nmnbot can only read questions in English, so it cannot answer this one from its documents. "
    "If you are going through a hard time or this is an emergency: call your local emergency number "
    "(112 in Europe, 911 in the Americas), or find a free, confidential helpline at findahelpline.com."
)
UNREADABLE_INTL = {
    "es": ("nmnbot solo puede leer preguntas en inglés, así que no puede responder a esta con sus documentos. "
           "Si lo estás pasando mal o es una emergencia: llama al 112 (911 en América) o busca una línea de "
           "ayuda gratuita en findahelpline.com (en España, el 024)."),
    "fr": ("nmnbot ne lit que les questions en anglais et ne peut donc pas répondre à celle-ci avec ses documents. "
           "Si vous traversez un moment difficile ou s'il s'agit d'une urgence : appelez le 112 (ou le 15), ou "
           "trouvez une ligne d'écoute gratuite sur findahelpline.com (en France, le 3114)."),
    "de": ("nmnbot kann nur Fragen auf Englisch lesen und diese deshalb nicht aus seinen Dokumenten beantworten. "
           "Wenn es dir schlecht geht oder es ein Notfall ist: Ruf die 112 an oder finde eine kostenlose "
           "Hotline auf findahelpline.com (in Deutschland die TelefonSeelsorge, 0800 111 0 111)."),
    "pt": ("O nmnbot só consegue ler perguntas em inglês, por isso não pode responder a esta com os seus documentos. "
           "Se estiver passando por um momento difícil ou for uma emergência: ligue 192 (Brasil) ou 112 (Europa), "
           "ou encontre uma linha de apoio gratuita em findahelpline.com (no Brasil, o CVV: 188)."),
    "it": ("nmnbot può leggere solo domande in inglese, quindi non può rispondere a questa con i suoi documenti. "
           "Se stai attraversando un momento difficile o è un'emergenza: chiama il 112 o trova una linea di "
           "ascolto gratuita su findahelpline.com (in Italia, Telefono Amico: 02 2327 2327)."),
}


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


_NUMBER = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int, one: str, many: str) -> str:
    return f"{_NUMBER[n] if n < len(_NUMBER) else n} {one if n == 1 else many}"


def summarize(relevant: Sequence[tuple[str, EvidenceLevel, str]], sellers: Mapping[str, str | None]) -> str:
    """The bottom line of an answer, built only from the relevant sentences of the retrieved
    passages (quoted or not): what kinds of study they describe, whether any was done in
    people, and whether the sources sell what they discuss.

    ``relevant`` holds (text, level, passage id) for every sentence the ranker judged to
    answer the question; sentences of one level in one passage count as one study."""
    texts_at: dict[EvidenceLevel, list[str]] = {}
    passages_at: dict[EvidenceLevel, set[str]] = {}
    for text, level, passage in relevant:
        texts_at.setdefault(level, []).append(text)
        passages_at.setdefault(level, set()).add(passage)
    parts = []
    for level in (EvidenceLevel.SYSTEMATIC_REVIEW, EvidenceLevel.HUMAN_RCT, EvidenceLevel.HUMAN_STUDY,
                  EvidenceLevel.ANIMAL, EvidenceLevel.IN_VITRO, EvidenceLevel.CASE_REPORT):
        if level not in passages_at:
            continue
        n = len(passages_at[level])
        if level is EvidenceLevel.HUMAN_RCT:
            trial = trial_details(texts_at[level])
            n = max(n, trial.trials) if trial.trials > 1 else 1 if n else 0
            who = trial.population or "people"
            size = trial.details.strip(" ()").split(",")[0] if trial.trials == 1 and trial.details else ""
            if size.endswith("people") and trial.population:
                size = size.replace("people", trial.population)
            parts.append(f"one randomized trial in {size}" if size else _count(n, f"randomized trial in {who}",
                                                                               f"randomized trials in {who}"))
        elif level is EvidenceLevel.ANIMAL:
            species = species_named(texts_at[level])
            where = " and ".join(species) if species else "animals"
            parts.append(_count(n, f"study in {where}", f"studies in {where}"))
        else:
            parts.append(_count(n, *_KIND[level]))
    levels = set(passages_at)
    if parts:
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        line = f"These sources describe {listed}"
        if not levels & {EvidenceLevel.SYSTEMATIC_REVIEW, EvidenceLevel.HUMAN_RCT, EvidenceLevel.HUMAN_STUDY}:
            line += "; none of it was done in people"
        line += "."
    elif EvidenceLevel.UNSPECIFIED in levels:
        line = "These sources mention research without saying what kind, so its strength cannot be judged."
    else:
        line = "These sources give their authors' own claims; they describe no study."
    sold = [v for v in sellers.values() if v]
    if sold:
        line += " " + _sellers_line(sold, len(sellers))
    return line


def _sellers_line(sold: Sequence[str], sources: int) -> str:
    """ "this source sells NMN" notes as one sentence about the sources behind an answer."""
    rests = [n.split("this source ", 1)[-1] for n in sold]  # "sells NMN", "promotes ... and asks ..."
    if sources == 1:
        return f"The source {rests[0]}."
    if len(sold) == sources == 2 and rests[0] == rests[1] and rests[0].startswith("sells "):
        return f"Both sources sell {rests[0][len('sells '):]}."
    if len(sold) == 1:
        return f"One of the sources {rests[0]}."
    return f"{_NUMBER[len(sold)].capitalize() if len(sold) < len(_NUMBER) else len(sold)} of the {sources} sources sell or promote what they discuss."


_KIND = {
    EvidenceLevel.SYSTEMATIC_REVIEW: ("review of studies", "reviews of studies"),
    EvidenceLevel.HUMAN_STUDY: ("study in people that was not randomized", "studies in people that were not randomized"),
    EvidenceLevel.IN_VITRO: ("lab study in cells", "lab studies in cells"),
    EvidenceLevel.CASE_REPORT: ("patient's story", "patients' stories"),
}


# Opens the paragraph on conflicting sources; other fronts (the /v1 Markdown) find it by this.
DISAGREEMENT_LEAD = "**The sources disagree.**"


def write_answer(quotes: Sequence[Quote], disagreements: Sequence[str], summary: str = "") -> str:
    """A short markdown reply that reports what the sources say, not that it is true."""
    lines = [f"**{md_escape(summary)}**", ""] if summary else []
    lines += ["Here is what nmnbot's sources say, quoted word for word (what a source claims is not proof):", ""]
    for n, q in enumerate(quotes, 1):
        flat = " ".join(q.text.split())
        seller = f" ({q.seller})" if q.seller else ""
        lines.append(f"{n}. **{_LEAD[q.evidence]}**, in *{md_escape(q.title)}*{seller}: “{md_escape(flat)}” [{n}]")
    if disagreements:
        lines += ["", f"{DISAGREEMENT_LEAD} " + " ".join(disagreements)]
    return "\n".join(lines)


def write_not_found(titles: Sequence[str]) -> str:
    shown = ", ".join(f"*{md_escape(t)}*" for t in titles[:5])
    more = f" and {len(titles) - 5} more" if len(titles) > 5 else ""
    return (
        "nmnbot's documents don't address this question, so there is nothing to quote. "
        f"It can answer questions about what its sources cover: {shown}{more}."
    )


def md_escape(text: str) -> str:
    """Markdown and HTML in documents are shown as text, never interpreted."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
