"""``wrac demo``: a realistic, deterministic register to learn, test and benchmark with.

The same seed gives the same register. Rows are built as plain dicts and written with bulk
inserts into a temporary file that replaces the target only when complete, so a failure
never leaves a half-written register behind.
"""

from __future__ import annotations

import errno
import os
import random
import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError

from wrac_desktop.domain.bin import make_bin
from wrac_desktop.domain.due_dates import parse_due
from wrac_desktop.errors import EnvironmentProblem, RegisterNotFound, RegisterReadOnly, UserError
from wrac_desktop.files import discard, disk_problem, remove_dead_leftovers
from wrac_desktop.hazards import HazardEntry, load_builtin_library
from wrac_desktop.i18n import Deferred, LocalText, _, pick, translated_in
from wrac_desktop.languages import TEXT_LANGUAGES, joined, stored_text
from wrac_desktop.persistence import audit_chain
from wrac_desktop.persistence.audit import Actor
from wrac_desktop.persistence.audit_digest import BulkState
from wrac_desktop.persistence.bulk import insert_tables
from wrac_desktop.persistence.derived import hazard_search_text, translation_search_text
from wrac_desktop.persistence.sqlite import set_page_cache, wal_left_beside, written_once
from wrac_desktop.persistence.translations import translation_uuid
from wrac_desktop.register import create_register, default_actor, is_database_url, is_writable
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.presets import WRAC_5X5
from wrac_desktop.risk.serialise import matrix_to_dict
from wrac_desktop.services import demo_data as data
from wrac_desktop.vocabulary import ControlLevel

MAX_WORKPLACES = 10_000
HAZARDS_PER_WORKPLACE = 10
ASSESSED_ON = date(2026, 3, 16)
STAMP = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
ROMAN = ("I", "II", "III", "IV")
CHUNK_WORKPLACES = 500  # rows reach the database in chunks, so memory stays flat
WRITE_CACHE_KB = 65_536  # SQLite's page cache while the demo is written
STATUS_SHARES = (("planned", 0.40), ("in_progress", 0.65), ("done", 0.90), ("verified", 1.01))
STATUSES = tuple(status for status, _upto in STATUS_SHARES)
T = TypeVar("T")
STATUS_BOUNDS = tuple(upto for _status, upto in STATUS_SHARES)


def write_demo(
    path: Path | str,
    *,
    workplaces: int = 40,
    seed: int = 1,
    lang: str = "ru",
    overwrite: bool = False,
    actor: Actor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write the demo register to ``path`` (a file or a database URL); returns how many
    records of each kind it holds."""
    if not 1 <= workplaces <= MAX_WORKPLACES:
        raise UserError(_("choose from 1 to {most} workplaces").format(most=MAX_WORKPLACES))
    builder = DemoBuilder(random.Random(seed), lang)
    if is_database_url(path):
        from wrac_desktop.services.server_demo import write_to_server

        write_to_server(
            str(path),
            builder.build_chunks(workplaces),
            overwrite,
            _progress(builder, workplaces, progress),
        )
    else:
        _write_file(Path(path), builder, workplaces, overwrite, actor, progress)
    return {
        "workplaces": builder.count["workplace"],
        "hazards": builder.count["hazard"],
        "measures": builder.count["control_measure"],
    }


def _progress(
    builder: DemoBuilder, workplaces: int, progress: Callable[[int, int], None] | None
) -> Callable[[], None]:
    def report() -> None:
        if progress is not None:  # may raise to cancel: nothing is kept
            progress(builder.count["workplace"], workplaces)

    return report


def _write_file(
    path: Path,
    builder: DemoBuilder,
    workplaces: int,
    overwrite: bool,
    actor: Actor | None,
    progress: Callable[[int, int], None] | None,
) -> None:
    if path.exists() and not overwrite:
        raise UserError(_("{path} already exists; use --force to replace it").format(path=path))
    if path.exists() and not is_writable(path):
        raise RegisterReadOnly(_("{path} is read-only; it cannot be replaced").format(path=path))
    if not path.parent.is_dir():
        raise RegisterNotFound(_("folder {path} does not exist").format(path=path.parent))
    if not os.access(path.parent, os.W_OK):
        raise disk_problem(OSError(errno.EROFS, "read-only"), path) or RegisterReadOnly(
            _("{path} is read-only; it cannot be replaced").format(path=path)
        )
    remove_dead_leftovers(path, ".tmp")  # of a run that was killed
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _fill(temporary, builder, workplaces, actor, _progress(builder, workplaces, progress))
        if wal_left_beside(temporary):  # the closing checkpoint did not fit: the file alone
            raise OSError(errno.ENOSPC, "the register's -wal could not be folded in")  # is torn
        os.replace(temporary, path)
    except (OSError, DBAPIError, EnvironmentProblem) as error:
        # The disk refused (full, read-only): name the register asked for, not the temp file.
        problem = disk_problem(error, path)
        if problem is None:
            raise
        raise problem from error
    finally:
        for suffix in ("", "-wal", "-shm"):
            discard(Path(f"{temporary}{suffix}"))


def _fill(
    temporary: Path,
    builder: DemoBuilder,
    workplaces: int,
    actor: Actor | None,
    report: Callable[[], None],
) -> None:
    with (
        create_register(temporary, actor=actor, overwrite=True, chained=False) as register,
        written_once(register.engine),  # a failed fill is thrown away: no journal needed
        register.engine.begin() as connection,
    ):
        # The rows go in as one transaction: with SQLite's 2 MB page cache the pages of the
        # UUID indexes, written in random order, were spilled to the -wal and written again and
        # again (1.2 s of system time for 30,000 hazards, 0.75 s with 64 MB).
        set_page_cache(connection, WRITE_CACHE_KB)
        for rows in builder.build_chunks(workplaces):
            insert_tables(connection, rows)
            report()


class HazardTemplate:
    """A library entry's texts in the demo's language, worked out once for every use, and
    each of them in every language (``texts``: the register's translations of them)."""

    def __init__(self, entry: HazardEntry, lang: str) -> None:
        self.texts: dict[str, LocalText] = {}
        controls = sorted(entry.controls, key=lambda c: list(ControlLevel).index(c.level))
        as_pairs = [(control.level, self._text(control.text, lang)) for control in controls]
        self.industries, self.severity = entry.industries, entry.suggested_severity
        self.existing, self.additional = as_pairs[-2:], as_pairs[:-2] or as_pairs[:1]
        self.events = [self._text(event, lang) for event in entry.unwanted_events]
        existing = [control.text for control in controls][-2:]
        self.fixed = {
            "library_id": entry.id,
            "category": entry.gost_group,
            "description": self._text(entry.name, lang),
            "causes": self._text(joined(entry.causes[:3]), lang),
            "consequence": self._text(entry.consequences[0], lang),
            "existing_controls": self._text(joined(existing), lang),
            "notes": "",
        }
        self._search: dict[tuple[int, str], str] = {}

    def _text(self, values: LocalText, lang: str) -> str:
        text = stored_text(values, lang)[0]
        self.texts.setdefault(text, values)
        return text

    def fields(self, event: int, exposed: str) -> dict[str, Any]:
        return {**self.fixed, "unwanted_event": self.events[event], "people_exposed": exposed}

    def search_text(self, event: int, exposed: str) -> str:
        key = (event, exposed)
        if key not in self._search:
            self._search[key] = hazard_search_text(self.fields(event, exposed))
        return self._search[key]


class DemoBuilder:
    """Builds the rows of a demo register from a seeded random generator."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = Draws(rng)
        self.lang = lang
        self.matrix: Matrix = WRAC_5X5
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.count: Counter[str] = Counter()
        self.templates = [HazardTemplate(entry, lang) for entry in load_builtin_library().active]
        self._pools: dict[tuple[str, ...], list[HazardTemplate]] = {}
        # A few hundred distinct texts and due dates recur in every one of 100,000 rows: each
        # looked up and parsed once (a third of the demo's writing time, issue 22 item 4).
        self._texts: dict[Deferred, str] = {}
        self._due_dates: dict[str, date | None] = {}
        self._used: dict[int, HazardTemplate] = {}  # by id(): the templates the demo used
        self._seen: set[str] = set()  # the library texts it printed
        # Every printed text in the demo's language → its values in kk, ru and en.
        self.translations: dict[str, LocalText] = {}
        self._words: dict[Deferred, LocalText] = {}
        # Each of a hundred thousand rows reads a few of the same printed texts, ratings and
        # due dates: each is worked out once (the rows are the same; issue 22 item 6).
        self._printed: dict[Deferred, str] = {}
        self._rated: dict[tuple[int, int, int, int], dict[str, Any]] = {}
        self._responsible: dict[Deferred, tuple[str, str]] = {}
        self._dated: dict[int, str] = {}
        self._assessment_uuid: uuid.UUID | None = None
        self.state = BulkState()  # each row's digest, for the demo's audit entry

    def text(self, text: Deferred) -> str:
        """A demo text in the register's language, from the catalogue."""
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = translated_in(text, self.lang)
        return found

    def due_date(self, due_text: str) -> date | None:
        if due_text not in self._due_dates:
            self._due_dates[due_text] = parse_due(due_text)
        return self._due_dates[due_text]

    def words(self, text: Deferred) -> LocalText:
        """A demo text in every language, from the catalogues (looked up once)."""
        if text not in self._words:
            self._words[text] = {lang: translated_in(text, lang) for lang in TEXT_LANGUAGES}
        return self._words[text]

    def printed(self, values: LocalText | Deferred) -> str:
        """A text the register prints, in the demo's language; its other languages become
        the revision's translation of it."""
        if isinstance(values, Deferred):
            known = self._printed.get(values)
            if known is None:
                known = self._printed[values] = self.printed(self.words(values))
            return known
        text = stored_text(values, self.lang)[0]
        self.translations.setdefault(text, values)
        return text

    def _uuid(self) -> uuid.UUID:
        return _version_4(self.rng.getrandbits(128))

    def add(self, table: str, **values: Any) -> int:
        """Append a row with a fresh id and UUID; returns the id."""
        self.count[table] += 1
        row_id = self.count[table]
        stamps = {"created_at": STAMP, "modified_at": STAMP, "row_version": 1}
        row = {"id": row_id, "uuid": self._uuid(), **stamps, **values}
        self.rows[table].append(row)
        return row_id

    def build_chunks(self, workplace_count: int) -> Iterator[dict[str, list[dict[str, Any]]]]:
        """The register's rows, a few hundred workplaces at a time, parents before children."""
        organisation_id = self._organisation()
        assessment_id = self._assessment(organisation_id)
        jobs = self._units(organisation_id)
        for index in range(workplace_count):
            site, division_id, job = jobs[index % len(jobs)]
            crew = index // len(jobs) + 1 if workplace_count > len(jobs) else None
            workplace_id = self._workplace(division_id, job, crew, index)
            self._hazards(assessment_id, workplace_id, site, job)
            if (index + 1) % CHUNK_WORKPLACES == 0:
                yield self._take_rows()
        self._translation_rows(assessment_id)
        last = self._take_rows()
        self._audit(workplace_count)  # its entry holds the digest of every row before it
        for table, rows in self._take_rows().items():
            last[table] += rows
        yield last

    def _translation_rows(self, assessment_id: int) -> None:
        """A translation row for every text the demo printed, in each of the three languages."""
        for template in self._used.values():
            for text, values in template.texts.items():
                if text in self._seen:
                    self.translations.setdefault(text, values)
        assert self._assessment_uuid is not None
        for order, (text, values) in enumerate(sorted(self.translations.items()), 1):
            lang = next((n for n in (self.lang, *TEXT_LANGUAGES) if values.get(n) == text), None)
            self.rows["text_translation"].append(
                {
                    "id": order,
                    "uuid": translation_uuid(self._assessment_uuid, text),
                    "created_at": STAMP,
                    "modified_at": STAMP,
                    "row_version": 1,
                    "assessment_id": assessment_id,
                    "source": text,
                    "lang": lang or self.lang,
                    **{name: values.get(name, "") for name in TEXT_LANGUAGES},
                    "unchecked": "",
                    "search_text": translation_search_text({**values, "lang": lang or self.lang}),
                }
            )
        self.count["text_translation"] = len(self.translations)

    def _take_rows(self) -> dict[str, list[dict[str, Any]]]:
        rows, self.rows = self.rows, defaultdict(list)
        for table, written in rows.items():
            self.state.add_rows(table, written)
        return rows

    def _organisation(self) -> int:
        org = data.ORGANISATION
        return self.add(
            "organisation",
            legal_name=self.printed(org["legal_name"]),
            bin=make_bin(data.BIN_STEM[:11]),
            region=self.printed(org["region"]),
            address=self.printed(org["address"]),
            industry=self.printed(org["industry"]),
            oked=data.OKED,
            kato=data.KATO,
            commission_order=data.COMMISSION_ORDER,
            commission_order_on=data.COMMISSION_ORDER_ON,
        )

    def _assessment(self, organisation_id: int) -> int:
        matrix_id = self.add(
            "risk_matrix",
            family=_version_4(self.rng.getrandbits(128)),
            version=1,
            preset_key=self.matrix.key,
            name=pick(self.matrix.name, "en"),
            definition=matrix_to_dict(self.matrix),
        )
        spec = data.ASSESSMENT
        assessment_id = self.add(
            "assessment",
            organisation_id=organisation_id,
            matrix_id=matrix_id,
            title=self.printed(spec["title"]),
            scope=self.printed(spec["scope"]),
            assessed_on=ASSESSED_ON,
            document_number=data.DOCUMENT_NUMBER,
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
                position=self.printed(position),
                role=role,
                sort_order=order,
            )
        self._assessment_uuid = self.rows["assessment"][-1]["uuid"]
        return assessment_id

    def _units(self, organisation_id: int) -> list[tuple[data.Site, int, data.Job]]:
        jobs = []
        for site_order, site in enumerate(data.SITES):
            site_id = self.add(
                "org_unit",
                organisation_id=organisation_id,
                parent_id=None,
                kind="site",
                name=self.printed(site.name),
                sort_order=site_order,
            )
            for order, division in enumerate(site.divisions):
                division_id = self.add(
                    "org_unit",
                    organisation_id=organisation_id,
                    parent_id=site_id,
                    kind="division",
                    name=self.printed(division.name),
                    sort_order=order,
                )
                jobs += [(site, division_id, job) for job in division.jobs]
        return jobs

    def _workplace(self, division_id: int, job: data.Job, crew: int | None, index: int) -> int:
        names = self.words(job.name)
        if crew is not None:
            crews = self.words(data.CREW)
            names = {lang: f"{names[lang]}, {crews[lang].format(n=crew)}" for lang in names}
        return self.add(
            "workplace",
            unit_id=division_id,
            name=self.printed(names),
            job_titles=self.text(job.name),
            headcount=max(1, job.headcount + self.rng.randint(-2, 2)),
            shift_pattern=self.text(job.shift),
            location_notes="",
            sort_order=index,
        )

    def _hazards(
        self, assessment_id: int, workplace_id: int, site: data.Site, job: data.Job
    ) -> None:
        pool = self._pool(site.industries)
        chosen = self.rng.sample(pool, min(HAZARDS_PER_WORKPLACE, len(pool)))
        exposed = self.printed(job.name)
        for order, template in enumerate(chosen):
            self._hazard(assessment_id, workplace_id, template, exposed, order)

    def _pool(self, industries: tuple[str, ...]) -> list[HazardTemplate]:
        if industries not in self._pools:
            wanted = set(industries)
            self._pools[industries] = [t for t in self.templates if wanted & set(t.industries)]
        return self._pools[industries]

    def _hazard(
        self,
        assessment_id: int,
        workplace_id: int,
        template: HazardTemplate,
        exposed: str,
        order: int,
    ) -> None:
        event = self.rng.randrange(len(template.events))
        if id(template) not in self._used:
            self._used[id(template)] = template
            self._seen.update(template.fixed.values())
        self._seen.add(template.events[event])
        ratings = self._ratings(template.severity)
        self.count["hazard"] += 1
        hazard_id = self.count["hazard"]
        self.rows["hazard"].append(
            {
                "id": hazard_id,
                "uuid": self._uuid(),
                "created_at": STAMP,
                "modified_at": STAMP,
                "row_version": 1,
                "assessment_id": assessment_id,
                "workplace_id": workplace_id,
                "priority": template.severity >= 4,
                "sort_order": order,
                "search_text": template.search_text(event, exposed),
                **template.fields(event, exposed),
                **ratings,
            }
        )
        entry = template.fixed["library_id"]  # the measures are the entry's controls
        for index, (level, text) in enumerate(template.existing):
            self._measure(hazard_id, level, text, "existing", index, entry)
        additional = template.additional[: self.rng.randint(1, 2)]
        for index, (level, text) in enumerate(additional):
            order = len(template.existing) + index
            self._measure(hazard_id, level, text, "additional", order, entry)

    def _ratings(self, suggested: int) -> dict[str, Any]:
        severity = min(5, max(1, suggested + self.rng.choice((-1, 0, 0, 0))))
        likelihood = self.rng.choice((2, 3, 3, 4, 4, 5))
        residual_likelihood = max(1, likelihood - self.rng.randint(1, 3))
        residual_severity = max(1, severity - self.rng.choice((0, 0, 1)))
        key = (likelihood, severity, residual_likelihood, residual_severity)
        known = self._rated.get(key)
        if known is None:
            known = self._rated[key] = self._rated_values(*key)
        return known

    def _rated_values(
        self, likelihood: int, severity: int, residual_likelihood: int, residual_severity: int
    ) -> dict[str, Any]:
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

    def _measure(
        self, hazard_id: int, level: ControlLevel, text: str, kind: str, order: int, entry: str
    ) -> None:
        existing = kind == "existing"
        status, completed = ("done", ASSESSED_ON) if existing else self._progress()
        self._seen.add(text)
        due_text = "" if existing else self._due_text()
        responsible, responsible_name = self._person(self.rng.choice(data.RESPONSIBLE))
        funding = self.printed(data.FUNDING_NONE if level.is_weak else data.FUNDING_EMPLOYER)
        form = self.printed(self.rng.choice(data.COMPLETION_FORMS))
        self.count["control_measure"] += 1
        self.rows["control_measure"].append(
            {
                "id": self.count["control_measure"],
                "uuid": self._uuid(),
                "created_at": STAMP,
                "modified_at": STAMP,
                "row_version": 1,
                "hazard_id": hazard_id,
                "level": level.value,
                "kind": kind,
                "description": text,
                "responsible": responsible,
                "responsible_name": responsible_name,
                "due_text": due_text,
                "due_date": self.due_date(due_text),
                "status": status,
                "completed_on": completed,
                "cost": None if existing else _demo_cost(level, hazard_id, order),
                "funding_source": funding,
                "completion_form": form,
                "sort_order": order,
                "library_id": entry,
            }
        )

    def _person(self, position: Deferred) -> tuple[str, str]:
        """A responsible position, printed, and the name of the person who holds it."""
        known = self._responsible.get(position)
        if known is None:
            name = data.RESPONSIBLE_NAMES[data.RESPONSIBLE.index(position)]
            known = self._responsible[position] = (self.printed(position), self.text(name))
        return known

    def _progress(self) -> tuple[str, date | None]:
        status = STATUSES[bisect_right(STATUS_BOUNDS, self.rng.random())]  # the first draw < upto
        if status in ("done", "verified"):
            return status, ASSESSED_ON + timedelta(days=self.rng.randint(10, 200))
        return status, None

    def _due_text(self) -> str:
        kind = self.rng.random()
        if kind < 0.5:
            days = self.rng.randint(30, 540)
            if days not in self._dated:
                self._dated[days] = (ASSESSED_ON + timedelta(days=days)).strftime("%d.%m.%Y")
            return self._dated[days]
        if kind < 0.85:
            quarter, year = self.rng.randint(1, 4), self.rng.choice((2026, 2027))
            return self.text(data.DUE_QUARTER).format(roman=ROMAN[quarter - 1], year=year)
        return self.text(data.DUE_PERMANENT)

    def _audit(self, workplace_count: int) -> None:
        actor = default_actor()
        table = self.rows.setdefault("audit_log", [])
        row: dict[str, Any] = {
            "id": len(table) + 1,
            "at": datetime.now(UTC),
            "user_name": actor.user_name,
            "os_user": actor.os_user,
            "action": "demo",
            "entity": "",
            "entity_uuid": None,
            "changes": self.state.changes(),
            "summary": f"demo register written: {workplace_count} workplaces",
            "prev_hash": audit_chain.GENESIS,
        }
        row["hash"] = audit_chain.entry_hash(row, audit_chain.GENESIS)
        table.append(row)
        self.rows["register_property"].append(
            {"key": audit_chain.HEAD_KEY, "value": f"{row['id']}:{row['hash']}"}
        )


class Draws:
    """A seeded ``random.Random``'s draws, the very numbers it gives (the same seed writes the
    same register), without its layers of Python calls a draw: ``randint`` went through
    ``randrange`` and ``_randbelow``, 8 % of the 50,000-hazard demo's writing time."""

    def __init__(self, rng: random.Random) -> None:
        self.getrandbits, self.random, self.sample = rng.getrandbits, rng.random, rng.sample

    def randrange(self, stop: int) -> int:
        """A whole number from 0 to ``stop`` - 1, drawn as ``Random._randbelow`` draws it:
        ``stop``'s bit length of random bits, again until they are below it."""
        size = stop.bit_length()
        drawn = self.getrandbits(size)
        while drawn >= stop:
            drawn = self.getrandbits(size)
        return drawn

    def randint(self, low: int, high: int) -> int:
        return low + self.randrange(high - low + 1)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.randrange(len(items))]


# What uuid.UUID(int=bits, version=4) sets: the variant (10) and the version (4) bits.
_VERSION_4_KEEP = ~(0xC000 << 48) & ~(0xF000 << 64)
_VERSION_4_SET = (0x8000 << 48) | (4 << 76)


def _version_4(bits: int) -> uuid.UUID:
    """``uuid.UUID(int=bits, version=4)``, made as its constructor makes it without checking
    its arguments: half of its time, 0.3 s of the 50,000-hazard demo's 230,000 UUIDs."""
    made = object.__new__(uuid.UUID)
    object.__setattr__(made, "int", bits & _VERSION_4_KEEP | _VERSION_4_SET)
    object.__setattr__(made, "is_safe", uuid.SafeUUID.unknown)
    return made


def _demo_cost(level: ControlLevel, hazard_id: int, order: int) -> Decimal:
    """A plausible cost in tenge, from the ids rather than the random generator, so that the
    rest of the demo stays what it was: 5,000–50,000 for training and PPE, 50,000–2,000,000
    for engineering work."""
    step = (hazard_id * 7919 + order * 104729) % 40
    return Decimal((step // 4 + 1) * 5_000) if level.is_weak else Decimal((step + 1) * 50_000)
