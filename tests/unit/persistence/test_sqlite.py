from pathlib import Path

from wrac_desktop.persistence.sqlite import remove_database_files


def test_removing_a_register_takes_its_wal_and_shm_and_nothing_else(tmp_path: Path) -> None:
    register = tmp_path / "plant.wrac"
    kept = [tmp_path / "plant.wrac.schema2.bak", tmp_path / "other.wrac-wal"]
    for path in [register, Path(f"{register}-wal"), Path(f"{register}-shm"), *kept]:
        path.write_bytes(b"x")
    remove_database_files(register)
    assert sorted(tmp_path.iterdir()) == sorted(kept)


def test_removing_files_that_are_not_there_is_fine(tmp_path: Path) -> None:
    remove_database_files(tmp_path / "never.wrac")
    assert list(tmp_path.iterdir()) == []
