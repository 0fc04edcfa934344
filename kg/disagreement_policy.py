"""mappings/disagreements.yaml read into plain records, prefixed names expanded to term strings.

The file is policy (what counts as a disagreement, the thresholds, the labels in each
language); kg/disagreements.py is the mechanism that applies it. A file that does not say what
the mechanism needs stops the build with exit 2, naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from .errors import InputError
from .figures import Policy as Rounding
from .namespaces import PREFIXES


@dataclass(frozen=True)
class FigureRule:
    id: str
    cls: str
    value: str
    about: str            # a property term, or "^" + a property term: the node pointing here
    same: tuple[str, ...]
    requires: tuple[str, ...]
    labels: dict
    max_ratio: Decimal | None = None


@dataclass(frozen=True)
class Policy:
    rounding: Rounding
    figures: tuple[FigureRule, ...]
    event_classes: tuple[str, ...]
    window_days: int
    event_labels: dict
    single_holder_offices: frozenset
    party_labels: dict
    dispute_facts: dict   # class term -> property term
    dispute_labels: dict

    def predicates(self) -> set[str]:
        """Every property the rules read."""
        found = {term("ck:date"), term("ck:dateText"), term("ck:party"), term("ck:role"), term("ck:country"),
                 term("ck:disputes"), term("ck:qualifier"), term("ck:hasFunding"), term("ck:amount"),
                 term("ck:currency"), *self.dispute_facts.values()}
        for rule in self.figures:
            found |= {rule.value, rule.about.lstrip("^"), *rule.same, *rule.requires}
        return found


def term(name: str) -> str:
    """'ck:Funding' -> '<https://w3id.org/channel-kg/ontology#Funding>'."""
    prefix, _, local = name.partition(":")
    if prefix not in PREFIXES or not local:
        raise KeyError(name)
    return f"<{PREFIXES[prefix]}{local}>"


def load(path: Path) -> Policy:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(path, f"cannot read the disagreement policy: {error}") from None
    try:
        return _policy(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(path, f"the disagreement policy lacks or misstates {error}") from None


def _policy(data: dict) -> Policy:
    qualifiers = data["qualifiers"]
    rounding = Rounding(
        min_significant_digits=int(data["rounding"]["min-significant-digits"]),
        lower_bounds=frozenset(qualifiers["lower-bound"]),
        upper_bounds=frozenset(qualifiers["upper-bound"]),
        approximate=tuple((name, Decimal(str(share))) for name, share in qualifiers["approximate"].items()),
    )
    figures = tuple(FigureRule(
        id=rule["id"], cls=term(rule["class"]), value=term(rule["value"]),
        about=("^" + term(rule["about"][1:])) if rule["about"].startswith("^") else term(rule["about"]),
        same=tuple(term(p) for p in rule.get("same", ())), requires=tuple(term(p) for p in rule.get("requires", ())),
        labels=_labels(rule["label"]),
        max_ratio=Decimal(str(rule["max-ratio"])) if "max-ratio" in rule else None,
    ) for rule in data["figures"])
    events, parties, disputes = data["events"], data["parties"], data["disputes"]
    return Policy(
        rounding=rounding, figures=figures,
        event_classes=tuple(term(c) for c in events["classes"]), window_days=int(events["window-days"]),
        event_labels=_labels(events["label"]),
        single_holder_offices=frozenset(parties["single-holder-offices"]), party_labels=_labels(parties["label"]),
        dispute_facts={term(c): term(p) for c, p in disputes["fact"].items()},
        dispute_labels=_labels(disputes["label"]),
    )


def _labels(labels: dict) -> dict:
    if "en" not in labels:
        raise KeyError("an English label")
    return {language: str(text) for language, text in labels.items()}
