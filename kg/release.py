"""`kg release VERSION`: freeze the current build as `releases/{VERSION}/` with DCAT metadata.

A release is an event, so unlike a build its metadata carries the day it was made. The dumps are
copied byte for byte; `release.ttl` describes them (DCAT 3 distributions with SPDX checksums,
the VoID triple count, as void.ttl counts it) and links to the release before it in semantic-version order.
"""

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, VOID, XSD

from .dumps import read_nquads
from .namespaces import BASE, DCAT, SH

SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = "https://www.iana.org/assignments/media-types/"
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
RELEASE = Namespace(BASE + "release/")  # extends the contract: one IRI per release

QUADS_FILE = "channel-kg.nq"  # the one dump every release must have: `kg diff` reads it
METADATA_FILE = "release.ttl"
MEDIA_TYPES = {  # in the order they are listed in release.ttl
    "channel-kg.nq": "application/n-quads",
    "channel-kg.trig": "application/trig",
    "channel-kg.ttl": "text/turtle",
    "channel-kg.jsonld": "application/ld+json",
    "void.ttl": "text/turtle",
    "validation.ttl": "text/turtle",
    "manifest.json": "application/json",
}

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


class ReleaseError(click.ClickException):
    """A release that must not be made. A ClickException so `kg release` prints it without a
    traceback; exit 2 as for other unusable input."""

    exit_code = 2


def version_key(version: str) -> tuple:
    """Sort key in semantic-version order (semver.org §11): 1.10.0 > 1.9.0 > 1.9.0-rc.2."""
    match = _SEMVER.match(version)
    if not match:
        raise ReleaseError(f"{version!r} is not a semantic version such as 1.0.0 or 1.1.0-rc.1")
    major, minor, patch, pre = match.groups()
    # A version without a pre-release tag ranks above every pre-release of it; within a tag,
    # numeric identifiers compare as numbers and rank below alphanumeric ones.
    pre_key = (1,) if pre is None else (0, *((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")))
    return int(major), int(minor), int(patch), pre_key


@dataclass
class Distribution:
    name: str
    byte_size: int
    sha256: str


@dataclass
class Release:
    version: str
    folder: Path
    issued: date
    triples: int
    previous: str | None
    distributions: list[Distribution] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"release {self.version} ({self.issued.isoformat()}) written to {self.folder}/",
                 f"  {self.triples:,} triples; previous release: {self.previous or 'none'}"]
        lines += [f"  {d.name:<20} {d.byte_size:>12,} bytes  sha256 {d.sha256}" for d in self.distributions]
        return "\n".join(lines)


def make_release(build_dir: Path, releases_dir: Path, version: str, issued: date | None = None) -> Release:
    """Copy the build's dumps to `releases_dir/version/` and write `release.ttl` beside them."""
    build_dir, releases_dir = Path(build_dir), Path(releases_dir)
    version_key(version)  # refuse a malformed version before touching anything
    target = releases_dir / version
    if target.exists():
        raise ReleaseError(f"{target}/ already exists: a published release is never overwritten; choose a new version")
    if not (build_dir / QUADS_FILE).is_file():
        raise ReleaseError(f"{build_dir / QUADS_FILE} not found: run `kg build` first")
    _require_conforming(build_dir)

    # Written under a temporary name and renamed at the end, so a failed release leaves nothing
    # that later releases would take for their predecessor.
    staging = releases_dir / f".{version}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    names = [name for name in MEDIA_TYPES if (build_dir / name).is_file()]
    for name in names:
        shutil.copyfile(build_dir / name, staging / name)
    release = Release(
        version=version,
        folder=target,
        issued=issued or date.today(),
        triples=union_triples(staging / QUADS_FILE),
        previous=previous_version(releases_dir, version),
        distributions=[_describe(staging / name) for name in names],
    )
    (staging / METADATA_FILE).write_text(_metadata(release).serialize(format="turtle"), encoding="utf-8")
    staging.rename(target)
    return release


def previous_version(releases_dir: Path, version: str) -> str | None:
    """The highest released version below `version`; folders that are not releases are ignored."""
    if not releases_dir.is_dir():
        return None
    earlier = [folder.name for folder in releases_dir.iterdir()
               if _SEMVER.match(folder.name) and (folder / METADATA_FILE).is_file()
               and version_key(folder.name) < version_key(version)]
    return max(earlier, key=version_key, default=None)


def _require_conforming(build_dir: Path) -> None:
    """A build folder only keeps conforming builds, but validation.ttl is the record: check it."""
    report_path = build_dir / "validation.ttl"
    if not report_path.is_file():
        return
    report = Graph().parse(report_path, format="turtle")
    if (None, SH.conforms, Literal(False)) in report:
        raise ReleaseError(f"{report_path} says the build does not conform: fix it before releasing")


def union_triples(path: Path) -> int:
    """VoID's void:triples of the dataset, as void.ttl and manifest.json count it: the distinct
    triples of the union of the named graphs (a triple stated in two graphs counts once)."""
    return len(read_nquads(path).union())


def _describe(path: Path) -> Distribution:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return Distribution(path.name, path.stat().st_size, digest.hexdigest())


def _metadata(release: Release) -> Graph:
    graph = Graph()
    for prefix, namespace in {"dcat": DCAT, "dcterms": DCTERMS, "prov": PROV, "spdx": SPDX,
                              "void": VOID, "xsd": XSD, "release": RELEASE}.items():
        graph.bind(prefix, namespace)
    dataset = RELEASE[release.version]
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(f"ChannelKG {release.version}", lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(
        "Knowledge graph of UK–France cooperation against small-boat Channel crossings, "
        "built from news articles.", lang="en")))
    graph.add((dataset, DCAT.isVersionOf, URIRef(BASE)))  # the dataset void.ttl describes
    graph.add((dataset, DCAT.version, Literal(release.version)))
    graph.add((dataset, DCTERMS.issued, Literal(release.issued.isoformat(), datatype=XSD.date)))
    graph.add((dataset, DCTERMS.license, CC_BY_4))
    graph.add((dataset, VOID.triples, Literal(release.triples, datatype=XSD.integer)))
    if release.previous:
        graph.add((dataset, DCAT.previousVersion, RELEASE[release.previous]))
        graph.add((dataset, PROV.wasRevisionOf, RELEASE[release.previous]))
    for dist in release.distributions:
        node, checksum = BNode(), BNode()
        graph.add((dataset, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(dist.name)))
        # Relative on purpose: it resolves next to release.ttl wherever the folder is published.
        graph.add((node, DCAT.downloadURL, URIRef(dist.name)))
        graph.add((node, DCAT.mediaType, URIRef(IANA + MEDIA_TYPES[dist.name])))
        graph.add((node, DCAT.byteSize, Literal(dist.byte_size, datatype=XSD.nonNegativeInteger)))
        graph.add((node, DCTERMS.license, CC_BY_4))
        graph.add((node, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(dist.sha256, datatype=XSD.hexBinary)))
    return graph
