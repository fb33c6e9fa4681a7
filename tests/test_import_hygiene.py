"""The layers hold (style rules 1 and 12): checked by importing, by import-linter, and for cycles."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("bienban_base", "recorder", "transcribe", "voices", "minutes_tui", "bienban_bench")
TEXTUAL_FREE = (
    "bienban_base",
    "recorder",
    "transcribe",
    "voices",
    "minutes_tui.workflows",
    "minutes_tui.export",
    "minutes_tui.meeting",
)


def test_importing_everything_below_the_app_loads_no_textual():
    code = (
        "import sys, pkgutil, importlib\n"
        f"for name in {TEXTUAL_FREE!r}:\n"
        "    pkg = importlib.import_module(name)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'torch'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == ""


def test_transcribe_and_recorder_import_neither_each_other_nor_the_app():
    code = (
        "import sys, pkgutil, importlib\n"
        "for name in ('transcribe', 'recorder'):\n"
        "    pkg = importlib.import_module(name)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "    other = {'transcribe': 'recorder', 'recorder': 'transcribe'}[name]\n"
        "    bad = sorted(m for m in sys.modules if m.split('.')[0] in (other, 'minutes_tui', 'textual'))\n"
        "    print(name, ','.join(bad))\n"
        "    for m in list(sys.modules):\n"
        "        if m.split('.')[0] in ('transcribe', 'recorder', 'minutes_tui'):\n"
        "            del sys.modules[m]\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.split() == ["transcribe", "recorder"]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint)], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "broken" in out.stdout and " 0 broken" in out.stdout


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_at_any_level():
    """Between modules, between the sub-packages of each package, between top-level packages.

    grimp records imports under ``if TYPE_CHECKING:`` and inside functions too: they count.
    """
    graph = grimp.build_graph(*PACKAGES)
    modules = sorted(graph.modules)
    # between modules, a package's __init__ and its own modules count too (a -> pkg -> b -> a is a cycle)
    whole = {m: set(graph.find_modules_directly_imported_by(m)) for m in modules}
    cycles = {"modules": found} if (found := _cycles(whole)) else {}
    for depth in range(1, max(m.count(".") for m in modules) + 2):
        edges: dict[str, set[str]] = defaultdict(set)
        for importer in modules:
            for imported in graph.find_modules_directly_imported_by(importer):
                a, b = (".".join(m.split(".")[:depth]) for m in (importer, imported))
                # a package's __init__ importing its own children is not a cycle between siblings
                if a != b and not a.startswith(b + ".") and not b.startswith(a + "."):
                    edges[a].add(b)
        if found := _cycles(edges):
            cycles[depth] = found
    assert cycles == {}


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
