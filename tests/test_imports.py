"""Importing nmnbot (and running --help) loads nothing heavy; the public surface is API.md's."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "chromadb", "gradio", "sentence_transformers", "langchain_core", "transformers", "onnxruntime")


def test_import_is_light() -> None:
    code = ("import sys, nmnbot, nmnbot.cli, nmnbot.config, nmnbot.evidence, nmnbot.triage; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_surface() -> None:
    import nmnbot

    assert set(nmnbot.__all__) == {"Answer", "Chatbot", "EvidenceLevel", "Quote", "classify_evidence"}
    assert nmnbot.classify_evidence("Mice treated with NMN grew more hair.") == "animal"
    for name in nmnbot.__all__:
        assert getattr(nmnbot, name) is not None
