"""The rules meet the targets of issue 3 on the seeds (precision and recall against curation)."""

from kg import project
from kg.evaluate import KINDS, TARGETS, evaluate_seeds


def test_rules_meet_the_targets_on_the_seeds():
    evaluation = evaluate_seeds(project.ROOT / "seeds")
    assert set(evaluation.per_seed), "no seed was evaluated"
    table = evaluation.table()
    for kind in TARGETS:
        total = evaluation.total(kind)
        assert total.recall is not None, kind
        assert total.precision >= TARGETS[kind] and total.recall >= TARGETS[kind], f"{kind}\n{table}"


def test_every_kind_is_reported_and_disputes_are_measured():
    evaluation = evaluate_seeds(project.ROOT / "seeds")
    header = evaluation.table().splitlines()[1]
    assert all(kind in header for kind in KINDS)
    disputes = evaluation.total("Dispute")
    assert disputes.recall is not None and disputes.true_positive >= 1
