"""A least-recently-used cache of response bodies with a memory budget in bytes.

The served data never changes between builds, so a result is valid for as long as its dataset
version is served; keys start with that version and a new build drops the old entries.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class ResultCache:
    def __init__(self, budget_bytes: int):
        self.budget = budget_bytes
        self.max_entry = budget_bytes // 8  # one huge result must not flush everything else
        self.size = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        cost = len(body) + len(repr(key))
        if cost > self.max_entry:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (body, media_type)
            self.size += cost
            while self.size > self.budget:
                old_key, (old_body, _) = self._entries.popitem(last=False)
                self.size -= len(old_body) + len(repr(old_key))

    def keep_only(self, version: str) -> None:
        """Drop the entries of other dataset versions (called when a new build is swapped in)."""
        with self._lock:
            for key in [k for k in self._entries if k[0] != version]:
                body, _ = self._entries.pop(key)
                self.size -= len(body) + len(repr(key))

    def stats(self) -> dict:
        return {"entries": len(self._entries), "bytes": self.size, "budget": self.budget,
                "hits": self.hits, "misses": self.misses}
