"""Faults in the build: bad curated data is named, nothing is partly written, and a killed
or failing build never replaces the last good one."""

import hashlib
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import project
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
CURATED_003 = "003_106ccf3bbe2b93ab.ttl"


@pytest.fixture
def curated_copy(tmp_path, monkeypatch):
    copy = tmp_path / "curated"
    shutil.copytree(project.CURATED_DIR, copy)
    monkeypatch.setattr(project, "CURATED_DIR", copy)
    return copy


def append(path: Path, turtle: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + turtle + "\n")


def build(out: Path):
    return CliRunner().invoke(main, ["build", "--seeds", str(ROOT / "seeds"), "--out", str(out)])


def test_unknown_prefix_names_file_and_line(tmp_path, curated_copy):
    target = curated_copy / CURATED_003
    line = len(target.read_text(encoding="utf-8").splitlines()) + 2  # append() adds a blank line first
    append(target, "nowhere:thing a ck:Pledge .")
    result = build(tmp_path / "build")
    assert result.exit_code == 2
    assert f"{CURATED_003}:{line}" in result.output and "nowhere" in result.output
    assert not (tmp_path / "build").exists()


def test_literal_of_the_wrong_datatype_names_file_and_line(tmp_path, curated_copy):
    target = curated_copy / CURATED_003
    line = len(target.read_text(encoding="utf-8").splitlines()) + 2
    append(target,
           '<https://w3id.org/channel-kg/id/funding/2021-07-20-uk-france-agreement-62700000-eur> '
           '<https://w3id.org/channel-kg/ontology#amount> "a lot"^^<http://www.w3.org/2001/XMLSchema#decimal> .')
    result = build(tmp_path / "build")
    assert result.exit_code == 2
    assert f"{CURATED_003}:{line}" in result.output and '"a lot" is not a valid xsd:decimal' in result.output
    assert not (tmp_path / "build").exists()


def test_offsets_past_the_end_of_the_text_are_refused(tmp_path, curated_copy):
    append(curated_copy / CURATED_003,
           '<https://w3id.org/channel-kg/id/meeting/2021-07-20-uk-france-meeting> '
           '<https://w3id.org/channel-kg/ontology#evidence> [ <https://w3id.org/channel-kg/ontology#quote> '
           '"signed an agreement" ; <https://w3id.org/channel-kg/ontology#start> 999999 ] .')
    result = build(tmp_path / "build")
    assert result.exit_code == 2
    assert CURATED_003 in result.output and "signed an agreement" in result.output


def test_unwritable_output_folder_is_a_clear_error_and_keeps_the_previous_build(tmp_path, seed_build):
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    parent = tmp_path / "locked"
    parent.mkdir()
    shutil.copytree(seed_build[1], parent / "build")
    parent.chmod(0o500)
    try:
        result = build(parent / "build")
    finally:
        parent.chmod(0o700)
    assert result.exit_code == 2 and "cannot write" in result.output
    assert (parent / "build" / "channel-kg.nq").exists()


def test_a_file_in_place_of_the_versions_folder_is_a_clear_error(tmp_path, seed_build):
    out = tmp_path / "build"
    shutil.copytree(seed_build[1], out)
    (tmp_path / "build.versions").write_text("not a folder")  # works as root too
    result = build(out)
    assert result.exit_code == 2 and "cannot write" in result.output
    assert (out / "channel-kg.nq").read_bytes() == (seed_build[1] / "channel-kg.nq").read_bytes()


def assert_complete(build_dir: Path) -> None:
    """build/ holds one whole build: every file, and the N-Quads the manifest describes."""
    import json

    manifest = json.loads((build_dir / "manifest.json").read_text())
    nquads = (build_dir / "channel-kg.nq").read_bytes()
    assert hashlib.sha256(nquads).hexdigest() == manifest["version"]
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((build_dir / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.slow
def test_killing_the_build_at_random_points_never_leaves_a_mix(tmp_path, seed_build):
    out = tmp_path / "build"
    first = build(out)
    assert first.exit_code == 0
    rng = random.Random(7)
    for _ in range(12):
        process = subprocess.Popen([sys.executable, "-m", "kg", "build", "--out", str(out)], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 6.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_complete(out)


def test_a_curated_file_without_its_seed_stops_the_build(tmp_path, curated_copy):
    shutil.copy(curated_copy / CURATED_003, curated_copy / "003_106ccf3bbe2b93ac.ttl")  # a typo in the stem
    result = build(tmp_path / "build")
    assert result.exit_code == 2
    assert "003_106ccf3bbe2b93ac.ttl: no seed 003_106ccf3bbe2b93ac.txt for this curated file" in result.output
    assert not (tmp_path / "build").exists()


def test_curated_files_of_the_project_seeds_are_left_out_of_a_build_of_other_articles(tmp_path, curated_copy):
    seeds = tmp_path / "other"
    seeds.mkdir()
    (seeds / "a.txt").write_text("UK and France agree new plan\n3 March 2023\n\nThe Home Secretary met her "
                                 "French counterpart in Paris.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output


def test_a_corrected_curated_figure_wins_over_the_rules_value_on_its_node(tmp_path, curated_copy):
    """The steward corrects 1185 to 1186 on the IRI the rules mint from 1185: the curated value
    stands, the build says so in one line, and no maxCount or datatype violation is reported."""
    target = curated_copy / "000_76746360f77ee4a5.ttl"
    text = target.read_text(encoding="utf-8")
    assert text.count('ck:value "1185"^^xsd:decimal') == 1
    target.write_text(text.replace('ck:value "1185"^^xsd:decimal', 'ck:value "1186"^^xsd:decimal'), encoding="utf-8")
    result = build(tmp_path / "build")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert notes == [f'note: statistic:people-crossing-1185-2021-11-11 ck:value: curated "1186" ({target}) '
                     'replaces "1185" from the rules (article 000_76746360f77ee4a5); the curated value stands']
    values = [line for line in (tmp_path / "build" / "channel-kg.nq").read_text(encoding="utf-8").splitlines()
              if line.startswith("<https://w3id.org/channel-kg/id/statistic/people-crossing-1185-2021-11-11> "
                                 "<https://w3id.org/channel-kg/ontology#value>")]
    assert values and all('"1186"' in line for line in values)


def test_an_ill_typed_literal_gives_the_one_line_message_and_no_traceback(tmp_path, curated_copy, caplog):
    append(curated_copy / CURATED_003,
           '<https://w3id.org/channel-kg/id/funding/2021-07-20-uk-france-agreement-62700000-eur> '
           '<https://w3id.org/channel-kg/ontology#amount> "a lot"^^<http://www.w3.org/2001/XMLSchema#decimal> .')
    with caplog.at_level(logging.WARNING):
        result = build(tmp_path / "build")
    assert result.exit_code == 2 and '"a lot" is not a valid xsd:decimal' in result.output
    assert "Traceback" not in result.output
    assert not [r for r in caplog.records if r.name.startswith("rdflib")]  # rdflib's own traceback is gone


def test_other_rdflib_warnings_are_still_shown(caplog):
    from kg.rdf_files import _quiet_literal_warnings

    logger = logging.getLogger("rdflib.term")
    with caplog.at_level(logging.WARNING), _quiet_literal_warnings():
        logger.warning("Failed to convert Literal lexical form to value. Datatype=x")
        logger.warning("something else")
    logger.warning("Failed to convert Literal lexical form to value. Datatype=y")  # outside parsing
    assert [r.getMessage() for r in caplog.records if r.name == "rdflib.term"] == [
        "something else", "Failed to convert Literal lexical form to value. Datatype=y"]
