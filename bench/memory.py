"""Memory of a process and everything it started, sampled from /proc (Linux).

The build maps and validates in worker processes, so the memory that matters is the sum over
the process tree. Each process counts its proportional set size (PSS: shared pages divided
among the processes sharing them), so forked workers are not counted twice for the pages
they share with their parent.
"""

import os
import threading
from pathlib import Path


def tree(root: int) -> list[int]:
    """`root` and its descendants, from the parent ids in /proc/*/stat."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended while we looked
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [root], [root]
    while todo:
        pid = todo.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found += children
        todo += children
    return found


def pss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_bytes(root: int) -> int:
    return sum(pss_bytes(pid) for pid in tree(root))


class PeakSampler:
    """Samples the tree's memory every `interval` seconds; `peak(label)` per labelled span."""

    def __init__(self, root: int | None = None, interval: float = 0.1):
        self.root, self.interval = root or os.getpid(), interval
        self.label, self.peaks = None, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "PeakSampler":
        self._thread.start()
        return self

    def mark(self, label: str) -> None:
        """From now on, samples count towards `label`."""
        self.label = label
        self._sample()

    def stop(self) -> dict[str, int]:
        self._sample()
        self._stop.set()
        self._thread.join(timeout=5)
        return dict(self.peaks)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        label = self.label
        if label is not None:
            self.peaks[label] = max(self.peaks.get(label, 0), tree_bytes(self.root))


def machine_busy_seconds() -> float:
    """CPU seconds all cores have been busy since boot (/proc/stat), for telling how much of a
    run's time other processes took on this shared machine."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
