"""Where the project's hand-edited data lives (relative to the checkout)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "channel-kg.ttl"
VOCAB_DIR = ROOT / "ontology" / "vocab"
CONTEXT_FILE = ROOT / "ontology" / "context.jsonld"
CURATED_DIR = ROOT / "mappings" / "curated"
EXTERNAL_FILE = ROOT / "mappings" / "external.ttl"
RULES_DIR = ROOT / "mappings" / "rules"
DISAGREEMENTS_FILE = ROOT / "mappings" / "disagreements.yaml"
SHAPES_DIR = ROOT / "shapes"
QUERIES_DIR = ROOT / "queries"
