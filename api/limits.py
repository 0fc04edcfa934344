"""Limits on requests, enforced before any handler reads them (pure ASGI middleware).

A declared Content-Length over the limit is refused at once; a chunked body is counted as it
arrives and cut off when it passes the limit. A query string over the same limit is refused
with 414, and one whose percent-escapes do not decode as UTF-8 with 400: handlers would
otherwise see U+FFFD in place of the bytes and answer about a query nobody sent.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes


class TooLarge(Exception):
    pass


def utf8_query_string(raw: bytes) -> bool:
    try:  # no UTF-8 sequence holds "&" or "=", so the whole string decodes iff every part does
        unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RequestSizeLimit:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        query_string = scope.get("query_string", b"")
        if len(query_string) > self.max_bytes:
            return await _refuse(send, 414, f"the query string is longer than the limit of {self.max_bytes:,} "
                                            "bytes; POST the query instead")
        if query_string and not utf8_query_string(query_string):
            return await _refuse(send, 400, "the query string is not UTF-8 once percent-decoded")
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                return await self._too_large(send)
        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except TooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send):
        await _refuse(send, 413, f"the request body is larger than the limit of {self.max_bytes:,} bytes")


async def _refuse(send, status: int, message: str) -> None:
    body = (message + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
