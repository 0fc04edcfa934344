"""docs/python-api.md's examples, run as a reader would run them, on the seed build: every
```python block in order, in one namespace (each builds on `graph` from the first)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

import kg

DOC = Path(__file__).resolve().parent.parent / "docs" / "python-api.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
pandas = pytest.importorskip("pandas")  # a test dependency (pyproject.toml [test])


@pytest.fixture(scope="module")
def namespace(seed_build, monkeypatch_module):
    build = seed_build[1]
    real_load = kg.load
    # The examples call kg.load() (build/ of the checkout) and kg.load("releases/1.0.0"):
    # both read the session's seed build here.
    monkeypatch_module.setattr(kg, "load", lambda *args, **kwargs: real_load(build))
    found = {}
    for number, block in enumerate(BLOCKS, 1):
        exec(compile(block, f"{DOC.name}, example {number}", "exec"), found)  # noqa: S102 - our own docs
    return found


@pytest.fixture(scope="module")
def monkeypatch_module():
    patcher = pytest.MonkeyPatch()
    yield patcher
    patcher.undo()


def test_the_page_has_examples():
    assert len(BLOCKS) >= 10


def test_every_example_runs(namespace):
    assert "graph" in namespace and "once" in namespace


def test_money_by_year_keeps_the_sum_with_no_equivalent(namespace):
    """The recipe once compared with "" and lost the €62.7m, whose `equivalents` is None."""
    totals = namespace["totals"]
    assert totals[("2021", "EUR")] == Decimal("62700000")
    # the January 2019 plan's "over £6 million (£7 million)": one sum, counted once
    money = namespace["money"]
    plan = money[money["agreement"].fillna("").str.contains("2019-01-uk-france-joint-action-plan")]
    assert len(plan) == 2 and len(namespace["once"][namespace["once"]["funding"].isin(plan["funding"])]) == 1


def test_the_scheme_example_shows_the_narrower_types(namespace):
    row = namespace["every"][namespace["every"]["pledgeType"].str.endswith("/surveillance-technology")].iloc[0]
    assert row["agreements"] == 3 and "drones (1)" in row["narrower"]
