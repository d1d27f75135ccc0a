"""Tests for nmnbot.evidence_model: the learned classifier beside the cue rules (issue 16).

The hard sentences below were written for these tests, after the training data and
apart from it (a test checks they are not in it); they are never trained on."""

from __future__ import annotations

import ast
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from nmnbot.evidence import EvidenceClassifier, EvidenceJudgement, EvidenceLevel
from nmnbot.evidence_model import ARTIFACT, LEVELS, EvidenceJudge, EvidenceModel, cautious, decide

from helpers import TRIAL, TRIAL_RESULT

ROOT = Path(__file__).resolve().parents[1]
L = EvidenceLevel

# (gold level, kind, sentence): the kinds issue 16 names, three of each, in our own words.
HARD = [
    (L.SYSTEMATIC_REVIEW, "pooled", "When the findings of 17 separate zinc trials were put side by side and added up, colds ended about two days sooner."),
    (L.SYSTEMATIC_REVIEW, "pooled", "A team that gathered every published study of tart cherry juice and analysed them as one found only a modest effect on sleep."),
    (L.SYSTEMATIC_REVIEW, "pooled", "Taken together, the 31 studies that researchers collected on green tea extract showed an average weight loss of barely one kilogram."),
    (L.HUMAN_RCT, "randomisation", "A computer decided which of the 240 patients got the new eye drops and which got drops of plain saline."),
    (L.HUMAN_RCT, "randomisation", "The 90 runners drew numbers from a hat to decide whether they would drink beetroot juice or a look-alike drink with the nitrate removed."),
    (L.HUMAN_RCT, "randomisation", "Neither the women nor the nurses giving the injections knew whether each syringe held the vaccine or salt water."),
    (L.HUMAN_STUDY, "records", "Going back through ten years of pharmacy records, investigators counted how often people on the acid reflux pill later broke a hip."),
    (L.HUMAN_STUDY, "records", "A look at the hospital files of 3,500 children admitted with asthma showed that attacks peaked in the second week of September."),
    (L.HUMAN_STUDY, "records", "By combing through insurance claims for 2 million adults, analysts linked long-term use of the sleeping tablet to more falls."),
    (L.IN_VITRO, "equipment", "Under the microscope, skin cells bathed in the green tea compound for 48 hours repaired their DNA faster."),
    (L.IN_VITRO, "equipment", "In flasks kept at body temperature, the berry extract slowed the growth of colon cancer cells by about a third."),
    (L.IN_VITRO, "equipment", "When scientists dripped the mouthwash onto gum bacteria growing on agar plates, the colonies shrank within minutes."),
    (L.CASE_REPORT, "clinician", "Doctors in Leeds described a retired teacher who developed a rash across her chest two days after starting the herbal tea."),
    (L.CASE_REPORT, "clinician", "A dermatology team wrote up the case of a teenage boy whose patchy hair loss cleared after they treated his iron deficiency."),
    (L.CASE_REPORT, "clinician", "Emergency physicians reported treating a 52-year-old cyclist whose liver failed after months of high-dose green tea capsules."),
    (L.PROMOTIONAL, "offer", "Reserve your spot at our weekend detox retreat before Friday and the second night is on us."),
    (L.PROMOTIONAL, "offer", "New patients save 25 percent on their first laser hair session when they book through the app this month."),
    (L.PROMOTIONAL, "offer", "Spaces for our spring fertility workshop are filling fast, so secure yours with a small deposit today."),
    (L.OPINION, "animal_figure", "Trying every new sleep gadget can leave you feeling like a hamster on a wheel."),
    (L.OPINION, "animal_figure", "Stress hormones are the body's way of preparing to outrun a lion, even when the lion is just an overflowing inbox."),
    (L.OPINION, "animal_figure", "Some people are night owls by nature, and forcing an early bedtime rarely works for them."),
    (L.OPINION, "placebo_loose", "Part of why a warm bath feels calming may simply be a placebo effect, and that is no bad thing."),
    (L.OPINION, "placebo_loose", "Many doctors think expensive hair serums work mostly as a placebo for the buyer's worries."),
    (L.OPINION, "placebo_loose", "Calling a remedy 'just a placebo' does not mean the relief people feel is imaginary."),
    (L.OPINION, "shopping_advice", "If you buy melatonin abroad, check the label, because the dose in each tablet varies widely between countries."),
    (L.OPINION, "shopping_advice", "Before you order vitamin D online, ask your GP whether a blood test is worth doing first."),
    (L.OPINION, "shopping_advice", "Shoppers should look for a batch number and an expiry date on any supplement they purchase."),
]
_PEOPLE = {L.SYSTEMATIC_REVIEW, L.HUMAN_RCT, L.HUMAN_STUDY}


@pytest.fixture(scope="module")
def judge() -> EvidenceJudge:
    from nmnbot.embed import Encoder

    return EvidenceJudge(Encoder().encode)


# ---------------------------------------------------------------- the artifact


def test_artifact_is_small_and_applied_with_numpy_only() -> None:
    assert ARTIFACT.stat().st_size < 300_000
    source = (ROOT / "src" / "nmnbot" / "evidence_model.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__", "numpy"}, imported


def test_hard_sentences_are_not_training_data() -> None:
    seen = set()
    for path in [*sorted((ROOT / "data" / "evidence").glob("*.jsonl")), ROOT / "tests" / "data" / "evidence_labels.jsonl"]:
        seen |= {json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not [text for _, _, text in HARD if text in seen]


@pytest.mark.slow
def test_artifact_matches_its_script(tmp_path: Path) -> None:
    from nmnbot_eval.train_evidence import check, train

    arrays = train(report=False)
    assert check(arrays) == []
    # ... and the check can fail: a nudged weight is caught
    nudged = tmp_path / "evidence.npz"
    shutil.copy(ARTIFACT, nudged)
    with np.load(nudged) as npz:
        stored = {k: npz[k] for k in npz.files}
    stored["coef"] = stored["coef"] * np.float32(1.05)
    np.savez_compressed(nudged, **stored)
    assert any(p.startswith("coef") for p in check(arrays, nudged))


# ---------------------------------------------------------------- the policy (no encoder)


def _probabilities(level: EvidenceLevel, p: float) -> np.ndarray:
    out = np.full(len(LEVELS), (1 - p) / (len(LEVELS) - 1))
    out[level.rank] = p
    return out


def test_a_shaky_sentence_is_never_a_review_or_a_trial() -> None:
    threshold = EvidenceModel().threshold
    for model_level in LEVELS:
        for rule_level in LEVELS:
            rule = EvidenceJudgement(rule_level, "")  # no cue text: nothing certain
            got = decide(rule, _probabilities(model_level, threshold - 0.01), threshold, "Some sentence.")
            assert got.decided_by == "unsure"
            assert got.level not in {L.SYSTEMATIC_REVIEW, L.HUMAN_RCT}, (model_level, rule_level, got)
            assert got.level.rank >= max(model_level.rank, rule_level.rank) or got.level is L.UNSPECIFIED
    assert cautious(L.HUMAN_STUDY, L.ANIMAL) is L.ANIMAL  # never people when one reading says animals
    assert cautious(L.OPINION, L.PROMOTIONAL) is L.PROMOTIONAL  # an unsure ad is still not quoted


def test_the_model_raises_a_cued_level_only_well_above_its_threshold() -> None:
    """Over a level the rules read from their own cue, a model barely above its threshold is unsure:
    "most studies have used doses ranging from ..." stays unspecified (eval/claims.jsonl)."""
    from nmnbot.evidence_model import RAISE_MARGIN

    threshold = EvidenceModel().threshold
    rule = EvidenceJudgement(L.UNSPECIFIED, "studies have used")
    text = "Most studies have used doses ranging from 250 mg to 500 mg a day."
    near = decide(rule, _probabilities(L.HUMAN_STUDY, threshold + RAISE_MARGIN / 2), threshold, text)
    assert near.level is L.UNSPECIFIED and near.decided_by == "unsure"
    sure = decide(rule, _probabilities(L.HUMAN_STUDY, threshold + RAISE_MARGIN + 0.05), threshold, text)
    assert sure.level is L.HUMAN_STUDY and sure.decided_by == "model"
    # toward a weaker level, or with no cue of the rules' own, the threshold alone still decides
    weaker = decide(rule, _probabilities(L.OPINION, threshold + 0.01), threshold, text)
    assert weaker.level is L.OPINION and weaker.decided_by == "model"
    uncued = decide(EvidenceJudgement(L.OPINION, ""), _probabilities(L.ANIMAL, threshold + 0.01), threshold, text)
    assert uncued.level is L.ANIMAL and uncued.decided_by == "model"


def test_a_sales_cue_is_never_overruled_into_a_study() -> None:
    threshold = EvidenceModel().threshold
    rule = EvidenceJudgement(L.PROMOTIONAL, "our formula")
    for model_level in (L.SYSTEMATIC_REVIEW, L.HUMAN_RCT, L.HUMAN_STUDY, L.ANIMAL, L.IN_VITRO, L.CASE_REPORT):
        for p in (threshold + 0.01, 0.99):
            got = decide(rule, _probabilities(model_level, p), threshold, "Each scoop of our formula has it.")
            assert got.level is L.PROMOTIONAL, (model_level, p, got)


@pytest.mark.parametrize(("text", "model_level", "other"), [
    # evidence block M: "An open-label pilot study of 20 people …" called a systematic review by the model;
    # one study with its head count is never a review, while a review of trials still is
    ("A small open-label study of 24 adults with eczema found that itching eased after six weeks of fish oil.",
     L.SYSTEMATIC_REVIEW, "A review of 12 trials of 2,000 adults found fish oil eased itching."),
    # evidence block N: "Clinical studies in healthy human subjects have confirmed ..." called a trial by the
    # model; a named design that is not a trial is never raised to one, while a randomized one still is
    ("Clinical studies in older volunteers have confirmed that the extract is absorbed within an hour.",
     L.HUMAN_RCT, "A randomized clinical study in older volunteers found the extract is absorbed within an hour."),
])
def test_the_model_never_raises_a_study_the_sentence_names_above_itself(text: str, model_level: EvidenceLevel,
                                                                         other: str) -> None:
    threshold = EvidenceModel().threshold
    rules = EvidenceClassifier()
    rule = rules.judge(text)
    got = decide(rule, _probabilities(model_level, 0.95), threshold, text)
    assert got.level is rule.level is L.HUMAN_STUDY, got
    assert decide(rules.judge(other), _probabilities(model_level, 0.95), threshold, other).level is model_level


def test_a_sentence_naming_no_research_is_never_unspecified_research() -> None:
    # API.md: unspecified is research whose kind is not said. A plain claim with no research word
    # keeps the rules' reading; one that names research may still be unspecified.
    threshold = EvidenceModel().threshold
    rules = EvidenceClassifier()
    plain = "Poor sleep, heavy drinking and constant worry can all make hair thinner."
    got = decide(rules.judge(plain), _probabilities(L.UNSPECIFIED, 0.9), threshold, plain)
    assert got.level is L.OPINION, got
    said = "Poor sleep, experts say, can make hair thinner."
    assert decide(rules.judge(said), _probabilities(L.UNSPECIFIED, 0.9), threshold, said).level is L.UNSPECIFIED


def test_a_certain_cue_and_inheritance_override_the_model() -> None:
    rules = EvidenceClassifier()
    sure_opinion = _probabilities(L.OPINION, 0.99)
    for text in ("A 2020 meta-analysis of 9 trials found no effect of NMN on blood pressure.",
                 "Use code HAIR10 for 10% off your first jar.",
                 "In a randomized controlled trial, 60 adults took NMN or placebo for six weeks."):
        rule = rules.judge(text)
        got = decide(rule, sure_opinion, 0.5, text)
        assert got == rule and got.decided_by == "cues", text
    inherited = rules.judge(TRIAL_RESULT, TRIAL)
    assert decide(inherited, sure_opinion, 0.5, TRIAL_RESULT).level is L.HUMAN_RCT
    loose = "Many doctors think the effect is mostly placebo."
    assert rules.judge(loose).level is L.HUMAN_RCT  # the cue rule alone is fooled ...
    assert decide(rules.judge(loose), sure_opinion, 0.5, loose).level is L.OPINION  # ... "placebo" is not certain


# ---------------------------------------------------------------- real sentences, real model


@pytest.mark.slow
def test_hard_kinds(judge: EvidenceJudge) -> None:
    # First scored on the final artifact (2026-11-29): 21/27, cues alone 6/27 (a draft with
    # threshold 0.30 had 22/27). Misses then: a pooled review read as unspecified; two
    # described randomisations (p 0.44, 0.42) and a claims-database study (p 0.25) fell, unsure,
    # to the cautious opinion; "a hamster on a wheel" read as animal; "any supplement they
    # purchase" read as advertising. Retrained with the blind blocks joined: 22/27 (one of
    # the two trials now right). The floors below guard that figure, they are not a target.
    got = judge.judge_many([(text, None) for _, _, text in HARD])
    right = [g.level is gold for (gold, _, _), g in zip(HARD, got)]
    misses = [(gold.value, g.level.value, text) for (gold, _, text), g in zip(HARD, got) if g.level is not gold]
    assert sum(right) >= 21, misses
    for kind in dict.fromkeys(k for _, k, _ in HARD):
        assert sum(r for r, (_, k, _) in zip(right, HARD) if k == kind) >= 1, (kind, misses)
    for (gold, _, text), g in zip(HARD, got):
        if gold is L.PROMOTIONAL:
            assert g.level is L.PROMOTIONAL, text  # advertising is never quoted as evidence
        if gold in (L.ANIMAL, L.IN_VITRO):
            assert g.level not in _PEOPLE, text
        if g.decided_by == "unsure":
            assert g.level not in {L.SYSTEMATIC_REVIEW, L.HUMAN_RCT}, text


@pytest.mark.slow
def test_the_judge_explains_and_inherits(judge: EvidenceJudge) -> None:
    described = judge.judge("Doctors in Bristol described a builder whose nosebleeds stopped after he quit the fish oil.")
    assert described.level is L.CASE_REPORT and described.decided_by == "model"
    assert described.example and 'labelled example "' in described.explain()
    rct = judge.judge(TRIAL_RESULT, TRIAL)
    assert rct.level is L.HUMAN_RCT and rct.inherited
    assert judge.judge("Mice treated with NMN grew more hair.").level is L.ANIMAL
    # judged once: the same pair again is a cache hit, with no second encoding
    calls = []
    counting = EvidenceJudge(lambda texts: calls.append(list(texts)) or judge.encode(texts))
    counting.judge_many([("Zinc may shorten colds.", None)] * 3)
    counting.judge("Zinc may shorten colds.")
    assert calls == [["Zinc may shorten colds."]]


def test_stored_judgements_are_the_same_and_need_no_encoder(judge: EvidenceJudge, tmp_path: Path) -> None:
    """A generation's judgements, written once (JUDGED_FILE), read back equal, and a process that
    loads them judges those spans without encoding; an outdated file is ignored."""
    from nmnbot.evidence_model import JUDGED_FILE

    items = [(TRIAL, None), (TRIAL_RESULT, TRIAL), ("Mice given NMN grew thicker fur.", None),
             ("Order today and get 20% off your first bottle.", None), (HARD[0][2], None)]
    path = tmp_path / JUDGED_FILE
    assert judge.save(path, items) == len(items)

    def no_encoder(texts: object) -> np.ndarray:
        raise AssertionError(f"encoded {texts!r}")

    fresh = EvidenceJudge(no_encoder, model=judge.model)
    assert fresh.load(path) == len(items)
    assert fresh.judge_many(items) == judge.judge_many(items)
    with pytest.raises(AssertionError, match="encoded"):
        fresh.judge_many([("A new sentence nobody stored, about rats fed kale.", None)])

    data = json.loads(path.read_text(encoding="utf-8"))
    data["fingerprint"] = "0" * 32  # another model or other rules wrote it
    path.write_text(json.dumps(data), encoding="utf-8")
    assert EvidenceJudge(no_encoder, model=judge.model).load(path) == 0
    path.write_text("{not json", encoding="utf-8")
    assert EvidenceJudge(no_encoder, model=judge.model).load(path) == 0
