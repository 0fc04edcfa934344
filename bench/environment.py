"""Machine, versions, date and command, written beside every result."""

import datetime
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["rdflib", "owlrl", "pyshacl", "pyoxigraph", "oxigraph", "fastapi", "uvicorn", "rdflib-endpoint", "httpx"]


def describe() -> dict:
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join([Path(sys.executable).name, "-m", *_module_args()]),
        "machine": {
            "cpu": _cpu_model(),
            "cores": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
        },
        "versions": {name: _version(name) for name in PACKAGES},
        "commit": _commit(),
    }


def _module_args() -> list[str]:
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    name = spec.name.removesuffix(".__main__") if spec else Path(sys.argv[0]).name
    return [name, *sys.argv[1:]]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _commit() -> str | None:
    """The checked-out commit (read only), and whether the tree has local changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return f"{head}{' + local changes' if dirty else ''}" if head else None


def markdown(env: dict) -> str:
    m = env["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items() if v)
    return (f"- Measured {env['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB, {m['system']}, "
            f"Python {m['python']}); {versions}; commit {env['commit']}.\n"
            f"- Command: `{env['command']}`\n")
