"""``termbase.__all__`` is sorted and complete (httpx ``tests/test_exported_members.py``)."""

from __future__ import annotations

import ast
import inspect

import termbase


def _public_names_defined_in_init() -> set[str]:
    """Every public name the package's ``__init__`` binds (imports, definitions, assignments)."""
    tree = ast.parse(inspect.getsource(termbase))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")} - {"annotations"}


def test_all_is_sorted() -> None:
    assert termbase.__all__ == sorted(termbase.__all__)


def test_all_has_no_duplicates() -> None:
    assert len(termbase.__all__) == len(set(termbase.__all__))


def test_all_names_exist() -> None:
    for name in termbase.__all__:
        assert hasattr(termbase, name), name


def test_all_is_complete() -> None:
    exported = set(termbase.__all__) - {"__version__"}
    assert _public_names_defined_in_init() == exported


def test_exported_members_say_where_they_live() -> None:
    """Classes and functions come from the package, not from a dependency."""
    for name in termbase.__all__:
        member = getattr(termbase, name)
        if inspect.isclass(member) or inspect.isfunction(member):
            assert member.__module__.startswith("termbase."), name


def test_version() -> None:
    assert "__version__" in termbase.__all__
    assert isinstance(termbase.__version__, str)
