"""The dependency rule, read from the source: models never import views, `cms` never imports
`learning` or `community` (apart from the project wiring), `learning` never imports `community`.

Every import counts: absolute and relative, at the top of a module or inside a function.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
APPS = ("cms", "learning", "community")

# The project wiring names every app; nothing else in `cms` may.
WIRING = (
    "cms/settings/",
    "cms/urls.py",
    "cms/wsgi.py",
    "cms/management/commands/seed_demo.py",
)

# Which packages each app must never import.
FORBIDDEN = {
    "cms": ("learning", "community"),
    "learning": ("community",),
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    statement: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.statement} ({self.rule})"


def module_name(relative: Path) -> str:
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> set:
    """The dotted names an import statement may load, relative imports resolved."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    base = node.module or ""
    if node.level:
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(filter(None, [*package, base]))
    # `from learning import views` loads the module learning.views.
    return {base} | {f"{base}.{alias.name}" for alias in node.names if alias.name != "*"}


def is_model_module(relative: Path) -> bool:
    return relative.name == "models.py" or "models" in relative.parts[:-1]


def is_view_module(dotted: str) -> bool:
    parts = dotted.split(".")
    return parts[0] in APPS and any(
        part == "views" or part.endswith("_views") for part in parts[1:]
    )


def is_wiring(relative: Path) -> bool:
    posix = relative.as_posix()
    return any(posix == entry or posix.startswith(entry) for entry in WIRING)


def find_violations(root: Path) -> list[Violation]:
    violations = []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts:
                continue
            source = path.read_text(encoding="utf-8")
            importer = module_name(relative)
            is_package = path.name == "__init__.py"
            for node in ast.walk(ast.parse(source, filename=str(relative))):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                statement = ast.get_source_segment(source, node) or ast.unparse(node)
                targets = imported_modules(node, importer, is_package)
                rules = []
                if is_model_module(relative) and any(map(is_view_module, targets)):
                    rules.append("a model module imports a view module")
                forbidden = FORBIDDEN.get(app, ())
                if not is_wiring(relative) and any(
                    target.split(".")[0] in forbidden for target in targets
                ):
                    rules.append(f"{app} must not import {' or '.join(forbidden)}")
                violations.extend(
                    Violation(relative.as_posix(), node.lineno, statement, rule) for rule in rules
                )
    return violations


def test_the_project_keeps_the_dependency_rule():
    violations = find_violations(PROJECT_ROOT)
    assert not violations, "imports that break the dependency rule:\n" + "\n".join(
        map(str, violations)
    )


def write(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    for folder in path.relative_to(root).parents:
        if folder != Path("."):
            (root / folder / "__init__.py").touch()
    path.write_text(source, encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "source", "line", "rule"),
    [
        (
            "learning/models/pages.py",
            "import datetime\n\n\ndef get_context():\n    from learning.views.lessons import x\n",
            5,
            "a model module imports a view module",
        ),
        (
            "learning/models/pages.py",
            "from ..views import lessons\n",
            1,
            "a model module imports a view module",
        ),
        (
            "cms/models.py",
            "from . import views\n",
            1,
            "a model module imports a view module",
        ),
        (
            "cms/selection/models.py",
            "from .admin_views import inspect\n",
            1,
            "a model module imports a view module",
        ),
        ("cms/selectors.py", "import learning.selectors\n", 1, "cms must not import learning"),
        (
            "cms/templatetags/site_tags.py",
            "def tag():\n    from community.models import Forum\n",
            2,
            "cms must not import learning or community",
        ),
        (
            "learning/services.py",
            "from community import services\n",
            1,
            "learning must not import community",
        ),
    ],
)
def test_a_planted_violation_is_reported_with_file_line_and_import(
    tmp_path, relative, source, line, rule
):
    write(tmp_path, relative, source)

    violations = find_violations(tmp_path)

    assert len(violations) == 1, violations
    found = violations[0]
    assert (found.path, found.line) == (relative, line)
    assert rule in found.rule
    assert found.statement in source and found.statement.lstrip().startswith(("from", "import"))
    assert f"{relative}:{line}: {found.statement}" in str(found)


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("cms/urls.py", "from learning import urls\nfrom community import urls as c\n"),
        ("cms/settings/base.py", "import learning\n"),
        ("cms/management/commands/seed_demo.py", "from learning.demo import seed\n"),
        ("learning/services.py", "from cms.models import HomePage\n"),
        ("learning/views/lessons.py", "from learning.models import LessonPage\n"),
        ("community/services.py", "from learning import selectors\n"),
        ("learning/models/pages.py", "from learning.selectors import lesson_view\n"),
        ("learning/models/pages.py", "from django.views.decorators.http import require_POST\n"),
    ],
)
def test_allowed_imports_are_not_reported(tmp_path, relative, source):
    write(tmp_path, relative, source)
    assert find_violations(tmp_path) == []
