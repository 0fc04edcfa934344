"""Reading the rule files in mappings/rules/: YAML checked against schema.json, regexes compiled.

A rule file holds one *family* of rules (dates, money, people, ...). Every rule has an `id`
(its identifier in the provenance, `rule:{id}`) and most have a `pattern`, a regular expression
that may use the shared fragments `{NAME}` defined under `macros:` (in common.yaml or the file
itself). Everything else in a rule or in the file's `tables:` is data the family's engine reads.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from ..errors import InputError

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "mappings" / "rules"
_MACRO = re.compile(r"\{([A-Z][A-Z_]+)\}")


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern | None
    fields: dict  # the rule's other keys, as written

    def get(self, key, default=None):
        return self.fields.get(key, default)


@dataclass(frozen=True)
class RuleFile:
    family: str
    rules: tuple[Rule, ...]
    tables: dict = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(frozen=True)
class Rules:
    families: dict  # family name -> RuleFile
    macros: dict

    def __getitem__(self, family: str) -> RuleFile:
        return self.families[family]

    def compile(self, pattern: str) -> re.Pattern:
        """A regex written with {MACROS}, as the engines need for table-driven patterns."""
        return re.compile(expand_macros(pattern, self.macros), re.IGNORECASE)


def expand_macros(pattern: str, macros: dict) -> str:
    for _ in range(10):  # macros may use macros; ten levels is far more than the files need
        expanded = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    return pattern


def load_rules(rules_dir: Path = DEFAULT_RULES_DIR) -> Rules:
    """Every `*.yaml` in `rules_dir`, validated; raises InputError(file, message, line) on a bad file."""
    rules_dir = Path(rules_dir)
    schema = json.loads((rules_dir / "schema.json").read_text(encoding="utf-8"))
    documents = {path: _read_yaml(path, schema) for path in sorted(rules_dir.glob("*.yaml"))}
    if not documents:
        raise InputError(rules_dir, "no rule files (*.yaml)")
    macros = {}
    for document in documents.values():
        macros.update(document.get("macros", {}))
        macros.update(_macros_from_tables(document.get("tables", {})))
    families = {}
    for path, document in documents.items():
        family = document["family"]
        if family in families:
            raise InputError(path, f"a second file for family {family!r}")
        rules = tuple(_compile_rule(path, raw, macros) for raw in document.get("rules", []))
        families[family] = RuleFile(family, rules, document.get("tables", {}))
    _check_unique_ids(families, rules_dir)
    return Rules(families, macros)


def _macros_from_tables(tables: dict) -> dict:
    """`macros-from: {ROLE: roles}` makes {ROLE} match any `match` phrase of the `roles` table,
    so a table row is the one place a phrase is written. Longest phrases first."""
    derived = {}
    for macro, table_name in tables.get("macros-from", {}).items():
        phrases = [phrase for row in tables[table_name].values() for phrase in row["match"]]
        derived[macro] = "(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + ")"
    return derived


def _read_yaml(path: Path, schema: dict) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(path, f"not valid YAML: {getattr(error, 'problem', error)}",
                         mark.line + 1 if mark else None) from None
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        # The most specific message: oneOf failures hide the useful one in their context.
        error = min(errors, key=lambda e: -len(e.absolute_path))
        best = jsonschema.exceptions.best_match([error])
        where = "/".join(str(part) for part in best.absolute_path) or "(top)"
        raise InputError(path, f"does not match schema.json at {where}: {best.message}",
                         _line_of(root, list(best.absolute_path)))
    return document


def _line_of(node, path: list) -> int | None:
    """1-based line of the YAML node at `path` (keys and list indices), for error messages."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            return None
    return node.start_mark.line + 1 if node is not None else None


def _compile_rule(path: Path, raw: dict, macros: dict) -> Rule:
    pattern = None
    if "pattern" in raw:
        try:
            pattern = re.compile(expand_macros(raw["pattern"], macros), re.IGNORECASE)
        except re.error as error:
            raise InputError(path, f"rule {raw['id']}: bad regular expression: {error}") from None
    fields = {key: value for key, value in raw.items() if key not in ("id", "pattern")}
    return Rule(raw["id"], pattern, fields)


def _check_unique_ids(families: dict, rules_dir: Path) -> None:
    seen = {}
    for family in families.values():
        for rule in family.rules:
            if rule.id in seen:
                raise InputError(rules_dir, f"rule id {rule.id!r} used in {seen[rule.id]} and {family.family}")
            seen[rule.id] = family.family
