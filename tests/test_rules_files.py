"""The rule files: a bad one is reported with its file and line, and every rule the output
names (ck:rule) is one of theirs."""

import shutil

import pytest
from rdflib.namespace import PROV, RDF

from kg.errors import InputError
from kg.map_rules import load_packs
from kg.namespaces import CK, RULE
from kg.rules.loader import DEFAULT_RULES_DIR
from rules_helpers import RULES, UNDATED, mapped, with_issued


def test_a_bad_rule_file_names_file_and_line(tmp_path):
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    path = rules_dir / "en" / "dates.yaml"
    text = path.read_text(encoding="utf-8").replace("resolve: relative-day\n    days: -1", "resolve: sometime\n    days: -1")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_packs(rules_dir)
    assert error.value.path == path
    assert error.value.line is not None and "resolve: sometime" in text.splitlines()[error.value.line - 1]


def test_a_rule_file_that_is_not_yaml(tmp_path):
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    (rules_dir / "en" / "money.yaml").write_text("family: money\nrules: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_packs(rules_dir)


# ---------------------------------------------------------------- provenance: ck:rule

def test_every_rule_named_in_the_output_is_a_plan_of_the_rule_files(vocab):
    graph = mapped(UNDATED + "\nRefugee Action said the plan was doomed to fail.\n",
                   with_issued(vocab, "undated", "2019-08-30"), stem="undated")
    ids = {rule.id for family in RULES.families.values() for rule in family.rules}
    named = set(graph.objects(None, CK.rule))
    assert named
    for rule in named:
        assert (rule, RDF.type, PROV.Plan) in graph
        assert str(rule).removeprefix(str(RULE)) in ids, rule
