"""A small disk to fill up: a tmpfs where one may be mounted (as root on Linux), else the
child's RLIMIT_FSIZE stands in for it (writes past the limit fail with EFBIG as they would
with ENOSPC)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SIZE = 4 * 1024 * 1024


@dataclass
class SmallDisk:
    folder: Path
    tmpfs: bool  # else the child's file size limit stands in for a full disk

    def fill(self, free: int, limit: int) -> int | None:
        """Fill the tmpfs, leaving ``free`` bytes (None); without one, the file size limit
        ``limit`` for the child that stands in for it."""
        if not self.tmpfs:
            return limit
        filler = self.folder / "filler"
        filler.unlink(missing_ok=True)
        filler.write_bytes(b"\0" * max(shutil.disk_usage(self.folder).free - free, 0))
        return None

    def empty(self) -> None:
        for path in self.folder.iterdir():
            path.unlink()


@contextmanager
def small_disk(folder: Path, *, want_tmpfs: bool = True) -> Iterator[SmallDisk]:
    """A tmpfs mounted at ``folder`` (unmounted afterwards) if wanted and allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if want_tmpfs and _mount_tmpfs(folder):
        try:
            yield SmallDisk(folder, tmpfs=True)
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        yield SmallDisk(folder, tmpfs=False)


def _mount_tmpfs(folder: Path) -> bool:
    if shutil.which("mount") is None:
        return False
    command = ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(folder)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0
