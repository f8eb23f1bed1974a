"""Passwords out of every message and log line.

A database URL carries its password (``postgresql://user:password@host/db``); a malformed one
used to be echoed whole on stderr. ``mask_passwords`` works on any text, parsed or not, so it
is applied where messages are made (``WracError``) and where logs are written.
"""

from __future__ import annotations

import re

# user:password@ after a scheme; the password runs to the last "@" before a space (a typed
# password may hold "@" or "/": rather mask too much than too little).
_URL_PASSWORD = re.compile(r"(\b[A-Za-z][\w+.-]*://[^\s:/@]*:)\S*@")
_KEY_PASSWORD = re.compile(r"\b(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def mask_passwords(text: str) -> str:
    """``text`` with the password of every URL (and ``password=`` setting) as ***."""
    if "@" not in text and "password" not in text.lower():
        return text
    masked = _URL_PASSWORD.sub(r"\1***@", text)
    return _KEY_PASSWORD.sub(r"\1***", masked)
