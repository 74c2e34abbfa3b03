"""The dependency rules, read from the source.

- Models never import views.
- `cms` never imports `learning` or `community` (apart from the project wiring), and `learning`
  never imports `community`.
- The community reads learning only through what learning offers it: its models (a forum points
  at an edition), its phase providers (the follow-up phase) and `learning.standing`.
- No module is longer than 700 lines (migrations aside).
- No module imports one that imports it back, directly or round a longer circle. The one accepted
  exception is Wagtail's: a page model's method (``get_context``, ``serve``, a route) imports
  what serves its page from inside the method, since in Wagtail the page is also the view.

Every import counts: absolute and relative, at the top of a module or inside a function, and
those made only for type checking.
"""

import ast
from collections import defaultdict
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

# What an app offers another that may use it, where it offers only part of itself.
OFFERED = {
    ("community", "learning"): ("learning.models", "learning.phases", "learning.standing"),
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    statement: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.statement} ({self.rule})"


@dataclass(frozen=True)
class Import:
    importer: str
    path: str
    line: int
    statement: str
    targets: frozenset[str]
    in_page_method: bool


def module_name(relative: Path) -> str:
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(
    node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, modules: set[str]
) -> set[str]:
    """The modules an import statement loads, relative imports resolved: `from learning import
    views` loads learning.views when that is a module, `from learning.models import X` loads
    learning.models."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    base = node.module or ""
    if node.level:
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(filter(None, [*package, base]))
    submodules = {f"{base}.{alias.name}" for alias in node.names if alias.name != "*"}
    found = {name for name in submodules if name in modules}
    if len(found) < len(submodules) or not found:
        found.add(base)
    return found


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


def _sources(root: Path):
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" not in relative.parts:
                yield path, relative


def _imports_with_place(tree: ast.AST):
    """Each import with whether it sits inside a method of a class (a page's get_context,
    serve or route) rather than at module level or in a plain function."""

    def visit(node, in_class: bool, in_method: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_method
            elif isinstance(child, ast.ClassDef):
                yield from visit(child, True, in_method)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(child, False, in_method or in_class)
            else:
                yield from visit(child, in_class, in_method)

    yield from visit(tree, False, False)


def read_imports(root: Path) -> list[Import]:
    files = list(_sources(root))
    modules = {module_name(relative) for _path, relative in files}
    imports = []
    for path, relative in files:
        source = path.read_text(encoding="utf-8")
        importer = module_name(relative)
        is_package = path.name == "__init__.py"
        for node, in_method in _imports_with_place(ast.parse(source, filename=str(relative))):
            imports.append(
                Import(
                    importer=importer,
                    path=relative.as_posix(),
                    line=node.lineno,
                    statement=ast.get_source_segment(source, node) or ast.unparse(node),
                    targets=frozenset(imported_modules(node, importer, is_package, modules)),
                    in_page_method=in_method and is_model_module(relative),
                )
            )
    return imports


def _offered(importer_app: str, target: str) -> bool:
    offered = OFFERED.get((importer_app, target.split(".")[0]))
    if offered is None:
        return True
    return any(target == module or target.startswith(module + ".") for module in offered)


def find_violations(root: Path) -> list[Violation]:
    violations = []
    for found in read_imports(root):
        relative = Path(found.path)
        app = found.importer.split(".")[0]
        rules = []
        if is_model_module(relative) and any(map(is_view_module, found.targets)):
            rules.append("a model module imports a view module")
        forbidden = FORBIDDEN.get(app, ())
        if not is_wiring(relative) and any(
            target.split(".")[0] in forbidden for target in found.targets
        ):
            rules.append(f"{app} must not import {' or '.join(forbidden)}")
        hidden = sorted(target for target in found.targets if not _offered(app, target))
        if hidden:
            offered = ", ".join(OFFERED[(app, hidden[0].split(".")[0])])
            rules.append(f"{app} may import only {offered} of {hidden[0].split('.')[0]}")
        violations.extend(
            Violation(found.path, found.line, found.statement, rule) for rule in rules
        )
    return violations


def find_cycles(root: Path) -> list[list[Import]]:
    """Every circle of imports between the project's modules (strongly connected components of
    two or more modules), each as the imports that close it; imports from inside a page
    model's methods are left out."""
    imports = read_imports(root)
    modules = {found.importer for found in imports}
    edges: dict[str, dict[str, Import]] = defaultdict(dict)
    for found in imports:
        if found.in_page_method:
            continue
        for target in found.targets:
            if target in modules and target != found.importer:
                edges[found.importer].setdefault(target, found)

    # Tarjan's algorithm, iterative so that a long chain cannot exhaust the stack.
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(modules):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = lowlink[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
                continue
            if child not in index:
                index[child] = lowlink[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges[child]))))
            elif child in on_stack:
                lowlink[node] = min(lowlink[node], index[child])
    return [
        [edges[a][b] for a in component for b in component if b in edges[a]]
        for component in sorted(components)
    ]


def describe(cycle: list[Import]) -> str:
    modules = sorted({found.importer for found in cycle})
    lines = [f"a circle of {len(modules)} modules: {', '.join(modules)}"]
    lines += [f"  {found.path}:{found.line}: {found.statement}" for found in cycle]
    return "\n".join(lines)


def test_the_project_keeps_the_dependency_rule():
    violations = find_violations(PROJECT_ROOT)
    assert not violations, "imports that break the dependency rule:\n" + "\n".join(
        map(str, violations)
    )


def test_no_module_imports_one_that_imports_it_back():
    cycles = find_cycles(PROJECT_ROOT)
    assert not cycles, "modules that import each other:\n" + "\n".join(map(describe, cycles))


# A module past this many lines holds several subjects: split it by subject into a package.
MAX_MODULE_LINES = 700


def test_no_module_is_longer_than_a_few_subjects():
    long = {
        relative.as_posix(): lines
        for path, relative in _sources(PROJECT_ROOT)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def write(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    for folder in path.relative_to(root).parents:
        if folder != Path("."):
            (root / folder / "__init__.py").touch()
    path.write_text(source, encoding="utf-8")


# Empty modules that planted imports name, so that a planted tree resolves its imports as the
# project does (`from learning import phases` loads the module learning.phases).
STUBS = (
    "cms/views.py",
    "cms/models/__init__.py",
    "cms/selection/admin_views.py",
    "learning/phases.py",
    "learning/standing.py",
    "learning/selectors.py",
    "learning/services.py",
    "learning/agenda/selectors.py",
    "learning/models/pages.py",
    "learning/views/lessons.py",
    "learning/demo/__init__.py",
    "learning/urls.py",
    "community/urls.py",
    "community/models.py",
)


def plant(root: Path, files: dict[str, str]) -> None:
    for relative in STUBS:
        write(root, relative, "")
    for relative, source in files.items():
        write(root, relative, source)


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
        (
            "community/permissions.py",
            "from learning.selectors import progress_for\n",
            1,
            "community may import only learning.models, learning.phases, learning.standing",
        ),
        (
            "community/services.py",
            "def post():\n    from learning import services\n",
            2,
            "community may import only",
        ),
        (
            "community/follow_up.py",
            "import learning.agenda.selectors\n",
            1,
            "community may import only",
        ),
    ],
)
def test_a_planted_violation_is_reported_with_file_line_and_import(
    tmp_path, relative, source, line, rule
):
    plant(tmp_path, {relative: source})

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
        ("community/services.py", "from learning.standing import standing_of\n"),
        ("community/apps.py", "def ready():\n    from learning import phases\n"),
        ("community/models.py", "from learning.models import EditionPage\n"),
        ("community/models.py", "from learning.models.pages import EditionPage\n"),
        ("learning/models/pages.py", "from learning.selectors import lesson_view\n"),
        ("learning/models/pages.py", "from django.views.decorators.http import require_POST\n"),
    ],
)
def test_allowed_imports_are_not_reported(tmp_path, relative, source):
    plant(tmp_path, {relative: source})
    assert find_violations(tmp_path) == []


@pytest.mark.parametrize(
    ("files", "circle"),
    [
        (
            {
                "community/services.py": "from .notifications import announce\n",
                "community/notifications.py": "from .services import profile_for\n",
            },
            ["community.notifications", "community.services"],
        ),
        (
            {
                "community/services.py": "def post():\n    from . import notifications\n",
                "community/notifications.py": "from . import services\n",
            },
            ["community.notifications", "community.services"],
        ),
        (
            {
                "learning/progress.py": "from .phases import register\n",
                "learning/phases.py": (
                    "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                    "    from .editions import current_edition\n"
                ),
                "learning/editions.py": "from learning.progress import progress_for\n",
            },
            ["learning.editions", "learning.phases", "learning.progress"],
        ),
        (
            {
                "cms/selection/models.py": "from .forms import NominationForm\n",
                "cms/selection/forms.py": "from .models import Nomination\n",
            },
            ["cms.selection.forms", "cms.selection.models"],
        ),
        (
            {
                "learning/models/pages.py": "def helper():\n    from ..selectors import view\n",
                "learning/selectors.py": "from .models import EditionPage\n",
                "learning/models/__init__.py": "from .pages import EditionPage\n",
            },
            ["learning.models", "learning.models.pages", "learning.selectors"],
        ),
    ],
)
def test_a_planted_circle_is_reported_with_its_imports(tmp_path, files, circle):
    plant(tmp_path, files)

    cycles = find_cycles(tmp_path)

    assert len(cycles) == 1, list(map(describe, cycles))
    assert sorted({found.importer for found in cycles[0]}) == circle
    report = describe(cycles[0])
    for relative in files:
        if "__init__" not in relative:
            assert relative in report


def test_a_page_method_may_call_its_own_apps_selectors(tmp_path):
    plant(
        tmp_path,
        {
            "learning/models/pages.py": (
                "class EditionPage:\n    def get_context(self, request):\n"
                "        from ..selectors import edition_page_state\n"
            ),
            "learning/models/__init__.py": "from .pages import EditionPage\n",
            "learning/selectors.py": "from .models import EditionPage\n",
        },
    )

    assert find_cycles(tmp_path) == []
