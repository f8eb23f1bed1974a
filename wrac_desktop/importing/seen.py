"""What a streamed import remembers of the rows and hazards handed on: 128-bit digests, sorted.

A row repeated anywhere in the sheet is left out naming the row it repeats, and a hazard met
again gets its measures under the first one, so both are remembered for the whole sheet.
Held in a dict, 150,000 rows' keys and row numbers took 15 MB, and 100,000 hazards' 21 MB:
the import's peak at 100,000 hazards was 1.4 times that at 10,000. Here each is a 16-byte
digest, in two sorted arrays of its 64-bit halves found by bisection, with its numbers in an
array beside them: 24 to 32 bytes a key. Two of 150,000 keys share a digest with a chance of
about one in 10²⁸ (a 64-bit hash: one in 10⁹, and Python's hash of numbers collides on
purpose: 1 and 2⁶¹). New keys wait in a dict and are merged in a few thousand at a time,
each merge copying the arrays once.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left

DIGEST_BYTES = 16
_MERGE_AT = 4096  # new keys held in the dict before they are merged into the sorted ones


def digest(value: object) -> bytes:
    """A 128-bit digest of ``value`` (a tuple of cells or texts) by its ``repr``, which tells
    every text, number and date apart (Python's ``hash`` is 64 bits)."""
    text = repr(value).encode("utf-8", "backslashreplace")
    return hashlib.blake2b(text, digest_size=DIGEST_BYTES).digest()


class Seen:
    """A digest → ``width`` integers, remembered for the whole import."""

    def __init__(self, width: int) -> None:
        self.width = width
        # The digests' two halves, sorted by the first (``bisect`` searches an array in C)
        self._high, self._low = array("Q"), array("Q")
        self._values = array("q")
        self._new: dict[bytes, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._high) + len(self._new)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, bytes) and self.get(key) is not None

    def get(self, key: bytes) -> tuple[int, ...] | None:
        found = self._new.get(key)
        if found is not None:
            return found
        at = self._sorted_at(key)
        if at is None:
            return None
        return tuple(self._values[at * self.width : (at + 1) * self.width])

    def set_default(self, key: bytes, *values: int) -> None:
        """Remember ``values`` for ``key`` unless it is remembered already."""
        if len(values) != self.width:
            raise ValueError(f"{len(values)} values for a width of {self.width}")
        if key not in self._new and self._sorted_at(key) is None:
            self._new[key] = values
            if len(self._new) >= _MERGE_AT:
                self._merge()

    def _sorted_at(self, key: bytes) -> int | None:
        high, low = _halves(key)
        at = bisect_left(self._high, high)
        while at < len(self._high) and self._high[at] == high:
            if self._low[at] == low:
                return at
            at += 1
        return None

    def _merge(self) -> None:
        """The new keys into the sorted ones: the runs of old keys between two new ones are
        copied whole (slices, in C), so a merge costs one copy of the arrays."""
        high, low, values, width = array("Q"), array("Q"), array("q"), self.width
        start = 0
        for key in sorted(self._new):
            first, second = _halves(key)
            at = bisect_left(self._high, first, start)
            high += self._high[start:at]
            low += self._low[start:at]
            values += self._values[start * width : at * width]
            high.append(first)
            low.append(second)
            values.extend(self._new[key])
            start = at
        high += self._high[start:]
        low += self._low[start:]
        values += self._values[start * width :]
        self._high, self._low, self._values, self._new = high, low, values, {}


def _halves(key: bytes) -> tuple[int, int]:
    return int.from_bytes(key[:8], "big"), int.from_bytes(key[8:], "big")
