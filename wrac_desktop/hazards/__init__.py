"""The hazard library for mining and metallurgy, in Kazakh, Russian and English."""

from wrac_desktop.hazards.library import (
    HazardLibrary,
    load_builtin_library,
    load_entry_file,
    load_library_dir,
)
from wrac_desktop.hazards.model import ControlTemplate, HazardEntry

__all__ = [
    "ControlTemplate",
    "HazardEntry",
    "HazardLibrary",
    "load_builtin_library",
    "load_entry_file",
    "load_library_dir",
]
