"""`kg` works on the checkout it is run in: ontology/, mappings/, shapes/ and queries/ come from
the nearest folder above the current one with pyproject.toml and mappings/ (or `--project DIR`),
whichever checkout `kg` was installed from, and the build's first line says which."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import project

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).parent / "kg"
STEM = "001_f9e0af551127a38c"
STEMS = (STEM, "004_63b909f5f1b88480")  # two seeds that conform on their own (both name the 2019 plan)
LABEL = '"Article: Britain and France to strengthen joint action against small boats (undated)"@en'
RENAMED = '"Article: Britain and France to strengthen joint action (as the second checkout names it)"@en'


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    """A second checkout with two seeds, whose curated file names an article differently."""
    copy = tmp_path_factory.mktemp("checkouts") / "second"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    for folder in ("ontology", "mappings", "shapes", "queries"):
        shutil.copytree(ROOT / folder, copy / folder)
    (copy / "seeds").mkdir()
    for stem in STEMS:
        shutil.copy(ROOT / "seeds" / f"{stem}.txt", copy / "seeds")
    for curated in (copy / "mappings" / "curated").glob("*.ttl"):
        if curated.stem not in STEMS:
            curated.unlink()
    curated = copy / "mappings" / "curated" / f"{STEM}.ttl"
    text = curated.read_text(encoding="utf-8")
    assert text.count(LABEL) == 1
    curated.write_text(text.replace(LABEL, RENAMED), encoding="utf-8")
    (copy / "deeper" / "still").mkdir(parents=True)
    return copy


def kg(*arguments, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(project.ENVIRONMENT)}
    return subprocess.run([str(KG), *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_build_uses_the_checkout_it_runs_in(second):
    assert project.INSTALLED_ROOT == ROOT != second  # kg is installed from the first checkout
    result = kg("build", cwd=second)
    assert result.returncode == 0, result.stdout + result.stderr
    first_line = result.stdout.splitlines()[0]
    assert first_line == f"project {second.resolve()} (from the current directory); seeds {(second / 'seeds').resolve()}"
    built = (second / "build" / "channel-kg.nq").read_text(encoding="utf-8")
    assert RENAMED in built and LABEL not in built.replace(RENAMED, "")


def test_the_project_is_found_from_a_folder_inside_it_or_named(second, tmp_path):
    result = kg("build", "--seeds", str(second / "seeds"), "--out", str(tmp_path / "b1"), cwd=second / "deeper" / "still")
    assert result.returncode == 0 and result.stdout.startswith(f"project {second.resolve()} (from the current directory)")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = kg("--project", str(second), "build", "--seeds", str(second / "seeds"), "--out", str(tmp_path / "b2"),
                cwd=outside)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"project {second.resolve()} (from --project)")
    assert RENAMED in (tmp_path / "b2" / "channel-kg.nq").read_text(encoding="utf-8")


def test_a_folder_that_is_no_project_is_refused(tmp_path):
    result = kg("--project", str(tmp_path), "build", cwd=tmp_path)
    assert result.returncode == 2 and "not a ChannelKG project" in result.stderr


def test_kg_query_reads_the_named_queries_of_the_checkout(second):
    (second / "queries" / "only-here.rq").write_text("# title: Only here\nASK { ?s ?p ?o }\n", encoding="utf-8")
    assert kg("build", cwd=second).returncode == 0
    result = kg("query", "only-here", cwd=second)
    assert result.returncode == 0 and result.stdout == "true\n", result.stderr
