"""The shape of the house: importing nmnbot loads nothing heavy, the public surface is
API.md's, no import cycles (lazy imports included), no module over 600 lines, and the
serving path never imports the evaluation package."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

HEAVY = ("torch", "chromadb", "gradio", "sentence_transformers", "langchain_core", "transformers", "onnxruntime")
SRC = REPO / "src"
MAX_LINES = 600


def test_import_is_light() -> None:
    code = ("import sys, nmnbot, nmnbot.fronts.cli, nmnbot.config, nmnbot.evidence, nmnbot.pipeline.triage, "
            "nmnbot.bot, nmnbot.pipeline.quotes, nmnbot.index; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_surface() -> None:
    import nmnbot

    assert set(nmnbot.__all__) == {"Answer", "Chatbot", "EvidenceLevel", "Quote", "classify_evidence"}
    assert nmnbot.classify_evidence("Mice treated with NMN grew more hair.") == "animal"
    for name in nmnbot.__all__:
        assert getattr(nmnbot, name) is not None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: str = "nmnbot") -> dict[str, set[str]]:
    """Every import between modules of ``package``, wherever it stands (a lazy import inside a
    function counts), as module -> modules it imports. A package's own submodules importing
    ``from . import x`` do not count as importing the package."""
    files = sorted((SRC / package).rglob("*.py"))
    known = {_module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        name = _module_name(path)
        pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        out: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                candidates = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            else:
                continue
            for c in candidates:
                while c and c not in known:
                    c = c.rsplit(".", 1)[0] if "." in c else ""
                if c and c != name and c != package and not name.startswith(c + "."):
                    out.add(c)
        graph[name] = out
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.mark.parametrize("package", ["nmnbot", "nmnbot_eval"])
def test_no_import_cycles(package: str) -> None:
    assert _cycles(import_graph(package)) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_is_over_600_lines() -> None:
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_text_imports_nothing_of_ours() -> None:
    assert import_graph()["nmnbot.text"] == set()


def test_the_runtime_never_imports_evaluation() -> None:
    """Neither statically (any module of nmnbot, lazily or not, except the CLI's eval command)
    nor when the server and a question actually run."""
    for path in (SRC / "nmnbot").rglob("*.py"):
        if path.name == "cli.py":
            continue
        # an import of it, at any depth (a docstring may name the script that trains a model)
        assert not re.search(r"^\s*(?:from|import)\s+nmnbot_eval\b", path.read_text(encoding="utf-8"), re.M), path
    code = ("import sys, nmnbot.bot, nmnbot.fronts.web.app, nmnbot.fronts.web.api, nmnbot.fronts.web.page, "
            "nmnbot.fronts.cli; print([m for m in ('nmnbot_eval', 'matplotlib', 'langchain_text_splitters') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
