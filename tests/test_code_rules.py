"""Rules of the code a reader relies on: ``texts.py`` holds only used entries and is never patched;
every ``type: ignore`` says why on its line."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("bienban_base", "recorder", "transcribe", "voices", "minutes_tui", "bienban_bench")
TEXTS = REPO / "minutes_tui" / "texts.py"


def _product_files() -> list[Path]:
    return [f for p in PACKAGES for f in sorted((REPO / p).rglob("*.py")) if f != TEXTS]


def _texts_entries() -> dict[str, ast.expr]:
    """The top-level names ``texts.py`` assigns, with their values."""
    entries: dict[str, ast.expr] = {}
    for node in ast.parse(TEXTS.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            entries.update({t.id: node.value for t in node.targets if isinstance(t, ast.Name)})
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            entries[node.target.id] = node.value
    return entries


def test_every_texts_entry_is_used():
    """Each top-level name is read outside ``texts.py`` (or by another entry there); each string key of
    a dictionary, nested ones included (``CLI_HELP["export"]["--notice"]``), is named by the code: as a
    literal, as the fixed start of an f-string (``f"outcome_{kind}"``), or as a key binding's ``action_``
    method."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    names: set[str] = set()
    for path in _product_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))
            elif isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
    own = TEXTS.read_text(encoding="utf-8")
    entries = _texts_entries()
    unused = [n for n in entries if n not in names and len(re.findall(rf"\b{n}\b", own)) < 2]
    unused_keys = [
        f"{name}[{key.value!r}]"
        for name, value in entries.items()
        for table in ast.walk(value)
        if isinstance(table, ast.Dict)
        for key in table.keys
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
        if key.value not in literals
        and f"action_{key.value}" not in names
        and not any(p and key.value.startswith(p) for p in prefixes)
    ]
    assert unused == [] and unused_keys == []


def _docstrings(tree: ast.AST) -> set[int]:
    """The ``id``s of the docstring constants in ``tree`` (module, classes, functions)."""
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip


def test_the_command_line_has_no_words_of_its_own():
    """``minutes_tui/cli`` takes every Vietnamese word from ``texts.py``: no string literal (docstrings and
    comments aside) holds a non-ASCII letter, and no argparse text (``help``, ``metavar``, ``description``,
    ``title``, ``epilog``, ``usage``) is written as a literal there."""
    keywords = {"help", "metavar", "description", "title", "epilog", "usage"}
    own_words, literal_texts = [], []
    for path in sorted((REPO / "minutes_tui" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if any(c.isalpha() and not c.isascii() for c in node.value):
                    own_words.append(f"{where}: {node.value[:60]!r}")
            elif isinstance(node, ast.keyword) and node.arg in keywords:
                if isinstance(node.value, ast.JoinedStr) or (
                    isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                ):
                    literal_texts.append(f"{where}: {node.arg}=")
    assert own_words == []
    assert literal_texts == []


def test_texts_is_never_patched():
    """``texts.py`` only assigns its entries (no code that changes them at import), nothing else assigns to
    them, and importing every module of every package leaves them as they were."""
    allowed = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.ClassDef)
    body = ast.parse(TEXTS.read_text(encoding="utf-8")).body
    statements = [
        ast.unparse(n)[:80]
        for n in body
        if not isinstance(n, allowed) and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
    ]
    assert statements == []
    writes = re.compile(
        r"\btexts\.[A-Z_]+\s*(\[[^\]\n]*\])?\s*(=(?!=)|\|=|\+=)|\btexts\.[A-Z_]+\.(update|setdefault|append|extend|insert|pop)\(|setattr\(texts\b"
    )
    patched = [
        f"{f.relative_to(REPO)}: {m.group(0)}" for f in _product_files() for m in writes.finditer(f.read_text(encoding="utf-8"))
    ]
    assert patched == []
    code = (
        "import importlib, pkgutil, sys\n"
        "import minutes_tui.texts as t\n"
        "before = {k: repr(v) for k, v in vars(t).items() if k.isupper()}\n"
        f"for name in {PACKAGES!r}:\n"
        "    pkg = importlib.import_module(name)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, name + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        "after = {k: repr(v) for k, v in vars(t).items() if k.isupper()}\n"
        "print(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_every_type_ignore_says_why_on_its_line():
    """``# type: ignore[code]  # the reason`` — never a bare ignore, never one without its error code."""
    files = _product_files() + [TEXTS] + sorted((REPO / "bench").rglob("*.py")) + sorted((REPO / "tests").rglob("*.py"))
    ignore = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")
    bare = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if (m := ignore.search(line)) and (not m.group("codes") or not re.match(r"\s*#\s*\w", m.group("rest"))):
                bare.append(f"{path.relative_to(REPO)}:{number}")
    assert bare == []


def test_no_two_classes_share_a_name_and_the_sample_rate_is_defined_once():
    """A reader never meets two ``Word``s or two ``Segment``s; the audio format has one home."""
    classes: dict[str, list[str]] = {}
    rates = []
    for path in _product_files():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append(str(path.relative_to(REPO)))
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SAMPLE_RATE" for t in node.targets):
                rates.append(str(path.relative_to(REPO)))
    assert {name: where for name, where in classes.items() if len(where) > 1} == {}
    assert rates == ["bienban_base/audio.py"]
