"""A learning module that declares ``__all__`` lists every public name it defines, and nothing it
does not have: readers and ``from … import *`` take the list at its word."""

import ast
import importlib
from pathlib import Path

import pytest

LEARNING = Path(__file__).resolve().parents[2] / "learning"


def _modules_with_all():
    for path in sorted(LEARNING.rglob("*.py")):
        relative = path.relative_to(LEARNING.parent)
        if "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            isinstance(node, ast.Assign)
            and any(
                isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
            )
            for node in tree.body
        ):
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), tree


def _defined_public_names(tree: ast.Module) -> set[str]:
    """Classes, functions and constants the module itself defines (imports left out)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


MODULES = list(_modules_with_all())


def test_the_learning_app_declares_its_public_names():
    names = {name for name, _tree in MODULES}
    # The split modules keep a list; so do the writes and what the community reads.
    assert {
        "learning.services",
        "learning.standing",
        "learning.selectors.progress",
        "learning.agenda.services",
        "learning.page_states.lesson",
    } <= names


@pytest.mark.parametrize(("name", "tree"), MODULES, ids=[name for name, _tree in MODULES])
def test_all_lists_every_public_name_and_only_names_the_module_has(name, tree):
    module = importlib.import_module(name)

    unlisted = _defined_public_names(tree) - set(module.__all__)
    missing = [listed for listed in module.__all__ if not hasattr(module, listed)]

    assert not unlisted, f"{name} defines {sorted(unlisted)} without listing them in __all__"
    assert not missing, f"{name} lists {missing} in __all__ but has no such name"
