"""The frozen bundle (dist/wrac/) run as a user's laptop runs it: no Python, no network.

Collected only by ``make dist-test`` (the normal run's testpaths is tests/unit). Each command
runs from an empty folder with a clean environment (no PYTHONPATH, no virtualenv, no proxies)
and, where Linux allows it, in a network namespace with no network at all (``unshare -n``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("WRAC_BUNDLE", ROOT / "dist" / "wrac"))
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "DISPLAY", "XAUTHORITY")
KEPT_ON_WINDOWS = ("USERPROFILE", "USERNAME", "SYSTEMROOT", "WINDIR", "TEMP", "TMP", "APPDATA")

Run = Callable[..., subprocess.CompletedProcess[str]]


def program(name: str) -> Path:
    return BUNDLE / f"{name}{EXE_SUFFIX}"


def no_network_prefix() -> list[str]:
    """``unshare -n`` when this machine lets us drop the network; otherwise nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def clean_environment(home: Path) -> dict[str, str]:
    """What a fresh user session has: no Python variables, no proxy, our own data folders."""
    kept = KEPT_VARIABLES + (KEPT_ON_WINDOWS if sys.platform == "win32" else ())
    env = {name: os.environ[name] for name in kept if name in os.environ}
    env |= {
        "QT_QPA_PLATFORM": os.environ.get("WRAC_DIST_QPA", "offscreen"),
        "WRAC_DATA_DIR": str(home / "data"),
        "WRAC_CONFIG_DIR": str(home / "config"),
        "LC_ALL": "C.UTF-8",
    }
    if sys.platform == "win32":
        env["LOCALAPPDATA"] = str(home / "appdata")
    return env


@pytest.fixture(scope="session")
def bundle() -> Path:
    if not program("wrac").is_file():
        pytest.fail(f"no frozen bundle at {BUNDLE}: run `make dist` first")
    return BUNDLE


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def frozen(bundle: Path, home: Path) -> Run:
    """Run the frozen ``wrac`` in ``home`` with no network (``network=True``: with this
    machine's, to reach a test server on 127.0.0.1); returns the finished process."""
    prefix = no_network_prefix()

    def run(
        *args: str, timeout: float = 120, network: bool = False, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*([] if network else prefix), str(program("wrac")), *args],
            cwd=home,
            env=clean_environment(home) | (env or {}),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )

    return run
