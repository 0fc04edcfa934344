"""The ChannelKG web API: SPARQL endpoint, linked data and pages (see api/app.py)."""
