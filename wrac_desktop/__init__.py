"""WRAC Desktop: workplace risk assessment and control registers, offline.

The package outside ``wrac_desktop.ui`` is the Qt-free core that the CLI, the GUI and the
tests all drive.
"""

from importlib import metadata

try:
    __version__ = metadata.version("wrac-desktop")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
