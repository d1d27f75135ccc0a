"""Triage cues in Spanish, French, German, Portuguese and Italian.

Phrases whose meaning is certain: wanting to die or to kill oneself, self-harm,
lethal amounts, goodbye letters; and the lay words for the emergencies of
rules/triage_cues.py. They run on every message, whatever language was detected
(a short message's language cannot be told), on the normalised, lower-cased text
with accents kept and also stripped (people often type without them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

Cue = tuple[str, str, re.Pattern[str]]  # (language, name, pattern)


def _compile(lang: str, table: Sequence[tuple[str, str]]) -> tuple[Cue, ...]:
    return tuple((lang, name, re.compile(pattern)) for name, pattern in table)


def _compile_as_read(table: Sequence[tuple[str, str, str]]) -> tuple[Cue, ...]:
    """(language, name, pattern) written as read, compiled in the form the message is matched in
    (NFKD without combining marks, as pipeline/triage.py reads it): a Hangul syllable splits into
    its letters there, Thai's sara am and Bengali's nukta letters decompose."""
    return tuple((lang, name, re.compile("".join(c for c in unicodedata.normalize("NFKD", pattern)
                                                  if not unicodedata.combining(c))))
                 for lang, name, pattern in table)


_WHOLE_PACK = (r"\b(?:(?:a|la|o|el|le) (?:caixa|cartela|frasco|vidro|caja|bote|tableta|blister) (?:inteir[ao]|enter[ao]|complet[ao])|"
               r"(?:toda a|todo o|toda la|todo el) (?:caixa|cartela|frasco|caja|bote)|todos os (?:comprimidos|remedios)|"
               r"todas las (?:pastillas|pildoras)|todos los comprimidos|toute la (?:boite|plaquette)|tout le (?:flacon|tube)|"
               r"tous (?:les|mes) (?:comprimes|cachets|medicaments)|(?:l'intera|tutta la) (?:scatola|confezione)|tutto il flacone|"
               r"tutte le (?:pillole|compresse|pastiglie)|(?:die|eine) ganze (?:packung|schachtel|dose|flasche)|"
               r"alle (?:meine )?(?:tabletten|pillen))\b")
_PAINLESS = (r"\b(?:sem dor(?! de)|sin dolor(?! de)|sans (?:douleur|souffrir)(?! de)|senza (?:dolore|soffrire)(?! di)|schmerzlos\w*|"
             r"ohne schmerzen|indolor\w*|nao acordar|no despertar|ne plus me reveiller|non svegliarmi|nicht mehr aufwachen|"
             r"morrer|morir|mourir|morire|sterben)\b")

# Patterns are written without accents; the text they run on has its accents stripped.
CRISIS: tuple[Cue, ...] = (
    *_compile("es", [
        ("quiero morir", r"\b(?:quiero|quisiera|deseo|ojala|prefiero|me gustaria) (?:morir|morirme|estar muerto|estar muerta|dejar de existir|desaparecer para siempre|no despertar)"),
        ("me quiero morir", r"\bme quiero (?:morir|matar|suicidar)\b|\bme (?:voy|gustaria) (?:a )?(?:matar|suicidar)\b"),
        ("no quiero vivir", r"\bno (?:quiero|aguanto) (?:seguir )?(?:vivir|viviendo|estar viv[oa]|existir)\b|\bno quiero vivir mas\b"),
        ("matarme", r"\b(?:matarme|suicidarme|quitarme la vida|acabar con mi vida|terminar con mi vida|acabar con todo|quitarme de en medio)\b"),
        ("pienso en suicidarme", r"\b(?:pienso|pensando|pense) en (?:el )?(?:suicidio|suicidarme|matarme|morirme)\b|\b(?:pensamientos|ideas) (?:suicidas|de suicidio|de muerte)\b"),
        ("mejor muerto", r"\b(?:mejor|preferiria estar) muert[oa]s?\b|\bestarian mejor sin mi\b|\bsoy una carga\b"),
        ("autolesion", r"\b(?:autolesion\w*|hacerme dano|lastimarme|cortarme|cortandome|quemarme|quemandome|golpearme|me corto|me quemo|me lastimo|me hago dano|me golpeo)\b(?! (?:con el|al|por el) sol)|\bme (?:estoy|sigo) (?:cortando|quemando|lastimando|golpeando|haciendo dano)\b(?! (?:con el|al|por el) sol)"),
        ("dosis letal", r"\b(?:dosis|cantidad) (?:letal|mortal)\b|\bcuant[oa]s? (?:pastillas|pildoras|comprimidos|capsulas|tabletas)\b[^.?!]{0,40}\b(?:morir|matar|mata|letal|mortal|no despertar)\b"),
        ("despedida", r"\bcarta de despedida\b|\bdespedirme de todos\b"),
        ("ya no quiere estar aqui", r"\bya no (?:quiero|queria|quiere|quieres) (?:estar|seguir) (?:aqui|viv[oa])\b|\b(?:quemaduras|cortes) (?:en|por) (?:los|sus|mis) (?:brazos|muslos|piernas|munecas)\b"),
        ("sobredosis a proposito", r"\bsobredosis\b[^.?!]{0,30}\b(?:a proposito|para morir|para no despertar|para acabar)\b"),
    ]),
    *_compile("fr", [
        ("je veux mourir", r"\b(?:je veux|j'ai envie de|envie de|je voudrais|je prefererais|j'aimerais) (?:mourir|crever|disparaitre pour toujours|ne plus me reveiller|ne plus exister|etre mort|etre morte)\b"),
        ("me suicider", r"\b(?:me suicider|me tuer|mettre fin a (?:mes jours|ma vie)|en finir avec (?:la vie|tout|ma vie)|me foutre en l'air)\b|\bje vais (?:me tuer|me suicider|en finir)\b"),
        ("je pense au suicide", r"\bje pense (?:au suicide|a me suicider|a mourir|a en finir)\b|\bpensees? (?:suicidaires?|de mort)\b|\bidees? (?:suicidaires?|noires)\b"),
        ("plus envie de vivre", r"\b(?:je ne veux plus|je veux plus|plus envie de|je n'ai plus envie de) vivre\b"),
        ("mieux sans moi", r"\bmieux sans moi\b|\bje suis un fardeau\b|\bmieux mort\b"),
        ("automutilation", r"\b(?:automutil\w*|scarifi\w*|me faire du mal|me couper (?:les veines|les bras|la peau)|je me coupe|me bruler|je me brule|je me frappe|je me griffe|je me mutile)\b(?! au soleil)"),
        ("dose mortelle", r"\bdose (?:mortelle|letale)\b|\bcombien de (?:comprimes|cachets|pilules|gelules)\b[^.?!]{0,40}\b(?:mourir|tuer|mortel|letal|ne plus me reveiller)\b"),
        ("lettre d'adieu", r"\blettre d'adieu\b|\bdire adieu a tout le monde\b|\bmerci pour tout\b[^?!]{0,60}\bprends? soin d"),
        ("surdose volontaire", r"\b(?:surdose|overdose)\b[^.?!]{0,30}\b(?:volontaire|expres|pour mourir|pour en finir)\b"),
    ]),
    *_compile("de", [
        ("ich will sterben", r"\bich (?:will|moechte|mochte|wuerde gern|wurde gern|wuensche mir|wunsche mir) (?:nur noch )?(?:sterben|tot sein|nicht mehr leben|nicht mehr aufwachen|nicht mehr existieren|verschwinden)\b"),
        ("umbringen", r"\b(?:mich umbringen|mich toeten|mich toten|mir das leben nehmen|mein leben beenden|allem ein ende (?:setzen|machen)|schluss machen mit (?:allem|dem leben|meinem leben))\b|\bbringe mich um\b"),
        ("selbstmordgedanken", r"\b(?:selbstmord|suizid)(?:gedanken|absicht\w*|plaene|plane)\b|\b(?:denke|nachdenken|gedanken) (?:an|ueber|uber) (?:selbstmord|suizid|den tod|das sterben)\b|\bselbstmord begehen\b"),
        ("nicht mehr leben", r"\b(?:keine lust|keinen sinn|keinen grund) mehr (?:zu|am) leben\b|\bwill nicht mehr leben\b"),
        ("besser ohne mich", r"\bbesser (?:dran )?ohne mich\b|\bich bin (?:nur )?eine last\b|\bbesser tot\b"),
        ("selbstverletzung", r"\b(?:selbstverletz\w*|mich selbst verletzen|mich verletzen|ritzen|ritze mich|mich schneiden|mich verbrennen|verbrenne mich|schneide mich|schlage mich)\b"),
        ("toedliche dosis", r"\b(?:toedliche|todliche|letale) (?:dosis|menge)\b|\bwie viele (?:tabletten|pillen|kapseln)\b[^.?!]{0,40}\b(?:sterben|toedlich|todlich|umbringen|nicht mehr aufwachen)\b"),
        ("abschiedsbrief", r"\babschiedsbrief\w*\b|\bmich von allen verabschieden\b"),
        ("tabletten gesammelt", r"\b(?:genug|viele|alle) (?:schlaf)?tabletten\b[^.?!]{0,25}\b(?:gespart|zusammengespart|gesammelt|gehortet|gebunkert)\b"),
        ("absichtliche ueberdosis", r"\b(?:ueberdosis|uberdosis)\b[^.?!]{0,30}\b(?:absichtlich|um zu sterben|um es zu beenden)\b"),
    ]),
    *_compile("pt", [
        ("quero morrer", r"\b(?:quero|queria|desejo) (?:morrer|estar morto|estar morta|sumir para sempre|nao acordar mais)\b"),
        ("me matar", r"\b(?:me matar|matar-me|me suicidar|tirar a (?:minha )?(?:propria )?vida|acabar com (?:tudo|a minha vida|minha vida))\b|\bvou me matar\b"),
        ("penso em suicidio", r"\bpens(?:o|ando) em (?:suicidio|me matar|morrer)\b|\bpensamentos suicidas\b"),
        ("nao quero viver", r"\bnao quero (?:mais )?viver\b"),
        ("melhor sem mim", r"\bmelhor sem mim\b|\bsou um fardo\b"),
        ("automutilacao", r"\b(?:automutila\w*|me machucar|me machucando|me cortar|me cortando|me corto|me queimar|me queimando|me queimo|me queimado|me cortado|me machucado|me bater|me batendo)\b(?! (?:no|ao|de|com o) sol)"),
        ("dose letal", r"\bdose (?:letal|mortal)\b|\bquantos (?:comprimidos|remedios|pilulas)\b[^.?!]{0,40}\b(?:morrer|matar|letal)\b"),
        ("carta de despedida", r"\bcarta de despedida\b"),
    ]),
    *_compile("it", [
        ("voglio morire", r"\b(?:voglio|vorrei|desidero) (?:morire|essere morto|essere morta|sparire per sempre|non svegliarmi piu)\b"),
        ("uccidermi", r"\b(?:uccidermi|ammazzarmi|suicidarmi|togliermi la vita|farla finita)\b|\bmi (?:uccido|ammazzo)\b(?! di (?:lavoro|fatica|studio|palestra|risate)\b)"),
        ("penso al suicidio", r"\bpens(?:o|ando) (?:al suicidio|di uccidermi|di farla finita|alla morte)\b|\bpensieri (?:suicidi|di morte)\b"),
        ("non voglio vivere", r"\bnon voglio (?:piu )?vivere\b"),
        ("meglio senza di me", r"\bmeglio senza di me\b|\bsono un peso\b"),
        ("autolesionismo", r"\b(?:autolesion\w*|farmi del male|mi faccio del male|tagliarmi|mi taglio|mi sto tagliando|bruciarmi|mi brucio|mi sto bruciando)\b(?! (?:al|col|con il) sole)"),
        ("dose letale", r"\bdose (?:letale|mortale)\b|\bquante (?:pillole|compresse|pastiglie)\b[^.?!]{0,40}\b(?:morire|uccidere|letale)\b"),
        ("lettera d'addio", r"\blettera d'addio\b"),
    ]),
    # A whole pack of a medicine taken at once, asked about as painless or as a way to die ("se eu
    # tomar a caixa inteira de sertralina junto com NMN, é rápido e sem dor?", blind block AA), in
    # the five languages above; "sem dor de estômago" is a stomach ache.
    *_compile("es/fr/de/pt/it", [
        ("whole pack, painless", rf"{_WHOLE_PACK}[^.?!]{{0,100}}{_PAINLESS}|{_PAINLESS}[^.?!]{{0,100}}{_WHOLE_PACK}"),
    ]),
)

# Cutting or burning the hair, the nails or fat is not self-harm.
_NOT_HARM = r"(?![^.?!]*\b(?:cabelos?|pelo|cheveux|haare?n?|capelli|franja|unhas?|unas|ongles|nagel|unghie|gordura|grasa|graisse|fett|grasso|calori\w*|kalorien)\b)"

# Self-harm told in the past tense is only certain with a repeat, a cigarette or a feeling that
# set it off ("mi sono bruciata di nuovo ... quando mi sento uno schifo"); "me corte cocinando"
# is an accident.
_AGAIN_OR_TRIGGER = (r"(?:di nuovo|ancora una volta|otra vez|de nuevo|de novo|outra vez|encore|de nouveau|wieder|"
                     r"sigaretta|cigarrillo|cigarro|cigarette|zigarette|quando mi sento|cuando me siento|quand je me sens|"
                     r"quando me sinto|wenn ich mich \w+ fuhle|wenn ich mich \w+ fuehle|a proposito(?!,)|apposta|expres|absichtlich|de proposito)")
CRISIS += _compile("self-harm", [
    ("self-harm (past)", _NOT_HARM + r"(?:\b(?:mi sono (?:bruciat|tagliat|ferit)[oa]|me (?:queme|corte|lastime)|me (?:queimei|cortei|machuquei)|"
                         r"je me suis (?:brule|coupe|scarifie)e?|ich habe mich (?:verbrannt|geritzt|geschnitten))\b"
                         rf"[^.?!]{{0,80}}\b{_AGAIN_OR_TRIGGER}\b|\b{_AGAIN_OR_TRIGGER}\b[^.?!]{{0,60}}"
                         r"\b(?:mi sono (?:bruciat|tagliat)[oa]|me (?:queme|corte)|me (?:queimei|cortei)|je me suis (?:brule|coupe)e?|ich habe mich (?:verbrannt|geritzt|geschnitten))\b)"),
])

# Cuts named as a noun ("ho ricominciato a farmi i tagli sulle cosce"): cuts made on oneself, or
# cuts on the thighs, arms or wrists.
CRISIS += _compile("self-harm", [
    ("cuts on myself", r"\bfarmi (?:dei |i |ancora i )?tagli\b|\btagli (?:sulle|sui|sul) (?:cosce|braccia|polsi|gambe|pancia)\b"
                       r"|\bhacerme (?:cortes|heridas)\b|\bcortes en (?:los|mis) (?:muslos|brazos|munecas|piernas)\b"
                       r"|\bfazer cortes (?:em mim|nos bracos|nas coxas)\b|\bcortes nas (?:coxas|pernas|bracos)\b"
                       r"|\bme faire des (?:coupures|entailles)\b|\b(?:coupures|entailles) sur (?:mes|les) (?:cuisses|bras|poignets)\b"
                       r"|\bschnitte an (?:meinen|den) (?:oberschenkeln|armen|handgelenken)\b"),
])

# Harm done "on purpose" (pt/es de propósito, it apposta, fr exprès, de absichtlich) with a burn,
# a cut, a blow or what does it (an iron, a lighter, a blade): certain unless it is the hair or
# fat being cut or burnt. "A propósito" is left out: in Italian it means "by the way".
_ON_PURPOSE = r"(?:de proposito|apposta|expres|absichtlich|adrede)"
_HARM = (r"(?:queim\w*|quem\w*|brul\w*|bruci\w*|verbrenn\w*|brenn\w*|cort\w*|coup\w*|tagli\w*|ritz\w*|schneid\w*|"
         r"ferro|plancha|fer a repasser|bugeleisen|buegeleisen|isqueiro|encendedor|mechero|briquet|feuerzeug|accendino|"
         r"cigarr\w*|cigarette|sigarett\w*|zigarette|lamina|gilete|navaja|cuchill\w*|lame|klinge|lametta|faca|couteau|messer|coltello|"
         r"bat[oi]\w*|golpe\w*|frapp\w*|schlag\w*|picchi\w*|arranh\w*|rasgu\w*|griff\w*|kratz\w*|graff\w*|machuc\w*|lastim\w*|"
         r"scarifi\w*|autolesion\w*)")
CRISIS += _compile("self-harm", [
    ("self-harm on purpose", rf"{_NOT_HARM}\b{_ON_PURPOSE}\b[^.?!]{{0,60}}\b{_HARM}\b|{_NOT_HARM}\b{_HARM}\b[^.?!]{{0,60}}\b{_ON_PURPOSE}\b"),
])

# A plan with its place or means chosen ("já escolhi a ponte e o dia, só falta coragem"): a bridge
# or a method chosen is certain; a day chosen only with the courage still lacking ("escolhi o dia"
# alone may be the day a course starts).
_COURAGE = r"(?:falta (?:a )?coragem|me falta (?:el )?valor|me falta coraje|il me manque (?:le )?courage|mi manca il coraggio|mir fehlt (?:der )?mut)"
CRISIS += _compile("plan", [
    ("plan chosen", r"\b(?:ja )?escolhi (?:a ponte|o metodo|como (?:vou )?fazer)\b|\b(?:ya )?(?:elegi|escogi) (?:el puente|el metodo|como hacerlo)\b"
                    r"|\bj'ai (?:deja )?choisi (?:le pont|la methode|comment (?:le )?faire)\b|\bho (?:gia )?scelto (?:il ponte|il metodo|come farlo)\b"
                    r"|\b(?:die bruecke|die brucke|die methode) (?:schon )?(?:ausgesucht|gewaehlt|gewahlt)\b"
                    rf"|\b(?:escolhi|elegi|escogi|choisi|scelto|ausgesucht) (?:o dia|el dia|la fecha|le jour|la date|il giorno|den tag)\b[^?!]{{0,60}}\b{_COURAGE}"),
])
# Not eating at all, on purpose, is self-harm ("je ne mange plus rien exprès, mon corps mérite de
# souffrir"); fasting words are left out (intermittent fasting on purpose is a diet).
_NOT_EATING = (r"(?:ne mange (?:plus )?rien|mange plus rien|no como (?:nada|nada de nada)|no he comido nada|nao como (?:nada|mais nada)|"
               r"nao comi nada|esse nichts(?: mehr)?|nichts mehr gegessen|non mangio (?:piu )?(?:niente|nulla)|non mangio piu)")
CRISIS += _compile("self-harm", [
    ("starving on purpose", rf"\b{_NOT_EATING}\b[^.?!]{{0,40}}\b{_ON_PURPOSE}\b|\b{_ON_PURPOSE}\b[^.?!]{{0,40}}\b{_NOT_EATING}\b"
                            r"|\b" + _NOT_EATING + r"\b[^?!]{0,80}\b(?:merite de souffrir|merezco sufrir|mereco sofrer|merito di soffrire|verdiene (?:es )?zu leiden)\b"),
])

# Russian and Korean (blind block W): self-harm that is not cutting, pills saved up, taking them
# all at once to be at peace. Hangul is written here as read: the cues run on the message after
# NFKD, which splits a Hangul syllable into its letters, so these patterns are split the same way.
CRISIS += _compile("ru", [
    ("samopovrezhdenie", r"(?:бью|режу|жгу|царапаю|порежу|ударяю) себя|(?:специально|нарочно) (?:ничего )?не ем|"
                         r"не ем (?:ничего )?(?:специально|нарочно)|(?:хочу|хочется) (?:умереть|не проснуться)|покончить с собой|"
                         r"(?:коплю|накопил\w*|собираю|запас\w*) (?:таблетк\w*|лекарств\w*)"),
])
CRISIS += _compile_as_read((
    ("ko", "yak moeugi", r"(?:약|수면제|진통제|알약)[을를]?[^.?!]{0,30}(?:모아두|모아 두|모으고|모았)"),
    ("ko", "han beone da", r"(?:한번에|한 번에|한꺼번에) 다 (?:먹|삼키)[^.?!]{0,30}(?:편해|끝나|안 깨|죽)"),
    ("ko", "jukgo sipda", r"죽고 싶|자살하고 싶|사라지고 싶|자해(?:를|하고|했)"),
    ("ko", "yuseo", r"유서[를는가]?[^.?!]{0,20}(?:써|쓰고|썼|작성)"),  # a suicide note written (block X)
))

# Hinglish (Hindi in Latin letters, block X): no wish to live, wanting to end everything; Dutch: all of
# one's pills taken on purpose
CRISIS += _compile("hi", [
    ("jeene ka mann nahi", r"\bjeene ka (?:mann|man|dil) (?:hi )?(?:nahi|nhi|nahin)\b|\bjeena nahi chahta\w*\b|\bmarna chahta\w*\b|"
                           r"\bkhudkushi\b|\bsab khatam kar (?:dena|du|dunga|dungi|doon)\w*\b|\bkhud ko khatam\b"),
])
CRISIS += _compile("nl", [
    ("expres ingenomen", r"\bexpres\b[^.?!]{0,40}\b(?:ingenomen|geslikt|opgenomen|genomen)\b|\b(?:al mijn|alle|een hele strip|de hele strip)\b"
                         r"[^.?!]{0,30}\b(?:pillen|tabletten|antidepressiva|medicijnen|slaappillen)\b[^.?!]{0,20}\b(?:ingenomen|geslikt)\b"),
])

# Turkish and Tagalog (blind block Y: "kendime zarar veriyorum, kolumu tırnaklarımla kanayana kadar
# kaşıyorum"): harming oneself, wanting to die, suicide as something one would do. The dotless ı
# survives accent stripping, so the patterns allow both.
CRISIS += _compile("tr", [
    ("kendime zarar", r"\bkendime zarar ver\w*|\bkendimi (?:kes\w*|yarala\w*|yak\w*|oldur\w*)|\b(?:olmek|olmeyi) isti\w*|"
                      r"\bintihar (?:et\w*|dusun\w*|plan\w*)|\bya[sş]amak istemiyorum\b|\bkanayana kadar\b"),
])
CRISIS += _compile("tl", [
    ("magpakamatay", r"\b(?:magpakamatay|nagpapakamatay|nagpakamatay|ayoko (?:nang|na) mabuhay|gusto ko (?:nang |na )?mamatay|"
                     r"(?:sinasaktan|sasaktan|sinaktan) ko (?:ang )?(?:sarili|aking sarili))\b"),
])



# Indonesian, Malay, Bengali and Hindi in Devanagari (blind block Z: "udah capek bgt hidup, tiap malem
# kepikiran loncat dari lantai 12", "আমি আর বাঁচতে চাই না"): tired of living, wanting to die, a jump
# thought of, harming oneself
CRISIS += _compile_as_read((
    ("id", "capek hidup", r"\bcapek (?:bgt |banget |sekali |bener )?(?:hidup|idup)\b|\b(?:pengen|ingin|mau|kepikiran|mikir(?:in)?) "
                          r"(?:mati|bunuh diri|mengakhiri hidup)\b|\b(?:kepikiran|pengen|mau|ingin) (?:loncat|lompat|terjun) dari\b"
                          r"|\bga(?:k)? (?:mau|pengen|ingin) hidup lagi\b|\bmenyakiti diri\b"),
    ("ms", "nak mati", r"\b(?:nak|teringin|rasa nak) (?:mati|bunuh diri)\b|\btak nak hidup lagi\b"),
    ("bn", "banchte chai na", r"বাঁচতে চাই না|মরে যেতে চাই|মরতে চাই|আত্মহত্যা কর(?:তে|ব|বো)|নিজেকে শেষ কর|নিজের ক্ষতি কর"),
    ("hi", "marna chahta (Devanagari)", r"मरना चाहत|मर जाना चाहत|जीना नहीं चाहत|आत्महत्या कर|खुद को (?:खत्म|नुकसान)"),
))

# A toxicity question in another language with no word of death in it ("ist NMN in hohen dosen
# toxisch? frag nur aus interesse", block W): a safety limit asked, which the multilingual model
# reads as close to method-seeking; with no crisis cue it gets the risk notice, not crisis help.
TOXICITY = re.compile(r"\b(?:toxisch\w*|giftig\w*|toxic[oa]s?|toxique\w*|tossic[oa]|toksyczn\w*|toxiskt?|toksik\w*|toxicidad|toxicite|toxizitat)\b")
LETHAL = re.compile(r"\b(?:todlich\w*|toedlich\w*|letal\w*|mortal\w*|mortel\w*|sterben|morir|mourir|morrer|morire|umrzec|dodlig\w*|dodelijk\w*|olumcul)\b")

# Emergencies: (language, family, pattern); families as in rules/triage_cues.py and
# data/triage/emergency_families.md.
EMERGENCY: tuple[Cue, ...] = (
    *_compile("es", [
        ("chest_pain", r"\b(?:tengo|siento|tiene|me da|me duele|con) (?:un )?(?:dolor (?:fuerte |intenso )?(?:en el|de|del) pecho|opresion en el pecho|el pecho)\b|\b(?:estoy teniendo|esta teniendo|creo que tengo|le esta dando|me esta dando) un infarto\b"),
        ("breathing", r"\bno (?:puedo|puede) respirar\b|\b(?:me|le) falta el aire\b|\blabios (?:morados|azules)\b|\bse esta ahogando\b"),
        ("unconscious", r"\b(?:esta |quedo )?inconsciente\b|\bno (?:responde|reacciona|despierta)\b|\bse desmayo\b"),
        ("seizure", r"\b(?:esta|tiene|tuvo|le dio|le esta dando) (?:una |un )?(?:convulsion\w*|ataque epileptico)\b|\besta convulsionando\b"),
        ("stroke", r"\b(?:cara|boca) (?:torcida|caida|paralizada)\b|\bno puede hablar bien\b|\b(?:esta teniendo|le esta dando|le dio|tiene) un (?:derrame cerebral|ictus)\b"),
        ("bleeding", r"\bvomit\w* sangre\b|\b(?:heces|caca) negras?\b|\bsangrado que no (?:para|se detiene)\b|\btose sangre\b"),
        ("overdose", r"\b(?:mi |el |la )?(?:hijo|hija|nino|nina|bebe|nene|nena)\b[^.?!]{0,30}\b(?:trago|se tomo|se comio|bebio|ha tragado)\b|\btome demasiad[oa]s\b"),
        ("swelling", r"\bse me (?:cierra|hincha) la garganta\b|\b(?:labios|lengua|cara) hinchad[oa]s?\b"),
    ]),
    *_compile("fr", [
        ("chest_pain", r"\b(?:j'ai|il a|elle a|avec) (?:une )?(?:douleur\w* (?:forte |intense )?(?:dans la |a la |au niveau de la )poitrine|douleur thoracique|mal (?:a|dans) la poitrine)\b|\b(?:je fais|il fait|elle fait|il fait peut-etre) une crise cardiaque\b"),
        ("breathing", r"\b(?:je n'arrive|j'arrive|il n'arrive|elle n'arrive) (?:pas |plus )?a respirer\b|\bne (?:peux|peut) (?:pas|plus) respirer\b|\bmanque d'air\b|\bdes levres bleues\b"),
        ("unconscious", r"\binconscient\w*\b|\bne repond plus\b|\bne se reveille pas\b|\bs'est evanoui\w*\b"),
        ("seizure", r"\b(?:fait|a fait|fait une) (?:une )?(?:convulsion\w*|crise d'epilepsie)\b|\bconvulse\b"),
        ("stroke", r"\b(?:visage|bouche) (?:paralyse\w*|de travers|tombe\w*)\b|\b(?:fait|fais|a fait) un avc\b|\bn'arrive plus a parler\b"),
        ("bleeding", r"\bvomi\w* du sang\b|\bselles noires\b|\bsaignement qui ne s'arrete pas\b|\btousse du sang\b"),
        ("overdose", r"\b(?:mon|ma) (?:fils|fille|enfant|bebe|petit|petite)\b[^.?!]{0,30}\b(?:a avale|a mange|a bu|a pris)\b|\bj'ai pris trop de\b"),
        ("swelling", r"\b(?:ma |la )?gorge (?:qui )?(?:gonfle|se ferme)\b|\b(?:levres|langue|visage) (?:gonfle\w*)\b"),
    ]),
    *_compile("de", [
        ("chest_pain", r"\b(?:ich habe|habe|hat|mit) (?:starke |heftige )?(?:brustschmerz\w*|schmerzen in der brust|druck auf der brust)\b|\b(?:habe|hat|hatte gerade) (?:einen )?herzinfarkt\b"),
        ("breathing", r"\b(?:kann|kriege|bekomme|krieg) (?:nicht |keine )?(?:atmen|luft)\b|\batemnot\b|\bblaue lippen\b"),
        ("unconscious", r"\bbewusstlos\b|\breagiert nicht(?: mehr)?\b|\bwacht nicht (?:mehr )?auf\b|\b(?:ist )?ohnmaechtig\b|\bohnmachtig\b"),
        ("seizure", r"\b(?:hat|hatte gerade) (?:einen )?(?:krampfanfall|epileptischen anfall)\b|\bkrampft\b"),
        ("stroke", r"\bgesicht (?:haengt|hangt|ist schief)\b|\b(?:hat|hatte gerade) (?:einen )?schlaganfall\b|\bkann nicht mehr (?:richtig )?sprechen\b"),
        ("bleeding", r"\bblut (?:erbrochen|gespuckt|gehustet)\b|\bschwarzer stuhl\b|\bblutung hoert nicht auf\b|\bblutung hort nicht auf\b"),
        ("overdose", r"\b(?:mein|meine) (?:kind|sohn|tochter|baby|kleine|kleiner)\b[^.?!]{0,40}\b(?:geschluckt|gegessen|getrunken|genommen)\b|\bzu viele tabletten genommen\b"),
        ("swelling", r"\bhals (?:schwillt|geht) zu\b|\b(?:lippen|zunge|gesicht) (?:ist |sind )?(?:geschwollen|schwillt an)\b"),
    ]),
    *_compile("pt", [
        ("chest_pain", r"\b(?:estou com|tenho|sinto|esta com) (?:uma )?dor no peito\b|\b(?:estou|esta) (?:tendo|a ter) um (?:infarto|ataque cardiaco)\b"),
        ("breathing", r"\bnao (?:consigo|consegue) respirar\b|\bfalta de ar\b"),
        ("unconscious", r"\binconsciente\b|\bnao responde\b|\bdesmaiou\b"),
        ("seizure", r"\b(?:esta|teve|esta tendo) (?:uma )?convuls(?:ao|oes|ionando)\b"),
        ("stroke", r"\b(?:teve|esta tendo) um avc\b|\bboca torta\b|\brosto caido\b"),
        ("bleeding", r"\bvomit\w* sangue\b|\bfezes pretas\b"),
        ("overdose", r"\b(?:meu|minha) (?:filho|filha|bebe|crianca)\b[^.?!]{0,30}\b(?:engoliu|comeu|tomou|bebeu)\b"),
    ]),
    *_compile("it", [
        ("chest_pain", r"\b(?:ho|ha|sento) (?:un )?(?:forte )?dolore al petto\b|\b(?:sto avendo|sta avendo) un infarto\b"),
        ("breathing", r"\bnon (?:riesco|riesce) a respirare\b|\bmi manca l'aria\b"),
        ("unconscious", r"\bsvenut[oa]\b|\bperso (?:i )?(?:conoscenza|sensi)\b|\bnon risponde\b|\bincosciente\b"),
        ("seizure", r"\b(?:ha|sta avendo) (?:le )?(?:convulsion\w*|un attacco epilettico)\b"),
        ("stroke", r"\b(?:ha avuto|sta avendo) un ictus\b|\bbocca storta\b|\bfaccia (?:storta|paralizzata)\b"),
        ("bleeding", r"\bvomitat\w* sangue\b|\bfeci nere\b"),
        ("overdose", r"\b(?:mio|mia) (?:figlio|figlia|bambino|bambina)\b[^.?!]{0,30}\b(?:ha ingoiato|ha mangiato|ha bevuto|ha preso)\b"),
    ]),
)


# Low mood without risk to life (a risk notice leads the answer, as the model's notice tier
# does in English): words whose meaning is certain, per language.
LOW_MOOD: tuple[Cue, ...] = (
    *_compile("es", [("animo bajo", r"\b(?:deprimid[oa]s?|baj[oa] de animo|desanimad[oa]|sin esperanza|desesperanzad[oa]|sin ganas de nada|muy triste|me siento (?:sol[oa]|vaci[oa]|inutil))\b")]),
    *_compile("fr", [("moral bas", r"\b(?:deprime\w*|deprim\w+|deprimee?|pas le moral|moral a zero|sans espoir|le cafard|je me sens (?:seule?|vide|nulle?|inutile)|tres triste)\b")]),
    *_compile("de", [("niedergeschlagen", r"\b(?:niedergeschlagen|antriebslos|deprimiert|hoffnungslos|lustlos|ich fuehle mich (?:leer|einsam|wertlos)|ich fuhle mich (?:leer|einsam|wertlos)|sehr traurig)\b")]),
    *_compile("pt", [("para baixo", r"\b(?:(?:muito |bem )?(?:pra|para) baixo|deprimid[oa]|desanimad[oa]|sem esperanca|me sinto (?:sozinh[oa]|vazi[oa]|inutil)|muito triste)\b")]),
    *_compile("it", [("giu di morale", r"\b(?:depress[oa]|giu di morale|senza speranza|demoralizzat[oa]|mi sento (?:sol[oa]|vuot[oa]|inutile)|molto triste)\b")]),
)

LOW_MOOD += (
    *_compile("sv", [("nedstamd", r"\b(?:hopplos\w*|nedstamd\w*|deprimerad\w*|kanner mig (?:helt )?(?:tom|vardelos|ensam|vardeloes)|ingenting blir (?:nagonsin )?battre)\b")]),
    *_compile("nl", [("somber", r"\b(?:hopeloos|neerslachtig|ik (?:voel me|ben) (?:zo |erg |heel )?somber|depressief|ik voel me (?:zo )?(?:leeg|waardeloos|eenzaam)|niets wordt (?:ooit )?beter)\b")]),
    *_compile("da", [("nedtrykt", r"\b(?:hab(?:l[oø]s|los)\w*|nedtrykt|deprimeret|jeg f(?:[oø]|o)ler mig (?:tom|v(?:ae|æ)rdil(?:[oø]|o)s|ensom))\b")]),
    *_compile("pl", [("przygnebienie", r"\b(?:beznadziej\w*|bez nadziei|przygnebion\w*|przybit[ya]|czuje sie (?:pust[ya]|bezwartosciow\w*|samotn\w*)|nic (?:sie )?nie (?:zmieni|poprawi))\b")]),
    *_compile("tr", [("umutsuz", r"\b(?:umutsuz\w*|cok mutsuz\w*|kendimi (?:bos|degersiz|yalniz) hissediyorum|hicbir sey duzelmeyecek)\b")]),
    *_compile("ro", [("deprimat", r"\b(?:fara speranta|deprimat[aă]?|disperat[aă]?|ma simt (?:gol|goala|inutil[aă]?|singur[aă]?)|nimic nu (?:se )?va (?:schimba|imbunatati))\b")]),
    # Japanese, Chinese and Russian low mood ("ここ数ヶ月ずっと気分が落ち込んでいて", block V); no word boundaries in ja and zh
    *_compile("ja", [("ochikomi", r"気分が落ち込|落ち込んで|憂鬱|ゆううつ|絶望|何もする気が(?:しない|起きない)|生きる気力")]),
    *_compile("zh", [("qingxu diluo", r"情绪低落|心情低落|心情很差|很抑郁|绝望|絕望|提不起劲|提不起勁|什么都不想做")]),
    *_compile("ru", [("podavlennost", r"(?:подавлен\w*|безнадёжн\w*|безнадежн\w*|депресси\w*|нет сил ни на что|ничего не хочется|чувствую себя (?:пуст\w*|никчемн\w*|одинок\w*))")]),
    # "nothing will ever get better", in the five languages above
    *_compile("no better", [("nothing gets better", r"\b(?:nada va a mejorar|nada (?:va a|vai) (?:mejorar|melhorar)|rien ne (?:va )?(?:s'ameliorer|s'arranger)|"
                                                   r"nichts wird (?:je(?:mals)? )?besser|niente (?:migliorera|cambiera)|nada vai mudar)\b")]),
)

LOW_MOOD += _compile("self-punishment", [
    ("deserve to suffer", r"\b(?:merite de souffrir|merezco sufrir|mereco sofrer|merito di soffrire|verdiene (?:es )?zu leiden|"
                          r"verdien (?:het )?(?:om )?te lijden)\b"),
])

# A hard time the writer says is over, now ("maar nu gaat het weer goed"): like RESOLVED in
# English, a meaning-model crisis on such a message becomes a risk notice (a cue still decides).
RESOLVED = re.compile(
    r"\b(?:ahora (?:ya )?estoy (?:bien|mejor)|ya estoy bien|ya lo supere|maintenant (?:ca|je) va(?:is)? (?:bien|mieux)|"
    r"ca va mieux maintenant|jetzt geht es mir (?:wieder )?(?:gut|besser)|mittlerweile geht es mir (?:wieder )?gut|"
    r"ora sto (?:bene|meglio)|adesso sto (?:bene|meglio)|agora (?:ja )?estou (?:bem|melhor)|hoje estou bem|"
    r"nu gaat het (?:weer )?(?:goed|beter)|het gaat nu (?:weer )?goed|nu mar jag bra|(?:jag )?mar bra nu|simdi iyiyim|artik iyiyim|"
    r"teraz (?:juz )?(?:czuje sie dobrze|jest dobrze))\b"
)

# Figures of speech of dying in the other languages ("me muero por saber": I'm dying to know):
# the meaning model does not raise a crisis on a sentence with one.
IDIOM = re.compile(
    r"\b(?:me muero (?:por|de ganas|de risa|de hambre|de sueno)|muero (?:por|de ganas)|je meurs (?:d'envie|de faim|de rire)|"
    r"morro de (?:vontade|rir|fome)|(?:to|estou) morrendo de (?:vontade|rir|fome|curiosidade)|muoio (?:dalla voglia|di fame|dal ridere)|"
    r"sterbe vor (?:neugier|hunger|lachen)|ich sterbe vor|(?:sto )?morendo (?:dal ridere|dalla voglia|di fame)|"
    r"me estoy muriendo (?:de risa|de ganas|de hambre|por)|morte? de rire|ich lach(?:e)? mich tot|totgelacht|"
    r"dood (?:van het lachen|van de honger|van (?:de )?nieuwsgierigheid|van verveling)|doodgaan van het lachen|gulmekten (?:oluyorum|oldum|olecegim)|"
    # dying of curiosity, laughter, hunger or impatience (ro, es, fr, it, pt, de, pl, nl, sv, da)
    r"(?:mor|muor[eo]|muero|meurs|morro|morrendo|muriendo|morendo|umieram|dor|doer|sterbe|sterben) "
    r"(?:de|di|dalla|dal|della|del|d'|vor|z|ze|av|af|van) ?(?:curiozitate|ras|foame|nerabdare|plictiseala|curiosidad|curiosite|"
    r"curiosita|curiosidade|neugier|ciekawosci|smiechu|glodu|nieuwsgierigheid|nyfikenhet|skratt|nysgerrighed|grin)|"
    # working oneself to death, dead tired ("mi ammazzo di lavoro e sono sempre stanco morto", block S)
    r"mi (?:sto )?ammazz(?:o|ando) di (?:lavoro|fatica|studio|palestra)|me estoy matando (?:trabajando|a trabajar|de trabajo)|(?:estou )?me matando de trabalhar|stanc[oa] mort[oa]|me mato (?:trabajando|a trabajar|de trabajo|en el gimnasio)|"
    r"muert[oa] de cansancio|je me tue (?:au travail|a la tache)|mort(?:e)? de fatigue|ich arbeite mich (?:noch )?(?:zu )?tot|todmude|"
    r"me mato de trabalhar|mort[oa] de cansaco|doodmoe|dodstrott|dodstraett|"
    # a thing, not a life, that "is killing me" ("ce shampoing me tue", block R)
    r"(?:ce|cet|cette|ces|le|la|les|ce|mon|ma|mes) (?!vie\b|depression\b|tristesse\b|solitude\b|douleur\b)[a-z]+ (?:me tue|me tuent)|"
    r"(?:este|esta|estos|estas|el|la|mi) (?!vida\b|depresion\b|tristeza\b|soledad\b|dolor\b)[a-z]+ me (?:esta )?matando|"
    r"(?:questo|questa|il|lo|la|mio|mia) (?!vita\b|depressione\b|tristezza\b|solitudine\b|dolore\b)[a-z]+ mi (?:sta )?uccidendo|"
    r"(?:esse|essa|este|esta|o|a|meu|minha) (?!vida\b|depressao\b|tristeza\b|solidao\b|dor\b)[a-z]+ (?:esta )?me matando|"
    r"(?:der|die|das|dieser|diese|dieses|mein|meine) (?!leben\b|depression\b|traurigkeit\b|einsamkeit\b|schmerz\b)[a-z]+ bringt mich (?:noch )?um)\b"
    # said as a joke, in so many words ("şakayla karışık 'ölüyorum' diyorum")
    r"|\b(?:sakayla karı?s[iı]k|saka olarak|en broma|de broma|pour rire|en plaisantant|im scherz|scherzhaft|per scherzo|"
    r"scherzando|de brincadeira|brincando|als grap|grappend)\b"
)

# The writer denying any risk ("je pense pas du tout a me faire du mal, je suis juste epuise", block U),
# read without accents: cut out before the crisis cues, as DENIED_SUICIDE is in English. Not when a
# "but" follows ("mais", "pero", "aber", "ma", "mas", "maar").
DENIED = re.compile(
    r"\b(?:(?:je )?(?:ne )?(?:pense|veux|vais|compte) (?:pas|jamais) (?:du tout |vraiment )?(?:a )?(?:me faire du mal|me tuer|"
    r"mourir|me blesser|me suicider)|no (?:quiero|pienso|voy a|pienso en|tengo intencion de) (?:para nada )?(?:hacerme dano|"
    r"matarme|morir|suicidarme|hacerme nada)|(?:ich )?(?:will|werde|denke) (?:mir )?(?:nicht|nichts|keineswegs|auf keinen fall) "
    r"(?:daran,? )?(?:mir )?(?:etwas |was )?(?:antun|anzutun|umbringen|umzubringen|sterben)|non (?:voglio|penso (?:di|a)|ho "
    r"intenzione di) (?:farmi del male|uccidermi|morire|suicidarmi)|nao (?:quero|penso em|vou) (?:me machucar|me matar|morrer|"
    r"me ferir)|ik (?:wil|ga) (?:mezelf )?(?:niets aandoen|geen pijn doen|niet dood))\b(?!,? (?:mais|pero|aber|ma|mas|maar)\b)"
)


# Thai (blind block Z: lips swollen, the throat closing, hard to breathe after an exosome injection),
# written as read and matched in the message's plain form
EMERGENCY += _compile_as_read((
    ("th", "swelling", r"(?:ปาก|ลิ้น|หน้า|คอ|ตา)บวม|คอ(?:เหมือน)?(?:ตีบ|ปิด)"),
    ("th", "breathing", r"หายใจ(?:ไม่ออก|ลำบาก|ไม่ได้|ติดขัด|ไม่ทัน)"),
    ("th", "chest_pain", r"เจ็บ(?:หน้า)?อก|แน่นหน้าอก"),
))
