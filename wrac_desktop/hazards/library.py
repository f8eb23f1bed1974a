"""The hazard library: built-in entries (TOML files shipped in data/) plus a register's own."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from pathlib import Path

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.hazards.schema import entry_from_dict, read_toml
from wrac_desktop.hazards.search import SearchIndex
from wrac_desktop.hazards.translation import translate_entry
from wrac_desktop.resources import package_path

DATA_DIR = package_path("hazards", "data")


class HazardLibrary:
    """An immutable set of entries, sorted by id, searchable in kk, ru and en."""

    def __init__(self, entries: Iterable[HazardEntry]) -> None:
        self.entries = tuple(sorted(entries, key=lambda entry: entry.id))
        self._by_id = {entry.id: entry for entry in self.entries}
        if len(self._by_id) != len(self.entries):
            ids = [entry.id for entry in self.entries]
            twice = next(entry_id for entry_id in ids if ids.count(entry_id) > 1)
            raise DataFileError(f"hazard library: entry '{twice}' appears twice")

    def get(self, entry_id: str) -> HazardEntry:
        """The entry with this id; KeyError if there is none."""
        return self._by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[HazardEntry]:
        return iter(self.entries)

    @property
    def active(self) -> tuple[HazardEntry, ...]:
        """Entries offered for new hazards (retired ones stay for hazards that use them)."""
        return tuple(entry for entry in self.entries if not entry.retired)

    @cached_property
    def _index(self) -> SearchIndex:
        # Built on first search, not at load: the CLI's other commands never pay for it.
        return SearchIndex(self.active)

    def search(self, query: str, lang: str | None = None, limit: int = 20) -> list[HazardEntry]:
        """Entries matching every word of ``query`` in any language, best first."""
        return self._index.search(query, lang, limit)

    def merged_with(self, extra: Iterable[HazardEntry]) -> HazardLibrary:
        """This library with a register's own entries; theirs win on a shared id."""
        merged = dict(self._by_id)
        merged.update({entry.id: entry for entry in extra})
        return HazardLibrary(merged.values())

    def to_json(self) -> str:
        """The whole library, every language, sorted by id, as indented UTF-8 JSON."""
        data = [entry.to_dict() for entry in self.entries]
        return json.dumps(data, ensure_ascii=False, indent=2)


def load_entry_file(path: Path) -> HazardEntry:
    """One hazard entry from its TOML file (English) and the wrac_library catalogue (every
    language), validated; the id must be the file's name."""
    data, where = read_toml(path)
    entry = entry_from_dict(translate_entry(data, where), where)
    if entry.id != Path(path).stem:
        raise DataFileError(f"{where}, entry '{entry.id}': the id must match the file name")
    return entry


def load_library_dir(folder: Path | str) -> HazardLibrary:
    """Every ``*.toml`` entry in ``folder``, validated; a missing folder is a user error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError(f"{folder}: no such folder of hazard-library files")
    return HazardLibrary(load_entry_file(path) for path in sorted(folder.glob("*.toml")))


@cache
def load_builtin_library() -> HazardLibrary:
    """The library shipped with the app, validated on first use."""
    return load_library_dir(DATA_DIR)
