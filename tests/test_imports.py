"""The import graph of kg/ (grimp, which also reads imports made only for type checking): no
circles, and nothing from api/ (kg/ is the library the server uses, never the other way round)."""

import grimp


def _graph():
    return grimp.build_graph("kg", "api", cache_dir=None)


def _circles(graph) -> list[tuple[str, str]]:
    """(module, imported) for each import of kg/ that leads back to the importer."""
    modules = sorted(m for m in graph.modules if m == "kg" or m.startswith("kg."))
    return [(module, imported) for module in modules for imported in graph.find_modules_directly_imported_by(module)
            if imported.startswith("kg") and graph.chain_exists(importer=imported, imported=module)]


def test_kg_has_no_import_circle():
    graph = _graph()
    assert len([m for m in graph.modules if m.startswith("kg.")]) > 40  # the whole package was read
    assert _circles(graph) == []


def test_the_check_finds_a_circle():
    graph = _graph()
    graph.add_import(importer="kg.rules.records", imported="kg.rules.events")  # events imports records
    assert ("kg.rules.events", "kg.rules.records") in _circles(graph)


def test_kg_imports_nothing_from_api():
    graph = _graph()
    assert any(m.startswith("api.") for m in graph.modules)  # api/ was read too
    assert not graph.chain_exists(importer="kg", imported="api", as_packages=True)
