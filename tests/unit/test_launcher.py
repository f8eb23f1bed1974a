"""``wrac-gui [FILE]``: what a double-click or a shortcut starts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wrac_desktop import launcher
from wrac_desktop.cli import commands
from wrac_desktop.errors import EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, UserError


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the launcher would show in a dialog, instead of showing them."""
    messages: list[str] = []
    monkeypatch.setattr(launcher, "show_startup_error", messages.append)
    return messages


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    calls: list[Path | None] = []

    def fake_open_gui(path: Path | None, lang: str | None, read_only: bool = False) -> int:
        calls.append(path)
        return 0

    monkeypatch.setattr(commands, "open_gui", fake_open_gui)
    return calls


def test_a_file_from_the_file_manager_is_opened(opened: list[Path | None]) -> None:
    assert launcher.main(["/data/shaft.wrac"]) == 0
    assert opened == [Path("/data/shaft.wrac")]


def test_a_shortcut_opens_the_app_with_no_register(opened: list[Path | None]) -> None:
    assert launcher.main([]) == 0
    assert opened == [None]


def test_two_files_are_refused_in_a_dialog(opened: list[Path | None], shown: list[str]) -> None:
    assert launcher.main(["a.wrac", "b.wrac"]) == EXIT_USER_ERROR
    assert opened == []
    assert "2" in shown[0]


def test_a_register_that_cannot_open_is_shown_not_printed_only(
    monkeypatch: pytest.MonkeyPatch, shown: list[str]
) -> None:
    def refuse(path: Path | None, lang: str | None, read_only: bool = False) -> int:
        raise UserError(f"{path} is not a WRAC register")

    monkeypatch.setattr(commands, "open_gui", refuse)
    assert launcher.main(["notes.txt"]) == EXIT_USER_ERROR
    assert shown == ["notes.txt is not a WRAC register"]


def test_a_bug_is_logged_and_shown_as_one_line(
    monkeypatch: pytest.MonkeyPatch, shown: list[str]
) -> None:
    def crash(path: Path | None, lang: str | None, read_only: bool = False) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(commands, "open_gui", crash)
    assert launcher.main([]) == EXIT_INTERNAL_ERROR
    assert "ZeroDivisionError: boom" in shown[0]


def test_a_windowed_process_gets_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launcher.give_streams_to_windowed_process()
    print("goes nowhere, without crashing")
    assert sys.stderr is not None
    sys.stdout.close()
    sys.stderr.close()
