"""Two users editing the same hazard: the second is told, with both values, and chooses.

Each user is a Register of their own on the same location (a file, or a database on the test
server), exactly as two officers' apps would be.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.conftest import Sample
from wrac_desktop.errors import UserError
from wrac_desktop.persistence.audit import Actor
from wrac_desktop.persistence.conflicts import EditConflict
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.persistence.unit_of_work import ConcurrentEditError
from wrac_desktop.register import Register, open_location
from wrac_desktop.services import editing


@pytest.fixture
def two_users(
    sample_register: tuple[Register, Sample], register_location: str
) -> Iterator[tuple[Register, Register, int]]:
    register, ids = sample_register
    alice = open_location(register_location, actor=Actor("Alice", "alice"), read_only=False)
    bob = open_location(register_location, actor=Actor("Bob", "bob"), read_only=False)
    try:
        yield alice, bob, ids.hazard_id
    finally:
        alice.close()
        bob.close()


def read(register: Register, hazard_id: int) -> Hazard:
    with register.uow.reading() as session:
        return session.get_one(Hazard, hazard_id)


def test_two_open_sessions_changing_the_same_hazard_never_lose_an_update(
    two_users: tuple[Register, Register, int],
) -> None:
    alice, bob, hazard_id = two_users
    version = read(alice, hazard_id).row_version
    with pytest.raises(ConcurrentEditError, match="Someone else changed this record"):  # noqa: SIM117
        with bob.uow.transaction() as bob_session:
            bobs_copy = bob_session.get_one(Hazard, hazard_id)  # Bob has it open
            with alice.uow.transaction() as alice_session:
                alice_session.get_one(Hazard, hazard_id).notes = "Alice: fan checked"
            bobs_copy.notes = "Bob: fan replaced"  # over the version Alice replaced
    stored = read(alice, hazard_id)
    assert (stored.notes, stored.row_version) == ("Alice: fan checked", version + 1)


def test_the_second_writer_gets_both_values_and_may_keep_theirs(
    two_users: tuple[Register, Register, int],
) -> None:
    alice, bob, hazard_id = two_users
    seen_by_bob = read(bob, hazard_id).row_version
    with alice.uow.transaction() as session:
        editing.set_fields(
            session, Hazard, hazard_id, expected_version=seen_by_bob, notes="Alice's note"
        )
    with pytest.raises(EditConflict) as caught, bob.uow.transaction() as session:
        editing.set_fields(
            session, Hazard, hazard_id, expected_version=seen_by_bob, notes="Bob's note"
        )
    conflict = caught.value
    assert (conflict.mine, conflict.theirs) == ({"notes": "Bob's note"}, {"notes": "Alice's note"})
    assert conflict.changed_by == "Alice" and conflict.their_version == seen_by_bob + 1
    assert "Alice changed this record" in conflict.message
    assert "yours “Bob's note”, theirs “Alice's note”" in conflict.message
    assert read(bob, hazard_id).notes == "Alice's note"  # Bob chose theirs: nothing to do


def test_keeping_mine_writes_over_the_version_now_stored(
    two_users: tuple[Register, Register, int],
) -> None:
    alice, bob, hazard_id = two_users
    seen = read(bob, hazard_id).row_version
    with alice.uow.transaction() as session:
        editing.rate_hazard(session, hazard_id, "initial", (5, 4, None), seen)
    with pytest.raises(EditConflict) as caught, bob.uow.transaction() as session:
        editing.rate_hazard(session, hazard_id, "initial", (2, 4, None), seen)
    assert caught.value.conflicts[0].field == "initial_likelihood"
    assert (caught.value.conflicts[0].mine, caught.value.conflicts[0].theirs) == (2, 5)
    with bob.uow.transaction() as session:  # "keep mine"
        editing.rate_hazard(session, hazard_id, "initial", (2, 4, None), caught.value.their_version)
    stored = read(alice, hazard_id)
    assert (stored.initial_likelihood, stored.row_version) == (2, seen + 2)


def test_a_change_to_the_same_value_or_with_a_fresh_version_is_no_conflict(
    two_users: tuple[Register, Register, int],
) -> None:
    alice, bob, hazard_id = two_users
    seen = read(bob, hazard_id).row_version
    with alice.uow.transaction() as session:
        editing.set_fields(session, Hazard, hazard_id, expected_version=seen, notes="same")
    with bob.uow.transaction() as session:
        editing.set_fields(session, Hazard, hazard_id, expected_version=seen, notes="same")
    fresh = read(bob, hazard_id).row_version
    with bob.uow.transaction() as session:
        editing.set_fields(session, Hazard, hazard_id, expected_version=fresh, notes="x")
    assert read(alice, hazard_id).notes == "x"


def test_a_record_deleted_meanwhile_is_reported(two_users: tuple[Register, Register, int]) -> None:
    alice, bob, hazard_id = two_users
    seen = read(bob, hazard_id).row_version
    with alice.uow.transaction() as session:
        editing.delete_subtree(session, session.get_one(Hazard, hazard_id))
    with pytest.raises(UserError, match="deleted meanwhile"), bob.uow.transaction() as session:
        editing.set_fields(session, Hazard, hazard_id, expected_version=seen, notes="too late")


@pytest.mark.postgres
@pytest.mark.parametrize("engine_kind", ["postgres"], indirect=False)
def test_a_writer_waiting_for_a_row_lock_then_sees_the_conflict(
    two_users: tuple[Register, Register, int],
) -> None:
    """On the server both commits can race: Bob's write waits for Alice's row lock, then
    compares against what she committed (without the lock he would have read the old row)."""
    alice, bob, hazard_id = two_users
    seen = read(bob, hazard_id).row_version
    outcome: list[BaseException | None] = []
    alice_has_lock = threading.Event()
    with alice.uow.transaction() as session:
        editing.set_fields(session, Hazard, hazard_id, expected_version=seen, notes="Alice")
        alice_has_lock.set()

        def bob_writes() -> None:
            try:
                with bob.uow.transaction() as bob_session:
                    editing.set_fields(
                        bob_session, Hazard, hazard_id, expected_version=seen, notes="Bob"
                    )
                outcome.append(None)
            except BaseException as error:  # handed to the test thread
                outcome.append(error)

        bob_thread = threading.Thread(target=bob_writes)
        bob_thread.start()
        bob_thread.join(timeout=1.0)
        assert bob_thread.is_alive(), "Bob must wait for Alice's uncommitted change"
    bob_thread.join(timeout=10)
    assert isinstance(outcome[0], EditConflict)
    assert outcome[0].theirs == {"notes": "Alice"}
    assert read(alice, hazard_id).notes == "Alice"
