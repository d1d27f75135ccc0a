"""Sweep the three scope thresholds over dumped features (see features.py).

    python eval/calibration/sweep.py answer_features.jsonl... --none none_features.jsonl...

Prints, for each (min_passage_cosine, min_word_cosine, min_salience), the share of
answerable questions kept and of unanswerable ones refused, best first.
"""

from __future__ import annotations

import argparse
import itertools
import json


def refuses(row: dict, cos_t: float, word_t: float, sal_t: float) -> bool:
    if row["cos"] < cos_t:
        return True
    weak = [g for g in row["gaps"] if g[2] < word_t]
    return bool(weak) and row["salience"][len(weak) - 1] >= sal_t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--min-none", type=float, default=0.9, help="required share of none refused")
    args = ap.parse_args()
    rows = [json.loads(line) for f in args.files for line in open(f)]
    ans = [r for r in rows if r["label"] == "answer"]
    non = [r for r in rows if r["label"] == "none"]
    results = []
    for cos_t, word_t, sal_t in itertools.product(
        [0.2, 0.25, 0.3, 0.35], [0.5, 0.55, 0.6, 0.65, 0.7], [0.04, 0.06, 0.08, 0.1, 0.12, 0.15]
    ):
        kept = sum(not refuses(r, cos_t, word_t, sal_t) for r in ans) / max(1, len(ans))
        refused = sum(refuses(r, cos_t, word_t, sal_t) for r in non) / max(1, len(non))
        results.append((refused >= args.min_none, kept + refused, kept, refused, cos_t, word_t, sal_t))
    results.sort(reverse=True)
    print(f"{len(ans)} answerable, {len(non)} unanswerable")
    print("ok  kept   refused  cos   word  salience")
    for ok, _, kept, refused, c, w, s in results[:15]:
        print(f"{'y' if ok else 'n'}   {kept:.3f}  {refused:.3f}    {c:.2f}  {w:.2f}  {s:.2f}")


if __name__ == "__main__":
    main()
