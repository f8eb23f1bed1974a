"""The window's workers share two malloc arenas (glibc): each thread's own heap kept what its
job had freed, and at 100,000 hazards the window stayed at 355 MB after opening, a merge then
peaking at 408 MB; on two arenas 310 MB (stall_bench, issue 22 item 1)."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from wrac_desktop.ui import background


@pytest.fixture
def mallopt(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    calls: list[tuple[int, int]] = []

    class Libc:
        def mallopt(self, parameter: int, value: int) -> int:
            calls.append((parameter, value))
            return 1

    monkeypatch.setattr(background.ctypes, "CDLL", lambda _name: Libc())
    background.few_malloc_arenas.cache_clear()
    yield calls
    background.few_malloc_arenas.cache_clear()


def test_the_arenas_are_limited_once_before_the_first_worker_starts(
    mallopt: list[tuple[int, int]], qtbot: QtBot
) -> None:
    answers: list[object] = []

    def arenas_set(_progress: object) -> int:
        return len(mallopt)

    for jobs in (1, 2):
        background.run_in_background(
            None, "", arenas_set, lambda result, _e: answers.append(result), quiet=True
        )
        qtbot.waitUntil(lambda jobs=jobs: len(answers) == jobs, timeout=30_000)
    assert answers == [1, 1]  # the first worker ran after the limit was set
    assert mallopt == [(background.M_ARENA_MAX, background.MALLOC_ARENAS)]  # once


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_limit() -> None:
    assert ctypes.CDLL("libc.so.6").mallopt(background.M_ARENA_MAX, background.MALLOC_ARENAS) == 1
