"""Tests for nmnbot.pipeline.disagreement: sources that contradict each other."""

from __future__ import annotations

import pytest

from nmnbot.pipeline.disagreement import Disagreement, find_disagreements

from helpers import TRIAL_RESULT

# ---------------------------------------------------------------- disagreements

NO_SIDE_EFFECTS = (
    "But what if there was a natural way to boost your mood and energy levels, without any side effects?"
)
NAUSEA = "– Nausea, vomiting, diarrhea, or stomach discomfort"
RAISED_PRESSURE = "– Increased blood pressure or heart rate"
LOWERS_PRESSURE = (
    "By promoting endothelial cells to release nitric oxide (NO), NMN effectively regulates vasodilation, maintains "
    "vascular elasticity, and helps lower blood pressure and delay the progression of atherosclerosis."
)
MORNING = (
    "– The best time to take NMN for depression is not clear, but some experts suggest taking it in the morning, "
    "as it may boost your energy and mood throughout the day."
)


def test_no_side_effects_versus_listed_side_effects() -> None:
    found = find_disagreements([NO_SIDE_EFFECTS, NAUSEA, RAISED_PRESSURE])
    side = [d for d in found if d.topic == "side effects"]
    assert [(d.first, d.second) for d in side] == [(0, 1), (0, 2)]
    assert side[0].note == (
        "The sources disagree about side effects: one says there are none, another lists some."
    )


def test_lower_versus_increased_blood_pressure() -> None:
    found = find_disagreements([LOWERS_PRESSURE, RAISED_PRESSURE])
    assert found == [
        Disagreement(
            0, 1, "blood pressure",
            "The sources disagree about blood pressure: one says it goes down, another says it can go up.",
        )
    ]


def test_afternoon_trial_versus_morning_advice() -> None:
    found = find_disagreements([TRIAL_RESULT, MORNING])
    assert [(d.first, d.second, d.topic) for d in found] == [(0, 1, "timing of the dose")]
    assert "afternoon" in found[0].note and "morning" in found[0].note


def test_different_doses() -> None:
    found = find_disagreements([TRIAL_RESULT, "Take 1,000 mg of NMN a day."])
    assert [(d.topic, d.note) for d in found] == [
        ("dose", "The sources give different doses: one says 250 mg, another 1,000 mg.")
    ]


@pytest.mark.parametrize(
    "texts",
    [
        [LOWERS_PRESSURE, "NMN may reduce blood pressure in older adults."],
        [NO_SIDE_EFFECTS, "NMN has no known side effects."],
        [MORNING, "Take NMN in the morning with breakfast."],
        # a range that contains the trial dose is not a disagreement
        [TRIAL_RESULT, "Most studies have used doses ranging from 250 mg/day to 500 mg/day."],
        # a time to avoid is not a time to take it; an oily scalp in the afternoon is not a dose
        [MORNING, "Taking it at night may interfere with your sleep quality and circadian rhythm."],
        [MORNING, "His hair was particularly oily every day in the afternoon."],
        # a lab concentration is not a dose
        [TRIAL_RESULT, "Particularly at a specific concentration (e.g., 0.316 mg/mL), the cell proliferation rate peaked."],
        ["Interactions with medications, especially those that affect blood pressure.", LOWERS_PRESSURE],
    ],
)
def test_agreeing_texts_do_not_disagree(texts: list[str]) -> None:
    assert find_disagreements(texts) == []


