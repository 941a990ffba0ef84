"""The package's layers, read from its source with ``ast``: who may import whom.

Every import counts, at the top of a module or inside a function, so that a
lazy import cannot hide a dependency that breaks the layering.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "chutecode"

#: What each part of the package may import from chutecode (besides itself).
#: ``limits`` (the input limits) is a helper like ``errors``: it imports nothing of chutecode, and
#: the layers that check a limit may import it.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "limits": set(),
    "_version": set(),
    "files": {"errors"},
    "ringcode": {"errors", "limits"},
    "design": {"errors", "files", "limits"},
    "drawing": {"errors", "ringcode", "design"},
    "renderers": {"errors", "files", "limits", "_version", "ringcode", "design", "drawing"},
    "picture": {"errors", "limits", "ringcode", "design"},
    "batch": {"errors", "files", "limits", "_version", "ringcode", "design", "drawing", "renderers",
              "picture"},
    "canopy": {"errors", "ringcode", "design", "drawing", "renderers"},
    "display": {"errors", "ringcode", "design", "drawing", "renderers", "canopy"},
    "__init__": {"_version", "canopy", "display", "errors", "ringcode", "design", "drawing", "renderers",
                 "picture"},
    "__main__": {"cli"},
    # Bridges to other tools (vpype): loaded by those tools' entry points, imported by nothing here.
    "plugins": {"errors", "ringcode", "design", "drawing"},
    "cli": {"errors", "files", "limits", "_version", "ringcode", "design", "drawing", "renderers",
            "picture", "batch", "web"},
    # The web playground builds on the library as batch does; only the command line starts it.
    "web": {"errors", "files", "limits", "_version", "ringcode", "design", "drawing", "renderers", "picture"},
}

#: Third-party libraries that live in one place each.
THIRD_PARTY_HOMES: dict[str, set[str]] = {
    "click": {"cli", "plugins.vpype_plugin"},
    "vpype": {"plugins.vpype_plugin"},
    "vpype_cli": {"plugins.vpype_plugin"},
    "rich": {"cli"},
    "numpy": {"picture"},
    "pypdf": {"renderers.pdf"},
    "pikepdf": {"renderers.pdf"},
    "cairocffi": {"renderers", "drawing.text"},
    # Pango (page text) where cairo is: text is measured in drawing.text and drawn by the renderers.
    "pangocffi": {"renderers", "drawing.text"},
    "pangocairocffi": {"renderers", "drawing.text"},
    # Babel writes the numbers of page text in the page's language.
    "babel": {"design.language"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


@functools.cache
def _imports(path: Path) -> list[str]:
    """Every module named by an import in ``path`` (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; use absolute chutecode.* imports"
            base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append(candidate if candidate in MODULES else base)
    return found


def _part(module: str) -> str:
    """The layer of a chutecode module: ``chutecode.design.page`` -> ``design``."""
    rest = module.split(".")[1:]
    if not rest:
        return "__init__"
    return rest[0]


@functools.lru_cache(maxsize=1)
def _graph() -> dict[str, set[str]]:
    return {name: {m for m in _imports(path) if m == "chutecode" or m.startswith("chutecode.")}
            for name, path in MODULES.items()}


def test_the_package_has_its_layers():
    parts = {_part(name) for name in MODULES}
    assert {"ringcode", "design", "drawing", "renderers", "picture", "batch", "cli", "web"} <= parts
    assert parts <= set(ALLOWED), f"a part with no layering rule: {sorted(parts - set(ALLOWED))}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_layers(module):
    own = _part(module)
    bad = []
    for target in sorted(_graph()[module]):
        if target == "chutecode" and module != "chutecode.__main__":
            bad.append(f"{target} (the package face)")
            continue
        other = _part(target)
        if other != own and other not in ALLOWED[own]:
            bad.append(target)
    assert not bad, f"{module} ({own}) may import only {sorted(ALLOWED[own])}, not {bad}"


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    # A package's __init__ naming its own submodules is how packages work, not a cycle.
    real = [c for c in cycles if not all(m.startswith(c[0]) or c[0].startswith(m) for m in c)]
    assert not real, f"import cycles: {real}"


@pytest.mark.parametrize("library", sorted(THIRD_PARTY_HOMES))
def test_third_party_libraries_live_in_one_place(library):
    homes = THIRD_PARTY_HOMES[library]
    users = sorted(name for name, path in MODULES.items()
                   if any(m == library or m.startswith(library + ".") for m in _imports(path)))
    strays = [name for name in users
              if not any(name.removeprefix("chutecode.") == home
                         or name.removeprefix("chutecode.").startswith(home + ".") for home in homes)]
    assert users, f"nothing imports {library}: the rule is stale"
    assert not strays, f"{library} is for {sorted(homes)} only, but {strays} import it"


def test_the_checker_sees_a_bad_import(tmp_path):
    """The import walker finds lazy imports inside functions (so the rules above can fail)."""
    source = tmp_path / "lazy.py"
    source.write_text("def f():\n    from chutecode.cli import main\n    import numpy\n", encoding="utf-8")
    assert _imports(source) == ["chutecode.cli", "numpy"]
