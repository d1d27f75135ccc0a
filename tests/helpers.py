"""Helpers for the reliability, server-mode, fuzz and bad-input tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from nmnbot.pipeline.compose import Answer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
VENV_BIN = Path(sys.executable).parent
NMNBOT = str(VENV_BIN / "nmnbot")
MEDQUAD_DOCS = Path("/work/shared/datasets/medquad/docs")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def offline_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess: offline, and no NMNBOT_* from the developer's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NMNBOT_") or k == "NMNBOT_ENCODER_DIR"}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NMNBOT, *args], capture_output=True, text=True, timeout=timeout,
                          env=env or offline_env(), cwd=cwd)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """The CLI contract: exit 2, one line on stderr, no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr[-2000:]
    assert lines[0].startswith("nmnbot: error: "), lines
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment.lower() in lines[0].lower(), (fragment, lines[0])


def assert_sound_answer(answer: Answer, texts: dict[str, str]) -> dict[str, Any]:
    """JSON-serialisable, caveats present, every quote verbatim from its source file."""
    data = answer.to_dict()
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate anywhere
    assert data["status"] in ("answered", "not_found", "crisis", "emergency")
    assert data["caveats"] and all(isinstance(c, str) and c for c in data["caveats"])
    if data["status"] == "answered":
        assert data["quotes"]
    for q in data["quotes"]:
        source_text = texts[q["source"]]
        assert source_text[q["start"]:q["end"]] == q["text"], q
    return data


def source_texts(corpus_dir: Path) -> dict[str, str]:
    return {p.relative_to(corpus_dir).as_posix(): p.read_text(encoding="utf-8")
            for p in corpus_dir.rglob("*") if p.is_file() and p.suffix in (".txt", ".md")}


def wait_until(predicate: Any, timeout: float, interval: float = 0.1, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


# A markdown page whose lead-in has no colon and whose subheading has no markup.

GAS_DOC = (
    "# Gas in the digestive tract\n\n"
    "## When to see a doctor\n\n"
    "Talk with your health care provider if\n\n"
    "- gas symptoms often bother you\n"
    "- your symptoms change suddenly\n"
    "- you have constipation, diarrhea, or weight loss along with gas\n\n"
    "## Treatment\n\n"
    "Nonsurgical Treatments\n\n"
    "Eating fewer beans and less dairy reduces gas for most people.\n"
    "Gas affects 25 million people in the United States.1\n"
)

# The same page as HTML: list items carry no marker in their text, only <li>.
GAS_HTML = (
    "<html><head><title>Gas in the digestive tract</title></head><body>\n"
    "<h1>Gas in the digestive tract</h1>\n"
    "<h2>When to see a doctor</h2>\n"
    "<p>Talk with your health care provider if</p>\n"
    "<ul>\n"
    "  <li>gas symptoms often bother you</li>\n"
    "  <li>your symptoms change suddenly</li>\n"
    "  <li><p>you have constipation, diarrhea, or weight loss along with gas</p></li>\n"
    "</ul>\n"
    "<h2>Treatment</h2>\n"
    "<p>Nonsurgical Treatments</p>\n"
    "<p>Eating fewer beans and less dairy reduces gas for most people.</p>\n"
    "</body></html>\n"
)


# Sentences of the seed corpus that several evidence and caveat tests read.
TRIAL = (
    "A team from the University of Tsukuba in Japan conducted a randomized, double-blind, placebo-controlled "
    "clinical trial involving 108 healthy elderly people over 65 years old for a 12-week intervention."
)
TRIAL_RESULT = (
    "The study found that persistently supplementing 250 mg of NMN every afternoon for 12 weeks is a potential "
    "strategy that may help improve energy, sleep, and lower limb mobility, and showed good safety under the "
    "study conditions."
)
MOUSE_PARAGRAPH = (
    "Mice treated with NMN showed positive effects in terms of hair growth, skin color changes, and skin thickness. "
    "Compared to the minoxidil treatment group, NMN showed similar or even superior effects in some aspects."
)
HDPC = "The study found that NMN significantly promoted the proliferation of human dermal papilla cells (HDPCs)."
