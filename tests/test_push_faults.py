"""`kg push` to a real `oxigraph serve` that stops half way: the report names the graphs that did
not arrive, a rerun completes them, and the store then holds exactly the build's triples, graph
by graph. Extends tests/test_push.py (a complete push, an unreachable store)."""

import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from api.testing import free_port, manifest_of
from kg.cli import main
from kg.push import push_build

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class Oxigraph:
    """`oxigraph serve` on a fixed 127.0.0.1 port and data folder, so it can be killed and restarted."""

    def __init__(self, location: Path):
        binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
        if not binary:
            pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
        self.binary, self.location, self.port = str(binary), location, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/query", params={"query": "ASK {}"}, timeout=1)
                return
            except httpx.HTTPError:
                assert self.process.poll() is None, "oxigraph serve exited"
                time.sleep(0.1)
        pytest.fail("oxigraph serve did not start")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def counts(self) -> dict[str, int]:
        response = httpx.get(self.url + "/query", params={"query": COUNT_BY_GRAPH},
                             headers={"Accept": "application/sparql-results+json"}, timeout=30)
        return {b["g"]["value"]: int(b["n"]["value"]) for b in response.json()["results"]["bindings"]}


@pytest.fixture
def store(tmp_path):
    oxigraph = Oxigraph(tmp_path / "oxigraph")
    oxigraph.start()
    yield oxigraph
    oxigraph.stop()


class Proxy:
    """An HTTP proxy on 127.0.0.1 in front of the store. It forwards `forward` requests, then calls
    `on_stop` (if given) and hangs up on every later request without answering, as a store that
    dies would. `forward=None` forwards everything."""

    def __init__(self, target: str, forward: int | None = None, on_stop=None):
        self.target, self.forward, self.on_stop = target, forward, on_stop
        self.seen = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _relay(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with proxy.lock:
                    proxy.seen += 1
                    cut = proxy.forward is not None and proxy.seen > proxy.forward
                    first_cut = cut and proxy.seen == proxy.forward + 1
                if first_cut and proxy.on_stop:
                    proxy.on_stop()
                if cut:
                    self.close_connection = True
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                answer = httpx.request(self.command, proxy.target + self.path, content=body, headers=headers,
                                       timeout=60)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", "text/plain"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_PUT = do_POST = _relay

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def test_a_store_that_stops_answering_half_way_is_named_and_a_rerun_completes(build, store):
    expected = manifest_of(build)["graphs"]
    graphs = sorted(expected)
    assert len(graphs) >= 6
    arrived = len(graphs) // 2
    # Each graph takes a PUT and a GET: the store answers the first `arrived` graphs whole, takes
    # the next PUT, and stops before it can be read back.
    with Proxy(store.url, forward=2 * arrived + 1) as proxy:
        report = push_build(build, proxy.url + "/store", timeout=10)
    assert not report.complete
    assert [g.graph for g in report.graphs if g.ok] == graphs[:arrived]
    assert [g.graph for g in report.missing] == graphs[arrived:]
    text = report.text()
    assert "INCOMPLETE" in text and f"{len(graphs) - arrived} of {len(graphs)} graphs did not arrive" in text
    for graph in graphs[arrived:]:
        assert f"\n  {graph}\n" in text + "\n"
    assert "stopped answering" in text and "run the same kg push again" in text
    assert proxy.seen == 2 * arrived + 2, "the push went on sending to a store that had stopped"
    counts = store.counts()
    assert {g: counts[g] for g in graphs[:arrived]} == {g: expected[g] for g in graphs[:arrived]}

    again = push_build(build, store.url + "/store")
    assert again.complete and not again.missing, again.text()
    assert store.counts() == expected


def test_a_store_killed_during_the_push_and_restarted(build, store):
    """The real server dies (SIGKILL) between two graphs: `kg push` exits 1 naming the graphs not
    sent; once the store is back on the same data folder, the same command completes the push."""
    expected = manifest_of(build)["graphs"]
    graphs = sorted(expected)
    arrived = 3
    with Proxy(store.url, forward=2 * arrived, on_stop=store.kill) as proxy:
        result = CliRunner().invoke(main, ["push", "--to", proxy.url + "/store", "--build-dir", str(build)])
    assert result.exit_code == 1, result.output
    assert f"{len(graphs) - arrived} of {len(graphs)} graphs did not arrive" in result.output
    listed = result.output.split("did not arrive:")[1].split("run the same")[0].split()
    assert listed == graphs[arrived:]
    assert store.process.poll() is not None  # it really died

    store.start()
    result = CliRunner().invoke(main, ["push", "--to", store.url + "/store", "--build-dir", str(build)])
    assert result.exit_code == 0, result.output
    assert "complete" in result.output and "did not arrive" not in result.output
    assert store.counts() == expected
