"""The HTTP/1.1 protocol `kg serve` runs: uvicorn's httptools one, with a clear 414.

httptools (a C parser) takes about a third off every request compared with uvicorn's pure-Python
h11 (bench/README.md). Its URL parser stops at 65,535 bytes and uvicorn then answers a bare
"400 Invalid HTTP request received."; a researcher who sent a long query by GET should instead
learn what went wrong and what to do (SPARQL 1.1 Protocol 2.1: POST the query).
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# httptools.parse_url keeps offsets in 16 bits
MAX_TARGET_BYTES = 65_535
TOO_LONG = (f"the request target is longer than the limit of {MAX_TARGET_BYTES:,} bytes for a GET; "
            "POST the query instead (as application/sparql-query or a form)\n").encode()


class HttpProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        if len(getattr(self, "url", b"")) <= MAX_TARGET_BYTES:
            return super().send_400_response(msg)
        head = (b"HTTP/1.1 414 URI Too Long\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"content-length: " + str(len(TOO_LONG)).encode() + b"\r\nconnection: close\r\n\r\n")
        self.transport.write(head + TOO_LONG)
        self.transport.close()
