"""Tests for nmnbot.pipeline.compose: the Answer contract and the words nmnbot says itself."""

from __future__ import annotations

import pytest

from nmnbot.evidence import EvidenceLevel
from nmnbot.pipeline.compose import (
    CRISIS_CAVEAT, EMERGENCY_CAVEAT, NOT_FOUND_EVIDENCE, PHYSICIAN_CAVEAT, Answer, Quote, decision_notice,
    evidence_caveat, seller_note,
)

from helpers import HDPC, MOUSE_PARAGRAPH, TRIAL, TRIAL_RESULT

L = EvidenceLevel

# ---------------------------------------------------------------- caveats


def test_caveat_for_mice_and_cells() -> None:
    caveat = evidence_caveat(
        [(MOUSE_PARAGRAPH.split(". ")[0] + ".", L.ANIMAL), (HDPC, L.IN_VITRO), ("NMN may help.", L.OPINION)]
    )
    assert caveat == (
        "The strongest evidence quoted here is from studies in mice and in cells; it has not been shown in people."
    )


def test_caveat_for_the_trial_pulls_details_from_the_text() -> None:
    caveat = evidence_caveat([(TRIAL, L.HUMAN_RCT), (TRIAL_RESULT, L.HUMAN_RCT)])
    assert "randomized trial" in caveat
    assert "(108 people, 12 weeks)" in caveat
    assert "older adults" in caveat and "small" in caveat
    assert caveat.count(".") == 1  # one sentence


def test_caveat_details_are_not_hard_coded() -> None:
    text = "In a randomized trial, 2,400 women took calcium or placebo for 3 years."
    caveat = evidence_caveat([(text, L.HUMAN_RCT)])
    assert "(2,400 people, 3 years)" in caveat and "women" in caveat and "small" not in caveat


def test_caveat_for_opinion_only_and_for_nothing() -> None:
    assert evidence_caveat([("NMN may regulate the endocrine system.", L.OPINION)]) == (
        "This is the article's own opinion; no study is cited."
    )
    assert "no study" in evidence_caveat([]).lower()
    assert "advertising" in evidence_caveat([("Buy now!", L.PROMOTIONAL)])
    assert "individual patients" in evidence_caveat([("Mr. Chen's hair grew back.", L.CASE_REPORT)])




def _quote(text: str, level: EvidenceLevel) -> Quote:
    return Quote(text, "a.txt", "A", "A", 0, len(text), level, "", 1.0)


@pytest.mark.parametrize(("status", "required"), [
    ("answered", [PHYSICIAN_CAVEAT]), ("not_found", [NOT_FOUND_EVIDENCE, PHYSICIAN_CAVEAT]),
    ("crisis", [CRISIS_CAVEAT]), ("emergency", [EMERGENCY_CAVEAT]),
])
def test_every_status_carries_its_required_caveats(status: str, required: list[str]) -> None:
    quotes = (_quote("Mice grew more hair.", L.ANIMAL),) if status == "answered" else ()
    a = Answer("q", status, "text", quotes)
    for c in required:
        assert c in a.caveats


def test_the_evidence_line_leads_and_is_not_added_twice() -> None:
    quotes = (_quote(TRIAL, L.HUMAN_RCT),)
    strength = evidence_caveat([(TRIAL, L.HUMAN_RCT)])
    a = Answer("q", "answered", "text", quotes, ("Note: this source sells NMN, so ...",))
    assert a.caveats[0] == strength and a.caveats.count(strength) == 1
    again = Answer("q", "answered", "text", quotes, a.caveats)
    assert again.caveats == a.caveats


def test_a_personal_decision_notice_leads_the_evidence_line() -> None:
    """API.md: caveats[0] is the personal-decision or risk notice when there is one."""
    quotes = (_quote(TRIAL, L.HUMAN_RCT),)
    notice = decision_notice(("treatment",), mental_health=True)
    assert notice is not None
    a = Answer("q", "answered", "text", quotes, (notice, "Note: this source sells NMN, so ..."))
    assert a.caveats[0] == notice
    assert a.caveats[1] == evidence_caveat([(TRIAL, L.HUMAN_RCT)])
    assert Answer("q", "answered", "text", quotes, a.caveats).caveats == a.caveats


def test_an_answer_without_quotes_cannot_be_answered_and_others_carry_none() -> None:
    with pytest.raises(ValueError):
        Answer("q", "answered", "text")
    with pytest.raises(ValueError):
        Answer("q", "crisis", "text", (_quote("x" * 30, L.OPINION),))


def test_decision_notice_words_each_kind_once() -> None:
    both = decision_notice(("dose", "dose_amount"), mental_health=False)
    assert both is not None and both.count("personal dose") == 1
    assert decision_notice((), mental_health=False) is None
    assert "988" in (decision_notice((), mental_health=True) or "")


def test_seller_note() -> None:
    assert seller_note("this source sells NMN") == (
        "Note: this source sells NMN, so it has a reason to present it favourably.")
