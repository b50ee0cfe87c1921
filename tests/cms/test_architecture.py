"""The app graph of docs/architecture.md, as far as a test can see it.

`lint-imports` (in .ci/run) checks the layers and the absence of cycles; it cannot tell an
import inside a function — the usual way to hide a cycle — from one at the top of a module.
This test does: project modules are imported at module level, except where a framework needs
a late import (listed below with the reason).
"""

import ast
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = {
    "cms",
    "provisioning",
    "frontend",
    "opendata",
    "graphql_api",
    "accompaniment",
    "listings",
    "aides",
    "partners",
    "home",
    "reference",
    "media_library",
    "users",
    "core",
}
# Top-level packages that are not part of the application.
NOT_APPS = {"tests", "bench"}


def late_import_allowed(path, function):
    """AppConfig.ready() connects the app's signals and hooks once models are loaded."""
    return path.name == "apps.py" and function == "ready"


def project_modules():
    for package in sorted(PROJECT_PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_packages(node, path):
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: inside the module's own package
            return [path.relative_to(ROOT).parts[0]]
        return [(node.module or "").split(".")[0]]
    return []


def late_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            packages = [p for p in imported_packages(node, path) if p in PROJECT_PACKAGES]
            if packages and not late_import_allowed(path, function.name):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} ({function.name})")
    return found


def test_project_modules_are_imported_at_module_level():
    found = [place for path in project_modules() for place in late_imports(path)]
    assert found == [], "Imports inside functions (a hidden cycle?):\n" + "\n".join(found)


def test_every_project_package_has_its_layer():
    """A new app must be given its layer in pyproject.toml, or lint-imports ignores it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - NOT_APPS
    assert packages == PROJECT_PACKAGES
    assert set(config["root_packages"]) == PROJECT_PACKAGES
    assert layered == PROJECT_PACKAGES


def test_no_module_imports_itself_through_others():
    """No cycle at all in the module graph (imports under TYPE_CHECKING aside: GraphQL types
    that refer to each other do it through strawberry.lazy)."""
    graph = grimp.build_graph(*sorted(PROJECT_PACKAGES), exclude_type_checking_imports=True)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(" -> ".join((module, *back)))
    assert cycles == []
