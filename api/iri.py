"""What counts as an absolute IRI where a client gives one (graph names, query parameters)."""

from kg.named_queries import is_absolute_iri

__all__ = ["is_absolute_iri"]
