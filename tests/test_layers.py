"""The data flow goes one way: ingest -> store <- retrieve -> edges (workbench reads store only). Checked on the import graph."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

# layer -> layers it must never import
FORBIDDEN = {
    "store": {"ingest", "retrieve", "api", "ui", "evaluation", "cli"},
    "ingest": {"retrieve", "api", "ui", "evaluation", "cli"},
    "retrieve": {"ingest", "api", "ui", "evaluation", "cli"},
    "api": {"ingest", "evaluation", "cli"},
    "ui": {"ingest", "evaluation", "cli", "api"},
    "workbench": {"ingest", "retrieve", "api", "ui", "evaluation", "cli"},
}
# Chroma and llama-index objects stay inside store/ (and the naive baseline, which is its own pipeline).
THIRD_PARTY_ONLY_IN = {"chromadb": {"store", "evaluation"}, "llama_index": {"evaluation"}}


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_data_flow(path):
    layer = layer_of(path)
    for name in imports_of(path):
        parts = name.split(".")
        if parts[0] == "assistant" and len(parts) > 1:
            assert parts[1] not in FORBIDDEN.get(layer, set()), f"{layer} imports {name}"
        if parts[0] in THIRD_PARTY_ONLY_IN:
            assert layer in THIRD_PARTY_ONLY_IN[parts[0]], f"{layer} imports {name}"
