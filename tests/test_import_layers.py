"""Layers point down and no module imports itself in a circle.

The contracts are in pyproject.toml ([tool.importlinter]): the layers (loaders -> warehouse
access -> dbt -> content -> dashboard/exports, the CLI on top), no cycle between the modules of a
package, and a command line that imports nothing of the dashboard. `lint-imports` checks them;
this test runs it, and also looks for a circle of imports between any modules of the project,
across packages too (grimp, the graph import-linter builds on)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("noegletal", "loaders", "dashboards")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True, text=True,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"}, timeout=120,
    )


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.find_modules_directly_imported_by(target)))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_the_layers_and_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_imports_itself_through_others():
    # every import counts, also one inside a function and a package's own __init__ importing its
    # children (noegletal.access imports its engines, so they import noegletal.access.base)
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for importer, imported in [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")]:
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph) == [["p.a", "p.b", "p.c"]]


@pytest.mark.parametrize(
    "low_module, expected",
    [
        ("from top import high\n", "top.low is not allowed to import top.high"),
        ("import top.mid\n", "No cycles are allowed in top"),
    ],
)
def test_lint_imports_refuses_an_upward_import_and_a_cycle(tmp_path, low_module, expected):
    """The same contract types on a package of three modules: the checks can fail."""
    package = tmp_path / "top"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "high.py").write_text("from top import mid\n")
    (package / "mid.py").write_text("from top import low\n")
    (package / "low.py").write_text(low_module)
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""
        [tool.importlinter]
        root_packages = ["top"]

        [[tool.importlinter.contracts]]
        name = "layers"
        type = "layers"
        layers = ["top.high", "top.mid", "top.low"]

        [[tool.importlinter.contracts]]
        name = "cycles"
        type = "acyclic_siblings"
        ancestors = ["top"]
    """))
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert expected in result.stdout, result.stdout
