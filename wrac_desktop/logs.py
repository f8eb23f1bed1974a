"""Logging to a file in the user data folder: details for support, never shown raw to users."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from wrac_desktop.masking import mask_passwords
from wrac_desktop.paths import log_file

_configured = False


class MaskingFormatter(logging.Formatter):
    """Formats as usual, then masks passwords: in messages, arguments and tracebacks alike."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


def setup_logging() -> Path | None:
    """Send log records to the log file; returns its path, or None if it cannot be written."""
    global _configured
    path = log_file()
    if _configured:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = True
    return path
