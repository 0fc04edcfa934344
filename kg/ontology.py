"""Loading the hand-edited ontology, concept schemes and shapes."""

from rdflib import Graph

from . import project
from .rdf_files import parse_turtle, parse_turtle_files


def load_ontology() -> Graph:
    return parse_turtle(project.ONTOLOGY_FILE)


def load_vocab() -> Graph:
    return parse_turtle_files(project.VOCAB_DIR.glob("*.ttl"))


def load_shapes() -> Graph:
    return parse_turtle_files(project.SHAPES_DIR.glob("*.ttl"))
