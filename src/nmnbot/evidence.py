"""Evidence levels for quoted sentences, and source-credibility notes.

Every quote the bot shows carries a level (API.md's table) decided here by
explainable cue patterns; this module also flags sellers, words the one-line
caveat on evidence strength, and finds places where sources contradict each
other. Pure Python + ``re``: no model, no heavy imports, nothing done at import.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import combinations
from pathlib import Path

__all__ = [
    "Disagreement",
    "EvidenceClassifier",
    "EvidenceJudgement",
    "EvidenceLevel",
    "classify_evidence",
    "evaluate_labels",
    "evidence_caveat",
    "find_disagreements",
    "is_promotional",
    "seller_flag",
    "strongest",
]


class EvidenceLevel(str, Enum):
    """What a quoted sentence reports, strongest first (the declaration order is the rank)."""

    SYSTEMATIC_REVIEW = "systematic_review"
    HUMAN_RCT = "human_rct"
    HUMAN_STUDY = "human_study"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"
    CASE_REPORT = "case_report"
    UNSPECIFIED = "unspecified"
    OPINION = "opinion"
    PROMOTIONAL = "promotional"

    @property
    def rank(self) -> int:
        """0 for the strongest level; promotional is last."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """Plain words for readers."""
        return _LABELS[self]

    def __str__(self) -> str:
        return self.value


_RANK: dict[EvidenceLevel, int] = {level: i for i, level in enumerate(EvidenceLevel)}
_LABELS: dict[EvidenceLevel, str] = {
    EvidenceLevel.SYSTEMATIC_REVIEW: "Review of many studies",
    EvidenceLevel.HUMAN_RCT: "Randomized trial in people",
    EvidenceLevel.HUMAN_STUDY: "Study in people, not randomized",
    EvidenceLevel.ANIMAL: "Study in mice or other animals",
    EvidenceLevel.IN_VITRO: "Lab study in cells",
    EvidenceLevel.CASE_REPORT: "One person's story",
    EvidenceLevel.UNSPECIFIED: "Research of unstated kind",
    EvidenceLevel.OPINION: "Opinion, no study cited",
    EvidenceLevel.PROMOTIONAL: "Advertising",
}
# Levels a later sentence can inherit: the ones that describe a study or a patient.
_INHERITABLE = frozenset(
    {
        EvidenceLevel.SYSTEMATIC_REVIEW,
        EvidenceLevel.HUMAN_RCT,
        EvidenceLevel.HUMAN_STUDY,
        EvidenceLevel.ANIMAL,
        EvidenceLevel.IN_VITRO,
        EvidenceLevel.CASE_REPORT,
        EvidenceLevel.UNSPECIFIED,
    }
)


@dataclass(frozen=True)
class EvidenceJudgement:
    """A level with the words that decided it."""

    level: EvidenceLevel
    cue: str
    inherited: bool = False

    def explain(self) -> str:
        """One human-readable line: why this level."""
        if self.inherited:
            return f'{self.level.label}: continues the study described just before ("{self.cue}").'
        if self.cue:
            return f'{self.level.label}: the sentence says "{self.cue}".'
        return f"{self.level.label}: no study, patient or product is described."


# --------------------------------------------------------------------------
# Cue patterns. Each group is one rung of the precedence ladder in
# EvidenceClassifier.judge; the comments say what each is there to catch or
# to avoid. Word lists were drawn up from API.md's table and checked against
# tests/data/evidence_labels.jsonl (dev split only).
# --------------------------------------------------------------------------

_I = re.IGNORECASE

_PRODUCT_NOUN = (
    r"(?:powders?|supplements?|capsules?|caps|gummies|tablets?|pills?|serums?|sprays?|gels?|"
    r"creams?|formulas?|formulations?|drops|oils?|shampoos?|kits?|products?|brands?|blends?|boosters?)"
)

# A call to get in touch: the author solicits readers (a clinic, an influencer).
_CALL_TO_CONTACT = [
    re.compile(p, _I)
    for p in (
        r"\bclick\s+(?:on\s+)?(?:my|our|the|this)\s+(?:avatar|link|profile|banner|button)",
        r"\b(?:message|DM|contact|email|call|text)\s+(?:me|us)\b",
    )
]
# A sales pitch: price talk, offers, brand plugs, "our <product>".
_SALES_PITCH = [
    re.compile(p, _I)
    for p in (
        r"\blook\s+no\s+further\b",
        r"\b(?:order|shop|buy)\s+(?:now|today|online)\b",
        r"\bbuy\b",
        r"\badd\s+to\s+(?:cart|basket)\b",
        r"\b(?:at|during)\s+checkout\b",
        r"\b(?:use|enter|apply)\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\b",
        r"\b(?:discount|coupon|promo)\s+codes?\b",
        r"\b\d+\s?%\s+off\b",
        r"\bsubscribe\s+and\s+save\b",
        r"\bfree\s+(?:bottle|jar|shipping|delivery|trial|sample|gift)\b",
        r"\b(?:unbeatable|lowest|best|great)\s+prices?\b",
        r"\bfor\s+prices\b",
        r"\blimited[- ]time\s+offer\b",
        r"\bshop\s+(?:the|our|now)\b|\bsave\s+\d+\s?%|\bwith\s+(?:the\s+)?code\b|\bcode\s+(?-i:[A-Z0-9]{4,})\b",
        r"\b(?:exclusive|special|introductory)\s+offer\b|\boffer\s+ends\b|\bdon[’']?t\s+miss\s+out\b",
        r"\b(?:grab|claim)\s+your\b|\border\s+your\b|\bwhile\s+(?:stocks|supplies)\s+last\b",
        r"\b(?:order|orders)\s+ships?\s+free\b|\bfree\s+(?:consultation|delivery)\b",
        r"\b\d+[- ]day\s+(?:money[- ]back\s+)?guarantee\b|\brisk[- ]free\b|\brisk\s+nothing\b",
        r"\bbook\s+(?:your|a)\s+(?:free\s+)?(?:consultation|appointment|session|treatment)\b",
        r"\b(?:at|in|visit)\s+our\s+(?:clinic|center|centre|salon|pharmacy)\b",
        r"\bhappy\s+customers\b|\b\d\s?stars?\b|\b\d-star\b",
        r"\bmoney[- ]back\b",
        r"\b(?:visit|available\s+(?:exclusively\s+)?(?:on|at|in))\s+our\s+(?:shop|store|website|site|online)",
        r"\bthird[- ]party\s+(?:lab(?:oratory)?\s+)?test(?:ed|ing)?\b",
        r"\bguaranteed\s+(?:pure|purity|quality|results?|fresh|potency)\b",
        # "our NMN powder", "our acne gel", "Our clinically formulated Melatonin+ Sleep Spray"
        rf"\bour\s+(?:[\w+®™-]+\s+){{0,4}}{_PRODUCT_NOUN}\b",
        rf"\b(?:we\s+are|we're)\s+(?:the|a|an)\s+(?:\w+\s+){{0,3}}(?:brand|company|supplier|manufacturer|store|shop)\b",
        # marketing adjectives next to a product noun: "premium NMN supplement", "99% pure NMN Powder", "NMN Powder Pure"
        rf"\b(?:premium|trusted|finest|top[- ]quality|\d+(?:\.\d+)?\s?%\s+pure)\s+(?:[\w+-]+\s+){{0,3}}{_PRODUCT_NOUN}\b",
        rf"\b{_PRODUCT_NOUN}\s+(?-i:Pure|Premium|Plus|Pro|Max)\b",
        # a trademark sign within a few words of a product noun
        rf"[™®](?:\s+[\w%+-]+){{0,4}}\s+{_PRODUCT_NOUN}\b",
        rf"\b{_PRODUCT_NOUN}(?:\s+[\w%+-]+){{0,2}}\s*[™®]",
        r"\b\w+[™®]\s+(?:and|to)\s+get\b",
    )
]
_PROMO = _SALES_PITCH + _CALL_TO_CONTACT

# First-person testimonial ("I tried ... and my hair ..."): beats any study it mentions,
# because the sentence reports one person's experience, not the study's result.
_TESTIMONIAL = [
    re.compile(p, _I)
    for p in (
        r"\bI(?:'ve|’ve|\s+have|\s+had)?\s+(?:been\s+)?(?:started|tried|took|take|began|begun|using|taking|used|noticed|felt)\b",
        r"\bmy\s+(?:hair|hairline|scalp|skin|acne|energy|sleep|mood|pain|joints?|sister|brother|mother|mum|mom|"
        r"father|dad|wife|husband|friend|son|daughter|partner|grandmother|grandfather|aunt|uncle)\b"
        r"(?:\s+\w+){0,8}?\s+(?:swears|was|is|has|had|grew|came|cleared|improved|started|took|takes|stopped|filled)\b",
    )
]

# "More research is needed ... in humans" names people but reports no study.
_RESEARCH_GAP = re.compile(
    r"\bmore\s+(?:\w+\s+){0,2}(?:research|studies|trials|evidence|data)\s+(?:is|are)\s+(?:still\s+)?needed"
    r"|\b(?:research|studies|evidence|data)\s+(?:is|are)\s+(?:still\s+)?(?:lacking|limited|scarce|needed)"
    r"|\bno\s+(?:\w+\s+){0,2}(?:studies|trials|research|evidence)\b"
    r"|\bha(?:s|ve)(?:n't|\s+not)\s+been\s+(?:studied|tested|shown|proven)"
    r"|\bneeds?\s+to\s+be\s+(?:confirmed|studied|tested)",
    _I,
)
_FINDING_VERB = re.compile(r"\b(?:found|showed|shown|reported|concluded|observed|demonstrated)\b", _I)

_REVIEW = re.compile(
    r"\bmeta-?\s?analy(?:s[ie]s|tic)\b|\b(?:trials|studies)\s+(?:were|are)\s+pooled\b"
    r"|\bpool(?:ed|ing|s)\s+(?:\w+\s+){0,3}(?:trials|studies)\b"
    r"|\bcombin\w+\s+(?:the\s+)?(?:results|data)\s+(?:of|from)\s+(?:\d[\d,]*|several|many|multiple|all)\s+(?:\w+\s+)?(?:trials|studies)\b|\bsystematic(?:ally)?\s+review\w*|\bumbrella\s+review\b|\bCochrane\b"
    r"|\bpool(?:ed|ing)\s+(?:\w+\s+){0,2}(?:analys[ie]s|data|results|estimates?)\b"
    r"|\breview\s+of\s+\d[\d,]*\s+(?:\w+\s+){0,2}(?:trials|studies)\b",
    _I,
)

_RCT = re.compile(
    r"\brandomi[sz](?:ed|ation)\b|\brandomly\s+(?:assigned|allocated|divided|split|given|giving|chose|chosen)\b"
    r"|\bplacebo(?:[- ]controlled)?\b|\bdouble[- ]blind(?:ed)?\b|\btriple[- ]blind(?:ed)?\b|\bRCTs?\b"
    r"|\b(?:sugar|dummy|inactive|identical)\s+(?:pills?|capsules?|syrups?|drinks?|tablets?)\b"
    r"|\b(?:blinded|controlled)\s+(?:clinical\s+)?trials?\b|\b(?:at\s+random|by\s+lottery|by\s+coin\s+toss)\b|\bsham\b",
    _I,
)
# Words around an RCT keyword that belong to the design phrase, so the cue reads
# "randomized, double-blind, placebo-controlled clinical trial" rather than "randomized".
_DESIGN_WORDS = frozenset(
    "randomized randomised double-blind double-blinded triple-blind single-blind placebo-controlled "
    "placebo controlled clinical crossover cross-over multicenter multicentre trial trials study "
    "studies rct rcts and a an".split()
)

_HUMAN_POP = (
    r"(?:people|persons|participants|volunteers|patients|subjects|adults|men|women|children|kids|"
    r"teenagers|adolescents|infants|elderly|seniors|nurses|students|athletes|individuals|humans|"
    r"smokers|veterans|twins|employees|workers)"
)
_HUMAN_STUDY = [
    re.compile(p, _I)
    for p in (
        r"\b(?:cohort|observational|cross[- ]sectional|case[- ]control|longitudinal|prospective|retrospective|"
        r"open[- ]label|pilot|epidemiological|population[- ]based|uncontrolled|single[- ]arm|registry|"
        r"pharmacokinetic|twin)\s+(?:\w+\s+)?(?:study|studies|trials?|analysis|data)\b",
        r"\bsurvey(?:ed)?\s+(?:of\s+)?[\d,]+\s+(?:\w+\s+){0,2}" + _HUMAN_POP,
        r"\bclinical\s+(?:study|studies|trials?|research|data|evidence|investigations?)\b",
        r"\bin\s+humans\b",
        r"\bhuman\s+(?:study|studies|trials?|subjects|volunteers|participants|data)\b",
        r"\bhealthy\s+(?:\w+\s+)?(?:subjects|volunteers|participants)\b",
        r"\b(?:stud(?:y|ies)|trials?|research|experiments?)\s+(?:in|of|on|involving|among|with|that\s+(?:enrolled|"
        r"followed|included|recruited|tracked))\s+(?:[\w,.-]+\s+){0,4}?" + _HUMAN_POP + r"\b",
        r"\b(?:enrolled|recruited|followed|tracked|surveyed|gave|studied|compared)\s+(?:[\w,.-]+\s+){0,4}?"
        + _HUMAN_POP + r"\b",
        # a sample of people and what they did or how long they were followed
        r"\bamong\s+\d[\d,]*\s+(?:\w+\s+){0,2}" + _HUMAN_POP + r"\b",
        r"\b" + _HUMAN_POP + r"\s+(?:were\s+)?followed\s+(?:for|over)\s+\d+",
        r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\s+"
        r"(?:healthy\s+|older\s+|young\s+|obese\s+)?" + _HUMAN_POP + r"\s+(?:took|were\s+given|received|drank|ate|"
        r"used|applied|completed|swallowed)\b",
        r"\b(?:measured|tested|recorded|assessed|analy[sz]ed|monitored)\b[^.]{0,60}\b\d[\d,]*\s+(?:\w+\s+){0,2}"
        + _HUMAN_POP + r"\b",
        r"\bbiobank\b|\bhealth\s+records\b|\bnational\s+health\s+(?:data|survey)\b",
        # "studies show that people who ...": a finding about people, design unstated
        r"\b(?:show\w*|found|finds?|suggest\w*|reveal\w*|indicat\w*)\s+(?:that\s+)?(?:people|adults|women|men|"
        r"children|patients|teenagers)\s+who\b",
    )
]
# Words that name people as subjects without saying how they were studied;
# enough for a study in people unless the sentence is about cells in a lab.
_HUMAN_SUBJECTS = re.compile(r"\b(?:participants|volunteers)\b", _I)
# "follicles taken from volunteers": people only donated the tissue.
_TISSUE_DONOR = re.compile(
    r"\b(?:taken|obtained|isolated|derived|collected|donated|removed)\s+(?:from|by)\s+(?:\w+\s+){0,3}" + _HUMAN_POP + r"\b",
    _I,
)

_ANIMAL_WORDS = (
    r"(?:mice|mouse|murine|rats?|rodents?|hamsters?|guinea\s+pigs?|rabbits?|dogs?|cats?|pigs?|piglets?|"
    r"sheep|cows?|cattle|monkeys?|macaques?|primates?|zebrafish|worms?|nematodes?|C\.\s?elegans|"
    r"fruit\s+fl(?:y|ies)|Drosophila|beagles?|horses?|goats?|lambs?|chickens?|frogs?|tadpoles?|ferrets?|"
    r"gerbils?|marmosets?|minipigs?|rhesus|animals?)"
)
_ANIMAL = [
    re.compile(p, _I)
    for p in (
        r"\b" + _ANIMAL_WORDS + r"\b",
        r"\b(?:transgenic|knockout|knock-in|xenograft)\s+(?:\w+\s+)?models?\b",
        # disease models without patients are animal models (API.md)
        r"\b(?:disease|injury|loss|damage|deficiency|fibrosis|obesity|diabetes|ageing|aging|alopecia|cancer|"
        r"tumou?r|stroke|colitis|depression|reperfusion)\s+models?\b",
        r"\b\w+-induced\s+(?:\w+\s+){0,2}models?\b",
        r"\bmodels?\s+of\s+(?:[\w'’-]+\s+){0,3}(?:disease|injury|damage|loss|fibrosis|obesity|diabetes|aging|ageing|"
        r"alopecia|cancer|colitis|stroke|depression)\b",
    )
]
# An animal word that only says where cells came from ("mouse cells") is a lab study.
_ANIMAL_AS_CELL_SOURCE = re.compile(
    r"^\s*(?:\w+\s+)?(?:cells?|neurons|fibroblasts|keratinocytes|tissues?|embryonic|stem|primary|hepatocytes|islets)\b", _I
)
# ... and so is a model word qualified as a cell/computer model.
_NON_ANIMAL_MODEL = re.compile(r"(?:cell|cellular|computer|statistical|mathematical|vitro|3D|culture)\s*$", _I)
# "structures that could be transplanted into mice": a possibility, not the experiment.
_HYPOTHETICAL_ANIMAL = re.compile(
    r"\b(?:could|may|might|can|would)\s+(?:later\s+|then\s+)?be\s+\w+\s+(?:in|into|on|to)\s+(?:\w+\s+)?"
    + _ANIMAL_WORDS + r"\b",
    _I,
)
# "in animals and humans": research of both kinds, none of which the sentence singles out.
_MIXED_POPULATION = re.compile(
    r"\b(?:animals?|mice|rodents)\s+and\s+(?:in\s+)?(?:humans|people)\b|\b(?:humans|people)\s+and\s+(?:in\s+)?(?:animals|mice|rodents)\b",
    _I,
)

_IN_VITRO = [
    re.compile(p, _I)
    for p in (
        r"\bin\s+vitro\b|\bex\s+vivo\b",
        r"\bcultured\b|\bin\s+culture\b|\bcultures?\s+(?:system|dish|medium|plate)s?\b|\bcell\s+cultures?\b|\b3D\s+culture\b",
        r"\bcell\s+lines?\b|\b(?:petri|laboratory|lab|culture)\s+dish(?:es)?\b|\bin\s+a\s+dish\b|\btest[- ]tubes?\b|\borganoids?\b|\bexplants?\b",
        r"\blab(?:oratory)?\s+(?:studies|study|experiments?|tests?|research|work)\b",
        # "in the lab" only with material that can sit in a lab ("participants came to the lab" is not in vitro)
        r"\b(?:cells?|tissues?|follicles?|samples?|bacteria|virus(?:es)?)\b[^.]{0,60}\b(?:in|at)\s+(?:a|the)\s+lab(?:oratory)?\b"
        r"|\b(?:in|at)\s+(?:a|the)\s+lab(?:oratory)?\b[^.]{0,60}\b(?:cells?|tissues?|follicles?|samples?)\b",
        r"\bisolated\s+(?:\w+\s+)?(?:cells|neurons|tissues?|mitochondria|follicles)\b",
        r"\bcells?\s+(?:were|was)\s+(?:\w+\s+)?(?:incubated|treated|exposed|grown|cultured|bathed|soaked)\b",
        r"\b(?:incubated|exposed)\s+(?:\w+\s+){0,3}cells\b",
        r"\bcells?\s+(?:\w+\s+)?exposed\s+to\b",
        r"\b(?:fibroblasts|keratinocytes|hepatocytes|neurons|myocytes|adipocytes|macrophages|stem\s+cells)\s+"
        r"(?:were\s+)?(?:\w+\s+)?(?:treated|incubated|exposed|grown|cultured|bathed)\b",
        # a past-tense result on named cells: "promoted the proliferation of human dermal papilla cells"
        r"\b(?:promoted|increased|inhibited|reduced|stimulated|suppressed|enhanced|boosted|killed|slowed|blocked)\s+"
        r"(?:the\s+)?(?:proliferation|growth|survival|death|viability|division|migration)\s+of\s+(?:[\w-]+\s+){0,4}cells\b",
        r"\bproliferation\s+(?:rate\s+)?(?:increased|rose|reached|peaked|doubled)\b|\bcell\s+proliferation\s+rate\b",
        r"\breprogram\w*\b|\bpluripotent\b|\biPS\s?cells?\b|\bgenerat\w+\s+(?:[\w-]+\s+){0,3}cells\s+from\b",
        r"\btissue\s+samples?\b",
    )
]

_CASE = [
    re.compile(p, _I)
    for p in (
        r"\b(?-i:Mr|Mrs|Ms|Miss)\.?\s+(?-i:[A-Z][a-z]+)",
        r"\b(?:a|an|the|one|this)\s+\d{1,3}-year-old\b",
        r"^\W*(?-i:[A-Z][a-z]+),\s+\d{1,3},",
        r"\b(?:one|a|this|our)\s+(?:\w+\s+)?patient\b(?!s)",
        r"\bcase\s+reports?\b|\bclinical\s+cases\b|\b(?:in\s+)?the\s+following\s+case\b|\b(?:in\s+)?(?:his|her)\s+case\b",
        r"\b(?:doctors|physicians|clinicians|dermatologists|surgeons)\s+(?:described|reported|treated)\s+(?:a|an|one)\b",
    )
]

# Research of unstated kind: a research noun with a reporting verb, a publication, a journal.
_UNSPECIFIED = [
    re.compile(p, _I)
    for p in (
        r"\b(?:stud(?:y|ies)|research|evidence|data|trials?|experiments?|scientists|researchers|investigators|"
        r"literature|papers?)\b(?:\s+[\w,()’'-]+){0,12}?\s+(?:show\w*|suggest\w*|found|finds?|indicat\w*|"
        r"demonstrat\w*|confirm\w*|reveal\w*|link\w*|point\w*|prove[sdn]?|report\w*|discover\w*|explor\w*|"
        r"examin\w*|investigat\w*|used|lasted|claim\w*|observ\w*|conclud\w*)\b",
        r"\b(?:a|one|another|recent|new|\d{4})\s+(?:\w+\s+)?(?:study|paper)\s+(?:published|found|showed|shows|suggests)\b",
        r"\bpublished\s+in\b",
        r"\baccording\s+to\s+(?:a|the|recent|new|one)\s+(?:\w+\s+)?(?:study|research|report|review|paper|journal|survey)\b",
        r"\bjournal\b[\s,]+(?:\w+[\s,]+){0,4}?(?:states?|reports?|says|notes|published)\b",
        r"\bbased\s+on\s+(?:\w+\s+){0,3}(?:research|studies|evidence|science)\b",
        r"\bevidence\s+(?:that|for)\b",
    )
]

# A sentence that points back at the study already described.
_ANAPHORA = re.compile(
    r"^\W*(?:(?:in|at|by|after|during|overall|moreover|however|furthermore|importantly|notably|specifically)\b[^,]{0,40},\s*)?"
    r"(?:(?:the|this|that|these|those)\s+(?:same\s+)?(?:study|studies|trial|trials|research|researchers|scientists|team|"
    r"authors|investigators|experiments?|analysis|review|meta-analysis|results?|findings?|data|participants|"
    r"volunteers|subjects|patients|animals|mice|rats|cells|treated|treatment|intervention|group)\b"
    r"|(?:they|he|she)\s+(?:also\s+)?(?:found|observed|showed|reported|discovered|demonstrated|noted|saw|"
    r"measured|concluded|recorded|detected)\b)",
    _I,
)
_GROUP_REFERENCE = re.compile(
    r"\b(?:the|these|those)\s+(?:treated|treatment|control|placebo|intervention|untreated|[\w-]+-treated)\s+"
    r"(?:group|groups|arm|animals|mice|rats|patients|participants)\b"
    r"|\bcompared\s+(?:to|with)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:group|placebo|controls?)\b",
    _I,
)
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", _I)
# Continuing an experiment's results without naming it: a short subject then a
# past-tense result verb ("NMN was able to reverse ...", "NMN showed ..."). Only
# used when the sentence right before it described a study.
_CONTINUATION = re.compile(
    r"^\W*(?:[\w+-]+\s+){1,3}?(?:significantly\s+|also\s+|further\s+)?(?:was\s+able\s+to|were\s+able\s+to|showed|"
    r"increased|reduced|decreased|improved|lowered|raised|reversed|restored|prevented|promoted|boosted|produced|"
    r"caused|led\s+to|resulted\s+in|outperformed|doubled|halved|lost|gained|fell|rose|dropped)\b",
    _I,
)

_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "e.g.", "i.e.", "al.", "vs.", "Fig.", "approx.", "No.")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'“(–-]?\s*[A-Z0-9])")
# How many context sentences are read back: enough for a study described a
# paragraph earlier, few enough that an unrelated study much earlier is not picked up.
_CONTEXT_SENTENCES = 6


def _sentences(text: str) -> list[str]:
    """Split a passage into sentences; good enough for context, not for quoting."""
    out: list[str] = []
    for block in re.split(r"\n\s*", text):
        sentences: list[str] = []
        for piece in _SENTENCE_BREAK.split(block.strip()):
            if sentences and sentences[-1].endswith(_ABBREVIATIONS):
                sentences[-1] = f"{sentences[-1]} {piece}"  # "Mr. Chen", "e.g. 0.3 mg"
            elif piece:
                sentences.append(piece)
        out.extend(sentences)
    return out


def _first(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def _animal_match(text: str) -> re.Match[str] | None:
    """The first animal cue that is a real experiment (not a cell source, cell model or possibility)."""
    hypothetical = [m.span() for m in _HYPOTHETICAL_ANIMAL.finditer(text)]
    for pattern in _ANIMAL:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in hypothetical):
                continue
            if pattern is _ANIMAL[0] and _ANIMAL_AS_CELL_SOURCE.match(text[match.end():]):
                continue
            if "model" in match.group(0).lower() and _NON_ANIMAL_MODEL.search(text[: match.start()]):
                continue
            return match
    return None


def _design_phrase(text: str, match: re.Match[str]) -> str:
    """Widen an RCT keyword to the whole design phrase around it."""
    tokens = list(re.finditer(r"[\w-]+", text))
    index = next(i for i, t in enumerate(tokens) if t.end() > match.start())
    lo = hi = index
    while lo > 0 and tokens[lo - 1].group(0).lower() in _DESIGN_WORDS:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].group(0).lower() in _DESIGN_WORDS:
        hi += 1
    while lo < index and tokens[lo].group(0).lower() in {"and", "a", "an"}:
        lo += 1
    while hi > index and tokens[hi].group(0).lower() in {"and", "a", "an"}:
        hi -= 1
    return text[tokens[lo].start() : tokens[hi].end()]


class EvidenceClassifier:
    """Decides a sentence's evidence level from cue patterns with a fixed precedence.

    The ladder, first match wins: advertising; a first-person testimonial; a
    statement that research is lacking (opinion); systematic review; a study in
    people, animals or cells, told apart by who was studied; a described patient;
    a sentence pointing back at a study in the context (inherits its level);
    research of unstated kind; otherwise opinion.
    """

    def judge(self, text: str, context: str | None = None) -> EvidenceJudgement:
        """The level of ``text``; ``context`` is the passage before it (same section)."""
        return self._judge(text, self._context_levels(context) if context else [])

    def _judge(self, text: str, before: list[EvidenceJudgement]) -> EvidenceJudgement:
        own = self._own(text)
        if own is not None:
            return own
        inherited = self._inherit(text, before)
        if inherited is not None:
            return inherited
        match = _first(_UNSPECIFIED, text)
        if match:
            return EvidenceJudgement(EvidenceLevel.UNSPECIFIED, match.group(0))
        return EvidenceJudgement(EvidenceLevel.OPINION, "")

    def _own(self, text: str) -> EvidenceJudgement | None:
        """The level the sentence's own words decide, or None when they decide nothing."""
        return _own_level(text)

    def _inherit(self, text: str, chain: list[EvidenceJudgement]) -> EvidenceJudgement | None:
        """The context's study level when the sentence refers back to it."""
        return _inherited_level(text, chain)

    def _context_levels(self, context: str) -> list[EvidenceJudgement]:
        """Judge the context's sentences in order, each against the ones before it."""
        judged: list[EvidenceJudgement] = []
        for sentence in _context_sentences(context):
            judged.append(self._judge(sentence, judged))
        return judged


# A sentence's own cues depend on its words alone, and at answer time the same corpus
# sentences come back as context for one candidate after another (sentence k's context
# holds sentences 0..k-1): on the full MedQuAD index judging was 26 ms of a 50 ms ask.
@lru_cache(maxsize=100_000)
def _own_level(text: str) -> EvidenceJudgement | None:
    match = _first(_PROMO, text)
    if match:
        return EvidenceJudgement(EvidenceLevel.PROMOTIONAL, match.group(0).strip())
    match = _first(_TESTIMONIAL, text)
    if match:
        return EvidenceJudgement(EvidenceLevel.CASE_REPORT, match.group(0))
    gap = _RESEARCH_GAP.search(text)
    if gap and not _FINDING_VERB.search(text):
        return EvidenceJudgement(EvidenceLevel.OPINION, gap.group(0))
    match = _REVIEW.search(text)
    if match:
        return EvidenceJudgement(EvidenceLevel.SYSTEMATIC_REVIEW, match.group(0))
    mixed = _MIXED_POPULATION.search(text)
    human = _first(_HUMAN_STUDY, text) or _HUMAN_SUBJECTS.search(text)
    animal = _animal_match(text)
    lab = _first(_IN_VITRO, text)
    rct = _RCT.search(text)
    if mixed and not rct and not human:
        return EvidenceJudgement(EvidenceLevel.UNSPECIFIED, mixed.group(0))
    # Who was studied decides between people, animals and cells; the design
    # (randomized or not) only matters for people.
    if rct and (human or not (animal or lab)):
        return EvidenceJudgement(EvidenceLevel.HUMAN_RCT, _design_phrase(text, rct))
    if lab and human and (_TISSUE_DONOR.search(text) or not _first(_HUMAN_STUDY, text)):
        # human tissue or cells in a dish: the people only supplied the material
        human = None
    if human and animal and animal.start() < human.start():
        # the animals come first, people only later ("mice ... unlike in humans"): an animal study
        human = None
    if human:
        return EvidenceJudgement(EvidenceLevel.HUMAN_STUDY, human.group(0))
    if animal:
        return EvidenceJudgement(EvidenceLevel.ANIMAL, animal.group(0))
    if lab:
        return EvidenceJudgement(EvidenceLevel.IN_VITRO, lab.group(0))
    match = _first(_CASE, text)
    if match:
        return EvidenceJudgement(EvidenceLevel.CASE_REPORT, match.group(0).strip())
    return None


@lru_cache(maxsize=20_000)
def _context_sentences(context: str) -> tuple[str, ...]:
    return tuple(_sentences(context)[-_CONTEXT_SENTENCES:])


def _inherited_level(text: str, chain: list[EvidenceJudgement]) -> EvidenceJudgement | None:
    if not chain:
        return None
    anaphoric = bool(
        _ANAPHORA.search(text) or _GROUP_REFERENCE.search(text) or _PERSONAL_PRONOUN.search(text)
    )
    continues = bool(_CONTINUATION.search(text))
    if not (anaphoric or continues):
        return None
    if continues and not anaphoric:
        # Without a pointer word, only the sentence right before counts.
        chain = chain[-1:]
    for judgement in reversed(chain):
        if judgement.level in _INHERITABLE:
            return EvidenceJudgement(judgement.level, judgement.cue, inherited=True)
    return None


_DEFAULT_CLASSIFIER = EvidenceClassifier()


def classify_evidence(text: str, context: str | None = None) -> EvidenceLevel:
    """The evidence level of one sentence; ``context`` is the passage before it."""
    return _DEFAULT_CLASSIFIER.judge(text, context).level


def strongest(levels: Iterable[EvidenceLevel]) -> EvidenceLevel | None:
    """The strongest level given, or None for none; advertising ranks below everything."""
    ranked = [EvidenceLevel(level) for level in levels]
    return min(ranked, key=lambda level: level.rank) if ranked else None


def is_promotional(text: str) -> bool:
    """True for a product pitch, call to action or brand plug anywhere in ``text``."""
    return _first(_PROMO, text) is not None


# --------------------------------------------------------------------------
# Seller flag
# --------------------------------------------------------------------------

# A document that pitches its own product ("our NMN powder", a brand plug, a price)
# sells it; one that only asks readers to get in touch is soliciting customers.
_PRODUCT_PHRASE = re.compile(r"\b([A-Za-z][\w+-]*)\s+" + _PRODUCT_NOUN + r"\b", _I)
_ABOUT_TOPIC = re.compile(r"\babout\s+([A-Za-z][\w-]*)", _I)
_NOT_PRODUCT = frozenset(
    "our the a an premium pure trusted best this that your my first new quality hair loss related other issues "
    "more natural daily".split()
)


def _product_name(document_text: str, pitch_sentences: Sequence[str]) -> str:
    """Name what is sold, generically, from the words the pitch puts before a product noun."""
    candidates: Counter[str] = Counter()
    for sentence in pitch_sentences:
        for match in _PRODUCT_PHRASE.finditer(sentence):
            candidates[match.group(1)] += 1
        for match in _ABOUT_TOPIC.finditer(sentence):
            candidates[match.group(1)] += 1
    lowered = document_text.lower()

    def frequency(word: str) -> int:
        return lowered.count(_singular(word).lower())

    names = [w for w in candidates if w.lower() not in _NOT_PRODUCT and not w[0].isdigit()]
    if not names:
        return "the product it discusses"
    best = max(names, key=lambda w: (frequency(w), candidates[w]))
    name = _singular(best) if not best.isupper() else best
    if not best.isupper():
        name = name.lower()
    # Treatments sold as a service read better as "<x> therapy".
    therapy = re.findall(rf"\b{re.escape(_singular(best))}s?\s+(?:\w+\s+)?(?:therapy|treatment)\b", document_text, _I)
    return f"{name} therapy" if len(therapy) >= 2 else name


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def seller_flag(document_text: str) -> str | None:
    """A short reader-facing note when the document sells what it talks about, else None."""
    sentences = _sentences(document_text)
    selling = [s for s in sentences if _first(_SALES_PITCH, s)]
    contact = [s for s in sentences if _first(_CALL_TO_CONTACT, s)]
    if selling:
        return f"this source sells {_product_name(document_text, selling)}"
    if contact:
        return f"this source promotes {_product_name(document_text, contact)} and asks readers to contact the author"
    return None


# --------------------------------------------------------------------------
# Caveat on the strength of the evidence
# --------------------------------------------------------------------------

_COUNT_OF_PEOPLE = re.compile(r"\b(\d[\d,]*)\s+(?:[a-z-]+\s+){0,3}?" + _HUMAN_POP + r"\b", _I)
# "12-week intervention", "for 12 weeks"; not "65 years old", which is an age.
_DURATION = re.compile(r"\b(\d+)[- ](day|week|month|year)s?\b(?![- ]old)", _I)
_OLDER = re.compile(r"\b(?:elderly|older|aged\s+(?:over\s+)?[6-9]\d|over\s+[6-9]\d)\b", _I)
_SPECIES = (("mice", r"\bmice|mouse\b"), ("rats", r"\brats?\b"), ("monkeys", r"\bmonkeys?|macaques?|primates?\b"))
# Trials up to this many people are called "small": below a few hundred, one trial
# cannot rule out chance findings (a common rule of thumb in evidence summaries).
_SMALL_TRIAL = 300


@dataclass(frozen=True)
class _TrialDetails:
    trials: int  # distinct participant counts seen; at least 1
    population: str  # "older adults", "women", ... or "" when not said
    details: str  # " (108 people, 12 weeks)" or ""
    small: bool


def _trial_details(texts: Sequence[str]) -> _TrialDetails:
    """What the trial sentences say about size, population and duration."""
    joined = " ".join(texts)
    counts = {m.group(1).replace(",", "") for m in _COUNT_OF_PEOPLE.finditer(joined)}
    trials = max(1, len(counts))
    population = "older adults" if _OLDER.search(joined) else ""
    if not population:
        for word in ("women", "men", "children", "patients"):
            if re.search(rf"\b{word}\b", joined, _I):
                population = word
                break
    parts = []
    if len(counts) == 1:
        parts.append(f"{int(next(iter(counts))):,} people")
    duration = _DURATION.search(joined)
    if duration:
        parts.append(f"{duration.group(1)} {duration.group(2).lower()}s")
    details = f" ({', '.join(parts)})" if parts else ""
    small = len(counts) == 1 and int(next(iter(counts))) <= _SMALL_TRIAL
    return _TrialDetails(trials, population, details, small)


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
        trial = _trial_details(texts_at[best])
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
            joined = " ".join(texts_at[EvidenceLevel.ANIMAL])
            species = [name for name, pattern in _SPECIES if re.search(pattern, joined, _I)]
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
# Disagreements between sources
# --------------------------------------------------------------------------


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


def _side_effect_stance(text: str) -> str | None:
    if _NO_SIDE_EFFECTS.search(text):
        return "none"
    if _SOME_SIDE_EFFECTS.search(text):
        return "some"
    return None


def _direction_stance(text: str, topic_pattern: str) -> str | None:
    down = re.search(rf"{_NEGATED}\b{_DOWN}\b(?:\s+\w+){{0,2}}\s+(?:{topic_pattern})", text, _I)
    up = re.search(rf"{_NEGATED}\b{_UP}\b(?:\s+\w+){{0,2}}\s+(?:{topic_pattern})", text, _I)
    if down and not up:
        return "lowers"
    if up and not down:
        return "raises"
    return None


def _timing_stance(text: str) -> str | None:
    if not _DOSE_CONTEXT.search(text):
        return None
    times = set()
    for clause in re.split(r"[.;]", text):
        if _AVOID.search(clause):
            continue
        times.update(name for name, pattern in _TIMES if re.search(pattern, clause, _I))
    return next(iter(times)) if len(times) == 1 else None


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


# --------------------------------------------------------------------------
# Evaluation against a labelled set
# --------------------------------------------------------------------------


def evaluate_labels(path: str | Path) -> dict:
    """Score the classifier on a JSONL set of {"text", "context", "level"[, "split"]} lines.

    Returns accuracy overall and per split, per-level precision/recall/support,
    the confusion matrix {gold: {predicted: n}} and the misclassified lines.
    """
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    classifier = EvidenceClassifier()
    confusion: dict[str, Counter[str]] = {level.value: Counter() for level in EvidenceLevel}
    by_split: dict[str, list[bool]] = {}
    errors = []
    for row in rows:
        gold = EvidenceLevel(row["level"]).value
        judgement = classifier.judge(row["text"], row.get("context"))
        predicted = judgement.level.value
        confusion[gold][predicted] += 1
        by_split.setdefault(row.get("split", "all"), []).append(gold == predicted)
        if gold != predicted:
            errors.append({"text": row["text"], "gold": gold, "predicted": predicted, "why": judgement.explain()})
    per_level = {}
    for level in EvidenceLevel:
        name = level.value
        true_positive = confusion[name][name]
        predicted_total = sum(confusion[g][name] for g in confusion)
        support = sum(confusion[name].values())
        per_level[name] = {
            "precision": true_positive / predicted_total if predicted_total else None,
            "recall": true_positive / support if support else None,
            "support": support,
        }
    correct = sum(sum(v) for v in by_split.values())
    return {
        "n": len(rows),
        "accuracy": correct / len(rows) if rows else 0.0,
        "split_accuracy": {s: sum(v) / len(v) for s, v in by_split.items()},
        "split_n": {s: len(v) for s, v in by_split.items()},
        "per_level": per_level,
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "errors": errors,
    }


def _format_report(report: dict) -> str:
    lines = [f"accuracy {report['accuracy']:.3f} on {report['n']} lines"]
    for split, acc in report["split_accuracy"].items():
        lines.append(f"  {split:8} {acc:.3f} ({report['split_n'][split]} lines)")
    lines.append(f"{'level':18} {'prec':>5} {'rec':>5} {'n':>4}")
    for name, scores in report["per_level"].items():
        p = "  -  " if scores["precision"] is None else f"{scores['precision']:.2f}"
        r = "  -  " if scores["recall"] is None else f"{scores['recall']:.2f}"
        lines.append(f"{name:18} {p:>5} {r:>5} {scores['support']:>4}")
    lines.append("confusions (gold -> predicted: n):")
    for gold, row in report["confusion"].items():
        for predicted, n in sorted(row.items(), key=lambda kv: -kv[1]):
            if predicted != gold:
                lines.append(f"  {gold} -> {predicted}: {n}")
    for error in report["errors"]:
        lines.append(f"  ✗ [{error['gold']} -> {error['predicted']}] {error['text'][:110]}")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m nmnbot.evidence LABELS.jsonl")
    print(_format_report(evaluate_labels(sys.argv[1])))
