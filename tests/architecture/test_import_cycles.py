"""No import cycles between our modules, counting imports under TYPE_CHECKING and inside functions."""

from __future__ import annotations

import grimp

PACKAGES = ("eventlog", "games", "scoring", "sync", "kiosk")


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (or a module importing itself), by Tarjan's method."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & graph.modules) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in edges[node]:
                        found.append(sorted(group))
            elif target not in index:
                index[target] = low[target] = len(index)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(edges[target])))
            elif target in on_stack:
                low[node] = min(low[node], index[target])
    return found


def _describe(graph: grimp.ImportGraph, group: list[str]) -> str:
    first, second = group[0], group[1] if len(group) > 1 else group[0]
    there = graph.find_shortest_chain(importer=first, imported=second) or ()
    back = graph.find_shortest_chain(importer=second, imported=first) or ()
    return f"{group}: {' -> '.join(there)} and {' -> '.join(back)}"


def test_the_module_graph_has_no_cycles() -> None:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=False, cache_dir=None)
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(_describe(graph, group) for group in cycles)


def test_the_cycle_finder_finds_a_cycle_hidden_under_type_checking() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.window", "pkg.screen", "pkg.leaf"):
        graph.add_module(name)
    graph.add_import(importer="pkg.window", imported="pkg.screen")
    graph.add_import(importer="pkg.screen", imported="pkg.leaf")
    assert _cycles(graph) == []
    graph.add_import(importer="pkg.screen", imported="pkg.window")  # as `if TYPE_CHECKING: from pkg import window`
    assert _cycles(graph) == [["pkg.screen", "pkg.window"]]
