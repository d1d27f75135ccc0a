"""Triage cue tables: named regular expressions over a normalised message.

Data, not logic: pipeline/triage.py applies them. Each cue's name is what a log
line or failing test reports. Patterns run on ``triage.normalize(text)``: lower
case, no leetspeak, stretched letters squeezed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Cue = tuple[str, re.Pattern[str]]


def _compile(table: Sequence[tuple[str, str]]) -> tuple[Cue, ...]:
    return tuple((name, re.compile(pattern)) for name, pattern in table)


# Building blocks.
WANT = (
    r"(?:want(?:s|ed)?|wanna|wish(?:ing)?|need|going|gonna|plan(?:ning)?|ready|"
    r"tempted|thinking (?:about|of)|thought (?:about|of)|considering|decided|deserve|"
    r"would rather|i'd rather|hope|try(?:ing)?|tried|urge|feel like|about)"
)
SUICIDE = r"(?:s+u+[i1]?[cs]+[i1]?[dt]+(?:e|al|el|ial|ality)?|sewer ?slide|self ?delet(?:e|ing|ion)|unalive|kms)"
KILL_SELF = r"(?:kill(?:ing)? ?(?:my ?self|meself|myslef)|off(?:ing)? myself|end(?:ing)? myself)"
SELF_HARM = (
    r"(?:self[- ]?harm\w*|self[- ]?injur\w*|(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|"
    r"injure|injuring|starve|starving|punish|punishing) (?:my ?self|my wrists?|my arms?))"
)
# Phrases that talk about suicide as a topic rather than as the writer's intent.
INFO_FRAME = re.compile(
    r"\b(?:rates?|statistics?|stats|numbers|risk|prevention|prevent|common|linked|link|associated|"
    r"cause[sd]?|causing|side[- ]effects?|research|stud(?:y|ies)|data|percent|prevalence|awareness|"
    r"warning signs|history|evidence|researchers?|measured?|clinical trials?|gene|genes|cells?|"
    r"(?:a |the |boxed |black box )?warnings? (?:about|for|on|of)|"
    r"how often|how common|how likely|incidence|frequency|occur|occurs|"
    r"in (?:people|patients|men|women|teens|teenagers|adolescents|children|users|the elderly))\b"
)
FIRST_PERSON = re.compile(r"\b(?:i|im|i'm|ive|i've|id|i'd|ill|i'll|me|my|myself|mine)\b")
# The writer speaking of their own suicidal thoughts or self-harm (not of a headline they read).
SELF_ATTRIBUTED = re.compile(
    r"\b(?:i'm|im|i am|i feel|i felt|feeling|i've been|ive been|i have|i had|i get|i keep|having|my|me)\b"
    r"(?:(?!\b(?:why|whether|looking (?:at|into)|research\w*|studying|reading)\b)[^.?!]){0,25}"
    r"\b(?:suicid\w*|self[- ]?harm\w*)|\b(?:suicid\w*|self[- ]?harm\w*)\b[^.?!]{0,15}\b(?:myself|me)\b")
# LD50 asked in a study or class frame anywhere in the message ("what's known about NMN
# toxicity in animal studies? was any LD50 reported?") is research, not a lethal amount for a person.
LD50_RESEARCH = re.compile(
    r"\b(?:mice|mouse|rats?|rodents?|animals?|papers?|stud(?:y|ies)|literature|thesis|research|reported|"
    r"pharmacology|toxicology|class|module|course|lecture|exam|homework|textbook)\b")

# Suicide as the subject of someone's work ("my masters thesis on suicide rates"): the "my"
# belongs to the thesis, so it is cut out before the writer is asked about.
# The work is a noun after a determiner ("a letter about", "my masters thesis on"), so that a
# verb is never read as one: "I need to talk about my suicidal thoughts" is not cut.
WORK_TOPIC = re.compile(
    r"\b(?:a|an|the|my|our|his|her|their|this|that|your)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:thesis|dissertation|essay|paper|report|assignment|presentation|article|project|class|course|"
    r"lecture|seminar|podcast|blog(?: post)?|documentary|module|coursework|homework|letter|leaflet|email|newsletter|"
    r"book|novel|memoir|biography|autobiography|film|movie|series|episode|"
    r"assembly|talk|training|workshop|campaign)\s+(?:on|about|into|covering)\s+"
    # the words between may not be the writer's own: "my memoir about my suicide attempt" is not cut
    r"(?:(?!(?:my|mine|me|myself|i|i'm|im|i've|own)\b)[\w-]+\s+){0,3}?(?:suicid\w*|self[- ]?harm\w*)(?:\s+(?:awareness|prevention)(?:\s+(?:week|day|month))?)?"
    # "self-harm awareness week", "suicide prevention day": an event, whoever mentions it
    r"|\b(?:suicid\w*|self[- ]?harm\w*)\s+(?:awareness|prevention)\s+(?:week|day|month|campaign|training|course|event|walk|charity)\b")
# The writer doing what the work is about ("a book about self-harm and I've started doing it
# myself"): the topic is not cut out of such a message.
# The writer is making something (a story, a blog post for a charity, a school project): with no
# word of dying, harm or despair of a person in it, the meaning model alone never calls it a crisis,
# however close it comes to a crisis exemplar that wraps method-seeking in fiction (blind block Z:
# "writing a short story where the aunt is obsessed with anti aging stuff", 0.85).
WRITING_FRAME = re.compile(
    r"\b(?:writing|write|putting together|working on|making|drafting|planning)\s+(?:a|an|my|our|the|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:story|stories|novel|screenplay|script|fanfic|fan fiction|blog(?: post)?|post|article|essay|report|project|"
    r"presentation|podcast|video|fundraiser|newsletter|assignment|thesis|piece|leaflet|zine)\b")

DOING_IT = re.compile(
    r"\b(?:i|i've|ive|i'm|im|i have|i am)\s+(?:also\s+|now\s+|kind of\s+|sort of\s+)?(?:started|start|begun|began|been|keep|kept)\s+"
    r"(?:doing|trying)\s+(?:it|that|this|the same)\b|\bi (?:do|did|have done) (?:it|that|this) (?:myself|too)\b")

# "I'd rather die than be bald": an idiom of preference, unless what is worse is living on.
RATHER_THAN_LIVING = (r"(?! than (?!(?:to )?(?:live|living|go on|going on|keep (?:going|living|on)|feel|feeling|wake|"
                      r"waking|spend|face|continue|be (?:alive|here|like this)|exist)\b))")

# Hiding one's head, not fading out of existence: "I want to disappear under a hat forever"
# (blind block L, first-seen, a cosmetic worry put dramatically).
UNDER_A_HAT = r"(?:under|behind|beneath|inside|into) (?:a|my|the|some|this) (?:hat|cap|hood|hoodie|beanie|wig|scarf|bandana|blanket)\b"
CRISIS_CUES = _compile([
    ("suicide slang", r"\b(?:kms|kys|sewer ?slide|unalive (?:my ?self|me)|self ?delet(?:e|ing)|commit die|ctb)\b"),
    # quitting a game said of life (blind block N, first-seen): "alt+f4 irl"; leetspeak normalising reads f4 as "fa"
    ("gaming slang", r"\balt ?\+? ?f[4a](?:ing)? (?:irl|in real life|life|my ?self|my life)\b|"
                     r"\b(?:log(?:ging)? off|log(?:ging)? out|rage ?quit(?:ting)?|uninstall(?:ing)?) (?:of |from )?(?:life|irl|real life)\b"),
    # leaving life said as leaving a place, for good ("after my bday on the 3rd im checking out for
    # good", blind block W)
    ("checking out for good", r"\b(?:i'?m|im|i am|i'll|ill|i will|gonna|going to|about to|ready to|time to|then)\s+"
                              r"(?:be\s+)?(?:check(?:ing)? out|clock(?:ing)? out|tap(?:ping)? out|bow(?:ing)? out|sign(?:ing)? off|"
                              r"check(?:ed)? out|gone)\s+(?:for good|permanently|forever|of (?:this|life|here) (?:for good|permanently|forever))\b"),
    ("kill myself", rf"\b{KILL_SELF}\b"),
    # "kill me" only as a wish: "this shampoo is killing me" is an idiom.
    ("kill me", r"\b(?:please|just|someone|somebody|want (?:someone|somebody|something|it|them) to|wish (?:someone|something|it) would|hope (?:something|it|someone)(?: would)?) (?:to )?kill me\b"),
    ("take my own life", r"\btak(?:e|ing) (?:my|our) (?:own )?li(?:fe|ves)\b"),
    ("end my life", r"\bend(?:ing)? (?:my|this) (?:own )?(?:life|lyfe|lif|existence)\b"),
    ("end it all", rf"\b(?:{WANT}|just|to|i'll|i will|gonna|going to) (?:to )?end (?:it all|it|things|everything)\b(?! (?:for|with|of|by) (?:my|the|this) \w+)"),
    ("ending things", r"\bending (?:it all|things|everything)\b|\bends (?:it all|things|everything)\b"),
    # "I thought I was going to die" (leg day, a roller coaster): a past fright, not a wish (block M, first-seen).
    ("want to die", rf"(?<!thought i was )(?<!thought we were )(?<!felt like i was )\b{WANT} (?:to |that i could |that i would |i could |i would |i'd |i )?(?:just |simply |really |honestly )?(?:die|dying|be dead|not exist|disappear forever|sleep forever|stop existing|stop living|stop being alive|not be alive|not be here)\b(?! (?:my|your|her|his|the) hair)(?! (?:of|from) (?:shock|embarrassment|shame|cringe|laughing|laughter|boredom|envy|jealousy)\b)"
     r"(?<!rather die)(?<!rather be dead)|\b(?:i'd|id|i would|would) (?:much )?rather (?:just )?(?:die|be dead)\b" + RATHER_THAN_LIVING),
    ("want it all to stop", r"\b(?:want|need|wish) (?:it all|everything|all of this|life|my life) to (?:stop|end|be over)\b(?!\s+\w+ing\b)|\b(?:want|need|wish) it to (?:stop|end|be over)\b[^.?!]{0,10}\b(?:for good|forever|permanently)\b"),
    ("run-together phrase", r"\b\w*(?:wanttodie|wannadie|killmyself|endmylife|wanttokillmyself|dontwanttolive|wanttobedead)\w*\b"),
    ("painless death", r"\bpainless\b[^.?!]{0,30}\b(?:overdose|od'?ing|death|die|dying|way out|method|suicide|end)\b|\b(?:overdos\w*|od'?ing|od'?d|death|die|dying|way out|method|suicide)\b[^.?!]{0,30}\bpainless\b"),
    ("want to dye", rf"\b{WANT} (?:to )?(?:just )?dye\b(?! (?:my|your|her|his|the|it|them|hair|\w+ hair|\w+ (?:red|black|blonde|brown)))"),
    ("take all my pills", rf"\b(?:{WANT}|will|i'll|i will|about) (?:to )?(?:take|swallow|down) (?:all|every one|every pill|every tablet|the whole bottle|a whole bottle)(?: of)? (?:my |the |these |those )?(?:pills|meds|tablets|medication|medicine|bottle)\b"),
    # "i dont think ill be around long enough to find out" (blind block X, at the end of a long message)
    ("not around long enough", r"\b(?:don'?t|do not|dont) (?:think|expect|reckon|see) (?:i'?ll|i will|ill|i'?m going to|i'?m gonna|myself) "
                               r"(?:be |being |still be )?(?:around|here|alive) (?:long enough|much longer|for long|that long|by then)\b"),
    # asking whether life insurance pays out on suicide, of one's own policy ("mine's past the 2 year clause",
    # block X): a known warning sign of planning
    ("insurance and suicide", r"\b(?:life insurance|insurance|policy)\b[^.?!]{0,60}\bsuicid\w*[^?!]{0,60}\b(?:mine|my policy|my kids|my family|covered)\b"
                              r"|\b(?:my|mine)\b[^.?!]{0,40}\b(?:life insurance|policy)\b[^.?!]{0,60}\bsuicid\w*"),
    ("won't be around", r"\b(?:won't|will not|not going to|not gonna|wont) be (?:around|here|alive) (?:much longer|for (?:much )?longer|for long|anymore|tomorrow|next (?:week|month|year))\b"),
    ("makes me want to die", r"\bmakes? me (?:want to|wanna) (?:die|disappear|end it|kill)"),
    ("wish I was dead", r"\b(?:wish|hope) (?:i|i'm|im) (?:was|were|am|was just|were just)? ?(?:dead|gone|never born|not born|not alive)\b"),
    ("never been born", r"\bwish (?:i'd|i had|i) never (?:been born|existed|woken up)\b"),
    ("better off dead", r"\bbetter off (?:dead|gone|without me)\b|\b(?:i'd|id|i would) (?:much )?rather (?:just )?(?:be dead|die|not exist|not be alive|not wake up)\b" + RATHER_THAN_LIVING),
    ("happier without me", r"\b(?:happier|better|easier) (?:off )?(?:if|when) i(?:'m| am| was| were)? (?:gone|dead|not (?:here|around))\b"
     r"|\b(?:happier|better|easier) (?:off )?(?:if|when) i (?:\w+ )?(?:wasn't|weren't|wasnt|werent|was not|were not|am not|'m not|didn't exist|did not exist) (?:around|here|alive|anymore)?"),
    ("no one would miss me", r"\b(?:no ?one|nobody|noone) (?:would|will|'d)? ?(?:even )?(?:miss|notice|care)(?: about)? (?:me|if i(?:'m| was| were)? gone|if i died|when i'm gone)\b"),
    ("don't want to live", r"\b(?:don't|dont|do not|didn't|no longer) (?:really )?(?:want|wanna|wish) (?:to )?(?:live|be alive|exist|be here|wake up|keep living|go on)\b"),
    ("not wake up", r"\b(?:hope|wish|want|pray|praying|rather|like) (?:to |that )?(?:i |i'd |i'll )?(?:don't|dont|do not|won't|wont|never|not) (?:wake up|ever wake up)\b"),
    ("sleep and never wake", r"\b(?:sleep|go to sleep|fall asleep) and (?:never|not) wake\b"),
    ("no reason to live", r"\b(?:no|any|what(?:'s| is)? (?:even )?the|don't see the|dont see the|can't see the) (?:reason|point|purpose) (?:for me )?(?:to|in|of) (?:live|living|life|my life|go on|going on|be alive|being alive|exist|existing|keep going|wake up|waking up|(?:anything anymore|it all)(?=\s*(?:[?.!,]|$)))"),
    ("nothing to live for", r"\bnothing (?:left )?to live for\b"),
    ("life not worth living", r"\blife (?:is|isn't|is not|isnt|ain't|aint) (?:not |no longer )?worth (?:living|it)\b|\bnot worth living\b"),
    ("tired of living", r"\b(?:tired|sick|exhausted) of (?:living|being alive|life|existing|waking up)\b"),
    ("done with life", r"\bdone (?:with )?(?:life|living|being alive|existing)\b"),
    ("can't go on", r"\b(?:can't|cant|cannot|can not|don't think i can|dont think i can|not sure i can|unable to) (?:go on|keep going|keep living|carry on|do this anymore|live like this|take (?:it|this|life|much more) anymore|take much more)\b(?! (?:to|with|back|on|into|through|for|at)\b)"),
    ("goodbye note", r"\b(?:goodbye|suicide|farewell) (?:letters?|notes?|messages?)\b|\bsaying goodbye to everyone\b"),
    ("self-harm", rf"\b{SELF_HARM}\b"),
    # Asking how much of something would be lethal is method-seeking whatever the framing;
    # "the mice got a lethal dose of radiation" reports an experiment, "lethal mutations" are genetics.
    ("deadly amount", r"\b(?:what|which|how much|how many|amount|dose|quantity|many|much)\b[^.?!]{0,30}\b(?:is|are|would be|becomes|be) (?:deadly|lethal|fatal)\b(?! (?:mutations?|genes?|variants?|diseases?|conditions?|infections?|forms?|strains?|in (?:mice|rats|animals)))"),
    ("lethal dose", r"\b(?:what(?:'s| is)?|whats|how (?:much|many)|which|is|would|know|tell me|find)\b[^.?!]{0,40}\b(?:lethal|fatal|deadly|toxic|killing) (?:dose|amount|quantity|level|number)\b|\b(?:lethal|fatal|deadly) (?:dose|amount|quantity)\b[^.?!]{0,30}\b(?:for me|for a person|for an adult|for a human|of (?:my|these|those|the) (?:pills|meds|tablets))\b|\blethal(?:ly)? (?:amount|many|much)\b|\bld50\b(?![^.?!]{0,80}\b(?:mice|mouse|rats?|rodents?|animals?|papers?|stud(?:y|ies)|literature|lit review|thesis|research)\b)"),
    ("how many would kill", r"\bhow (?:many|much)\b[^.?!]{0,60}\b(?:kill (?:me|myself|a person|someone|you|a human)|to die|be fatal|be lethal|to not wake up|to never wake up|not wake up|overdose and die|od and die)\b"),
    ("enough to die", r"\benough\b[^.?!]{0,40}\bto (?:kill (?:me|myself|a person|someone|you)|die|not wake up|never wake up|end it)\b"),
    ("would kill me", r"\b(?:would|will|could|to) kill me\b(?! (?:if|with|for))"),
    ("ways to die", r"\b(?:painless|easiest|quickest|fastest|best|quiet|peaceful|surest) (?:way|method|ways|methods) (?:to|of) (?:die|dying|go(?=\s*(?:[?.!,;]|$))|kill|end)\b|\b(?:ways?|methods?|how) to (?:commit|kill myself|end my life|die)\b(?! (?:of|from))"),
    ("overdose on purpose", r"\b(?:od|overdos\w*|take all my (?:pills|meds|tablets)|swallow (?:all|the whole)\w*)\b[^.?!]{0,30}\b(?:on purpose|to die|to end it|intentionally|deliberately|so i (?:don't|dont|won't) wake)\b"),
    ("overdose to end it", r"\b(?:overdos\w*|od'?d?|took (?:the whole|all)\w*)\b[^.?!]{0,20}\bto end (?:it|my life|things)\b"),
    # Warning signs named by suicide-prevention guidance (having the means, saying
    # goodbye, giving things away, feeling trapped or a burden, wishing to be gone).
    ("has the means", r"\b(?:stockpil\w*|hoard\w*|sav(?:e|ed|ing) up|collect(?:ed|ing)|putting aside|set(?:ting)? aside) (?:my |the |some |all my )?(?:sleeping )?(?:pills|meds|tablets|medication|painkillers)\b"
     r"|\b(?:stockpil\w*|hoard\w*|sav\w* up|putting aside|set(?:ting)? aside)\b[^.?!]{0,10}\b(?:my |some |all my |the )?(?:[a-z]+ )?(?:pills|meds|tablets|capsules|painkillers|trazodone|amitriptyline|quetiapine|mirtazapine|zopiclone|zolpidem|paracetamol|acetaminophen|tylenol|insulin|opioids?|oxycodone|codeine|tramadol|antidepressants?|sertraline|citalopram|lithium)\b"
     r"|\b(?:instead of|rather than) taking (?:it|them)\b[^.?!]{0,40}\b(?:keep|keeping|saving|drawer|hidden|hide)\b"
     r"|\b(?:the|a|my) (?:rope|noose)\b[^.?!]{0,20}\b(?:ready|tied|up|set)\b|\bnoose\b|\b(?:gun|pistol|rifle) (?:is )?(?:loaded|ready)\b"),
    ("method intent", r"\b(?:i'm|im|i am|gonna|going to|want to|wanna|will|i'll|plan(?:ning)? to|thinking (?:about|of)) (?:go )?(?:hang(?:ing)? my ?self|jump(?:ing)? (?:off|from|in front of)|driv(?:e|ing) (?:my car )?(?:into|off)|step(?:ping)? in front of|drown(?:ing)? my ?self|shoot(?:ing)? my ?self|slit(?:ting)? my|overdos(?:e|ing))\b"),
    # Self-harm told in recovery words: "relapsed last night, the razor again", "3 months clean and i cut".
    ("self-harm relapse", r"\brelaps\w*\b[^\n]{0,60}\b(?:razor|blades?|cut(?:s|ting)?|burn(?:ed|ing)?|sh)\b|\b(?:razor|blades?|cut(?:s|ting)?|burn(?:ed|ing)?)\b[^\n]{0,60}\brelaps\w*\b"
     r"|\b\d+ (?:days?|weeks?|months?|years?) (?:sh[- ]?)?clean\b[^\n]{0,60}\b(?:razor|blades?|cut|cutting|relaps\w*|ruined it|broke it)\b"),
    # An allergy used as the means: the allergen sought, not avoided (blind block O: "allergic to
    # peanuts (epipen level) ... which supplements have peanut oil in them? I want to make sure I
    # pick one that does").
    ("allergen sought", r"\b(?:allergic|allergy|anaphyla\w*|epi ?pen)\b[^\n]{0,200}\b(?:make sure|want|need|going|planning|trying)\b[^.?!]{0,30}"
                        r"\b(?:pick|choose|get|buy|find|take|use|order)\s+(?:one|some|the ones?|a brand|something)\s+(?:that|which|with)\s+(?:does|do|has|have|contains?|includes?)\b"
                        r"(?![^.?!]{0,20}\b(?:not|n't|no|none|nothing|zero|free)\b)"),
    # Hitting one's head or face against something until it bleeds, or whenever a feeling comes
    # (block Q); "I hit my head on the shelf again" is an accident
    ("hitting myself", r"\b(?:slam|smash|bang|bash|hit|punch)\w* my (?:head|face|fists?)\b[^.?!]{0,12}\b(?:against|into|on)\b[^.?!]{0,40}"
                       r"\b(?:until|till|til|every time|whenever|on purpose)\b"
                       r"|\b(?:every time|whenever|on purpose)\b[^.?!]{0,80}\b(?:slam|smash|bang|bash|punch)\w* my (?:head|face)\b"),
    ("starving as punishment", r"\b(?:don't|dont|do not) deserve (?:food|to eat|a meal)\b|\b(?:haven't|havent|have not|not|stopped) eat(?:en|ing)\b[^.?!]{0,40}\b(?:on purpose|to punish (?:me|myself))\b"),
    ("blade to wrist", r"\b(?:blade|razor|knife|glass) (?:to|on|across|into) my (?:wrists?|arms?|skin|throat|legs?)\b|\bslit(?:ting)? my (?:wrists?|throat)\b|\bcut(?:ting)? (?:my )?(?:wrists?|arms?) (?:again|on purpose|deep)\b"),
    ("saying goodbye", r"^(?:good ?bye|bye|farewell) (?:everyone|everybody|world|all|forever|cruel world)\b|\b(?:this is|saying|said) (?:my )?(?:final |last )?good ?byes?\b(?! to my hair)|\bgood ?bye (?:world|forever|cruel world)\b|\bwritten (?:my|a) (?:will|last letter)\b"),
    ("giving things away", r"\bgiv(?:e|ing|en) (?:away )?(?:all )?(?:my|away my) (?:things|stuff|belongings|possessions|pets?)\b|\bwon't (?:need|be needing) (?:them|it|my \w+|anything) (?:anymore|much longer|where i'm going)\b"),
    ("burden", r"\b(?:better|happier|easier) (?:off )?without me\b|\b(?:i'm|im|i am) (?:just )?a burden\b"),
    ("trapped", r"\b(?:no|only|the only) (?:other )?way out\b[^.?!]{0,40}\b(?:die|dying|death|dead|suicide|end it|kill)\w*|\b(?:die|dying|death|suicide)\b[^.?!]{0,40}\b(?:only|no other) way out\b|\b(?:i )?want out of (?:this )?life\b|\bmy life is over\b"),
    ("wish to be gone", r"\b(?:want|wanna|wish|like) (?:to )?(?:just )?be gone\b(?! (?:for|on|from|to|by))|\b(?:go to |fall )?(?:sleep|asleep) forever\b|\bnever wake up again\b|\b(?:wouldn't|would not|didn't|did not) wake up\b"),
    ("worthless should die", r"\b(?:should|deserve to|ought to) (?:just )?die\b|\b(?:don't|dont|do not) deserve to (?:live|be alive|exist|be here)\b"),
    ("thinking about dying", r"\b(?:thinking|think|thoughts|dream(?:ing)?|fantasi[sz]\w*|obsess\w*) (?:about|of) (?:dying|death|being dead|my death|my funeral|not being here|not existing)\b(?! (?:rates?|statistics|from|of (?:a|my|the) (?:hair|follicle)))"),
    ("height to die", r"\bhow (?:high|tall|far)\b[^.?!]{0,40}\b(?:to die|to kill|be fatal|die from)\b"),
    ("many painkillers", r"\b(?:what happens|what would happen|would i die|will i die|can i die)\b[^.?!]{0,20}\b(?:take|took|swallow\w*)\b[^.?!]{0,5}\b\d{2,}\b"),
    ("every pill", r"\b(?:going to|gonna|want to|wanna|will|i'll|about to|plan to|planning to) (?:take|swallow) every (?:single )?(?:pill|tablet|capsule)\b"),
    ("took it on purpose", r"\b(?:swallow\w*|took|taken|ate|downed)\b[^.?!]{0,50}\b(?:on purpose|intentionally|deliberately|to die|to end it|so (?:that )?i (?:don't|dont|won't|wont) wake)\b"),
    ("someone else at risk", r"\b(?:wants?|wanted|wanting|going|gonna|trying|tried|threaten\w*|plann?\w*|talk\w* about|thinking (?:about|of)|said (?:she|he|they) (?:would|will|wants? to)) (?:to )?(?:kill(?:ing)? (?:him|her|them)sel(?:f|ves)|end(?:ing)? (?:his|her|their) (?:own )?li(?:fe|ves)|tak(?:e|ing) (?:his|her|their) (?:own )?li(?:fe|ves))\b"
     r"|\b(?:he|she|they|my \w+) (?:is|are|'s|seems?|sounds?) (?:really |very )?suicidal\b"),
    # another person who no longer wants to be here (blind block O, first-seen: a teacher quoting a student's essay)
    ("someone else not wanting to be here", r"\b(?:she|he|they)(?:'s| is| are|'re)?\W{1,3}(?:tired of pretending|pretending) (?:that )?(?:she|he|they) (?:wants?|wanna) to be (?:here|alive)\b"
     r"|\b(?:she|he|they) (?:doesn'?t|does not|don'?t|do not|no longer) (?:wants?|wanna) (?:to )?be (?:here|alive) (?:anymore|any more)\b"),
    ("rope", r"\b(?:bought|got|buy|buying|have|found) (?:a|the|some) (?:rope|noose)\b"),
    # From blind block I (scored first-seen at bd245fc), by kind:
    # self-harm told as a habit resumed, with no object ("been cutting again");
    ("cutting again", r"\b(?:been|started|start|back to|went back to|i'm|im|am) (?:cutting|burning|scratching|hitting) (?:again|myself again)\b"),
    # wishing to fade out of existence;
    ("wish to fade out", rf"\b(?:wish|want|wanna|like) (?:i could |to )?(?:just )?(?:fade (?:out|away)|disappear|vanish|cease to exist|stop existing)\b(?! from\b| {UNDER_A_HAT})"),
    # a plan with a day set;
    ("day is set", r"\b(?:decided|picked|chosen|made up my mind|set)\b[^.?!]{0,30}\b(?:today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|this weekend|next week)\b is (?:the|my) (?:day|night|date)\b"),
    # a high place sought out ("the highest bridge around here");
    ("high place", r"\b(?:highest|tallest)\b[^.?!]{0,15}\b(?:bridges?|buildings?|cliffs?|roofs?|rooftops?|towers?|parking (?:garage|structure)s?|overpass(?:es)?)\b"),
    # a count of pills with how dying would feel;
    ("pills and painless", r"\b\d{2,}\b[^.?!]{0,40}\b(?:pills|tablets|capsules|caps|sleeping tablets|sleeping pills)\b[^.?!]{0,60}\b(?:painless|feel it|peaceful|wake up)\b"),
    # looking up how to do "it" quietly.
    ("ways to do it", r"\b(?:googl\w*|search\w*|look(?:ed|ing)? up|research\w*|read(?:ing)? (?:up )?(?:about|on))\b[^.?!]{0,20}\b(?:ways?|how) to do it\b[^.?!]{0,15}\b(?:quietly|painlessly|peacefully|without pain|for good|properly)\b"),
    # Exhaust fumes: a running engine in a closed garage, or a hose on the exhaust.
    ("engine in a closed garage", r"\b(?:closed|shut|locked) garage\b[^.?!]{0,60}\b(?:engine|motor|car) (?:running|on)\b"
     r"|\b(?:engine|motor|car) (?:running|on)\b[^.?!]{0,60}\b(?:closed|shut|locked) garage\b"
     r"|\bhose\b[^.?!]{0,30}\bexhaust\b|\bexhaust\b[^.?!]{0,30}\bhose\b"),
    ("made peace", r"\bready to (?:go|die|leave)\b[^.?!]{0,40}\bmade (?:my )?peace\b|\bmade (?:my )?peace\b[^.?!]{0,40}\bready to (?:go|die|leave)\b"),
    # Self-harm other than cutting: hurting one's own body until it shows.
    ("hurting own body", r"\b(?:punch\w*|hit\w*|slam\w*|bang\w*|scratch\w*|bit(?:e|ing)|burn\w*|scald\w*|pinch\w*) (?:my ?self|my own|me)\b|"
     r"\b(?:my|myself)\b[^.?!]{0,40}\b(?:till|until|til)\b[^.?!]{0,25}\b(?:blister\w*|bleed\w*|bruis\w*|purple|raw)\b|"
     r"\b(?:hold|held|put|press)\w* my (?:hand|palm|arm|fingers?|skin)\b[^.?!]{0,30}\b(?:hob|stove|flame|lighter|iron|straightener|fire|candle|kettle)\b|"
     # a heated thing pressed on one's body ("i heat a spoon on the stove and press it on my thigh", block S)
     r"\b(?:heat\w*|hot|red[- ]hot)\b (?:up )?(?:a |the |my )?(?:spoon|knife|key|coin|metal|pin|needle|fork|blade|nail|lighter|paperclip|wire)s?\b"
     r"[^.?!]{0,40}\b(?:press|hold|held|put|push|touch)\w* (?:it|them) "
     r"(?:on|against|into|to) my (?:thigh|thighs|arms?|legs?|skin|wrists?|stomach|belly|hands?|hips?|chest|ankles?)\b|"
     # the hot thing pressed on the body, said in one go ("pressing a hot lighter on my thigh", block U)
     r"\b(?:press|hold|held|put|push|touch|stub)\w* (?:a |the |my )?(?:hot |heated |burning |lit |red[- ]hot )?"
     r"(?:lighter|spoon|knife|key|coin|metal|pin|needle|fork|blade|nail|paperclip|wire|cigarettes?|cig|iron|straighteners?|"
     r"curling iron|match(?:es)?)\b[^.?!]{0,20}\b(?:on|against|into|to) my (?:thigh|thighs|arms?|legs?|skin|wrists?|stomach|"
     r"belly|hands?|hips?|chest|ankles?|feet|foot)\b"),
    # asking for the dose of something that damages an organ for good ("the niacin dose that wrecks
    # your liver for good? i want it permanent", block S): harm sought, not a safety limit
    ("permanent damage sought", r"\b(?:dose|amount|how much|how many|enough)\b[^.?!]{0,40}\b(?:wreck|destroy|fry|ruin|damage|kill|shut down|fail)s? "
     r"(?:your|my|the) (?:liver|kidneys?|heart|brain|stomach|organs?)\b[^\n]{0,60}\b(?:on purpose|i want (?:it|that|them|the damage)|i want to (?:wreck|destroy|damage|ruin))\b"),
    ("can't picture being here", r"\b(?:can't|cant|cannot|don't|dont|do not) (?:really )?(?:picture|see|imagine) (?:myself|me) (?:still )?(?:being )?(?:here|alive|around)\b|"
     r"\b(?:won't|will not|wont|not going to|not gonna) (?:still )?be (?:here|around) (?:by|for|at|on|past|after) \w+"),
    ("stop the heart", r"\b(?:enough|would|will|could|make|makes|to)\b[^.?!]{0,30}\b(?:stop (?:the|my|his|her|your) heart|heart (?:to )?stop)\b|\bstops? the heart\b"),
    ("deadliest amount at once", r"\b(?:most dangerous|deadliest|most lethal|most toxic|most harmful)\b[^.?!]{0,60}\b(?:swallow\w*|take|took|overdos\w*|at once|a (?:whole )?lot|whole (?:bottle|box|pack))\b|"
     r"\b(?:\d{2,}|a whole|the whole|all (?:of )?(?:them|the|my|those))\b[^.?!]{0,40}\bat once\b[^.?!]{0,40}\b(?:enough|kill|die|dead|fatal|lethal|would (?:that|it) (?:be|do|work))\b|"
     r"\bwhich (?:one|of (?:these|them|the \w+)) (?:to|should i|would) (?:use|take)\b[^.?!]{0,40}\b(?:die|end|dangerous|enough)?"),
    ("least painful way", r"\b(?:least painful|painless|easiest|quickest|fastest|surest|quietest|most peaceful) (?:way|method|ways|methods) (?:to|of) (?:go|die|dying|end it)\b"),
])

# Suicide words: intent when the writer speaks in the first person, a topic when
# framed as statistics or risk ("suicide rates", "can X cause suicidal thoughts").
SUICIDE_WORD = re.compile(rf"\b{SUICIDE}\b")

# Self-harm words with an innocent explanation ("I cut myself shaving").
ACCIDENT = re.compile(r"\b(?:shaving|cooking|by accident|accidentally|at the gym|lifting|running|playing|in the kitchen|on a knife|while \w+ing)\b")

# Short replies that carry on a crisis from the previous user turn.
# Taking it back right after a risk turn ("forget I said anything", "it was hypothetical") is
# itself a warning sign: the crisis reply stands.
RETRACTION = re.compile(
    r"\b(?:forget (?:i said (?:anything|that|it)|what i said|about (?:it|that)|(?:all )?(?:that|this|it))|never ?mind|nvm|just kidding|jk|"
    r"(?:it was|its|it's|was) (?:just )?(?:a )?hypothetical\w*|hypothetically|only joking|just joking|"
    r"don'?t worry(?: about (?:me|it))?|i'?m (?:fine|ok|okay) (?:now|really)|not serious)\b")
CRISIS_CONTINUATION = re.compile(
    r"^(?:yes|yeah|yea|yep|yup|ya|i do|i am|i mean it|i'm serious|im serious|seriously|serious|"
    r"i'm not joking|im not joking|not joking|no joke|for real|really|i really do|it's true|"
    r"i have a plan|i've got a plan|tonight|today|soon|i already (?:have|did|took)\w*|i have the pills|"
    r"nothing helps|nobody cares|no one cares|please|help|help me|i don't know|idk|maybe|sort of|kind of|"
    r"why not|what's the point|whats the point)\b"
)

# Emergency cues describe something happening now, to the writer or someone with
# them; generic questions ("can NMN cause chest pain?") have no such subject.
SUBJ = (
    r"(?:i|i'm|im|i am|i've|ive|i have|my \w+(?: \w+)?|he|he's|he is|she|she's|she is|they|they're|"
    r"they are|we|someone here|my (?:friend|husband|wife|son|daughter|mom|mum|dad|partner|kid|child|baby))"
)
_LOW_SUGAR = (r"\b(?:blood ?sugars?|sugars?|glucose|bg|bgl|bs|reading|meter|cgm|dexcom|libre)\b[^.?!\d]{0,20}"
              r"(?<![\d.])(?:[1-4]\d|5[0-4]|[12]\.\d)(?![\d.]|\s?(?:g|gr|grams?|tsp|teaspoons?|tbsp|%|percent|cal\w*|kcal|mins?|minutes?|"
              r"hours?|days?|weeks?|lbs?|kg|years?|yo|units?)\b)")
_HYPO_SIGN = (r"\b(?:confus\w*|can't think|cant think|cannot think|shak\w*|sweat\w*|trembl\w*|dizzy|drows\w*|won't wake|wont wake|"
              r"slurr\w*|pass(?:ing|ed)? out|faint\w*|not making sense|disoriented|seiz\w*|blacking out|blacked out)\b")

EMERGENCY_CUES = _compile([
    ("overdose", r"\b(?:i|he|she|they|we|my \w+) (?:think i |think he |think she |just |may have |might have )?(?:overdosed|od'd|odd|took an overdose)\b"),
    ("overdose", r"\btook (?:the |an |a )?(?:whole|entire|full) (?:bottle|pack|packet|box|jar|container|blister)\b|\btook all (?:of )?(?:my|the|his|her) (?:pills|tablets|capsules|meds|medication|supplements)\b"),
    ("overdose", r"\b(?:kid|child|son|daughter|toddler|baby|grandson|granddaughter|boy|girl|dog|puppy|cat|(?:[1-9]|1[0-7]) ?(?:year|yr)s?[- ]?old)\b[^.?!]{0,20}\b(?:swallowed|ate|eaten|got into|chewed|took)\b[^.?!]{0,30}\b(?:pills?|tablets?|capsules?|supplements?|meds|medicine|medication|bottle|nmn|vitamins?|gumm(?:y|ies))\b"),
    # a child, and a pill bottle found open or empty, whatever the child looks like now ("my 3 yo was playing in
    # the bathroom" / "found my iron tablets bottle open and basically empty", block X)
    ("overdose", r"^(?=.*\b(?:kid|child|son|daughter|toddler|baby|(?:[1-9]|1[0-7]) ?(?:yo|y/o|year old|yr old|years old))\b)"
                 r"(?=.*\b(?:pills?|tablets?|capsules?|gumm(?:y|ies)|vitamins?|meds|medicine)\b)"
                 r".*\b(?:bottle|pack|packet|box|jar|tub)\b[^.?!]{0,30}\b(?:open|empty|emptied|missing)\b"),
    # pills within a child's reach, some gone, and the child now drowsy or limp, told over a
    # message or two ("playing with my iron pills ... the lid was off, 6 missing, she's getting
    # really sleepy and floppy", blind block W)
    ("overdose", r"^(?=.*\b(?:pills?|tablets?|capsules?|meds|medicine|medication|gumm(?:y|ies)|vitamins?)\b)"
                 r"(?=.*\b(?:missing|gone|lid (?:was )?off|cap (?:was )?off|got into|playing with|into (?:my|the) (?:bag|bottle|purse))\b)"
                 r"(?=.*\b(?:kid|child|son|daughter|toddler|baby|boy|girl|she|he|(?:[1-9]|1[0-7]) ?(?:year|yr)s?[- ]?old)\b)"
                 r".*\b(?:sleepy|drowsy|floppy|limp|won'?t wake|hard to wake|can'?t wake|unresponsive|not responding|vomiting|throwing up)\b"),
    ("overdose", r"\b(?:swallowed|ate|took)\b[^.?!]{0,15}\b(?:a bunch|a handful|handfuls|too many|too much|[1-9]\d+|ten|twenty|dozens?|several|lots|a lot|all)\b(?: of)? (?:my |his |her |the |of )?(?:pills|tablets|capsules|supplements|meds|nmn|sleeping pills)\b"
                 r"(?! (?:a|per|each|every) (?:day|week|month)| daily| (?:over|in|across) (?:a|the|one|two|three|four|several|\d+) (?:days?|weeks?|months?|years?)\b)"),
    # "took 2 capsules" is a dose, "30 capsules over a month" a supply; "30 over the last hour" is not
    ("overdose", r"\b(?:accidentally |just |mistakenly )?took (?:\d+|ten|twenty|several) ?(?:x|times) (?:my|the|his|her) (?:dose|dosage|amount)\b|\btook too (?:much|many) (?:of )?(?:my |his |her |the )?\w+"),
    ("chest_pain", rf"\b{SUBJ} (?:am |is |are )?(?:having|have|has|got|getting|feel|feeling|feels)\b[^.?!]{{0,30}}\b(?:chest pains?|pains? in (?:my|his|her|the) chest|chest (?:tightness|pressure)|a heart attack|crushing)\b"),
    ("chest_pain", r"\b(?:my|his|her) chest (?:hurts|is hurting|is (?:really |very )?tight|feels (?:tight|heavy|crushed)|is killing)\b|\b(?:pain|pressure|tightness) in my chest\b|\bchest pain (?:right )?now\b|\bcrushing (?:pain|pressure|chest)\b"),
    ("chest_pain", r"\b(?:i think )?(?:i'm|im|i am|he's|she's|he is|she is) having a heart attack\b"),
    ("breathing", r"\b(?:can't|cant|cannot|can not|couldn't) (?:breathe|breath|catch (?:my|his|her) breath)\b|\b(?:struggling|fighting|gasping|hard|difficult|trouble|unable) (?:to |for |breathing)?(?:breathe|breath|breathing|for air)\b(?<!breathing problems)"),
    ("breathing", rf"\b(?:isn't|is not|isnt|not|stopped|aren't|wasn't) breathing\b|\b{SUBJ} (?:am |is |are )?(?:wheezing|choking|turning blue|short of breath)\b|\blips (?:are |is )?(?:turning )?blue\b"),
    ("swelling", r"\b(?:my|his|her|their) (?:face|lips?|tongue|throat|mouth|eyes?|eyelids?)\b[^.?!]{0,30}\b(?:swell\w*|swollen|puff\w* up|closing|tight\w*|blowing up)\b"),
    ("swelling", r"\b(?:swelling|swollen)\b[^.?!]{0,10}\b(?:my|his|her) (?:face|lips?|tongue|throat|mouth)\b|\bthroat (?:is |feels )?(?:closing|tightening|swelling)\b"),
    # swelling lips or tongue told with a tight throat or trouble swallowing, no "my" needed
    # ("lips and tongue swelling up … throat feels tight and its hard to swallow", block R)
    ("swelling", r"\b(?:lips?|tongue|face|mouth)\b[^.?!]{0,40}\b(?:swell\w*|swollen|puff\w* up|blowing up)\b[^.?!]{0,80}"
     r"\b(?:throat (?:feels |is |'s )?(?:so |really |very )?(?:tight|closing|tightening)|(?:hard|difficult) to (?:swallow|breathe)|"
     r"(?:can't|cant|cannot) (?:swallow|breathe)|trouble (?:swallowing|breathing))\b"),
    ("allergy", r"\banaphyla\w+\b(?<!risk of anaphylaxis)(?! (?:with|from|risk)\b)|\b(?:i'm|im|i am|he's|she's|having|getting) (?:a |an )?(?:severe |bad |serious )?allergic reaction\b|\bhives all over\b|\bneed (?:an |my )?epi ?pen\b"),
    ("unconscious", r"\b(?:is|are|was|'s|seems|went|looks) (?:completely |totally )?(?:unconscious|unresponsive|out cold)\b|\b(?:won't|wont|will not|can't|cant|not|isn't|is not) (?:wake|waking|waken|respond|responding)(?: up)?\b|\b(?:i|he|she|they|my \w+)(?: just)? (?:fainted|passed out|collapsed|blacked out|keeled over)\b|^\W*just (?:fainted|passed out|collapsed|blacked out)\b|\b(?:going to|gonna|about to|might|feel like i'm going to|feel like i'll) (?:pass out|faint|black out|collapse)\b"),
    ("heart_rhythm_fainting", r"\bheart(?:beat| rate)? (?:is |was |keeps |started )?(?:pounding|racing|hammering|beating|going|thumping|fluttering|skipping)\b[^.?!]{0,60}\b(?:1[5-9]\d|2\d\d|(?:almost|nearly|about to|going to|gonna) (?:pass(?:ed)? out|faint(?:ed)?|black(?:ed)? out|collapse)|passed out|fainted|blacked out)\b"
     r"|\b(?:almost|nearly) (?:passed out|fainted|blacked out|collapsed)\b[^.?!]{0,60}\bheart\b|\bheart\b[^.?!]{0,40}\b(?:almost|nearly) (?:passed out|fainted|blacked out|collapsed)\b"),
    ("seizure", rf"\b{SUBJ} (?:is |are |am )?(?:having|had|just had|has) (?:a |another )?(?:seizure|fit|convulsions?)\b|\b(?:is|are|'s|keeps|started) (?:seizing|convulsing|fitting)\b|\bconvulsing\b"),
    ("bleeding", r"\b(?:throwing up|vomiting|vomited|coughing up|coughed up|puking|spitting up) (?:up )?(?:blood|bright red blood)\b|\bbleeding (?:won't|will not|wont|doesn't|does not|isn't|is not) stop\w*\b|\b(?:bleeding|losing blood) (?:heavily|a lot|badly|everywhere)\b|\bblood in (?:my|his|her) (?:vomit|sick)\b"
     r"|\b(?:won't|will not|wont|doesn't|does not|can't|cannot) stop (?:the )?bleeding\b|\bsoak\w* (?:straight |right )?through\b|\bblood (?:everywhere|keeps (?:coming|pouring))\b"
     r"|\b(?:vomit\w*|threw up|throw(?:ing)? up|puk\w*|sick)\b[^.?!]{0,50}\b(?:coffee|tar|dark red|maroon)\b|\blooks? like (?:old )?coffee(?: grounds)?\b"
     # black, tarry stools (bleeding in the gut) with fainting or near-fainting
     r"|\b(?:poop|poo|stools?|bowel movements?|bm)\b[^.?!]{0,40}\b(?:black|tarry|like tar|maroon|bloody)\b[^?!]{0,100}\b(?:(?:almost|nearly) )?(?:passed out|pass out|fainted|faint|blacked out|dizzy|lightheaded|light-headed)\b"),
    # A dangerously low blood-sugar reading (under 55 mg/dL or 3.0 mmol/L) with a sign that the brain lacks it.
    ("low_blood_sugar", rf"{_LOW_SUGAR}[^?!]{{0,100}}{_HYPO_SIGN}|{_HYPO_SIGN}[^?!]{{0,100}}{_LOW_SUGAR}"),
    ("stroke", r"\b(?:face|mouth|smile) (?:is |has |started )?droop\w*|\bdroop\w* (?:face|mouth|on one side)\b|\b(?:slurred|slurring) (?:speech|words)\b(?<!cause slurred speech)|\bspeech (?:is |went |has gone |became |suddenly |is suddenly |got )+(?:slurred|garbled)\b|\bslurring\b"),
    ("stroke", r"\bnumb\w*\b[^.?!]{0,20}\b(?:on )?one side\b|\b(?:can't|cannot|cant) (?:move|feel|lift) (?:my|his|her) (?:arm|leg|face|hand)\b|\b(?:i'm|im|i am|he's|she's|he is|she is|i think i'm|i think he's|i think she's) having a stroke\b|\bworst headache of my life\b|\bsuddenly (?:can't|cannot|cant) (?:talk|speak|see)\b|\b(?:can't|cannot|cant) (?:talk|speak) properly\b"),
])

# Emergency cues describing the past ("I had chest pain last year") are history.
PAST_ONLY = re.compile(r"\b(?:as a (?:kid|child|toddler|teen|teenager|baby)|once|a year ago|years back)\b|\b(?:last (?:year|month|week|summer|winter)|years? ago|months? ago|weeks? ago|used to|history of|in the past|once had|when i was)\b")
# "can I still take it" is not "it is still happening": only markers of the present moment.
NOW = re.compile(r"\b(?:right now|now|currently|at the moment|today|tonight|this morning|this evening|just now|"
                 r"just (?:had|took|fainted|collapsed|passed out|started)|since (?:this morning|an hour|yesterday|last night)|"
                 r"(?:almost|nearly) (?:passed out|fainted|collapsed)|started (?:taking |on )?[\w-]+(?: [\w-]+)? (?:last|this) (?:week|month))\b"
                 r"(?! on\b)")

DRUG = (
    r"(?:antidepressants?|anti-?depressants?|ssris?|snris?|maois?|meds|medications?|medicines?|prescriptions?|"
    r"prescribed \w+|sertraline|zoloft|fluoxetine|prozac|escitalopram|lexapro|citalopram|celexa|paroxetine|paxil|"
    r"venlafaxine|effexor|desvenlafaxine|bupropion|wellbutrin|duloxetine|cymbalta|mirtazapine|trazodone|"
    r"lithium|lamotrigine|quetiapine|seroquel|aripiprazole|abilify|benzodiazepines?|xanax|alprazolam|"
    r"finasteride|propecia|dutasteride|minoxidil|rogaine|spironolactone|metformin|insulin|ozempic|semaglutide|"
    r"warfarin|coumadin|apixaban|eliquis|rivaroxaban|xarelto|clopidogrel|plavix|aspirin|heparin|"
    r"blood ?thinners?|anticoagulants?|statins?|atorvastatin|lipitor|simvastatin|rosuvastatin|crestor|"
    r"levothyroxine|synthroid|thyroid (?:meds|medication|pills)|blood pressure (?:meds|medications?|pills|tablets)|"
    r"lisinopril|amlodipine|losartan|metoprolol|beta[- ]?blockers?|chemo(?:therapy)?|tamoxifen|"
    r"immunosuppressants?|tacrolimus|cyclosporine|methotrexate|prednisone|prednisolone|steroids?|"
    r"birth control|the pill|hrt|testosterone|accutane|isotretinoin|adderall|ritalin|sleeping pills|ambien)"
)
DRUG_INTL = (r"(?:sertralin\w*|fluoxetin\w*|escitalopram\w*|citalopram\w*|paroxetin\w*|venlafaxin\w*|"
             r"antidepres\w*|medicamento\w*|medicaci[oó]n|m[eé]dicament\w*|medikament\w*|farmac\w*|rem[eé]dio\w*|"
             r"pastillas?|pillole?|tabletten?|comprim[eé]s?|finast\w*|dutast\w*|minoxid\w*|metformin\w*|spironolact\w*)")
SUPPLEMENT = r"(?:nmn|nad\+?|nr|supplements?|exosomes?|exosome therapy|it|this|them|these)"
CHILD = r"(?:kids?|child|children|son|daughter|toddler|baby|babies|infant|teen|teens|teenager|teenagers|boy|girl|(?:[1-9]|1[0-7])[- ]?(?:year|yr)[- ]?olds?)"

CAREFUL_CUES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "treatment": _compile([
        ("stop prescribed medicine", rf"\b(?:stop|stopping|quit|quitting|come off|coming off|get off|go off|ditch|drop|taper|wean|skip|skipping|cut out|give up|replace|replacing|swap|swapping|switch|switching|substitute|trade)\b[^.?!]{{0,25}}\b(?:my |the |his |her |our )?{DRUG}\b"),
        ("replace medicine", rf"\b(?:instead of|rather than|in place of|replace|replacing|swap|switch from)\b[^.?!]{{0,15}}\b(?:my |the )?{DRUG}\b|\b{DRUG}\b[^.?!]{{0,40}}\b(?:instead|rather)\b"),
        ("medicine or supplement", rf"\b{SUPPLEMENT} or (?:my |the )?{DRUG}\b|\b(?:my |the )?{DRUG} or {SUPPLEMENT}\b"),
        ("change own dose", r"\b(?:cut|cutting|reduce|reducing|lower|lowering|halve|halving|drop|dropping|taper\w*)\s+"
                            r"(?:mine|my (?:\w+ )?(?:dose|dosage|pills?|tablets?|meds|medication))\s+(?:to|down to|back to|in half)\b"),
        ("prescribed but prefer", r"\bprescribed\b[^.?!]{0,60}\b(?:rather|instead|don't want|dont want|not take|skip|stop)\b"),
        # "habang" ... "sambil": "while" and "together" in Tagalog and Indonesian ("pwede ba mag st john's wort
        # habang naka pills ako for birth control", blind block Y)
        ("combine with a drug", rf"\b(?:interact\w*|combin\w*|mix\w*|together|alongside|on top of|at the same time|habang|kasabay|sabay|bersamaan|sambil)\b[^.?!]{{0,40}}\b{DRUG}\b|\b{DRUG}\b[^.?!]{{0,40}}\b(?:interact\w*|combin\w*|mix\w*|together|alongside|on top of|at the same time)\b"),
        ("combine with a drug", rf"\b{SUPPLEMENT} (?:with|and|plus|\+|along with|together with|while on|while taking|if i'm on|if i take) (?:my |a |an )?{DRUG}\b|(?<!compared )(?<!compare )\b{DRUG} (?:with|and|plus|\+) {SUPPLEMENT}\b"),
        ("already on a drug", rf"\b(?:i'm|im|i am|i'm currently|currently|while|when|if i'm|he's|she's|my \w+ is) (?:on|taking|using) (?:my |a |an )?{DRUG}\b|\bi (?:take|use) (?:my |a )?{DRUG}\b"),
        ("prescribed to me", rf"\b(?:has|have|had|put|started|keeps?) (?:me|him|her) on (?:my |a |an |the |oral |topical |daily )?{DRUG}\b"),
        # other languages: stopping or swapping a medicine, and pregnancy (below), so a message
        # the bot cannot read still gets the personal-decision notice first (Dutch "stoppen met", block AA)
        ("stop medicine (intl)", rf"\b(?:dejar|dejo|suspender|parar de tomar|smettere|smetto|sospendere|interrompere|arr[eê]ter|j'arr[eê]te|absetzen|aufh[oö]ren|deixar de tomar|parar|trocar|sustituir|reemplazar|sostituire|remplacer|ersetzen|stoppen met|stop met|ophouden met|afbouwen)\b[^.?!]{{0,30}}\b{DRUG_INTL}|\b{DRUG_INTL}[^.?!]{{0,60}}\b(?:absetzen|weglassen|aufh[oö]ren|ersetzen|halbieren|halveren|dimezzar\w*|arr[eê]ter|dejarl[oa]s?|dejar de tomarl[oa]s?|"
         r"smettere|smetterl[oa]|parar|stoppen|sluta)\b"),
        # Hinglish and Indonesian: stopping a prescribed medicine ("finasteride ... kya main use band karke
        # sirf NMN le sakta hoon", blind block W)
        ("stop medicine (sv)", rf"\bsluta (?:med|ta|att ta)\b[^.?!]{{0,30}}\b(?:{DRUG}|{DRUG_INTL}|medicin\w*|tablett\w*)"),
        ("stop medicine (hi, id)", rf"\b(?:{DRUG}|{DRUG_INTL}|dawai|dawa|dava|obat)\b[^.?!]{{0,60}}\b(?:band|bandh|chhod|chod) ?(?:kar|ke|de|du|dun|doon|na|dena)\w*\b"
                                   r"|\bberhenti (?:minum |pakai )?obat\b|\bobat\b[^.?!]{0,30}\b(?:berhenti|dihentikan|diganti)\b"
                                   # Malay: "doktor bagi saya sertraline tapi saya rasa nak stop terus" (block Z)
                                   rf"|\b(?:{DRUG}|{DRUG_INTL}|ubat|obat)\b[^.?!]{{0,60}}\b(?:nak stop|stop terus|berhenti|tukar ke|ganti ke|hentikan)\b"),
        # halving or lowering one's dose ("mag ik de dosis zelf halveren", block U), accents stripped
        ("change dose (intl)", r"\b(?:dosis|dose|dosi|dosen|dosering|dawk\w*|dozu)\b[^.?!]{0,30}\b(?:halveren|verlagen|halbieren|"
                               r"reduzieren|dimezzare|ridurre|reducir|bajar|reduire|baisser|diviser|reduzir|diminuir|zmniejsz\w*|"
                               r"halvera|minska|azalt\w*)\b|\b(?:halveren|verlagen|halbieren|reduzieren|dimezzare|ridurre|reducir|"
                               r"bajar|reduire|baisser|reduzir|diminuir|zmniejsz\w*|halvera|minska|azalt\w*)\b[^.?!]{0,20}\b(?:dosis|"
                               r"dose|dosi|dosen|dosering|dawk\w*|dozu)\b"),
        # a prescribed medicine and a change to it in the writer's words ("m'a prescrit de la sertraline 50mg, je pense
        # passer a 25 tout seul"), read on the message without accents (blind block T)
        ("change prescribed (intl)", r"\b(?:prescrit\w*|prescrito|prescrita|prescritt\w*|receitad\w*|recet\w*|verschrieben|verordnet|"
                                     r"voorgeschreven|przepisa\w*|ordinerat\w*|forskrevet|recete\w*)\b[^?!]{0,80}"
                                     r"\b(?:passer a|baisser|reduire|diminuer|arreter|bajar|reducir|dejar|suspender|ridurre|abbassare|"
                                     r"smettere|diminuire|reduzieren|verringern|absetzen|weglassen|reduzir|diminuir|parar|verlagen|"
                                     r"afbouwen|stoppen|zmniejsz\w*|odstaw\w*|minska|sluta|trappa ned|azalt\w*|birak\w*)\b"),

    ]),
    "dose": _compile([
        ("personal dose", r"\bhow (?:much|many)\b[^.?!]{0,40}\b(?:should|do|can|must|could|would) (?:i|we)\b[^.?!]{0,12}\b(?:take|use|start|have|dose|be taking)\b"),
        ("personal dose", r"\bhow (?:much|many)\b[^.?!]{0,40}\b(?:for me|is right for me|is safe for me|do i need|should i be)\b"),
        ("personal dose", r"\b(?:what|which) (?:dose|dosage|amount|strength)\b[^.?!]{0,30}\b(?:should|do|can|must) i\b|\b(?:dose|dosage|amount)\b[^.?!]{0,20}\b(?:right|best|safe|good|ideal) for me\b"),
        ("personal dose", r"\b(?:right|best|ideal|correct|safe|good) (?:amount|dose|dosage)\b[^.?!]{0,50}\b(?:for me|like me|for my|i should)\b"),
        ("personal dose", r"\bshould i (?:take|be taking|start with|use) (?:\d+|a (?:higher|lower|bigger|smaller))\b|\bcan i (?:double|triple|increase|up|raise|lower|halve)\b[^.?!]{0,10}\b(?:my )?(?:dose|dosage|nmn|intake|amount)\b|\bis \d+ ?(?:mg|g|grams|milligrams)\b[^.?!]{0,25}\b(?:too much|enough|safe|ok|okay) for me\b"),
        # "quanto NMN dovrei prendere al giorno?", "cuanto debo tomar", "wie viel soll ich nehmen" (accents stripped)
        ("personal dose (intl)", r"\b(?:quanto|quanta|quante|quanti|quantos|quantas|cuanto|cuanta|cuantos|cuantas|combien|wie ?viel\w*|"
                                 r"hoeveel|ile|hur mycket|hur manga|hvor meget|hvor mange|hvor mye|ne kadar|kac)\b[^.?!]{0,40}\b(?:dovrei|devo|"
                                 r"debo|deberia|tengo que|tendria que|necesito|dois-je|devrais|je dois|soll ich|sollte ich|muss ich|moet ik|"
                                 r"zou ik|powinien\w*|powinn\w*|ska jag|bor jag|b\u00f8r jeg|burde jeg|skal jeg|almaliyim|almam)\b"),
        # "berapa mg NMN yang aman buat saya?" (Indonesian), "kitna NMN lena chahiye" (Hinglish), block W
        ("personal dose (id, hi)", r"\bberapa (?:mg|banyak|dosis|kapsul|gram|tablet)\b[^.?!]{0,40}\b(?:saya|aku|sebaiknya|harus|boleh|aman)\b"
                                   r"|\bkitn[aei]\b[^.?!]{0,30}\b(?:lena|lun|lu|le sakt\w*|khana|khaun|leni)\b"),
    ]),
    "dose_amount": _compile([
        ("my planned amount", r"\b(?:i'm|im|i am|i'll|i will|i want to|i wanna|planning (?:on|to)|thinking (?:of|about)|going to|gonna) (?:take|taking|start(?:ing)?(?: with| on)?|go(?:ing)? up to|up(?:ping)? (?:it |my dose )?to|doubl\w+ (?:it |my dose )?to) \d[\d,.]* ?(?:mg|g|grams|milligrams|mcg|micrograms)\b"),
        ("my current amount", r"\bi (?:take|am taking|'m taking|use|have been taking|'ve been taking) \d[\d,.]* ?(?:mg|g|grams|milligrams|mcg)\b[^.?!]{0,40}\b(?:ok|okay|safe|fine|enough|too much|too little|right|alright)\b"),
        ("too much for me", r"\bis (?:that|this|it|\d[\d,.]* ?(?:mg|g|grams|milligrams)(?: (?:a|per) day| daily)?) (?:way )?too (?:much|high|little|low)\b"),
    ]),
    "child": _compile([
        ("child", rf"\b(?:give|giving|take|taking|dose|dosage|safe|ok|okay|use)\b[^.?!]{{0,40}}\b(?:my |a |for |our )?{CHILD}\b|\b(?:my|our) {CHILD}\b[^.?!]{{0,20}}\b(?:take|have|use|try)\b"),
    ]),
    "pregnancy": _compile([
        ("pregnancy", r"\b(?:pregnan\w*|breast ?-?feed\w*|breast ?-?fed|nursing (?:mom|mother|my baby)|trying to conceive|ttc|expecting a baby|lactat\w*|trying for a baby|trying for (?:a|another) (?:child|kid)|planning (?:a|to have a) (?:baby|pregnancy|family))\b"),
        ("pregnancy (intl)", r"\b(?:amament\w*|embarazad\w*|gestante|gr[aá]vida|enceinte|grossesse|schwanger\w*|incinta|gravidanza|lactancia|amamant\w*|allait\w*|stillzeit|stille|allatt\w*)\b"),
        ("pregnancy (intl)", r"\b(?:dando el pecho|dar el pecho|doy el pecho|dando de mamar|dar de mamar|dou de mamar|"
                             r"(?:dando|dar|doy|da|le doy) (?:el )?pecho|buntis|nagpapasuso|nagpapadede|hamil|menyusui|ammer|amning|ammende|"
                             r"zwanger\w*|borstvoeding|w ciazy|ciaza|ciazy|karmi\w* piersi\w*|gravid|gravida|"
                             r"hamile\w*|emzir\w*|беремен\w*|кормлю грудью|грудн\w* вскармливани\w*)\b|妊娠|怀孕|懷孕|哺乳|授乳"),
    ]),
}
MENTAL_HEALTH = re.compile(
    r"\b(?:depress\w*|low mood|mood|anxiety|anxious|sad|sadness|grief|grieving|mental health|"
    r"hopeless\w*|lonely|loneliness|antidepressants?|ssris?|bipolar|seasonal affective|"
    r"self[- ]?harm\w*|suicid\w*|panic attacks?|burn(?:ed|t)? ?out|stressed(?: out)?|hate (?:myself|my life)|give up on (?:life|myself|everything)|i give up|worthless|"
    r"(?:nobody|no one) (?:loves|cares about) me|"
    r"feel(?:ing)? (?:a bit |a little |so |really |very |kind of |pretty )?(?:down|low|blue|empty|depressed))\b"
)

# A person in the sentence: the writer, someone with them, or the reader addressed. The
# meaning model may call an English sentence a crisis or an emergency only when someone is
# in it; "What are the treatments for Heart Failure?" names a condition, not a situation.
SITUATION = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|us|our|ourselves|you|you're|your|yourself|"
    r"he|he's|him|his|himself|she|she's|her|hers|herself|they|they're|them|their|themselves|someone|somebody|"
    r"anyone|everyone|nobody|no one|noone|"
    r"son|daughter|kid|kids|child|children|baby|toddler|mom|mum|mother|dad|father|husband|wife|partner|friend|"
    r"brother|sister|grandma|grandpa|grandmother|grandfather|boyfriend|girlfriend|roommate|coworker|neighbor|"
    r"neighbour|patient)\b")

# Dying and killing as figures of speech. A sentence whose only risk words stand in one of
# these frames gets no alarm from the meaning model (a cue for real intent still fires).
IDIOM = re.compile(
    r"\b(?:would|will|'d|gonna|going to) (?:kill|murder) me if\b|\bi'?d (?:literally |honestly |totally )?(?:kill|die) (?:for|to)\b|\bdying (?:to|for|of)\b|"
    r"\bdrop(?:ping)? dead\b[^.?!]{0,60}\b(?:haha|lol|lmao|jk)\b|"
    r"\bdie (?:of|from) (?:shock|embarrassment|shame|cringe|laughing|laughter|boredom|envy|jealousy)\b|\b(?:nearly |almost |literally |just )?died (?:laughing|of laughter)\b|"
    r"\b(?:is|are|was|were|'s|keeps?) (?:literally |actually |honestly |lowkey |just |so )?(?:killing|murdering) (?:me|my|us)\b|\bkilled it\b|\bkilling it\b|"
    r"\b(?:thought|felt like|was sure) (?:i was|i'd|we were) (?:going to|gonna) die\b[^.?!]{0,20}\b(?:haha\w*|lol|lmao|jk)\b"
    r"(?![^.?!]*\b(?:wish|wished|but|want|wanted|hope|hoped|should have|shame i didn't)\b)|"
    r"\bkiller (?:question|workout|deal|app|idea|combo|feature|playlist|recipe|price|view|outfit)\b|"
    # plants and phones dying, said in jest and with no wish or despair after them
    r"\b(?:my |the )?(?:house ?)?plants? (?:always |all )?(?:die|dies|died|are dying|keep dying)\b[^.?!]{0,80}\b(?:lol|lmao|haha\w*|jk)\b"
    r"(?![^.?!]*\b(?:wish|want|wanna|give up|giving up|hopeless|pointless|can'?t go on|so am i|me too|so should i)\b)|"
    r"\b(?:phone|battery|laptop|tablet) (?:is |was )?(?:dying|dead|died)\b"
    r"(?![^.?!]*\b(?:wish|want|wanna|give up|giving up|hopeless|pointless|can'?t go on|so am i|me too|so should i)\b)|"
    r"\b(?:the )?death of me\b|\bdead (?:tired|on my feet|serious)\b|\bto die for\b|\bkill (?:time|the (?:pain|itch|mood))\b|"
    r"\bmurdered my\b|\b(?:knees|feet|back|legs|arms|head) (?:are|is) (?:dying|dead)\b|\bbored to death\b|\bscared to death\b|"
    r"\b(?:wallet|bank account|budget|pockets?|card|savings) (?:is |are )?(?:bleeding|crying|dying|dead)\b|\bbleeding (?:money|cash)\b|"
    r"\brather (?:just )?(?:die|be dead) than (?!(?:to )?(?:live|living|go on|going on|keep (?:going|living|on)|feel|feeling|wake|"
    r"waking|spend|face|continue|be (?:alive|here|like this)|exist)\b)")
# Dying said with a laugh ("i'll literally die 💀", block R) or of embarrassment ("im dying
# inside 😭" over a spilled serum, block S): the meaning model's crisis on such a sentence becomes
# a risk notice, not silence, since either can carry real despair. A cue, or another word of harm
# in the sentence, still decides.
FIGURATIVE_DEATH = re.compile(
    r"\b(?:i'?ll|i will|i'?m (?:gonna|going to)|gonna|i'?d) (?:literally |actually |honestly |just )*(?:die|perish|combust)\b"
    r"[^.?!]{0,40}(?:💀|😂|🤣|😭|\b(?:lol|lmao|rofl|haha\w*|jk)\b)|"
    # "i will LITERALLY die if i go bald before my wedding" (blocks R and W): dying on a condition
    r"\b(?:i'?ll|i will|i'?m (?:gonna|going to)|gonna|i'?d) literally (?:die|perish)\s+if\b|"
    r"\b(?:i'?m|im|i am) (?:literally |actually |just |kinda |lowkey |so )*dying inside\b")
# A symptom the writer calls mild, or that has passed: not an emergency on meaning alone.
MILD = re.compile(
    r"\b(?:a (?:bit|little|tiny bit)|slight(?:ly)?|mild(?:ly)?|minor|no fever|otherwise (?:fine|ok|okay|good)|"
    r"(?:i )?feel(?:ing)? (?:totally |completely |perfectly |absolutely )?(?:fine|ok|okay|normal)|feel fine otherwise|(?:has |have )?(?:passed(?! out)|went away|gone away|settled)|for a (?:second|moment|sec)|"
    r"breathing fine|not (?:too |that |very )?(?:bad|severe|serious)|lol|lmao|nothing serious)\b")
# An extra dose taken by mistake and asked about calmly, with no symptom told ("accidentally
# took my NMN twice this morning, anything to worry about?", blind block N, first-seen): not an
# emergency on meaning alone. The cues still read a child who took anything, and "now I'm
# shaky" keeps the meaning model's alarm.
EXTRA_DOSE = re.compile(
    r"\b(?:accidentally|by accident|by mistake|mistakenly|forgot (?:that )?i (?:already|had already))\b[^.?!]{0,50}"
    r"\b(?:twice|again|double[sd]?|an extra|one extra|two doses|a second (?:dose|one)|instead of (?:one|1|the usual))\b")
SYMPTOM_TOLD = re.compile(r"\b(?:now|since then|feel\w*|felt|symptoms?|hurts?|pain|dizzy|shaky|sick|vomit\w*|throwing up)\b")
# A past event that is over ("I had a seizure as a kid"); the message asks about now.
PAST_EVENT = re.compile(
    r"\b(?:as a (?:kid|child|toddler|teen|teenager|baby)|once|years ago|a year ago|(?:a )?long (?:time )?ago|ages ago|last (?:year|month|summer|winter|spring|fall)|"
    r"when i was (?:a |\d)|back (?:in|when)|in the past|used to|history of|previously|years back)\b")

# Cutting a dose: "gonna cut mine to every other day", "cut the tablets in half" (blind block T).
DOSE_CUT = (r"(?:(?:mine|it|them|that|this)\s+(?:in half|into (?:halves|quarters)|(?:down |back )?to (?:every|once|twice|half|"
            r"a half|a quarter|one|two|three|alternate|\d))|(?:my|the|a|each|your) (?:\w+ )?(?:dose|dosage|doses|pills?|"
            r"tablets?|meds|medication|capsules?)\s+(?:to|in half|down|back|by|into)\b)")

CUTTING_A_DOSE = re.compile(rf"\b(?:cut|cuts|cutting)\s+{DOSE_CUT}")

# Words of dying, harm and despair. The meaning model may call a sentence a crisis only
# when one of these is in it: "what happens if I stop?" resembles a risk follow-up in
# meaning, but says nothing of harm.
# "pills" is not one: "I already take pills from my doctor for my mood, can I add this on top?"
# (precision part pb6) and "Do I need subscriptions for the pills?" (K-QA) were crises on it; a
# plan with pills has its own cues ("take all my pills", "how many would it take").
# "disappear" only of the writer: "want the bald spot to disappear" is not a risk word; nor is
# cutting back, or cutting sugar or one's hair.
RISK_WORDS = re.compile(
    r"\b(?:die|dies|died|dying|dead|death|deadly|kill\w*|suicid\w*|unaliv\w*|alive|live(?! (?:to|past|until) (?:\d+|a hundred|be \d+))|living|(?<!end of )(?<!end-of-)life|lives|"
    r"exist\w*|wake up|waking up|gone|(?:i|i'd|i'll|me|myself) (?:could |would |will |might |can )?(?:just )?(?:disappear|vanish)\w*|(?:want|wanna|wish|need|like) (?:to )?(?:just )?(?:disappear|vanish)\w*|end (?:it|it all|things|everything|myself|my life)|"
    r"ending (?:it|things|everything)|(?:it|it all|everything|all this|all of this) to (?:end|stop)|over with|all over|burden|goodbye|good ?bye|farewell|hurt\w*|harm\w*|"
    r"(?:cut|cuts|cutting)(?! (?:back|down|out|off|carbs?|sugar|calories|fat|dairy|gluten|alcohol|caffeine|coffee|meat|"
    rf"costs?|corners|ties|my hair|your hair|hair)\b)(?! {DOSE_CUT})|(?<!heart )(?<!acid )(?:burn|burns|burning|burned|burnt)(?! (?:calories|fat|energy|off)\b)|bleed\w*|blood|overdos\w*|lethal|fatal|rope|hang\w*|noose|jump\w*|"
    r"bridge|drown\w*|pointless|hopeless|worthless|no way out|better off|miss me|without me|notes?|letters?|my will|a will|"
    r"giving (?:away|my)|give away|gave away|stockpil\w*|saving up|collecting|numb|empty|trapped|can't go on|"
    r"cant go on|give up|giving up|gave up|tired of|done with|sleep forever|never wake|razor|blade|wrists?)\b")

# A song, film or book named in quotes: its words are a title, not the writer's (blind block T).
QUOTED_TITLE = (r"\b(?:listen(?:ing|ed)? to|song|track|album|film|movie|watch(?:ing|ed)?|read(?:ing)?|book|novel|show|series|"
                r"episode|called|titled|named)\s+['\"‘“][^'\"’”]{1,60}['\"’”]"
                r"|['\"‘“][^'\"’”]{1,60}['\"’”](?:\s*\([^)]{0,40}\))?\s+(?:stuck in (?:my|your) head|on repeat|on loop|(?:is )?playing)")
# "my wife says if i spend another $80 on nmn she's gonna kill me 😅" (block W): a person who
# "will kill me" over money spent, or said laughing, is a joke, not a wish to die.
JOKE_THREAT = re.compile(
    # someone else who "would rather die" than live with the writer to 150 (block X), reported and laughed at
    r"\b(?:she|he|they|wife|husband|partner|mum|mom|dad)\b[^.?!]{0,15}\b(?:said|says)\b[^.?!]{0,10}\b(?:she|he|they)'?d (?:rather|sooner) die\b"
    r"[^.?!]{0,20}(?:😅|😂|🤣|😆|\b(?:lol|lmao|haha\w*|jk)\b)|"
    r"\bif (?:i|we) (?:spend|buy|order|waste|keep buying|bring home|get another)\b[^.?!]{0,60}\bkill me\b|"
    r"\b(?:wife|husband|mom|mum|mother|dad|father|boss|partner|girlfriend|boyfriend|gf|bf|hubby|wifey|roommate|sister|brother)\b"
    r"[^.?!]{0,60}\bkill me\b[^.?!]{0,20}(?:😅|😂|🤣|😆|\b(?:lol|lmao|haha\w*|jk)\b)")
# A thing, not the writer, that is "gonna die" ("my wallet is gonna die after this nmn order 💸", block X).
THING_DIES = re.compile(r"\b(?:wallet|bank account|bank balance|credit card|savings|budget|bank|phone|battery|laptop|car|plants?)\b"
                        r"[^.?!]{0,10}\b(?:is |'s |are )?(?:gonna|going to|about to|will) die\b")
# Titles with a suicide word in them, named without quotes ("rewatching suicide squad", block W).
TITLE_NAMES = r"\b(?:the )?suicide squad\b|\bsuicide is painless\b|\bthe virgin suicides\b|\bsuicide silence\b|\bsuicide ?boys\b"
# "not suicidal or anything", "I don't want to die or anything": the writer denying it. Not when more
# follows ("not suicidal yet", "... but").
DENIED_SUICIDE = (r"\b(?:(?:not|never|isn't|isnt|wasn't|wasnt|am not|i'm not|im not)\s+(?:really |at all |even )?suicidal|"
                  r"(?:i'm not|im not|i am not|not) (?:thinking (?:of|about)|going to|gonna|planning (?:on|to)) (?:hurt(?:ing)?|harm(?:ing)?|kill(?:ing)?) myself|"
                  r"(?:i don't|i dont|i do not) (?:want|wanna|plan) (?:to )?(?:die|hurt myself|harm myself|kill myself))"
                  r"(?: or anything)?\b(?!,?\s+(?:yet|but)\b)")

# Cut out before a suicide word is looked for.
NOT_SAID = re.compile(rf"{QUOTED_TITLE}|{TITLE_NAMES}|{DENIED_SUICIDE}")

# Death said of hair, not of a person ("my crown is basically dead", "dead follicles"), and
# hiding under a hat: cut out before RISK_WORDS is read, so the meaning model alone does not
# make them a crisis (blind block L, first-seen). The gap may not hold the writer ("my hair is
# falling out and I'm dying" keeps its "dying").
NOT_RISK = re.compile(
    r"\b(?:hair|hairs|follicles?|crown|scalp|roots|hairline|strands)\b(?:(?!\b(?:i|i'm|im|me|myself|and|but)\b)[^.?!,;]){0,25}?"
    r"\b(?:dead|dying|died)\b|\bdead (?:hair|follicles?|skin|ends|roots|cells?)\b|"
    rf"\b(?:disappear|vanish|hide)\w* {UNDER_A_HAT}|"
    # a title in quotes ("listening to 'killing me softly'") and a denial ("not suicidal or anything")
    rf"{QUOTED_TITLE}|{DENIED_SUICIDE}")


def risk_words(part: str) -> bool:
    """A word of dying, harm or despair, said of a person (RISK_WORDS once NOT_RISK is cut out)."""
    return bool(RISK_WORDS.search(NOT_RISK.sub(" ", part)))


# An informational question about overdose or too much of something ("can you overdose on
# biotin?"): the meaning model alone does not make it a crisis (a cue for intent still does).
# A request for something to take or do about a symptom ("anything I can take for vomiting?",
# "what should I do if I get a fever?"): how real patients ask about ordinary complaints
# (K-QA). The meaning model alone does not call such a message an emergency; the emergency
# cues still do. Never applied to crisis: "which would be best" can be method-seeking.
ASKS_REMEDY = re.compile(
    r"\b(?:anything|something|what) (?:(?:that )?i|you|we) (?:can|could|should) (?:take|use|do|try|give)|"
    r"\bwhat (?:can|could|should) (?:i|we) (?:take|use|try)\b|"
    r"\b(?:over the counter|otc)\b|\brecommend\w*|\bsuggestions?\b|\bprescribe\b|"
    r"\bwhat (?:should|do|can) (?:i )?do (?:if|when) i (?:get|end up|start|feel|notice|have)\b|\bif i (?:do )?(?:end up|get)\b.{0,40}\bwhat\b|"
    r"\bwhat could it be\b|\bhow (?:would you|do you) describe\b|\bmedication (?:you can|to) give\b")

# Asking whether to give a child something ("can i give my 10 yr old nmn gummies hes always tired",
# blind block Y) is a personal decision, not an event: the meaning model's emergency, which reads it
# as close to "my 2yo got into the nmn gummies bottle", gives way unless something was taken.
ASKS_TO_GIVE = re.compile(r"\b(?:can|could|should|may|do) (?:i|we) (?:give|let)\b|\b(?:ok|okay|safe|fine|alright) (?:to )?(?:give|let)\b")
SOMETHING_TAKEN = re.compile(r"\b(?:ate|eaten|swallow\w*|took|taken|drank|drunk|got into|chewed|overdos\w*|found (?:him|her|them)|"
                             r"empty|missing|poison\w*)\b")

INFO_OVERDOSE = re.compile(
    r"\b(?:can|could) (?:you|i|one|people|someone|a person|kids?) (?:even |actually |really |ever )?(?:overdose|od|take too much)\b|\bis it possible to overdose\b|"
    r"\b(?:you|one|people|someone|a person) (?:can|could) (?:overdose|od)\b|\b(?:safe|tolerable) upper (?:limit|intake)\b|"
    r"\bhow (?:much|many)\b[^.?!]{0,40}\b(?:is|are) too (?:much|many)\b|"
    r"\b(?:too much|overdose)\b[^.?!]{0,30}\b(?:toxic|harmful|dangerous|safe|side effects?|symptoms)\b|\bis (?:that|this|it|\d[\d,.]* ?\w*) too much\b|"
    # the most one can take safely (blind block M, first-seen: "the safe upper limit ... I don't want to overdo it")
    r"\b(?:most|max|maximum|highest)\b[^.?!]{0,40}\b(?:safe|safely)\b|\b(?:safe|safely)\b[^.?!]{0,20}\b(?:max|maximum|most)\b")
INTENT = re.compile(r"\b(?:die|dying|dead|kill|end it|end my|not wake|never wake|on purpose|suicid\w*|to use|"
                    r"(?<!don't )(?<!dont )(?<!do not )want to|going to|gonna|plan(?:ning)? to|about to|tonight)\b")
# An overdose asked about as a mishap ("like what happens if you take way more than the bottle says by
# accident", blind block Y)
OVERDOSE_MISHAP = re.compile(r"\b(?:by accident|by mistake|accidentally|accidently|unintentional\w*|without meaning to)\b")

# A past crisis that is over ("I used to self-harm as a teen, doing well now"): the crisis cue
# for the old event gives way to a risk notice, unless the message also speaks of now.
# Words that put risk in the present even when the message also tells of a past crisis that
# was over ("I was doing well until last month, now I want to end it"): a crisis then stands.
CURRENT_RISK = re.compile(
    # "again", but not of a life that has come back ("working full time, running again", block S)
    r"\b(?:(?<!running )(?<!working )(?<!exercising )(?<!training )(?<!dating )(?<!socialising )(?<!socializing )(?<!travelling )(?<!traveling )again|lately|these days|this (?:week|month)|tonight|today|right now|relaps\w*|"
    r"(?:but|until|till) now|now i (?:want|wanna|keep|think|feel like|can't|cant))\b")

RESOLVED = re.compile(
    r"\b(?:doing (?:well|good|great|better|ok|okay|fine)(?: now)?|(?:i'm|im|i am) (?:well|good|ok|okay|fine|better|stable) now|"
    r"(?:been|i'm|im|i am) in a (?:good|better|stable|great) place|"
    r"stable (?:now|on)|recovered|in recovery|(?:years?|months?) (?:clean|free)|haven't (?:done it|self[- ]?harmed|felt that way) (?:since|in)|"
    r"(?:that|it) was (?:years|a long time) ago|(?:all|well|long|way|firmly|completely) behind me|in the past now|got (?:proper |real |the )?help|"
    r"(?:been|i'm|im|i am|am) (?:fine|well|good|stable|happy|ok|okay)\b[^.?!]{0,25}\b(?:for|since) (?:over |more than |many |a few |several )?(?:\d+ )?(?:years?|months?|\d{4})|"
    r"stable and (?:happy|well)|(?:been|i'm|im|i am) (?:stable|well|fine) for (?:ages|years|a long time)|for (?:over |more than )?(?:\d+|a few|many|several) years now)\b")
