"""Profile where the time goes for a benchmark target (pyinstrument; ``pip install pyinstrument``).

    python bench/profile_targets.py warm   --corpus C --index I     # 40 warm asks in one process
    python bench/profile_targets.py cold   --corpus C --index I     # `nmnbot ask` in a new process
    python bench/profile_targets.py help                            # `nmnbot --help`
    python bench/profile_targets.py ingest --corpus C --index I     # an ingest (fresh or re-ingest, whatever I holds)

Writes bench/profiles/<what>.txt (pyinstrument's text tree) and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "profiles"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["warm", "cold", "help", "ingest"])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--index", default="/tmp/nmnbot-bench/seeds/index")
    ap.add_argument("--name", default=None, help="output name (default: WHAT)")
    ap.add_argument("--interval", type=float, default=0.001)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"{args.name or args.what}.txt"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

    if args.what in ("cold", "help", "ingest"):
        cli = {"cold": ["ask", "Does NMN help with hair loss?", "--json", "--corpus", args.corpus, "--index", args.index],
               "help": ["--help"],
               "ingest": ["ingest", "-q", "--corpus", args.corpus, "--index", args.index]}[args.what]
        cmd = [sys.executable, "-m", "pyinstrument", "--interval", str(args.interval), "-r", "text", "--show-all",
               "-o", str(out), "-m", "nmnbot.fronts.cli", *cli]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    else:
        from pyinstrument import Profiler

        from nmnbot import Chatbot
        from nmnbot.config import Settings

        rows = [json.loads(x) for x in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        questions = [r["question"] for r in rows if r.get("kind") in ("answer", "none")][:40]
        bot = Chatbot(settings=Settings.from_env(environ={}, corpus_dir=Path(args.corpus), index_dir=Path(args.index)),
                      build_if_missing=False).warm_up()
        for q in questions[:5]:
            bot.ask(q)
        profiler = Profiler(interval=args.interval)
        with profiler:
            for q in questions:
                bot.ask(q)
        out.write_text(profiler.output_text(show_all=False, color=False), encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
