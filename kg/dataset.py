"""The Python API: `kg.load()` gives the built graph, ready to query from a notebook.

    import kg
    graph = kg.load()                                   # reads build/channel-kg.nq
    graph.query("repeated-pledges")                     # a named query from queries/
    graph.query("pledge-history", type="pt:returns")    # with its parameter bound
    graph.query("SELECT ?s WHERE { ?s a ck:Funding }")  # or any SPARQL; ck:, pt: … predeclared

The store is pyoxigraph, queried with the union of all named graphs as the default graph (as
the endpoint does). SELECT results come back as a pandas DataFrame when pandas is installed,
otherwise as a list of dicts; `rows()` always gives the dicts.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from . import project
from .named_queries import NamedQuery, bound_query, expand, is_absolute_iri, load_all, parse
from .namespaces import PREFIXES
from .query_errors import explain
from .store import load_store

XSD = "http://www.w3.org/2001/XMLSchema#"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


class KnowledgeGraph:
    """A loaded build (or release) of ChannelKG over an in-memory pyoxigraph Store."""

    def __init__(self, store: ox.Store, source: Path, version: str, queries_dir: Path):
        self.store = store
        self.source = source
        self.version = version  # SHA-256 of the N-Quads loaded, as in manifest.json
        self.queries_dir = queries_dir

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.source} ({self.version[:12]}): {len(self.store):,} quads>"

    def __len__(self) -> int:
        return len(self.store)

    def named_queries(self) -> dict[str, NamedQuery]:
        return load_all(self.queries_dir)

    def query(self, query: str, /, **params):
        """Run a named query (its name), a .rq file, or SPARQL text, with `params` bound.

        SELECT gives a DataFrame (with pandas) or a list of dicts; ASK a bool; CONSTRUCT and
        DESCRIBE an rdflib Graph. A parameter left out stays unbound and matches anything.
        """
        results = self._run(query, params)
        if isinstance(results, ox.QuerySolutions) and (pandas := _pandas()) is not None:
            columns = [variable.value for variable in results.variables]
            return pandas.DataFrame(_solution_dicts(results, columns), columns=columns)
        return self._plain(results)

    def rows(self, query: str, /, **params) -> list[dict]:
        """Like `query`, but SELECT results are always a list of dicts (no pandas needed)."""
        results = self._run(query, params)
        if not isinstance(results, ox.QuerySolutions):
            raise ValueError("rows() is for SELECT queries; use query() for ASK, CONSTRUCT and DESCRIBE")
        return self._plain(results)

    def _run(self, query: str, params: dict):
        sparql, substitutions = self._bind(query, params)
        prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        try:
            return self.store.query(sparql, substitutions=substitutions, prefixes=prefixes)
        except SyntaxError as error:
            raise SyntaxError(explain(sparql, str(error), prefixes)) from None
        except RuntimeError as error:
            if "SELECT projection" in str(error):  # pyoxigraph binds only projected variables
                raise ValueError(f"{error}: a parameter must be one of the query's result variables") from None
            raise

    def _bind(self, query: str, params: dict) -> tuple[str, dict]:
        """(SPARQL text, substitutions). Named queries and .rq files bind their declared
        parameters exactly as the HTTP API does (kg.named_queries); SPARQL text binds any
        variable to `to_term(value)`."""
        if _NAME.match(query):
            path = self.queries_dir / f"{query}.rq"
            if not path.is_file():
                names = ", ".join(self.named_queries()) or "none"
                raise ValueError(f"no named query {query!r} in {self.queries_dir}/ (there are: {names})")
        elif query.endswith(".rq") and Path(query).is_file():
            path = Path(query)
        else:
            return query, {ox.Variable(name): to_term(value) for name, value in params.items()}
        named = parse(path)
        bound = named.bind({name: _param_text(value) for name, value in params.items()})
        return bound_query(named.text, bound)

    @staticmethod
    def _plain(results):
        if isinstance(results, ox.QuerySolutions):
            return _solution_dicts(results, [variable.value for variable in results.variables])
        if isinstance(results, ox.QueryBoolean):
            return bool(results)
        graph = Graph()
        graph.parse(data=ox.serialize(results, format=ox.RdfFormat.N_TRIPLES), format="nt")
        return graph


def load(build_dir: str | Path = "build", queries_dir: str | Path | None = None) -> KnowledgeGraph:
    """Load `build_dir/channel-kg.nq` (a build or a release folder) into a queryable graph."""
    store, snapshot = load_store(Path(build_dir), union_default=True)  # as `kg query` and the API load it
    return KnowledgeGraph(store, Path(build_dir), snapshot.version,
                          Path(queries_dir) if queries_dir else project.QUERIES_DIR)


def to_term(value) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A Python value as an RDF term: IRIs (absolute, <…> or prefixed as ck:/pt:/id:…) become
    named nodes, numbers, dates and booleans typed literals, other text plain literals."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)) if value.datatype else None)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    typed = {int: "integer", Decimal: "decimal", float: "double", datetime: "dateTime", date: "date"}
    for python_type, xsd_type in typed.items():  # datetime before date: it is a subclass
        if isinstance(value, python_type):
            lexical = value.isoformat() if isinstance(value, date) else str(value)
            return ox.Literal(lexical, datatype=ox.NamedNode(XSD + xsd_type))
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    iri = expand(text)  # pt:returns -> https://w3id.org/channel-kg/pledge-type/returns
    if iri != text or (iri.startswith(("http://", "https://", "urn:")) and is_absolute_iri(iri)):
        return ox.NamedNode(iri)
    return ox.Literal(text)  # "GB", "Home Secretary": text stays text


def _param_text(value) -> str:
    """A named-query parameter as the text the HTTP API would receive: IRIs without brackets."""
    if isinstance(value, ox.NamedNode):
        return value.value
    text = str(value)
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


def to_python(term):
    """An RDF term as a Python value: IRIs as str, numbers as int/Decimal/float, dates as date."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return str(term)
    datatype, lexical = term.datatype.value, term.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype == XSD + "decimal":
            return Decimal(lexical)  # exact: amounts stay as stated
        if datatype in (XSD + "double", XSD + "float"):
            return float(lexical)
        if datatype == XSD + "boolean":
            return lexical in ("true", "1")
        if datatype == XSD + "date":
            return date.fromisoformat(lexical)
        if datatype == XSD + "dateTime":
            return datetime.fromisoformat(lexical)
    except ValueError:  # an ill-typed or time-zoned lexical form: give the text as it is
        pass
    return lexical


def _pandas():
    """pandas if installed: it is optional, so the API works without it."""
    try:
        import pandas
    except ImportError:
        return None
    return pandas


def _solution_dicts(results: ox.QuerySolutions, columns: list[str]) -> list[dict]:
    return [{column: to_python(solution[column]) for column in columns} for solution in results]
