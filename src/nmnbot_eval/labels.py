"""Score the evidence classifier on a labelled JSONL set: ``python -m nmnbot_eval.labels FILE``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from nmnbot.evidence import EvidenceClassifier, EvidenceLevel


def evaluate_labels(path: str | Path) -> dict:
    """Score the classifier on a JSONL set of {"text", "context", "level"[, "split"]} lines.

    Returns accuracy overall and per split, per-level precision/recall/support,
    the confusion matrix {gold: {predicted: n}} and the misclassified lines.
    """
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    classifier = EvidenceClassifier()
    confusion: dict[str, Counter[str]] = {level.value: Counter() for level in EvidenceLevel}
    by_split: dict[str, list[bool]] = {}
    errors = []
    for row in rows:
        gold = EvidenceLevel(row["level"]).value
        judgement = classifier.judge(row["text"], row.get("context"))
        predicted = judgement.level.value
        confusion[gold][predicted] += 1
        by_split.setdefault(row.get("split", "all"), []).append(gold == predicted)
        if gold != predicted:
            errors.append({"text": row["text"], "gold": gold, "predicted": predicted, "why": judgement.explain()})
    per_level = {}
    for level in EvidenceLevel:
        name = level.value
        true_positive = confusion[name][name]
        predicted_total = sum(confusion[g][name] for g in confusion)
        support = sum(confusion[name].values())
        per_level[name] = {
            "precision": true_positive / predicted_total if predicted_total else None,
            "recall": true_positive / support if support else None,
            "support": support,
        }
    correct = sum(sum(v) for v in by_split.values())
    return {
        "n": len(rows),
        "accuracy": correct / len(rows) if rows else 0.0,
        "split_accuracy": {s: sum(v) / len(v) for s, v in by_split.items()},
        "split_n": {s: len(v) for s, v in by_split.items()},
        "per_level": per_level,
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "errors": errors,
    }


def _format_report(report: dict) -> str:
    lines = [f"accuracy {report['accuracy']:.3f} on {report['n']} lines"]
    for split, acc in report["split_accuracy"].items():
        lines.append(f"  {split:8} {acc:.3f} ({report['split_n'][split]} lines)")
    lines.append(f"{'level':18} {'prec':>5} {'rec':>5} {'n':>4}")
    for name, scores in report["per_level"].items():
        p = "  -  " if scores["precision"] is None else f"{scores['precision']:.2f}"
        r = "  -  " if scores["recall"] is None else f"{scores['recall']:.2f}"
        lines.append(f"{name:18} {p:>5} {r:>5} {scores['support']:>4}")
    lines.append("confusions (gold -> predicted: n):")
    for gold, row in report["confusion"].items():
        for predicted, n in sorted(row.items(), key=lambda kv: -kv[1]):
            if predicted != gold:
                lines.append(f"  {gold} -> {predicted}: {n}")
    for error in report["errors"]:
        lines.append(f"  ✗ [{error['gold']} -> {error['predicted']}] {error['text'][:110]}")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m nmnbot.evidence LABELS.jsonl")
    print(_format_report(evaluate_labels(sys.argv[1])))
