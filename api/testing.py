"""Helpers for the API's tests and benchmarks: a dataset to serve, and a server in a subprocess.

The integration tests serve the session's real build (tests/conftest.py: seed_build); the
small ChannelKG-shaped sample here is for tests that need data they know or can change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from .settings import ROOT

# Debian's Chromium, for the browser tests (Playwright drives it; .ci/run installs it as root)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

B = "https://w3id.org/channel-kg/"
CK = B + "ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _sample_quads() -> list[str]:
    """Two agreements sharing a pledge type, a minister, evidence, in several named graphs."""
    q = []

    def add(s, p, o, g):
        q.append(f"{s} {p} {o} <{B}graph/{g}> .")

    ag1, ag2 = f"<{B}id/agreement/2021-07-20-uk-france-agreement>", f"<{B}id/agreement/2022-11-14-uk-france-agreement>"
    patel = f"<{B}id/person/priti-patel>"
    art = f"<{B}id/article/000_sample>"
    for i, (ag, date, label) in enumerate(((ag1, "2021-07-20", "UK–France agreement of 20 July 2021"),
                                             (ag2, "2022-11-14", "UK–France agreement of 14 November 2022"))):
        g = f"article/000_sample/curated"
        add(ag, RDF_TYPE, f"<{CK}Agreement>", g)
        add(ag, f"<{RDFS}label>", f'"{label}"@en', g)
        add(ag, f"<{CK}date>", f'"{date}"^^<{XSD}date>', g)
        add(ag, f"<{CK}party>", patel, g)
        pledge = f"<{B}id/pledge/{date}-drones>"
        add(ag, f"<{CK}hasPledge>", pledge, g)
        add(pledge, RDF_TYPE, f"<{CK}Pledge>", g)
        add(pledge, f"<{RDFS}label>", f'"Drones pledge {i}"@en', g)
        add(pledge, f"<{CK}pledgeType>", f"<{B}pledge-type/drones>", g)
        ev = f"<{B}id/evidence/000_sample-{100 * i}-{100 * i + 40}>"
        add(ag, f"<{CK}evidence>", ev, g)
        add(ev, RDF_TYPE, f"<{CK}Evidence>", g)
        add(ev, f"<{CK}quote>", f'"signed an agreement <b>on {date}</b> & more"', g)
        add(ev, f"<{CK}source>", art, g)
        add(ev, f"<{CK}start>", f'"{100 * i}"^^<{XSD}integer>', g)
        add(ev, f"<{CK}end>", f'"{100 * i + 40}"^^<{XSD}integer>', g)
    add(patel, RDF_TYPE, f"<{CK}Minister>", "article/000_sample/curated")
    add(patel, RDF_TYPE, f"<{CK}Person>", "inferred")
    add(patel, f"<{RDFS}label>", '"Priti Patel"@en', "article/000_sample/curated")
    add(patel, f"<{CK}role>", '"Home Secretary"', "article/000_sample/rules")
    add(art, RDF_TYPE, f"<{CK}Article>", "article/000_sample/curated")
    add(art, f"<http://purl.org/dc/terms/title>", '"Sample article"', "article/000_sample/curated")
    add(f"<{B}pledge-type/drones>", RDF_TYPE, f"<{SKOS}Concept>", "vocab")
    add(f"<{B}pledge-type/drones>", f"<{SKOS}prefLabel>", '"drones"@en', "vocab")
    add(f"<{CK}Agreement>", f"<{RDFS}label>", '"Agreement"@en', "ontology")
    add(f"<{CK}party>", f"<{RDFS}label>", '"party"@en', "ontology")
    for n in range(60):  # filler, so that a cartesian product is really slow
        add(f"<{B}id/statistic/filler-{n}>", RDF_TYPE, f"<{CK}Statistic>", "external")
        add(f"<{B}id/statistic/filler-{n}>", f"<{CK}value>", f'"{n}"^^<{XSD}decimal>', "external")
    return sorted(q)


SAMPLE_NQ = "\n".join(_sample_quads()) + "\n"


def write_sample_build(out: Path, nquads: str = SAMPLE_NQ) -> Path:
    """A build/ like kg build writes, from N-Quads text (manifest version = SHA-256 of the .nq)."""
    out.mkdir(parents=True, exist_ok=True)
    data = nquads.encode()
    (out / "channel-kg.nq").write_bytes(data)
    graphs: dict[str, int] = {}
    for line in nquads.splitlines():
        if line.strip():
            graph = line.rsplit(" ", 2)[-2].strip("<>")
            graphs[graph] = graphs.get(graph, 0) + 1
    (out / "manifest.json").write_text(json.dumps({
        "version": hashlib.sha256(data).hexdigest(), "triples": sum(graphs.values()), "graphs": graphs,
    }, indent=2))
    (out / "void.ttl").write_text(
        "@prefix void: <http://rdfs.org/ns/void#> .\n"
        f"<{B}> a void:Dataset ; void:triples {sum(graphs.values())} ;\n"
        f"  void:sparqlEndpoint <{B}sparql> ; void:dataDump <{B}dumps/channel-kg.nq> .\n")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(build_dir: Path, *, queries_dir: Path | None = None, timeout: float = 10.0,
           store_url: str | None = None, startup: float = 30.0):
    """uvicorn serving the app in a subprocess on a free 127.0.0.1 port; yields its base URL."""
    with server_process(build_dir, queries_dir=queries_dir, timeout=timeout, store_url=store_url,
                        startup=startup) as (base, _):
        yield base


@contextlib.contextmanager
def server_process(build_dir: Path, *, queries_dir: Path | None = None, timeout: float = 10.0,
                   store_url: str | None = None, startup: float = 30.0, settings: dict | None = None,
                   stderr=None):
    """As server(), yielding (base URL, the uvicorn process). `settings`: more CHANNEL_KG_*
    variables by their Settings names ({"client_budget": 3} sets CHANNEL_KG_CLIENT_BUDGET);
    `stderr`: a file for the server's log."""
    port = free_port()
    env = dict(os.environ, CHANNEL_KG_BUILD_DIR=str(build_dir), CHANNEL_KG_QUERY_TIMEOUT=str(timeout),
               CHANNEL_KG_RELOAD_CHECK="0.2")
    env.update({f"CHANNEL_KG_{name.upper()}": str(value) for name, value in (settings or {}).items()})
    if queries_dir:
        env["CHANNEL_KG_QUERIES_DIR"] = str(queries_dir)
    if store_url:
        env["CHANNEL_KG_STORE_URL"] = store_url
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-proxy-headers",
         "--http", "api.protocol:HttpProtocol"],
        cwd=ROOT, env=env, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start (exit code {process.poll()})")
            time.sleep(0.1)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def manifest_of(build_dir: Path) -> dict:
    return json.loads((build_dir / "manifest.json").read_text())


def raw_request(base: str, target: bytes, **options) -> tuple[int, bytes]:
    """Send the request target exactly as given (no normalisation of `..`, `%2f` or `\\`, unlike
    an HTTP client library) and return (status, body); status 0 when the server hung up first.
    Options as raw_response()."""
    status, _, body = raw_response(base, target, **options)
    return status, body


def raw_response(base: str, target: bytes, *, method: bytes = b"GET", headers: dict[bytes, bytes] | None = None,
                 body: bytes = b"", timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
    """As raw_request(), with the response headers (lower-case names, latin-1 values)."""
    host, port = base.removeprefix("http://").split(":")
    head = [method + b" " + target + b" HTTP/1.1", f"Host: {host}:{port}".encode(), b"Connection: close"]
    head += [name + b": " + value for name, value in (headers or {}).items()]
    if body:
        head.append(b"Content-Length: " + str(len(body)).encode())
    received = b""
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        try:
            sock.sendall(b"\r\n".join(head) + b"\r\n\r\n" + body)
            while chunk := sock.recv(65536):
                received += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass
    head_bytes, _, content = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head_bytes.split(b"\r\n")
    parts = status_line.split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    found = {}
    for line in header_lines:
        name, _, value = line.partition(b":")
        found[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    return status, found, content


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections: list[bytes] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self):
        time.sleep(0.3)  # a connection attempt in flight gets the time to arrive
        self.running = False
        self.thread.join()
        self.sock.close()
