"""Tests for nmnbot.pipeline.triage: routes on the labelled cases in tests/data/triage_cases.jsonl.

Each case is its own test (so a failure names the phrasing); the summary tests
print recall and false-positive rates per split ("dev" was tuned on, "heldout" not).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable

import pytest

from nmnbot.pipeline.compose import (
    CAVEAT_CHILD,
    CAVEAT_DOSE,
    CAVEAT_PREGNANCY,
    CAVEAT_TREATMENT,
    CRISIS_RESOURCES,
    GENTLE_MENTAL_HEALTH,
    crisis_reply,
    decision_notice,
    emergency_reply,
)
from nmnbot.pipeline.triage import Route, TriageResult, normalize, triage

from helpers import DATA
CASES = [json.loads(line) for line in (DATA / "triage_cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]

CAVEAT_TEXT = {
    "treatment": CAVEAT_TREATMENT,
    "dose": CAVEAT_DOSE,
    "child": CAVEAT_CHILD,
    "pregnancy": CAVEAT_PREGNANCY,
}


def _expected(case: dict) -> set[str]:
    expect = case["expect"]
    return set(expect) if isinstance(expect, list) else {expect}


def _message(r: TriageResult) -> str | None:
    """The reply compose words for this route (crisis and emergency only)."""
    if r.route is Route.CRISIS:
        return crisis_reply(r.emergency)
    return emergency_reply(r.emergency or "") if r.route is Route.EMERGENCY else None


def _caveat(r: TriageResult) -> str | None:
    return None if r.route in (Route.CRISIS, Route.EMERGENCY) else decision_notice(r.careful, r.mental_health)


def _run(case: dict) -> TriageResult:
    return triage(case["text"], case.get("history", ()))


def _case_id(case: dict) -> str:
    return f"{case['split']}:{case['kind']}:{case['text'][:50]}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case_route(case: dict) -> None:
    result = _run(case)
    expected = _expected(case)
    # Crisis beats emergency: an emergency case with intent may come back as crisis.
    if expected == {"emergency"}:
        expected = {"emergency", "crisis"}
    assert result.route.value in expected, f"{case['text']!r} -> {result.route.value} ({result.reason})"
    if "caveat" in case:
        assert _caveat(result) is not None and CAVEAT_TEXT[case["caveat"]] in _caveat(result), result
    if case.get("gentle") and result.route is Route.NORMAL:
        assert _caveat(result) == GENTLE_MENTAL_HEALTH, result


def _rate(cases: Iterable[dict], hit) -> tuple[int, int]:
    cases = list(cases)
    return sum(1 for c in cases if hit(_run(c))), len(cases)


@pytest.mark.parametrize("split", ["dev", "heldout", "heldout2", "all"])
def test_summary_rates(split: str, capsys: pytest.CaptureFixture[str]) -> None:
    pool = [c for c in CASES if split == "all" or c["split"] == split]
    if not pool:
        pytest.skip(f"no {split} cases")
    crisis = [c for c in pool if _expected(c) == {"crisis"}]
    non_crisis = [c for c in pool if "crisis" not in _expected(c)]
    emergency = [c for c in pool if _expected(c) == {"emergency"}]
    symptom_info = [c for c in pool if c["kind"] == "symptom_info"]
    careful = [c for c in pool if _expected(c) == {"careful"}]
    ordinary = [c for c in pool if c["kind"] == "ordinary"]

    crisis_hits, crisis_n = _rate(crisis, lambda r: r.route is Route.CRISIS)
    false_crisis, non_crisis_n = _rate(non_crisis, lambda r: r.route is Route.CRISIS)
    em_hits, em_n = _rate(emergency, lambda r: r.route in (Route.EMERGENCY, Route.CRISIS))
    false_em, info_n = _rate(symptom_info, lambda r: r.route is Route.EMERGENCY)
    careful_hits, careful_n = _rate(careful, lambda r: r.route is Route.CAREFUL)
    false_careful, ordinary_n = _rate(ordinary, lambda r: r.route is Route.CAREFUL)
    with capsys.disabled():
        print(
            f"\n[triage {split}] crisis recall {crisis_hits}/{crisis_n}; "
            f"false crisis {false_crisis}/{non_crisis_n}; "
            f"emergency recall {em_hits}/{em_n}; false emergency on symptom questions {false_em}/{info_n}; "
            f"careful recall {careful_hits}/{careful_n}; careful on ordinary {false_careful}/{ordinary_n}"
        )
    # Crisis recall must be perfect on every split; false crisis at most 2%.
    assert crisis_hits == crisis_n
    assert false_crisis <= 0.02 * non_crisis_n
    assert em_hits == em_n
    if split == "dev":
        assert crisis_n >= 50 and non_crisis_n >= 50 and em_n >= 20 and info_n >= 20 and careful_n >= 20


def test_dataset_covers_every_crisis_kind() -> None:
    kinds = {c["kind"] for c in CASES if _expected(c) == {"crisis"}}
    assert {"direct", "indirect", "slang", "typo", "mixed", "lethal_dose", "history"} <= kinds


# ---- messages ---------------------------------------------------------------


def test_crisis_message_is_warm_safe_and_free_of_nmn() -> None:
    result = triage("I want to die")
    assert result.route is Route.CRISIS and _caveat(result) is None
    message = _message(result) or ""
    assert CRISIS_RESOURCES in message
    assert "988" in message and "findahelpline.com" in message and "emergency number" in message
    assert "keep talking" in message
    lowered = message.lower()
    assert "nmn" not in lowered and "committed suicide" not in lowered and "dose" not in lowered


def test_crisis_with_overdose_puts_the_emergency_call_first() -> None:
    result = triage("I took the whole bottle on purpose because I want to die")
    assert result.route is Route.CRISIS
    assert (_message(result) or "").startswith("**If you have already taken something")


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("my kid swallowed my NMN pills", "1-800-222-1222"),
        ("I'm having chest pain after taking NMN", "sit down"),
        ("my face is drooping on one side", "time the symptoms started"),
        ("my lips are swelling up", "EpiPen"),
    ],
)
def test_emergency_message_starts_with_the_call(text: str, advice: str) -> None:
    result = triage(text)
    assert result.route is Route.EMERGENCY
    message = _message(result) or ""
    assert message.startswith("Call your local emergency number (911 / 112 / 999) now")
    assert advice in message
    assert not re.search(r"\bnmn\b", message.lower())  # "nmnbot" is fine, NMN content is not


def test_careful_never_carries_a_message_and_normal_has_no_caveat_by_default() -> None:
    careful = triage("How much NMN should I take?")
    assert careful.route is Route.CAREFUL and _message(careful) is None and _caveat(careful) == CAVEAT_DOSE
    normal = triage("Does NMN help hair loss?")
    assert normal == TriageResult(Route.NORMAL, "no cue")


def test_careful_on_a_mood_topic_adds_the_gentle_line() -> None:
    result = triage("can I stop my antidepressants and take NMN instead")
    assert result.route is Route.CAREFUL
    assert CAVEAT_TREATMENT in (_caveat(result) or "") and GENTLE_MENTAL_HEALTH in (_caveat(result) or "")


def test_reason_names_the_cue() -> None:
    assert triage("kms").reason.startswith("suicide slang")
    assert "overdose" in triage("my toddler ate a bunch of my supplements").reason


def test_history_continuation_needs_a_crisis_turn_before_it() -> None:
    assert triage("yes", [{"role": "user", "content": "Does NMN help sleep?"}]).route is Route.NORMAL
    crisis_history = [{"role": "user", "content": "everyone would be better off without me"},
                      {"role": "assistant", "content": "..."}]
    assert triage("I'm serious", crisis_history).route is Route.CRISIS
    assert triage("ok thanks", crisis_history).route is Route.NORMAL


# ---- normalisation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I want to DIIIIEEEE", "i want to die"),
        ("k1ll mys3lf", "kill myself"),
        ("ki\u200bll myself", "kill myself"),
        ("\uff4b\uff4d\uff53", "kms"),  # full-width letters via NFKC
        ("I\u2019m fine", "i'm fine"),
        ("take 250 mg!", "take 250 mg!"),
        ("I feel sleepy", "i feel sleepy"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_import_is_cheap() -> None:
    code = "import sys, nmnbot.pipeline.triage, nmnbot.pipeline.followup; print(sorted(m for m in ('torch','chromadb','gradio','sentence_transformers') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
