"""The hazard library for mining and metallurgy, in Kazakh, Russian and English.

Entries live one per TOML file in ``data/``, in English; their Kazakh and Russian texts live in
the ``wrac_library`` gettext catalogues (``translation.py``). ``load_builtin_library()`` builds
and validates them all on first use. Mine-air limits live in ``reference/``; domain terms in
``glossary.toml``.
"""

from wrac_desktop.hazards.glossary import GlossaryTerm, load_glossary
from wrac_desktop.hazards.library import (
    DATA_DIR,
    HazardLibrary,
    load_builtin_library,
    load_entry_file,
    load_library_dir,
)
from wrac_desktop.hazards.model import (
    ENERGIES,
    GOST_GROUPS,
    GOST_KINDS,
    INDUSTRIES,
    ControlTemplate,
    HazardEntry,
)
from wrac_desktop.hazards.reference import AirLimit, AirLimits, load_air_limits

__all__ = [
    "DATA_DIR",
    "ENERGIES",
    "GOST_GROUPS",
    "GOST_KINDS",
    "INDUSTRIES",
    "AirLimit",
    "AirLimits",
    "ControlTemplate",
    "GlossaryTerm",
    "HazardEntry",
    "HazardLibrary",
    "load_air_limits",
    "load_builtin_library",
    "load_entry_file",
    "load_glossary",
    "load_library_dir",
]
