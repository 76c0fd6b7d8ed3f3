"""The package's folders follow the flow: each stage imports only the stages before it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"
STAGES = ["inputs", "assess", "pages", "site"]  # files in -> assessment -> pages -> site


def imported_stages(path: Path) -> set[str]:
    """The stages a module imports, from its relative and absolute `analysis` imports."""
    stage_of_module = path.relative_to(PACKAGE).parts[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("analysis."):
                parts = node.module.split(".")[1:]
            elif node.level == 1:
                parts = [stage_of_module, *(node.module or "").split(".")]
            elif node.level == 2:
                parts = (node.module or "").split(".")
            else:
                continue
            found.add(parts[0])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("analysis.")}
    return found & set(STAGES)


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_a_later_stage(path):
    stage = STAGES.index(path.relative_to(PACKAGE).parts[0])
    assert {s for s in imported_stages(path) if STAGES.index(s) > stage} == set()


def test_every_module_sits_in_a_stage():
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__main__.py"]
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(STAGES)
