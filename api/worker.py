"""The code that runs in a query worker process.

pyoxigraph cannot be interrupted from Python, so a query that runs too long is stopped by
killing the process that runs it (see api/executor.py). Each worker holds its own in-memory
store loaded from the build's N-Quads bytes, or opens an on-disk store read-only (api/stores.py),
then answers Jobs from its socket until the web process closes it.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys
import threading

from . import frames, render
from .engine import open_store, run_job
from .jobs import Outcome

QUERY_STACK_BYTES = 256 * 1024 * 1024


def _isolate_network() -> None:
    """Defence in depth behind the SERVICE check: give the worker a network namespace of its
    own (no interfaces but a down loopback), so even a query we failed to refuse cannot reach
    another address. Needs unprivileged user namespaces or root; silently skipped otherwise."""
    if os.environ.get("CHANNEL_KG_NO_NETNS"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        clone_newuser, clone_newnet = 0x10000000, 0x40000000
        if libc.unshare(clone_newuser | clone_newnet) != 0:
            libc.unshare(clone_newnet)
    except (OSError, AttributeError):
        pass


def main(sock: socket.socket) -> None:
    """Process entry point: open the store the first message names, say ready, then answer
    one Job per message until the web process closes the socket.

    The work happens on a thread with a large stack: pyoxigraph parses and evaluates
    recursively, and a deep query must not overflow the (8 MB) stack of the main thread and
    kill the process. The lexer (kg/querytext.py) refuses far shallower queries than this
    stack holds; the stack is the second guard. Untouched stack pages cost no memory.
    """
    render.warm()  # read the templates while files are still ours to read
    _isolate_network()  # before the store or this module starts any thread: unshare needs one thread
    threading.stack_size(QUERY_STACK_BYTES)
    thread = threading.Thread(target=_serve, args=(sock,), name="kg-worker")
    thread.start()
    thread.join()


def _serve(sock: socket.socket) -> None:
    store = open_store(*frames.receive(sock))  # no reference to the N-Quads bytes is kept
    frames.send(sock, "ready")
    while True:
        try:
            job = frames.receive(sock)
        except (EOFError, OSError):
            return
        try:
            outcome = run_job(store, job)
        except Exception as error:  # an engine error must not kill the worker's loop
            outcome = Outcome("error", message=f"{type(error).__name__}: {error}")
        try:
            frames.send(sock, outcome)
        except OSError:  # the web process went away
            return


if __name__ == "__main__":  # started by api.executor with the socket's file descriptor
    main(socket.socket(fileno=int(sys.argv[1])))
