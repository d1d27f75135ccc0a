"""Evidence cue tables: the words that say what kind of study a sentence reports.

Data, not logic: evidence.py applies them with a fixed precedence. Each group is one
rung of the ladder in ``EvidenceClassifier``; the comments say what each is there to
catch or to avoid. Drawn up from API.md's table of levels.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

PRODUCT_NOUN = (
    r"(?:powders?|supplements?|capsules?|caps|gummies|tablets?|pills?|serums?|sprays?|gels?|"
    r"creams?|formulas?|formulations?|drops|oils?|shampoos?|kits?|products?|brands?|blends?|boosters?)"
)

# A call to get in touch: the author solicits readers (a clinic, an influencer).
CALL_TO_CONTACT = [
    re.compile(p, _I)
    for p in (
        r"\bclick\s+(?:on\s+)?(?:my|our|the|this)\s+(?:avatar|link|profile|banner|button)",
        r"\b(?:message|DM|contact|email|call|text)\s+(?:me|us)\b",
    )
]
# A sales pitch: price talk, offers, brand plugs, "our <product>".
SALES_PITCH = [
    re.compile(p, _I)
    for p in (
        r"\blook\s+no\s+further\b",
        # scarcity and marketing labels (evidence block Q, first-seen): "Limited stock: ... grab yours before they
        # sell out again", "Doctor-formulated and clinically tested, VitaLongevity is ..."
        r"\b(?:grab|claim)\s+yours\b|\bbefore\s+(?:they|it|stock)\s+(?:sells?|runs?)\s+out\b|\blimited\s+stock\b",
        r"\bdoctor[- ](?:formulated|designed|developed)\b",
        r"\bthird[- ]party\s+(?:lab[- ])?tested\b|\blab[- ]tested\s+for\s+(?:purity|potency|quality)\b|\bships\s+free\b|\byouthful[- ]looking\b",
        r"\bjoin\s+(?:the\s+)?(?:thousands|millions|hundreds|\d[\d,]*\+?)\s+(?:of\s+)?(?:(?:happy|satisfied|other)\s+)?"
        r"(?:customers|people|women|men|others|users|members|like\s+(?:her|him|them|me))\b",
        r"\bstart\s+your\s+(?:\d+[- ]day\s+)?(?:[\w-]+\s+){0,2}journey\s+(?:today|now)\b",
        r"\b(?:order|shop|buy)\s+(?:now|today|online)\b",
        # not a shopping verb in neutral advice ("Before you buy any probiotic, check ...", evidence block R)
        r"(?<!before you )(?<!if you )(?<!when you )(?<!before you )(?<!going to )\bbuy\b",
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
        # "... so stock up while the sale lasts" (evidence block S, first-seen)
        r"\b(?:grab|claim)\s+your\b|\border\s+your\b|\bwhile\s+(?:stocks|supplies|the\s+(?:sale|offer|deal|discount))\s+lasts?\b"
        r"|\bstock\s+up\s+(?:now|today|while|before)\b",
        r"\b(?:order|orders)\s+ships?\s+free\b|\bfree\s+(?:consultation|delivery)\b",
        r"\b\d+[- ]day\s+(?:money[- ]back\s+)?guarantee\b|\brisk[- ]free\b|\brisk\s+nothing\b",
        r"\bbook\s+(?:your|a)\s+(?:free\s+)?(?:consultation|appointment|session|treatment)\b"
        r"|\bbook\s+(?:your|a)\s+(?:free|complimentary)\s+(?:[\w-]+\s+){0,2}(?:consultation|appointment|session|treatment|call|assessment|scan|analysis|check|check-up|evaluation|test)\b",
        r"\b(?:at|in|visit)\s+(?:any\s+of\s+)?our\s+(?:\d+\s+)?(?:clinics?|centers?|centres?|salons?|pharmac(?:y|ies)|stores?)\b",
        r"\bhappy\s+customers\b|\b\d\s?stars?\b|\b\d-star\b",
        r"\bmoney[- ]back\b",
        # bookings, scarcity and social proof told without a price (blind block C's kinds)
        r"\breserve\s+(?:yours|your\s+(?:place|spot|seat|session))\b|\blink\s+in\s+(?:my\s+|the\s+)?(?:bio|description)\b",
        r"\b(?:limited|few|last)\s+(?:places|spots|seats|bottles|jars)\s+(?:left|remain|available)\b|\b(?:places|spots)\s+(?:are\s+limited|fill\s+up\s+fast)\b",
        r"\b(?:receive|get|enjoy)\s+a\s+complimentary\b|\bjoin\s+(?:the\s+)?(?:(?:more\s+than|over|nearly|almost)\s+)?(?:thousands|millions|\d[\d,]*)\s+(?:of\s+)?(?:\w+\s+)?(?:who|customers|women|men|people)\b",
        r"\b(?:five|5)[- ]star\s+reviews\b|\bcall\s+our\s+(?:clinic|team|store)\b",
        # booking with the seller's own staff, a first session given away, the only product you need
        # ("Book a 15-minute consultation with one of our nutritionists ... the first session is on us",
        # "NeuroSharp is the only memory supplement you'll ever need", evidence block M, first-seen)
        r"\b(?:book|schedule|arrange)\s+(?:your|a|an)\s+(?:[\w-]+\s+){0,2}(?:consultation|appointment|session|treatment|call|assessment)\s+with\s+(?:one\s+of\s+)?our\b",
        r"\b(?:first|initial|opening)\s+(?:session|consultation|visit|appointment|class|month)\s+(?:is|are)\s+(?:on\s+us|on\s+the\s+house|free)\b",
        rf"\bthe\s+only\s+(?:[\w-]+\s+){{0,3}}{PRODUCT_NOUN}\s+you(?:'ll|’ll|\s+will)?\s+(?:ever\s+)?need\b",
        r"\b(?:visit|available\s+(?:exclusively\s+)?(?:on|at|in))\s+our\s+(?:shop|store|website|site|online)",
        r"\bthird[- ]party\s+(?:lab(?:oratory)?\s+)?test(?:ed|ing)?\b",
        r"\bguaranteed\s+(?:pure|purity|quality|results?|fresh|potency)\b",
        # "our NMN powder", "our acne gel", "Our clinically formulated Melatonin+ Sleep Spray"
        rf"\bour\s+(?:[\w+®™-]+\s+){{0,4}}{PRODUCT_NOUN}\b",
        r"\b(?:we\s+are|we're)\s+(?:the|a|an)\s+(?:\w+\s+){0,3}(?:brand|company|supplier|manufacturer|store|shop)\b",
        # marketing adjectives next to a product noun: "premium NMN supplement", "99% pure NMN Powder", "NMN Powder Pure"
        rf"\b(?:premium|trusted|finest|top[- ]quality|\d+(?:\.\d+)?\s?%\s+pure)\s+(?:[\w+-]+\s+){{0,3}}{PRODUCT_NOUN}\b",
        rf"\b{PRODUCT_NOUN}\s+(?-i:Pure|Premium|Plus|Pro|Max)\b",
        # a trademark sign within a few words of a product noun
        rf"[™®](?:\s+[\w%+-]+){{0,4}}\s+{PRODUCT_NOUN}\b",
        rf"\b{PRODUCT_NOUN}(?:\s+[\w%+-]+){{0,2}}\s*[™®]",
        r"\b\w+[™®]\s+(?:and|to)\s+get\b",
        # the ad claim's own form: "Clinically proven to boost energy, Vitality NAD+ helps you ..." (evidence block P)
        r"^\W*clinically\s+(?:proven|tested|shown|studied)\s+to\s+\w+",
    )
]
PROMO = SALES_PITCH + CALL_TO_CONTACT

# First-person testimonial ("I tried ... and my hair ..."): beats any study it mentions,
# because the sentence reports one person's experience, not the study's result.
TESTIMONIAL = [
    re.compile(p, _I)
    for p in (
        r"\bI(?:'ve|’ve|\s+have|\s+had)?\s+(?:been\s+)?(?:started|tried|took|take|began|begun|using|taking|used|noticed|felt)\b",
        r"\bmy\s+(?:hair|hairline|scalp|skin|acne|energy|sleep|mood|pain|joints?|sister|brother|mother|mum|mom|"
        r"father|dad|wife|husband|friend|son|daughter|partner|grandmother|grandfather|aunt|uncle)\b"
        r"(?:,?\s+\w+){0,8}?,?\s+(?:swears|was|is|has|had|grew|came|cleared|improved|started|took|takes|stopped|filled)\b",
        # "My dermatologist put me on spironolactone last spring, and my chin breakouts have cleared" (block Q)
        r"\bmy\s+(?:doctor|dermatologist|gp|physician|psychiatrist|trichologist|nurse|specialist)\s+(?:put|started|switched)\s+me\s+on\b[^.]{0,80}\bmy\b",
        # "After two weeks on the patches, my hot flushes went from ten a day to maybe two" (evidence block T)
        r"\bafter\s+(?:a|an|one|two|three|four|five|six|\d+|a\s+few|several)\s+(?:days?|weeks?|months?)\s+(?:on|of|using|taking)\b[^.]{0,40}\bmy\b"
        r"[^.]{0,40}\b(?:went|dropped|fell|came|got|went\s+down|cleared|stopped|disappeared|improved)\b",
    )
]

# "More research is needed ... in humans" names people but reports no study.
RESEARCH_GAP = re.compile(
    r"\bmore\s+(?:\w+\s+){0,2}(?:research|studies|trials|evidence|data)\s+(?:is|are)\s+(?:still\s+)?needed"
    r"|\b(?:research|studies|evidence|data)\s+(?:is|are)\s+(?:still\s+)?(?:lacking|limited|scarce|needed)"
    r"|\bno\s+(?:\w+\s+){0,2}(?:studies|trials|research|evidence)\b"
    r"|\bha(?:s|ve)(?:n't|\s+not)\s+been\s+(?:studied|tested|shown|proven)"
    r"|\bneeds?\s+to\s+be\s+(?:confirmed|studied|tested)",
    _I,
)
FINDING_VERB = re.compile(r"\b(?:found|showed|shown|reported|concluded|observed|demonstrated)\b", _I)

REVIEW = re.compile(
    r"\bmeta-?\s?analy(?:s[ie]s|tic)\b|\b(?:trials|studies)\s+(?:were|are)\s+pooled\b"
    r"|\bpool(?:ed|ing|s)\s+(?:\w+\s+){0,3}(?:trials|studies)\b"
    r"|\bcombin\w+\s+(?:the\s+)?(?:results|data)\s+(?:of|from)\s+(?:\d[\d,]*|several|many|multiple|all)\s+(?:\w+\s+)?(?:trials|studies)\b|\bsystematic(?:ally)?\s+review\w*|\bumbrella\s+review\b|\bCochrane\b"
    r"|\bpool(?:ed|ing)\s+(?:\w+\s+){0,2}(?:analys[ie]s|data|results|estimates?)\b"
    r"|\breview\s+of\s+\d[\d,]*\s+(?:\w+\s+){0,2}(?:trials|studies)\b"
    # a synthesis told in plain words: gathering, screening or combining many trials or studies
    r"|\b(?:review(?:ed|ing)|pool(?:ed|ing)|gather(?:ed|ing)|screen(?:ed|ing)|pull(?:ed|ing)\s+together|combin(?:ed|ing)|crunch(?:ed|ing)|"
    r"collect(?:ed|ing)|compil(?:ed|ing)|assembl(?:ed|ing)|"
    r"synthesi[sz](?:ed|ing)|summari[sz](?:ed|ing)|merg(?:ed|ing)|brought\s+together|bring(?:s|ing)?\s+together|look(?:ed|ing)\s+across)\s+(?:\w+\s+){0,5}?(?:\d[\d,]*|several|many|multiple|all|every|dozens\s+of|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s+(?:(?:of\s+)?the\s+)?(?:[\w-]+\s+){0,3}(?:trials|studies|RCTs|cohorts|papers|experiments|analyses|reviews)\b"
    # evidence block N (first-seen): "Across 12 studies with 1,100 participants combined", "a sweeping look at the
    # literature, covering 60 trials", "kept 19 eligible studies and calculated a combined estimate"
    r"|\bacross\s+(?:\d[\d,]*|several|many|dozens\s+of|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:[\w-]+\s+){0,2}(?:trials|studies)\b[^.]{0,60}\b(?:combined|merged|pooled|aggregated)\b"
    r"|\b(?:literature|published\s+research|evidence\s+base)\b[^.]{0,40}\b(?:covering|spanning|including)\s+\d[\d,]*\s+(?:[\w-]+\s+){0,2}(?:trials|studies)\b"
    r"|\b(?:combined|pooled|overall|summary)\s+estimates?\b|\beligible\s+(?:trials|studies)\b"
    # "Adding up the evidence from every placebo-controlled trial ..." (evidence block P)
    r"|\badd(?:ed|ing|s)?\s+up\s+(?:the\s+)?(?:evidence|results|data|findings)\s+(?:from|of)\s+(?:every|all|each|\d[\d,]*|several|many|dozens)\b"
    r"|\bsearch(?:ed|ing)\s+(?:\w+\s+){0,3}(?:medical\s+|scientific\s+|research\s+)?(?:databases|literature)\b"
    r"|\b(?:taking|took|taken|weigh(?:ed|ing)?|put(?:ting)?|add(?:ed|ing)\s+up)\s+(?:the\s+)?(?:results|findings|data|them|these)"
    r"\s+(?:of\s+(?:\d[\d,]*|several|many|all|every|those)\s+(?:[\w-]+\s+){0,2}(?:trials|studies|experiments)\s+)?together\b"
    r"|\b(?:tracked|hunted|rounded)\s+(?:down|up)\s+(?:every|all|each)\s+(?:[\w-]+\s+){0,2}(?:trials?|stud(?:y|ies))\b"
    # evidence block Q (first-seen): "an evidence synthesis by the Agency ...", "the big roundup of all the
    # ashwagandha trials", "combine data from 400,000 participants across 17 cohort studies", "taken together,
    # the 22 studies showed"
    r"|\bevidence\s+synthes[ie]s\b|\bround-?up\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}(?:trials|studies)\b"
    r"|\bcombin\w*\s+(?:the\s+)?(?:results|data)\s+(?:of|from)\b[^.]{0,60}\bacross\s+(?:\d[\d,]*|several|many|dozens\s+of)\s+(?:[\w-]+\s+){0,2}(?:trials|studies)\b"
    # evidence block R: "across the 50 studies they kept", "went through every published study on ...", a review
    # "that followed a pre-registered protocol and strict inclusion criteria", "crunch the numbers from 40-odd trials"
    r"|\bacross\s+the\s+\d[\d,]*\s+(?:[\w-]+\s+){0,2}(?:trials|studies)\s+(?:they|that\s+were|we)\s+(?:kept|included|reviewed|pooled|analysed|analyzed)\b"
    r"|\b(?:went|gone|going|go)\s+through\s+(?:every|all|each)\s+(?:the\s+)?(?:published\s+)?(?:trials?|stud(?:y|ies)|papers?)\b"
    r"|\breview\b[^.]{0,60}\b(?:pre-?registered\s+protocol|inclusion\s+criteria|PRISMA)\b"
    r"|\bcrunch(?:ed|ing)?\s+the\s+numbers\s+(?:from|of|across)\s+(?:\d[\d,]*(?:-odd)?|several|dozens\s+of|all\s+the)\s+(?:[\w-]+\s+){0,2}(?:trials|studies)\b"
    r"|\btaken\s+together,?\s+(?:the|these|those)\s+(?:\d[\d,]*|several|many)\s+(?:[\w-]+\s+){0,2}(?:trials|studies)\b"
    # evidence block T: "gathered every published trial of melatonin ... and analysed them together"; "When data
    # from 12 large cohorts on three continents were analysed together"
    r"|\b(?:gather|collect|review|pool|compil|screen|assembl)\w*\s+every\s+(?:[\w-]+\s+){0,2}(?:trial|study|paper)\b"
    r"|\b(?:data|results|records)\s+(?:from|of)\s+(?:\d[\d,]*|several|many|multiple|dozens\s+of|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:[\w-]+\s+){0,2}(?:cohorts|studies|trials)\b[^.]{0,60}\b(?:analy[sz]ed|pooled|"
    r"combined|looked\s+at|examined)\s+together\b",
    _I,
)

RCT = re.compile(
    r"\brandomi[sz](?:ed|ation)\b|\brandomly\s+(?:assigned|allocated|divided|split|given|giving|chose|chosen)\b"
    r"|\bplacebo(?:[- ]controlled)?\b(?![- ]effects?\b)|\bdouble[- ]blind(?:ed)?\b|\btriple[- ]blind(?:ed)?\b|\bRCTs?\b"
    r"|\b(?:sugar|dummy|inactive|identical|look-?alike|lookalike)[\s-]+(?:pills?|capsules?|syrups?|drinks?|tablets?)\b"
    # the allocation told by its instrument: "sorted by a random-number generator", "an order drawn by lot"
    r"|\brandom[- ]number\s+(?:generator|table)s?\b|\b(?:drawn|decided|chosen|assigned|allocated)\s+by\s+lot\b"
    r"|\b(?:a\s+)?(?:computer|coin\s+toss|lottery|random\s+draw)\s+decided\s+(?:which|who)\b"
    r"|\bdrew\s+lots\b|\b(?:coin\s+(?:toss|flip)|(?:flip|toss)\s+of\s+a\s+coin)\s+(?:decided|determined|to\s+decide|chose)\b"
    r"|\b(?:dummy|identical(?:-looking)?)\s+(?:shampoos?|creams?|lotions?|gels?|sprays?|powders?)\s+(?:without|with\s+no|minus)\b"
    r"|\bsealed\s+(?:opaque\s+)?envelopes?\b"
    r"|\b(?:blinded|controlled)\s+(?:clinical\s+)?trials?\b|\b(?:at\s+random|by\s+(?:a\s+)?(?:computer\s+)?lottery|by\s+(?:a\s+)?(?:coin\s+toss|tossing\s+a\s+coin|flipping\s+a\s+coin))\b|\bsham\b"
    r"|\b(?:groups?|arms?)\b[^.]{0,30}\bby\s+chance\b|\bby\s+chance\b[^.]{0,30}\b(?:groups?|arms?)\b|\bdraw(?:ing|n)?\s+(?:numbers|lots|straws)\b"
    r"|\bneither\s+(?:the\s+)?\w+\s+(?:nor|or)\s+(?:the\s+)?\w+\s+knew\b|\bdouble[- ]masked\b"
    # the order of a crossover set by chance (evidence block T: "in an order chosen by computer")
    r"|\b(?:order|sequence)\s+(?:was\s+)?(?:chosen|set|decided|picked|determined|drawn)\s+(?:by\s+(?:a\s+)?(?:computer|chance|lot|coin)|at\s+random)\b",
    _I,
)
# Words around an RCT keyword that belong to the design phrase, so the cue reads
# "randomized, double-blind, placebo-controlled clinical trial" rather than "randomized".
DESIGN_WORDS = frozenset(
    "randomized randomised double-blind double-blinded triple-blind single-blind placebo-controlled "
    "placebo controlled clinical crossover cross-over multicenter multicentre trial trials study "
    "studies rct rcts and a an".split()
)

HUMAN_POP = (
    r"(?:people|persons|participants|volunteers|patients|subjects|adults|men|women|children|kids|"
    r"teenagers|adolescents|infants|elderly|seniors|nurses|students|athletes|individuals|humans|"
    r"smokers|veterans|twins|employees|workers)"
    # "gave elderly mice NMN": an age word before an animal names the animals, not people
    r"(?!\s+(?:mice|mouse|rats?|rodents?|monkeys?|dogs?|pigs?|animals?|hamsters?|rabbits?|primates?)\b)"
)
HUMAN_STUDY = [
    re.compile(p, _I)
    for p in (
        r"\b(?:cohort|observational|cross[- ]sectional|case[- ]control|longitudinal|prospective|retrospective|"
        r"open[- ]label|pilot|epidemiological|population[- ]based|uncontrolled|single[- ]arm|registry|"
        r"pharmacokinetic|twin)\s+(?:\w+\s+)?(?:study|studies|trials?|analysis|data)\b",
        r"\bsurvey(?:ed)?\s+(?:of\s+)?[\d,]+\s+(?:\w+\s+){0,2}" + HUMAN_POP,
        # "Survey responses from more than 2,000 intermittent fasters", "An audit of 150 consecutive
        # microneedling patients" (evidence block Q, first-seen)
        r"\bsurvey\s+(?:responses|data|answers|results)\s+(?:of|from)\s+(?:more\s+than\s+|over\s+|nearly\s+|about\s+|almost\s+|some\s+)?\d[\d,]*\s+[a-z-]+",
        r"\bin\s+an?\s+(?:open[- ]label|small|uncontrolled)\s+(?:pilot|trial|study),\s*(?:\d[\d,]*|twenty|thirty|forty|fifty)\s+(?:\w+\s+){0,1}" + HUMAN_POP + r"\b",
        # open label told in plain words ("everyone in the small trial knew they were taking the supplement"),
        # twins compared, questionnaires filled in (evidence block R)
        r"\b(?:everyone|all\s+(?:the\s+)?participants|participants|the\s+volunteers)\b[^.]{0,40}\bknew\s+(?:they\s+were|what\s+they\s+were)\s+(?:taking|getting|using)\b",
        r"\b(?:comparing|compared)\s+(?:\w+\s+)?twins\b|\b(?:identical|fraternal)\s+twins\s+(?:in\s+which|where|who)\b",
        r"\b\d[\d,]*\s+(?:[\w-]+\s+){1,3}?(?:filled\s+in|filled\s+out|answered|completed|returned)\s+(?:\w+\s+)?(?:questionnaires?|surveys?|diaries)\b",
        r"\baudit\s+of\s+(?:\d[\d,]*|\w+)\s+(?:[\w-]+\s+){0,3}" + HUMAN_POP + r"\b|\b\d[\d,]*\s+consecutive\s+(?:[\w-]+\s+){0,2}" + HUMAN_POP + r"\b",
        r"\bclinical\s+(?:study|studies|trials?|research|data|evidence|investigations?)\b",
        r"\bin\s+humans\b",
        r"\bhuman\s+(?:study|studies|trials?|subjects|volunteers|participants|data)\b",
        r"\bhealthy\s+(?:\w+\s+)?(?:subjects|volunteers|participants)\b",
        r"\b(?:stud(?:y|ies)|trials?|research|experiments?)\s+(?:in|of|on|involving|among|with|that\s+(?:enrolled|"
        r"followed|included|recruited|tracked))\s+(?:[\w,.-]+\s+){0,4}?" + HUMAN_POP + r"\b",
        r"\b(?:enrolled|recruited|followed|tracked|surveyed|gave|studied|compared)\s+(?:[\w,.-]+\s+){0,4}?"
        + HUMAN_POP + r"\b",
        # a sample of people and what they did or how long they were followed
        r"\bamong\s+\d[\d,]*\s+(?:\w+\s+){0,2}" + HUMAN_POP + r"\b",
        r"\b" + HUMAN_POP + r"\s+(?:were\s+)?followed\s+(?:for|over)\s+\d+",
        r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\s+"
        r"(?:healthy\s+|older\s+|young\s+|obese\s+)?" + HUMAN_POP + r"\s+(?:took|were\s+given|received|drank|ate|"
        r"used|applied|completed|swallowed)\b",
        r"\b(?:measured|tested|recorded|assessed|analy[sz]ed|monitored)\b[^.]{0,60}\b\d[\d,]*\s+(?:\w+\s+){0,2}"
        + HUMAN_POP + r"\b",
        r"\bbiobank\b|\b(?:health|medical|hospital|patient)\s+(?:records|charts|notes)\s+of\b|\bhealth\s+records\b|\bnational\s+health\s+(?:data|survey)\b"
        r"|\b(?:chart|record)\s+review\b|\bwent\s+(?:back\s+)?through\s+(?:the\s+)?(?:medical\s+|hospital\s+|patient\s+)?(?:records|charts|files)\b",
        # "studies show that people who ...": a finding about people, design unstated
        r"\b(?:show\w*|found|finds?|suggest\w*|reveal\w*|indicat\w*)\s+(?:that\s+)?(?:people|adults|women|men|"
        r"children|patients|teenagers)\s+who\b",
    )
]
# Words that name people as subjects without saying how they were studied;
# enough for a study in people unless the sentence is about cells in a lab.
HUMAN_SUBJECTS = re.compile(r"\b(?:participants|volunteers)\b", _I)
# "follicles taken from volunteers": people only donated the tissue.
TISSUE_DONOR = re.compile(
    r"\b(?:taken|obtained|isolated|derived|collected|donated|removed)\s+(?:from|by)\s+(?:\w+\s+){0,3}" + HUMAN_POP + r"\b",
    _I,
)

ANIMAL_WORDS = (
    r"(?:mice|mouse|murine|rats?|rodents?|hamsters?|guinea\s+pigs?|rabbits?|dogs?|cats?|pigs?|piglets?|"
    r"sheep|cows?|cattle|monkeys?|macaques?|primates?|zebrafish|worms?|nematodes?|C\.\s?elegans|"
    r"fruit\s+fl(?:y|ies)|Drosophila|beagles?|horses?|goats?|lambs?|chickens?|frogs?|tadpoles?|ferrets?|"
    r"gerbils?|marmosets?|minipigs?|rhesus|animals?)"
)
ANIMAL = [
    re.compile(p, _I)
    for p in (
        r"\b" + ANIMAL_WORDS + r"\b",
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
ANIMAL_AS_CELL_SOURCE = re.compile(
    r"^\s*(?:\w+\s+)?(?:cells?|neurons|fibroblasts|keratinocytes|tissues?|embryonic|stem|primary|hepatocytes|islets)\b", _I
)
# ... as is one that tissue was cut from ("thin slices of mouse brain kept alive in a bath"; evidence block N).
TISSUE_OF = re.compile(r"\b(?:slices|strips|sections|explants|biopsies|pieces)\s+of\s+(?:[\w-]+\s+)?$", _I)
# An animal as a figure of speech: "don't be a guinea pig for untested remedies" (evidence blocks N and O).
FIGURATIVE_ANIMAL = re.compile(
    r"\b(?:be|being|become|becoming|act\s+as|acting\s+as|treated\s+(?:like|as)|used\s+as|feel\s+like|volunteer\s+as)\s+"
    r"(?:a\s+|the\s+|your\s+own\s+|their\s+own\s+|our\s+)?(?:guinea\s+pigs?|lab\s+rats?)\b", _I)
# ... and so is a model word qualified as a cell/computer model.
NON_ANIMAL_MODEL = re.compile(r"(?:cell|cellular|computer|statistical|mathematical|vitro|3D|culture)\s*$", _I)
# "structures that could be transplanted into mice": a possibility, not the experiment.
HYPOTHETICAL_ANIMAL = re.compile(
    r"\b(?:could|may|might|can|would)\s+(?:later\s+|then\s+)?be\s+\w+\s+(?:in|into|on|to)\s+(?:\w+\s+)?"
    + ANIMAL_WORDS + r"\b",
    _I,
)
# "in animals and humans": research of both kinds, none of which the sentence singles out.
MIXED_POPULATION = re.compile(
    r"\b(?:animals?|mice|rodents)\s+and\s+(?:in\s+)?(?:humans|people)\b|\b(?:humans|people)\s+and\s+(?:in\s+)?(?:animals|mice|rodents)\b",
    _I,
)

IN_VITRO = [
    re.compile(p, _I)
    for p in (
        r"\bin\s+vitro\b|\bex\s+vivo\b",
        # lab work told by its equipment or by tissue kept alive (evidence blocks Q and R)
        r"\bagar\s+plates?\b|\bplate\s+reader\b|\bincubator\b|\bpetri\s+dish(?:es)?\b|\bkept\s+alive\s+in\s+(?:the|a)\s+(?:lab|dish|culture)\b",
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
        r"\b\d+-well\s+plates?\b|\bkept\s+(?:them\s+|it\s+)?alive\s+in\s+(?:a\s+)?(?:nutrient|culture|growth)\s+(?:broth|fluid|medium|solution|bath)\b",
        # cells in vessels: "grew sheets of human skin cells in plastic wells" (growing cells alone
        # is no lab: "adults keep growing new brain cells in the hippocampus")
        r"\bcells\b[^.]{0,40}\b(?:in|on)\s+(?:\w+\s+){0,2}(?:wells|dishes|plates|flasks)\b",
        # blood or its parts in lab vessels ("separated platelets from donated blood and placed them in tubes", block O)
        r"\b(?:platelets|blood\s+cells|blood\s+samples|plasma\s+samples|serum\s+samples|sperm|bacteria)\b[^.]{0,60}\b(?:in|into)\s+"
        r"(?:\w+\s+){0,2}(?:tubes|vials|flasks|wells|dishes|plates)\b",
        r"\b(?:under\s+(?:a|the)\s+(?:\w+\s+)?microscope|flow\s+cytomet\w+|(?:a|the)\s+(?:\w+\s+)?cytometer|western\s+blot\w*|"
        r"incubat(?:ed|ing)\s+(?:\w+\s+){0,2}(?:with|in)\b|(?:slices|samples|strips)\s+of\s+(?:\w+\s+){0,2}(?:tissue|cartilage|skin|muscle|bone|brain|liver|heart|gut|retina))",
        # tissue left over from surgery, then bathed in the compound ("took fat tissue left over from liposuction
        # and bathed it in different concentrations", evidence block S, first-seen); fat moved by a surgeon is not
        r"\b(?:tissue|skin|fat|cartilage|samples?)\b[^.]{0,40}\b(?:left\s+over|leftover|discarded|removed|taken)\s+from\b[^.]{0,50}"
        r"\b(?:bathed|soaked|incubated|exposed|dipped|treated)\b",
        # evidence block N (first-seen): "thin slices of mouse brain kept alive in an oxygenated bath"
        r"\bkept\s+alive\s+in\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:bath|dish|solution|medium|chamber|broth)\b",
    )
]

CASE = [
    re.compile(p, _I)
    for p in (
        r"\b(?-i:Mr|Mrs|Ms|Miss)\.?\s+(?-i:[A-Z][a-z]+)",
        r"\b(?:a|an|the|one|this)\s+\d{1,3}-year-old\b",
        r"^\W*(?-i:[A-Z][a-z]+),\s+\d{1,3},",
        # a quoted person with an age: "…," says Karen, 44, from Leeds (evidence block M, first-seen)
        r"\b(?:says|said|writes|wrote|explains|adds|shares|recalls)\s+(?-i:[A-Z][a-z]+),\s+\d{1,3}\b",
        # ... or with where they live: '"… finally calmed down," says Priya from Leeds.' (evidence block O)
        r"[”\"’']\s*,?\s*(?:says|said|writes|wrote|explains|adds|shares|recalls)\s+(?-i:[A-Z][a-z]+)\s+(?:from|in|of)\s+(?-i:[A-Z][a-z]+)",
        r"\b(?:one|a|this|our)\s+(?:\w+\s+)?patient\b(?!s)",
        r"\bcase\s+reports?\b|\bclinical\s+cases\b|\b(?:in\s+)?the\s+following\s+case\b|\b(?:in\s+)?(?:his|her)\s+case\b",
        r"\b(?:doctors|physicians|clinicians|dermatologists|surgeons)\s+(?:(?:in|at|from)\s+(?:[\w-]+\s+){1,4}?)?(?:described|reported|treated)\s+(?:a|an|one)\b",
        r"\b(?:one\s+of\s+our|a)\s+readers?\b[^.]{0,50}\bwr(?:ote|ites)\s+in\b",
        r"\b(?:the\s+)?authors\s+(?:describe|described|report|reported)\s+(?:a|an|one)\s+(?:man|woman|boy|girl|patient|child|teenager)\b",
        r"\b(?:doctor|physician|clinician|dermatologist|surgeon|gp)[’']s\s+notes\s+on\s+(?:the|a|one|this)\b|\bone\s+(?:patient|woman|man|client)\s+(?:i|we)\s+(?:treated|saw|looked\s+after)\b",
    )
]

# Research of unstated kind: a research noun with a reporting verb, a publication, a journal.
UNSPECIFIED = [
    re.compile(p, _I)
    for p in (
        r"\b(?:stud(?:y|ies)|research|evidence|data|trials?|experiments?|scientists|researchers|investigators|"
        r"literature|papers?|findings|science)\b(?:\s+[\w,()’'-]+){0,12}?\s+(?:show\w*|suggest\w*|hint\w*|challeng\w*|found|finds?|indicat\w*|tied|ties|"
        r"demonstrat\w*|confirm\w*|reveal\w*|link\w*|point\w*|prove[sdn]?|report\w*|discover\w*|explor\w*|"
        r"examin\w*|investigat\w*|used|lasted|claim\w*|observ\w*|conclud\w*|connect\w*|associat\w*)\b",
        r"\b(?:a|one|another|recent|new|\d{4})\s+(?:\w+\s+)?(?:study|paper)\s+(?:published|found|showed|shows|suggests)\b",
        r"\bpublished\s+in\b",
        r"\baccording\s+to\s+(?:a|the|recent|new|one)\s+(?:\w+\s+)?(?:study|research|report|review|paper|journal|survey)\b",
        r"\baccording\s+to\s+(?:the\s+)?(?:researchers|scientists|investigators)\b|\bscientists\s+(?:now\s+)?believe\b",
        # "According to recent findings", "A growing body of research" (evidence block M, first-seen)
        r"\baccording\s+to\s+(?:the\s+)?(?:recent|new|newer|latest|emerging|current)?\s*(?:findings|evidence|data|studies|science)\b",
        r"\b(?:growing|large|substantial|mounting|emerging|expanding|considerable)\s+body\s+of\s+(?:\w+\s+)?(?:research|evidence|studies|work|literature)\b",
        r"\bjournal\b[\s,]+(?:\w+[\s,]+){0,4}?(?:states?|reports?|says|notes|published)\b",
        r"\bbased\s+on\s+(?:\w+\s+){0,3}(?:research|studies|evidence|science)\b",
        r"\bevidence\s+(?:that|for)\b",
        # evidence block N (first-seen): results reported with no study named, science as the authority
        r"^\W*(?:the\s+)?(?:results|findings)\s+(?:indicate|suggest|show|imply)\b",
        r"\b(?:has|have|had)\s+been\s+scientifically\s+(?:demonstrated|shown|proven|established|confirmed)\b",
        # "It has been shown that the body absorbs iron better ..." (evidence block P): research, kind unsaid
        r"^\W*it(?:\s+(?:has|had)|['’]s)\s+(?:long\s+)?been\s+(?:shown|demonstrated|established|found|proven)\s+that\b",
        # evidence block R (first-seen): "Evidence keeps piling up that ...", "The literature on biotin ... is thin and mixed"
        r"\b(?:evidence|data|research)\s+(?:keeps\s+|is\s+|has\s+been\s+)?(?:piling|accumulating|mounting|building|stacking)(?:\s+up)?\s+that\b",
        r"\b(?:the\s+)?(?:literature|research|evidence|data)\s+on\b[^.]{0,80}\b(?:is|are|remains?)\s+(?:thin|mixed|inconsistent|conflicting|encouraging|promising)\b",
        # "There's published work suggesting ...", "Investigations into whether ... have produced mixed results" (block Q)
        r"\bpublished\s+(?:work|research|papers|data|reports)\s+(?:suggest\w*|show\w*|indicat\w*|hint\w*|report\w*)\b",
        r"\b(?:investigations|inquiries|tests|trials|studies)\s+(?:into|of)\b[^.]{0,80}\b(?:produced|yielded|given|turned\s+up)\s+"
        r"(?:mixed|conflicting|inconsistent|encouraging|promising|positive|negative|disappointing)\s+results\b",
    )
]

# A sentence that points back at the study already described.
STUDY_REFERENCE = re.compile(
    # ... after an opening phrase: "Overall, the results", "Taken as a whole, the data" (evidence block T)
    r"^\W*(?:(?:in|at|by|after|during|overall|moreover|however|furthermore|importantly|notably|specifically|taken|"
    r"all\s+in\s+all|altogether|on\s+balance|pooled|combined)\b[^,]{0,40},\s*)?"
    r"(?:(?:the|this|that|these|those)\s+(?:same\s+)?(?:study|studies|trial|trials|research|researchers|scientists|team|"
    r"authors|investigators|experiments?|analysis|review|meta-analysis|results?|findings?|data|participants|"
    r"volunteers|subjects|patients|animals|mice|rats|cells|treated|treatment|intervention|group|"
    # a lab experiment named by its vessels: "The wells treated with niacinamide showed ..."
    r"wells|dish|dishes|plates|flasks|cultures|samples|organoids|follicles)\b"
    r"|their\s+(?:\w+\s+)?(?:estimate|results?|findings?|data|analysis|conclusions?)\b"
    r"|(?:they|he|she)\s+(?:also\s+)?(?:found|observed|showed|reported|discovered|demonstrated|noted|saw|"
    r"measured|concluded|recorded|detected)\b)",
    _I,
)
GROUP_REFERENCE = re.compile(
    r"\b(?:the|these|those)\s+(?:treated|treatment|control|placebo|intervention|untreated|[\w-]+-treated)\s+"
    r"(?:group|groups|arm|animals|mice|rats|patients|participants)\b"
    r"|\bcompared\s+(?:to|with)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:group|placebo|controls?)\b",
    _I,
)
PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", _I)
# Continuing an experiment's results without naming it: a short subject then a
# past-tense result verb ("NMN was able to reverse ...", "NMN showed ..."). Only
# used when the sentence right before it described a study.
CONTINUATION = re.compile(
    r"^\W*(?:[\w+-]+\s+){1,3}?(?:significantly\s+|also\s+|further\s+)?(?:was\s+able\s+to|were\s+able\s+to|showed|"
    r"increased|reduced|decreased|improved|lowered|raised|reversed|restored|prevented|promoted|boosted|produced|"
    r"caused|led\s+to|resulted\s+in|outperformed|doubled|halved|lost|gained|fell|rose|dropped)\b",
    _I,
)
# The study's own span as the pointer: "No harmful effects turned up during that time."
# Only used, like CONTINUATION, when the sentence right before it described a study.
STUDY_PERIOD = re.compile(
    r"\b(?:during|over|in|throughout|within|by\s+the\s+end\s+of)\s+(?:that|this|the\s+same)\s+"
    r"(?:time|period|span|stretch|window|(?:\w+\s+)?(?:days|weeks|months|years))\b",
    _I,
)


COUNT_OF_PEOPLE = re.compile(r"\b(\d[\d,]*)\s+(?:[a-z-]+\s+){0,3}?" + HUMAN_POP + r"\b", _I)
# "12-week intervention", "for 12 weeks"; not "65 years old", which is an age.
DURATION = re.compile(r"\b(\d+)[- ](day|week|month|year)s?\b(?![- ]old)", _I)
OLDER = re.compile(r"\b(?:elderly|older|aged\s+(?:over\s+)?[6-9]\d|over\s+[6-9]\d)\b", _I)
SPECIES = (("mice", r"\bmice|mouse\b"), ("rats", r"\brats?\b"), ("monkeys", r"\bmonkeys?|macaques?|primates?\b"))
# Trials up to this many people are called "small": below a few hundred, one trial
# cannot rule out chance findings (a common rule of thumb in evidence summaries).
SMALL_TRIAL = 300


# Cues that decide a level whatever the learned model says (issue 16): a design named
# in so many words, or a sale with a price, a code or a checkout. Each counts only when
# the ladder above reached the same level from the sentence's own words, so "no
# meta-analysis has ..." (a research gap) or "a randomized trial in mice" (animal)
# stay with the model. Loose words ("placebo", "buy", "clinical") are not here.
# Several trials counted or gathered in one sentence ("a review of eight randomized trials",
# "pooled data from three RCTs") report a synthesis, so the trial cue is not certain there.
POOLED_TRIALS = re.compile(
    r"\b(?:review\w*|pool\w*|combin\w*|gather\w*|analy[sz]\w*|summar\w*|taken together|across|overview|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|many|multiple|dozens? of|all(?: the)?|"
    r"every|each of the) (?:published |separate |small |large |placebo-controlled |double-blind |controlled |clinical )*"
    r"(?:randomi[sz]ed|RCTs?|trials|studies))\b", _I
)

# Any word naming research, evidence or the people who do it: without one, a sentence cannot be
# "research whose kind is not said" (API.md's unspecified).
RESEARCH_WORD = re.compile(
    r"\b(?:stud(?:y|ies|ied)|research\w*|evidence|data|trials?|experiments?|scientists?|scientific\w*|science|"
    r"investigat\w*|literature|papers?|journals?|findings?|found|shown|shows?|showed|proven|proof|analys[ie]s|"
    r"survey\w*|reports?|reported|experts?|doctors?|physicians?|clinical\w*|tests?|tested|measur\w*|observ\w*|"
    r"according|suggests?|links?|linked|associat\w*|tied|ties)\b", _I)

# One study with its head count ("An open-label pilot study of 20 people …"): never a review,
# whatever the model says (evidence block M, first-seen: the model called it a systematic review).
SINGLE_STUDY = re.compile(
    r"\b(?:a|an|one|this|the|our)\s+(?:[\w-]+\s+){0,3}?(?:study|trial|experiment|cohort|survey)\s+"
    r"(?:of|in|with|on|involving|among|that\s+(?:followed|tracked|enrolled))\s+(?:just\s+|only\s+|more\s+than\s+|over\s+|about\s+)?\d[\d,]*\s",
    _I,
)

# A design in people named as one that is not a randomized trial ("Clinical studies in healthy human subjects",
# "an observational study"): the model does not raise it to a trial unless the sentence says it was randomized.
NAMED_NON_RCT = re.compile(
    r"\b(?:cohort|observational|cross[- ]sectional|case[- ]control|longitudinal|retrospective|open[- ]label|pilot|"
    r"epidemiological|population[- ]based|uncontrolled|single[- ]arm|registry|clinical)\s+(?:\w+\s+)?(?:study|studies)\b"
    r"|\b(?:everyone|all\s+(?:the\s+)?participants|participants|the\s+volunteers)\b[^.]{0,40}\bknew\s+(?:they\s+were|what\s+they\s+were)\s+(?:taking|getting|using)\b", _I)

CERTAIN = {
    "systematic_review": re.compile(
        r"\bmeta-?\s?analy(?:s[ie]s|tic)\b|\bsystematic\s+review|\bCochrane\s+review|\bumbrella\s+review", _I
    ),
    "human_rct": re.compile(
        r"\brandomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,4}?(?:controlled\s+)?(?:clinical\s+)?trials?\b|\bRCTs?\b"
        r"|\brandomly\s+(?:assigned|allocated)\b|\bdouble[- ]blind(?:ed)?,?\s+placebo[- ]controlled\b",
        _I,
    ),
    "promotional": re.compile(
        r"\b(?:discount|coupon|promo)\s+codes?\b|\b(?:use|enter|apply)\s+(?:the\s+)?code\b|\bcode\s+(?-i:[A-Z0-9]{4,})\b"
        r"|\b\d+\s?%\s+off\b|[$€£]\s?\d|\b(?:order|shop|buy)\s+now\b|\badd\s+to\s+(?:cart|basket)\b"
        r"|\b(?:at|during)\s+checkout\b|\bmoney[- ]back\b|\bfree\s+shipping\b|\bsubscribe\s+and\s+save\b"
        r"|\bwhile\s+(?:stocks|supplies|the\s+(?:sale|offer|deal|discount))\s+lasts?\b"
        r"|\breserve\s+(?:yours|your\s+(?:place|spot|seat|session))\b|\blink\s+in\s+(?:my\s+|the\s+)?bio\b"
        r"|\bbook\s+(?:your|a)\s+(?:free|complimentary)\b|\b(?:receive|get|enjoy)\s+a\s+complimentary\b"
        r"|\bclick\s+(?:on\s+)?(?:my|our)\s+(?:avatar|profile\s+(?:picture|photo))\b"
        # a testimonial turned into a pitch (evidence block J, first-seen: "... so join thousands like her")
        r"|\bjoin\s+(?:the\s+)?(?:thousands|millions|hundreds|\d[\d,]*\+?)\s+(?:of\s+)?(?:(?:happy|satisfied)\s+)?"
        r"(?:customers|like\s+(?:her|him|them|me))\b"
        r"|\bstart\s+your\s+(?:\d+[- ]day\s+)?(?:[\w-]+\s+){0,2}journey\s+(?:today|now)\b"
        r"|\b(?:book|schedule|arrange)\s+(?:your|a|an)\s+(?:[\w-]+\s+){0,2}(?:consultation|appointment|session|treatment|call|assessment)\s+with\s+(?:one\s+of\s+)?our\b"
        r"|\b(?:first|initial|opening)\s+(?:session|consultation|visit|appointment|class|month)\s+(?:is|are)\s+(?:on\s+us|on\s+the\s+house|free)\b"
        rf"|\bthe\s+only\s+(?:[\w-]+\s+){{0,3}}{PRODUCT_NOUN}\s+you(?:'ll|’ll|\s+will)?\s+(?:ever\s+)?need\b",
        _I,
    ),
}
