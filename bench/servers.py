"""The three SPARQL servers the endpoint benchmark compares, and the floor it reads them
against, each started on 127.0.0.1 and stopped after (only the process it started, by its id).

- ChannelKG: `kg serve --build-dir DIR` (its /sparql).
- Oxigraph: `oxigraph load` of the build's N-Quads into a store, then `oxigraph serve
  --union-default-graph --timeout-s 10`, so that, as in ChannelKG, the default graph is the
  union of the named graphs and a query is stopped after 10 s.
- rdflib-endpoint: `rdflib-endpoint serve channel-kg.nq` (an rdflib Dataset whose default
  graph is the union).
- The Python HTTP floor: bench/floor.py, a constant answer with no work behind it.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .memory import tree, tree_bytes

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 900  # seconds; rdflib takes minutes to load a million triples


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, name: str, command: list[str], endpoint: str, log: Path):
        self.name, self.command, self.endpoint, self.log = name, command, endpoint, log
        self.process: subprocess.Popen | None = None
        self.ready_seconds = 0.0

    def __enter__(self) -> "Server":
        started = time.perf_counter()
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT)
        deadline = started + READY_TIMEOUT
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start; see {self.log}")
            try:
                response = httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=5,
                                     headers={"Accept": "application/sparql-results+json"})
                if response.status_code == 200:
                    self.ready_seconds = time.perf_counter() - started
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError(f"{self.name} not ready after {READY_TIMEOUT} s; see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)

    def rss_mb(self) -> float:
        """Resident memory of the server and every process it started (workers)."""
        total = 0
        for pid in tree(self.process.pid):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                pass
        return round(total / 2**20, 1)

    def pss_mb(self) -> float:
        """Proportional set size of the same processes: shared pages counted once."""
        return round(tree_bytes(self.process.pid) / 2**20, 1)


def channelkg(build_dir: Path, work: Path) -> Server:
    port = free_port()
    return Server("ChannelKG", [str(BIN / "kg"), "serve", "--build-dir", str(build_dir), "--host", "127.0.0.1",
                                "--port", str(port)],
                  f"http://127.0.0.1:{port}/sparql", work / "channelkg.log")


def oxigraph(build_dir: Path, work: Path) -> tuple[Server, float]:
    """The server, and the seconds `oxigraph load` took."""
    store = work / "oxigraph-store"
    subprocess.run(["rm", "-rf", str(store)], check=True)
    started = time.perf_counter()
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(store), "--file", str(build_dir / "channel-kg.nq")],
                   check=True, capture_output=True, timeout=1800)
    loaded = time.perf_counter() - started
    port = free_port()
    return Server("Oxigraph", [str(BIN / "oxigraph"), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                               "--union-default-graph", "--timeout-s", "10"],
                  f"http://127.0.0.1:{port}/query", work / "oxigraph.log"), loaded


def rdflib_endpoint(build_dir: Path, work: Path) -> Server:
    port = free_port()
    return Server("rdflib-endpoint", [str(BIN / "rdflib-endpoint"), "serve", str(build_dir / "channel-kg.nq"),
                                      "--host", "127.0.0.1", "--port", str(port)],
                  f"http://127.0.0.1:{port}/", work / "rdflib-endpoint.log")  # its CLI serves at /


def python_floor(work: Path) -> Server:
    port = free_port()
    return Server("Python HTTP floor", [str(BIN / "uvicorn"), "bench.floor:app", "--app-dir", str(ROOT), "--http", "httptools", "--loop", "uvloop",
                                        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                  f"http://127.0.0.1:{port}/sparql", work / "floor.log")
