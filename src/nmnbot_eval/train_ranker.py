"""Train the sentence ranker (nmnbot/pipeline/rank.py) and write models/ranker.txt.

    python -m nmnbot_eval.train_ranker --features   # rebuild data/ranker/features.npz (indexes MedQuAD docs: slow)
    python -m nmnbot_eval.train_ranker --consumer   # rebuild only its consumer rows (the seed corpus: a minute)
    python -m nmnbot_eval.train_ranker              # fit LightGBM on the feature table, report, write the model
    python -m nmnbot_eval.train_ranker --check      # refit and compare with the committed model

The feature table holds, for each training question, every candidate sentence the
retriever offers (the quotable sentences of the passages the bot quotes from, Chatbot.quote_passages:
the best few and, for efficacy, safety, dose and timing questions, those of nearby study sentences,
so the ranker is trained on what it ranks when answering) with its features and label:
for MedQuAD, "inside the gold answer span"; for the graded questions of eval/precision.jsonl
(the tuning part, and the blind parts once they were scored first-seen), "overlaps a labelled
answer-bearing sentence". MedQuAD documents of the five reference
samples (seeds 20240611, 777, 4242, 9001, 31337) are never used for training, so those
samples stay held out. Deterministic: fixed seeds, one thread, LightGBM's deterministic mode.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from nmnbot.config import Settings
from nmnbot.pipeline.rank import FEATURES, MODEL_PATH

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "data" / "ranker" / "features.npz"
SEED = 20261129
HELD_OUT_SEEDS = (20240611, 777, 4242, 9001, 31337)
TRAIN_DOCS = 450  # MedQuAD documents indexed for training (with their questions), plus distractors
DISTRACTORS = 150
# Parts of eval/precision.jsonl trained on, by id prefix. A blind part joins only after it was
# scored once, first-seen (eval/README.md), and only when the table is rebuilt with it, so that
# the committed table stays what this script makes.
CONSUMER_PARTS = ("pt", "pb", "pb2", "pb3", "pb4", "pb5", "pb6", "pb7", "pb8", "pb9", "pb10", "pb11")
CONSUMER_WEIGHT = 8.0  # the consumer questions are few and of the domain users add: weigh them up (grouped CV, 2026-11-30)
PARAMS = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 40,
    "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": SEED, "deterministic": True, "force_row_wise": True, "num_threads": 1, "verbose": -1,
}
ROUNDS = 300


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_out_docs(root: Path) -> set[str]:
    """The documents of the five reference MedQuAD samples (their questions' docs and distractors)."""
    from .medquad import medquad_sample

    out: set[str] = set()
    for seed in HELD_OUT_SEEDS:
        _, docs = medquad_sample(100, root, seed)
        out.update(docs)
    return out


def _candidate_rows(bot: Any, question: str, label_of: Any, group: int) -> list[tuple[list[float], int, int]]:
    """Features and labels of the candidates the bot's retriever offers for one question."""
    from nmnbot.pipeline.quotes import evidence_rank
    from nmnbot.pipeline.rank import Context, features

    st = bot.state()
    qv = bot.encoder.encode([question])[0]
    passages = bot.quote_passages(question, qv, st.retriever.search(question, qv))
    if not passages:
        return []
    cands = st.retriever.candidates(question, qv, passages)
    if not cands:
        return []
    x = features(Context(question, st.retriever.keyword.idf, st.retriever.repeats, evidence_rank), cands)
    return [(list(row), int(label_of(c)), group) for row, c in zip(x, cands)]


def build_features(settings: Settings) -> dict[str, np.ndarray]:
    from nmnbot import Chatbot
    from nmnbot.index import ingest

    root = Path(settings.medquad_dir)
    rows = _jsonl(root / "questions.jsonl")
    held = held_out_docs(root)
    rng = random.Random(SEED)
    docs = sorted({r["doc"] for r in rows} - held)
    train_docs = sorted(rng.sample(docs, TRAIN_DOCS))
    others = sorted(set(docs) - set(train_docs))
    corpus_docs = train_docs + sorted(rng.sample(others, DISTRACTORS))
    work = Path(tempfile.mkdtemp(prefix="nmnbot-ranker-"))
    try:
        for d in corpus_docs:
            (work / "corpus" / d).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / "docs" / d, work / "corpus" / d)
        s = Settings.from_env(environ={}, corpus_dir=work / "corpus", index_dir=work / "index", data_dir=work / "data")
        ingest(s)
        bot = Chatbot(settings=s, build_if_missing=False).warm_up()
        out: list[tuple[list[float], int, int]] = []
        source: list[int] = []
        group = 0
        for r in rows:
            if r["doc"] not in train_docs:
                continue
            def gold(c: Any, r: dict[str, Any] = r) -> bool:
                return (c.passage.source == r["doc"] and c.sentence.start >= r["start"]
                        and c.sentence.end <= r["end"])
            got = _candidate_rows(bot, r["question"], gold, group)
            out += got
            source += [0] * len(got)
            group += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    consumer = consumer_rows(settings, group)
    out += consumer
    source += [1] * len(consumer)
    x = np.array([r[0] for r in out], dtype=np.float32)
    return {"x": x, "y": np.array([r[1] for r in out], dtype=np.int8), "group": np.array([r[2] for r in out]),
            "source": np.array(source, dtype=np.int8), "features": np.array(FEATURES)}


def consumer_rows(settings: Settings, first_group: int) -> list[tuple[list[float], int, int]]:
    """The trained-on parts of eval/precision.jsonl over the seed corpus: labelled answer-bearing sentences."""
    from nmnbot import Chatbot
    from nmnbot.index import ingest

    work = Path(tempfile.mkdtemp(prefix="nmnbot-ranker-consumer-"))
    try:
        shutil.copytree(REPO / "corpus", work / "corpus")
        s = Settings.from_env(environ={}, corpus_dir=work / "corpus", index_dir=work / "index", data_dir=work / "data")
        ingest(s)
        bot = Chatbot(settings=s, build_if_missing=False).warm_up()
        texts = {p.name: p.read_text(encoding="utf-8") for p in (work / "corpus").iterdir()}
        out: list[tuple[list[float], int, int]] = []
        group = first_group
        for q in _jsonl(REPO / "eval" / "precision.jsonl"):
            if q.get("kind") != "answer" or q["id"].rsplit("-", 1)[0] not in CONSUMER_PARTS:
                continue
            spans = []
            for rel in q["relevant"]:
                doc = texts.get(rel["source"], "")
                at = doc.find(rel["text"])
                while at >= 0:
                    spans.append((rel["source"], at, at + len(rel["text"])))
                    at = doc.find(rel["text"], at + 1)

            def relevant(c: Any, spans: list[tuple[str, int, int]] = spans) -> bool:
                return any(src == c.passage.source and min(e, c.sentence.end) - max(b, c.sentence.start)
                           >= 0.5 * min(e - b, c.sentence.end - c.sentence.start) for src, b, e in spans)
            out += _candidate_rows(bot, q["question"], relevant, group)
            group += 1
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fit(table: dict[str, np.ndarray]) -> Any:
    import lightgbm

    weight = np.where(table["source"] == 1, CONSUMER_WEIGHT, 1.0)
    data = lightgbm.Dataset(table["x"], label=table["y"], weight=weight, feature_name=list(FEATURES),
                            free_raw_data=False)
    return lightgbm.train(PARAMS, data, num_boost_round=ROUNDS)


def report(table: dict[str, np.ndarray]) -> None:
    """Grouped 5-fold cross-validation: precision of the top candidate, and of the top candidate
    above 0.5, for MedQuAD and consumer questions separately."""

    groups = table["group"]
    ids = np.unique(groups)
    rng = np.random.RandomState(SEED)
    fold = dict(zip(ids, rng.randint(0, 5, len(ids))))
    folds = np.array([fold[g] for g in groups])
    pred = np.zeros(len(groups))
    for k in range(5):
        tr, te = folds != k, folds == k
        sub = {key: (v[tr] if v.ndim and len(v) == len(groups) else v) for key, v in table.items()}
        model = fit(sub)
        pred[te] = model.predict(table["x"][te])
    base = table["x"][:, FEATURES.index("sentence_cosine")] + table["x"][:, FEATURES.index("passage_cosine")]
    for name, src in (("MedQuAD", 0), ("consumer", 1)):
        top, top_base, n = 0, 0, 0
        for g in np.unique(groups[table["source"] == src]):
            m = groups == g
            if not table["y"][m].any():
                continue
            n += 1
            top += int(table["y"][m][np.argmax(pred[m])])
            top_base += int(table["y"][m][np.argmax(base[m])])
        print(f"{name}: {n} questions with an answer among the candidates; top-1 precision "
              f"ranker {top / max(n, 1):.3f}, cosine baseline {top_base / max(n, 1):.3f}")


def compare(committed: Any, fresh: Any, table: dict[str, np.ndarray]) -> list[str]:
    a, b = committed.predict(table["x"]), fresh.predict(table["x"])
    diff = float(np.abs(a - b).max())
    return [] if diff < 1e-6 else [f"predictions differ by up to {diff:.6f}"]


def main(argv: list[str] | None = None) -> int:
    import lightgbm

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--features", action="store_true", help="rebuild the feature table first (slow)")
    ap.add_argument("--consumer", action="store_true", help="rebuild only the consumer rows of the table first")
    ap.add_argument("--check", action="store_true", help="refit and compare with the committed model")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    if args.features:
        table = build_features(settings)
        TABLE.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(TABLE, **table)
        print(f"wrote {TABLE}: {len(table['y'])} candidates, {int(table['y'].sum())} positive")
    with np.load(TABLE, allow_pickle=False) as z:
        table = {k: z[k] for k in z.files}
    if args.consumer and not args.features:
        keep = table["source"] == 0
        rows = consumer_rows(settings, int(table["group"][keep].max()) + 1)
        table = {"x": np.concatenate([table["x"][keep], np.array([r[0] for r in rows], dtype=np.float32)]),
                 "y": np.concatenate([table["y"][keep], np.array([r[1] for r in rows], dtype=np.int8)]),
                 "group": np.concatenate([table["group"][keep], np.array([r[2] for r in rows])]),
                 "source": np.concatenate([table["source"][keep], np.ones(len(rows), dtype=np.int8)]),
                 "features": table["features"]}
        np.savez_compressed(TABLE, **table)
        print(f"wrote {TABLE}: {len(rows)} consumer candidates, {sum(r[1] for r in rows)} positive")
    if tuple(table["features"]) != FEATURES:
        print("the feature table was built for other features: run with --features", file=sys.stderr)
        return 2
    model = fit(table)
    if args.check:
        problems = compare(lightgbm.Booster(model_file=str(args.out)), model, table)
        print("\n".join(problems) or "model matches its script")
        return 1 if problems else 0
    report(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.model_to_string(), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
