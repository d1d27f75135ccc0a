import json, sys, os
from pathlib import Path
LV = {"SR":"systematic_review","RCT":"human_rct","HS":"human_study","AN":"animal","IV":"in_vitro",
      "CR":"case_report","UN":"unspecified","OP":"opinion","PR":"promotional"}
def write(n, rows):
    path = Path(__file__).resolve().parents[1] / f"fresh_block_{n:02d}.jsonl"  # data/evidence/
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            lv, kind, topic, text = r[:4]
            ctx = r[4] if len(r) > 4 else None
            f.write(json.dumps({"text": text, "context": ctx, "level": LV[lv], "kind": kind, "topic": topic}, ensure_ascii=False) + "\n")
    print(path, len(rows))
