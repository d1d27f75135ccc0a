"""MedQuAD: real NIH questions with gold answer spans, ours against the textbook baseline.

A sample of N questions (seeded), their documents plus seeded distractors, copied
into a temporary corpus with its own index. Our hit: a quote from the gold document
inside the gold span. Baseline hit: a retrieved chunk overlapping it.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from nmnbot.config import Settings

from .scoring import rate

MEDQUAD_DISTRACTORS = 60
MEDQUAD_SEED = 20240611
# ours may show at most this share of the characters the baseline's chunks make a reader read
MEDQUAD_MAX_CHARS_RATIO = 1 / 3


def medquad_sample(n: int, root: Path, seed: int = MEDQUAD_SEED,
                   distractors: int = MEDQUAD_DISTRACTORS) -> tuple[list[dict[str, Any]], list[str]]:
    """N seeded questions, and their docs plus ``distractors`` other seeded docs."""
    rows = [json.loads(line) for line in (root / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    picked = rng.sample(rows, min(n, len(rows)))
    docs = sorted({r["doc"] for r in picked})
    others = sorted({r["doc"] for r in rows} - set(docs))
    return picked, docs + sorted(rng.sample(others, min(distractors, len(others))))


def run_medquad(n: int, settings: Settings, workdir: Path | None = None, seed: int = MEDQUAD_SEED) -> dict[str, Any]:
    """Ours vs the baseline on N MedQuAD questions, in a temporary corpus and index."""
    from nmnbot.bot import Chatbot
    from nmnbot.index import ingest

    from .baseline import TextbookRetriever

    root = Path(settings.medquad_dir)
    picked, docs = medquad_sample(n, root, seed)
    tmp = Path(workdir or tempfile.mkdtemp(prefix="nmnbot-medquad-"))
    corpus = tmp / "corpus"
    for d in docs:
        (corpus / d).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / "docs" / d, corpus / d)
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
        "n": len(rows), "docs": len(docs), "seed": seed, "ingest_s": round(ingest_s, 1),
        "hit_rate": rate(sum(r["hit"] for r in rows), len(rows)),
        "baseline_hit_rate": rate(sum(r["baseline_hit"] for r in rows), len(rows)),
        "not_found": sum(r["status"] == "not_found" for r in rows),
        "misses_by_type": misses,
        "quote_chars": ours_chars, "baseline_chars": base_chars,
        "chars_ratio": ours_chars / base_chars if base_chars else None,
        "rows": rows,
    }
