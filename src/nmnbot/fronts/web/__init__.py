"""The web front: one FastAPI app with the JSON API, the Gradio chat page and an embeddable widget."""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
