"""Progress on a terminal, silence elsewhere (CI logs, pipes)."""

import sys
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def stages(total: int):
    """Yields `step(name)`: call it as each stage starts."""
    if not sys.stderr.isatty():
        yield lambda name: None
        return
    with Progress(TextColumn("{task.description:<14}"), BarColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("starting", total=total)

        def step(name: str) -> None:
            if bar.tasks[task].description != "starting":
                bar.advance(task)
            bar.update(task, description=name)

        yield step
