"""What the web process asks an executor to do, and what comes back (both cross a process pipe)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    query: str
    # Format name wanted for each result kind ("solutions", "boolean", "triples"); the lexer
    # guesses the form, the engine knows it, so the worker picks by what the query really is.
    formats: dict[str, str]
    default_graphs: tuple[str, ...] | None = None  # protocol dataset (SPARQL 1.1 Protocol 2.1.4)
    named_graphs: tuple[str, ...] | None = None
    # Bound variables: name -> N-Triples term ("<iri>" or a literal), see kg.named_queries.
    bindings: dict[str, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    max_bytes: int = 50_000_000


@dataclass(frozen=True)
class Outcome:
    status: str  # ok | syntax | too_large | not_acceptable | timeout | busy | throttled | error
    body: bytes = b""
    format: str = ""  # format name actually written
    kind: str = ""  # solutions | boolean | triples
    message: str = ""
    retry_after: int = 0  # seconds, for a 429 or 503 the client may retry (api/lanes.py)
