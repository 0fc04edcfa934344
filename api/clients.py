"""Who a client is, for the per-client limits of api/fair.py.

A client is its remote address: an IPv4 address, or the /64 network of an IPv6 address (one
household or one server usually holds a whole /64, and can pick any address in it). Behind a
reverse proxy every request comes from the proxy, so `kg serve --trust-proxy` reads the client
from the headers the proxy sets: `Forwarded` (RFC 7239) first, else `X-Forwarded-For`. Only the
last entry counts: the proxy appends the address it saw, and anything before it was written by
the client and may be made up. Without --trust-proxy both headers are ignored, since any client
could send them.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets

UNKNOWN = "unknown"
# Per process: /health shows client hashes that nobody can turn back into addresses by trying
# all of IPv4, and that the log can name beside the address for the operator.
_SALT = secrets.token_bytes(16)


def client_of(scope: dict, trust_proxy: bool) -> str:
    """The client of an ASGI request scope."""
    if trust_proxy:
        forwarded = _last_forwarded(scope)
        if forwarded:
            return normalise(forwarded)
    peer = scope.get("client")
    return normalise(peer[0]) if peer else UNKNOWN


def normalise(address: str) -> str:
    """IPv4 as written, IPv6 as its /64 (IPv4-mapped IPv6 as the IPv4 address); anything else
    (a proxy's obfuscated identifier such as `_hidden`) as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def anonymised(client: str) -> str:
    """A short keyed hash of the client, for /health and the log."""
    return hashlib.blake2b(client.encode(), key=_SALT, digest_size=6).hexdigest()


def _last_forwarded(scope: dict) -> str | None:
    headers = {}
    for name, value in scope.get("headers", ()):
        # Repeated headers are one list (RFC 9110 section 5.3): later lines come later.
        key = name.decode("latin-1").lower()
        headers[key] = f"{headers[key]},{value.decode('latin-1')}" if key in headers else value.decode("latin-1")
    if "forwarded" in headers:
        element = headers["forwarded"].split(",")[-1]
        for pair in element.split(";"):
            name, _, value = pair.strip().partition("=")
            if name.lower() == "for" and value:
                return _strip_port(value.strip().strip('"'))
        return None
    if "x-forwarded-for" in headers:
        last = headers["x-forwarded-for"].split(",")[-1].strip()
        return _strip_port(last) if last else None
    return None


def _strip_port(node: str) -> str:
    """`[2001:db8::1]:4711` → `2001:db8::1`; `192.0.2.60:8080` → `192.0.2.60`; bare IPv6 kept."""
    if node.startswith("["):
        return node[1:].partition("]")[0]
    if node.count(":") == 1:
        return node.partition(":")[0]
    return node
