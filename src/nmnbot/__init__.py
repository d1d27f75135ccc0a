"""nmnbot: a consumer-health Q&A bot that answers only with verbatim, evidence-labelled quotes.

Importing this package loads no model, no torch, no chromadb and no gradio:
everything heavy is imported where it is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Answer", "Chatbot", "EvidenceLevel", "Quote", "classify_evidence"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .bot import Chatbot
    from .evidence import EvidenceLevel
    from .evidence_model import classify_evidence
    from .pipeline.compose import Answer, Quote

_WHERE = {
    "Answer": "pipeline.compose", "Quote": "pipeline.compose", "Chatbot": "bot",
    "EvidenceLevel": "evidence", "classify_evidence": "evidence_model",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'nmnbot' has no attribute {name!r}")
