"""Evidence: files attached to hazards, measures, progress events and incident events.

Files from outside are hostile: the size is checked before a byte is read (25 MB at most), the
type by the content (JPEG, PNG or PDF by their first bytes; images also decoded, with a bound
on their pixels), never by the name. A large photo is scaled down on import (its EXIF
orientation applied) and its original kept only when asked. Bytes are stored once per SHA-256
inside the register, so a ``.wrac`` stays one file and a server register holds them too.

The store is generic: an owner is a kind (``OWNER_KINDS``) and a UUID; other features reuse
``attach_data``/``attach_files`` with their own kind.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from types import ModuleType

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.files import write_atomically
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.persistence import attachment_store as store
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.attachment_store import AttachmentRow
from wrac_desktop.persistence.audit import Actor, record_event
from wrac_desktop.persistence.models import ControlMeasure, Event, Hazard, ProgressEvent
from wrac_desktop.reports.data import Photo, PhotoGroup, RegisterRow
from wrac_desktop.services.work import Work, session_of

MAX_BYTES = 25 * 1024 * 1024
# Pixels a picture may have; beyond it: a decompression bomb. A JPEG is decoded at 1/2, 1/4 or
# 1/8 of its size when scaled (``draft``), so a 100-megapixel camera's frame costs little; a PNG
# decodes whole (4 bytes a pixel at most), so it gets less: an A4 scan at 600 dpi is 35 MP.
MAX_PIXELS = {"JPEG": 120_000_000, "PNG": 40_000_000}
SCALED_SIDE = 2560  # photos larger than this on either side are scaled down on import
SCALED_QUALITY = 85
OWNER_KINDS = ("hazard", "measure", "progress_event", "incident_event")
JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
IMAGE_TYPES = (JPEG, PNG)
_SUFFIXES = {JPEG: ".jpg", PNG: ".png", PDF: ".pdf"}

__all__ = ["AttachmentRow", "MAX_BYTES", "OWNER_KINDS", "attach_files", "read_checked"]


@dataclass(frozen=True)
class Checked:
    """A file read and checked, ready to store."""

    name: str
    data: bytes
    content_type: str


def read_checked(path: Path) -> Checked:
    """The file at ``path`` if it is a JPEG, PNG or PDF of at most 25 MB; else a UserError
    naming the file. The size is asked of the file system first, and no more is ever read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UserError(_("{path} is not a file").format(path=path))
        _check_size(path, size)
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError as error:
        raise UserError(_("{path} does not exist").format(path=path)) from error
    except OSError as error:
        raise UserError(
            _("{path} cannot be read: {reason}").format(path=path, reason=error.strerror)
        ) from error
    _check_size(path, len(data))  # it grew while we looked
    return Checked(path.name, data, content_type_of(str(path), data))


def _check_size(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        raise UserError(
            _("{path} is {size} MB; an attached file may be 25 MB at most").format(
                path=path, size=f"{size / 1024 / 1024:.1f}"
            )
        )
    if size == 0:
        raise UserError(_("{path} is empty").format(path=path))


def content_type_of(name: str, data: bytes) -> str:
    """JPEG, PNG or PDF, told by the content; a UserError naming ``name`` for anything else
    (and for an image that does not decode)."""
    if data.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif data[:1024].lstrip().startswith(b"%PDF-"):
        return PDF
    else:
        raise UserError(
            _("{path} is not a JPEG or PNG photo or a PDF (told by its content, not its name)")
            .format(path=name)
        )  # fmt: skip
    _check_image(name, data)
    return kind


@cache
def _pillow() -> ModuleType:
    """PIL.Image, loaded when first needed; its decompression-bomb warning silenced, since
    ``MAX_PIXELS`` refuses bombs first and a user should see no warning text."""
    import warnings

    from PIL import Image

    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    return Image


def _check_image(name: str, data: bytes) -> None:
    """Decode the header, refuse a picture with too many pixels before its pixels are decoded,
    then let Pillow check the rest of the file's structure."""
    Image = _pillow()  # noqa: N806

    try:
        with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
            width, height = image.size
            if width * height > MAX_PIXELS.get(image.format or "", 0):
                raise _too_large(name, width, height)
            image.verify()
    except UserError:
        raise
    except Image.DecompressionBombError as error:  # more pixels than Pillow itself opens
        raise _too_large(name, 0, 0) from error
    except Exception as error:  # Pillow raises many kinds on a damaged file
        raise UserError(
            _("{path} is damaged: the picture cannot be read").format(path=name)
        ) from error


def _too_large(name: str, width: int, height: int) -> UserError:
    if not width:
        return UserError(_("{path} is too large a picture to open").format(path=name))
    return UserError(
        _("{path}: {width} × {height} pixels is too large a picture").format(
            path=name, width=width, height=height
        )
    )


def scaled_photo(data: bytes) -> bytes | None:
    """``data`` scaled to at most ``SCALED_SIDE`` pixels a side, upright (EXIF orientation
    applied) as a JPEG; None when it is small enough as it is."""
    from PIL import ImageOps

    Image = _pillow()  # noqa: N806
    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) <= SCALED_SIDE:
            return None
        # Scaled first (a JPEG decoded at 1/2, 1/4 … where that is enough), then turned: a
        # square bound does not care which way up, and turning the small one is cheap.
        image.thumbnail((SCALED_SIDE, SCALED_SIDE), Image.Resampling.LANCZOS)
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=SCALED_QUALITY)
        return out.getvalue()


def upright_image(data: bytes, max_side: int) -> bytes:
    """An image as shown: EXIF orientation applied, at most ``max_side`` pixels a side, as a
    JPEG (PNG for a picture with transparency). For thumbnails and the report's appendix."""
    from PIL import ImageOps

    Image = _pillow()  # noqa: N806
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)  # draft()s a JPEG
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if upright.mode in ("RGBA", "LA", "P"):
            upright.save(out, "PNG")
        else:
            upright.convert("RGB").save(out, "JPEG", quality=SCALED_QUALITY)
        return out.getvalue()


def attach_checked(
    session: Session,
    owner_kind: str,
    owner_uuid: uuid.UUID,
    files: Sequence[Checked],
    *,
    keep_originals: bool = False,
) -> list[uuid.UUID]:
    """Store ``files`` for the owner (scaling large photos); the new attachments' UUIDs."""
    if owner_kind not in OWNER_KINDS:
        raise UserError(_("files cannot be attached to a “{kind}”").format(kind=owner_kind))
    actor = session.info.get("actor") or Actor("", "")
    rows = []
    for checked in files:
        data, content_type, original = checked.data, checked.content_type, None
        if content_type in IMAGE_TYPES:
            smaller = scaled_photo(data)
            if smaller is not None:
                if keep_originals:
                    original = store.store_blob(session, data, content_type)
                data, content_type = smaller, JPEG
        rows.append({
            "uuid": uuid.uuid4(), "owner_kind": owner_kind, "owner_uuid": owner_uuid,
            "sha256": store.store_blob(session, data, content_type),
            "original_sha256": original, "file_name": checked.name,
            "content_type": content_type, "size": len(data), "at": datetime.now(UTC),
            "user_name": actor.user_name, "os_user": actor.os_user,
        })  # fmt: skip
    store.add_attachments(session, rows)
    if rows:  # the audit trail names each file by its hash, so the two logs vouch for each other
        record_event(
            session, "attach", f"{len(rows)} file(s) attached to {owner_kind} {owner_uuid}",
            {"owner_kind": owner_kind, "owner": str(owner_uuid), "files": [
                {"uuid": str(row["uuid"]), "sha256": row["sha256"], "name": row["file_name"]}
                for row in rows
            ]},
        )  # fmt: skip
    return [uuid.UUID(str(row["uuid"])) for row in rows]


def attach_files(
    work: Work, owner_kind: str, owner: str, paths: Sequence[Path], *, keep_originals: bool = False
) -> list[uuid.UUID]:
    """Attach the files at ``paths`` to a hazard or measure named by its UUID (every file is
    read and checked before anything is stored: one bad file stores none)."""
    session = session_of(work)
    owner_uuid = owner_of(session, owner_kind, owner)
    checked = [read_checked(Path(path)) for path in paths]
    return attach_checked(session, owner_kind, owner_uuid, checked, keep_originals=keep_originals)


def owner_of(session: Session, owner_kind: str, owner: str) -> uuid.UUID:
    """The UUID of the hazard, measure or progress event ``owner`` names; a UserError when
    the register has none."""
    models: dict[str, type[Hazard] | type[ControlMeasure] | type[ProgressEvent] | type[Event]] = {
        "hazard": Hazard, "measure": ControlMeasure, "progress_event": ProgressEvent,
        "incident_event": Event,
    }  # fmt: skip
    model = models.get(owner_kind)
    try:
        owner_uuid = uuid.UUID(owner.strip())
    except ValueError:
        owner_uuid = None
    found = (
        model is not None
        and owner_uuid is not None
        and record_queries.holds_uuid(session, model, owner_uuid)
    )
    if not found or owner_uuid is None:
        raise UserError(
            _("the register holds no {kind} {id}").format(kind=_owner_word(owner_kind), id=owner)
        )
    return owner_uuid


def _owner_word(kind: str) -> str:
    return {"hazard": _("hazard"), "measure": _("measure"), "progress_event": _("progress event"),
            "incident_event": _("event")}.get(kind, kind)  # fmt: skip


def list_attachments(work: Work) -> list[AttachmentRow]:
    return store.all_attachments(session_of(work))


def attachments_of(work: Work, owners: Sequence[uuid.UUID]) -> list[AttachmentRow]:
    return store.attachments_of(session_of(work), owners)


def file_bytes(work: Work, sha256: str) -> bytes:
    data = store.blob_data(session_of(work), sha256)
    if data is None:
        raise UserError(_("the attached file {sha256} is missing").format(sha256=sha256[:12]))
    return data


def thumbnail(work: Work, row: AttachmentRow, side: int = 160) -> bytes | None:
    """A small upright picture of an attached photo (None for a PDF)."""
    if row.content_type not in IMAGE_TYPES:
        return None
    return upright_image(file_bytes(work, row.sha256), side)


def extract_all(work: Work, folder: Path) -> list[Path]:
    """Write every attached file into ``folder`` (made if missing), one file per attachment,
    named ``<owner kind>-<owner uuid>-<n>-<name>`` with the suffix its content has; the paths."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            _("folder {path} cannot be made: {reason}").format(path=folder, reason=error.strerror)
        ) from error
    written = []
    for number, row in enumerate(list_attachments(work), start=1):
        target = folder / _extracted_name(number, row)
        write_atomically(target, file_bytes(work, row.sha256))
        written.append(target)
    return written


def _extracted_name(number: int, row: AttachmentRow) -> str:
    stem = Path(row.file_name).stem.replace("/", "_").replace("\\", "_")[:80] or "file"
    suffix = _SUFFIXES.get(row.content_type, "")
    return f"{number:04}-{row.owner_kind}-{str(row.owner_uuid)[:8]}-{stem}{suffix}"


@dataclass(frozen=True)
class Evidence:
    """An attached file as the action plan shows it: a thumbnail for a photo (None for a PDF)."""

    file_name: str
    content_type: str
    thumbnail: bytes | None
    attached: datetime


def evidence_of_measure(work: Work, measure_id: int, side: int = 96) -> list[Evidence]:
    """The files attached to a measure and to the steps of its progress log, oldest first."""
    from wrac_desktop.persistence.progress_queries import events

    session = session_of(work)
    key = session.get_one(ControlMeasure, measure_id).uuid
    owners = [key, *(event.uuid for event in events(session, [key]))]
    return [
        Evidence(row.file_name, row.content_type, thumbnail(work, row, side), row.at)
        for row in store.attachments_of(session, owners)
    ]


PRINTED_SIDE = 1200  # pixels: a photo in the report's appendix, sharp at 80 mm and small


def report_photos(
    session: Session, rows: Iterable[RegisterRow], as_of: date | None = None
) -> list[PhotoGroup]:
    """The photos attached to the printed hazards, to their measures and to those measures'
    progress steps (by ``as_of``), grouped under each hazard's register number. Decoded and
    scaled one at a time, so memory holds only the printed sizes."""
    from wrac_desktop.persistence.progress_queries import events

    owner_row: dict[uuid.UUID, RegisterRow] = {}
    for row in rows:
        owner_row[uuid.UUID(row.uuid)] = row
        for control in row.additional:
            if control.uuid:
                owner_row[uuid.UUID(control.uuid)] = row
    measures = [key for key, row in owner_row.items() if str(key) != row.uuid]
    for event in events(session, measures, as_of):
        owner_row[event.uuid] = owner_row[event.measure_uuid]
    photos: dict[int, list[Photo]] = {}
    for attached in store.all_attachments(session):
        owner = owner_row.get(attached.owner_uuid)
        if owner is None or attached.content_type not in IMAGE_TYPES:
            continue
        if as_of is not None and attached.at.date() > as_of:
            continue
        data = store.blob_data(session, attached.sha256)
        if data is None:
            continue
        caption = f"{attached.file_name} · {format_date(attached.at.date())}"
        photos.setdefault(owner.number, []).append(
            Photo(caption, upright_image(data, PRINTED_SIDE))
        )
    by_number = {row.number: row for row in rows}
    return [
        PhotoGroup(number, by_number[number].workplace, by_number[number].hazard, found)
        for number, found in sorted(photos.items())
    ]
