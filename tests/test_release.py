"""`kg release`: versioned dumps with DCAT metadata that tells the truth about the files."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, VOID

from kg.cli import main
from kg.namespaces import DCAT
from kg.release import ReleaseError, make_release, version_key

SPDX = Namespace("http://spdx.org/rdf/terms#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's closed XSD namespace warns under pytest
RELEASE = Namespace("https://w3id.org/channel-kg/release/")
CK = "https://w3id.org/channel-kg/ontology#"
GRAPH = "<https://w3id.org/channel-kg/graph/article/000_a/curated>"
QUADS = [
    f'<https://w3id.org/channel-kg/id/funding/f> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CK}Funding> {GRAPH} .',
    f'<https://w3id.org/channel-kg/id/funding/f> <{CK}currency> "EUR" {GRAPH} .',
    f'<https://w3id.org/channel-kg/id/funding/f> <{CK}amount> "62700000"^^<http://www.w3.org/2001/XMLSchema#decimal> {GRAPH} .',
]


def write_build(folder: Path, conforms: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "channel-kg.nq").write_text("\n".join(QUADS) + "\n", encoding="utf-8")
    (folder / "channel-kg.ttl").write_text(f"<https://w3id.org/channel-kg/id/funding/f> a <{CK}Funding> .\n")
    (folder / "manifest.json").write_text('{"quads": 3}\n')
    (folder / "validation.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"[] a sh:ValidationReport ; sh:conforms {'true' if conforms else 'false'} .\n")
    return folder


def release_graph(folder: Path) -> Graph:
    # Parsed from the file's own location, so relative download URLs resolve beside it.
    path = folder / "release.ttl"
    return Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())


@pytest.fixture
def build(tmp_path) -> Path:
    return write_build(tmp_path / "build")


def test_checksums_and_sizes_match_the_copied_files(build, tmp_path):
    releases = tmp_path / "releases"
    make_release(build, releases, "1.0.0")
    graph = release_graph(releases / "1.0.0")
    distributions = list(graph.objects(RELEASE["1.0.0"], DCAT.distribution))
    assert len(distributions) == 4  # nq, ttl, manifest.json, validation.ttl
    for distribution in distributions:
        url = graph.value(distribution, DCAT.downloadURL)
        path = Path(url.removeprefix("file://"))
        assert path.parent == (releases / "1.0.0").resolve()
        data = path.read_bytes()
        assert data == (build / path.name).read_bytes()
        assert graph.value(distribution, DCAT.byteSize) == Literal(len(data), datatype=XSD.nonNegativeInteger)
        checksum = graph.value(distribution, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert str(graph.value(distribution, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")


def test_download_urls_are_written_relative(build, tmp_path):
    make_release(build, tmp_path / "releases", "1.0.0")
    text = (tmp_path / "releases" / "1.0.0" / "release.ttl").read_text()
    assert "dcat:downloadURL <channel-kg.nq>" in text
    assert "file:" not in text


def test_dataset_metadata(build, tmp_path):
    make_release(build, tmp_path / "releases", "1.2.3", issued=date(2026, 1, 31))
    graph = release_graph(tmp_path / "releases" / "1.2.3")
    dataset = RELEASE["1.2.3"]
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset, DCAT.version) == Literal("1.2.3")
    assert graph.value(dataset, DCTERMS.issued) == Literal("2026-01-31", datatype=XSD.date)
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(dataset, VOID.triples).toPython() == len(QUADS)
    assert graph.value(dataset, DCAT.previousVersion) is None


def test_issued_defaults_to_today(build, tmp_path):
    release = make_release(build, tmp_path / "releases", "0.1.0")
    assert release.issued == date.today()
    assert date.today().isoformat() in release.text()


def test_links_to_the_previous_release_in_semantic_version_order(build, tmp_path):
    releases = tmp_path / "releases"
    for version in ["0.9.0", "0.10.0", "0.9.1", "1.0.0-rc.1", "1.0.0"]:
        make_release(build, releases, version)
    # Each release links to the highest version below it that existed when it was made:
    # 0.9.1, made after 0.10.0, still follows 0.9.0.
    expected = {"0.10.0": "0.9.0", "0.9.1": "0.9.0", "1.0.0-rc.1": "0.10.0", "1.0.0": "1.0.0-rc.1"}
    for version, previous in expected.items():
        graph = release_graph(releases / version)
        assert graph.value(RELEASE[version], DCAT.previousVersion) == RELEASE[previous], version
        assert graph.value(RELEASE[version], PROV.wasRevisionOf) == RELEASE[previous], version


def test_refuses_to_overwrite_an_existing_version(build, tmp_path):
    releases = tmp_path / "releases"
    make_release(build, releases, "1.0.0")
    before = (releases / "1.0.0" / "release.ttl").read_bytes()
    (build / "channel-kg.nq").write_text(QUADS[0] + "\n")
    with pytest.raises(ReleaseError, match="already exists"):
        make_release(build, releases, "1.0.0")
    assert (releases / "1.0.0" / "release.ttl").read_bytes() == before
    assert (releases / "1.0.0" / "channel-kg.nq").read_text().count("\n") == len(QUADS)


def test_cli_reports_an_overwrite_without_a_traceback(build, tmp_path):
    args = ["release", "2.0.0", "--build-dir", str(build), "--releases-dir", str(tmp_path / "releases")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "release 2.0.0" in first.output
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 2
    assert "already exists" in second.output
    assert "Traceback" not in second.output


def test_refuses_a_build_that_does_not_conform(tmp_path):
    build = write_build(tmp_path / "build", conforms=False)
    with pytest.raises(ReleaseError, match="does not conform"):
        make_release(build, tmp_path / "releases", "1.0.0")
    assert not (tmp_path / "releases" / "1.0.0").exists()


def test_refuses_a_missing_build(tmp_path):
    with pytest.raises(ReleaseError, match="kg build"):
        make_release(tmp_path / "nowhere", tmp_path / "releases", "1.0.0")


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0.0", "latest", "../1.0.0"])
def test_refuses_a_version_that_is_not_semantic(build, tmp_path, version):
    with pytest.raises(ReleaseError, match="not a semantic version"):
        make_release(build, tmp_path / "releases", version)


@pytest.mark.parametrize("lower, higher", [
    ("0.9.0", "0.10.0"), ("1.0.0-rc.1", "1.0.0"), ("1.0.0-alpha", "1.0.0-alpha.1"),
    ("1.0.0-alpha.1", "1.0.0-alpha.beta"), ("1.0.0-beta.2", "1.0.0-beta.11"), ("1.0.0-rc.1", "1.0.1"),
])
def test_version_order(lower, higher):
    assert version_key(lower) < version_key(higher)


def test_triples_mean_the_same_in_release_void_and_manifest(seed_build, tmp_path):
    """One definition of void:triples everywhere: the distinct triples of the union of the named
    graphs, not the quads (a triple stated in a curated and a rules graph counts once)."""
    import json

    from kg.dumps import read_nquads

    build = seed_build[1]
    manifest = json.loads((build / "manifest.json").read_text())
    release = make_release(build, tmp_path / "releases", "1.0.0")
    released = release_graph(tmp_path / "releases" / "1.0.0").value(RELEASE["1.0.0"], VOID.triples).toPython()
    void = Graph().parse(build / "void.ttl", format="turtle")
    described = void.value(URIRef("https://w3id.org/channel-kg/"), VOID.triples).toPython()
    distinct = len(read_nquads(build / "channel-kg.nq").union())
    assert released == described == manifest["triples"] == distinct == release.triples
    assert manifest["quads"] > distinct  # the seeds do state triples twice: the two counts differ
