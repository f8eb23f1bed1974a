"""A long audit entry's changes as the trail shows them, made a piece at a time.

The trail shows an entry's changes as ``json.dumps(changes, ensure_ascii=False,
sort_keys=True)``. A bulk change's entry (a demo, an import, a revision's copy) records a digest
of every row: 7.5 MB of JSON at 100,000 hazards, which ``json.loads`` made into about 50 MB of
Python objects for one cell (issue 22). The stored text is that same JSON written compact
(``JsonText``: sorted keys, ", " and ": " without their spaces), so the shown text is the stored
one with a space after each comma and colon between values. ``shown_pieces`` makes it so, a
piece at a time, and proves on the way that the stored text is exactly what ``JsonText`` writes
(keys strictly sorted, every value as ``json.dumps`` writes it, nothing between them): where it
is not (a file changed behind the app's back), ``NotCanonical`` is raised and the caller shows
the entry as before, parsed whole. Runs of an array's elements (a table's rows) are parsed
together, up to about ``_RUN`` characters, so that the proof is made at the speed of the
standard library's C parser. The chain's check (``audit_chain``) uses the same proof to hash
a long entry from its stored text, a piece at a time: it lives here, beside the queries,
for both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

# Characters of an array's elements parsed at once, and read ahead of a single value.
_RUN = 1 << 16
# Where a run of elements may end, unless the array ends first: a comma after the closing
# bracket of an element like the first, or any comma (scalars). Tried from the window's end
# back, this many times at most.
_RUN_ENDS = {"[": "],", "{": "},"}
_RUN_TRIES = 8

_DECODER = json.JSONDecoder()


class NotCanonical(ValueError):
    """The stored text is not what ``JsonText`` writes: it is to be parsed whole."""


def stored(value: Any) -> str:
    """``value`` as ``JsonText`` stores it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def shown(value: Any) -> str:
    """``value`` as the trail shows it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def shown_pieces(pieces: Iterable[str]) -> Iterator[str]:
    """The stored JSON text given in ``pieces`` as ``shown`` shows its value, a piece at a
    time; raises ``NotCanonical`` (possibly after some pieces) where it is not stored as
    ``stored`` writes it."""
    return _Walk(_Reader(pieces)).document()


def is_pairs(pieces: Iterable[str]) -> bool:
    """Whether the stored JSON in ``pieces`` is an object whose every value is an array of
    two (an edit's "field: old → new"): proven canonical on the way (``NotCanonical``)."""
    walk = _Walk(_Reader(pieces))
    for _piece in walk.document():
        pass
    return walk.pairs


class _Reader:
    """Pieces of text read as one string from the front: ``text[at:]`` is what is left of
    what has been read; more is read when asked for."""

    def __init__(self, pieces: Iterable[str]) -> None:
        self._pieces = iter(pieces)
        self.text = ""
        self.at = 0
        self.ended = False

    def ahead(self, size: int) -> int:
        """Read until ``size`` characters are left or the text ends; how many are left."""
        while len(self.text) - self.at < size and not self.ended:
            piece = next(self._pieces, None)
            if piece is None:
                self.ended = True
            else:
                self.text = self.text[self.at :] + piece
                self.at = 0
        return len(self.text) - self.at

    def next_character(self) -> str:
        self.ahead(1)
        return self.text[self.at : self.at + 1]

    def take(self, expected: str) -> None:
        """Step over the character ``expected``, there or not canonical."""
        if self.next_character() != expected:
            raise NotCanonical(f"expected {expected!r} at {self.at}")
        self.at += 1


class _Walk:
    """The walk over one stored document: objects and arrays a member at a time, the rest
    parsed whole and compared with how ``stored`` writes it."""

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader
        self.pairs = False  # once walked: whether the document is an object of pairs
        self._length = -1  # the elements of the array walked last; -1 for any other value

    def document(self) -> Iterator[str]:
        reader = self._reader
        self.pairs = reader.next_character() == "{"
        yield from self._value(top=True)
        if reader.ahead(1):
            raise NotCanonical(f"text after the value at {reader.at}")

    def _value(self, top: bool = False) -> Iterator[str]:
        first = self._reader.next_character()
        if first == "{":
            yield from self._object(top)
        elif first == "[":
            yield from self._array()
        elif first == '"' and self._string_goes_on():
            yield from self._long_string()
            self._length = -1
        else:
            yield shown(self._parsed())
            self._length = -1

    def _window(self) -> str:
        """Up to ``_RUN`` characters at the front."""
        reader = self._reader
        reader.ahead(_RUN)
        return reader.text[reader.at : reader.at + _RUN]

    def _string_goes_on(self) -> bool:
        """Whether the string at the front goes on past a window."""
        reader = self._reader
        reader.ahead(_RUN)
        return _closing_quote(reader.text, reader.at + 1, reader.at + _RUN) < 0

    def _long_string(self) -> Iterator[str]:
        """A string longer than a window (a table's run of digests, megabytes of hex digits),
        checked and shown a part at a time: it is shown as it is stored."""
        reader = self._reader
        reader.take('"')
        yield '"'
        while True:
            window = self._window()
            end = _closing_quote(window)
            part = window[: end if end >= 0 else _whole_escapes(window)]
            if end < 0 and not part:  # the text ends inside the string
                raise NotCanonical(f"a string at {reader.at} does not end")
            if json.dumps(_string_of(part), ensure_ascii=False) != f'"{part}"':
                raise NotCanonical(f"a string at {reader.at} is not written as stored")
            reader.at += len(part)
            yield part
            if end >= 0:
                reader.take('"')
                yield '"'
                return

    def _parsed(self) -> Any:
        """The value at the front parsed whole, read ahead as far as it reaches."""
        reader = self._reader
        want = _RUN
        while True:
            left = reader.ahead(want)
            try:
                value, end = _DECODER.raw_decode(reader.text, reader.at)
            except json.JSONDecodeError as error:
                if reader.ended:
                    raise NotCanonical(str(error)) from error
            else:
                if end < len(reader.text) or reader.ended:  # a number may go on after it
                    break
            want = 2 * left
        if stored(value) != reader.text[reader.at : end]:
            raise NotCanonical(f"a value at {reader.at} is not written as stored")
        reader.at = end
        return value

    def _object(self, top: bool) -> Iterator[str]:
        reader = self._reader
        reader.take("{")
        yield "{"
        last: str | None = None
        if reader.next_character() == "}":
            reader.at += 1
            self._length = -1
            yield "}"
            return
        while True:
            if reader.next_character() != '"':
                raise NotCanonical(f"a key expected at {reader.at}")
            key = self._parsed()
            if last is not None and key <= last:
                raise NotCanonical(f"key {key!r} after {last!r}")
            last = key
            reader.take(":")
            yield shown(key) + ": "
            yield from self._value()
            if top and self._length != 2:
                self.pairs = False
            if reader.next_character() == "}":
                reader.at += 1
                self._length = -1
                yield "}"
                return
            reader.take(",")
            yield ", "

    def _array(self) -> Iterator[str]:
        reader = self._reader
        reader.take("[")
        yield "["
        length = 0
        if reader.next_character() == "]":
            reader.at += 1
            self._length = 0
            yield "]"
            return
        while True:
            run = self._run()
            if run is None:
                yield from self._value()
                length += 1
            else:
                yield shown(run)[1:-1]
                length += len(run)
            if reader.next_character() == "]":
                reader.at += 1
                self._length = length
                yield "]"
                return
            reader.take(",")
            yield ", "

    def _run(self) -> list[Any] | None:
        """Elements of the array at the front parsed together, up to its end or to a comma
        (not stepped over); None where no run ends within ``_RUN`` characters.

        The text is parsed as if an array began just before it: JSON is read the same whatever
        follows, so the parser is inside this array whenever it is inside that one. Where the
        array closes within the window, that is this array's end; where "[" + text + "]" up to
        a comma parses, the comma follows an element of this array."""
        reader = self._reader
        reader.ahead(_RUN)
        window = reader.text[reader.at : reader.at + _RUN]
        try:
            run, end = _DECODER.raw_decode(f"[{window}")
        except json.JSONDecodeError:
            pass
        else:  # up to the array's "]", left for the caller
            return self._checked(run, f"[{window[: end - 2]}]")
        end_mark = _RUN_ENDS.get(window[:1], ",")
        cut = len(window)
        for _try in range(_RUN_TRIES):
            cut = window.rfind(end_mark, 0, cut)
            if cut < 0:
                return None
            if end_mark != ",":
                cut += 1  # the closing bracket is the element's
            try:
                run = json.loads(f"[{window[:cut]}]")
            except json.JSONDecodeError:
                continue
            return self._checked(run, f"[{window[:cut]}]")
        return None

    def _checked(self, run: list[Any], text: str) -> list[Any] | None:
        """``run``, parsed from ``text``, once proven stored as ``stored`` writes it; the
        reader moved over its elements. None for no elements (a comma where one should be)."""
        if not run:
            return None
        if stored(run) != text:
            raise NotCanonical(f"values at {self._reader.at} are not written as stored")
        self._reader.at += len(text) - 2
        return run


def _closing_quote(text: str, start: int = 0, stop: int | None = None) -> int:
    """Where the string that ``text[start:stop]`` is inside of (from a character that is no
    part of an escape) ends: its first quote not escaped; -1 where it goes on after."""
    at = text.find('"', start, stop)
    while at >= 0:
        before = at
        while before > start and text[before - 1] == "\\":
            before -= 1
        if (at - before) % 2 == 0:  # not escaped: after an even run of backslashes
            return at
        at = text.find('"', at + 1, stop)
    return -1


def _whole_escapes(text: str) -> int:
    """How much of ``text`` (inside a string) ends with no escape cut short: up to a last
    backslash that begins an escape among its last six characters (``\\u0001`` is six)."""
    last = text.rfind("\\", len(text) - 6)
    if last < 0:
        return len(text)
    run = last + 1 - len(text[: last + 1].rstrip("\\"))
    return last if run % 2 else len(text)


def _string_of(part: str) -> str:
    """The characters of a part of a string's inside; ``NotCanonical`` where it is no
    string's (a control character, a broken escape)."""
    try:
        value = json.loads(f'"{part}"')
    except json.JSONDecodeError as error:
        raise NotCanonical(str(error)) from error
    if not isinstance(value, str):
        raise NotCanonical("not a string")
    return value
