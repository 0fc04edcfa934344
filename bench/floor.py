"""The floor under any Python SPARQL server here: a bare ASGI app, served by uvicorn with the
same HTTP parser and event loop as `kg serve` (httptools, uvloop), that reads the request and
answers every one with the same small SPARQL result, doing no other work. The endpoint benchmark
measures it in the same run as the real servers, so their figures can be read against what
HTTP alone costs on this machine with this client.

    uvicorn bench.floor:app --http httptools --loop uvloop
"""

ANSWER = b'{"head":{"vars":["thing"]},"results":{"bindings":[]}}'
HEADERS = [(b"content-type", b"application/sparql-results+json"), (b"content-length", str(len(ANSWER)).encode())]


async def app(scope, receive, send):
    if scope["type"] != "http":  # lifespan: nothing to start
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": ANSWER})
