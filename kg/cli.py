"""The `kg` command: parses arguments and calls one library function per verb. No logic here."""

import sys
from importlib.metadata import entry_points
from pathlib import Path

import click

from .errors import InputError

EXIT_OK, EXIT_INVALID, EXIT_INPUT = 0, 1, 2


class _Commands(click.Group):
    """Every verb reads the build or the rule files: a missing build or an unusable file is a
    one-line error naming it (exit 2), not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (FileNotFoundError, InputError) as error:  # a missing build, a broken rule file
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_INPUT)


@click.group(cls=_Commands)
@click.version_option(package_name="channel-kg")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              help="the checkout whose ontology/, mappings/, shapes/ and queries/ to use "
                   "(default: the nearest folder above the current one with pyproject.toml and mappings/)")
def main(project_dir: Path | None):
    """ChannelKG: build, validate, query and serve the UK–France small-boats knowledge graph."""
    if project_dir is not None:
        from . import project

        project.use(project_dir)


@main.command()
@click.option("--seeds", "seeds_dir", default="seeds", type=click.Path(path_type=Path), show_default=True)
@click.option("--out", "out_dir", default="build", type=click.Path(path_type=Path), show_default=True)
def build(seeds_dir: Path, out_dir: Path):
    """Run every stage and write the dumps to OUT (kept only if the graph conforms)."""
    from . import project
    from .build import run_build

    here = project.current()
    click.echo(f"project {here.root} (from {here.origin}); seeds {seeds_dir.resolve()}")
    try:
        result = run_build(seeds_dir, out_dir)
    except InputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INPUT)
    except OSError as error:  # unwritable folder, disk full: the previous build is untouched
        click.echo(f"error: cannot write the build next to {out_dir}: {error.strerror or error}; "
                   f"{out_dir} keeps the previous build", err=True)
        sys.exit(EXIT_INPUT)
    for note in result.notes:
        click.echo(f"note: {note}")
    click.echo(result.summary())
    if not result.conforms:
        click.echo(result.violations_text(), err=True)
        click.echo(f"build failed validation; {out_dir}/ keeps the previous build", err=True)
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--feed", "feed_sources", multiple=True, metavar="FEED",
              help="an RSS or Atom feed (file or URL): add every item (repeatable)")
@click.option("--seeds", "seeds_dir", default="seeds", type=click.Path(path_type=Path), show_default=True)
@click.option("--timeout", default=30.0, show_default=True, help="seconds to wait for a server")
def add(sources: tuple[str, ...], feed_sources: tuple[str, ...], seeds_dir: Path, timeout: float):
    """Add SOURCES (saved .html/.htm pages, http(s) URLs, .txt files, folders) as seeds."""
    from .ingest.add import Limits, add_sources

    if not sources and not feed_sources:
        raise click.UsageError("give a page, URL, .txt or folder, or --feed FEED")
    outcomes = add_sources(list(sources), seeds_dir, list(feed_sources), Limits(timeout=timeout))
    for outcome in outcomes:
        click.echo(outcome.line, err=not outcome.ok)
    sys.exit(EXIT_OK if all(outcome.ok for outcome in outcomes) else EXIT_INPUT)


@main.command()
@click.argument("file", required=False, type=click.Path(exists=True, path_type=Path))
def validate(file: Path | None):
    """Validate FILE (TriG, N-Quads or Turtle), or the current build, against the shapes."""
    from .validate import validate_file

    try:
        report = validate_file(file or Path("build/channel-kg.trig"))
    except InputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(report.text())
    sys.exit(EXIT_OK if report.conforms else EXIT_INVALID)


def _parameter(ctx, option, values: tuple[str, ...]) -> dict[str, str]:
    """--param NAME=VALUE, repeatable, as {NAME: VALUE}."""
    params = {}
    for value in values:
        name, equals, bound = value.partition("=")
        if not equals or not name.strip() or not bound:
            raise click.BadParameter(f"{value!r}: write NAME=VALUE, e.g. --param node=person:priti-patel")
        if name.strip() in params:
            raise click.BadParameter(f"{name.strip()} given more than once")
        params[name.strip()] = bound
    return params


@main.command()
@click.argument("query")
@click.option("--format", "fmt", default="table", type=click.Choice(["table", "json", "csv", "tsv", "turtle"]))
@click.option("--param", "params", multiple=True, callback=_parameter, metavar="NAME=VALUE",
              help="bind a parameter of a named query (repeatable)")
@click.option("--build-dir", default="build", type=click.Path(path_type=Path))
def query(query: str, fmt: str, params: dict[str, str], build_dir: Path):
    """Run QUERY (SPARQL text, a .rq file, or a named query) on the built graph."""
    from .query import run_query_cli, unbound

    try:
        click.echo(run_query_cli(query, fmt, build_dir, params=params), nl=False)
    except (SyntaxError, ValueError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INPUT)
    for name in unbound(query, params):
        click.echo(f"note: parameter {name} not given: it stayed unbound and matched every value "
                   f"(--param {name}=VALUE binds it)", err=True)


@main.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["turtle", "jsonld", "trig", "nquads", "ntriples"]))
@click.option("-o", "--output", type=click.Path(path_type=Path))
@click.option("--build-dir", default="build", type=click.Path(path_type=Path))
def export(fmt: str, output: Path | None, build_dir: Path):
    """Write the built graph in another format (to stdout without -o)."""
    from .export import export_build

    data = export_build(build_dir, fmt)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.option("--to", "url", required=True, help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store")
@click.option("--build-dir", default="build", type=click.Path(path_type=Path))
def push(url: str, build_dir: Path):
    """Load every named graph into an external store (SPARQL 1.1 Graph Store Protocol)."""
    from .push import push_build

    report = push_build(build_dir, url)
    click.echo(report.text())
    sys.exit(EXIT_OK if report.complete else EXIT_INVALID)


@main.command()
@click.option("--seeds", "seeds_dir", default="seeds", type=click.Path(path_type=Path))
def evaluate(seeds_dir: Path):
    """Compare the rule mappings with the curated graph: precision and recall per kind."""
    from .evaluate import evaluate_seeds

    click.echo(evaluate_seeds(seeds_dir).table())


@main.command()
@click.argument("version")
@click.option("--build-dir", default="build", type=click.Path(path_type=Path))
@click.option("--releases-dir", default="releases", type=click.Path(path_type=Path))
def release(version: str, build_dir: Path, releases_dir: Path):
    """Write versioned dumps and DCAT/VoID metadata for VERSION."""
    from .release import make_release

    click.echo(make_release(build_dir, releases_dir, version).text())


@main.command()
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="also write the diff as JSON")
def diff(old: Path, new: Path, json_out: Path | None):
    """List the facts added, removed and changed between two builds or releases."""
    from .diff import diff_dumps

    result = diff_dumps(old, new)
    click.echo(result.text())
    if json_out:
        json_out.write_text(result.to_json())


# Verbs of other packages (api's `serve`): kg/ imports nothing from api/ (api/cli.py).
for _verb in entry_points(group="channel_kg.commands"):
    main.add_command(_verb.load(), _verb.name)
