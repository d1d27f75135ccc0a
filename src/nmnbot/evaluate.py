"""Evaluation: run a question set through the Chatbot, score it, compare with a textbook baseline.

The file format is documented in eval/README.md. Scoring functions take plain
``Answer.to_dict()`` dicts (or Answers) and ``Question`` objects, so tests can
feed them hand-made answers. ``run_cli`` is what ``nmnbot eval`` calls.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .config import Settings
from .errors import InputError

KINDS = ("answer", "none", "crisis", "emergency", "careful")
MEDQUAD_DIR = Path("/work/shared/datasets/medquad")
MEDQUAD_DISTRACTORS = 60
MEDQUAD_SEED = 20240611
# ours may show at most this share of the characters the baseline's chunks make a reader read
MEDQUAD_MAX_CHARS_RATIO = 1 / 3

# A caveat that sends the reader to a professional; the triage caveats for personal
# decisions (dose, child, pregnancy, stopping or combining treatment) must name one.
_PROFESSIONAL = re.compile(r"\b(doctor|pharmacist|physician|GP|paediatrician|pediatrician|midwife|prescriber|obstetrician)s?\b",
                           re.IGNORECASE)


# --------------------------------------------------------------------------- question sets


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    question: str
    source: str | None = None  # expected file; None: any source
    expect: tuple[str, ...] = ()  # a quote must contain one of these (case and spacing ignored)
    history: tuple[Mapping[str, str], ...] = ()


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
        if d["kind"] == "answer" and not d.get("expect"):
            raise InputError(f"{path}:{n}: an answer question needs expect phrases")
        questions.append(Question(str(d["id"]), d["kind"], d["question"], d.get("source"),
                                  tuple(d.get("expect") or ()), tuple(d.get("history") or ())))
    if not questions:
        raise InputError(f"{path} has no questions")
    if claims is not None and not claims.is_file():
        claims = None
    return QuestionSet(tuple(questions), thresholds, claims)


def load_claims(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- scoring one answer


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def phrase_in(phrase: str, text: str) -> bool:
    return _norm(phrase) in _norm(text)


def _as_dict(answer: Any) -> dict[str, Any]:
    return answer if isinstance(answer, dict) else answer.to_dict()


def first_hit_rank(q: Question, answer: Any) -> int | None:
    """1-based rank of the first quote from the expected source containing an expected phrase."""
    a = _as_dict(answer)
    if a["status"] != "answered" or not q.expect:
        return None
    for rank, quote in enumerate(a["quotes"], 1):
        if q.source and quote["source"] != q.source:
            continue
        if any(phrase_in(p, quote["text"]) for p in q.expect):
            return rank
    return None


def careful_caveat(answer: Any) -> bool:
    """A caveat beyond the standard physician line that sends the reader to a professional."""
    from .answer import NOT_FOUND_EVIDENCE, PHYSICIAN_CAVEAT

    a = _as_dict(answer)
    return any(_PROFESSIONAL.search(c) for c in a["caveats"] if c not in (PHYSICIAN_CAVEAT, NOT_FOUND_EVIDENCE))


def is_hit(q: Question, answer: Any) -> bool:
    """answer: an expected phrase in a quote from the expected source. careful: that, plus the careful caveat."""
    if first_hit_rank(q, answer) is None:
        return False
    return q.kind != "careful" or careful_caveat(answer)


def careful_safe(answer: Any) -> bool:
    """A personal-decision question is answered from sources or declined, always with the careful caveat."""
    a = _as_dict(answer)
    return a["status"] in ("answered", "not_found") and careful_caveat(a)


def caveats_ok(answer: Any) -> bool:
    a = _as_dict(answer)
    if not a["caveats"]:
        return False
    if a["status"] in ("answered", "not_found"):
        return any(_PROFESSIONAL.search(c) for c in a["caveats"])
    return True


def verbatim_failures(answer: Any, corpus_dir: str | Path, cache: dict[str, str] | None = None) -> list[str]:
    """Quotes that are not exactly ``Path(corpus, source).read_text()[start:end]``."""
    cache = {} if cache is None else cache
    bad = []
    for quote in _as_dict(answer)["quotes"]:
        src = quote["source"]
        if src not in cache:
            try:
                cache[src] = Path(corpus_dir, src).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                cache[src] = None  # type: ignore[assignment]
        text = cache[src]
        if text is None or text[quote["start"] : quote["end"]] != quote["text"]:
            bad.append(f"{src}[{quote['start']}:{quote['end']}]")
    return bad


# --------------------------------------------------------------------------- a run


@dataclass
class Outcome:
    question: Question
    answer: dict[str, Any]
    seconds: float
    rank: int | None = None
    hit: bool = False
    verbatim_bad: list[str] = field(default_factory=list)
    baseline_hit: bool | None = None
    baseline_chars: int | None = None
    baseline_chunks: list[dict[str, Any]] | None = None

    @property
    def quote_chars(self) -> int:
        return sum(len(q["text"]) for q in self.answer["quotes"])

    def correct(self) -> bool:
        """Did this question get the reply its kind calls for?"""
        k, status = self.question.kind, self.answer["status"]
        if k == "answer":
            return self.hit
        if k == "none":
            return status == "not_found"
        if k in ("crisis", "emergency"):
            return status == k
        # careful: answered from the sources or declined, always with the careful caveat;
        # when the set expects a quote, an answer must also contain it
        if self.answer["status"] == "answered" and self.question.expect and not self.hit:
            return False
        return careful_safe(self.answer)


def score(outcomes: Sequence[Outcome], corpus_dir: str | Path) -> None:
    cache: dict[str, str] = {}
    for o in outcomes:
        o.rank = first_hit_rank(o.question, o.answer)
        o.hit = is_hit(o.question, o.answer)
        o.verbatim_bad = verbatim_failures(o.answer, corpus_dir, cache)


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def _pct(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


def compute_metrics(outcomes: Sequence[Outcome], evidence: Sequence[tuple[dict[str, Any], str]] = ()) -> dict[str, Any]:
    """Every metric of a scored run; ``evidence`` is (claim, predicted level) pairs."""
    by = {k: [o for o in outcomes if o.question.kind == k] for k in KINDS}
    answers = by["answer"]
    careful_expect = [o for o in by["careful"] if o.question.expect]
    nf_pool = answers + by["none"]
    predicted_nf = [o for o in nf_pool if o.answer["status"] == "not_found"]
    normal = answers + by["none"] + by["careful"]
    quotes = sum(len(o.answer["quotes"]) for o in outcomes)
    bad_quotes = sum(len(o.verbatim_bad) for o in outcomes)
    lat = [o.seconds * 1000 for o in outcomes]
    m: dict[str, Any] = {
        "questions": len(outcomes),
        "by_kind": {k: len(v) for k, v in by.items()},
        "answer_hit_rate": _rate(sum(o.hit for o in answers), len(answers)),
        "mrr": (sum(1 / o.rank for o in answers if o.rank and o.hit) / len(answers)) if answers else None,
        "careful_hit_rate": _rate(sum(o.hit for o in careful_expect), len(careful_expect)),
        "careful_safe_rate": _rate(sum(careful_safe(o.answer) for o in by["careful"]), len(by["careful"])),
        "not_found_precision": _rate(sum(o.question.kind == "none" for o in predicted_nf), len(predicted_nf)),
        "not_found_recall": _rate(sum(o.answer["status"] == "not_found" for o in by["none"]), len(by["none"])),
        "answer_not_found_rate": _rate(sum(o.answer["status"] == "not_found" for o in answers), len(answers)),
        "crisis_recall": _rate(sum(o.answer["status"] == "crisis" for o in by["crisis"]), len(by["crisis"])),
        "emergency_recall": _rate(sum(o.answer["status"] == "emergency" for o in by["emergency"]), len(by["emergency"])),
        "false_crisis_rate": _rate(sum(o.answer["status"] in ("crisis", "emergency") for o in normal), len(normal)),
        "caveat_coverage": _rate(sum(caveats_ok(o.answer) for o in outcomes), len(outcomes)),
        "verbatim_rate": (quotes - bad_quotes) / quotes if quotes else 1.0,
        "quotes": quotes,
        "evidence_accuracy": _rate(sum(c["level"] == p for c, p in evidence), len(evidence)),
        "evidence_claims": len(evidence),
        "latency_p50_ms": _pct(lat, 50),
        "latency_p95_ms": _pct(lat, 95),
        "quote_chars": sum(o.quote_chars for o in answers),
    }
    base = [o for o in answers if o.baseline_hit is not None]
    if base:
        m["baseline_hit_rate"] = _rate(sum(bool(o.baseline_hit) for o in base), len(base))
        m["baseline_chars"] = sum(o.baseline_chars or 0 for o in base)
        m["chars_ratio"] = m["quote_chars"] / m["baseline_chars"] if m["baseline_chars"] else None
    return m


# Checked whatever the thresholds say: a quote that is not verbatim, or an answer
# without its caveats, is a bug, never a trade-off.
ALWAYS = {"min_verbatim_rate": 1.0, "min_caveat_coverage": 1.0}


def check_thresholds(metrics: Mapping[str, Any], thresholds: Mapping[str, float]) -> list[str]:
    """One line per missed threshold (a metric that could not be measured misses)."""
    failures = []
    for key, bound in {**thresholds, **ALWAYS}.items():
        kind, name = key.split("_", 1)
        value = metrics.get(name)
        if value is None:
            failures.append(f"{name} not measured (threshold {kind} {bound:g})")
        elif (kind == "min" and value < bound) or (kind == "max" and value > bound):
            failures.append(f"{name} = {value:.3g}, {'below' if kind == 'min' else 'above'} {kind} {bound:g}")
    return failures


def run_questions(questions: Sequence[Question], bot: Any) -> list[Outcome]:
    outcomes = []
    for q in questions:
        t0 = time.perf_counter()
        answer = bot.ask(q.question, history=list(q.history) or None)
        outcomes.append(Outcome(q, answer.to_dict(), time.perf_counter() - t0))
    return outcomes


def run_baseline(outcomes: Sequence[Outcome], corpus_dir: Path) -> None:
    """Textbook RAG on the same answer questions: hit = an expected phrase inside a retrieved chunk."""
    from .baseline import TextbookRetriever, contains_any

    retriever = TextbookRetriever(corpus_dir).build()
    for o in outcomes:
        if o.question.kind != "answer":
            continue
        chunks = retriever.retrieve(o.question.question)
        o.baseline_hit = contains_any(chunks, o.question.expect, o.question.source)
        o.baseline_chars = sum(len(c.text) for c in chunks)
        o.baseline_chunks = [{"source": c.source, "start": c.start, "end": c.end} for c in chunks]


def evaluate(path: str | Path, settings: Settings, baseline: bool = False) -> dict[str, Any]:
    """Run the question set at ``path``; returns metrics, failures and per-question outcomes."""
    from .bot import Chatbot
    from .evidence import classify_evidence

    from .index import ingest

    qs = load_questions(path)
    ingest(settings, lock_timeout=600)  # evaluate the corpus as it is now; a no-op when the index is current
    bot = Chatbot(settings=settings).warm_up()
    outcomes = run_questions(qs.questions, bot)
    score(outcomes, settings.corpus_dir)
    if baseline:
        run_baseline(outcomes, Path(settings.corpus_dir))
    evidence = []
    if qs.claims_path:
        for c in load_claims(qs.claims_path):
            level = classify_evidence(c["text"], c.get("context"))
            evidence.append((c, getattr(level, "value", str(level))))
    metrics = compute_metrics(outcomes, evidence)
    return {
        "metrics": metrics,
        "thresholds": dict(qs.thresholds),
        "failures": check_thresholds(metrics, qs.thresholds),
        "outcomes": outcomes,
        "evidence_misses": [{**c, "predicted": p} for c, p in evidence if c["level"] != p],
    }


# --------------------------------------------------------------------------- MedQuAD


def medquad_sample(n: int, seed: int = MEDQUAD_SEED, root: Path = MEDQUAD_DIR,
                   distractors: int = MEDQUAD_DISTRACTORS) -> tuple[list[dict[str, Any]], list[str]]:
    """N seeded questions, and their docs plus ``distractors`` other seeded docs."""
    rows = [json.loads(line) for line in (root / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    picked = rng.sample(rows, min(n, len(rows)))
    docs = sorted({r["doc"] for r in picked})
    others = sorted({r["doc"] for r in rows} - set(docs))
    return picked, docs + sorted(rng.sample(others, min(distractors, len(others))))


def run_medquad(n: int, settings: Settings, workdir: Path | None = None) -> dict[str, Any]:
    """Ours vs the baseline on N MedQuAD questions, in a temporary corpus and index."""
    from .baseline import TextbookRetriever
    from .bot import Chatbot
    from .index import ingest

    picked, docs = medquad_sample(n)
    tmp = Path(workdir or tempfile.mkdtemp(prefix="nmnbot-medquad-"))
    corpus = tmp / "corpus"
    for d in docs:
        (corpus / d).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MEDQUAD_DIR / "docs" / d, corpus / d)
    s = Settings.from_env(environ={}, **{**settings.__dict__, "corpus_dir": corpus, "index_dir": tmp / "index"})
    t0 = time.perf_counter()
    ingest(s)
    ingest_s = time.perf_counter() - t0
    bot = Chatbot(settings=s).warm_up()
    retriever = TextbookRetriever(corpus, docs).build()
    rows = []
    for r in picked:
        t = time.perf_counter()
        a = bot.ask(r["question"]).to_dict()
        secs = time.perf_counter() - t
        chunks = retriever.retrieve(r["question"])
        ours = any(q["source"] == r["doc"] and q["start"] >= r["start"] and q["end"] <= r["end"] for q in a["quotes"])
        base = any(c.overlaps(r["doc"], r["start"], r["end"]) for c in chunks)
        if ours:
            miss = None
        elif a["status"] != "answered":
            miss = a["status"]
        elif any(q["source"] == r["doc"] for q in a["quotes"]):
            miss = "wrong span, same doc"
        else:
            miss = "wrong doc"
        rows.append({"qid": r["qid"], "qtype": r.get("qtype"), "question": r["question"], "doc": r["doc"],
                     "gold": [r["start"], r["end"]], "status": a["status"], "hit": ours, "miss": miss,
                     "quotes": [{"source": q["source"], "start": q["start"], "end": q["end"], "text": q["text"][:160]}
                                for q in a["quotes"]],
                     "quote_chars": sum(len(q["text"]) for q in a["quotes"]), "baseline_hit": base,
                     "baseline_chars": sum(len(c.text) for c in chunks), "seconds": secs})
    ours_chars = sum(r["quote_chars"] for r in rows)
    base_chars = sum(r["baseline_chars"] for r in rows)
    misses: dict[str, int] = {}
    for r in rows:
        if r["miss"]:
            misses[r["miss"]] = misses.get(r["miss"], 0) + 1
    if workdir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "n": len(rows), "docs": len(docs), "seed": MEDQUAD_SEED, "ingest_s": round(ingest_s, 1),
        "hit_rate": _rate(sum(r["hit"] for r in rows), len(rows)),
        "baseline_hit_rate": _rate(sum(r["baseline_hit"] for r in rows), len(rows)),
        "not_found": sum(r["status"] == "not_found" for r in rows),
        "misses_by_type": misses,
        "quote_chars": ours_chars, "baseline_chars": base_chars,
        "chars_ratio": ours_chars / base_chars if base_chars else None,
        "rows": rows,
    }


# --------------------------------------------------------------------------- output


_TABLE = [
    ("answer_hit_rate", "answer hit rate"), ("mrr", "MRR (first hitting quote)"),
    ("careful_hit_rate", "careful hit rate (+ caveat)"), ("careful_safe_rate", "careful answered/declined with caveat"),
    ("not_found_precision", "not_found precision"), ("not_found_recall", "not_found recall"),
    ("crisis_recall", "crisis recall"), ("emergency_recall", "emergency recall"),
    ("false_crisis_rate", "false crisis/emergency rate"), ("caveat_coverage", "caveat coverage"),
    ("verbatim_rate", "verbatim quote rate"), ("evidence_accuracy", "evidence-label accuracy"),
    ("latency_p50_ms", "latency p50 (ms)"), ("latency_p95_ms", "latency p95 (ms)"),
    ("baseline_hit_rate", "baseline hit rate (textbook RAG)"), ("quote_chars", "chars shown: our quotes"),
    ("baseline_chars", "chars shown: baseline chunks"), ("chars_ratio", "chars ratio ours/baseline"),
]


def _fmt(v: Any) -> str:
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
        rows.append((label, _fmt(v), f"{bound[0]} {bound[1]:g}" if bound else "", status))
    return rows


def format_table(metrics: Mapping[str, Any], thresholds: Mapping[str, float], medquad: Mapping[str, Any] | None = None) -> str:
    rows = [("metric", "value", "threshold", "")] + metrics_rows(metrics, thresholds)
    if medquad:
        rows += [
            (f"MedQuAD n={medquad['n']}: our hit rate", _fmt(medquad["hit_rate"]), "", ""),
            ("MedQuAD: baseline hit rate", _fmt(medquad["baseline_hit_rate"]), "", ""),
            ("MedQuAD: our not_found", str(medquad["not_found"]), "", ""),
            ("MedQuAD: chars ratio ours/baseline", _fmt(medquad["chars_ratio"]), f"max {MEDQUAD_MAX_CHARS_RATIO:.3g}",
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
               f"- our hit rate (a quote inside the gold answer span): {_fmt(medquad['hit_rate'])}",
               f"- baseline hit rate (a chunk overlapping the gold span): {_fmt(medquad['baseline_hit_rate'])}",
               f"- chars shown: ours {medquad['quote_chars']:,} vs baseline {medquad['baseline_chars']:,} "
               f"(ratio {_fmt(medquad['chars_ratio'])})",
               f"- our misses by type: {medquad['misses_by_type']}", ""]
        with (report_dir / "medquad.jsonl").open("w", encoding="utf-8") as fh:
            for r in medquad["rows"]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        written.append(report_dir / "medquad.jsonl")
    (report_dir / "report.md").write_text("\n".join(md), encoding="utf-8")
    written.insert(0, report_dir / "report.md")
    return written


def run_cli(questions_path: str | Path, settings: Settings, as_json: bool = False, report_dir: str | Path | None = None,
            baseline: bool = False, medquad: int = 0) -> bool:
    """``nmnbot eval``: print the table (or JSON), write the report; False when a threshold is missed."""
    result = evaluate(questions_path, settings, baseline=baseline)
    mq = run_medquad(medquad, settings) if medquad > 0 else None
    failures = list(result["failures"])
    if mq and (mq["chars_ratio"] is None or mq["chars_ratio"] > MEDQUAD_MAX_CHARS_RATIO):
        failures.append(f"MedQuAD chars ratio {_fmt(mq['chars_ratio'])} above {MEDQUAD_MAX_CHARS_RATIO:.3g}")
    if report_dir is not None:
        write_report(Path(report_dir), {**result, "failures": failures}, mq)
    if as_json:
        out = {"metrics": result["metrics"], "thresholds": result["thresholds"], "failures": failures,
               "misses": miss_records(result["outcomes"]), "evidence_misses": result["evidence_misses"]}
        if mq:
            out["medquad"] = mq
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(format_table(result["metrics"], result["thresholds"], mq))
        n_miss = len(miss_records(result["outcomes"]))
        print(f"\n{n_miss} misses" + (f" (see {Path(report_dir) / 'misses.md'})" if report_dir else " (use --report DIR for the list)"))
        if mq:
            print(f"MedQuAD misses by type: {mq['misses_by_type']}")
        for f in failures:
            print(f"MISSED: {f}", file=sys.stderr)
    return not failures
