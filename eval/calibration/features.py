"""Dump the abstention features of a question set, for calibrating the scope thresholds.

    python eval/calibration/features.py QUESTIONS.jsonl --index DIR --corpus DIR --label none|answer > out.jsonl

Each output line: question, label, best passage cosine, and for the question's subject
terms not found by stem: the nearest passage word and its cosine, plus the salience of
every nested set of weak terms (weakest first), so thresholds can be swept offline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nmnbot.bot import Chatbot
from nmnbot.config import Settings
from nmnbot.pipeline.coverage import lexical_gaps, nearest_words, subject_terms, without_terms
from nmnbot.text import vocabulary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions")
    ap.add_argument("--index", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--label", default=None, help="label for lines without a kind")
    ap.add_argument("--field", default="question")
    args = ap.parse_args()
    bot = Chatbot(settings=Settings(index_dir=Path(args.index), corpus_dir=Path(args.corpus)), build_if_missing=False)
    st = bot.state()
    snap, retriever, encode = st.snapshot, st.retriever, bot.encoder.encode
    k = bot.settings.passages_for_quotes
    for line in open(args.questions, encoding="utf-8"):
        q = json.loads(line)
        text = q.get(args.field) or q.get("Question")
        label = q.get("kind") or args.label
        if label not in ("answer", "none") or q.get("history"):
            continue
        terms = subject_terms(text)
        vecs = encode([text] + terms)
        top = retriever.search(text, vecs[0])[:k]
        texts = [p.passage.embedding_text() for p in top]
        gaps = lexical_gaps(terms, texts)
        vocab_set: set[str] = set()
        for t in texts:
            vocab_set.update(vocabulary(t))
        vocab, vv = snap.word_vectors(sorted(vocab_set))
        idx = {t: i for i, t in enumerate(terms)}
        checks = nearest_words(gaps, vecs[1:][[idx[g] for g in gaps]], vocab, vv) if gaps else []
        checks.sort(key=lambda c: c.similarity)
        nested = []
        for n in range(1, len(checks) + 1):
            reduced = without_terms(text, [c.term for c in checks[:n]])
            nested.append(1.0 - float(encode([reduced])[0] @ vecs[0]) if reduced else 1.0)
        out = {"question": text, "label": label, "cos": max((p.cosine for p in top), default=0.0),
               "terms": terms, "gaps": [[c.term, c.nearest, round(c.similarity, 4)] for c in checks],
               "salience": [round(x, 4) for x in nested], "meta": {k2: q[k2] for k2 in ("qid", "doc", "start", "end") if k2 in q}}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    sys.exit(main())
