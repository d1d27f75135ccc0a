"""Tests for nmnbot.pipeline.coverage: the one place that decides abstention.

Unit tests with hand-made passages and vectors (no model): what counts as a subject term,
and each reason to abstain. tests/test_bot.py checks the same decisions end to end."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from nmnbot.config import Settings
from nmnbot.corpus import Passage, Sentence
from nmnbot.pipeline.coverage import Abstain, asked_for, check, lexical_gaps, subject_terms, without_terms
from nmnbot.pipeline.retrieve import ScoredPassage

S = Settings()


def _passage(text: str, title: str = "NMN and hair") -> Passage:
    return Passage("p" + str(abs(hash(text)) % 10_000), "a.txt", title, title, 0, len(text), text,
                   (Sentence(0, len(text), text),))


def _unit(*xs: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def test_subject_terms_skip_framing_words_amounts_and_stopwords() -> None:
    assert subject_terms("Does NMN really help with hair loss in 250mg doses?") == ["nmn", "hair", "loss", "doses"]
    assert subject_terms("Is it safe? What does the research say?") == []
    assert subject_terms("Does UV light thin hair?") == ["uv", "light", "hair"]  # a two-letter acronym counts


@pytest.mark.parametrize(("question", "asked"), [
    ("Will NMN help me lose weight?", {"nmn", "weight"}),
    ("Can NMN treat my anxiety disorder?", {"nmn", "my", "anxiety", "disorder"}),
    ("Is nicotinamide riboside better than NMN at raising NAD+?", {"is", "nicotinamide", "riboside", "nmn"}),
    ("Does NMN help with alopecia areata, the patchy kind?", {"nmn", "alopecia", "areata"}),
    # how, not what: a gerund or a bare verb after "help X" is not the subject
    ("Is exosome therapy better than rubbing on minoxidil?", {"is", "exosome", "therapy"}),
    ("could nmn help my heart heal after a heart attack?", {"nmn", "my", "heart"}),
    ("What is NMN?", set()),
    # the thing a yes/no question asks what it does, and a comparison with a verb before "better" (pb13)
    ("Does saw palmetto block DHT and stop hair loss?", {"saw", "palmetto"}),
    ("Does nicotinamide riboside (NR) work better than NMN for hair loss?", {"does", "nicotinamide", "riboside", "nmn"}),
    ("Do exosome injections of stem cells help regrow hair?", set()),
])
def test_the_slot_a_question_names_what_it_asks_about_in(question: str, asked: set[str]) -> None:
    assert asked_for(question) == asked


def test_lexical_gaps_match_by_stem_and_by_prefix() -> None:
    texts = ["Japan ran the regrowth trial in older adults."]
    assert lexical_gaps(["japanese", "regrow", "adult", "cancer"], texts) == ["cancer"]


def test_without_terms_cuts_the_words_and_their_possessives() -> None:
    assert without_terms("Does NMN's effect on cancer last?", ["nmn", "cancer"]) == "Does effect on last?"


def _check(query: str, passages: Sequence[ScoredPassage], words: dict[str, np.ndarray],
           reduced_cos: float = 0.5, sentences: np.ndarray | None = None) -> object:
    qv = _unit(1.0)

    def word_vectors(ws: Sequence[str]) -> tuple[list[str], np.ndarray]:
        found = [w for w in ws if w in words]
        return found, np.stack([words[w] for w in found]) if found else np.zeros((0, 8), np.float32)

    def encode(texts: Sequence[str]) -> np.ndarray:
        # the gap terms get the 'cancer' direction; a reduced question is reduced_cos from the question
        return np.stack([_unit(reduced_cos, (1 - reduced_cos**2) ** 0.5) if " " in t else _unit(0, 0, 1) for t in texts])

    return check(query, qv, passages, S, word_vectors, encode,
                 sentence_vectors=(lambda _: sentences) if sentences is not None else None)


def test_no_close_passage() -> None:
    far = [ScoredPassage(_passage("NMN raises NAD+ levels."), 0.1, 1.0, 0.5)]
    assert _check("Does NMN help hair loss?", far, {}).abstain is Abstain.NO_CLOSE_PASSAGE
    assert _check("Does NMN help hair loss?", [], {}).abstain is Abstain.NO_CLOSE_PASSAGE


def test_a_missing_subject_that_carries_the_question_abstains() -> None:
    near = [ScoredPassage(_passage("NMN raises NAD+ levels in hair follicles."), 0.6, 1.0, 0.5)]
    verdict = _check("Does NMN cure cancer?", near, {"nmn": _unit(0, 1), "follicles": _unit(0, 1)})
    assert verdict.abstain is Abstain.SUBJECT_MISSING and verdict.coverage.missing == ("cancer",)
    assert verdict.note == "not addressed: cancer"


def test_a_missing_word_with_a_close_synonym_is_covered() -> None:
    near = [ScoredPassage(_passage("NMN and tumours in mice."), 0.6, 1.0, 0.5)]
    verdict = _check("Does NMN cure cancer?", near, {"tumours": _unit(0, 0.3, 1)})  # cosine ~0.96 with 'cancer'
    assert verdict.abstain is None


def test_a_missing_word_that_barely_matters_is_covered() -> None:
    near = [ScoredPassage(_passage("NMN raises NAD+ levels in hair follicles."), 0.6, 1.0, 0.5)]
    verdict = _check("Is NMN linked to cancer?", near, {}, reduced_cos=0.95)  # salience 0.05 < 0.12
    assert verdict.abstain is None and verdict.coverage.salience == pytest.approx(0.05, abs=1e-5)


def test_what_the_question_asks_about_is_missing_however_little_it_carries() -> None:
    """The same salience, but "cancer" is what "cure" asks about: missing."""
    near = [ScoredPassage(_passage("NMN raises NAD+ levels in hair follicles."), 0.6, 1.0, 0.5)]
    verdict = _check("Does NMN cure cancer?", near, {}, reduced_cos=0.95)
    assert verdict.abstain is Abstain.SUBJECT_MISSING and verdict.coverage.missing == ("cancer",)
    # ... unless a passage quotes may come from names it
    wider = near + [ScoredPassage(_passage(f"NMN, part {i}."), 0.6, 1.0, 0.5) for i in range(S.passages_for_scope - 1)]
    wider.append(ScoredPassage(_passage("Cancer cells and NMN."), 0.6, 1.0, 0.1))
    assert _check("Does NMN cure cancer?", wider, {}, reduced_cos=0.95).abstain is None


def test_a_weak_term_the_sentences_are_not_about_abstains_by_contrast() -> None:
    """Salience 0.10 is under min_salience, but when the nearest sentence is closer to the
    question without the term (contrast 0.10 >= min_contrast) the passages are about the rest
    of the question, and the term is missing; a sentence that is about the whole question
    keeps it covered."""
    near = [ScoredPassage(_passage("NMN raises NAD+ levels in hair follicles."), 0.6, 1.0, 0.5)]
    reduced = _unit(0.9, (1 - 0.81) ** 0.5)
    for sentences, abstains in ((reduced, True), (_unit(1.0), False)):
        verdict = _check("Is NMN linked to cancer?", near, {}, reduced_cos=0.9, sentences=np.stack([sentences]))
        assert (verdict.abstain is Abstain.SUBJECT_MISSING) is abstains, verdict
        assert verdict.coverage.contrast == pytest.approx(0.1 if abstains else -0.1, abs=1e-5)
    assert _check("Is NMN linked to cancer?", near, {}, reduced_cos=0.9).abstain is None  # no sentences given


def test_only_the_best_passages_count_for_scope() -> None:
    on_topic = ScoredPassage(_passage("Cancer and NMN."), 0.6, 1.0, 0.1)
    rest = [ScoredPassage(_passage(f"NMN raises NAD+ levels, part {i}."), 0.6, 1.0, 0.5) for i in range(S.passages_for_scope)]
    verdict = _check("Does NMN cure cancer?", rest + [on_topic], {})
    assert verdict.abstain is Abstain.SUBJECT_MISSING  # the fifth passage is not looked at


def test_the_check_encodes_only_what_the_index_does_not_hold() -> None:
    """Issue 20: a gap term the corpus uses elsewhere takes its vector from the index; the
    question cut of its weak terms is encoded only when some term is weak."""
    near = [ScoredPassage(_passage("NMN and tumours in mice."), 0.6, 1.0, 0.5)]
    held = {"tumours": _unit(0, 0.3, 1), "cancer": _unit(0, 0, 1)}
    calls: list[list[str]] = []

    def word_vectors(ws: Sequence[str]) -> tuple[list[str], np.ndarray]:
        found = [w for w in ws if w in held]
        return found, np.stack([held[w] for w in found]) if found else np.zeros((0, 8), np.float32)

    def encode(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.stack([_unit(0.5, 0.75**0.5) if " " in t else _unit(0, 1) for t in texts])

    assert check("Does NMN cure cancer?", _unit(1.0), near, S, word_vectors, encode).abstain is None
    assert calls == []  # 'cancer' came from the index and is close to 'tumours': nothing encoded

    calls.clear()
    verdict = check("Does NMN cure psoriasis?", _unit(1.0), near, S, word_vectors, encode)
    assert calls == [["psoriasis"], ["Does NMN cure ?"]]  # an unknown word, then the cut question
    assert verdict.abstain is Abstain.SUBJECT_MISSING and verdict.coverage.missing == ("psoriasis",)


@pytest.mark.parametrize(("question", "quoted", "missing"), [
    # a count, a price, who paid: quotes about the right study that never give it do not answer
    ("How many rats were in the study?", ["Researchers at Kyoto gave rats the extract in 2021 (miR-21 rose)."],
     "the number asked for"),
    ("How many rats were in the study?", ["Forty rats were given the extract for 8 weeks."], None),
    ("How many weeks did it last?", ["The trial ran for a 12-week period."], None),
    ("How much was given to each volunteer?", ["Each volunteer took the capsules with breakfast."], "the number asked for"),
    ("What does a course of the injections cost?", ["The injections are given every four weeks."], "a price"),
    ("What does a course of the injections cost?", ["A course costs about $900."], None),
    ("Who funded the trial?", ["The trial enrolled 60 adults."], "who paid for it"),
    ("Who funded the trial?", ["The trial was funded by a government grant."], None),
    ("Does it help hair regrow?", ["It helped hair regrow in mice."], None),
    ("How much does it help?", ["It helped hair regrow in mice."], None),
    # an amount to take (precision part pb7's kind, own wording): quotes that only name the nutrient do not answer
    ("How much zinc should I take each day for my nails?", ["Zinc and iron matter for healthy nails."],
     "the number asked for"),
    ("How much zinc should I take each day for my nails?", ["Adults took 15 mg of zinc a day."], None),
    # what the question already says is no answer (precision part pb8's kinds, own wording)
    ("How many of the 60 volunteers quit early?", ["The trial enrolled 60 volunteers."], "the number asked for"),
    ("How many of the 60 volunteers quit early?", ["Of the 60 volunteers, 7 quit early."], None),
    ("What daily dose of melatonin do sleep clinics use?", ["Melatonin is widely sold for sleep."], "the number asked for"),
])
def test_a_question_asking_for_a_number_price_or_funder_needs_a_quote_that_gives_it(
        question: str, quoted: list[str], missing: str | None) -> None:
    from nmnbot.pipeline.coverage import missing_answer

    assert missing_answer(question, quoted) == missing
