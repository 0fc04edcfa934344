"""Server-side SVG charts of /views: each module turns the rows of one named query (SPARQL JSON
bindings flattened to {variable: value}) into plain geometry that a template in
templates/views/ draws. No data is kept here: every mark comes from a row."""
