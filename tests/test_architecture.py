"""The house is one-way (issue 11, points 1 and 2): apps import only downwards
(DESIGN.md, "Layers"), no module is part of an import cycle, and imports of project
modules sit at module top except where Django requires otherwise.

The import-linter contracts live in pyproject.toml (``make lint`` runs them too); here they
are checked against the real code, and against the same code with one bad import added,
so a contract that cannot fail would be noticed.
"""

import ast
import copy
import re
from pathlib import Path

import grimp
import pytest
from importlinter.application import use_cases
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract
from wagtail.models import Site

from vnportal.consultations.models import Draft
from vnportal.core import registry
from vnportal.core.models import SiteSettings
from vnportal.library.models import Document, DocumentAttachment, DocumentRelation
from vnportal.navigation.models import Banner, Link, LinkGroup, MaintenanceNotice, MenuSettings
from vnportal.news.models import ArticlePage, LegacyPortalSettings, SectionPage
from vnportal.polls.models import Choice, Poll
from vnportal.questions.models import Question, QuestionField
from vnportal.schedule.models import Entry

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "vnportal"
CONTRACT_TYPES = {
    "layers": LayersContract,
    "independence": IndependenceContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}

configure()  # what the lint-imports command does first


@pytest.fixture(scope="module")
def user_options():
    return use_cases.read_user_options(str(ROOT / "pyproject.toml"))


@pytest.fixture(scope="module")
def code_graph():
    """Every import of the package, those inside functions included (grimp's default)."""
    return grimp.build_graph("vnportal", cache_dir=None)


@pytest.fixture
def graph(code_graph):
    return copy.deepcopy(code_graph)


def broken_contracts(user_options, graph):
    """Ids of the contracts of pyproject.toml that ``graph`` breaks."""
    broken = set()
    for options in user_options.contracts_options:
        contract = CONTRACT_TYPES[options["type"]](
            name=options["name"], session_options=user_options.session_options, contract_options=options
        )
        if not contract.check(copy.deepcopy(graph), verbose=False).kept:
            broken.add(options["id"])
    return broken


def test_the_code_keeps_every_contract(user_options, graph):
    ids = {options["id"] for options in user_options.contracts_options}
    assert ids == {"layers", "services-independent", "content-independent", "no-cycles"}
    assert broken_contracts(user_options, graph) == set()
    # The same through import-linter's own entry point (what `make lint` runs).
    assert use_cases.lint_imports(str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True) == use_cases.SUCCESS


@pytest.mark.parametrize(
    "importer, imported, contract",
    [
        # core imports no app, not even inside a function (import-linter sees those too).
        ("vnportal.core.blocks", "vnportal.polls.blocks", "layers"),
        ("vnportal.core.purge", "vnportal.news.models", "layers"),
        # A service never imports content: statistics and search learn about it from core.registry.
        ("vnportal.stats.queries", "vnportal.news.models", "layers"),
        ("vnportal.search.indexer", "vnportal.library.models", "layers"),
        # Services are independent of each other, content apps too.
        ("vnportal.stats.queries", "vnportal.polls.models", "services-independent"),
        ("vnportal.library.models", "vnportal.news.models", "content-independent"),
        # The old circle: news.models -> news.queries; the queries must not import the models back.
        ("vnportal.news.queries", "vnportal.news.models", "no-cycles"),
        ("vnportal.news.feeds", "vnportal.news.models", "no-cycles"),
        ("vnportal.stats.stores.base", "vnportal.stats.capture", "no-cycles"),
    ],
)
def test_a_bad_import_breaks_its_contract(user_options, graph, importer, imported, contract):
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    assert contract in broken_contracts(user_options, graph)


def test_a_new_app_must_be_given_its_layer(user_options, graph):
    graph.add_module("vnportal.gadgets")
    assert "layers" in broken_contracts(user_options, graph)


# Where Django needs an import inside a function: an AppConfig's ready() (models are
# loaded after every AppConfig exists), and the command line's server, whose WSGI module
# configures Django for serving (not for every command). Migrations are left alone.
ALLOWED_IN_FUNCTIONS = {
    ("apps.py", "ready"),
    ("cli.py", "_serve"),
}


def _project_imports_in_functions(path):
    tree = ast.parse(path.read_text(), str(path))
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if function is not None and isinstance(child, ast.Import | ast.ImportFrom):
                if isinstance(child, ast.ImportFrom):
                    names = [("." * child.level) + (child.module or "")]
                else:
                    names = [alias.name for alias in child.names]
                if any(name.startswith((".", "vnportal")) for name in names):
                    found.append((function, child.lineno, names[0]))
            visit(child, function)

    visit(tree, None)
    return found


def test_project_imports_sit_at_module_top_except_where_django_requires_it():
    stray, unexplained = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = path.read_text().splitlines()
        for function, lineno, name in _project_imports_in_functions(path):
            where = f"{path.relative_to(ROOT)}:{lineno} ({function}: {name})"
            if (path.name, function) not in ALLOWED_IN_FUNCTIONS:
                stray.append(where)
                continue
            # Each one says why, in a comment on its line or in the comment lines just above.
            above = lines[max(0, lineno - 8) : lineno]
            if not any("#" in line for line in above):
                unexplained.append(where)
    assert stray == [], "imports inside functions that Django does not require:\n" + "\n".join(stray)
    assert unexplained == [], "imports inside functions without a reason:\n" + "\n".join(unexplained)


def test_core_does_not_name_any_app():
    """Beyond imports: no app's model label or module path in core (those come through the registries)."""
    apps = [p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists() and p.name != "core"]
    offenders = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        for app in apps:
            for needle in (f"vnportal.{app}", f'"{app}.', f"'{app}."):
                # A whole name: "vnportal.schedule" is an app, the logger "vnportal.scheduler" is not.
                if re.search(re.escape(needle) + (r"(?!\w)" if needle.startswith("vnportal.") else ""), text):
                    offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []


def test_the_content_apps_fill_the_registries():
    assert list(registry.ARTICLE_PAGES) == [ArticlePage]
    assert list(registry.SECTION_PAGES) == [SectionPage]
    assert list(registry.SEARCHABLE) == [Document, Draft, Question, Entry]  # INSTALLED_APPS order
    assert set(registry.PURGE_ON_SAVE) == {
        SiteSettings,
        Site,
        LegacyPortalSettings,
        Poll,
        Choice,
        Document,
        DocumentAttachment,  # kept in the document page's fragment
        DocumentRelation,
        Draft,
        # navigation is a service, but the menu, banners, notices and links are on every page too
        MenuSettings,
        LinkGroup,
        Link,
        Banner,
        MaintenanceNotice,
        QuestionField,
    }


def test_a_registry_tells_subscribers_of_earlier_and_later_items():
    seen = []
    things = registry.Registry("things")
    things.register("a", "b")
    things.subscribe(seen.append)
    things.register("c", "a")  # "a" again: already there, not seen twice
    assert seen == ["a", "b", "c"]
    assert list(things) == ["a", "b", "c"]
