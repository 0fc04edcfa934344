"""Reading the language packs in mappings/rules/{lang}/: YAML checked against schema.json.

A pack is a folder of rule files, one per *family* (dates, money, people, ...), and `pack.yaml`,
which names its language, locale and the label templates of what the rules mint. Every rule has
an `id` (its identifier in the provenance, `rule:{id}`; the same id in two packs is the same rule
in two languages) and most have a `pattern`, a regular expression that may use the fragments
`{NAME}` defined under `macros:` (in common.yaml or the file itself) and those the pack's locale
gives (kg/rules/locale_data.py: {MONTH_NAMES}, {WEEKDAY_NAMES}, ...). Everything else in a rule or
in the file's `tables:` is data the family's engine reads. schema.json, shared by every pack,
says which tables and which rules (by id) the engine reads, so a pack cannot lack one.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml
from babel import UnknownLocaleError

from ..errors import InputError
from .locale_data import PackLocale
from .words import Stemmer

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "mappings" / "rules"
_MACRO = re.compile(r"\{([A-Z][A-Z_]+)\}")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: 10x faster


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
class Marks:
    """A language's quotation marks: straight double ones toggle a quotation, curly ones open
    or close it; `opening` and `closing` also hold the single marks (which are apostrophes too)."""
    toggle: str
    open_double: str
    close_double: str
    opening: str
    closing: str

    def one_of(self, marks: str) -> str:
        """A regex character class of these marks."""
        return "[" + "".join(re.escape(m) for m in marks) + "]"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: engines cache per pack
class Rules:
    """One language pack."""
    families: dict  # family name -> RuleFile
    macros: dict
    language: str = "und"        # BCP 47 code of the pack (its folder's name)
    locale: PackLocale | None = None
    labels: dict = field(default_factory=dict)   # label templates (pack.yaml)
    stemmer: Stemmer | None = None
    marks: Marks | None = None

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


def load_packs(rules_dir: Path = DEFAULT_RULES_DIR) -> dict[str, Rules]:
    """Every pack under `rules_dir` (a folder with a pack.yaml), by language code."""
    rules_dir = Path(rules_dir)
    folders = sorted(path.parent for path in rules_dir.glob("*/pack.yaml"))
    if not folders:
        raise InputError(rules_dir, "no language packs ({lang}/pack.yaml)")
    return {pack.language: pack for pack in (load_rules(folder) for folder in folders)}


def load_rules(pack_dir: Path) -> Rules:
    """The pack in `pack_dir`: every `*.yaml`, validated against ../schema.json; raises
    InputError(file, message, line) on a bad file."""
    pack_dir = Path(pack_dir)
    schema = json.loads((pack_dir.parent / "schema.json").read_text(encoding="utf-8"))
    documents = {path: _read_yaml(path, schema) for path in sorted(pack_dir.glob("*.yaml"))}
    pack, locale = _pack_of(documents, pack_dir)
    macros = locale.macros()
    for document in documents.values():
        macros.update(document.get("macros", {}))
        macros.update(_macros_from_tables(document.get("tables", {})))
    families = {}
    for path, document in documents.items():
        family = document["family"]
        if family == "pack":
            continue
        if family in families:
            raise InputError(path, f"a second file for family {family!r}")
        rules = tuple(_compile_rule(path, raw, macros) for raw in document.get("rules", []))
        families[family] = RuleFile(family, rules, document.get("tables", {}))
    missing = [f for f in schema["properties"]["family"]["enum"] if f != "pack" and f not in families]
    if missing:
        raise InputError(pack_dir, f"no rule file of family {missing[0]!r}: every pack has one file per family")
    _check_unique_ids(families, pack_dir)
    _check_read_by_id(families, schema, documents, pack_dir)
    common = families["common"].tables
    marks = common["quotation-marks"]
    return Rules(families, macros, pack["language"], locale, pack["labels"],
                 Stemmer(common["stemming"]["suffixes"], common["stemming"]["min-stem"], common["stemming"]["possessive"]),
                 Marks(marks["toggle"], marks["open-double"], marks["close-double"], marks["opening"], marks["closing"]))


def _pack_of(documents: dict, pack_dir: Path) -> tuple[dict, PackLocale]:
    """pack.yaml, which must name the folder's language and a locale CLDR knows."""
    head = next(((path, d) for path, d in documents.items() if d["family"] == "pack"), None)
    if head is None:
        raise InputError(pack_dir, "no pack.yaml (family: pack) naming the language and locale")
    path, pack = head
    def line(key):
        return _line_of(yaml.compose(path.read_text(encoding="utf-8")), [key])
    if pack["language"] != pack_dir.name:
        raise InputError(path, f"language {pack['language']!r} is not the folder's name {pack_dir.name!r}",
                         line("language"))
    try:
        return pack, PackLocale(pack["language"], pack["locale"], pack["date-order"],
                                tuple(pack.get("group-separators", ())))
    except (UnknownLocaleError, ValueError) as error:
        raise InputError(path, f"unknown locale {pack['locale']!r}: {error}", line("locale")) from None


def _check_read_by_id(families: dict, schema: dict, documents: dict, pack_dir: Path) -> None:
    """Every rule the engine looks up by id (schema.json's `read-by-id`) is in the pack."""
    paths = {document["family"]: path for path, document in documents.items()}
    for family, ids in schema["read-by-id"].items():
        missing = sorted(set(ids) - {rule.id for rule in families[family].rules})
        if missing:
            raise InputError(paths[family], f"the engine reads rule {missing[0]!r} of family {family!r}, "
                                            "which this file does not define")


def _macros_from_tables(tables: dict) -> dict:
    """`macros-from: {ROLE: roles}` makes {ROLE} match any `match` phrase of the `roles` table,
    so a table row is the one place a phrase is written. Longest phrases first. A table of
    names (`organisations`: name -> {aliases}) gives its names and aliases, as printed: a pack
    whose names are not all capitalised ("Auberge des migrants") can put a known name where
    a pattern wants an organisation."""
    derived = {}
    for macro, table_name in tables.get("macros-from", {}).items():
        phrases = [phrase for name, row in tables[table_name].items() for phrase in _phrases(name, row)]
        derived[macro] = "(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + ")"
    return derived


def _read_yaml(path: Path, schema: dict) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        document = yaml.load(text, Loader=_YAML_LOADER)
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
                         _line_of(yaml.compose(text), list(best.absolute_path)))  # composed only to say where
    return document


def _line_of(node, path: list) -> int | None:
    """1-based line of the YAML node at `path` (keys and list indices), for error messages; of
    its key when it is a mapping's value ("tables:" for a table missing from it)."""
    mark = node.start_mark
    for part in path:
        if isinstance(node, yaml.MappingNode):
            key, node = next(((k, v) for k, v in node.value if k.value == part), (None, None))
            mark = key.start_mark if key is not None else None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            node = None
        if node is None:
            return None
    return mark.line + 1


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


def _phrases(name: str, row: dict) -> list[str]:
    """A table row's regex phrases: its `match` list, else its name and aliases, escaped."""
    if "match" in row:
        return list(row["match"])
    return [re.escape(printed) for printed in [name, *(row.get("aliases") or [])]]
