"""Benchmarks of ChannelKG: the build as the corpus grows, and the endpoint beside its peers."""
