"""Errors that stop a build; the CLI turns them into exit codes (2 = unusable input)."""

from pathlib import Path


class InputError(Exception):
    """An input file cannot be used. Names the file and, where known, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")
