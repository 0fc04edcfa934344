"""The answers of the named queries that ask about the whole graph, computed once per build.

A named query without an IRI parameter (funding, statistics, timeline, …) has one answer per
build and per language asked for. The build writes an on-disk store of the graph (`store/`,
which the server opens instead of writing its own) and runs each such query on it once, with
`lang` unset and set to each language the vocabulary labels in; each answer is kept as the
SPARQL JSON results pyoxigraph writes, with where each row starts, so the server can send it,
or a LIMIT/OFFSET slice of it, in the time it takes to read a file (api/precomputed.py). Why,
and what each query costs live: bench/README.md, "The named queries at 10,000 articles".

    build/store/                 the graph, its union as the default graph (kg.store)
    build/answers/index.json     which query text, which parameters, which file
    build/answers/NAME[.LANG].srj      the answer
    build/answers/NAME[.LANG].rows     uint64 offsets: where each row starts, then the end + 1

An answer is found by the query's normal form (kg.querytext: comments and spacing do not
count), so an edited query no longer matches its answer and is run live.

    python -m kg.answers BUILD_FOLDER QUERIES_FOLDER   # what the build runs, in its own process
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from array import array
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDFS, SKOS

from . import named_queries
from .querytext import analyse
from .store import NQUADS

STORE = "store"
ANSWERS = "answers"
INDEX = "index.json"
FORMAT = 1
UNION_TURTLE = "channel-kg.ttl"  # the union of the named graphs, as the export wrote it
_TAIL = re.compile(r"\s*(?:(LIMIT)\s*([0-9]+)\s*(?:(OFFSET)\s*([0-9]+))?|(OFFSET)\s*([0-9]+)\s*(?:(LIMIT)\s*([0-9]+))?)",
                   re.IGNORECASE)
_LOOSE = set("{}()[];,")  # as kg.querytext: no space is kept next to these


def write_store(build: Path) -> Path:
    """The build's graph in an on-disk store: the named graphs from the N-Quads, their union
    (a set: each triple once) as the default graph from the union's Turtle. Both files are our
    own output, so they are loaded without re-checking every IRI (`lenient`)."""
    dest = build / STORE
    store = ox.Store(str(dest))
    store.bulk_load(path=str(build / NQUADS), format=ox.RdfFormat.N_QUADS, lenient=True)
    store.bulk_load(path=str(build / UNION_TURTLE), format=ox.RdfFormat.TURTLE, lenient=True)
    store.flush()
    store.optimize()
    del store  # closes the database before the build folder is renamed
    return dest


def label_languages(store: ox.Store) -> list[str]:
    """The languages things are labelled in: the values of `lang` worth answering ahead."""
    found = store.query("SELECT DISTINCT (LANG(?label) AS ?lang) WHERE { ?thing ?labelled ?label "
                        "VALUES ?labelled { rdfs:label skos:prefLabel } FILTER (LANG(?label) != \"\") }",
                        prefixes={"rdfs": str(RDFS), "skos": str(SKOS)})
    return sorted(row["lang"].value for row in found)


def parameter_sets(query: named_queries.NamedQuery, languages: list[str]) -> list[dict[str, str]]:
    """What to answer ahead: nothing for a query about one thing (an IRI parameter); else the
    query with no parameter given and, if it takes `lang`, with each language."""
    if any(param.is_iri for param in query.params):
        return []
    sets = [{}]
    if any(param.name == "lang" for param in query.params):
        sets += [{"lang": language} for language in languages]
    return sets


def row_starts(body: bytes) -> array:
    """Where each row of SPARQL JSON results (as pyoxigraph writes them) starts, then the end of
    the last row + 1; latin-1 keeps byte offsets and never makes a UTF-8 byte a JSON bracket."""
    text = body.decode("latin-1")
    at = text.index('"bindings":[') + len('"bindings":[')
    starts, decoder = array("Q"), json.JSONDecoder()
    if text[at] == "]":
        starts.append(at + 1)
        return starts
    while True:
        starts.append(at)
        _, end = decoder.raw_decode(text, at)
        if text[end] == "]":
            starts.append(end + 1)
            return starts
        at = end + 1  # past the comma


def write_answers(build: Path, queries_dir: Path, version: str, store_seconds: float | None = None) -> dict:
    """Answer every named query of `queries_dir` that can be answered ahead, on the build's
    store; returns (and writes) the index."""
    store = ox.Store.read_only(str(build / STORE))
    languages = label_languages(store)
    out = build / ANSWERS
    out.mkdir(exist_ok=True)
    entries, skipped = [], {}
    for name, query in named_queries.load_all(queries_dir).items():
        for given in parameter_sets(query, languages):
            bound = query.bind(given)
            started = time.process_time()
            try:
                text, substitutions = named_queries.bound_query(query.text, bound)  # as a worker binds them
                result = store.query(text, substitutions=substitutions or None)
                body = result.serialize(format=ox.QueryResultsFormat.JSON)
            except (SyntaxError, OSError) as error:  # a broken query file: the server says why, live
                skipped[name] = f"{type(error).__name__}: {error}"
                break
            stem = ".".join([name, *given.values()])
            (out / f"{stem}.srj").write_bytes(body)
            starts = row_starts(body)
            (out / f"{stem}.rows").write_bytes(starts.tobytes())
            entries.append({"query": name, "normalised": analyse(query.text).normalised, "bindings": bound,
                            "file": f"{stem}.srj", "rows": len(starts) - 1, "bytes": len(body),
                            "cpu_seconds": round(time.process_time() - started, 2)})  # what it costs live
    index = {"format": FORMAT, "version": version, "languages": languages, "answers": entries, "skipped": skipped,
             "store_seconds": store_seconds}
    (out / INDEX).write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return index


def write(build: Path, queries_dir: Path, version: str) -> dict:
    """The store, then the answers: what the build adds to its folder before publishing it."""
    started = time.perf_counter()
    write_store(build)
    return write_answers(build, queries_dir, version, round(time.perf_counter() - started, 1))


def start(build: Path, queries_dir: Path) -> subprocess.Popen:
    """`write` in a process of its own (its memory is the store's, and is given back), while
    the build goes on (waiting for the shapes to be checked)."""
    return subprocess.Popen([sys.executable, "-m", "kg.answers", str(build), str(queries_dir)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen, build: Path) -> str | None:
    """Wait for `start`'s process; if it failed, the build goes without a store and answers
    (the server then writes its own store and runs every query live) and a note says why."""
    _, errors = process.communicate()
    if process.returncode == 0:
        return None
    shutil.rmtree(build / STORE, ignore_errors=True)
    shutil.rmtree(build / ANSWERS, ignore_errors=True)
    last = (errors or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {process.returncode}"]
    return f"no precomputed answers in this build: {last[0]}"


def stop(process: subprocess.Popen) -> None:
    """End `start`'s process early (the build stopped)."""
    if process.poll() is None:
        process.kill()
    process.wait()


@dataclass(frozen=True)
class Answer:
    """One precomputed answer of a build."""

    path: Path
    rows: int

    def read(self, offset: int = 0, limit: int | None = None) -> bytes:
        """The SPARQL JSON results, or rows offset … offset + limit of them."""
        body = self.path.read_bytes()
        if offset == 0 and (limit is None or limit >= self.rows):
            return body
        starts = array("Q")
        starts.frombytes(self.path.with_suffix(".rows").read_bytes())
        first = min(offset, self.rows)
        last = self.rows if limit is None else min(self.rows, first + limit)
        head, tail = body[:starts[0]], body[starts[-1] - 1:]
        rows = body[starts[first]:starts[last] - 1] if last > first else b""
        return head + rows + tail


class Answers:
    """The precomputed answers of one build folder; empty when it has none (an older build, or
    one whose answers are for other data)."""

    def __init__(self, folder: Path | None = None, version: str | None = None):
        self._by_text: dict[str, list[tuple[dict, Answer]]] = {}
        self.version: str | None = None  # of the data they answer; None when there are none
        if folder is None:
            return
        try:
            index = json.loads((Path(folder) / ANSWERS / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if index.get("format") != FORMAT or (version is not None and index.get("version") != version):
            return
        self.version = index["version"]
        for entry in index["answers"]:
            answer = Answer(Path(folder) / ANSWERS / entry["file"], entry["rows"])
            self._by_text.setdefault(entry["normalised"], []).append((entry["bindings"], answer))

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_text.values())

    def find(self, normalised: str, bindings: dict[str, str] | None = None) -> tuple[Answer, int, int | None] | None:
        """(answer, offset, limit) for a query in normal form (kg.querytext) with these bound
        parameters: a named query's text, or that text followed by LIMIT and/or OFFSET."""
        bindings = bindings or {}
        for text in (normalised, *self._prefixes_of(normalised)):
            for given, answer in self._by_text.get(text, ()):
                if given != bindings:
                    continue
                if text == normalised:
                    return answer, 0, None
                tail = _TAIL.fullmatch(normalised[len(text):])
                groups = tail.groups()
                limit = groups[1] or groups[7]
                offset = groups[3] or groups[5]
                return answer, int(offset or 0), None if limit is None else int(limit)
        return None

    def _prefixes_of(self, normalised: str):
        """The named query texts `normalised` is made of, followed by a LIMIT/OFFSET clause."""
        match = re.search(r"(?:\s|(?<=[{}()\[\];,]))(?:LIMIT|OFFSET)\b", normalised[-60:], re.IGNORECASE)
        if match is None:
            return
        cut = len(normalised) - len(normalised[-60:]) + match.start()
        head = normalised[:cut]
        if _TAIL.fullmatch(normalised[cut:]) and (head[-1:] in _LOOSE or normalised[cut:cut + 1] == " "):
            yield head


if __name__ == "__main__":
    build_folder, queries_folder = Path(sys.argv[1]), Path(sys.argv[2])
    manifest = json.loads((build_folder / "manifest.json").read_text(encoding="utf-8"))
    write(build_folder, queries_folder, manifest["version"])
