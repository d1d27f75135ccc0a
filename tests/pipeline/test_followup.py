"""Tests for nmnbot.followup.contextualize on the dialogues in tests/data/followup_*.jsonl.

Follow-ups must carry the previous subject's words; new topics must come back unchanged.
"""

from __future__ import annotations

import json

import pytest

from nmnbot.pipeline.followup import contextualize, is_followup

from helpers import DATA
DIALOGUES = [json.loads(line) for line in (DATA / "followup_dialogues.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def _ok(case: dict) -> bool:
    out = contextualize(case["question"], case["history"])
    if not case["followup"]:
        return out == case["question"]
    lowered = out.lower()
    return (
        case["question"].lower() in lowered
        and all(word in lowered for word in case["must_contain"])
        and not any(word in lowered for word in case.get("must_not_contain", ()))
    )


@pytest.mark.parametrize("case", DIALOGUES, ids=lambda c: f"{c['split']}:{c['question'][:40]}")
def test_dialogue(case: dict) -> None:
    out = contextualize(case["question"], case["history"])
    assert _ok(case), f"{case['question']!r} -> {out!r}"


@pytest.mark.parametrize("split", ["dev", "heldout", "heldout2", "all"])
def test_accuracy(split: str, capsys: pytest.CaptureFixture[str]) -> None:
    pool = [c for c in DIALOGUES if split == "all" or c["split"] == split]
    if not pool:
        pytest.skip(f"no {split} dialogues")
    follow = [c for c in pool if c["followup"]]
    new = [c for c in pool if not c["followup"]]
    follow_ok = sum(_ok(c) for c in follow)
    new_ok = sum(_ok(c) for c in new)
    with capsys.disabled():
        print(f"\n[followup {split}] follow-ups merged {follow_ok}/{len(follow)}; new topics unchanged {new_ok}/{len(new)}")
    assert follow_ok == len(follow) and new_ok == len(new)
    if split == "dev":
        assert len(follow) >= 12 and len(new) >= 6


def test_no_history_returns_question() -> None:
    assert contextualize("what about in humans?", []) == "what about in humans?"


def test_assistant_turns_are_not_used_as_subject_when_a_user_subject_exists() -> None:
    history = [{"role": "user", "content": "Does NMN help the liver?"},
               {"role": "assistant", "content": "Exosome therapy regrows hair in mice [1]."}]
    out = contextualize("is it safe?", history)
    assert "liver" in out and "Exosome" not in out


def test_greeting_is_not_a_subject() -> None:
    history = [{"role": "user", "content": "hello there"}, {"role": "assistant", "content": "Hi!"}]
    assert contextualize("is it safe?", history) == "is it safe?"


def test_chain_stays_bounded() -> None:
    history = [{"role": "user", "content": "Does NMN help hair loss?"}]
    for q in ["why?", "and in mice?", "what about rats?", "how much?", "how long?", "is it safe?"]:
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": "..."}]
    out = contextualize("any side effects?", history)
    assert out.startswith("Does NMN help hair loss?") and out.endswith("any side effects?")
    assert len(out.split()) <= 20


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what about in humans?", True),
        ("and the side effects?", True),
        ("why?", True),
        ("is it safe?", True),
        ("does it work for women too?", True),
        ("What are exosomes?", False),
        ("Does NMN improve sleep?", False),
        ("Is it safe to take NMN with metformin?", False),
    ],
)
def test_is_followup(question: str, expected: bool) -> None:
    assert is_followup(question) is expected
