"""Where a long read or write may be stopped: the loops that go through a whole register a
chunk at a time (the fingerprint's hazards, the audit state's rows, the approval text) pass a
checkpoint after each chunk, and a front end's background runner watches them.

The window's Cancel was honoured only between the few stages a service reported, so Approve
and Verify ran on for half a minute at 100,000 hazards after it was pressed (issue 22). What
``watching(check)`` hands in is called at every checkpoint of the calls made inside it, on
that thread only (a context variable: the UI thread's reads are not watched); it raises to
stop, and the caller's transaction then keeps nothing. Nothing watching: a checkpoint costs
one lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Check = Callable[[], None]

_WATCHER: ContextVar[Check | None] = ContextVar("checkpoint_watcher", default=None)


def passed() -> None:
    """A chunk of work is done: the watcher, if any, may raise here to stop."""
    check = _WATCHER.get()
    if check is not None:
        check()


@contextmanager
def watching(check: Check) -> Iterator[None]:
    """Call ``check`` at every checkpoint passed inside the block, on this thread."""
    token = _WATCHER.set(check)
    try:
        yield
    finally:
        _WATCHER.reset(token)
