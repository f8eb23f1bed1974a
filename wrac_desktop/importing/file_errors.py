"""The error of a worksheet that cannot be imported at all, shared by the xlsx and CSV readers."""

from __future__ import annotations

from wrac_desktop.errors import UserError


class ImportFileError(UserError):
    """The file cannot be imported at all; the message names the file (and sheet, row)."""
