"""Tests for nmnbot.pipeline.quotes: how a chosen sentence grows into a readable verbatim quote,
and which sentences are chosen, on hand-scored candidates (no model)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from nmnbot.config import Settings
from nmnbot.corpus import Passage, load_document
from nmnbot.pipeline.quotes import _expand, make_quotes, select_quotes
from nmnbot.pipeline.retrieve import Candidate

from helpers import GAS_DOC

S = Settings()

DOC = (
    "# NMN notes\n\n"
    "## Trial\n\n"
    "A randomized trial gave 108 older adults 250 mg of NMN a day for 12 weeks. "
    "The study found better sleep and leg strength. "
    "Buy our premium NMN powder today with code SAVE20.\n\n"
    "## Side effects\n\n"
    "Side effects reported include:\n\n"
    "- mild nausea\n"
    "- headache after the first dose\n"
)
MOOD_DOC = (
    "# NMN and mood\n\n"
    "Depression is a serious condition that affects millions of people. "
    "But can a supplement really lift your mood? "
    "Let's look at the evidence. "
    "NMN may support the brain's energy supply. "
    "In a study in mice, NMN reduced signs of low mood after eight weeks.\n"
)


@pytest.fixture(scope="module")
def passages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Passage]]:
    root = tmp_path_factory.mktemp("quotes")
    (root / "notes.md").write_text(DOC, encoding="utf-8")
    (root / "gas.md").write_text(GAS_DOC, encoding="utf-8")
    (root / "mood.md").write_text(MOOD_DOC, encoding="utf-8")
    return {name: list(load_document(root / name, root, S).passages) for name in ("notes.md", "gas.md", "mood.md")}


def _candidate(passages: list[Passage], text: str, score: float) -> Candidate:
    for p in passages:
        for s in p.sentences:
            if s.text == text:
                return Candidate(s, p, score, score)
    raise AssertionError(text)


def _quoted(pick: object, passages: list[Passage]) -> str:
    p = pick.passage  # type: ignore[attr-defined]
    return p.span(pick.start, pick.end)  # type: ignore[attr-defined]


def test_a_sentence_that_points_back_brings_the_one_before(passages: dict[str, list[Passage]]) -> None:
    c = _candidate(passages["notes.md"], "The study found better sleep and leg strength.", 1.0)
    assert _quoted(_expand(c, S), passages["notes.md"]) == (
        "A randomized trial gave 108 older adults 250 mg of NMN a day for 12 weeks. "
        "The study found better sleep and leg strength.")


def test_a_lead_in_takes_its_list_and_an_item_takes_its_lead_in(passages: dict[str, list[Passage]]) -> None:
    whole = "Side effects reported include:\n\n- mild nausea\n- headache after the first dose"
    lead = _candidate(passages["notes.md"], "Side effects reported include:", 1.0)
    item = _candidate(passages["notes.md"], "mild nausea", 1.0)  # markdown: the marker is markup
    assert _quoted(_expand(lead, S), passages["notes.md"]) == whole
    assert _quoted(_expand(item, S), passages["notes.md"]) == whole


def test_an_unpunctuated_lead_in_takes_its_list_too(passages: dict[str, list[Passage]]) -> None:
    item = _candidate(passages["gas.md"], "your symptoms change suddenly", 1.0)
    quoted = _quoted(_expand(item, S), passages["gas.md"])
    assert quoted.startswith("Talk with your health care provider if") and quoted.endswith("along with gas")


def test_no_quote_grows_past_the_length_limit(passages: dict[str, list[Passage]]) -> None:
    short = dataclasses.replace(S, max_quote_chars=60)
    c = _candidate(passages["notes.md"], "The study found better sleep and leg strength.", 1.0)
    assert _quoted(_expand(c, short), passages["notes.md"]) == "The study found better sleep and leg strength."


def test_advertising_is_never_chosen_however_well_it_scores(passages: dict[str, list[Passage]]) -> None:
    ad = _candidate(passages["notes.md"], "Buy our premium NMN powder today with code SAVE20.", 2.0)
    trial = _candidate(passages["notes.md"], "The study found better sleep and leg strength.", 1.0)
    picks = select_quotes([ad, trial], S)
    assert [p.first.text for p in picks] == ["A randomized trial gave 108 older adults 250 mg of NMN a day for 12 weeks."]
    assert select_quotes([ad], S) == []


def test_quotes_within_the_margin_only(passages: dict[str, list[Passage]]) -> None:
    good = _candidate(passages["notes.md"], "Side effects reported include:", 1.0)
    weak = _candidate(passages["gas.md"], "Eating fewer beans and less dairy reduces gas for most people.", 0.5)
    assert len(select_quotes([good, weak], S)) == 1
    close = _candidate(passages["gas.md"], "Eating fewer beans and less dairy reduces gas for most people.", 0.95)
    assert len(select_quotes([good, close], S)) == 2


def test_make_quotes_cuts_the_text_from_the_file_and_labels_it(tmp_path: Path, passages: dict[str, list[Passage]]) -> None:
    c = _candidate(passages["notes.md"], "The study found better sleep and leg strength.", 1.0)
    picks = select_quotes([c], S)
    (quote,) = make_quotes(picks, {"notes.md": DOC}, {"notes.md": "this source sells NMN"})
    assert DOC[quote.start : quote.end] == quote.text
    assert quote.evidence.value == "human_rct" and quote.seller == "this source sells NMN"


@pytest.mark.parametrize("text, filler", [
    ("If you are interested in trying NMN for depression, you may wonder how much you should take.", True),
    ("But what does the science say?", True),
    ("Let’s look at some of the scientific evidence behind NMN and depression.", True),
    ("But don't just take our word for it.", True),
    ("A randomized trial gave 108 older adults 250 mg of NMN a day.", False),
    # on MedQuAD this kind of sentence opens most definitions: it is an answer, not filler
    ("Achondroplasia is a common disorder of bone growth.", False),
])
def test_filler_is_a_question_to_the_reader_or_a_transition(text: str, filler: bool) -> None:
    from nmnbot.pipeline.quotes import is_filler

    assert is_filler(text) is filler


def test_the_ranker_veto_keeps_the_first_quote_and_drops_unlikely_others(passages: dict[str, list[Passage]]) -> None:
    from nmnbot.pipeline.quotes import keep_likely

    notes = passages["notes.md"]
    trial = _candidate(notes, "A randomized trial gave 108 older adults 250 mg of NMN a day for 12 weeks.", 0.9)
    nausea = _candidate(notes, "mild nausea", 0.8)
    picks = select_quotes([trial, nausea], S)
    assert len(picks) == 2
    ranked = [dataclasses.replace(trial, score=0.02), dataclasses.replace(nausea, score=0.05)]
    assert keep_likely(picks, ranked, 0.1) == picks[:1]  # the first stays whatever the ranker says
    ranked[1] = dataclasses.replace(nausea, score=0.5)
    assert keep_likely(picks, ranked, 0.1) == picks


def test_the_heuristics_quote_stands_beside_the_rankers_only_when_the_ranker_finds_it_likely(
        passages: dict[str, list[Passage]]) -> None:
    from nmnbot.pipeline.quotes import above_floor

    notes = passages["notes.md"]
    trial = _candidate(notes, "A randomized trial gave 108 older adults 250 mg of NMN a day for 12 weeks.", 0.9)
    first = select_quotes([trial], S)
    assert first and S.rank_heuristic_floor > 0
    unlikely = [dataclasses.replace(trial, score=S.rank_heuristic_floor / 2)]
    assert above_floor(first, unlikely, S.rank_heuristic_floor) == []
    likely = [dataclasses.replace(trial, score=S.rank_heuristic_floor)]
    assert above_floor(first, likely, S.rank_heuristic_floor) == first


def test_the_ranked_selection_never_quotes_filler_or_a_generic_statement(passages: dict[str, list[Passage]]) -> None:
    from nmnbot.pipeline.quotes import select_ranked

    mood = passages["mood.md"]
    ranked = [_candidate(mood, "Depression is a serious condition that affects millions of people.", 0.9),
              _candidate(mood, "But can a supplement really lift your mood?", 0.85),
              _candidate(mood, "Let's look at the evidence.", 0.8),
              _candidate(mood, "In a study in mice, NMN reduced signs of low mood after eight weeks.", 0.6)]
    picks = select_ranked(ranked, S)
    assert [_quoted(p, mood) for p in picks] == ["In a study in mice, NMN reduced signs of low mood after eight weeks."]


def test_a_study_leads_when_no_quote_reports_one(passages: dict[str, list[Passage]]) -> None:
    from nmnbot.pipeline.quotes import lead_with_study, select_ranked

    mood = passages["mood.md"]
    opinion = _candidate(mood, "NMN may support the brain's energy supply.", 0.7)
    study = _candidate(mood, "In a study in mice, NMN reduced signs of low mood after eight weeks.", 0.3)
    s = dataclasses.replace(S, rank_study_floor=0.15, rank_min_probability=0.5)
    picks = select_ranked([opinion, study], s)
    assert [_quoted(p, mood) for p in picks] == ["NMN may support the brain's energy supply."]
    led = lead_with_study(picks, [opinion, study], s)
    assert [_quoted(p, mood) for p in led][0].startswith("In a study in mice")
    assert len(led) == 2
    # below the floor the study is not thought to answer: nothing changes
    weak = dataclasses.replace(study, score=0.1)
    assert lead_with_study(picks, [opinion, weak], s) == picks


def test_a_generic_statement_answers_only_a_question_of_what_something_is(passages: dict[str, list[Passage]]) -> None:
    from nmnbot.pipeline.quotes import select_ranked

    mood = passages["mood.md"]
    generic = _candidate(mood, "Depression is a serious condition that affects millions of people.", 0.9)
    assert select_ranked([generic], S) == []
    assert [_quoted(p, mood) for p in select_ranked([generic], S, allow_generic=True)] == [
        "Depression is a serious condition that affects millions of people."]


def test_the_heuristic_best_joins_the_ranker_picks_and_overlaps_merge(passages: dict[str, list[Passage]]) -> None:
    from nmnbot.pipeline.quotes import with_heuristic_first

    mood = passages["mood.md"]
    energy = _expand(_candidate(mood, "NMN may support the brain's energy supply.", 0.7), S)
    study = _expand(_candidate(mood, "In a study in mice, NMN reduced signs of low mood after eight weeks.", 0.6), S)
    notes = passages["notes.md"]
    trial = _expand(_candidate(notes, "A randomized trial gave 108 older adults 250 mg of NMN a day for 12 weeks.", 0.9), S)
    # apart: both stand
    assert with_heuristic_first([trial], [energy], S) == [trial, energy]
    # the same span: one quote, not two
    assert with_heuristic_first([energy], [energy], S) == [energy]
    # overlapping spans in one passage become one quote covering both
    wide = dataclasses.replace(study, start=energy.start)
    merged = with_heuristic_first([study], [wide], S)
    assert len(merged) == 1 and (merged[0].start, merged[0].end) == (energy.start, study.end)
