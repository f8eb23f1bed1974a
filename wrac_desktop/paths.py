"""Where the user's data, settings and logs live, per operating system.

``WRAC_DATA_DIR`` and ``WRAC_CONFIG_DIR`` override the defaults (tests and portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "wrac-desktop"


def user_data_dir() -> Path:
    """Registers and logs: ~/.local/share/wrac-desktop, %LOCALAPPDATA%\\WRAC Desktop, …"""
    override = os.environ.get("WRAC_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "WRAC Desktop"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "WRAC Desktop"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_DIR_NAME


def user_config_dir() -> Path:
    override = os.environ.get("WRAC_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "WRAC Desktop"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / "WRAC Desktop"
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / APP_DIR_NAME


def log_file() -> Path:
    return user_data_dir() / "wrac.log"


def demo_register_path() -> Path:
    return user_data_dir() / "demo.wrac"
