"""Why a source could not be added: one line, naming the source."""


class IngestError(Exception):
    """A source that cannot become a seed; the message says why, in one line."""
