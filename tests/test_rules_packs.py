"""Language packs (mappings/rules/{lang}/): what a pack must hold, that the engine (kg/rules/)
names no word of any language, labels in every pack's language, and articles in a language
with no pack."""

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.dates import get_day_names, get_month_names
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg import iris, mapping, project
from kg.build import run_build
from kg.errors import InputError
from kg.map_rules import load_packs, map_article
from kg.namespaces import CK, ID, MS
from kg.rules.loader import DEFAULT_RULES_DIR
from kg.seeds import Article
from rules_helpers import PACKS

ENGINE = sorted((project.ROOT / "kg" / "rules").glob("*.py")) + [project.ROOT / "kg" / "map_rules.py"]
SCHEMA = yaml.safe_load((DEFAULT_RULES_DIR / "schema.json").read_text(encoding="utf-8"))
LOADER_KEYWORDS = {"macros-from"}  # a table the loader reads for every family (macros from a table's phrases)


def _copy_rules(tmp_path) -> Path:
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    return rules_dir


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.replace(old, new, 1)


# ---------------------------------------------------------------- what a pack holds

def test_each_pack_folder_is_a_language_with_a_locale():
    folders = sorted(p.parent.name for p in DEFAULT_RULES_DIR.glob("*/pack.yaml"))
    assert folders and sorted(PACKS) == folders
    for language, pack in PACKS.items():
        assert pack.language == language
        assert pack.locale.code.split("_")[0] == language  # en_GB: CLDR data of the pack's language
        assert set(pack.families) == set(SCHEMA["properties"]["family"]["enum"]) - {"pack"}


def test_a_pack_without_a_family_is_refused(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    (rules_dir / "en" / "pledges.yaml").unlink()
    with pytest.raises(InputError, match="no rule file of family 'pledges'") as error:
        load_packs(rules_dir)
    assert error.value.path == rules_dir / "en"


def test_a_pack_without_a_table_the_engine_reads_is_refused_with_file_and_line(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    path = rules_dir / "en" / "statistics.yaml"
    text = _edit(path, "  window-words: 9\n", "")
    with pytest.raises(InputError, match="window-words") as error:
        load_packs(rules_dir)
    assert error.value.path == path
    assert text.splitlines()[error.value.line - 1].startswith("tables:")


def test_a_pack_without_a_rule_the_engine_names_is_refused(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    path = rules_dir / "en" / "people.yaml"
    _edit(path, "- id: speaker-first-person", "- id: speaker-first-persons")
    with pytest.raises(InputError, match="speaker-first-person'") as error:
        load_packs(rules_dir)
    assert error.value.path == path


def test_a_label_template_missing_or_a_locale_unknown_is_refused(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    path = rules_dir / "en" / "pack.yaml"
    _edit(path, "    joint-statement: joint statement\n", "")
    with pytest.raises(InputError, match="joint-statement") as error:
        load_packs(rules_dir)
    assert error.value.path == path
    shutil.copy(DEFAULT_RULES_DIR / "en" / "pack.yaml", path)
    text = _edit(path, "locale: en_GB", "locale: en_Narnia")
    with pytest.raises(InputError, match="unknown locale") as error:
        load_packs(rules_dir)
    assert text.splitlines()[error.value.line - 1] == "locale: en_Narnia"


def test_a_pack_in_a_folder_of_another_language_is_refused(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    (rules_dir / "en").rename(rules_dir / "de")
    with pytest.raises(InputError, match="not the folder's name 'de'"):
        load_packs(rules_dir)


def _engine_literals() -> set[str]:
    return {node.value for path in ENGINE for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_the_schema_requires_every_rule_and_table_the_engine_names():
    """The engine names rules by id (`family.rule("speaker-verb")`, provenance such as
    "statistic-measure-verb") and tables by name: each must be one that schema.json makes every
    pack define, and each name the schema lists must still be one the engine uses."""
    literals = _engine_literals()
    read_by_id = SCHEMA["read-by-id"]
    required = {branch["if"]["properties"]["family"]["const"]: set(branch["then"].get("properties", {})
                                                                  .get("tables", {}).get("required", []))
                for branch in SCHEMA["allOf"][1:]}
    assert read_by_id and any(required.values())
    for pack in PACKS.values():
        for family, rules in pack.families.items():
            named = {rule.id for rule in rules.rules} & literals
            assert named <= set(read_by_id.get(family, [])), (family, named - set(read_by_id.get(family, [])))
            tables = (set(rules.tables) - LOADER_KEYWORDS) & literals
            assert tables <= required[family], (family, tables - required[family])
    for family, ids in read_by_id.items():
        assert set(ids) <= literals, (family, set(ids) - literals)
    for family, tables in required.items():
        assert tables <= literals, (family, tables - literals)


# ---------------------------------------------------------------- the engine holds no words

def _pack_words() -> set[str]:
    """Words of every pack's language: CLDR month and day names of its locale, the words of its
    patterns (regex syntax removed), table phrases and label templates."""
    words = set()
    for pack in PACKS.values():
        for width in ("wide", "abbreviated"):
            words |= {n.casefold().rstrip(".") for n in get_month_names(width, locale=pack.locale.babel).values()}
            words |= {n.casefold().rstrip(".") for n in get_day_names(width, locale=pack.locale.babel).values()}
        texts = [rule.pattern.pattern for rules in pack.families.values() for rule in rules.rules if rule.pattern]
        texts += [str(v) for rules in pack.families.values() for v in _leaves(rules.tables)]
        texts += [str(v) for v in _leaves(pack.labels)]
        words |= {w.casefold() for text in texts for w in _words_of(_regex_words(text))}
    return words


def _leaves(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _leaves(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner)
    elif value is not None:
        yield value


def _regex_words(pattern: str) -> str:
    """A regex with its syntax removed: escapes (\\b, \\s, \\u00C0), group names and flags,
    character classes and {MACRO} references; what is left are the words it matches."""
    pattern = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)|\(\?[a-zA-Z-]*[:)]|\(\?<?[=!]", " ", pattern)
    pattern = re.sub(r"\\u[0-9A-Fa-f]{4}|\\.", " ", pattern)
    pattern = re.sub(r"\[(?:\\.|[^\]])*\]", " ", pattern)
    return re.sub(r"\{[A-Z_]+\}", " ", pattern)


def _words_of(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", text)


def words_in_engine_code(source: str, pack_words: set[str], calendar_names: set[str]) -> list[str]:
    """Words of a language in Python source: (a) any word left in a regular expression once its
    syntax is removed; (b) a month or day name, even as a bare identifier-like string
    ("monday"); (c) in any other string, a word of a pack (its patterns, phrases, templates).
    Docstrings and the messages of raised errors are the tool's own prose, not data."""
    tree = ast.parse(source)
    skipped = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Raise):
            skipped |= {id(inner) for inner in ast.walk(node)}
        if isinstance(node, ast.AnnAssign) or isinstance(node, ast.arg):
            skipped |= {id(inner) for inner in ast.walk(node.annotation)} if node.annotation else set()
    regexes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args:
            regexes |= set(_text_parts(node.args[0]))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skipped:
            continue
        text = node.value
        if id(node) in regexes:
            found += [f"regex {text!r}: {w}" for w in _words_of(_regex_words(text))]
        elif re.fullmatch(r"[a-z0-9_]+(?:[-/.][a-z0-9_]*)*|[A-Z0-9_]+", text):  # a key, kind, rule id, path
            found += [f"{text!r}" for w in [text] if w.casefold() in calendar_names]
        else:
            found += [f"{text!r}: {w}" for w in _words_of(text) if w.casefold() in pack_words]
    return found


def _text_parts(node):
    """The string constants a regex argument is written with: itself, the literal parts of an
    f-string, the operands of a concatenation (not the values looked up to fill it)."""
    if isinstance(node, ast.Constant):
        yield id(node)
    elif isinstance(node, ast.JoinedStr):
        yield from (id(v) for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        yield from _text_parts(node.left)
        yield from _text_parts(node.right)


@pytest.fixture(scope="module")
def word_lists():
    calendar = set()
    for pack in PACKS.values():
        for width in ("wide", "abbreviated"):
            calendar |= {n.casefold().rstrip(".") for n in get_month_names(width, locale=pack.locale.babel).values()}
            calendar |= {n.casefold().rstrip(".") for n in get_day_names(width, locale=pack.locale.babel).values()}
    return _pack_words(), calendar


def test_the_engine_names_no_word_of_any_pack(word_lists):
    pack_words, calendar = word_lists
    assert {"yesterday", "million", "said", "january", "friday"} <= pack_words  # the lists are real
    found = {path.name: words_in_engine_code(path.read_text(encoding="utf-8"), pack_words, calendar)
             for path in ENGINE}
    assert {name: words for name, words in found.items() if words} == {}


def test_the_word_check_finds_words_the_engine_used_to_hold(word_lists):
    """What kg/rules/ held before the packs (eb04397): each is found."""
    pack_words, calendar = word_lists
    for source in ('_WEEKDAYS = ["monday", "tuesday"]',
                   'OPENS = re.compile(r"(?:,|;)\\s*(?:and|but|while)?\\s*$")',
                   'label = Literal(f"Rule mapping of {source_file}", lang="en")',
                   'name = f"UK–France {kind} of {day}"',
                   'words = "date not printed"'):
        assert words_in_engine_code(source, pack_words, calendar), source
    assert not words_in_engine_code('x = re.compile(r"(?<![\\w-])\\S+\\s*[:,]?$")\ny = "person-role-only"\n'
                                    'raise InputError(path, "no rule file of family")', pack_words, calendar)


# ---------------------------------------------------------------- labels in every pack's language

GERMAN_LABELS = {
    "activity: 'Rule mapping of {file}'": "activity: 'Regelabbildung von {file}'",
    "day: 'UK–France {type} of {date:d MMMM y}'": "day: 'Britisch-französisches {type} vom {date:d. MMMM y}'",
    "    agreement: agreement\n": "    agreement: Abkommen\n",
    "statistic: '{measure}: {words}'": "statistic: '{measure} – {words}'",
}


@pytest.fixture(scope="module")
def two_packs(tmp_path_factory) -> dict:
    """The English pack and a second pack ("de": its templates in German, its patterns the English
    ones, its month and day names CLDR's German): enough to see what every pack's language gives
    a node."""
    rules_dir = _copy_rules(tmp_path_factory.mktemp("packs"))
    for other in rules_dir.glob("*/pack.yaml"):  # only these two: the labels below are theirs
        if other.parent.name != "en":
            shutil.rmtree(other.parent)
    shutil.copytree(rules_dir / "en", rules_dir / "de")
    path = rules_dir / "de" / "pack.yaml"
    _edit(path, "language: en", "language: de")
    _edit(path, "locale: en_GB", "locale: de_DE")
    for old, new in GERMAN_LABELS.items():
        _edit(path, old, new)
    return load_packs(rules_dir)


MARCH_DEAL = ("Leaders agree a returns deal\nPublished: 11 March 2023\n\n"
              "Rishi Sunak and Emmanuel Macron signed an agreement in Paris on 10 March 2023.\n\n"
              "So far this year, more than 3,000 people crossed the Channel in small boats.\n")


def test_a_minted_node_has_one_label_per_pack_language(vocab, two_packs):
    graph = map_article(Article("deal", Path("deal.txt"), MARCH_DEAL), vocab, two_packs)
    agreement = iris.thing("agreement", "2023-03-10-uk-france-agreement")
    assert set(graph.objects(agreement, RDFS.label)) == {
        Literal("UK–France agreement of 10 March 2023", lang="en"),
        Literal("Britisch-französisches Abkommen vom 10. März 2023", lang="de")}  # CLDR's German month
    assert set(graph.objects(ID["activity/rules-deal"], RDFS.label)) == {
        Literal("Rule mapping of deal.txt", lang="en"), Literal("Regelabbildung von deal.txt", lang="de")}
    assert graph.value(iris.article("deal"), DCTERMS.language) == Literal("en")


def test_the_lexicon_is_read_in_the_article_language(vocab, two_packs):
    """The "de" article is read with the labels of the concept schemes in German: with none, no
    measure is named; with a German label, the figure is found and named in both languages."""
    article = Article("de", Path("de.txt"), MARCH_DEAL, language="de")
    assert not list(map_article(article, vocab, two_packs).subjects(RDF.type, CK.Statistic))
    german = Graph()
    german += vocab
    german.add((MS["people-crossing"], SKOS.altLabel, Literal("crossed the Channel", lang="de")))
    german.add((MS["people-crossing"], SKOS.prefLabel, Literal("Überfahrten über den Ärmelkanal", lang="de")))
    graph = map_article(article, german, two_packs)
    statistic = next(graph.subjects(CK.measure, MS["people-crossing"]))
    assert set(graph.objects(statistic, RDFS.label)) == {
        Literal("people crossing the Channel: more than 3,000", lang="en"),
        Literal("Überfahrten über den Ärmelkanal – more than 3,000", lang="de")}


# ---------------------------------------------------------------- a language with no pack

SPANISH = ("Acuerdo entre Londres y París sobre las travesías\n\n"
           "El Reino Unido pagará a Francia 62 millones de euros, dijo ayer el ministro.\n")


def test_an_article_in_a_language_with_no_pack_keeps_only_its_node_language_and_headline(vocab):
    graph = map_article(Article("es", Path("es.txt"), SPANISH, language="es"), vocab)
    article = iris.article("es")
    assert graph.value(article, DCTERMS.language) == Literal("es")
    assert graph.value(article, DCTERMS.title) == Literal("Acuerdo entre Londres y París sobre las travesías")
    assert graph.value(article, CK.sourceFile) == Literal("es.txt")
    assert set(graph.objects(None, RDF.type)) == {CK.Article, CK.Evidence, PROV.Activity}
    evidence = graph.value(article, CK.evidence)
    assert str(graph.value(evidence, CK.quote)) == "Acuerdo entre Londres y París sobre las travesías"
    assert not list(graph.objects(None, CK.rule))  # no rule read it


def test_the_sidecar_title_is_the_headline_of_an_article_with_no_pack(vocab):
    article = Article("es", Path("es.txt"), SPANISH, language="es", sidecar={"title": "Londres pagará 62 millones"})
    graph = map_article(article, vocab)
    assert graph.value(iris.article("es"), DCTERMS.title) == Literal("Londres pagará 62 millones")
    assert graph.value(iris.article("es"), CK.evidence) is None  # those words are not in the text


GERMAN = ("Grossbritannien und Frankreich vereinbaren mehr Patrouillen\n\n"
          "Die Innenminister beider Länder haben sich am Montag in Paris getroffen und eine neue "
          "Vereinbarung unterzeichnet. Die britische Regierung wird der französischen Polizei in den "
          "kommenden Jahren zusätzliche Mittel zur Verfügung stellen, damit die Strände an der Küste "
          "besser überwacht werden können.\n")


def test_the_build_warns_once_naming_an_article_with_no_pack_and_still_conforms(tmp_path, capsys):
    seeds_dir = tmp_path / "seeds"
    seeds_dir.mkdir()
    shutil.copy(project.ROOT / "seeds" / "004_63b909f5f1b88480.txt", seeds_dir)
    (seeds_dir / "zz_german.txt").write_text(GERMAN, encoding="utf-8")
    result = run_build(seeds_dir, tmp_path / "build")
    assert result.conforms
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "zz_german.txt" in warnings[0] and "'de'" in warnings[0]
    dataset = Dataset(default_union=True).parse(tmp_path / "build" / "channel-kg.trig", format="trig")
    article = iris.article("zz_german")
    assert dataset.value(article, DCTERMS.language) == Literal("de")
    assert str(dataset.value(article, DCTERMS.title)) == GERMAN.splitlines()[0]
    assert str(dataset.value(dataset.value(article, CK.evidence), CK.quote)) == GERMAN.splitlines()[0]


def test_mapping_warns_for_each_article_with_no_pack_and_none_other(capsys):
    articles = [Article("es", Path("seeds/es.txt"), SPANISH, language="es"),
                Article("en", Path("seeds/en.txt"), MARCH_DEAL),
                Article("gb", Path("seeds/gb.txt"), MARCH_DEAL, language="en-GB")]
    assert [a.stem for a in mapping.warn_without_pack(articles)] == ["es"]
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "seeds/es.txt" in err
