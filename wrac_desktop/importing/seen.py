"""What a streamed import remembers of the rows and hazards handed on: 64-bit hashes in arrays.

A row repeated anywhere in the sheet is left out naming the row it repeats, and a hazard met
again gets its measures under the first one, so both are remembered for the whole sheet.
Held in a dict, 150,000 rows' hashes and row numbers took 15 MB, and 100,000 hazards' 21 MB:
the import's peak at 100,000 hazards was 1.4 times that at 10,000. Here they take 16 to 24
bytes a slot in open-addressed arrays, at most three quarters full.
"""

from __future__ import annotations

from array import array

_EMPTY = 0
_FIRST_SIZE = 1024
_MASK = (1 << 63) - 1


class HashTable:
    """A 64-bit hash → ``width`` integers; lookups and inserts probe linearly."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.count = 0
        self._allocate(_FIRST_SIZE)

    def get(self, key: int) -> tuple[int, ...] | None:
        slot = self._slot(_stored(key))
        if self._keys[slot] == _EMPTY:
            return None
        start = slot * self.width
        return tuple(self._values[start : start + self.width])

    def __contains__(self, key: int) -> bool:
        return self._keys[self._slot(_stored(key))] != _EMPTY

    def set_default(self, key: int, *values: int) -> None:
        """Remember ``values`` for ``key`` unless it is remembered already."""
        stored = _stored(key)
        slot = self._slot(stored)
        if self._keys[slot] != _EMPTY:
            return
        self._keys[slot] = stored
        self._values[slot * self.width : (slot + 1) * self.width] = array("q", values)
        self.count += 1
        if self.count * 4 > len(self._keys) * 3:
            self._grow()

    def _slot(self, stored: int) -> int:
        """The slot holding ``stored``, or the empty one where it would go."""
        keys, mask = self._keys, len(self._keys) - 1
        slot = stored & mask
        while keys[slot] != _EMPTY and keys[slot] != stored:
            slot = (slot + 1) & mask
        return slot

    def _allocate(self, size: int) -> None:
        self._keys = array("q", bytes(8 * size))
        self._values = array("q", bytes(8 * size * self.width))

    def _grow(self) -> None:
        keys, values, width = self._keys, self._values, self.width
        self._allocate(len(keys) * 2)
        for old, stored in enumerate(keys):
            if stored != _EMPTY:
                slot = self._slot(stored)
                self._keys[slot] = stored
                self._values[slot * width : (slot + 1) * width] = values[
                    old * width : (old + 1) * width
                ]


def _stored(key: int) -> int:
    """The key as stored: non-negative, and never the empty slot's 0."""
    return (key & _MASK) or 1
