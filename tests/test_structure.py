"""The package's modules import one another without cycles, counting every import (#17)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import peru_diplomacy

PACKAGE = Path(peru_diplomacy.__file__).resolve().parent


def _imports() -> dict[str, set[str]]:
    """Each module's imports of the package's other modules: at the top, in functions, under TYPE_CHECKING."""
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:  # from . import name: the module of that name, or the package itself
                    found |= {alias.name if alias.name in modules else "__init__" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("peru_diplomacy."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                found |= {a.lstrip(".").split(".")[0] for a in args}
        graph[path.stem] = (found & modules) - {path.stem}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_among_the_modules() -> None:
    graph = _imports()
    assert len(graph) > 20
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_public_surface_is_the_documented_api_and_star_import_loads_nothing_heavy() -> None:
    import subprocess
    import sys

    import peru_diplomacy

    assert len(peru_diplomacy.__all__) <= 50
    assert len(set(peru_diplomacy.__all__)) == len(peru_diplomacy.__all__)
    api = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    undocumented = [name for name in peru_diplomacy.__all__ if name not in api]
    assert undocumented == []
    code = (
        "import sys\n"
        "from peru_diplomacy import *\n"
        "import peru_diplomacy.dataset as d\n"
        "assert d._packaged is None, 'the data was loaded'\n"
        "assert 'cattrs' not in sys.modules, 'cattrs was imported'\n"
        "assert relations_with and Relation and cite\n"
        "print(len([n for n in dir() if not n.startswith('_')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert int(out.stdout) == len(peru_diplomacy.__all__) + 2  # and sys, d
    from peru_diplomacy import DATA_VERSION, SOURCE_REVISION, packaged_dataset

    assert (
        packaged_dataset().metadata.source_revision,
        packaged_dataset().metadata.data_version,
    ) == (SOURCE_REVISION, DATA_VERSION)


def test_no_module_reads_a_private_timeline_of_another() -> None:
    # What other modules read of a relation's or a state's timeline is a documented property (#30, item 3).
    import re

    pattern = re.compile(r"\._(timeline|carried|lifetime)\b")
    owners = {"_timeline": "relation.py", "_carried": "relation.py", "_lifetime": "counterparts.py"}
    tools = Path(__file__).resolve().parent.parent / "tools"
    paths = [*PACKAGE.glob("*.py"), *tools.rglob("*.py")]
    assert len(paths) > 30
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in pattern.finditer(line):
                if path.name != owners[f"_{match.group(1)}"]:
                    found.append(f"{path.name}:{number}")
    assert found == []


def test_the_package_loads_each_public_name_from_where_type_checkers_are_told_it_is() -> None:
    # The package imports nothing at import (the command line's interrupt guard comes first, #29 N13): each
    # public name is loaded through a table, and type checkers read a copy of it; the two must agree.
    source = Path(peru_diplomacy.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    told: dict[str, str] = {}
    for node in guarded.body:
        if isinstance(node, ast.ImportFrom) and node.module not in (None, "typing"):
            for alias in node.names:
                name = alias.asname or alias.name
                told[name] = f".{node.module}" + ("" if name == alias.name else f":{alias.name}")
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            told[node.target.id] = peru_diplomacy._WHERE.get(node.target.id, "missing")
    assert told == peru_diplomacy._WHERE
    assert set(peru_diplomacy.__all__) <= set(told)
    for name, place in peru_diplomacy._WHERE.items():  # every entry loads, and is then bound
        value = getattr(peru_diplomacy, name)
        module, _, attribute = place.partition(":")
        assert value is getattr(importlib.import_module(module, "peru_diplomacy"), attribute or name)
        assert vars(peru_diplomacy)[name] is value


def test_contributing_names_only_files_that_exist_and_puts_facts_where_they_are() -> None:
    # CONTRIBUTING said __version__ lives in __init__.py, and the data's version was written there too (#30).
    import re

    root = Path(__file__).resolve().parent.parent
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    package = Path(peru_diplomacy.__file__).parent  # the source tree's, or the installed one's
    named = {
        path.removeprefix("src/peru_diplomacy/")
        for path in re.findall(r"`([\w./-]+\.(?:py|toml|md|tsv|csv|json|txt))`", text)
    }
    assert len(named) > 20
    places: tuple[Path, ...] = (root, package, package / "export", root / "tools", root / "tools" / "databuild")
    places += (root / "data" / "curation", root / "data" / "updates", root / "data" / "source")
    missing = [path for path in sorted(named) if not any((base / path).exists() for base in places)]
    assert missing == []
    version_line = next(line for line in text.splitlines() if "Set `__version__`" in line)
    assert "`src/peru_diplomacy/_version.py`" in version_line
    assert "__version__ =" in (package / "_version.py").read_text(encoding="utf-8")
    assert "2026." not in text  # the data's version is written in data/release.toml only


def test_the_top_level_has_no_schema_version_but_the_data_s() -> None:
    # The CHANGELOG says SCHEMA_VERSION left the top level for DATA_SCHEMA_VERSION; it had not (#30).
    import peru_diplomacy
    from peru_diplomacy._format import SCHEMA_VERSION

    assert not hasattr(peru_diplomacy, "SCHEMA_VERSION")
    assert peru_diplomacy.DATA_SCHEMA_VERSION == SCHEMA_VERSION
