"""ChannelKG: a knowledge graph of UK–France cooperation against small-boat Channel crossings."""

__version__ = "0.1.0"
