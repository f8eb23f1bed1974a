"""Digital signatures on PDF reports: PAdES baseline (``ETSI.CAdES.detached``, with pyHanko)
from a PKCS#12 ``.p12`` key, several signers in sequence.

Kazakhstan's national certificate authority (NCA RK) issues RSA keys as password-protected
``.p12`` files; the same file signs here. The export places an empty, visible signature field
on each signature line (the approver's, each commission member's, see ``signature_places``);
each signer fills one field as an incremental update, so the approver and every member sign
the same file and each earlier signature stays valid. Reading signatures back never goes
online: integrity and signer are checked, trust in the issuer is reported as not checked.
"""

from __future__ import annotations

import io
import logging
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import NC_, _, translated_in
from wrac_desktop.reports.signature_places import APPROVER_FIELD

FIELD_NAME = APPROVER_FIELD  # the field a signed export fills
_REASONS = {
    "approver": NC_("signature", "Approval of the occupational risk assessment"),
    "member": NC_("signature", "Signature of a member of the risk assessment commission"),
    "other": NC_("signature", "Signature"),
}


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF, checked offline."""

    intact: bool  # the signed bytes are unchanged and the signature over them is right
    covers_whole_file: bool  # nothing at all was appended after signing
    signer: str
    signed_at: str
    field: str = ""
    reason: str = ""
    # Only other signatures were added after this one (what a second signer does); a page,
    # text or annotation changed after signing makes it False.
    unchanged_since: bool = True
    pades: bool = False  # ETSI.CAdES.detached, not the older adbe.pkcs7.detached


@dataclass(frozen=True)
class SignatureField:
    """A signature field of a PDF: whose line it is (``person``) and whether it is signed."""

    name: str
    signed: bool
    person: str = ""


@contextmanager
def _quiet_library() -> Iterator[None]:
    """pyHanko imports cryptography's DSA module, which warns that DSA is deprecated on every
    import, and logs (and swallows) failures we report ourselves; neither is for a user."""
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*DSA.*deprecated", module=r"pyhanko(\.|$)")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"pyhanko")
        yield


def load_signer(key_file: Path, password: str) -> Any:
    """A pyHanko signer from a .p12 file; a clear ``UserError`` for a wrong password or file."""
    key_file = Path(key_file)
    try:
        data = key_file.read_bytes()
    except OSError as error:
        raise UserError(
            _("cannot read the key {path}: {reason}").format(path=key_file, reason=error.strerror)
        ) from error
    _check_pkcs12(key_file, data, password)
    with _quiet_library():
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password.encode()
        )
    if signer is None:
        raise UserError(_("{path} is not a usable signing key").format(path=key_file))
    return signer


def _check_pkcs12(key_file: Path, data: bytes, password: str) -> None:
    from asn1crypto import pkcs12
    from cryptography.hazmat.primitives.serialization.pkcs12 import load_key_and_certificates

    try:
        pkcs12.Pfx.load(data).native  # noqa: B018 - parses the whole structure
    except Exception as error:  # asn1crypto raises many kinds for damaged input
        raise UserError(
            _("{path} is not a PKCS#12 (.p12) key file, or it is damaged").format(path=key_file)
        ) from error
    try:
        key, certificate, _others = load_key_and_certificates(data, password.encode())
    except ValueError as error:
        raise UserError(_("wrong password for the key {path}").format(path=key_file)) from error
    if key is None or certificate is None:
        raise UserError(_("{path} holds no private key with its certificate").format(path=key_file))


def signer_name(signer: Any) -> str:
    """The signer's common name as its certificate gives it ("Ахметов Ержан")."""
    subject = signer.signing_cert.subject.native
    return str(subject.get("common_name") or signer.signing_cert.subject.human_friendly)


def signature_fields(content: bytes | IO[bytes]) -> list[SignatureField]:
    """The signature fields of a PDF, in document order."""
    with _quiet_library():
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign import fields

        reader = _reader(content, PdfFileReader)
        found = []
        for name, value, reference in fields.enumerate_sig_fields(reader):
            person = str(reference.get_object().get("/TU", ""))
            found.append(SignatureField(str(name), value is not None, person))
        return found


def document_language(content: bytes | IO[bytes]) -> str | None:
    """The language an export recorded in the PDF (``/Lang``), if it is one of ours."""
    with _quiet_library():
        from pyhanko.pdf_utils.reader import PdfFileReader

        lang = str(_reader(content, PdfFileReader).root.get("/Lang", ""))
    return lang if lang in ("kk", "ru", "en") else None


def _reader(content: bytes | IO[bytes], reader_class: Any) -> Any:
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    try:
        return reader_class(stream, strict=False)
    except Exception as error:  # pyHanko raises several kinds for a damaged file
        raise UserError(_("the file is not a readable PDF")) from error


def field_for(content: bytes, signer: Any) -> str | None:
    """The empty signature field on the signer's own line (matched by name with the
    certificate); None for a PDF without signature lines (then it signs invisibly).
    A ``UserError`` naming the empty lines when none is the signer's."""
    from wrac_desktop.text import same_person

    fields = signature_fields(content)
    empty = [f for f in fields if not f.signed]
    name = signer_name(signer)
    for candidate in empty:
        if candidate.person and same_person(name, candidate.person):
            return candidate.name
    if not any(f.person for f in fields):
        return None  # no signature lines (an older export): an invisible signature
    if not empty:
        raise UserError(_("every signature line of this PDF is signed already"))
    lines = ", ".join(f"{f.name} ({f.person})" if f.person else f.name for f in empty)
    raise UserError(
        _("no signature line of {name} in this PDF; choose one with --field: {lines}").format(
            name=name, lines=lines
        )
    )


def reason_for(field: str, lang: str) -> str:
    """The reason a signature in ``field`` gives, in the report's language."""
    role = "approver" if field == APPROVER_FIELD else "member" if "Member" in field else "other"
    return translated_in(_REASONS[role], lang)


def sign_pdf(
    content: bytes, signer: Any, reason: str | None = None, *, field: str | None = None,
    lang: str | None = None,
) -> bytes:  # fmt: skip
    """The PDF with one more PAdES signature, appended as an incremental update.

    ``field`` names an empty signature field (the approver's by default, when the PDF has
    one): the signature shows there, with the signer's name and the time. Without such a
    field the signature is invisible. ``reason`` defaults to the field's, in ``lang`` (else
    the language the PDF records, else the messages' language).
    """
    out = io.BytesIO()
    sign_pdf_into(out, io.BytesIO(content), signer, reason, field=field, lang=lang)
    return out.getvalue()


def sign_pdf_into(
    out: IO[bytes], content: IO[bytes], signer: Any, reason: str | None = None, *,
    field: str | None = None, lang: str | None = None,
) -> None:  # fmt: skip
    """``sign_pdf`` from a seekable stream into ``out`` (which must also read and seek: the
    signature's digest is taken over what was written), neither held whole in memory: a
    100,000-hazard register's PDF is 110 MB, and its bytes, their copies and the signed
    copy made the window's signed export the largest thing it held (issue 22)."""
    fields = signature_fields(content)
    empty = {f.name: f for f in fields if not f.signed}
    field = field or _default_field(fields)
    lang = lang or document_language(content) or "en"
    with _quiet_library():
        _signed(out, content, signer, field, reason or reason_for(field, lang), lang, empty)


def _default_field(fields: list[SignatureField]) -> str:
    """The approver's field while it is empty, else the first empty one, else a new name."""
    empty = [f.name for f in fields if not f.signed]
    if empty:
        return FIELD_NAME if FIELD_NAME in empty else empty[0]
    taken = {f.name for f in fields}
    number = 1
    while (name := FIELD_NAME if number == 1 else f"WRAC-Signature-{number}") in taken:
        number += 1
    return name


def _signed(
    out: IO[bytes], content: IO[bytes], signer: Any, field: str, reason: str, lang: str,
    empty: dict[str, Any],
) -> None:  # fmt: skip
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    metadata = signers.PdfSignatureMetadata(
        field_name=field,
        reason=reason,
        name=signer_name(signer),
        subfilter=SigSeedSubFilter.PADES,
    )
    content.seek(0)
    writer = IncrementalPdfFileWriter(content)
    with tempfile.TemporaryDirectory(prefix="wrac-stamp-") as scratch:
        style = None
        if field in empty:
            box = _field_size(writer, field)
            style = _stamp_style(Path(scratch) / "stamp.pdf", signer, box, lang)
        pdf_signer = signers.PdfSigner(metadata, signer, stamp_style=style)
        pdf_signer.sign_pdf(writer, output=out)


def _field_size(writer: Any, field: str) -> tuple[float, float]:
    from pyhanko.sign import fields

    for name, _value, reference in fields.enumerate_sig_fields(writer.prev):
        if name == field:
            x1, y1, x2, y2 = (float(v) for v in reference.get_object()["/Rect"])
            return abs(x2 - x1), abs(y2 - y1)
    raise UserError(_("the PDF has no signature field {name}").format(name=field))


def _stamp_style(path: Path, signer: Any, size: tuple[float, float], lang: str) -> Any:
    """The field's appearance, drawn by ReportLab in DejaVu Sans: pyHanko's own text stamps
    need an extra font stack for Cyrillic, and NCA RK names are Cyrillic."""
    from pyhanko.stamp import StaticStampStyle

    _draw_stamp(path, signer_name(signer), size, lang)
    return StaticStampStyle.from_pdf_file(str(path), border_width=0)


def _draw_stamp(path: Path, name: str, size: tuple[float, float], lang: str) -> None:
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD, register_fonts

    register_fonts()
    width, height = size
    canvas = Canvas(str(path), pagesize=(width, height))
    canvas.setStrokeColor(colors.HexColor("#1F4E79"))
    canvas.setFillColor(colors.HexColor("#1F4E79"))
    canvas.roundRect(1, 1, width - 2, height - 2, 3, stroke=1, fill=0)
    lines = [
        (FONT, translated_in(NC_("signature", "Signed with a digital signature"), lang)),
        (FONT_BOLD, name),
        (FONT, datetime.now(UTC).strftime("%d.%m.%Y %H:%M UTC")),
    ]
    size_pt = _font_size(lines, width - 8, height - 4)
    y = height - 3 - size_pt
    for font, text in lines:
        canvas.setFont(font, size_pt)
        canvas.drawString(4, y, _fitted(text, font, size_pt, width - 8))
        y -= size_pt * 1.25
    canvas.save()


def _font_size(lines: list[tuple[str, str]], width: float, height: float) -> float:
    """The largest size up to 8 pt at which every line fits; never below 5 pt (then cut)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fitting = [width / max(stringWidth(text, font, 1), 1) for font, text in lines]
    return max(5.0, min(8.0, height / (len(lines) * 1.25), *fitting))


def _fitted(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text


def signatures(content: bytes) -> list[SignatureCheck]:
    """Every signature in a PDF, in signing order, checked offline."""
    with _quiet_library():
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = _reader(content, PdfFileReader)
        return [_checked(embedded) for embedded in reader.embedded_signatures]


def _checked(embedded: Any) -> SignatureCheck:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=[], allow_fetching=False)
    )
    level = status.modification_level
    unchanged = level is not None and level <= ModificationLevel.FORM_FILLING
    return SignatureCheck(
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly,
        signed_at=str(status.signer_reported_dt or ""),
        field=str(embedded.field_name or ""),
        reason=str(embedded.sig_object.get("/Reason", "")),
        unchanged_since=unchanged and status.docmdp_ok is not False,
        pades=str(embedded.sig_object.get("/SubFilter", "")) == "/ETSI.CAdES.detached",
    )
