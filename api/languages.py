"""The language of a page: Accept-Language (RFC 9110 section 12.5.4) against the languages the
graph labels things in. Matching (a client's "fr-CH" is our "fr") is Babel's; reading the
header's weights is the same small grammar as Accept's."""

from __future__ import annotations

from functools import lru_cache

from babel import negotiate_locale

LANGUAGES = ("en", "fr")  # English first: what a page shows when the client names neither
VARY = "Accept, Accept-Language"


@lru_cache(maxsize=512)  # browsers send the same header on every request
def page_language(header: str | None) -> str:
    """The best of LANGUAGES for an Accept-Language header; English when none fits."""
    weighted = []
    for position, item in enumerate((header or "").split(",")):
        tag, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and tag != "*" and q > 0:
            weighted.append((-q, position, tag))
    preferred = [tag for _, _, tag in sorted(weighted)]
    return negotiate_locale(preferred, list(LANGUAGES), sep="-") or LANGUAGES[0]
