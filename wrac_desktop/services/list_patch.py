"""The register's list after an edit, patched by the edit's change set (issue 22 item 2).

After every edit the window read the ids of the whole list again: 80–110 ms of the UI
thread at 100,000 hazards for a hazard deleted, a note changed or an undo. The change set
says which hazards changed: they are taken out of the list, and those still matching the
list's filter are put back where its order puts them (found by halving the list, a few
keys read). What cannot be patched safely is read again (``patched`` answers None): a
changed workplace or unit (the order and scope of whole blocks), a search typed (its texts),
a text-sorted list (sorted in Python by collation), grouped lists that gain a hazard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from wrac_desktop.persistence.queries import tree_order_keys
from wrac_desktop.services.hazard_list import HazardFilter, Heading, hazard_count
from wrac_desktop.services.work import ChangeSet, Work, session_of

Listed = list[int | Heading]
# Tables whose records never choose or order the hazards listed: only their rows' pages are
# read again (a measure's count; a translation's text, unless headings are named by it).
BESIDE_THE_LIST = frozenset({"control_measure", "reassessment_flag", "team_member", "event",
                             "hidden_injury", "organisation_figures"})  # fmt: skip
# A hazard's fields that place it in tree order, and those each sort orders by first.
ORDER_FIELDS = frozenset({"assessment_id", "workplace_id", "sort_order"})
SORTED_BY = {"description": "description", "initial": "initial_score", "residual": "residual_score"}
# Its fields a filter (other than a search typed) may choose it by.
FILTER_FIELDS = frozenset({
    "category", "initial_band", "initial_override_band", "initial_likelihood",
    "initial_severity", "residual_band", "residual_override_band", "residual_likelihood",
    "residual_severity",
})  # fmt: skip
PATCHED_AT_MOST = 200  # hazards placed anew by one edit; beyond, reading the list is as quick


def patched(
    work: Work,
    listed: Listed,
    changes: ChangeSet,
    wanted: HazardFilter,
    *,
    sort: str,
    descending: bool,
    grouped: bool,
) -> Listed | None:
    """``listed`` (read for ``wanted`` in this order) after ``changes``; None: read it again.
    The result is checked against the database's count of ``wanted``: a list that another
    user's change has moved meanwhile is read again too."""
    if wanted.text:
        return None
    touched = _touched_hazards(changes, grouped, sort)
    if touched is None:
        return None
    gone, placed, checked = touched
    session = session_of(work)
    if checked:  # in or out of the filter, in place
        matching = tree_order_keys(session, checked, wanted).keys()
        shown = set(entry for entry in listed if not isinstance(entry, Heading))
        gone |= checked & shown - matching
        placed |= checked & matching - shown
    if placed and (grouped or sort != "order" or len(placed) > PATCHED_AT_MOST):
        return None
    result = _without(listed, gone | placed) if gone or placed else list(listed)
    if placed:
        _put_back(session, result, placed, wanted, descending)
    ids = sum(1 for entry in result if not isinstance(entry, Heading))
    return result if ids == hazard_count(work, wanted) else None


def _touched_hazards(
    changes: ChangeSet, grouped: bool, sort: str
) -> tuple[set[int], set[int], set[int]] | None:
    """The hazards deleted; those inserted or moved in the list's order (to be placed); those
    whose filtered fields changed (to be checked). None when something else changed that the
    list depends on."""
    gone: set[int] = set()
    placed: set[int] = set()
    checked: set[int] = set()
    moving = ORDER_FIELDS | {SORTED_BY.get(sort, "sort_order")}
    for change in changes.changes:
        if change.table == "hazard":
            fields = (change.after or {}).keys()
            if change.kind == "delete":
                gone.add(change.id)
            elif change.kind == "insert" or moving & fields:
                placed.add(change.id)
            elif FILTER_FIELDS & fields:
                checked.add(change.id)
        elif change.table == "text_translation":
            if grouped:  # a heading's name may be translated anew
                return None
        elif change.table not in BESIDE_THE_LIST:
            return None
    placed -= gone
    return gone, placed, checked - gone - placed


def _without(listed: Listed, ids: set[int]) -> Listed:
    """``listed`` less ``ids``; a heading counts what is left under it, and goes with none."""
    result: Listed = []
    heading_at, left = -1, 0
    for entry in listed:
        if isinstance(entry, Heading):
            _close(result, heading_at, left)
            heading_at, left = len(result), 0
            result.append(entry)
        elif entry not in ids:
            result.append(entry)
            left += 1
    _close(result, heading_at, left)
    return result


def _close(result: Listed, heading_at: int, left: int) -> None:
    if heading_at < 0:
        return
    heading = result[heading_at]
    assert isinstance(heading, Heading)
    if not left:
        del result[heading_at]
    elif left != heading.count:
        result[heading_at] = replace(heading, count=left)


def _put_back(
    session: Session, result: Listed, moved: set[int], wanted: HazardFilter, descending: bool
) -> None:
    """Each of ``moved`` that matches ``wanted`` inserted where tree order puts it."""

    def key(hazard: tuple[int, int, int]) -> tuple[int, int, int]:
        own, workplace, hazard_id = hazard
        return (-own if descending else own, workplace, hazard_id)

    found = tree_order_keys(session, moved, wanted)
    for hazard_id, keys in sorted(found.items(), key=lambda item: key(item[1])):
        position = _position(result, key(keys), lambda at: key(_keys_at(session, result, at)))
        result.insert(position, hazard_id)


def _keys_at(session: Session, result: Listed, at: int) -> tuple[int, int, int]:
    hazard_id = result[at]
    assert isinstance(hazard_id, int)  # a list that gains a hazard has no headings
    return tree_order_keys(session, [hazard_id])[hazard_id]


def _position(
    result: Listed, wanted: tuple[int, int, int], key_at: Callable[[int], tuple[int, int, int]]
) -> int:
    """The first place in ``result`` whose key is above ``wanted`` (halving: ~17 keys read
    at 100,000)."""
    low, high = 0, len(result)
    while low < high:
        middle = (low + high) // 2
        if key_at(middle) < wanted:
            low = middle + 1
        else:
            high = middle
    return low
