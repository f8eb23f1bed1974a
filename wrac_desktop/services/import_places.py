"""Matching a plan's sites, divisions and workplaces to what the register holds.

Records are matched by content, not by a file hash: a site by name, a division by name
under its site, a workplace by name under its unit (all compared case-folded). In a dry run
the records that would be created get stand-in ids so that later rows match them too. The
tree is held whole (thousands of workplaces at most); hazards and measures are matched a
chunk at a time (``services.importing``).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from itertools import count
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.importing.plan import PlannedHazard
from wrac_desktop.persistence import import_rows
from wrac_desktop.persistence.models import Organisation, OrgUnit
from wrac_desktop.services import organisation as org_service
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import UnitKind


class Places:
    """The register's tree, indexed by folded names; creates what is missing when writing."""

    def __init__(self, session: Session, organisation: Organisation, *, write: bool) -> None:
        self.session, self.organisation, self.write = session, organisation, write
        self._stand_in = count(-1, -1)
        self.created_units = self.created_workplaces = 0
        self.units: dict[tuple[int | None, str], int] = {}
        self.unit_names: dict[str, int] = {}
        self.workplaces: dict[tuple[int, str], int] = {}
        self.workplace_names: dict[str, int] = {}
        self.new_workplaces: list[dict[str, Any]] = []
        self.new_unit_names: list[str] = []
        self._workplace_ids = import_rows.new_ids(session, "workplace", reserve=write)
        self.unit_sizes: Counter[int] = Counter()
        for unit in organisation.units:
            self.unit_sizes[unit.id] = len(unit.workplaces)
            self.units[(unit.parent_id, fold(unit.name))] = unit.id
            self.unit_names.setdefault(fold(unit.name), unit.id)
            for workplace in unit.workplaces:
                self.workplaces[(unit.id, fold(workplace.name))] = workplace.id
                self.workplace_names.setdefault(fold(workplace.name), workplace.id)

    def workplace_id(self, hazard: PlannedHazard) -> int:
        """The workplace a planned hazard belongs to, found or created."""
        site, division, workplace = hazard.place
        if not site and not division and fold(workplace) in self.workplace_names:
            return self.workplace_names[fold(workplace)]
        unit_id = self._unit(site, division)
        key = (unit_id, fold(workplace))
        if key not in self.workplaces:
            self.workplaces[key] = self._create(
                lambda: self._new_workplace(unit_id, workplace, hazard.headcount or 0)
            )
            self.workplace_names.setdefault(fold(workplace), self.workplaces[key])
            self.created_workplaces += 1
        return self.workplaces[key]

    def take_new_workplaces(self) -> list[dict[str, Any]]:
        """The workplace rows made since last asked, for the chunk's bulk insert."""
        made, self.new_workplaces = self.new_workplaces, []
        return made

    def take_new_unit_names(self) -> list[str]:
        """The names of the sites and divisions made since last asked (their texts)."""
        made, self.new_unit_names = self.new_unit_names, []
        return made

    def _new_workplace(self, unit_id: int, name: str, headcount: int) -> int:
        """A workplace row for the bulk insert: hundreds of ORM flushes took a second here."""
        workplace_id = next(self._workplace_ids)
        self.unit_sizes[unit_id] += 1
        self.new_workplaces.append(
            {"id": workplace_id, "uuid": uuid.uuid4(), "unit_id": unit_id, "name": name.strip(),
             "job_titles": "", "headcount": headcount, "shift_pattern": "", "location_notes": "",
             "sort_order": self.unit_sizes[unit_id] - 1}
        )  # fmt: skip
        return workplace_id

    def _unit(self, site: str, division: str) -> int:
        if not site and division and fold(division) in self.unit_names:
            return self.unit_names[fold(division)]
        site_id = self._child(None, site) if site else self._first_site()
        return self._child(site_id, division) if division else site_id

    def _first_site(self) -> int:
        sites = [unit_id for (parent, _name), unit_id in self.units.items() if parent is None]
        return min(sites, key=abs) if sites else self._child(None, _("Imported worksheets"))

    def _child(self, parent_id: int | None, name: str) -> int:
        key = (parent_id, fold(name))
        if key not in self.units:
            kind = UnitKind.SITE if parent_id is None else UnitKind.DIVISION
            parent = self._get_unit(parent_id) if parent_id is not None else None
            self.units[key] = self._create(
                lambda: (
                    org_service.add_unit(
                        self.session, self.organisation, name, parent=parent, kind=kind
                    ).id
                )
            )
            self.unit_names.setdefault(fold(name), self.units[key])
            self.created_units += 1
            self.new_unit_names.append(name.strip())
        return self.units[key]

    def _get_unit(self, unit_id: int) -> OrgUnit:
        unit = self.session.get(OrgUnit, unit_id) if unit_id > 0 else None
        assert unit is not None or not self.write
        return unit  # type: ignore[return-value]  # only None in a dry run, never used then

    def _create(self, make: Callable[[], int]) -> int:
        return make() if self.write else next(self._stand_in)
