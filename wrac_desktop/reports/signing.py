"""Digital signatures on PDF reports (PAdES, with pyHanko) from a PKCS#12 ``.p12`` key.

Kazakhstan's national certificate authority (NCA RK) issues RSA keys as password-protected
``.p12`` files; the same file signs here. Reading signatures back never goes online: the
signature's integrity and signer are checked, trust in the issuer is reported as not checked.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _

FIELD_NAME = "WRAC-Approval"


@dataclass(frozen=True)
class SignatureCheck:
    intact: bool  # the signed bytes are unchanged
    covers_whole_file: bool  # nothing was appended after signing
    signer: str
    signed_at: str


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
    from pyhanko.sign import signers

    # pyHanko logs (and swallows) its own failure; ours was already reported above.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
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


def sign_pdf(content: bytes, signer: Any, reason: str) -> bytes:
    """The PDF with a signature over all of it appended (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    metadata = signers.PdfSignatureMetadata(field_name=FIELD_NAME, reason=reason)
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return bytes(output.getvalue())


def signatures(content: bytes) -> list[SignatureCheck]:
    """Every signature in a PDF, checked offline."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    checks = []
    for embedded in reader.embedded_signatures:
        status = validate_pdf_signature(
            embedded, ValidationContext(trust_roots=[], allow_fetching=False)
        )
        checks.append(
            SignatureCheck(
                intact=bool(status.intact and status.valid),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                signer=status.signing_cert.subject.human_friendly,
                signed_at=str(status.signer_reported_dt or ""),
            )
        )
    return checks
