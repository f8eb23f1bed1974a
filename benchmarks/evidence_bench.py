"""Issue 17's figures: a 12 MB camera photo attached (checked, turned upright, scaled), and a
register holding 1,000 attached files opened for its first screen and its reminders.

Run as ``python -m benchmarks.evidence_bench FOLDER``.
"""

from __future__ import annotations

import io
import random
import time
from argparse import Namespace
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from benchmarks.common import argument_parser, emit, folder, peak_memory_mb, timed
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.persistence.queries import HazardFilter, hazard_rows, site_tree
from wrac_desktop.register import open_register
from wrac_desktop.services import attachments, work
from wrac_desktop.services.attachments import Checked
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.reminders import reminders

ATTACHED = 1000


def camera_photo(path: Path, megabytes: float = 12) -> Path:
    """A 4,000 × 3,000 photo of noise (JPEG compresses it badly: about a phone's 12 MB),
    taken with the phone upright (EXIF orientation 6)."""
    rng = random.Random(17)
    image = Image.frombytes("RGB", (4000, 3000), rng.randbytes(4000 * 3000 * 3))
    exif = image.getexif()
    exif[0x0112] = 6
    quality = 97
    while True:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, exif=exif)
        if buffer.tell() <= megabytes * 1024 * 1024 or quality < 60:
            break
        quality -= 1  # the largest under 12 MB: 3 at a time stopped at 10.7 MB
    path.write_bytes(buffer.getvalue())
    return path


def main(folder: Path) -> None:
    register_path = folder / "evidence.wrac"
    write_demo(register_path, workplaces=100, seed=3, overwrite=True)
    photo = camera_photo(folder / "camera.jpg")
    with open_register(register_path) as register:
        with register.uow.reading() as session:
            owners = list(session.scalars(select(Hazard.uuid).order_by(Hazard.id)))
        cpu = time.process_time()
        seconds, _added = timed(lambda: _attach(register, str(owners[0]), photo))
        emit("attach_12mb_photo", seconds, "s", goal=1.0,
             megabytes=round(photo.stat().st_size / 1024 / 1024, 1),
             cpu_s=round(time.process_time() - cpu, 3))  # fmt: skip
        _many(register, owners)

    def first_screen() -> int:
        with open_register(register_path) as register:
            with register.uow.reading() as session:
                site_tree(session)
                rows = len(hazard_rows(session, HazardFilter(), limit=1000))
            with work.reading(register) as on_register:
                reminders(on_register)
            return rows

    cpu = time.process_time()
    seconds, _rows = timed(first_screen)
    emit("open_with_1000_attachments", seconds, "s", goal=0.5, attachments=ATTACHED + 1,
         cpu_s=round(time.process_time() - cpu, 3))  # fmt: skip

    def check() -> list[str]:
        with open_register(register_path) as register:
            return check_register(register)

    seconds, problems = timed(check)
    emit("check_with_1000_attachments", seconds, "s", problems=len(problems))
    emit("evidence_peak_memory", peak_memory_mb(), "MB", goal=300)


def _attach(register: object, owner: str, photo: Path) -> list[object]:
    with work.transaction(register) as on_register:  # type: ignore[arg-type]
        return attachments.attach_files(on_register, "hazard", owner, [photo])  # type: ignore[return-value]


def _many(register: object, owners: list[object]) -> None:
    """1,000 small distinct photos over the hazards, in one transaction."""
    with register.uow.transaction() as session:  # type: ignore[attr-defined]
        for number in range(ATTACHED):
            buffer = io.BytesIO()
            Image.new("RGB", (64, 48), (number % 256, number // 256, 90)).save(buffer, "PNG")
            checked = Checked(f"site-{number}.png", buffer.getvalue(), attachments.PNG)
            owner = owners[number % len(owners)]
            attachments.attach_checked(session, "hazard", owner, [checked])  # type: ignore[arg-type]


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.evidence_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where the registers and photos are written")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(arguments().folder)
