"""Question sets: the JSONL format of eval/README.md, read and checked."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nmnbot.errors import InputError

KINDS = ("answer", "none", "crisis", "emergency", "careful")


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    question: str
    source: str | None = None  # expected file; None: any source
    expect: tuple[str, ...] = ()  # a quote must contain one of these (case and spacing ignored)
    history: tuple[Mapping[str, str], ...] = ()
    # graded sets (eval/precision.jsonl): every answer-bearing sentence, {"source", "text", "level"}
    relevant: tuple[Mapping[str, str], ...] = ()
    intent: str | None = None
    split: str | None = None


@dataclass(frozen=True)
class QuestionSet:
    questions: tuple[Question, ...]
    thresholds: Mapping[str, float]
    claims_path: Path | None


def load_questions(path: str | Path) -> QuestionSet:
    """Read a question file; a line ``{"kind": "config", "thresholds": {...}, "claims": "..."}`` configures the run."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"question file {path} does not exist") from None
    questions: list[Question] = []
    thresholds: dict[str, float] = {}
    claims: Path | None = path.parent / "claims.jsonl"
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if d.get("kind") == "config":
            for key, value in (d.get("thresholds") or {}).items():
                if not re.fullmatch(r"(min|max)_\w+", key) or not isinstance(value, (int, float)):
                    raise InputError(f"{path}:{n}: threshold {key!r} must be min_<metric> or max_<metric> with a number")
                thresholds[key] = float(value)
            if "claims" in d:
                claims = (path.parent / d["claims"]) if d["claims"] else None
            continue
        if d.get("kind") not in KINDS:
            raise InputError(f"{path}:{n}: kind must be one of {', '.join(KINDS)} (or config)")
        if not isinstance(d.get("question"), str) or not d.get("id"):
            raise InputError(f"{path}:{n}: needs an id and a question")
        if d["id"] in seen:
            raise InputError(f"{path}:{n}: duplicate id {d['id']!r}")
        seen.add(d["id"])
        if d["kind"] == "answer" and not (d.get("expect") or d.get("relevant")):
            raise InputError(f"{path}:{n}: an answer question needs expect phrases or relevant sentences")
        for r in d.get("relevant") or ():
            if not isinstance(r, dict) or not {"source", "text", "level"} <= set(r):
                raise InputError(f"{path}:{n}: each relevant sentence needs source, text and level")
        questions.append(Question(str(d["id"]), d["kind"], d["question"], d.get("source"),
                                  tuple(d.get("expect") or ()), tuple(d.get("history") or ()),
                                  tuple(d.get("relevant") or ()), d.get("intent"), d.get("split")))
    if not questions:
        raise InputError(f"{path} has no questions")
    if claims is not None and not claims.is_file():
        claims = None
    return QuestionSet(tuple(questions), thresholds, claims)


def load_claims(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
