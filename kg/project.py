"""Which checkout's hand-edited files a command reads: ontology/, mappings/, shapes/, queries/.

The project is the folder given with `kg --project DIR`, else the nearest folder at or above the
current directory that holds pyproject.toml and mappings/, else the checkout this package was
installed from. So `kg build` run inside a second copy of the repository builds that copy's
seeds with that copy's curated files and rules, whichever copy `kg` was installed from.

The choice travels in the environment (CHANNEL_KG_PROJECT), so worker processes (the rule
mapping pool, the shape checkers) read the same files. The names below (CURATED_DIR, RULES_DIR,
…) are the current project's, looked up each time they are read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

ENVIRONMENT = "CHANNEL_KG_PROJECT"
INSTALLED_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    root: Path
    origin: str  # how it was found, for the build's first line

    @property
    def ontology_file(self) -> Path:
        return self.root / "ontology" / "channel-kg.ttl"

    @property
    def vocab_dir(self) -> Path:
        return self.root / "ontology" / "vocab"

    @property
    def context_file(self) -> Path:
        return self.root / "ontology" / "context.jsonld"

    @property
    def curated_dir(self) -> Path:
        return self.root / "mappings" / "curated"

    @property
    def external_file(self) -> Path:
        return self.root / "mappings" / "external.ttl"

    @property
    def rules_dir(self) -> Path:
        return self.root / "mappings" / "rules"

    @property
    def disagreements_file(self) -> Path:
        return self.root / "mappings" / "disagreements.yaml"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"


def is_project(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "mappings").is_dir()


def find(start: Path) -> Path | None:
    """The nearest folder at or above `start` that is a project."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if is_project(folder)), None)


def use(folder: Path | str) -> Project:
    """Make `folder` (`kg --project DIR`) the project of this process and its children."""
    root = Path(folder).resolve()
    if not is_project(root):
        raise InputError(root, "not a ChannelKG project: --project needs a folder with pyproject.toml and mappings/")
    os.environ[ENVIRONMENT] = f"{root}"
    os.environ[ENVIRONMENT + "_ORIGIN"] = "--project"
    return current()


def current() -> Project:
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return Project(Path(chosen), os.environ.get(ENVIRONMENT + "_ORIGIN", ENVIRONMENT))
    here = find(Path.cwd())
    if here is not None:
        return Project(here, "the current directory")
    return Project(INSTALLED_ROOT, "where kg is installed")


_NAMES = {"ROOT": "root", "ONTOLOGY_FILE": "ontology_file", "VOCAB_DIR": "vocab_dir",
          "CONTEXT_FILE": "context_file", "CURATED_DIR": "curated_dir", "EXTERNAL_FILE": "external_file",
          "RULES_DIR": "rules_dir", "DISAGREEMENTS_FILE": "disagreements_file", "SHAPES_DIR": "shapes_dir",
          "QUERIES_DIR": "queries_dir"}


def __getattr__(name: str) -> Path:
    """project.CURATED_DIR and the like: the current project's (module attributes, PEP 562)."""
    if name in _NAMES:
        return getattr(current(), _NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
