"""Output: the metrics table, the misses, and the Markdown report with its chart."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .medquad import MEDQUAD_DISTRACTORS, MEDQUAD_MAX_CHARS_RATIO
from .scoring import ALWAYS, Outcome

_TABLE = [
    ("answer_hit_rate", "answer hit rate"), ("mrr", "MRR (first hitting quote)"),
    ("careful_hit_rate", "careful hit rate (+ caveat)"), ("careful_safe_rate", "careful answered/declined with caveat"),
    ("not_found_precision", "not_found precision"), ("not_found_recall", "not_found recall"),
    ("crisis_recall", "crisis recall"), ("emergency_recall", "emergency recall"),
    ("false_crisis_rate", "false crisis/emergency rate"), ("caveat_coverage", "caveat coverage"),
    ("answered_rate", "graded: answered"), ("any_relevant_rate", "graded: at least one relevant quote"),
    ("quote_precision", "graded: quote precision"), ("best_evidence_rate", "graded: strongest relevant evidence quoted"),
    ("verbatim_rate", "verbatim quote rate"), ("evidence_accuracy", "evidence-label accuracy"),
    ("latency_p50_ms", "latency p50 (ms)"), ("latency_p95_ms", "latency p95 (ms)"),
    ("baseline_hit_rate", "baseline hit rate (textbook RAG)"), ("quote_chars", "chars shown: our quotes"),
    ("baseline_chars", "chars shown: baseline chunks"), ("chars_ratio", "chars ratio ours/baseline"),
]


def fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.1f}" if v >= 10 else f"{v:.3f}"
    return str(v)


def metrics_rows(metrics: Mapping[str, Any], thresholds: Mapping[str, float]) -> list[tuple[str, str, str, str]]:
    rows = []
    for key, label in _TABLE:
        if key not in metrics:
            continue
        bound = next(((k.split("_", 1)[0], b) for k, b in {**thresholds, **ALWAYS}.items() if k.split("_", 1)[1] == key), None)
        v = metrics[key]
        status = ""
        if bound:
            ok = v is not None and (v >= bound[1] if bound[0] == "min" else v <= bound[1])
            status = "ok" if ok else "MISS"
        rows.append((label, fmt(v), f"{bound[0]} {bound[1]:g}" if bound else "", status))
    return rows


def format_table(metrics: Mapping[str, Any], thresholds: Mapping[str, float], medquad: Mapping[str, Any] | None = None) -> str:
    rows = [("metric", "value", "threshold", "")] + metrics_rows(metrics, thresholds)
    if medquad:
        rows += [
            (f"MedQuAD n={medquad['n']}: our hit rate", fmt(medquad["hit_rate"]), "", ""),
            ("MedQuAD: baseline hit rate", fmt(medquad["baseline_hit_rate"]), "", ""),
            ("MedQuAD: our not_found", str(medquad["not_found"]), "", ""),
            ("MedQuAD: chars ratio ours/baseline", fmt(medquad["chars_ratio"]), f"max {MEDQUAD_MAX_CHARS_RATIO:.3g}",
             "ok" if (medquad["chars_ratio"] or 0) <= MEDQUAD_MAX_CHARS_RATIO else "MISS"),
        ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = ", ".join(f"{k} {v}" for k, v in metrics["by_kind"].items())
    return f"{metrics['questions']} questions ({counts})\n" + "\n".join(lines)


def miss_records(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """Every question that did not get the reply its kind calls for, with what came back instead."""
    out = []
    for o in outcomes:
        if o.correct() and not o.verbatim_bad:
            continue
        q = o.question
        out.append({
            "id": q.id, "kind": q.kind, "question": q.question, "expected_source": q.source, "expect": list(q.expect),
            "status": o.answer["status"],
            "retrieved": [{"source": x["source"], "start": x["start"], "end": x["end"], "evidence": x["evidence"],
                           "text": " ".join(x["text"].split())} for x in o.answer["quotes"]],
            "caveats": o.answer["caveats"] if q.kind == "careful" else None,
            "verbatim_failures": o.verbatim_bad or None,
            "baseline_hit": o.baseline_hit,
        })
    return out


def _misses_markdown(misses: Sequence[Mapping[str, Any]]) -> str:
    lines = [f"# Misses ({len(misses)})", ""]
    for m in misses:
        lines.append(f"## {m['id']} ({m['kind']}): {m['question']}")
        want = f"`{m['expected_source'] or 'any source'}` containing " + " | ".join(f"“{e}”" for e in m["expect"]) \
            if m["expect"] else {"none": "not_found", "crisis": "crisis", "emergency": "emergency",
                                 "careful": "answered or not_found, with a careful caveat"}.get(m["kind"], "")
        lines.append(f"- wanted: {want}")
        lines.append(f"- got: **{m['status']}**" + (f" (baseline hit: {m['baseline_hit']})" if m["baseline_hit"] is not None else ""))
        for r in m["retrieved"]:
            lines.append(f"  - `{r['source']}[{r['start']}:{r['end']}]` ({r['evidence']}): {r['text'][:300]}")
        if m["caveats"]:
            lines.append("  - caveats: " + " / ".join(m["caveats"]))
        if m["verbatim_failures"]:
            lines.append(f"  - NOT VERBATIM: {m['verbatim_failures']}")
        lines.append("")
    return "\n".join(lines)


def write_report(report_dir: Path, result: Mapping[str, Any], medquad: Mapping[str, Any] | None = None) -> list[Path]:
    """report.md, chart.png, misses.md and misses.jsonl (and medquad.jsonl when MedQuAD ran)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    report_dir.mkdir(parents=True, exist_ok=True)
    metrics, thresholds = result["metrics"], result["thresholds"]
    misses = miss_records(result["outcomes"])
    written = []

    names = ["answer_hit_rate", "mrr", "careful_safe_rate", "not_found_precision", "not_found_recall",
             "crisis_recall", "emergency_recall", "caveat_coverage", "verbatim_rate", "evidence_accuracy"]
    names = [n for n in names if metrics.get(n) is not None]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [3, 1.2]})
    ax.bar(range(len(names)), [metrics[n] for n in names], color="#4a7bb7")
    for i, n in enumerate(names):
        if f"min_{n}" in thresholds:
            ax.hlines(thresholds[f"min_{n}"], i - 0.4, i + 0.4, colors="#c0392b", linewidth=2)
    ax.set_xticks(range(len(names)), [n.replace("_", "\n") for n in names], fontsize=7)
    ax.set_ylim(0, 1.05)
    ax.set_title("nmnbot metrics (red: minimum)")
    labels, ours, base = ["eval hit rate"], [metrics["answer_hit_rate"] or 0], [metrics.get("baseline_hit_rate")]
    if medquad:
        labels.append("MedQuAD hit rate"), ours.append(medquad["hit_rate"] or 0), base.append(medquad["baseline_hit_rate"])
    x = range(len(labels))
    ax2.bar([i - 0.2 for i in x], ours, width=0.4, label="nmnbot", color="#4a7bb7")
    if any(b is not None for b in base):
        ax2.bar([i + 0.2 for i in x], [b or 0 for b in base], width=0.4, label="textbook RAG", color="#aaaaaa")
    ax2.set_xticks(list(x), labels, fontsize=8)
    ax2.set_ylim(0, 1.05)
    ax2.legend(fontsize=8)
    ax2.set_title("vs baseline")
    fig.tight_layout()
    fig.savefig(report_dir / "chart.png", dpi=110)
    plt.close(fig)
    written.append(report_dir / "chart.png")

    (report_dir / "misses.md").write_text(_misses_markdown(misses), encoding="utf-8")
    with (report_dir / "misses.jsonl").open("w", encoding="utf-8") as fh:
        for m in misses:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    written += [report_dir / "misses.md", report_dir / "misses.jsonl"]

    md = ["# nmnbot evaluation", "", "```", format_table(metrics, thresholds, medquad), "```", ""]
    md += ["## Threshold check", ""] + ([f"- MISSED: {f}" for f in result["failures"]] or ["- all thresholds met"]) + [""]
    md += ["![metrics](chart.png)", "", f"## Misses: {len(misses)} (details in misses.md)", ""]
    md += [f"- {m['id']} ({m['kind']}, got {m['status']}): {m['question']}" for m in misses] + [""]
    if result.get("evidence_misses"):
        md += ["## Evidence-label misses", ""]
        md += [f"- expected `{e['level']}`, got `{e['predicted']}`: {e['text'][:140]}" for e in result["evidence_misses"]] + [""]
    if medquad:
        md += ["## MedQuAD", "", f"{medquad['n']} questions (seed {medquad['seed']}), {medquad['docs']} docs incl. "
               f"{MEDQUAD_DISTRACTORS} distractors; ingest {medquad['ingest_s']} s.", "",
               f"- our hit rate (a quote inside the gold answer span): {fmt(medquad['hit_rate'])}",
               f"- baseline hit rate (a chunk overlapping the gold span): {fmt(medquad['baseline_hit_rate'])}",
               f"- chars shown: ours {medquad['quote_chars']:,} vs baseline {medquad['baseline_chars']:,} "
               f"(ratio {fmt(medquad['chars_ratio'])})",
               f"- our misses by type: {medquad['misses_by_type']}", ""]
        with (report_dir / "medquad.jsonl").open("w", encoding="utf-8") as fh:
            for r in medquad["rows"]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        written.append(report_dir / "medquad.jsonl")
    (report_dir / "report.md").write_text("\n".join(md), encoding="utf-8")
    written.insert(0, report_dir / "report.md")
    return written
