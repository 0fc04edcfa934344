"""The rules meet the targets of issue 3 on the seeds (precision and recall against curation)."""

from kg import project
from kg.evaluate import KINDS, TARGETS, evaluate_seeds


def test_rules_meet_the_targets_on_the_seeds():
    evaluation = evaluate_seeds(project.ROOT / "seeds")
    assert set(evaluation.per_seed), "no seed was evaluated"
    table = evaluation.table()
    for kind in KINDS:
        total = evaluation.total(kind)
        assert total.recall is not None, kind
        assert total.precision >= TARGETS[kind] and total.recall >= TARGETS[kind], f"{kind}\n{table}"
