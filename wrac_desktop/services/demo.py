"""``wrac demo``: a realistic, deterministic register to learn, test and benchmark with.

The same seed gives the same register. Rows are built as plain dicts and written with bulk
inserts into a temporary file that replaces the target only when complete, so a failure
never leaves a half-written register behind.
"""

from __future__ import annotations

import os
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from wrac_desktop.domain.bin import make_bin
from wrac_desktop.domain.due_dates import parse_due
from wrac_desktop.errors import RegisterReadOnly, UserError
from wrac_desktop.hazards import HazardEntry, load_builtin_library
from wrac_desktop.i18n import _, pick
from wrac_desktop.persistence.audit import Actor
from wrac_desktop.persistence.bulk import insert_tables
from wrac_desktop.persistence.derived import hazard_search_text
from wrac_desktop.register import create_register, default_actor, is_writable
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.presets import WRAC_5X5
from wrac_desktop.services import demo_data as data
from wrac_desktop.vocabulary import ControlLevel

MAX_WORKPLACES = 10_000
HAZARDS_PER_WORKPLACE = 10
ASSESSED_ON = date(2026, 3, 16)
STAMP = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
ROMAN = ("I", "II", "III", "IV")


def write_demo(
    path: Path,
    *,
    workplaces: int = 40,
    seed: int = 1,
    lang: str = "ru",
    overwrite: bool = False,
    actor: Actor | None = None,
) -> dict[str, int]:
    """Write the demo register to ``path``; returns how many records of each kind it holds."""
    path = Path(path)
    if not 1 <= workplaces <= MAX_WORKPLACES:
        raise UserError(_("choose from 1 to {most} workplaces").format(most=MAX_WORKPLACES))
    if path.exists() and not overwrite:
        raise UserError(_("{path} already exists; use --force to replace it").format(path=path))
    if path.exists() and not is_writable(path):
        raise RegisterReadOnly(_("{path} is read-only; it cannot be replaced").format(path=path))
    rows = DemoBuilder(random.Random(seed), lang).build(workplaces)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with (
            create_register(temporary, actor=actor, overwrite=True) as register,
            register.engine.begin() as connection,
        ):
            insert_tables(connection, rows)
        os.replace(temporary, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    return {
        "workplaces": len(rows["workplace"]),
        "hazards": len(rows["hazard"]),
        "measures": len(rows["control_measure"]),
    }


class DemoBuilder:
    """Builds the rows of a demo register from a seeded random generator."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang
        self.matrix: Matrix = WRAC_5X5
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.library = load_builtin_library()

    def text(self, local: Any) -> str:
        return pick(local, self.lang)

    def add(self, table: str, **values: Any) -> int:
        """Append a row with a fresh id and UUID; returns the id."""
        table_rows = self.rows.setdefault(table, [])
        row_id = len(table_rows) + 1
        stamps = {"created_at": STAMP, "modified_at": STAMP, "row_version": 1}
        table_rows.append(
            {
                "id": row_id,
                "uuid": uuid.UUID(int=self.rng.getrandbits(128), version=4),
                **stamps,
                **values,
            }
        )
        return row_id

    def build(self, workplace_count: int) -> dict[str, list[dict[str, Any]]]:
        organisation_id = self._organisation()
        assessment_id = self._assessment(organisation_id)
        jobs = self._units(organisation_id)
        for index in range(workplace_count):
            site, division_id, job = jobs[index % len(jobs)]
            crew = index // len(jobs) + 1 if workplace_count > len(jobs) else None
            workplace_id = self._workplace(division_id, job, crew, index)
            self._hazards(assessment_id, workplace_id, site, job)
        self._audit(workplace_count)
        return self.rows

    def _organisation(self) -> int:
        org = data.ORGANISATION
        return self.add(
            "organisation",
            legal_name=self.text(org["legal_name"]),
            bin=make_bin(str(org["bin_stem"])[:11]),
            region=self.text(org["region"]),
            address=self.text(org["address"]),
            industry=self.text(org["industry"]),
        )

    def _assessment(self, organisation_id: int) -> int:
        matrix_id = self.add(
            "risk_matrix",
            family=uuid.UUID(int=self.rng.getrandbits(128), version=4),
            version=1,
            preset_key=self.matrix.key,
            name=pick(self.matrix.name, "en"),
            definition=self.matrix.to_dict(),
        )
        spec = data.ASSESSMENT
        assessment_id = self.add(
            "assessment",
            organisation_id=organisation_id,
            matrix_id=matrix_id,
            title=self.text(spec["title"]),
            scope=self.text(spec["scope"]),
            assessed_on=ASSESSED_ON,
            document_number=spec["document_number"],
            status="draft",
            revision=1,
            approved_by="",
            approver_position="",
            approved_on=None,
            next_review_on=date(2027, 3, 16),
        )
        for order, (name, position, role) in enumerate(data.TEAM):
            self.add(
                "team_member",
                assessment_id=assessment_id,
                name=self.text(name),
                position=self.text(position),
                role=role,
                sort_order=order,
            )
        return assessment_id

    def _units(self, organisation_id: int) -> list[tuple[data.Site, int, data.Job]]:
        jobs = []
        for site_order, site in enumerate(data.SITES):
            site_id = self.add(
                "org_unit",
                organisation_id=organisation_id,
                parent_id=None,
                kind="site",
                name=self.text(site.name),
                sort_order=site_order,
            )
            for order, division in enumerate(site.divisions):
                division_id = self.add(
                    "org_unit",
                    organisation_id=organisation_id,
                    parent_id=site_id,
                    kind="division",
                    name=self.text(division.name),
                    sort_order=order,
                )
                jobs += [(site, division_id, job) for job in division.jobs]
        return jobs

    def _workplace(self, division_id: int, job: data.Job, crew: int | None, index: int) -> int:
        name = self.text(job.name)
        if crew is not None:
            name = f"{name}, {self.text(data.CREW).format(n=crew)}"
        return self.add(
            "workplace",
            unit_id=division_id,
            name=name,
            job_titles=self.text(job.name),
            headcount=max(1, job.headcount + self.rng.randint(-2, 2)),
            shift_pattern=self.text(job.shift),
            location_notes="",
            sort_order=index,
        )

    def _hazards(
        self, assessment_id: int, workplace_id: int, site: data.Site, job: data.Job
    ) -> None:
        pool = [e for e in self.library.entries if set(e.industries) & set(site.industries)]
        chosen = self.rng.sample(pool, min(HAZARDS_PER_WORKPLACE, len(pool)))
        for order, entry in enumerate(chosen):
            self._hazard(assessment_id, workplace_id, entry, job, order)

    def _hazard(
        self, assessment_id: int, workplace_id: int, entry: HazardEntry, job: data.Job, order: int
    ) -> None:
        controls = sorted(entry.controls, key=lambda c: list(ControlLevel).index(c.level))
        existing, additional = controls[-2:], controls[: self.rng.randint(1, 2)]
        fields = {
            "library_id": entry.id,
            "category": entry.gost_group,
            "description": self.text(entry.name),
            "unwanted_event": self.text(self.rng.choice(entry.unwanted_events)),
            "causes": "; ".join(self.text(c) for c in entry.causes[:3]),
            "people_exposed": self.text(job.name),
            "consequence": self.text(entry.consequences[0]),
            "existing_controls": "; ".join(self.text(c.text) for c in existing),
            "notes": "",
        }
        hazard_id = self.add(
            "hazard",
            assessment_id=assessment_id,
            workplace_id=workplace_id,
            priority=entry.suggested_severity >= 4,
            sort_order=order,
            search_text=hazard_search_text(fields),
            **fields,
            **self._ratings(entry.suggested_severity),
        )
        for index, control in enumerate(existing):
            self._measure(hazard_id, control, "existing", index)
        for index, control in enumerate(additional):
            self._measure(hazard_id, control, "additional", len(existing) + index)

    def _ratings(self, suggested: int) -> dict[str, Any]:
        severity = min(5, max(1, suggested + self.rng.choice((-1, 0, 0, 0))))
        likelihood = self.rng.choice((2, 3, 3, 4, 4, 5))
        residual_likelihood = max(1, likelihood - self.rng.randint(1, 3))
        residual_severity = max(1, severity - self.rng.choice((0, 0, 1)))
        values: dict[str, Any] = {}
        for stage, (lik, sev) in (
            ("initial", (likelihood, severity)),
            ("residual", (residual_likelihood, residual_severity)),
        ):
            rating = self.matrix.rate(lik, sev)
            values |= {
                f"{stage}_likelihood": lik,
                f"{stage}_severity": sev,
                f"{stage}_exposure": None,
                f"{stage}_score": rating.score,
                f"{stage}_band": rating.band_key,
                f"{stage}_override_band": None,
                f"{stage}_override_reason": None,
            }
        return values

    def _measure(self, hazard_id: int, control: Any, kind: str, order: int) -> None:
        status, completed = ("done", ASSESSED_ON) if kind == "existing" else self._progress()
        due_text = "" if kind == "existing" else self._due_text()
        self.add(
            "control_measure",
            hazard_id=hazard_id,
            level=control.level.value,
            kind=kind,
            description=self.text(control.text),
            responsible=self.text(self.rng.choice(data.RESPONSIBLE)),
            due_text=due_text,
            due_date=parse_due(due_text),
            status=status,
            completed_on=completed,
            cost=None,
            funding_source=self.text(
                data.FUNDING_NONE if control.level.is_weak else data.FUNDING_EMPLOYER
            ),
            completion_form=self.text(self.rng.choice(data.COMPLETION_FORMS)),
            sort_order=order,
        )

    def _progress(self) -> tuple[str, date | None]:
        status = self.rng.choices(
            ("planned", "in_progress", "done", "verified"), weights=(40, 25, 25, 10)
        )[0]
        if status in ("done", "verified"):
            return status, ASSESSED_ON + timedelta(days=self.rng.randint(10, 200))
        return status, None

    def _due_text(self) -> str:
        kind = self.rng.random()
        if kind < 0.5:
            due = ASSESSED_ON + timedelta(days=self.rng.randint(30, 540))
            return due.strftime("%d.%m.%Y")
        if kind < 0.85:
            quarter, year = self.rng.randint(1, 4), self.rng.choice((2026, 2027))
            return self.text(data.DUE_QUARTER).format(
                q=quarter, roman=ROMAN[quarter - 1], year=year
            )
        return self.text(data.DUE_PERMANENT)

    def _audit(self, workplace_count: int) -> None:
        actor = default_actor()
        table = self.rows.setdefault("audit_log", [])
        table.append(
            {
                "id": len(table) + 1,
                "at": datetime.now(UTC),
                "user_name": actor.user_name,
                "os_user": actor.os_user,
                "action": "demo",
                "entity": "",
                "entity_uuid": None,
                "changes": None,
                "summary": f"demo register written: {workplace_count} workplaces",
            }
        )
