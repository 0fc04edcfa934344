"""kg add: saved web pages, URLs, feeds and text files in, seeds out (README "Adding articles").

    fetch (URLs, with limits) → extract (trafilatura, htmldate) → seed files ({stem}.txt, the
    sidecar {stem}.json, raw/{stem}.html.gz), each written whole or not at all

One entry point, `kg.ingest.add.add_sources`; the modules below it know nothing of each other
except through it.
"""
