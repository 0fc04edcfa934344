"""The benchmark's queries: every named query (queries/*.rq), its parameters written into the
text as VALUES so that any SPARQL server can run it, plus a DESCRIBE and a label lookup
(bench/queries/*.rq).

A "first-time" variant adds `VALUES ?benchRun { n }` with a new n for every request: one row
that joins with everything, so the answer is the same, but no server can have seen the text
(comments would not do: ChannelKG's result cache ignores them).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from kg import project
from kg.named_queries import load_all, parse

HERE = Path(__file__).resolve().parent / "queries"
# Values for the parameters of named queries: things every benchmark graph holds (the seeds).
PARAMETERS = {
    "node": "https://w3id.org/channel-kg/id/agreement/2021-07-20-uk-france-agreement",
    "type": "https://w3id.org/channel-kg/pledge-type/intelligence-sharing",
    "by": "https://w3id.org/channel-kg/id/organisation/home-office",
}
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class BenchQuery:
    name: str
    text: str  # plain SPARQL, parameters bound
    accept: str

    def first_time(self, n: int) -> str:
        return with_values(self.text, "benchRun", str(n))


def with_values(text: str, variable: str, term: str) -> str:
    """`text` with `VALUES ?variable { term }` at the start of its outer WHERE block (a DESCRIBE
    without one gets one)."""
    match = _WHERE.search(text)
    if match is None:
        return f"{text.rstrip()}\nWHERE {{ VALUES ?{variable} {{ {term} }} }}\n"
    return f"{text[:match.end()]} VALUES ?{variable} {{ {term} }}{text[match.end():]}"


def bench_queries() -> list[BenchQuery]:
    found = []
    for name, query in load_all(project.QUERIES_DIR).items():
        text = query.text
        # Optional parameters (lang, min) are left to their defaults.
        given = {p.name: PARAMETERS[p.name] for p in query.params if p.name in PARAMETERS}
        for variable, term in query.bind(given).items():
            text = with_values(text, variable, term)
        found.append(BenchQuery(name, text, _accept(text)))
    for path in sorted(HERE.glob("*.rq")):
        query = parse(path)
        found.append(BenchQuery(query.name, query.text, _accept(query.text)))
    return found


def _accept(text: str) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return "text/turtle" if re.search(r"\b(DESCRIBE|CONSTRUCT)\b", body, re.IGNORECASE) else \
        "application/sparql-results+json"
