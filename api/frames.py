"""The messages the web process and a query worker exchange on their socket pair.

Each message is a pickle prefixed by its length (8 bytes, big-endian). The worker reads and
writes with plain blocking calls; the web process reads with asyncio streams, so waiting for
an answer costs no thread and no hop between threads (api/executor.py).
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct

HEADER = struct.Struct("!Q")


def send(sock: socket.socket, message) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(HEADER.pack(len(payload)))
    sock.sendall(payload)  # apart, so a large first message is not copied once more


def encode(message) -> bytes:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(payload)) + payload


def receive(sock: socket.socket):
    """The next message; EOFError when the other end closed the socket."""
    (size,) = HEADER.unpack(_exactly(sock, HEADER.size))
    return pickle.loads(_exactly(sock, size))


def _exactly(sock: socket.socket, size: int) -> bytearray:
    data = bytearray(size)
    view, got = memoryview(data), 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            raise EOFError("the other end closed the socket")
        got += n
    return data


async def read(reader: asyncio.StreamReader):
    """The next message from a stream; EOFError when the other end closed it."""
    try:
        (size,) = HEADER.unpack(await reader.readexactly(HEADER.size))
        return pickle.loads(await reader.readexactly(size))
    except asyncio.IncompleteReadError as error:
        raise EOFError("the other end closed the socket") from error
