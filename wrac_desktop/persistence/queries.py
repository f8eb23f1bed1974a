"""Read-only queries for views: the site tree and pages of hazard rows.

They return plain rows, not ORM objects, so a table of 50,000 hazards pages in quickly; the
recursive CTE for "this unit and everything under it" runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, CursorResult, Select, func, or_, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import (
    Assessment,
    AuditEntry,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    TextTranslation,
    Workplace,
)
from wrac_desktop.persistence.translations import TRANSLATED_FIELDS
from wrac_desktop.text import TEXT_CHARS_KEPT, collation_key, fold


@dataclass
class TreeNode:
    kind: str  # "organisation", "site", "division" or "workplace"
    id: int
    uuid: uuid.UUID
    name: str
    hazard_count: int = 0
    children: list[TreeNode] = field(default_factory=list)
    shown_in: str | None = None  # the language the name is shown in when not the one asked for


@dataclass(frozen=True)
class HazardFilter:
    """Which hazards a view shows; every field left None means "any"."""

    assessment_id: int | None = None
    unit_id: int | None = None
    workplace_id: int | None = None
    text: str | None = None
    band: str | None = None  # effective initial band
    residual_band: str | None = None
    category: str | None = None
    cell: tuple[str, float, float] | None = None  # (stage, likelihood, severity) from the heat map


@dataclass(frozen=True)
class HazardRow:
    id: int
    uuid: uuid.UUID
    workplace: str
    category: str
    description: str
    unwanted_event: str
    initial_score: float | None
    initial_band: str | None
    residual_score: float | None
    residual_band: str | None
    priority: bool
    measure_count: int


SORT_KEYS = {
    "workplace": Workplace.name,
    "description": Hazard.description,
    "initial": Hazard.initial_score,
    "residual": Hazard.residual_score,
    "order": Hazard.sort_order,
}
TEXT_SORT_KEYS = frozenset({"workplace", "description"})


def site_tree(session: Session) -> list[TreeNode]:
    """Organisation → sites and divisions → workplaces, with hazard counts rolled up."""
    counts = hazard_counts(session)
    units = {
        u.id: _unit_node(u)
        for u in session.execute(
            select(
                OrgUnit.id,
                OrgUnit.uuid,
                OrgUnit.name,
                OrgUnit.kind,
                OrgUnit.parent_id,
                OrgUnit.organisation_id,
            ).order_by(OrgUnit.sort_order, OrgUnit.id)
        )
    }
    for w in _core(
        session,
        select(Workplace.id, Workplace.uuid, Workplace.name, Workplace.unit_id).order_by(
            Workplace.sort_order, Workplace.id
        ),
    ):
        node = TreeNode("workplace", w.id, w.uuid, w.name, counts.get(w.id, 0))
        units[w.unit_id][0].children.append(node)
    roots = _link_units(units)
    organisations = [
        TreeNode("organisation", o.id, o.uuid, o.legal_name)
        for o in session.execute(
            select(Organisation.id, Organisation.uuid, Organisation.legal_name)
        )
    ]
    for organisation in organisations:
        organisation.children = roots.get(organisation.id, [])
        _roll_up(organisation)
    return organisations


def hazard_counts(session: Session, workplace_ids: Collection[int] | None = None) -> dict[int, int]:
    """The current revision's hazards by workplace id: of every workplace that has any, or of
    ``workplace_ids`` (0 for one with none). An index on (assessment, workplace) answers it."""
    query = select(Hazard.workplace_id, func.count()).where(
        Hazard.assessment_id == current_assessment_id(session)
    )
    if workplace_ids is None:
        return dict(_core(session, query.group_by(Hazard.workplace_id)).all())
    query = query.where(Hazard.workplace_id.in_(workplace_ids)).group_by(Hazard.workplace_id)
    return dict.fromkeys(workplace_ids, 0) | dict(_core(session, query).all())


def names_a_node(session: Session, translation_ids: Collection[int], sources: set[str]) -> bool:
    """Whether translation rows (by id, or by source text) give a name the tree shows."""
    rows = select(TextTranslation.source).where(TextTranslation.id.in_(translation_ids))
    sources = sources | set(session.scalars(rows))
    names = (OrgUnit.name, Workplace.name, Organisation.legal_name)
    return any(session.scalar(select(name).where(name.in_(sources)).limit(1)) for name in names)


def _core(session: Session, query: Select) -> CursorResult:  # type: ignore[type-arg]
    """``query`` run on the session's connection, after the flush the ORM would make: its
    handling of each row took 25 ms of the 180 that read the 100,000 ids of a register."""
    session.flush()
    return session.connection().execute(query)


def _unit_node(row: object) -> tuple[TreeNode, int | None, int]:
    node = TreeNode(row.kind, row.id, row.uuid, row.name)  # type: ignore[attr-defined]
    return node, row.parent_id, row.organisation_id  # type: ignore[attr-defined]


def _link_units(units: dict[int, tuple[TreeNode, int | None, int]]) -> dict[int, list[TreeNode]]:
    roots: dict[int, list[TreeNode]] = defaultdict(list)
    for node, parent_id, organisation_id in units.values():
        if parent_id is None:
            roots[organisation_id].append(node)
        else:
            # Sub-units come before the parent's own workplaces, as in a file manager.
            siblings = units[parent_id][0].children
            position = sum(1 for child in siblings if child.kind != "workplace")
            siblings.insert(position, node)
    return roots


def _roll_up(node: TreeNode) -> int:
    if node.kind != "workplace":
        node.hazard_count = sum(_roll_up(child) for child in node.children)
    return node.hazard_count


def unit_and_descendants(unit_id: int) -> Select[tuple[int]]:
    """The ids of a unit and every unit below it, to any depth."""
    tree = select(OrgUnit.id).where(OrgUnit.id == unit_id).cte("subtree", recursive=True)
    tree = tree.union_all(select(OrgUnit.id).where(OrgUnit.parent_id == tree.c.id))
    return select(tree.c.id)


def current_assessment_id(session: Session) -> int | None:
    """The revision the views show (as ``services.assessments.current_assessment`` picks it):
    the newest draft, else the newest revision. Older revisions are reached explicitly.
    Read first and compared as a constant: SQLite plans a scalar subquery 1.7× slower."""
    query = select(Assessment.id).order_by(
        (Assessment.status == "draft").desc(), Assessment.revision.desc(), Assessment.id.desc()
    )
    return session.scalar(query.limit(1))


def _filtered(query: Select, wanted: HazardFilter, session: Session) -> Select:  # type: ignore[type-arg]
    shown = wanted.assessment_id
    shown = shown if shown is not None else current_assessment_id(session)
    if wanted.unit_id is None:
        query = query.where(Hazard.assessment_id == shown)
    else:
        # The hazards of the unit's workplaces, found through the workplace index: through
        # the revision's ("+ 0" keeps it out of SQLite's plan) every hazard of the register
        # was read to keep a site's 10,000 (48 ms of a site's 50 at 100,000 hazards, now 13).
        workplaces = select(Workplace.id).where(
            Workplace.unit_id.in_(unit_and_descendants(wanted.unit_id))
        )
        query = query.where(Hazard.assessment_id + 0 == shown, Hazard.workplace_id.in_(workplaces))
    if wanted.workplace_id is not None:
        query = query.where(Hazard.workplace_id == wanted.workplace_id)
    for word in fold(wanted.text).split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(_found_by(pattern, shown))
    if wanted.band is not None:
        query = query.where(
            func.coalesce(Hazard.initial_override_band, Hazard.initial_band) == wanted.band
        )
    if wanted.residual_band is not None:
        query = query.where(
            func.coalesce(Hazard.residual_override_band, Hazard.residual_band)
            == wanted.residual_band
        )
    if wanted.category is not None:
        query = query.where(Hazard.category == wanted.category)
    if wanted.cell is not None:
        stage, likelihood, severity = wanted.cell
        query = query.where(
            getattr(Hazard, f"{stage}_likelihood") == likelihood,
            getattr(Hazard, f"{stage}_severity") == severity,
        )
    return query


def _found_by(pattern: str, assessment_id: int | None) -> ColumnElement[bool]:
    """A hazard whose own texts match ``pattern``, or whose texts' translations do: found by
    its kk, ru or en text, whichever it was typed in (issue 16)."""
    t = TextTranslation.__table__.c
    translated = select(t.source).where(
        t.assessment_id == assessment_id, t.search_text.like(pattern, escape="\\")
    )
    return or_(
        Hazard.search_text.like(pattern, escape="\\"),
        *(getattr(Hazard, name).in_(translated) for name in TRANSLATED_FIELDS["hazard"]),
    )


def data_version(session: Session) -> int | None:
    """The audit log's last entry: every change of a record writes one (``audit.py``), and
    entries are numbered in the order their transactions commit (``audit_chain``, under the
    chain's lock), so a view's copy read at an earlier version is out of date."""
    return session.scalar(select(func.max(AuditEntry.id)))


class SearchedHazard(NamedTuple):
    id: int
    search_text: str
    translated: tuple[str, ...]  # its fields a translation row can be found for


def searched_hazards(session: Session, assessment_id: int) -> Iterator[SearchedHazard]:
    """What the search box matches of revision ``assessment_id``'s hazards, as ``_found_by``
    does in SQL: their search texts and translated fields. Streamed: read whole, the texts of
    100,000 hazards took 100 MB, though most of them repeat."""
    h = Hazard.__table__.c  # the table's columns, not the ORM's: 0.2 s less at 100,000 rows
    fields = [_kept_text(h[name]) for name in TRANSLATED_FIELDS["hazard"]]
    query = select(h.id, _kept_text(h.search_text), *fields)
    query = query.where(h.assessment_id == assessment_id)
    for row in session.connection().execute(query.execution_options(yield_per=2_000)):
        yield SearchedHazard(row[0], row[1], tuple(row[2:]))


def searched_translations(session: Session, assessment_id: int) -> list[tuple[str, str]]:
    """Each translation row of revision ``assessment_id``: its source and search text."""
    t = TextTranslation.__table__.c
    query = select(t.source, t.search_text).where(t.assessment_id == assessment_id)
    return [(row[0], row[1]) for row in session.connection().execute(query)]


# Of a text, what a row of the list holds: two lines of a cell and a tooltip's worth. A
# register from elsewhere holding a 100 MB description took 4 GB of the window to draw
# before its check behind (``integrity.oversized_texts``) could say so.
ROW_TEXT_CHARS = 4_000


def _row_text(column: Any) -> Any:
    return func.substr(column, 1, ROW_TEXT_CHARS)


def _kept_text(column: Any) -> Any:
    """A text as far as a sound register's may go (``TEXT_CHARS_KEPT``): a longer one is
    damage, found behind the window (``integrity.oversized_texts``), not read whole before."""
    return func.substr(column, 1, TEXT_CHARS_KEPT)


def _row_columns() -> Select:  # type: ignore[type-arg]
    measures = (
        select(func.count())
        .where(ControlMeasure.hazard_id == Hazard.id)
        .correlate(Hazard)
        .scalar_subquery()
    )
    return select(
        Hazard.id, Hazard.uuid, _row_text(Workplace.name), Hazard.category,
        _row_text(Hazard.description), _row_text(Hazard.unwanted_event), Hazard.initial_score,
        func.coalesce(Hazard.initial_override_band, Hazard.initial_band),
        Hazard.residual_score,
        func.coalesce(Hazard.residual_override_band, Hazard.residual_band),
        Hazard.priority, measures,
    ).join(Workplace)  # fmt: skip


def _ordered(query: Select, sort: str, descending: bool) -> Select:  # type: ignore[type-arg]
    column = SORT_KEYS[sort]
    first = column.desc() if descending else column.asc()
    return query.order_by(first, Workplace.sort_order, Hazard.sort_order, Hazard.id)


def hazard_ids(
    session: Session, wanted: HazardFilter, *, sort: str = "order", descending: bool = False
) -> list[int]:
    """Every matching hazard's id in display order: a view's row cache starts from this."""
    if sort in TEXT_SORT_KEYS:
        return _text_sorted_ids(session, wanted, sort, descending)
    query = _ordered(
        _filtered(select(Hazard.id).join(Workplace), wanted, session), sort, descending
    )
    result = _core(session, query)
    try:  # the driver's own rows: SQLAlchemy's handling took 27 of 105 ms for 100,000 ids
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


def tree_order_keys(
    session: Session, ids: Collection[int], wanted: HazardFilter | None = None
) -> dict[int, tuple[int, int, int]]:
    """The keys ``hazard_ids`` orders by in tree order ("order"), by id: of ``ids``, or of
    those among them that match ``wanted`` (a list patched after an edit, issue 22)."""
    query = select(Hazard.id, Hazard.sort_order, Workplace.sort_order).join(Workplace)
    if wanted is not None:
        query = _filtered(query, wanted, session)
    query = query.where(Hazard.id.in_(list(ids)))
    return {row[0]: (row[1], row[2], row[0]) for row in _core(session, query)}


def hazard_count(session: Session, wanted: HazardFilter) -> int:
    """How many hazards match, counted by the database: "n of N shown" counted the tree node's
    hazards by reading every id (half of a search keystroke at 100,000 hazards). Without the
    join to the workplaces, which no filter needs (a unit's are a subquery; every hazard has
    its workplace, as opening a register checks): the hazards' index alone counts them, 4 ms
    at 100,000 where the join took 40 on every keystroke."""
    query = _filtered(select(func.count(Hazard.id)), wanted, session)
    return int(session.scalar(query) or 0)


def _text_sorted_ids(
    session: Session, wanted: HazardFilter, sort: str, descending: bool
) -> list[int]:
    """Text columns are sorted here, in Kazakh alphabetical order, never by the engine's
    collation: SQLite compares code points and a server compares by its own locale."""
    columns = (Hazard.id, SORT_KEYS[sort], Workplace.sort_order, Hazard.sort_order)
    rows = list(_core(session, _filtered(select(*columns).join(Workplace), wanted, session)))
    keys: dict[str, tuple[int, ...]] = {}  # the demo repeats texts: fold each once
    rows.sort(key=lambda row: (row[2], row[3], row[0]))  # the ties, as in SQL
    rows.sort(  # stable: ties keep the order above
        key=lambda row: keys.get(row[1]) or keys.setdefault(row[1], collation_key(row[1])),
        reverse=descending,
    )
    return [row[0] for row in rows]


def hazard_units(session: Session, wanted: HazardFilter) -> dict[int, int]:
    """The unit (site or division) each matching hazard's workplace is under, by hazard id."""
    query = _filtered(select(Hazard.id, Workplace.unit_id).join(Workplace), wanted, session)
    return {hazard_id: unit_id for hazard_id, unit_id in _core(session, query)}


def unit_outline(session: Session) -> list[tuple[int, tuple[str, ...]]]:
    """Every unit in the site tree's order, with the names from its site down to it."""
    rows = session.execute(
        select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name).order_by(OrgUnit.sort_order, OrgUnit.id)
    ).all()
    children: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
    for unit_id, parent_id, name in rows:
        children[parent_id].append((unit_id, name))
    outline: list[tuple[int, tuple[str, ...]]] = []
    stack: list[tuple[int, tuple[str, ...]]] = [
        (unit_id, (name,)) for unit_id, name in reversed(children[None])
    ]
    while stack:  # depth first, as the tree shows them
        unit_id, path = stack.pop()
        outline.append((unit_id, path))
        stack.extend((child, (*path, name)) for child, name in reversed(children[unit_id]))
    return outline


def hazard_rows_by_ids(session: Session, ids: list[int]) -> list[HazardRow]:
    """The rows for these ids, in the order given (one page of a view)."""
    found = {
        row[0]: HazardRow(*row) for row in session.execute(_row_columns().where(Hazard.id.in_(ids)))
    }
    return [found[i] for i in ids if i in found]


def hazard_rows(
    session: Session,
    wanted: HazardFilter,
    *,
    offset: int = 0,
    limit: int = 1000,
    sort: str = "order",
    descending: bool = False,
) -> list[HazardRow]:
    """One page of hazard rows, filtered and sorted in SQL (text columns: see hazard_ids)."""
    if sort in TEXT_SORT_KEYS:
        page = hazard_ids(session, wanted, sort=sort, descending=descending)
        return hazard_rows_by_ids(session, page[offset : offset + limit])
    query = _ordered(_filtered(_row_columns(), wanted, session), sort, descending)
    rows = session.execute(query.offset(offset).limit(limit))
    return [HazardRow(*row) for row in rows]
