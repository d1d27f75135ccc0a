"""Tests for nmnbot.evidence: levels, inheritance, tricky cues, sellers."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from nmnbot.evidence import (
    EvidenceClassifier,
    EvidenceJudgement,
    EvidenceLevel,
    classify_evidence,
    is_promotional,
    seller_flag,
    strongest,
)
from nmnbot_eval.labels import evaluate_labels

from helpers import HDPC, MOUSE_PARAGRAPH, TRIAL, TRIAL_RESULT

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
LABELS = ROOT / "tests" / "data" / "evidence_labels.jsonl"
L = EvidenceLevel

def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def load_labels() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------- the labelled set


def test_labelled_set_is_well_formed() -> None:
    # Splits: "dev" = corpus sentences plus own wordings, written before the classifier;
    # "heldout-seen" = first own-wording held-out block (69% on first evaluation, then
    # used for fixes); "heldout" = second block, written after those fixes (74% on first evaluation).
    rows = load_labels()
    assert len(rows) >= 120
    per_level = Counter(row["level"] for row in rows)
    assert set(per_level) == {level.value for level in EvidenceLevel}
    assert min(per_level.values()) >= 8, per_level
    assert {"dev", "heldout"} <= {row["split"] for row in rows}
    for row in rows:
        assert isinstance(row["text"], str) and row["text"]
        assert row["context"] is None or isinstance(row["context"], str)
        if row["source"] != "own":
            # corpus lines are verbatim, with their real preceding context
            document = corpus_text(row["source"])
            assert row["text"] in document, row["text"]
            if row["context"]:
                assert document.index(row["text"]) > 0


def test_labelled_set_accuracy_and_report() -> None:
    report = evaluate_labels(LABELS)
    print()
    print(f"accuracy {report['accuracy']:.3f} on {report['n']} lines; by split {report['split_accuracy']}")
    for name, scores in report["per_level"].items():
        print(f"  {name:18} precision={scores['precision']} recall={scores['recall']} n={scores['support']}")
    for error in report["errors"]:
        print(f"  miss: {error['gold']} -> {error['predicted']}: {error['text']}")
    assert report["accuracy"] >= 0.90
    for split, accuracy in report["split_accuracy"].items():
        assert accuracy >= 0.85, (split, accuracy)
    for name, scores in report["per_level"].items():
        assert scores["recall"] is not None and scores["recall"] >= 0.80, (name, scores)
    # the confusion matrix accounts for every line
    assert sum(sum(row.values()) for row in report["confusion"].values()) == report["n"]


def test_command_line_report(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps({"text": "Mice treated with NMN grew more hair.", "context": None, "level": "animal"}) + "\n"
        + json.dumps({"text": "NMN may help.", "context": None, "level": "in_vitro"}) + "\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "nmnbot_eval.labels", str(labels)], capture_output=True, text=True, check=True
    )
    assert "accuracy 0.500 on 2 lines" in done.stdout
    assert "in_vitro -> opinion: 1" in done.stdout


# ---------------------------------------------------------------- the enum and the API


def test_levels_are_declared_strongest_first() -> None:
    assert [level.value for level in EvidenceLevel] == [
        "systematic_review", "human_rct", "human_study", "animal", "in_vitro",
        "case_report", "unspecified", "opinion", "promotional",
    ]
    assert [level.rank for level in EvidenceLevel] == list(range(9))
    assert L.HUMAN_RCT.label == "Randomized trial in people"
    assert L.ANIMAL.label == "Study in mice or other animals"
    assert L.IN_VITRO.label == "Lab study in cells"
    assert L.CASE_REPORT.label == "One person's story"
    assert L.UNSPECIFIED.label == "Research, kind not stated"
    assert L.OPINION.label == "Opinion, no study cited"
    assert L.PROMOTIONAL.label == "Advertising"


def test_api_example() -> None:
    level = classify_evidence("Mice treated with NMN grew more hair.")
    assert level == "animal" and level is L.ANIMAL


def test_strongest() -> None:
    assert strongest([]) is None
    assert strongest([L.OPINION, L.ANIMAL, L.IN_VITRO]) is L.ANIMAL
    assert strongest([L.PROMOTIONAL, L.CASE_REPORT]) is L.CASE_REPORT
    assert strongest([L.PROMOTIONAL, L.OPINION]) is L.OPINION
    assert strongest([L.PROMOTIONAL]) is L.PROMOTIONAL
    assert strongest(iter([L.HUMAN_STUDY, L.SYSTEMATIC_REVIEW])) is L.SYSTEMATIC_REVIEW


def test_judgement_names_its_cue() -> None:
    judgement = EvidenceClassifier().judge(TRIAL)
    assert judgement == EvidenceJudgement(
        L.HUMAN_RCT, "randomized, double-blind, placebo-controlled clinical trial", inherited=False
    )
    assert "randomized, double-blind, placebo-controlled clinical trial" in judgement.explain()
    assert judgement.explain().startswith("Randomized trial in people")
    opinion = EvidenceClassifier().judge("NMN may regulate the endocrine system.")
    assert opinion.level is L.OPINION and opinion.cue == ""
    assert "no study" in opinion.explain()


# ---------------------------------------------------------------- context inheritance


def test_trial_result_inherits_the_trial() -> None:
    judgement = EvidenceClassifier().judge(TRIAL_RESULT, TRIAL)
    assert judgement.level is L.HUMAN_RCT
    assert judgement.inherited is True
    assert "continues the study" in judgement.explain()


def test_without_context_the_study_is_of_unstated_kind() -> None:
    judgement = EvidenceClassifier().judge(TRIAL_RESULT)
    assert judgement.level is L.UNSPECIFIED and judgement.inherited is False


def test_continuing_mouse_results_inherit_animal() -> None:
    text = (
        "NMN was able to reverse the follicle shrinkage, thinning, and sparse hair conditions caused by DHT, "
        "significantly increasing the number and size of hair follicles, and improving the length and thickness "
        "of the hair."
    )
    judgement = EvidenceClassifier().judge(text, MOUSE_PARAGRAPH)
    assert judgement.level is L.ANIMAL and judgement.inherited is True
    assert classify_evidence(text) is L.OPINION  # alone it is only a claim


def test_a_result_after_an_opening_phrase_inherits_the_review() -> None:
    """Evidence block T's kind, in our own wording: "Taken as a whole, the data ..." after a review."""
    review = "A team collected every published trial of ginger for nausea and combined their results."
    judgement = EvidenceClassifier().judge("Taken as a whole, the data point to a small benefit.", review)
    assert judgement.level is L.SYSTEMATIC_REVIEW and judgement.inherited is True


def test_mechanism_sentence_does_not_inherit() -> None:
    text = "Mechanistically, NMN exerts potential neuroprotective effects by increasing NAD+ levels."
    assert classify_evidence(text, f"{TRIAL} {TRIAL_RESULT}") is L.OPINION


def test_speculation_after_a_study_does_not_inherit() -> None:
    context = (
        "– A study published in 2022 by researchers from dNovo, a biotech startup, claimed that they could "
        "reprogram any cell into a hair stem cell by changing the patterns of genes active in it². They also "
        "demonstrated that they could grow human hair on a mouse by transplanting their reprogrammed stem cells."
    )
    text = (
        "They suggested that this technology could be used to treat depression by restoring the hair growth and "
        "self-esteem of people who suffer from hair loss."
    )
    assert classify_evidence(text, context) is L.OPINION


def test_own_cue_beats_the_context() -> None:
    mouse_model = (
        "The research team used a hair loss model stimulated by dihydrotestosterone (DHT), a hormone closely "
        "related to hair loss, to simulate symptoms of male pattern baldness."
    )
    assert classify_evidence(HDPC, mouse_model) is L.IN_VITRO
    assert classify_evidence("Studies have shown that NMN raises NAD+.", TRIAL) is L.UNSPECIFIED


def test_patient_story_continues() -> None:
    context = "For example, in the following case, a 33-year-old hair loss patient had been losing hair for years."
    text = "After five times of treatment, his hair was restored to its previous dense state."
    judgement = EvidenceClassifier().judge(text, context)
    assert judgement.level is L.CASE_REPORT and judgement.inherited


# ---------------------------------------------------------------- tricky cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Alzheimer's disease models, NMN significantly enhances mitochondria's ability to respond to internal "
         "stress by activating the ATF4 transcription factor-mediated mitochondrial unfolded protein response.", L.ANIMAL),
        ("Clinical studies have confirmed that NMN supplementation can significantly increase plasma insulin levels "
         "in healthy subjects, providing direct evidence for understanding its metabolic regulatory effects.", L.HUMAN_STUDY),
        ('Previously, a study published in Exp Dermatol entitled "Exosomes derived from human dermal papilla cells '
         'promote hair growth in cultured human hair follicles," showed that exosomes can repair damaged hair follicles.',
         L.IN_VITRO),
        ("After reading a study, I started NMN and my hair came back.", L.CASE_REPORT),
        ("They also demonstrated that they could grow human hair on a mouse by transplanting their reprogrammed "
         "stem cells.", L.ANIMAL),
        ("Third-party lab testing ensures our NMN powder’s purity and safety.", L.PROMOTIONAL),
        ("The 40-year-old Mr. Chen hair loss has been eight or nine years, has received minoxidil treatment.",
         L.CASE_REPORT),
        ("Research published in the journal Molecules has indeed shown that NMN can improve hair follicle stem "
         "cells, thereby promoting hair growth.", L.UNSPECIFIED),
        ("However, more research is needed to confirm the effectiveness and safety of NMN for depression in humans.",
         L.OPINION),
        ("Cell proliferation in the follicles slows down, and the hair growth cycle shortens.", L.OPINION),
        ("Several studies have explored the effects of NMN on depression, both in animals and humans.", L.UNSPECIFIED),
        ("A case-control study compared 400 people with Parkinson's disease with 800 people without it.", L.HUMAN_STUDY),
        ("Mice were randomly assigned to NMN or water for eight weeks.", L.ANIMAL),
        ("Cultured mouse neurons exposed to NMN survived longer.", L.IN_VITRO),
        ("A 2021 meta-analysis of 14 randomized trials found that vitamin D did not prevent fractures.",
         L.SYSTEMATIC_REVIEW),
        ("Participants came to the lab every week to have their blood pressure measured.", L.HUMAN_STUDY),
        ("Hair follicles taken from volunteers and grown in culture produced longer hair shafts.", L.IN_VITRO),
        ("The best time to take NMN is not clear, but some experts suggest taking it in the morning.", L.OPINION),
        # designs told in plain words (evidence block F's kinds, in our own wording)
        ("The volunteers were split into two groups by chance, and neither the nurses nor the volunteers knew "
         "who got the real tablets.", L.HUMAN_RCT),
        ("Having searched four medical databases for every study of zinc and acne, the authors put the results "
         "together.", L.SYSTEMATIC_REVIEW),
        ("When the team went through the hospital records of 900 patients, those taking statins had fewer "
         "infections.", L.HUMAN_STUDY),
        ("Under a fluorescence microscope, the treated skin cells made more collagen.", L.IN_VITRO),
        ("Some of the early benefit may be a placebo effect, so give it a month.", L.OPINION),
        # evidence block H's trial told in plain words (first-seen miss), in our own wording
        ("Each of the 80 patients opened a sealed envelope that said which gel they would use.", L.HUMAN_RCT),
        ("Half the volunteers got the real lotion and half an identical lotion without the retinol.", L.HUMAN_RCT),
        # evidence block I's unnamed research (first-seen misses), in our own wording
        ("Scientists now believe the skin's microbiome shapes how fast wounds heal.", L.UNSPECIFIED),
        ("According to researchers, saffron may ease mild low mood.", L.UNSPECIFIED),
        ("Recent findings suggest that zinc shortens a cold by a day or two.", L.UNSPECIFIED),
        ("Research from the last decade has tied poor sleep to weight gain.", L.UNSPECIFIED),
        # evidence block J's unsafe miss (a testimonial turned into a pitch read as a case report), in our own wording
        ("'My knees feel twenty again,' says Tom, 61, so join thousands like him and start your joint journey today.",
         L.PROMOTIONAL),
        # evidence blocks K and L's first-seen kinds, in our own wording: research that "hints",
        # allocation by its instrument, placebo told as a dummy, cells in wells and plates
        ("Early data hint that cold showers lift mood for a few hours.", L.UNSPECIFIED),
        ("Newer studies are challenging the idea that eggs raise cholesterol.", L.UNSPECIFIED),
        ("Patients were sorted by a random-number generator into a zinc group and a look-alike group.", L.HUMAN_RCT),
        ("The runners drank either beet juice or a dummy-drink, in an order drawn by lot.", L.HUMAN_RCT),
        ("In 96-well plates, the extract slowed the growth of the bacteria at every dose.", L.IN_VITRO),
        ("The team grew layers of human gum cells in plastic dishes and bathed them in mouthwash.", L.IN_VITRO),
        ("Researchers compiled 30 cohort studies of shift work and weight.", L.SYSTEMATIC_REVIEW),
        ("Adults keep growing new brain cells in the hippocampus well into old age.", L.OPINION),
        # unnamed research and a quoted person with an age (evidence block M's kinds, own wording)
        ("According to the latest findings, cold showers may not boost immunity after all.", L.UNSPECIFIED),
        ("A large body of evidence connects poor sleep with weight gain.", L.UNSPECIFIED),
        ("Science now ties gum disease to heart trouble.", L.UNSPECIFIED),
        ('"My hot flushes stopped within a fortnight," says Brenda, 58, a teacher from Bristol.', L.CASE_REPORT),
        # evidence block N's first-seen kinds, in our own wording: syntheses told in plain words, research
        # reported with no study named, tissue kept alive in a lab
        ("Across nine studies with 800 runners combined, beetroot juice shaved a few seconds off race times.",
         L.SYSTEMATIC_REVIEW),
        ("A summary that brought together 11 earlier reviews of yoga found small gains in back pain.", L.SYSTEMATIC_REVIEW),
        ("After weeding out weak papers, the team kept 23 eligible trials and worked out a combined estimate.",
         L.SYSTEMATIC_REVIEW),
        ("The results indicate that green tea may slightly lower blood sugar.", L.UNSPECIFIED),
        ("It has been scientifically shown that a short nap sharpens afternoon memory.", L.UNSPECIFIED),
        ("Strips of rat heart muscle kept alive in a warm salt solution beat harder with the compound.", L.IN_VITRO),
        # evidence block O's first-seen kinds, in our own wording
        ("The team spun down blood samples and put the platelets in small vials with the tea extract.", L.IN_VITRO),
        ("Across 14 cohort studies, the records of 600,000 adults were merged to weigh salt against stroke.",
         L.SYSTEMATIC_REVIEW),
        ('"My knees stopped aching after a fortnight," says Graham from Hull.', L.CASE_REPORT),
        ("Nobody wants to be a guinea pig for a brand-new diet pill, so ask what it has been tested on.", L.OPINION),
        # evidence block P's first-seen kinds, in our own wording
        ("It has been shown that zinc lozenges work best in the first day of a cold.", L.UNSPECIFIED),
        ("Hot flushes fell by a third compared with the look-alike tablets.", L.HUMAN_RCT),
        ("By merging the records of 19 cohort studies, the team estimated the risk of fizzy drinks.", L.SYSTEMATIC_REVIEW),
        ("Adding up the evidence from every trial of ginger for nausea, reviewers found a modest benefit.",
         L.SYSTEMATIC_REVIEW),
        ("Clinically proven to sharpen focus, MindPeak helps you power through the afternoon.", L.PROMOTIONAL),
    ],
)
def test_tricky_sentences(text: str, expected: EvidenceLevel) -> None:
    assert classify_evidence(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    # evidence blocks N, O and P's kinds (own wording), read by the cue rules alone, so that a broken
    # cue fails here even where the model would still get the sentence right
    ("Across nine studies with 800 runners combined, beetroot juice shaved a few seconds off race times.",
     L.SYSTEMATIC_REVIEW),
    ("A summary that brought together 11 earlier reviews of yoga found small gains in back pain.", L.SYSTEMATIC_REVIEW),
    ("After weeding out weak papers, the team kept 23 eligible trials and worked out a combined estimate.",
     L.SYSTEMATIC_REVIEW),
    ("A broad look at the literature, covering 45 trials since 2000, found vitamin C barely shortens colds.",
     L.SYSTEMATIC_REVIEW),
    ("By merging the records of 19 cohort studies, the team estimated the risk of fizzy drinks.", L.SYSTEMATIC_REVIEW),
    ("Adding up the evidence from every trial of ginger for nausea, reviewers found a modest benefit.",
     L.SYSTEMATIC_REVIEW),
    ("Hot flushes fell by a third compared with the look-alike tablets.", L.HUMAN_RCT),
    ("The results indicate that green tea may slightly lower blood sugar.", L.UNSPECIFIED),
    ("It has been scientifically shown that a short nap sharpens afternoon memory.", L.UNSPECIFIED),
    ("It has been shown that zinc lozenges work best in the first day of a cold.", L.UNSPECIFIED),
    ("Strips of rat heart muscle kept alive in a warm salt solution beat harder with the compound.", L.IN_VITRO),
    ("The team spun down blood samples and put the platelets in small vials with the tea extract.", L.IN_VITRO),
    ('"My knees stopped aching after a fortnight," says Graham from Hull.', L.CASE_REPORT),
    ("Nobody wants to be a guinea pig for a brand-new diet pill, so ask what it has been tested on.", L.OPINION),
    ("Clinically proven to sharpen focus, MindPeak helps you power through the afternoon.", L.PROMOTIONAL),
    # evidence block Q's kinds (own wording)
    ("A 2022 evidence synthesis by a national agency judged the data on melatonin for jet lag as moderate.",
     L.SYSTEMATIC_REVIEW),
    ("The roundup of all the creatine trials, about 30 of them, points to a modest gain in strength.",
     L.SYSTEMATIC_REVIEW),
    ("The paper combined data from 250,000 adults across 12 cohort studies to weigh coffee against gout.",
     L.SYSTEMATIC_REVIEW),
    ("Survey answers from over 3,500 cold-water swimmers suggest most feel calmer afterwards.", L.HUMAN_STUDY),
    ("An audit of 80 consecutive laser patients at one clinic found two burns.", L.HUMAN_STUDY),
    ("In an open-label trial, 24 adults with dandruff used the oil every night.", L.HUMAN_STUDY),
    ("Volunteers drew lots to decide who got the new mouthwash and who kept their usual one.", L.HUMAN_RCT),
    ("Doctors at a Leeds hospital described a woman whose liver enzymes rose after a green tea diet.", L.CASE_REPORT),
    ("The authors describe a girl of twelve whose rash faded after she stopped the cream.", L.CASE_REPORT),
    ("My GP put me on magnesium in March, and my leg cramps have all but stopped.", L.CASE_REPORT),
    ("There is published work suggesting that walking after meals evens out blood sugar.", L.UNSPECIFIED),
    ("Investigations into whether it eases migraines have produced conflicting results.", L.UNSPECIFIED),
    ("Limited stock! Grab yours before the summer bundle sells out.", L.PROMOTIONAL),
    ("Doctor-formulated and vegan, GlowDaily is the only serum your routine needs.", L.PROMOTIONAL),
    # evidence block R's kinds (own wording)
    ("It's been shown that warm milk does little for sleep on its own.", L.UNSPECIFIED),
    ("Evidence keeps piling up that loneliness wears down the heart.", L.UNSPECIFIED),
    ("The literature on zinc for acne is thin and mixed.", L.UNSPECIFIED),
    ("Across the 31 studies they kept, fibre lowered cholesterol a little.", L.SYSTEMATIC_REVIEW),
    ("Researchers went through every published study of saw palmetto and found no clear benefit.", L.SYSTEMATIC_REVIEW),
    ("A review that followed a pre-registered protocol concluded that fish oil barely helps dry eyes.", L.SYSTEMATIC_REVIEW),
    ("A computer decided which of the 80 cyclists got the caffeine gum and which got plain gum.", L.HUMAN_RCT),
    ("Everyone in the study knew they were getting the real cream, and 30 adults used it for a month.",
     L.HUMAN_STUDY),
    ("Comparing identical twins, researchers found the sun-worshipping twin looked years older.", L.HUMAN_STUDY),
    ("Over 4,000 teachers filled in sleep questionnaires, and short sleepers reported more colds.", L.HUMAN_STUDY),
    ("On agar plates, garlic extract held back the growth of the bacteria.", L.IN_VITRO),
    ("One of our readers, a retired postman, wrote in to say the stretches cured his back pain.", L.CASE_REPORT),
    ("Every tub is third-party tested, so you can trust what goes into your smoothie.", L.PROMOTIONAL),
    ("Before you buy a fish oil, check the label for the EPA and DHA content.", L.OPINION),
    # evidence block S's kinds (own wording): tissue left over from surgery and then bathed; a sale that lasts
    ("Skin left over from facelift operations was soaked in the peptide for two days.", L.IN_VITRO),
    ("Fat taken from her thighs was injected into her cheeks.", L.OPINION),  # a surgeon moving fat: no lab
    ("Pure, vegan and made in small batches, so stock up now before the price goes back up.", L.PROMOTIONAL),
    ("Stock up on beans and lentils: they are cheap and full of fibre.", L.OPINION),
    # evidence block T's kinds (own wording): cohorts analysed together, a crossover's order set by chance,
    # a testimonial told as a count that went down, every trial gathered
    ("Data from eight cohorts in Asia and Europe, analysed together, tied night shifts to diabetes.",
     L.SYSTEMATIC_REVIEW),
    ("Each volunteer tried both mouthwashes for a fortnight, in a sequence decided at random.", L.HUMAN_RCT),
    ("After three weeks on the spray, my nosebleeds dropped to one a week.", L.CASE_REPORT),
    ("The group collected every published study of zinc for colds and weighed them.", L.SYSTEMATIC_REVIEW),
])
def test_this_sessions_cues_alone(text: str, expected: EvidenceLevel) -> None:
    from nmnbot.evidence import EvidenceClassifier

    assert EvidenceClassifier().judge(text).level is expected


# ---------------------------------------------------------------- advertising and sellers


@pytest.mark.parametrize("text", [
    # a seller soliciting messages (eval/claims.jsonl's miss) and a testimonial turned into a
    # pitch (evidence block J's unsafe miss), in our own wording: sales the model may not overrule
    "Want a personal hair plan? Click on my avatar and send me a message!",
    "'My knees feel twenty again,' says Tom, 61, so join thousands like him and start your joint journey today.",
    # booking with the seller's own staff, a first visit given away, "the only … you'll ever need" (block M's kinds)
    "Schedule a 30-minute call with one of our sleep coaches today.",
    "Come and see us: your first class is on the house.",
    "Trusted by pharmacists, JointEase is the only joint supplement you will ever need.",
    "Grab the duo pack while the offer lasts.",  # block S's kind
])
def test_certain_sales_cues(text: str) -> None:
    from nmnbot.evidence import EvidenceClassifier, is_certain

    judgement = EvidenceClassifier().judge(text)
    assert judgement.level is L.PROMOTIONAL and is_certain(judgement, text), judgement


def test_corpus_ad_paragraphs_are_promotional() -> None:
    depression = corpus_text("nmn-depression.txt")
    ad = depression[depression.index("NMN Powder Pure"):]
    assert "Purovitalis" in ad and is_promotional(ad)
    assert is_promotional("If you want to know more about exosomes, hair loss and other related issues, "
                          "click on my avatar and message me!")
    assert is_promotional("Use code GLOW20 at checkout for 20% off your first order.")


@pytest.mark.parametrize(
    "text",
    [
        TRIAL,
        HDPC,
        "Depression is a serious mental health condition that affects millions of people worldwide.",
        "Our hair growth has a certain pattern, its natural cycle mainly contains the growth phase.",
        "But don’t just take our word for it.",
        "NMN is a promising supplement that may help you fight depression.",
        "You should also consult your doctor before taking NMN if you have any medical conditions.",
        "There is no guarantee that NMN will work for you.",
    ],
)
def test_ordinary_sentences_are_not_promotional(text: str) -> None:
    assert not is_promotional(text)


def test_seller_flag() -> None:
    assert seller_flag(corpus_text("nmn-depression.txt")) == "this source sells NMN"
    assert seller_flag(corpus_text("nmn-hair-loss.txt")) is None
    assert seller_flag(corpus_text("nmn-health-benefits.txt")) is None
    exosome = seller_flag(corpus_text("exosome-hair-regrowth.txt"))
    assert exosome is not None and "exosome therapy" in exosome and "contact" in exosome


def test_seller_flag_names_other_products() -> None:
    page = "Collagen helps skin. Collagen is a protein. Order now and get a free jar of our Collagen powder!"
    assert seller_flag(page) == "this source sells collagen"


# ---------------------------------------------------------------- hygiene


def test_module_imports_only_the_standard_library_and_its_own_tables() -> None:
    source = (ROOT / "src" / "nmnbot" / "evidence.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


@pytest.mark.parametrize(("text", "context", "expected"), [
    # an age word before an animal names the animals (evidence block K: "elderly mice" read as people)
    ("The treated group kept their weight down.", "Researchers gave elderly mice NMN in their water for a year.",
     L.ANIMAL),
    ("Researchers gave elderly volunteers NMN for a year.", None, L.HUMAN_STUDY),
    # the study's span, its vessels or "their" estimate point back to it (blocks K and L)
    ("No harmful effects on the liver turned up during that time.",
     "In a small pilot, 10 healthy men took 250 mg of NMN daily for 12 weeks.", L.HUMAN_STUDY),
    ("The wells treated with the serum showed less damage.",
     "Scientists grew sheets of human skin cells in plastic wells and exposed them to UV light.", L.IN_VITRO),
    ("Their combined estimate put the extra risk at about 3%.",
     "Epidemiologists systematically collected 41 cohort studies on air pollution and dementia.",
     L.SYSTEMATIC_REVIEW),
    # a span word with no study before it points at nothing
    ("During that time, many people feel tired.", "Depression is common.", L.OPINION),
])
def test_pointers_back_to_a_study(text: str, context: str | None, expected: EvidenceLevel) -> None:
    assert EvidenceClassifier().judge(text, context).level is expected
