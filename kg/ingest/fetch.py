"""Fetching one http(s) address for kg add, with the limits a steward can rely on.

Sends a User-Agent naming ChannelKG and its version and no credentials (httpx with
trust_env=False: no ~/.netrc, no proxy settings picked up from the environment). Follows
redirects (at most MAX_REDIRECTS, so a loop ends), gives up after `timeout` seconds without
data, and stops reading past `max_bytes`.
"""

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

import httpx

from .errors import IngestError

TIMEOUT_SECONDS = 30.0
MAX_BYTES = 20 * 1024 * 1024  # a news page is well under 2 MB; 20 MB is a wrong address
MAX_REDIRECTS = 10
SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Fetched:
    url: str           # where the content came from, after redirects
    content: bytes
    content_type: str  # media type without parameters, lower case ("text/html")


def user_agent() -> str:
    try:
        release = version("channel-kg")
    except PackageNotFoundError:  # running from a checkout that was never installed
        release = "unknown"
    return f"ChannelKG/{release} (kg add; https://w3id.org/channel-kg/)"


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise IngestError(f"scheme {scheme + ':' if scheme else '(none)'} is not fetched: only http and https")


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    check_scheme(url)
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"}
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout,
                          trust_env=False, headers=headers) as client:
            with client.stream("GET", url) as response:
                if response.is_error:
                    raise IngestError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise IngestError(_too_large(int(declared), max_bytes))
                content = bytearray()
                for chunk in response.iter_bytes():
                    content += chunk
                    if len(content) > max_bytes:
                        raise IngestError(_too_large(len(content), max_bytes, at_least=True))
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Fetched(str(response.url), bytes(content), media_type)
    except httpx.TooManyRedirects:
        raise IngestError(f"redirect loop: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise IngestError(f"timed out: no answer within {timeout:g} s") from None
    except httpx.UnsupportedProtocol as error:  # a redirect to ftp: or the like
        raise IngestError(f"redirected to an address that is not http(s): {error}") from None
    except httpx.HTTPError as error:  # refused connection, unknown host, broken TLS
        raise IngestError(f"cannot fetch: {error}") from None


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    return f"{'more than ' if at_least else ''}{size:,} bytes is over the {limit // (1024 * 1024)} MB limit for a page"
