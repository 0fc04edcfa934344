"""ChannelKG: a knowledge graph of UK–France cooperation against small-boat Channel crossings."""

__version__ = "0.1.0"


def __getattr__(name):  # `kg.load` (docs/python-api.md), imported on first use so `kg --help` stays fast
    if name == "load":
        from .dataset import load

        return load
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
