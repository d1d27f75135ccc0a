"""Train the triage risk model (nmnbot/pipeline/risk.py) and write models/triage.npz.

    python -m nmnbot_eval.train_triage            # train, report, write the artifact
    python -m nmnbot_eval.train_triage --check    # train and compare with the committed artifact

Deterministic: fixed seeds, fixed samples, scikit-learn's lbfgs. Data (data/README.md):
the exemplar banks of data/triage/, the earlier labelled cases (tests/data/triage_cases.jsonl),
and real negatives: a fixed sample of MedQuAD questions and half of K-QA. Other MedQuAD
questions calibrate the thresholds (MQ_CAL), and the rest are never seen (held out).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nmnbot.config import Settings
from nmnbot.pipeline.normalize import normalize
from nmnbot.pipeline.risk import CLASSES, MODEL_PATH, dequantize, knn_features, model_inputs, pack_texts
from nmnbot.rules.triage_cues import IDIOM, SITUATION

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "triage"
BANKS = ("crisis_bank", "notice_bank", "emergency_bank", "hard_negatives", "chatty_negatives", "intl_negatives",
         # the sentences of the multi-sentence risk messages above, each labelled as if read alone
         "segments",
         # blind blocks join training only after they were scored once (data/README.md)
         "blind/block_a", "blind/block_b", "blind/block_c", "blind/block_d",
         "blind/block_e", "blind/block_f", "first-seen/block_g", "first-seen/block_h",
         "first-seen/block_i", "first-seen/block_j", "first-seen/block_k", "first-seen/block_l",
         "first-seen/block_m", "first-seen/block_n", "first-seen/block_o",
         "first-seen/block_p", "first-seen/block_q",
         "first-seen/block_r", "first-seen/block_s", "first-seen/block_t",
         "first-seen/block_u", "first-seen/block_v", "first-seen/block_w", "first-seen/block_x",
         "first-seen/block_y", "first-seen/block_z", "first-seen/block_aa")
# In these blocks "notice" also counts the personal-decision caveat (a personal dose, pregnancy,
# stopping a medicine), which the careful cues give, not the risk notice this model learns:
# as risk-notice labels they taught it to put a crisis line on plain dose questions (31 risk
# notices on 399 ordinary seed questions against 18 without them). Their notice items stay out.
MIXED_NOTICE = frozenset({"first-seen/block_i", "first-seen/block_j", "first-seen/block_k", "first-seen/block_l",
                          "first-seen/block_t", "first-seen/block_u",
                          "first-seen/block_v", "first-seen/block_w", "first-seen/block_x", "first-seen/block_y",
                          "first-seen/block_z", "first-seen/block_aa"})
SEED = 20261129
MQ_TRAIN, MQ_CAL = 3000, 3000  # MedQuAD questions: training negatives, threshold calibration; the rest held out
KQA_TRAIN = 606  # half of K-QA as training negatives; the other half is held out
C = 4.0  # inverse regularisation; 1, 4 and 16 within 1 point of CV crisis recall (docs/decisions.md)
KNN_SCALE = 3.0  # the kNN features next to 384 embedding dimensions
# Thresholds: the largest probability cut whose false alarms on MQ_CAL stay at or under these rates.
MAX_ALARM = {"crisis": 0.0005, "emergency": 0.0005}
MAX_NOTICE = 0.005  # risk notices on ordinary questions (a caveat, not a refusal)
# Above this crisis probability an English sentence needs no word of harm or despair to be a
# crisis (pipeline/triage.py): on out-of-fold scores 0.7 / 0.8 / 0.9 kept 387 / 383 / 374 of 428
# English crisis exemplars with 29 / 28 / 24 false alarms on 1,254 hard negatives.
CRISIS_SURE = 0.8


@dataclass
class Item:
    text: str
    label: int
    lang: str
    kind: str
    source: str
    family: str = ""


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_items(settings: Settings) -> dict[str, list[Item]]:
    """The training pool and the two real-negative evaluation sets, in a fixed order."""
    pool: list[Item] = []
    for name in BANKS:
        path = DATA / f"{name}.jsonl"
        if not path.is_file():
            continue
        for r in _jsonl(path):
            if r.get("kind") == "followup" or r.get("history"):
                continue  # only risky after a risk turn: triage reads those with the history
            if name in MIXED_NOTICE and r.get("expect") == "notice":
                continue
            name_of = r.get("label") or {"answer": "none"}.get(r.get("expect", ""), r.get("expect", ""))
            label = CLASSES.index(name_of) if name_of in CLASSES else 0
            pool.append(Item(r["text"], label, r.get("lang", "en"), r.get("kind", ""), name, r.get("family", "")))
    for r in _jsonl(REPO / "tests" / "data" / "triage_cases.jsonl"):
        if r.get("history"):
            continue
        expect = r["expect"] if isinstance(r["expect"], str) else r["expect"][0]
        pool.append(Item(r["text"], {"crisis": 2, "emergency": 3}.get(expect, 0), "en", r["kind"], "triage_cases",
                         "" if expect != "emergency" else "other"))
    rng = np.random.RandomState(SEED)
    mq = _jsonl(Path(settings.medquad_dir) / "questions.jsonl")
    order = rng.permutation(len(mq))
    pool += [Item(mq[i]["question"], 0, "en", "medquad", "medquad") for i in order[:MQ_TRAIN]]
    cal = [Item(mq[i]["question"], 0, "en", "medquad", "medquad") for i in order[MQ_TRAIN : MQ_TRAIN + MQ_CAL]]
    held = [Item(mq[i]["question"], 0, "en", "medquad", "medquad") for i in order[MQ_TRAIN + MQ_CAL :]]
    kqa = _jsonl(Path(settings.medquad_dir).parent / "kqa" / "questions.jsonl")
    korder = rng.permutation(len(kqa))
    pool += [Item(kqa[i]["Question"], 0, "en", "kqa", "kqa") for i in korder[:KQA_TRAIN]]
    kqa_held = [Item(kqa[i]["Question"], 0, "en", "kqa", "kqa") for i in korder[KQA_TRAIN:]]
    return {"pool": pool, "mq_cal": cal, "mq_held": held, "kqa_held": kqa_held}


def _texts(items: list[Item]) -> list[str]:
    return [normalize(it.text, english=it.lang == "en") for it in items]


def encode_minilm(texts: list[str]) -> np.ndarray:
    from nmnbot.embed import encode

    return encode(texts, batch_size=64)


def encode_e5(texts: list[str]) -> np.ndarray:
    from nmnbot.pipeline.risk import MultilingualEncoder

    return MultilingualEncoder().encode(texts)  # the runtime's own encoder


def _quantize(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors as int8 with one scale per row (cosines change by < 0.5%)."""
    scale = np.abs(v).max(axis=1, keepdims=True) / 127.0
    return np.round(v / scale).astype(np.int8), scale.astype(np.float32)


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    # tol 1e-7: at lbfgs's default 1e-4 the fit stopped early enough that float noise in the
    # encodings moved the multilingual weights by 5% (the --check test caught it, block E/F joined).
    return LogisticRegression(C=C, max_iter=20000, tol=1e-7, class_weight="balanced").fit(x, y)


def train_language(vectors: np.ndarray, items: list[Item], bank_mask: np.ndarray) -> dict[str, Any]:
    """kNN bank = the curated exemplars (bank_mask); model on the whole pool, with out-of-fold
    probabilities for calibration and reporting."""
    from sklearn.model_selection import StratifiedKFold

    y = np.array([it.label for it in items])
    q, scale = _quantize(vectors[bank_mask])
    bank = dequantize(q, scale)
    bank_rows = np.full(len(items), -1)
    bank_rows[np.where(bank_mask)[0]] = np.arange(bank_mask.sum())

    def inputs(idx: np.ndarray, in_bank: np.ndarray, self_out: bool) -> np.ndarray:
        labels = y[bank_mask][in_bank]
        b = bank[in_bank]
        exclude = None
        if self_out:
            pos = np.full(len(items), -1)
            pos[np.where(bank_mask)[0][in_bank]] = np.arange(in_bank.sum())
            exclude = np.where(pos[idx] >= 0, pos[idx], 0)
            knn = knn_features(vectors[idx], b, labels, exclude)
            missing = pos[idx] < 0  # not in the bank: nothing to leave out, recompute without exclusion
            if missing.any():
                knn[missing] = knn_features(vectors[idx[missing]], b, labels)
        else:
            knn = knn_features(vectors[idx], b, labels)
        return model_inputs(vectors[idx], knn, KNN_SCALE)

    oof = np.zeros((len(items), len(CLASSES)), np.float32)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    all_bank = np.where(bank_mask)[0]
    for tr, te in folds.split(np.zeros(len(y)), y):
        in_bank = np.isin(all_bank, tr)
        model = fit(inputs(tr, in_bank, True), y[tr])
        oof[te] = model.predict_proba(inputs(te, in_bank, False))
    full = np.ones(bank_mask.sum(), bool)
    model = fit(inputs(np.arange(len(items)), full, True), y)
    return {"coef": model.coef_.astype(np.float32), "intercept": model.intercept_.astype(np.float32),
            "bank_q": q, "bank_scale": scale, "labels": y[bank_mask].astype(np.int8), "oof": oof,
            **pack_texts([it.text for it, m in zip(items, bank_mask) if m]),
            "families": np.array([it.family for it, m in zip(items, bank_mask) if m])}


def _apply(trained: dict[str, Any], vectors: np.ndarray) -> np.ndarray:
    from nmnbot.pipeline.risk import Linear

    bank = dequantize(trained["bank_q"], trained["bank_scale"])
    knn = knn_features(vectors, bank, trained["labels"])
    return Linear(trained["coef"], trained["intercept"]).proba(model_inputs(vectors, knn, KNN_SCALE))


def _cut(scores: np.ndarray, max_rate: float) -> float:
    """The smallest threshold with at most max_rate of ``scores`` at or above it."""
    allowed = int(np.floor(max_rate * len(scores)))
    ranked = np.sort(scores)[::-1]
    return float(max(0.5, ranked[allowed] + 1e-6)) if allowed < len(ranked) else 0.5


def train(settings: Settings, report: bool = True, oof_path: Path | None = None) -> dict[str, np.ndarray]:
    sets = load_items(settings)
    pool = sets["pool"]
    bank_mask = np.array([it.source not in ("medquad", "kqa") for it in pool])
    texts = _texts(pool)
    out: dict[str, np.ndarray] = {"knn_scale": np.float32(KNN_SCALE)}
    # MiniLM reads English only: its model learns from the English items; e5 from all of them.
    en_idx = np.array([i for i, it in enumerate(pool) if it.lang == "en"])
    en_items = [pool[i] for i in en_idx]
    en = train_language(encode_minilm([texts[i] for i in en_idx]), en_items, bank_mask[en_idx])
    multi_idx = np.array([i for i, it in enumerate(pool) if it.source not in ("medquad", "kqa") or i % 3 == 0])
    multi_items = [pool[i] for i in multi_idx]
    multi = train_language(encode_e5([texts[i] for i in multi_idx]), multi_items, bank_mask[multi_idx])
    cal_texts = _texts(sets["mq_cal"])
    p_cal = _apply(en, encode_minilm(cal_texts))
    # The alarms are cut where they can fire: triage lets the model raise one only for an English
    # sentence with a person in it that is not a figure of speech (pipeline/triage.py).
    can_alarm = np.array([bool(SITUATION.search(t)) and not IDIOM.search(t) for t in cal_texts])
    thresholds = {name: _cut(np.where(can_alarm, p_cal[:, CLASSES.index(name)], 0.0), rate)
                  for name, rate in MAX_ALARM.items()}
    thresholds["notice"] = _cut(np.maximum(p_cal[:, 1], p_cal[:, 2]), MAX_NOTICE)
    thresholds["crisis_sure"] = max(CRISIS_SURE, thresholds["crisis"])
    for lang, trained in (("en", en), ("multi", multi)):
        for key in ("coef", "intercept", "bank_q", "bank_scale", "labels", "texts_utf8", "text_ends", "families"):
            out[f"{lang}/{key}"] = trained[key]
    for name, value in thresholds.items():
        out[f"threshold/{name}"] = np.float32(value)
    if report:
        _report(en_items, en, multi, multi_items, thresholds, sets)
    if oof_path is not None:  # out-of-fold probabilities, for studying the decision with the cues
        rows = [{"text": it.text, "label": it.label, "lang": it.lang, "kind": it.kind, "source": it.source}
                for it in pool]
        for j, i in enumerate(en_idx):
            rows[i]["en"] = en["oof"][j].tolist()
        for j, i in enumerate(multi_idx):
            rows[i]["multi"] = multi["oof"][j].tolist()
        oof_path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return out


def _report(pool: list[Item], en: dict[str, Any], multi: dict[str, Any], multi_items: list[Item],
            thresholds: dict[str, float], sets: dict[str, list[Item]]) -> None:
    print(f"thresholds {thresholds}")
    for lang, trained, items in (("en", en, pool), ("multi", multi, multi_items)):
        y = np.array([it.label for it in items])
        p = trained["oof"]
        for c in (2, 3, 1):
            name = CLASSES[c]
            t = thresholds["notice"] if c == 1 else thresholds[name]
            hit = p[y == c, c] >= t
            print(f"[{lang}] out-of-fold {name} recall {hit.mean():.3f} ({hit.sum()}/{len(hit)}) at {t:.3f}")
            for lg in sorted({it.lang for it in items}):
                m = np.array([it.lang == lg for it in items]) & (y == c)
                if m.sum() and lg != "en":
                    print(f"    {lg}: {(p[m, c] >= t).mean():.2f} of {m.sum()}")
        neg = y == 0
        alarm = (p[neg, 2] >= thresholds["crisis"]) | (p[neg, 3] >= thresholds["emergency"])
        print(f"[{lang}] out-of-fold false alarms on negatives {alarm.sum()}/{neg.sum()}")
    for name in ("mq_held", "kqa_held"):
        items = sets[name]
        p = _apply(en, encode_minilm(_texts(items)))
        crisis = p[:, 2] >= thresholds["crisis"]
        emergency = p[:, 3] >= thresholds["emergency"]
        print(f"{name}: {len(items)} questions, crisis {crisis.sum()}, emergency {emergency.sum()}")
        for i in np.where(crisis | emergency)[0][:40]:
            print(f"    {'crisis' if crisis[i] else 'emergency'} {p[i, 2]:.2f}/{p[i, 3]:.2f}: {items[i].text[:120]}")


def compare(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> list[str]:
    """Differences between two artifacts beyond float noise (the embeddings are recomputed)."""
    problems = []
    if set(a) != set(b):
        problems.append(f"keys differ: {sorted(set(a) ^ set(b))}")
    for key in sorted(set(a) & set(b)):
        x, y = a[key], b[key]
        if x.dtype.kind in "US":
            if not np.array_equal(x, y):
                problems.append(f"{key} differs")
        elif x.shape != y.shape:
            problems.append(f"{key} shape {x.shape} vs {y.shape}")
        elif key.endswith("bank_q"):
            if np.abs(x.astype(int) - y.astype(int)).max() > 1:
                problems.append(f"{key} differs by more than one quantisation step")
        elif key.endswith("intercept"):
            continue  # compared with its coef, as one weight vector
        elif key.endswith("coef"):
            # lbfgs stops at its tolerance, and another BLAS build stops at a slightly different
            # point of the same flat optimum (a fresh CI venv moved one weight by 0.06 of ~4):
            # the weights as a whole (coef and intercept together) must agree, to 5% of their
            # norm. e5 vectors share a large common direction, so the intercept trades off with
            # the coef along it: between two runs on this machine the multilingual intercept
            # alone moved 6.6% of its norm, the coef < 2%, the two together ~4%. Real changes
            # are far larger: blocks E and F joining training moved them 18% (multi), 29% (en).
            icpt = key[: -len("coef")] + "intercept"
            x64 = np.concatenate([x.astype(np.float64).ravel(), a[icpt].astype(np.float64).ravel()]) if icpt in a and icpt in b else x.astype(np.float64)
            y64 = np.concatenate([y.astype(np.float64).ravel(), b[icpt].astype(np.float64).ravel()]) if icpt in a and icpt in b else y.astype(np.float64)
            rel = float(np.linalg.norm(x64 - y64) / max(float(np.linalg.norm(x64)), 1e-9))
            if rel > 0.05:
                problems.append(f"{key} differs ({rel:.2%} of its norm)")
        elif not np.allclose(x.astype(np.float64), y.astype(np.float64), rtol=0.02, atol=0.02):
            problems.append(f"{key} differs (max {np.abs(x.astype(np.float64) - y.astype(np.float64)).max():.4f})")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--check", action="store_true", help="retrain and compare with the committed artifact")
    ap.add_argument("--oof", type=Path, default=None, help="also write out-of-fold probabilities (JSONL) here")
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    trained = train(settings, report=not args.check, oof_path=args.oof)
    if args.check:
        with np.load(args.out, allow_pickle=False) as z:
            committed = {k: z[k] for k in z.files}
        problems = compare(committed, trained)
        print("\n".join(problems) or "artifact matches its script")
        return 1 if problems else 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **trained)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
