"""The layer contracts (DESIGN.md §4), checked on the source, every import at any depth.

import-linter (Harlequin's tool) builds its graph from the installed package's own
folder, so it cannot see ``coprod_tui.screens`` and ``coprod_tui.exports``, which
setuptools maps in from the top-level ``screens/`` and ``exports/`` folders. This
checker reads every ``.py`` file with ``ast`` instead: ``import`` and ``from ...
import`` anywhere (inside functions and ``if TYPE_CHECKING`` blocks too), relative
imports resolved against the installed names, and ``importlib.import_module`` calls
with a literal name.

Run it as ``python -m tests.layers`` (CI does, before the tests); ``tests/test_layers.py``
runs it too and proves that a violation is caught.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Source folder → the package it installs as (pyproject.toml's package-dir).
PACKAGES = {"coprod_tui": "coprod_tui", "screens": "coprod_tui.screens",
            "exports": "coprod_tui.exports"}

#: The app shell: the only core-folder modules that may reach the user interface.
SHELL = frozenset({"coprod_tui.app", "coprod_tui.cli", "coprod_tui.__main__"})

UI_LIBRARIES = ("textual", "rich", "textual_serve")
DOCUMENT_LIBRARIES = ("docx", "lxml")


@dataclass(frozen=True)
class Contract:
    name: str
    #: Which modules it binds: a predicate on the importing module's name.
    applies: str
    #: Module names (or prefixes) they must not import.
    forbidden: tuple[str, ...]
    why: str
    #: Of those, the ones an ``if TYPE_CHECKING:`` block may still name: a type
    #: annotation draws no arrow at run time (screens type ``self.app`` as CoprodApp).
    for_typing_only: tuple[str, ...] = ()


CONTRACTS = (
    Contract("core", "core",
             ("coprod_tui.screens", "coprod_tui.exports", "coprod_tui.app", "coprod_tui.cli",
              *UI_LIBRARIES, *DOCUMENT_LIBRARIES),
             "the core (model, rules, service, report, store) knows nothing of the screens, "
             "the documents or the libraries that draw them"),
    Contract("exports", "exports",
             ("coprod_tui.screens", "coprod_tui.app", "coprod_tui.cli", *UI_LIBRARIES),
             "a document writer is a pure function from a session to bytes; it has to point "
             "at the core and never back at the interface"),
    Contract("screens", "screens",
             ("coprod_tui.store", "coprod_tui.app", "coprod_tui.cli", "tinydb"),
             "screens change things only through the session service; storage stays below it, "
             "and the app shell points at the screens, never back",
             for_typing_only=("coprod_tui.app",)),
)


@dataclass(frozen=True)
class Violation:
    contract: Contract
    module: str
    path: Path
    line: int
    imported: str

    def __str__(self) -> str:
        rel = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return (f"{rel}:{self.line}: {self.module} imports {self.imported} "
                f"(contract '{self.contract.name}': {self.contract.why})")


def module_name(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    package = PACKAGES[parts[0]]
    rest = parts[1:]
    if rest and rest[-1] == "__init__":
        rest = rest[:-1]
    return ".".join([package, *rest])


def layer_of(module: str) -> str:
    if module.startswith("coprod_tui.screens"):
        return "screens"
    if module.startswith("coprod_tui.exports"):
        return "exports"
    if module in SHELL:
        return "shell"
    return "core"


def _typing_only_lines(tree: ast.AST) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks (not their ``else``)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
                (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
                or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")):
            for inner in node.body:
                for sub in ast.walk(inner):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def imports_in(source: str, module: str, is_package: bool
               ) -> Iterator[tuple[int, str, bool]]:
    """(line, absolute module name, typing only?) for every import in ``source``."""
    tree = ast.parse(source)
    typing_only = _typing_only_lines(tree)
    for line, name in _imports(tree, module, is_package):
        yield line, name, line in typing_only


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            yield node.lineno, target
            # "from coprod_tui import screens" imports the subpackage too.
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str) and not node.args[0].value.startswith(".")):
            yield node.lineno, node.args[0].value


def _matches(imported: str, forbidden: str) -> bool:
    return imported == forbidden or imported.startswith(forbidden + ".")


def check_file(path: Path, root: Path = ROOT, source: str | None = None) -> list[Violation]:
    module = module_name(path, root)
    layer = layer_of(module)
    source = path.read_text("utf-8") if source is None else source
    found: dict[tuple[str, int], Violation] = {}
    for contract in CONTRACTS:
        if contract.applies != layer:
            continue
        for line, imported, typing_only in imports_in(source, module,
                                                      path.name == "__init__.py"):
            allowed = typing_only and any(_matches(imported, f)
                                          for f in contract.for_typing_only)
            # One report per import statement: "from a.b import c" is about a.b.
            if (contract.name, line) not in found and not allowed and any(
                    _matches(imported, f) for f in contract.forbidden):
                found[contract.name, line] = Violation(contract, module, path, line, imported)
    return list(found.values())


def check_tree(root: Path = ROOT) -> list[Violation]:
    found: list[Violation] = []
    for folder in PACKAGES:
        for path in sorted((root / folder).rglob("*.py")):
            found.extend(check_file(path, root))
    return found


def main() -> int:
    found = check_tree()
    for violation in found:
        print(violation)
    print(f"Layer contracts: {len(CONTRACTS)} checked, "
          f"{'no violations' if not found else f'{len(found)} violation(s)'}.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
