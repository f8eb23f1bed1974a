"""The hazard library: built-in entries (TOML files shipped in data/) plus a register's own."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from pathlib import Path

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.hazards.search import SearchIndex
from wrac_desktop.resources import package_path

DATA_DIR = package_path("hazards", "data")


class HazardLibrary:
    def __init__(self, entries: Iterable[HazardEntry]) -> None:
        self.entries = tuple(sorted(entries, key=lambda entry: entry.id))
        self._by_id = {entry.id: entry for entry in self.entries}
        if len(self._by_id) != len(self.entries):
            raise DataFileError("hazard library: two entries share an id")

    def get(self, entry_id: str) -> HazardEntry:
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
        return SearchIndex(self.active)

    def search(self, query: str, lang: str | None = None, limit: int = 20) -> list[HazardEntry]:
        """Entries matching every word of ``query`` in any language, best first."""
        return self._index.search(query, limit)

    def merged_with(self, extra: Iterable[HazardEntry]) -> HazardLibrary:
        """This library with a register's own entries; theirs win on a shared id."""
        merged = dict(self._by_id)
        merged.update({entry.id: entry for entry in extra})
        return HazardLibrary(merged.values())

    def to_json(self) -> str:
        data = [entry.to_dict() for entry in self.entries]
        return json.dumps(data, ensure_ascii=False, indent=2)


def load_entry_file(path: Path) -> HazardEntry:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path}: not valid TOML ({error})") from error
    entry = HazardEntry.from_dict(data, str(path))
    if entry.id != path.stem:
        raise DataFileError(f"{path}, entry '{entry.id}': the id must match the file name")
    return entry


def load_library_dir(folder: Path) -> HazardLibrary:
    return HazardLibrary(load_entry_file(path) for path in sorted(Path(folder).glob("*.toml")))


@cache
def load_builtin_library() -> HazardLibrary:
    """The library shipped with the app, validated on first use."""
    return load_library_dir(DATA_DIR)
