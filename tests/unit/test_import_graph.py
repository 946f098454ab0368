"""The layout's rules, read from the source with `ast` (nothing is imported).

Arrows point one way: pages → dashboard helpers → oversight.store / oversight.access → oversight.domain,
and ingest → domain (ingest may write to the store; the store never imports ingest). There are no
import circles, `oversight` never imports streamlit, and only app.py and dashboard/ do.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from oversight.paths import ROOT

PACKAGES = ("oversight", "dashboard")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> dict[str, Path]:
    files = {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}
    files["app"] = ROOT / "app.py"
    return files


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module the file imports, at the top or inside a function: ours by full name, others by top name."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name if a.name in known else a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".")[: len(name.split(".")) - node.level + is_package]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                out.add(sub if sub in known else module if module in known else module.split(".")[0])
    out.discard(name)
    return out


def graph() -> dict[str, set[str]]:
    files = sources()
    known = set(files)
    return {name: imports_of(name, path, known) for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path [a, b, ..., a], or None."""
    state: dict[str, int] = defaultdict(int)  # 0 unseen, 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in edges:
                continue
            if state[nxt] == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if state[nxt] == 0 and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if state[node] == 0 and (cycle := visit(node)):
            return cycle
    return None


def within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def offending(rule_from: tuple[str, ...], rule_to: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{m} imports {t}"
        for m, targets in graph().items()
        if within(m, *rule_from)
        for t in targets
        if within(t, *rule_to)
    )


def test_the_walk_sees_the_tree() -> None:
    g = graph()
    assert len([m for m in g if m.startswith("oversight.")]) > 40
    assert "oversight.store.records" in g["oversight.store.lake"]
    assert "oversight.ingest.parsers.evaluation" in g["oversight.ingest.document"]
    assert "dashboard.ui" in g["dashboard.pages.overview"]
    assert "streamlit" in g["dashboard.ui"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_circles() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, " → ".join(cycle or [])


def test_oversight_never_imports_streamlit() -> None:
    assert offending(("oversight",), ("streamlit",)) == []


def test_only_the_dashboard_and_app_import_streamlit() -> None:
    users = sorted(m for m, targets in graph().items() if "streamlit" in targets)
    assert all(m == "app" or within(m, "dashboard") for m in users), users


def test_store_never_imports_ingest() -> None:
    assert offending(("oversight.store",), ("oversight.ingest",)) == []


def test_domain_imports_nothing_above_it() -> None:
    above = ("oversight.store", "oversight.ingest", "oversight.access", "oversight.devtools", "oversight.cli")
    assert offending(("oversight.domain",), (*above, "dashboard")) == []


def test_access_sits_below_store_and_ingest() -> None:
    above = ("oversight.store", "oversight.ingest", "oversight.devtools", "oversight.cli")
    assert offending(("oversight.access",), (*above, "dashboard")) == []


def test_oversight_never_imports_the_dashboard() -> None:
    assert offending(("oversight",), ("dashboard",)) == []


def test_only_the_cli_reaches_the_developer_tools() -> None:
    outside = sorted(
        f"{m} imports {t}"
        for m, targets in graph().items()
        if not within(m, "oversight.devtools", "oversight.cli")
        for t in targets
        if within(t, "oversight.devtools")
    )
    assert outside == []


def test_helpers_never_import_pages_and_pages_never_import_each_other() -> None:
    assert offending(("dashboard",), ("dashboard.pages",)) == []
