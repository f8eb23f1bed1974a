"""Compact JSON as the register fixes its bytes, written fast: what ``json.dumps(value,
ensure_ascii=False, separators=(",", ":"), …)`` writes, byte for byte, without its cost a call.

json.dumps builds an encoder object at every call (a third of hashing one audit entry), and its
C encoder scans every text character by character; the rows of a register repeat a few hundred
texts (a library's hazards and measures, people, places, the columns' names). Here the C encoder
is made once, and it looks each text's quoted form up in ``_Quoted`` first.
``tests/unit/persistence/test_digest_encoding.py`` holds the bytes equal to json.dumps's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any


class _Quoted(dict[str, str]):
    """A text → its JSON string, as json's own ``encode_basestring`` writes it, for the last
    few thousand distinct texts (each row's UUID is a text too: the memory stays bounded)."""

    LIMIT = 8192  # distinct texts held; then forgotten all at once and gathered again

    def __missing__(self, text: str) -> str:
        found = encode_basestring(text)
        if len(self) >= self.LIMIT:
            self.clear()
        self[text] = found
        return found


def compact_encoder(
    *, sort_keys: bool, default: Callable[[Any], Any] | None = None
) -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys,
    default=default)`` as a function made once. No check for a value that holds itself (the
    values written are rows and their changes: a loop in one is a bug that recurses instead
    of raising ValueError)."""
    plain = json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys, default=default
    )
    if c_make_encoder is None:  # a Python without json's C speedups
        return plain.encode
    chunks = c_make_encoder(
        None, plain.default, _Quoted().__getitem__, None, ":", ",", sort_keys, False, True
    )
    return lambda value: "".join(chunks(value, 0))


# JSON stored as text, and what the audit chain hashes: sorted keys, anything else refused.
sorted_json = compact_encoder(sort_keys=True)
