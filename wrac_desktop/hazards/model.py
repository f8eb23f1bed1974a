"""Hazard-library entries: what an officer starts from when adding a hazard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wrac_desktop.i18n import LocalText, Pair, catalogue, current_language, pair_of
from wrac_desktop.vocabulary import ControlLevel

GOST_GROUPS = ("physical", "chemical", "biological", "psychophysiological")
GOST_KINDS = ("hazardous", "harmful")
ENERGIES = (
    "chemical", "gravitational", "electrical", "kinetic", "mechanical", "thermal", "pressure",
    "acoustic", "vibration", "radiation", "biomechanical", "hydraulic", "explosive", "biological",
)  # fmt: skip
INDUSTRIES = ("underground", "open_pit", "concentrator", "smelter", "general")
DOMAIN = "wrac_library"  # the gettext catalogue of the library's texts
GOST_GROUP_CONTEXT = "GOST group"  # GOST 12.0.003-2015 factor groups; spelt out below for Babel


def _library_text(context: str, text: str) -> str:
    """Mark an English ``text`` for the wrac_library catalogue (babel-library.cfg extracts it)."""
    return text


GOST_GROUP_NAMES: dict[str, str] = {  # English; kk and ru in wrac_library.po
    "physical": _library_text("GOST group", "Physical"),
    "chemical": _library_text("GOST group", "Chemical"),
    "biological": _library_text("GOST group", "Biological"),
    "psychophysiological": _library_text("GOST group", "Psychophysiological"),
}


def gost_group_label(group: str, lang: str | None = None) -> str:
    """The group's name in ``lang``; a category typed by the officer is shown as it is."""
    if group not in GOST_GROUP_NAMES:
        return group
    if lang is not None and (pair := pair_of(lang)) is not None:
        return Pair(gost_group_label(group, pair[0]), gost_group_label(group, pair[1]))
    translations = catalogue(lang or current_language(), DOMAIN)
    return translations.pgettext(GOST_GROUP_CONTEXT, GOST_GROUP_NAMES[group])


@dataclass(frozen=True)
class ControlTemplate:
    """A suggested control measure, tagged with its level in the hierarchy of controls."""

    level: ControlLevel
    text: LocalText

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level.value, **self.text}


@dataclass(frozen=True)
class HazardEntry:
    """A hazard an officer can start from: what it is, what goes wrong, and typical controls.

    ``suggested_severity`` is on the 1–5 safety consequence scale: 1 first aid, 2 medical
    treatment, 3 lost-time injury, 4 permanent disability or single fatality, 5 multiple
    fatalities. ``roadmap`` lists the East Kazakhstan roadmap measures the controls answer.
    """

    id: str
    energy: str
    gost_group: str
    gost_kind: str
    name: LocalText
    description: LocalText
    unwanted_events: tuple[LocalText, ...]
    causes: tuple[LocalText, ...]
    consequences: tuple[LocalText, ...]
    suggested_severity: int
    controls: tuple[ControlTemplate, ...]
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roadmap: tuple[int, ...] = ()
    industries: tuple[str, ...] = ()
    retired: bool = False

    @property
    def levels(self) -> frozenset[ControlLevel]:
        """The hierarchy levels the suggested controls cover."""
        return frozenset(control.level for control in self.controls)

    def to_dict(self) -> dict[str, Any]:
        """All languages, JSON-ready, in the same shape as the TOML files."""
        return {
            "id": self.id,
            "energy": self.energy,
            "gost_group": self.gost_group,
            "gost_kind": self.gost_kind,
            "suggested_severity": self.suggested_severity,
            "industries": list(self.industries),
            "roadmap": list(self.roadmap),
            "retired": self.retired,
            "name": dict(self.name),
            "description": dict(self.description),
            "keywords": {lang: list(words) for lang, words in self.keywords.items()},
            "unwanted_events": [dict(t) for t in self.unwanted_events],
            "causes": [dict(t) for t in self.causes],
            "consequences": [dict(t) for t in self.consequences],
            "controls": [control.to_dict() for control in self.controls],
        }
