"""The language an article is written in, as a BCP 47 code ("en", "fr").

Detected with py3langid (a trained classifier over character n-grams; about a millisecond per
article once its model is loaded). A language stated by the article's sidecar wins over it
(kg.seeds). Deterministic: the same text always gets the same code.
"""

from functools import lru_cache


@lru_cache(maxsize=1)
def _classifier():
    import py3langid  # loads its model (~0.6 s) on first use, not on import of kg

    return py3langid


def detect(text: str) -> str:
    """The code of the language `text` is most likely in; "und" (undetermined) for no text."""
    if not text.strip():
        return "und"
    code, _score = _classifier().classify(text)
    return code
